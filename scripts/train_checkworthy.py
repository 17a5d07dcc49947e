"""Train the check-worthiness model shipped in src/newstrail/models/checkworthy/model.json.

Data: the ClaimBuster-derived CheckThat! 2024 task 1 English sentences in
``../shared/data/claimbuster`` (CT24 train 22,500 and dev 1,032; TSV with Sentence_id,
Text, class_label Yes/No). The scheme, so the reported score is honest:

* CT24 train is split (stratified, seeded) into a *fit* part (80%) and a *calibration*
  part (20%);
* the model is a logistic regression (scikit-learn, liblinear) over the designed features,
  words and word pairs, and the sentence embeddings of ``--embedder``; each candidate
  regularisation strength ``C`` is fitted on the fit part, and the ``C`` and the threshold
  that give the best F1 of the Yes class on the calibration part are kept;
* CT24 dev is never used to choose anything: it is scored once, at the end, and the
  figures go into the model's ``info`` (``bench/checkworthy.py`` prints them again).

Run (a minute or two on two cores)::

    nice .venv/bin/python scripts/train_checkworthy.py ../shared/data/claimbuster

Needs the ``train`` extra (scikit-learn, scipy): ``pip install -e '.[train]'``.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newstrail.analyze.checkworthy import FEATURES, MODEL_FORMAT, CheckworthyModel, JoinedEmbedder, features, model_path, terms  # noqa: E402

TRAIN = "CT24_checkworthy_english_train.tsv"
DEV = "CT24_checkworthy_english_dev.tsv"
# embedded at training time and again at load, to notice rebuilt embedding vectors
PROBE = "The Porthaven harbour board raised ferry fares by twelve percent on Monday."
# two records glued together when a CR line end was lost: "...<TAB>No29286<TAB>next text<TAB>No"
_GLUED = re.compile(r"^(Yes|No)(\d+)$")


def read_ct24(path: Path) -> list[tuple[str, str, int]]:
    """(id, text, label 1/0) of every record of a CT24 TSV; lines ending in CR and glued records are mended."""
    rows: list[tuple[str, str, int]] = []
    raw = path.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\r", "\n")
    reader = csv.reader(raw.splitlines(), delimiter="\t", quotechar='"')
    header = next(reader)
    if [h.strip() for h in header[:3]] != ["Sentence_id", "Text", "class_label"]:
        raise SystemExit(f"{path}: unexpected header {header}")
    for lineno, fields in enumerate(reader, start=2):
        fields = [f.strip() for f in fields]
        while len(fields) >= 5 and _GLUED.match(fields[2]):
            label, next_id = _GLUED.match(fields[2]).groups()
            rows.append((fields[0], fields[1], int(label == "Yes")))
            fields = [next_id, *fields[3:]]
        if len(fields) != 3 or fields[2] not in ("Yes", "No"):
            print(f"{path}:{lineno}: skipped, not 'id<TAB>text<TAB>Yes|No': {fields!r}", file=sys.stderr)
            continue
        rows.append((fields[0], fields[1], int(fields[2] == "Yes")))
    return rows


def split(rows, share: float, seed: int):
    """Stratified split: (rest, held) with ``share`` of each class held out."""
    rng = random.Random(seed)
    rest, held = [], []
    for label in (0, 1):
        part = [r for r in rows if r[2] == label]
        rng.shuffle(part)
        k = round(len(part) * share)
        held += part[:k]
        rest += part[k:]
    return rest, held


def prf(y, pred):
    tp = sum(1 for a, b in zip(y, pred) if a and b)
    fp = sum(1 for a, b in zip(y, pred) if b and not a)
    fn = sum(1 for a, b in zip(y, pred) if a and not b)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def best_threshold(y, scores):
    """The threshold (on a 0.01 grid) with the best F1 of the Yes class."""
    best = (0.0, 0.5)
    for i in range(5, 96):
        t = i / 100
        f1 = prf(y, [s >= t for s in scores])[2]
        if f1 > best[0]:
            best = (f1, t)
    return best[1], best[0]


class CachedEmbedder:
    """An embedder whose vectors of the CT24 sentences are kept in ``folder`` (outside the repo).

    The accurate embedder takes about ten minutes for CT24 on two shared cores; the
    training script and ``bench/checkworthy_folds.py`` embed the same sentences, so the
    first run saves ``<name>-<hash of the texts>.npy`` and later runs read it.
    """

    def __init__(self, embedder, folder: str, texts) -> None:
        import hashlib

        import numpy as np

        self.embedder, self.name, self.dim = embedder, embedder.name, embedder.dim
        texts = sorted(set(texts))
        digest = hashlib.sha1("\n".join(texts).encode("utf-8")).hexdigest()[:12]
        where = Path(folder) / f"{embedder.name}-{digest}.npy"
        if where.is_file():
            vectors = np.load(where)
        else:
            vectors = embedder.encode(texts)
            where.parent.mkdir(parents=True, exist_ok=True)
            np.save(where, vectors)
        self.rows = {t: i for i, t in enumerate(texts)}
        self.vectors = vectors

    def encode(self, texts):
        import numpy as np

        known = [self.rows.get(t) for t in texts]
        out = self.vectors[[0 if k is None else k for k in known]].copy()
        missing = [i for i, k in enumerate(known) if k is None]
        if missing:
            out[missing] = self.embedder.encode([texts[i] for i in missing])
        return np.asarray(out, dtype=np.float32)


#: --embedder choices: the kinds of newstrail.embeddings they join
EMBEDDERS = {"fast": ("fast",), "accurate": ("fast", "accurate"), "minilm": ("accurate",)}


def embedder_of(choice: str, cache: str | None, texts):
    """The (joined) embedder of an ``--embedder`` choice, each part cached in ``cache`` if given."""
    from newstrail.embeddings import get_embedder

    parts = [get_embedder(kind) for kind in EMBEDDERS[choice]]
    if cache:
        parts = [CachedEmbedder(p, cache, texts) for p in parts]
    return JoinedEmbedder(parts)


def design(rows, vocab, embedder, emb_scale, stats=None):
    """The design matrix: standardised features | term presence | scaled embeddings."""
    import numpy as np
    from scipy import sparse

    texts = [r[1] for r in rows]
    x = np.array([features(t) for t in texts], dtype=np.float64)
    if stats is None:
        mean, scale = x.mean(axis=0), x.std(axis=0)
        scale[scale == 0] = 1.0
        stats = (mean, scale)
    mean, scale = stats
    blocks = [sparse.csr_matrix((x - mean) / scale)]
    ri, ci = [], []
    for i, t in enumerate(texts):
        for term in terms(t):
            j = vocab.get(term)
            if j is not None:
                ri.append(i)
                ci.append(j)
    blocks.append(sparse.csr_matrix((np.ones(len(ri)), (ri, ci)), shape=(len(texts), len(vocab))))
    if embedder is not None:
        emb = embedder.encode(texts).astype(np.float64) * emb_scale
        blocks.append(sparse.csr_matrix(emb))
    return sparse.hstack(blocks).tocsr(), stats


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data" / "claimbuster"), help="folder with the CT24 TSVs")
    ap.add_argument("--embedder", default="fast", choices=[*EMBEDDERS, "none"],
                    help="sentence embeddings: fast (static), accurate (static and all-MiniLM-L6-v2 side by side), minilm (all-MiniLM-L6-v2 alone)")
    ap.add_argument("--emb-scale", type=float, default=8.0, help="multiplier on the unit-length embeddings so one C suits every block")
    ap.add_argument("--min-df", type=int, default=3, help="keep terms seen in at least this many fit sentences")
    ap.add_argument("--c", type=float, nargs="+", default=[0.05, 0.1, 0.2, 0.4], help="regularisation strengths tried")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--cache", help="folder to keep the sentences' embeddings in between runs (outside the repo)")
    ap.add_argument("--out", help="model file (default: the shipped one of --embedder: model.json, or accurate.json for accurate)")
    args = ap.parse_args(argv)
    if not args.out and args.embedder not in ("fast", "accurate"):
        raise SystemExit(f"--embedder {args.embedder} is no shipped model: pass --out")

    from sklearn.linear_model import LogisticRegression

    data = Path(args.data)
    train_rows, dev_rows = read_ct24(data / TRAIN), read_ct24(data / DEV)
    fit_rows, cal_rows = split(train_rows, 0.2, args.seed)
    print(f"train {len(train_rows)} -> fit {len(fit_rows)}, calibration {len(cal_rows)}; dev {len(dev_rows)} (held out)")

    embedder = None
    if args.embedder != "none":
        embedder = embedder_of(args.embedder, args.cache, [r[1] for r in train_rows + dev_rows])
    df = Counter(t for r in fit_rows for t in terms(r[1]))
    vocab_terms = sorted(t for t, n in df.items() if n >= args.min_df)
    vocab = {t: i for i, t in enumerate(vocab_terms)}
    started = time.perf_counter()
    x_fit, stats = design(fit_rows, vocab, embedder, args.emb_scale)
    x_cal, _ = design(cal_rows, vocab, embedder, args.emb_scale, stats)
    x_dev, _ = design(dev_rows, vocab, embedder, args.emb_scale, stats)
    print(f"{x_fit.shape[1]} columns ({len(FEATURES)} features, {len(vocab)} terms, {x_fit.shape[1] - len(FEATURES) - len(vocab)} embedding dims); built in {time.perf_counter() - started:.1f}s")
    y_fit, y_cal, y_dev = ([r[2] for r in rows] for rows in (fit_rows, cal_rows, dev_rows))

    best = None
    for c in args.c:
        clf = LogisticRegression(C=c, solver="liblinear", max_iter=2000)
        clf.fit(x_fit, y_fit)
        cal_scores = clf.predict_proba(x_cal)[:, 1]
        threshold, f1 = best_threshold(y_cal, cal_scores)
        print(f"C={c:<6} calibration F1 {f1:.3f} at threshold {threshold:.2f}")
        if best is None or f1 > best[0]:
            best = (f1, c, threshold, clf)
    cal_f1, c, threshold, clf = best

    coef = clf.coef_[0]
    n_feat, n_terms = len(FEATURES), len(vocab)
    mean, scale = stats
    term_weights = {t: round(float(w), 5) for t, w in zip(vocab_terms, coef[n_feat : n_feat + n_terms]) if abs(w) >= 1e-4}
    dev_scores = clf.predict_proba(x_dev)[:, 1]
    p, r, f1 = prf(y_dev, [s >= threshold for s in dev_scores])
    model = CheckworthyModel(
        bias=float(clf.intercept_[0]),
        threshold=threshold,
        feature_mean=[float(v) for v in mean],
        feature_scale=[float(v) for v in scale],
        feature_weights=[float(v) for v in coef[:n_feat]],
        term_weights=term_weights,
        embedder=embedder.name if embedder is not None else None,
        embedding_weights=[round(float(v) * args.emb_scale, 6) for v in coef[n_feat + n_terms :]],
        embedding_probe={"text": PROBE, "vector": [round(float(v), 6) for v in embedder.encode([PROBE])[0]]} if embedder is not None else {},
        info={
            "data": "CheckThat! 2024 task 1 English (ClaimBuster debate sentences): CT24 train, CT24 dev",
            "scheme": f"fit on 80% of CT24 train, C and threshold chosen on the other 20% (seed {args.seed}), scored on CT24 dev",
            "C": c,
            "seed": args.seed,
            "min_df": args.min_df,
            "emb_scale": args.emb_scale,
            "calibration_f1": round(cal_f1, 4),
            "dev": {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4), "sentences": len(dev_rows)},
        },
    )
    # the run-time scorer (numpy only) must give what scikit-learn gives
    check = model.score([row[1] for row in dev_rows[:200]])
    drift = max(abs(a - b) for a, b in zip(check, dev_scores[:200]))
    if drift > 1e-3:
        raise SystemExit(f"run-time scores differ from scikit-learn's by {drift:.4f}; not writing the model")
    out = Path(args.out) if args.out else model_path("accurate" if args.embedder == "accurate" else "fast")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(model.to_dict(), separators=(",", ":"), sort_keys=False) + "\n", encoding="utf-8")
    print(f"CT24 dev (held out): precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}  at threshold {threshold:.2f}  (C={c})")
    print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB, {len(term_weights)} terms; format {MODEL_FORMAT})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
