"""Refit the fact-check matcher's rerank/calibration weights from CheckThat! 2022 task 2A (or 2020 task 2).

    .venv/bin/python scripts/train_matcher.py [DATA_DIR] [--out src/newstrail/models/matcher/weights.json]

DATA_DIR (default ../shared/data/checkthat2022-2a) holds CheckThat! 2022 task 2A's
``vclaims.jsonl`` (14,231 Snopes claims, our "fact-checks"), its queries and train/dev
qrels, or CheckThat! 2020 task 2's ``v3.0/verified_claims.docs.tsv`` and ``v3.0/train``
/ ``v3.0/dev``. CT2022's train tweets are CT2020's train and dev tweets, and its dev
tweets are CT2020's test tweets: so the script fits on train, scores ``--folds``-fold
cross-validation on train (the figure settings are chosen by, with its spread), and
prints the dev split's score only as a report. For every variant whose embeddings are installed (hybrid = fast + accurate,
accurate, fast, lexical) it computes the rerank features of the fused candidates of
each training tweet (and of its sentences), fits an L2-regularised logistic
regression (label: the candidate is a gold match), and prints MAP@5 / MAP@1 on dev.
The test split is never read here. Only numpy is needed (no torch, no sklearn).

Besides the claim, the features read what a tweet's signature line says (``--context``):
its date against the fact-check's (CT2022's claims are dated) and its author's name in
the fact-check; ``--retrieve ... signed`` adds the fact-checks naming the author, nearest
in date, to the candidates. Every training candidate is also fitted with those features
blanked (``--blind``, the default), so undated queries and collections (CT2020's claims
have no dates) rank as well as before; the cross-validation reports MAP@5 with and
without the signatures.
``--cache DIR`` keeps the claims' embeddings between runs.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

import tempfile

from newstrail.factchecks.claimreview import read_factchecks
from newstrail.eval.factchecks import claims_file, is_ct2022, load_split, map_at_k
from newstrail.factchecks.index import FactCheckIndex, load_embedder
from newstrail.factchecks.matching import ADAPTER_FILE, FEATURES, WEIGHTS_FILE, Matcher, MatcherWeights, QueryContext, Variant
from newstrail.factchecks.record import FactCheck
from newstrail.factchecks.terms import unsigned

LEXICAL = ["bm25_rel", "bm25_gap", "overlap_q", "overlap_d", "rrf", "whole"]
#: what a query says besides its claim (``--context``): its date against the fact-check's
#: and its signed author's name in the fact-check (tweets carry both in the signature line)
CONTEXT = {"date": ["date_near", "dated"], "author": ["author"]}
ADAPTED = ["adapt_cos", "adapt_gap"]
#: features whose meaning does not depend on the rest of the collection: the calibrator's
ABSOLUTE = {"bm25_rel", "overlap_q", "overlap_d", "whole", "fast_cos", "acc_cos", "acc_cos2", "adapt_cos", "date_near", "dated", "author"}
VARIANTS = {
    "hybrid": (["fast", "accurate"], LEXICAL + ["fast_cos", "fast_gap", "acc_cos", "acc_gap", "acc_cos2"] + ADAPTED),
    "accurate": (["accurate"], LEXICAL + ["acc_cos", "acc_gap", "acc_cos2"] + ADAPTED),
    "fast": (["fast"], LEXICAL + ["fast_cos", "fast_gap"]),
    "lexical": ([], LEXICAL),
}


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 50) -> tuple[np.ndarray, float]:
    """Newton's method for L2-regularised logistic regression on standardised ``x``."""
    n, d = x.shape
    a = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(d + 1)
    reg = np.full(d + 1, l2)
    reg[-1] = 0.0  # the intercept is not shrunk
    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(a @ w, -40, 40)))
        grad = a.T @ (p - y) + reg * w
        hess = (a * (p * (1 - p))[:, None]).T @ a + np.diag(reg) + 1e-9 * np.eye(d + 1)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1])


