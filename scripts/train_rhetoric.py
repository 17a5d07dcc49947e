"""Retrain the rhetoric model (propaganda spans and techniques) from the PTC corpus.

    .venv/bin/pip install -e '.[train]'
    .venv/bin/python scripts/train_rhetoric.py ../shared/data/ptc-train

Writes ``src/newstrail/models/rhetoric/`` (``tagger.npz``, ``techniques.npz``,
``meta.json``). A fixed 20% of the articles (seeded, by article id; the ids are listed
in ``meta.json``) is held out and never read here beyond its id: the threshold, the
CRF's regularisation and the classifier's C are chosen by cross-validation on the
rest. ``bench/rhetoric.py`` then scores the shipped model on the held-out part.

Training needs python-crfsuite and scikit-learn (the ``train`` extra); the shipped
model runs on numpy alone.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newstrail.analyze.rhetoric.detector import inside_probabilities, learned_spans, techniques_in  # noqa: E402
from newstrail.analyze.rhetoric.features import document, span_features, token_features, tokenize  # noqa: E402
from newstrail.analyze.rhetoric.model import LinearTechniques, Model, SpanTagger, read_model  # noqa: E402
from newstrail.eval.rhetoric import read_ptc, span_prf, technique_f1  # noqa: E402

LABELS = ["O", "B", "I"]
SEED = 2020
HELD_OUT_SHARE = 0.2


def split(ids: list[str], seed: int = SEED, share: float = HELD_OUT_SHARE) -> tuple[list[str], list[str]]:
    """(train ids, held-out ids): a fixed seeded sample of the sorted ids."""
    ids = sorted(ids)
    held = sorted(random.Random(seed).sample(ids, round(len(ids) * share)))
    keep = set(held)
    return [i for i in ids if i not in keep], held


def build_clusters(texts: list[str], ks: list[int], seed: int = SEED) -> dict[str, int | list[int]]:
    """Lowercase word -> cluster (one per size in ``ks``): k-means over the shipped
    static-minilm vectors of the whole words of its vocabulary and of every word in ``texts``."""
    from sklearn.cluster import MiniBatchKMeans

    from newstrail.embeddings import STATIC_DIR, get_embedder

    vocab = json.loads((STATIC_DIR / "tokenizer.json").read_text(encoding="utf-8"))["model"]["vocab"]
    words = {w for w in vocab if w.isalpha() and not w.startswith("##")}
    for text in texts:
        words.update(t.text.lower() for t in tokenize(text) if t.text[0].isalpha())
    words = sorted(words)
    vectors = get_embedder("fast").encode(words)
    keep = np.abs(vectors).sum(axis=1) > 0
    words = [w for w, k_ in zip(words, keep) if k_]
    levels = [MiniBatchKMeans(n_clusters=k, random_state=seed, n_init=3, batch_size=4096).fit_predict(vectors[keep]) for k in ks]
    if len(ks) == 1:
        return {w: int(c) for w, c in zip(words, levels[0])}
    return {w: [int(level[i]) for level in levels] for i, w in enumerate(words)}


def sequences(article, doc, clusters) -> list[tuple[list[list[str]], list[str]]]:
    """(features, BIO labels) per sentence; a token is inside when it overlaps a gold span."""
    spans = article.spans
    out = []
    for i, toks in enumerate(doc.tokens):
        if not toks:
            continue
        labels = []
        prev = None
        for tok in toks:
            hit = next((k for k, (s, e) in enumerate(spans) if s < tok.end and tok.start < e), None)
            labels.append("O" if hit is None else ("I" if hit == prev else "B"))
            prev = hit
        out.append((token_features(doc, i, clusters), labels))
    return out


def _sentence_of(doc, pos: int) -> int | None:
    for i, s in enumerate(doc.sentences):
        if s.start <= pos < s.end:
            return i
    return None


def train_tagger(seqs, c1: float, c2: float, iterations: int) -> SpanTagger:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for feats, labels in seqs:
        trainer.append(feats, labels)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations, "feature.possible_transitions": True})
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "m.crfsuite")
        trainer.train(path)
        tagger = pycrfsuite.Tagger()
        tagger.open(path)
        info = tagger.info()
    attrs = sorted({a for a, _ in info.state_features})
    index = {a: i for i, a in enumerate(attrs)}
    weights = np.zeros((len(attrs), len(LABELS)), dtype=np.float32)
    for (attr, label), w in info.state_features.items():
        weights[index[attr], LABELS.index(label)] = w
    transitions = np.zeros((len(LABELS), len(LABELS)), dtype=np.float32)
    for (a, b), w in info.transitions.items():
        transitions[LABELS.index(a), LABELS.index(b)] = w
    return SpanTagger(attrs, weights, transitions, LABELS)


def tc_examples(articles, docs, clusters):
    X, y = [], []
    for art in articles:
        doc = docs[art.id]
        for technique, s, e in art.labels:
            X.append(span_features(doc, s, e, _sentence_of(doc, s), clusters))
            y.append(technique)
    return X, y


def train_classifier(X, y, C: float) -> LinearTechniques:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    M = vec.fit_transform(X)
    clf = LogisticRegression(C=C, max_iter=2000)
    clf.fit(M, y)
    # keep only features with some weight: a smaller file, the same predictions
    coef = clf.coef_.T.astype(np.float32)
    keep = np.abs(coef).max(axis=1) > 1e-4
    vocab = [v for v, k in zip(vec.get_feature_names_out(), keep) if k]
    return LinearTechniques(list(vocab), coef[keep], clf.intercept_.astype(np.float32), list(clf.classes_))


def technique_biases(scores: np.ndarray, truth: np.ndarray, rounds: int = 2) -> np.ndarray:
    """Per-technique offsets to the classifier's scores that raise the share of spans given
    their technique (micro-F1), by coordinate ascent over out-of-fold ``scores`` (spans x
    techniques) with ``truth`` the column of each span's technique."""
    bias = np.zeros(scores.shape[1])
    steps = np.round(np.arange(-1.5, 1.51, 0.1), 2)
    for _ in range(rounds):
        for j in range(len(bias)):
            best, at = float(((scores + bias).argmax(axis=1) == truth).mean()), bias[j]
            for d in steps:
                trial = bias.copy()
                trial[j] = d
                acc = float(((scores + trial).argmax(axis=1) == truth).mean())
                if acc > best + 1e-9:
                    best, at = acc, d
            bias[j] = at
    return bias


