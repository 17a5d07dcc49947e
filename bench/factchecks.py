"""Fact-check matching on CLEF CheckThat! 2020 task 2: MAP@5, MAP@1, MAP@3, MRR, speed, memory.

    .venv/bin/python bench/factchecks.py [DATA_DIR] [--splits dev test] [--variants bm25 lexical fast accurate hybrid rerank]
    .venv/bin/python bench/factchecks.py ../shared/data/checkthat2022-2a --splits train dev

DATA_DIR (default ../shared/data/checkthat2020-task2) holds ``v3.0/verified_claims.docs.tsv``,
``v3.0/dev`` and ``test`` (tweets.queries.tsv and tweet-vclaim-pairs.qrels), or CheckThat!
2022 task 2A's ``vclaims.jsonl`` (14,231 claims), its train+dev query file and a qrels file
for ``train`` and ``dev`` (the lab's test queries are not public there). The claims are
imported into a temporary store with ``newstrail.factchecks.importer.import_files`` (so the
import itself, embeddings included, is what a user runs), then each split's tweets are
matched with every variant the installed models allow:

- ``bm25``: the baseline, raw BM25 over the same terms, no fusion or rerank;
- ``lexical``, ``fast``, ``accurate``, ``hybrid``: the shipped matcher variants;
- ``rerank``: the hybrid, then the fine-tuned cross-encoder over its top candidates
  (``newstrail.factchecks.rerank``, ``scripts/train_matcher_ce.py``).

MAP@k is the task scorer's: average precision at k normalised by min(relevant, k),
averaged over the split's queries. Queries per second count matching only (the
collection index is built before the clock starts); peak memory is the process's.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from newstrail.eval.factchecks import claims_file, map_at_k, mrr, read_qrels, read_queries, split_paths
from newstrail.factchecks.importer import import_files
from newstrail.factchecks.index import KINDS, FactCheckIndex
from newstrail.factchecks.matching import VARIANT_KINDS, Matcher, MatcherWeights
from newstrail.factchecks.terms import terms
from newstrail.store import open_store


def bm25_runs(index: FactCheckIndex, queries: dict[str, str], top: int = 5) -> dict[str, list[str]]:
    runs = {}
    for qid, text in queries.items():
        scores = index.lexical_scores(terms(text))
        runs[qid] = [index.ids[i] for i in np.argsort(-scores, kind="stable")[:top]]
    return runs


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", default="../shared/data/checkthat2020-task2", type=Path)
    parser.add_argument("--splits", nargs="*", default=["dev", "test"])
    parser.add_argument("--variants", nargs="*", default=["bm25", "lexical", "fast", "accurate", "hybrid", "rerank"])
    parser.add_argument("--weights", type=Path, default=None, help="a matcher weights file (default: the shipped one)")
    parser.add_argument("--db", default=None, help="keep the imported store in this file and reuse it on the next run")
    args = parser.parse_args(argv)
    weights = MatcherWeights.load(args.weights)

    with tempfile.TemporaryDirectory() as folder, open_store(args.db or str(Path(folder) / "bench.db")) as store:
        if not store.factchecks.count():
            started = time.perf_counter()
            [report] = import_files([str(claims_file(args.data, folder))], store, kinds=KINDS)
            took = time.perf_counter() - started
            print(f"imported {report.added} verified claims ({report.failed} failed) in {took:.1f} s, embeddings included; peak {peak_mb():.0f} MB")
        index = FactCheckIndex.from_store(store)
        print(f"embeddings available: {', '.join(index.kinds) or 'none'}")
        print(f"{'split':<5} {'variant':<9} {'queries':>7} {'MAP@1':>6} {'MAP@3':>6} {'MAP@5':>6} {'MRR@5':>6} {'queries/s':>9}")
        for split in args.splits:
            qpath, rpath = split_paths(args.data, split)
            qrels = read_qrels(rpath)
            queries = {q: t for q, t in read_queries(qpath).items() if q in qrels}
            for variant in args.variants:
                if variant != "bm25" and any(k not in index.kinds for k in VARIANT_KINDS[variant]):
                    print(f"{split:<5} {variant:<9} skipped: needs {'+'.join(VARIANT_KINDS[variant])} embeddings")
                    continue
                matcher = None if variant == "bm25" else Matcher(index, weights=weights, variant=variant)
                if matcher is not None:
                    matcher.match("a first query loads the models")  # not timed: loading is once per process
                started = time.perf_counter()
                if matcher is None:
                    runs = bm25_runs(index, queries)
                else:
                    ids = list(queries)
                    results = matcher.match_many([queries[q] for q in ids], top=5)
                    runs = {q: [m.factcheck.id for m in ms] for q, ms in zip(ids, results, strict=True)}
                rate = len(queries) / (time.perf_counter() - started)
                print(f"{split:<5} {variant:<9} {len(queries):>7} {map_at_k(runs, qrels, 1):>6.3f} {map_at_k(runs, qrels, 3):>6.3f} "
                      f"{map_at_k(runs, qrels, 5):>6.3f} {mrr(runs, qrels, 5):>6.3f} {rate:>9.0f}")
        print(f"peak memory {peak_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