def fit_adapter(queries: np.ndarray, gold: list[list[int]], docs: np.ndarray, tau: float = 0.05, l2: float = 0.01,
                steps: int = 50, rate: float = 0.5, negatives: int = 256) -> np.ndarray:
    """A linear map W for query vectors, so that normalise(q W) lands nearer its gold claims.

    Softmax cross-entropy of each training query over its gold claims and its
    ``negatives`` nearest other claims (the hard ones; far claims add nothing),
    gradient descent from the identity with an L2 pull back towards it. Documents
    are left as they are, so the stored vectors stay valid.
    """
    q = queries.astype(np.float32)
    near = np.argsort(-(q @ docs.T), axis=1)[:, :negatives]
    rows, target = [], []
    for i, g in enumerate(gold):
        others = [r for r in near[i] if r not in g][: negatives - len(g)]
        rows.append(list(g) + others)
        target.append([1.0 / len(g)] * len(g) + [0.0] * len(others))
    cand = docs[np.array(rows)].astype(np.float32)          # (n, negatives, dim)
    target = np.array(target, dtype=np.float32)
    eye = np.eye(q.shape[1], dtype=np.float32)
    delta = np.zeros_like(eye)
    for _ in range(steps):
        mapped = q @ (eye + delta)
        logits = np.einsum("nd,nkd->nk", mapped, cand) / tau
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        grad_mapped = np.einsum("nk,nkd->nd", p - target, cand) / tau
        delta -= rate * (q.T @ grad_mapped / len(q) + l2 * delta)
    return eye + delta


def adapter_data(matcher: Matcher, queries: dict[str, str], qrels: dict[str, set[str]]):
    """Whole-query accurate vectors and the index rows of their gold claims."""
    ids = [q for q in queries if q in qrels and any(d in matcher.index.position for d in qrels[q])]
    vectors = matcher.index.encode("accurate", [matcher.split(queries[q])[0][0] for q in ids])
    gold = [[matcher.index.position[d] for d in qrels[q] if d in matcher.index.position] for q in ids]
    return ids, vectors, gold


class Memo:
    """An embedder that remembers what it encoded: training encodes the same tweets many times."""

    def __init__(self, embedder) -> None:
        self.embedder, self.name, self.dim, self.seen = embedder, embedder.name, embedder.dim, {}

    def encode(self, texts):
        todo = [t for t in dict.fromkeys(texts) if t not in self.seen]
        if todo:
            self.seen.update(zip(todo, self.embedder.encode(todo), strict=True))
        return np.stack([self.seen[t] for t in texts]) if texts else np.zeros((0, self.dim), dtype=np.float32)