def retrain_techniques(train, docs, clusters, Cs: list[float], folds: int, folder: Path) -> None:
    """Only the technique classifier, on the features of :func:`.features.span_features`:
    C, then per-technique offsets, chosen on out-of-fold predictions over ``folds`` folds
    of the training articles; the tagger and the clusters in ``folder`` are kept."""
    order = sorted(a.id for a in train)
    random.Random(SEED + 1).shuffle(order)
    parts = [set(order[k::folds]) for k in range(folds)]
    classes = sorted({t for a in train for t, _, _ in a.labels})
    oof: dict[float, np.ndarray] = {}
    truth: list[str] = []
    for C in Cs:
        rows, truth = [], []
        for fold in parts:
            clf = train_classifier(*tc_examples([a for a in train if a.id not in fold], docs, clusters), C)
            X, y = tc_examples([a for a in train if a.id in fold], docs, clusters)
            # a technique no article of the other folds has cannot be chosen for this one
            rows.append(np.full((len(X), len(classes)), -1e9))
            rows[-1][:, [classes.index(c) for c in clf.classes]] = np.array([clf.scores(x) for x in X]).reshape(len(X), -1)
            truth += y
        oof[C] = np.vstack(rows)
        print(f"C={C}: out-of-fold technique F1 {technique_f1([classes[i] for i in oof[C].argmax(axis=1)], truth):.4f}", flush=True)
    want = np.array([classes.index(t) for t in truth])
    best_C = max(Cs, key=lambda C: float((oof[C].argmax(axis=1) == want).mean()))
    scores = oof[best_C]
    bias = technique_biases(scores, want)
    before, after = float((scores.argmax(axis=1) == want).mean()), float(((scores + bias).argmax(axis=1) == want).mean())
    print(f"C={best_C}; per-technique offsets raise the out-of-fold F1 {before:.4f} -> {after:.4f}")
    clf = train_classifier(*tc_examples(train, docs, clusters), best_C)
    clf.intercept = clf.intercept + bias[[classes.index(c) for c in clf.classes]]  # the same classes: all of train
    vocab = sorted(clf.index, key=clf.index.get)
    np.savez_compressed(folder / "techniques.npz", vocabulary=json.dumps(vocab), coef=clf.coef.astype(np.float32), intercept=clf.intercept.astype(np.float32))
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    meta["params"]["C"] = best_C
    meta["technique_offsets"] = {c: round(float(bias[classes.index(c)]), 2) for c in clf.classes}
    meta.setdefault("cv", {})["technique_f1"] = round(after, 4)
    meta["cv"]["technique_folds"] = folds
    (folder / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {folder / 'techniques.npz'} ({len(vocab)} features)")


def evaluate(model: Model, articles, docs, thresholds, rules: bool = True, gap: int = 0) -> dict:
    """SI P/R/F1 of the learned spans at each threshold, of the combined output, and TC accuracy."""
    gold = {a.id: a.spans for a in articles}
    probs = {a.id: inside_probabilities(docs[a.id], model) for a in articles}
    out = {}
    for thr in thresholds:
        pred = {a.id: [(s, e) for s, e, _, _ in learned_spans(docs[a.id], probs[a.id], thr, gap)] for a in articles}
        out[f"learned@{thr}"] = span_prf(pred, gold)
    if rules:
        pred = {a.id: [(t.span.start, t.span.end) for t in techniques_in(a.text, docs[a.id].sentences, model=model)] for a in articles}
        out["combined"] = span_prf(pred, gold)
    X, y = tc_examples(articles, docs, model.clusters)
    out["tc"] = technique_f1([model.classifier.classes[int(model.classifier.probabilities(x).argmax())] for x in X], y)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data" / "ptc-train"))
    ap.add_argument("--out", default=str(ROOT / "src" / "newstrail" / "models" / "rhetoric"))
    ap.add_argument("--folds", type=int, default=3, help="cross-validation folds on the training part (0: none)")
    ap.add_argument("--iterations", type=int, default=100)
    ap.add_argument("--c1", type=float, nargs="+", default=[1.0])
    ap.add_argument("--c2", type=float, nargs="+", default=[0.01])
    ap.add_argument("--C", type=float, nargs="+", default=[0.3])
    ap.add_argument("--thresholds", type=float, nargs="+", default=[0.1, 0.15, 0.2, 0.25])
    ap.add_argument("--gap", type=int, default=2, help="join runs of inside tokens at most this many tokens apart")
    ap.add_argument("--clusters", type=int, nargs="+", default=[64, 256, 1024], help="word cluster counts, one per granularity, from the static embeddings (0: none)")
    ap.add_argument("--limit", type=int, default=0, help="use only this many training articles (a quick check)")
    ap.add_argument("--techniques-only", action="store_true",
                    help="retrain only the technique classifier (C and per-technique offsets by CV), keeping the tagger and clusters in --out")
    args = ap.parse_args(argv)

    t0 = time.time()
    articles = read_ptc(args.data)
    train_ids, held_ids = split([a.id for a in articles])
    train = [a for a in articles if a.id in set(train_ids)]
    if args.limit:
        train = train[: args.limit]
    print(f"{len(articles)} articles: {len(train)} to train on, {len(held_ids)} held out (never read here)")
    if args.techniques_only:
        shipped = read_model(Path(args.out))
        docs = {a.id: document(a.text) for a in train}
        retrain_techniques(train, docs, shipped.clusters, args.C, max(2, args.folds), Path(args.out))
        return 0
    ks = [k for k in args.clusters if k > 0]
    clusters = build_clusters([a.text for a in train], ks) if ks else {}
    print(f"{len(clusters)} words in {ks} clusters ({time.time() - t0:.0f} s)")
    docs = {a.id: document(a.text) for a in train}
    seqs = {a.id: sequences(a, docs[a.id], clusters) for a in train}
    print(f"features in {time.time() - t0:.0f} s")

    cv: dict = {}
    best = (args.c1[0], args.c2[0], args.C[0], args.thresholds[0])
    if args.folds > 1:
        order = sorted(a.id for a in train)
        random.Random(SEED + 1).shuffle(order)
        folds = [set(order[k :: args.folds]) for k in range(args.folds)]
        scores: dict[tuple, list] = {}
        for k, fold in enumerate(folds):
            fit = [a for a in train if a.id not in fold]
            dev = [a for a in train if a.id in fold]
            X, y = tc_examples(fit, docs, clusters)
            classifiers = {C: train_classifier(X, y, C) for C in args.C}
            for c1 in args.c1:
                for c2 in args.c2:
                    tagger = train_tagger([s for a in fit for s in seqs[a.id]], c1, c2, args.iterations)
                    for C, clf in classifiers.items():
                        probe = Model(tagger, clf, {"threshold": args.thresholds[0], "gap": args.gap}, clusters)
                        res = evaluate(probe, dev, docs, args.thresholds, rules=False, gap=args.gap)
                        scores.setdefault((c1, c2, C), []).append(res)
                        print(f"fold {k} c1={c1} c2={c2} C={C}: tc {res['tc']:.3f} " + " ".join(f"{n.split('@')[1]}:{v[2]:.3f}" for n, v in res.items() if n.startswith("learned")), flush=True)
        table = {}
        for key, runs in scores.items():
            for thr in args.thresholds:
                f1 = float(np.mean([r[f"learned@{thr}"][2] for r in runs]))
                tc = float(np.mean([r["tc"] for r in runs]))
                table[(*key, thr)] = (f1, tc)
        best_si = max(table, key=lambda k: table[k][0])
        best_tc_c = max(args.C, key=lambda C: np.mean([r["tc"] for key, runs in scores.items() if key[2] == C for r in runs]))
        best = (best_si[0], best_si[1], best_tc_c, best_si[3])
        cv = {"folds": args.folds, "span_f1": round(table[best_si][0], 4), "technique_f1": round(table[(best_si[0], best_si[1], best_tc_c, best_si[3])][1], 4)}
        print(f"chosen by {args.folds}-fold CV: c1={best[0]} c2={best[1]} C={best[2]} threshold={best[3]}; CV span F1 {cv['span_f1']:.3f}, technique F1 {cv['technique_f1']:.3f}")

    c1, c2, C, thr = best
    tagger = train_tagger([s for a in train for s in seqs[a.id]], c1, c2, args.iterations)
    X, y = tc_examples(train, docs, clusters)
    clf = train_classifier(X, y, C)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    attrs = sorted(tagger.index, key=tagger.index.get)
    np.savez_compressed(out / "tagger.npz", attributes=json.dumps(attrs), weights=tagger.weights.astype(np.float32), transitions=tagger.transitions.astype(np.float32))
    vocab = sorted(clf.index, key=clf.index.get)
    np.savez_compressed(out / "techniques.npz", vocabulary=json.dumps(vocab), coef=clf.coef.astype(np.float32), intercept=clf.intercept.astype(np.float32))
    clusters_file = out / "clusters.json"
    if clusters:
        clusters_file.write_text(json.dumps(clusters, separators=(",", ":"), sort_keys=True), encoding="utf-8")
    elif clusters_file.exists():
        clusters_file.unlink()
    meta = {
        "name": "rhetoric",
        "data": "SemEval-2020 task 11 Propaganda Techniques Corpus, train split (research use only)",
        "labels": LABELS,
        "techniques": clf.classes,
        "threshold": thr,
        "gap": args.gap,
        "params": {"c1": c1, "c2": c2, "C": C, "iterations": args.iterations, "clusters": ks},
        "split": {"seed": SEED, "held_out_share": HELD_OUT_SHARE, "train_articles": len(train), "held_out": held_ids},
        "cv": cv,
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out} ({len(attrs)} tagger features, {len(vocab)} classifier features) in {time.time() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
