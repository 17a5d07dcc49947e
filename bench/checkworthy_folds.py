"""Check-worthiness validated the way a new debate differs: folds of contiguous sentence ids.

    .venv/bin/python bench/checkworthy_folds.py [../shared/data/claimbuster] [--folds 5] [--c 0.1] [--embedder accurate --cache DIR]
    .venv/bin/python bench/checkworthy_folds.py --finetuned /work/cache/checkworthy

CT24 train's ClaimBuster sentence ids run through the debates in order, so blocks of
contiguous ids hold whole debates (and eras): a model fitted on the other blocks meets
each block as it would meet a new debate, unlike the random 80/20 split the shipped
model's threshold was chosen on. For each fold the recipe of
``scripts/train_checkworthy.py`` (its features, terms and fast or accurate embeddings,
logistic regression) is fitted on the blocks but two, the threshold chosen on the next block,
and the F1 of the Yes class scored on the held-out one. Prints each fold, the mean
and the spread; measuring only (the shipped model is not rewritten). Needs the
``train`` extra.

``--finetuned DIR`` prints the same table for the fine-tuned model (``claims.model =
finetuned``) from the held-out logits ``scripts/train_checkworthy_finetune.py --folds 1 2
3 4 5 --cache DIR`` saved (``ft_fold{k}_cal.npy``, ``ft_fold{k}_held.npy``; fitting takes
the training environment and about ten CPU-minutes a fold), with the same threshold
search on the next block.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _recipe():
    """The training script's helpers (read, design matrix, threshold search)."""
    spec = importlib.util.spec_from_file_location("train_checkworthy", ROOT / "scripts" / "train_checkworthy.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data" / "claimbuster"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--c", type=float, default=0.1, help="regularisation strength (the shipped model's)")
    parser.add_argument("--min-df", type=int, default=3)
    parser.add_argument("--embedder", default="fast", choices=["fast", "accurate", "minilm", "none"],
                        help="the embeddings of the recipe: fast (the shipped model's), accurate (claims.model=accurate: static and all-MiniLM-L6-v2), minilm (all-MiniLM-L6-v2 alone)")
    parser.add_argument("--cache", help="folder keeping the sentences' embeddings between runs (accurate: ~10 minutes to embed)")
    parser.add_argument("--finetuned", metavar="DIR", help="score the fine-tuned model's saved fold logits in DIR instead of fitting a recipe")
    parser.add_argument("--tag", default="ft", help="with --finetuned: the logits' file prefix (the training script's --tag)")
    args = parser.parse_args()
    if args.finetuned:
        return finetuned(args)

    from sklearn.linear_model import LogisticRegression

    recipe = _recipe()
    blocks = _blocks(recipe, args.data, args.folds)
    rows = [r for block in blocks for r in block]
    embedder = None if args.embedder == "none" else recipe.embedder_of(args.embedder, args.cache, [r[1] for r in rows])
    scores = []
    for k, held in enumerate(blocks):
        calibration = blocks[(k + 1) % len(blocks)]
        fit = [r for j, block in enumerate(blocks) if j not in (k, (k + 1) % len(blocks)) for r in block]
        df = Counter(t for r in fit for t in recipe.terms(r[1]))
        vocab = {t: i for i, t in enumerate(sorted(t for t, n in df.items() if n >= args.min_df))}
        x_fit, stats = recipe.design(fit, vocab, embedder, 8.0)
        x_cal, _ = recipe.design(calibration, vocab, embedder, 8.0, stats)
        x_held, _ = recipe.design(held, vocab, embedder, 8.0, stats)
        clf = LogisticRegression(C=args.c, solver="liblinear", max_iter=2000).fit(x_fit, [r[2] for r in fit])
        threshold, cal_f1 = recipe.best_threshold([r[2] for r in calibration], clf.predict_proba(x_cal)[:, 1])
        p, r, f1 = recipe.prf([row[2] for row in held], [s >= threshold for s in clf.predict_proba(x_held)[:, 1]])
        scores.append(_fold_line(k, held, threshold, cal_f1, (p, r, f1)))
    return _summary(scores)


def _blocks(recipe, data: str, folds: int):
    rows = sorted(recipe.read_ct24(Path(data) / recipe.TRAIN), key=lambda r: int(r[0]))
    size = -(-len(rows) // folds)
    return [rows[i : i + size] for i in range(0, len(rows), size)]


def _fold_line(k: int, held, threshold: float, cal_f1: float, prf) -> float:
    p, r, f1 = prf
    ids = f"{held[0][0]}-{held[-1][0]}"
    print(f"fold {k + 1}: ids {ids:<13} {len(held):>5} sentences ({sum(x[2] for x in held)} Yes)  threshold {threshold:.2f} "
          f"(calibration F1 {cal_f1:.3f})  held-out P {p:.3f} R {r:.3f} F1 {f1:.3f}")
    return f1


def _summary(scores: list[float]) -> int:
    mean = sum(scores) / len(scores)
    print(f"F1 of Yes over {len(scores)} blocks of contiguous ids: mean {mean:.3f}, min {min(scores):.3f}, max {max(scores):.3f}")
    return 0


def finetuned(args) -> int:
    """The fold table of the fine-tuned model from its saved held-out logits."""
    import numpy as np

    recipe = _recipe()
    blocks = _blocks(recipe, args.data, args.folds)
    scores = []
    for k, held in enumerate(blocks):
        calibration = blocks[(k + 1) % len(blocks)]
        logits = {part: Path(args.finetuned) / f"{args.tag}_fold{k + 1}_{part}.npy" for part in ("cal", "held")}
        if not all(path.is_file() for path in logits.values()):
            raise SystemExit(f"{logits['held']}: missing; run scripts/train_checkworthy_finetune.py --folds {k + 1} --cache {args.finetuned}")
        cal_p, held_p = (1 / (1 + np.exp(-np.load(logits[part]))) for part in ("cal", "held"))
        threshold, cal_f1 = recipe.best_threshold([r[2] for r in calibration], cal_p)
        prf = recipe.prf([row[2] for row in held], [s >= threshold for s in held_p])
        scores.append(_fold_line(k, held, threshold, cal_f1, prf))
    return _summary(scores)


if __name__ == "__main__":
    sys.exit(main())