def build_index(data: Path, kinds: list[str], cache: Path | None) -> FactCheckIndex:
    with tempfile.TemporaryDirectory() as folder:
        factchecks = [fc for fc in read_factchecks(claims_file(data, folder)) if isinstance(fc, FactCheck)]
    embedders = {k: e for k in kinds if (e := load_embedder(k)) is not None}
    vectors = {}
    for kind, embedder in embedders.items():
        path = cache / f"{embedder.name}.npy" if cache else None
        if path and path.exists() and len(cached := np.load(path)) == len(factchecks):
            vectors[kind] = cached
        else:
            started = time.perf_counter()
            vectors[kind] = embedder.encode([fc.text for fc in factchecks])
            print(f"  embedded {len(factchecks)} claims with {embedder.name} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
            if path:
                path.parent.mkdir(parents=True, exist_ok=True)
                np.save(path, vectors[kind])
    return FactCheckIndex(factchecks, vectors=vectors, embedders={k: Memo(e) for k, e in embedders.items()})


def features_of(matcher: Matcher, queries: dict[str, str], qrels: dict[str, set[str]]):
    """Stacked features and labels of every candidate of every segment of every query."""
    xs, ys = [], []
    segs = {q: matcher.split(t) for q, t in queries.items() if q in qrels}
    flat = [s for q in segs for s, _ in segs[q]]
    vectors = matcher.encode_segments(flat)
    start = 0
    for q, parts in segs.items():
        part = {k: v[start : start + len(parts)] for k, v in vectors.items()}
        start += len(parts)
        for cands in matcher.candidates(parts, part, context=QueryContext.of(queries[q])):
            xs.append(cands.features)
            ys.append(np.array([matcher.index.ids[r] in qrels[q] for r in cands.rows], dtype=np.float64))
    return np.vstack(xs), np.concatenate(ys)


def evaluate(matcher: Matcher, queries: dict[str, str], qrels: dict[str, set[str]]) -> tuple[float, float]:
    ids = [q for q in queries if q in qrels]
    results = matcher.match_many([queries[q] for q in ids], top=5)
    runs = {q: [m.factcheck.id for m in ms] for q, ms in zip(ids, results, strict=True)}
    return map_at_k(runs, qrels, 5), map_at_k(runs, qrels, 1)


def fit_variant(index: FactCheckIndex, name: str, train: dict[str, str], qrels: dict[str, set[str]], args: argparse.Namespace):
    """The fitted :class:`Variant` ``name``, the query adapter (None if it uses none), a matcher with both, and the training candidates' labels."""
    needs, feats = VARIANTS[name]
    feats = feats + [f for c in args.context for f in CONTEXT[c]]
    cols = [FEATURES.index(f) for f in feats]
    placeholder = Variant(name, feats, [0.0] * len(feats), 0.0, [0.0] * len(feats), [1.0] * len(feats), needs)
    weights = MatcherWeights({name: placeholder}, depth=args.depth, pool=args.pool, segments=not args.no_segments, retrieve=args.retrieve)
    matcher = Matcher(index, weights)
    adapter = None
    if "adapt_cos" in feats:
        # Out-of-fold: each training tweet's adapted cosine comes from an adapter
        # fitted without it, so the reranker learns how far the adapter generalises.
        ids, qv, gold = adapter_data(matcher, train, qrels)
        folds = np.arange(len(ids)) % args.folds
        xs, ys = [], []
        for fold in range(args.folds):
            keep = folds != fold
            matcher.adapter = fit_adapter(qv[keep], [g for g, k in zip(gold, keep) if k], index.vectors["accurate"])
            part = {q: train[q] for q, f in zip(ids, folds) if f == fold}
            fx, fy = features_of(matcher, part, qrels)
            xs.append(fx)
            ys.append(fy)
        x, y = np.vstack(xs), np.concatenate(ys)
        adapter = fit_adapter(qv, gold, index.vectors["accurate"])
    else:
        x, y = features_of(matcher, train, qrels)
    if args.blind:
        # Each candidate twice, once as if neither the query nor the fact-check had a
        # date or author (CT2020's claims have no dates): the other weights then also rank well without them.
        blind = x.copy()
        blind[:, [FEATURES.index(f) for fs in CONTEXT.values() for f in fs]] = 0.0
        x, y = np.vstack([x, blind]), np.concatenate([y, y])
    mean, scale = x[:, cols].mean(axis=0), x[:, cols].std(axis=0) + 1e-6
    coef, intercept = fit_logistic((x[:, cols] - mean) / scale, y, l2=args.l2)
    # The calibrator: fitted on the candidates the reranker puts in its top 5, where
    # a threshold is applied in practice, over the absolute features only.
    absolute = [f for f in feats if f in ABSOLUTE]
    acols = [FEATURES.index(f) for f in absolute]
    rank_p = 1 / (1 + np.exp(-(((x[:, cols] - mean) / scale) @ coef + intercept)))
    top = rank_p >= np.quantile(rank_p, 0.9)
    amean, ascale = x[top][:, acols].mean(axis=0), x[top][:, acols].std(axis=0) + 1e-6
    acoef, aintercept = fit_logistic((x[top][:, acols] - amean) / ascale, y[top], l2=args.l2)
    calibration = {"features": absolute, "coef": [round(c, 6) for c in acoef.tolist()], "intercept": round(aintercept, 6),
                   "mean": [round(m, 6) for m in amean.tolist()], "scale": [round(v, 6) for v in ascale.tolist()], "needs": needs}
    variant = Variant(name, feats, [round(c, 6) for c in coef.tolist()], round(intercept, 6),
                      [round(m, 6) for m in mean.tolist()], [round(s, 6) for s in scale.tolist()], needs, calibration)
    matcher.variant, matcher.adapter = variant, adapter
    return variant, adapter, matcher, y


def cross_validate(index: FactCheckIndex, name: str, train: dict[str, str], qrels: dict[str, set[str]], args: argparse.Namespace) -> tuple[list[float], list[float]]:
    """MAP@5 of each of ``args.cv`` folds of the training queries, fitted on the others; and
    the same with the tweets' signature lines (date, author) removed, as on undated data."""
    ids = sorted(train)
    scores, blind = [], []
    for fold in range(args.cv):
        held = set(ids[fold :: args.cv])
        fit = {q: t for q, t in train.items() if q not in held}
        _, _, matcher, _ = fit_variant(index, name, fit, qrels, args)
        scores.append(evaluate(matcher, {q: train[q] for q in held}, {q: qrels[q] for q in held})[0])
        blind.append(evaluate(matcher, {q: unsigned(train[q]) for q in held}, {q: qrels[q] for q in held})[0])
        print(f"  fold {fold + 1}/{args.cv}: MAP@5 {scores[-1]:.4f}, without signatures {blind[-1]:.4f}", flush=True)
    return scores, blind


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", default="../shared/data/checkthat2022-2a", type=Path)
    parser.add_argument("--out", default=str(WEIGHTS_FILE), type=Path)
    parser.add_argument("--cache", default=None, type=Path, help="folder to keep the claims' embeddings in between runs")
    parser.add_argument("--depth", default=50, type=int, help="fused candidates reranked per segment")
    parser.add_argument("--pool", default=100, type=int, help="candidates taken from each retriever before fusion")
    parser.add_argument("--l2", default=1.0, type=float)
    parser.add_argument("--no-segments", action="store_true", help="match whole queries only, not also sentence by sentence")
    parser.add_argument("--variants", nargs="*", default=list(VARIANTS))
    parser.add_argument("--retrieve", nargs="*", default=["accurate", "signed"], help="embedding kinds whose neighbours join the candidate pool; 'signed' adds the fact-checks naming a tweet's author")
    parser.add_argument("--context", nargs="*", default=list(CONTEXT), choices=list(CONTEXT), help="context features: the query's date, its author")
    parser.add_argument("--blind", action=argparse.BooleanOptionalAction, default=True,
                        help="also fit on every candidate with its context features zeroed (--no-blind: not)")
    parser.add_argument("--folds", default=5, type=int, help="folds for the out-of-fold adapter features")
    parser.add_argument("--cv", default=5, type=int, help="cross-validation folds over the training queries (0: none)")
    args = parser.parse_args(argv)

    kinds = sorted({k for name in args.variants for k in VARIANTS[name][0]})
    index = build_index(args.data, kinds, args.cache)
    train, train_qrels = load_split(args.data, "train")
    dev, dev_qrels = load_split(args.data, "dev")
    old, old_rows = {}, []
    if args.out.exists():
        try:
            kept = MatcherWeights.load(args.out)
            old, old_rows = kept.variants, kept.meta.get("dev", [])
        except Exception:  # a broken old file is simply replaced
            old = {}
    # variants not refitted now are kept from the file being replaced
    variants: dict[str, Variant] = {n: v for n, v in old.items() if n not in args.variants}
    adapter = None
    report = []
    for name in args.variants:
        needs = VARIANTS[name][0]
        if any(k not in index.kinds for k in needs):
            if name in old:
                variants[name] = old[name]
            print(f"{name:<9} skipped: embeddings {needs} not all installed (kept the old fit: {name in old})", file=sys.stderr)
            continue
        cv, cv_blind = cross_validate(index, name, train, train_qrels, args) if args.cv else ([], [])
        variant, fitted, matcher, y = fit_variant(index, name, train, train_qrels, args)
        variants[name] = variant
        adapter = fitted if fitted is not None else adapter
        m5, m1 = evaluate(matcher, dev, dev_qrels)
        t5, _ = evaluate(matcher, train, train_qrels)
        row = {"variant": name, "cv_map5": round(float(np.mean(cv)), 4) if cv else None, "cv_folds": [round(c, 4) for c in cv],
               "cv_map5_unsigned": round(float(np.mean(cv_blind)), 4) if cv_blind else None,
               "dev_map5": round(m5, 4), "dev_map1": round(m1, 4), "train_map5": round(t5, 4)}
        report.append(row)
        spread = f"CV MAP@5 {np.mean(cv):.4f} (folds {min(cv):.4f}-{max(cv):.4f}; without signatures {np.mean(cv_blind):.4f}); " if cv else ""
        print(f"{name:<9} train candidates {len(y)} ({int(y.sum())} gold); train MAP@5 {t5:.4f}; {spread}dev MAP@5 {m5:.4f} MAP@1 {m1:.4f}", flush=True)
    lab = "CLEF CheckThat! 2022 task 2A (English tweets vs 14,231 Snopes claims)" if is_ct2022(args.data) else "CLEF CheckThat! 2020 task 2 (English tweets vs Snopes claims), v3.0"
    meta = {
        "trained_on": f"{lab} train split; the cross-validation on train (cv_map5 and its folds, where a variant has them) chose the settings; dev scored only",
        "script": "scripts/train_matcher.py",
        "context": args.context, "blind": args.blind,
        "dev": report,
    }
    if adapter is None and args.out.exists():
        adapter = MatcherWeights.load(args.out).adapter  # kept for the variants not refitted
    # best first by cross-validated MAP@5 (never by dev: CT2022's dev tweets are CT2020's test)
    # the report rows of the variants kept from the file being replaced stay with them
    report = [r for r in old_rows if r.get("variant") in variants and r["variant"] not in args.variants] + report
    meta["dev"] = report
    # cross-validated variants first (by that figure), then the others by their training MAP@5
    rows = {r["variant"]: r for r in report}
    preference = sorted(variants, key=lambda n: (rows.get(n, {}).get("cv_map5") is None, -(rows.get(n, {}).get("cv_map5") or rows.get(n, {}).get("train_map5") or 0.0)))
    out = MatcherWeights(variants, depth=args.depth, pool=args.pool, segments=not args.no_segments, meta=meta, adapter=adapter,
                         preference=preference, retrieve=args.retrieve)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if adapter is not None:
        np.save(args.out.parent / ADAPTER_FILE, adapter)
    args.out.write_text(json.dumps(out.to_dict(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
