"""The display threshold of ``newstrail factchecks match``: which calibrated score a match must reach to be shown.

    nice .venv/bin/python bench/factcheck_threshold.py [DATA_DIR] [--choose dev] [--score test]

DATA_DIR (default ../shared/data/checkthat2020-task2) is CLEF CheckThat! 2020 task 2
(see bench/factchecks.py). The verified claims are imported into a temporary store as
``newstrail factchecks import`` does; each tweet of a split is matched as ``factchecks
match`` matches it (the best installed variant, top 5). A shown match is right when
the qrels pair it with the tweet. For each threshold the bench prints, over the top 5:
precision (right shown / shown), recall (gold pairs shown / gold pairs), F1, and the
share of tweets with nothing shown. The threshold with the best F1 on the ``--choose``
split is the default (``factchecks.match_threshold``); the ``--score`` split is only
scored at it.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from newstrail.eval.factchecks import claims_file, read_qrels, read_queries, split_paths
from newstrail.factchecks.importer import import_files
from newstrail.factchecks.matching import Matcher
from newstrail.store import open_store

THRESHOLDS = [round(0.05 * i, 2) for i in range(1, 20)]


def scored_pairs(matcher: Matcher, data: Path, split: str) -> tuple[list[tuple[float, bool]], int, list[float]]:
    """(score, right) of every top-5 match of the split's tweets, the number of gold pairs, each tweet's best score."""
    qpath, rpath = split_paths(data, split)
    qrels = read_qrels(rpath)
    queries = {q: t for q, t in read_queries(qpath).items() if q in qrels}
    ids = list(queries)
    results = matcher.match_many([queries[q] for q in ids], top=5)
    pairs = [(m.score, m.factcheck.id in qrels[q]) for q, ms in zip(ids, results, strict=True) for m in ms]
    best = [ms[0].score if ms else 0.0 for ms in results]
    return pairs, sum(len(v) for v in qrels.values()), best


def at(pairs: list[tuple[float, bool]], gold: int, threshold: float) -> tuple[float, float, float]:
    shown = [right for score, right in pairs if score >= threshold]
    right = sum(shown)
    precision = right / len(shown) if shown else 1.0
    recall = right / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def table(split: str, pairs: list[tuple[float, bool]], gold: int, best: list[float], thresholds: list[float]) -> float:
    """Print the sweep; returns the threshold with the best F1 (the lowest of ties)."""
    print(f"{split}: {len(best)} tweets, {gold} gold pairs, {len(pairs)} top-5 matches")
    print(f"{'threshold':>9} {'precision':>9} {'recall':>6} {'F1':>6} {'nothing shown':>13}")
    chosen, top = 0.0, -1.0
    for t in thresholds:
        p, r, f = at(pairs, gold, t)
        empty = sum(1 for score in best if score < t) / max(len(best), 1)
        print(f"{t:>9.2f} {p:>9.3f} {r:>6.3f} {f:>6.3f} {empty:>13.1%}")
        if f > top:
            chosen, top = t, f
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", default="../shared/data/checkthat2020-task2", type=Path)
    parser.add_argument("--choose", default="dev")
    parser.add_argument("--score", default="test")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder, open_store(str(Path(folder) / "bench.db")) as store:
        import_files([str(claims_file(args.data, folder))], store)
        matcher = Matcher.from_store(store)
        print(f"variant: {matcher.variant.name}")
        pairs, gold, best = scored_pairs(matcher, args.data, args.choose)
        chosen = table(args.choose, pairs, gold, best, THRESHOLDS)
        print(f"chosen on {args.choose}: {chosen:.2f}\n")
        pairs, gold, best = scored_pairs(matcher, args.data, args.score)
        table(args.score, pairs, gold, best, [chosen])
    return 0


if __name__ == "__main__":
    sys.exit(main())
