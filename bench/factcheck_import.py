"""Fact-check import speed in claims per CPU-second, embeddings included, beside issue 14's anchor.

    .venv/bin/python bench/factcheck_import.py [DATA_DIR ...]

Each DATA_DIR is a CheckThat! collection (default ../shared/data/checkthat2020-task2,
10,375 Snopes claims; ../shared/data/checkthat2022-2a has 14,231). Its claims are
imported into a new temporary store as ``newstrail factchecks import`` does
(``import_factchecks``: parse, deduplicate, store, the fast embeddings), then the
accurate model's embeddings that the import leaves to the first match are stored as
that match stores them (``store_vectors``). CPU seconds are the process's (all
threads), so the load of a shared machine does not change them. The anchor is
issue 14's figure for the import before this change (both embeddings at import).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from newstrail.api.factchecks import import_factchecks, store_vectors
from newstrail.eval.factchecks import claims_file
from newstrail.factchecks.index import load_embedder

ANCHOR = ("import, fast + accurate embeddings (issue 14, before)", 10375, 118.0)


def timed(call):
    cpu, wall = time.process_time(), time.perf_counter()
    out = call()
    return out, time.process_time() - cpu, time.perf_counter() - wall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="*", type=Path, default=[Path("../shared/data/checkthat2020-task2")])
    args = parser.parse_args(argv)
    for kind in ("fast", "accurate"):  # loading the models is once per process: not counted
        load_embedder(kind)
    rows = [ANCHOR[:1] + (ANCHOR[1], ANCHOR[2], None)]
    for data in args.data:
        with tempfile.TemporaryDirectory() as folder:
            db = str(Path(folder) / "bench.db")
            path = str(claims_file(data, folder))
            (reports, _), cpu, wall = timed(lambda: import_factchecks([path], db))
            added = sum(r.added for r in reports)
            if not added:
                print(f"{data}: no claims imported ({'; '.join(str(e) for r in reports for e in r.errors[:3])})", file=sys.stderr)
                return 1
            rows.append((f"{data.name}: factchecks import (fast embeddings)", added, cpu, wall))
            stored, cpu2, wall2 = timed(lambda: store_vectors(db))
            rows.append((f"{data.name}: first match stores accurate embeddings", stored, cpu2, wall2))
            rows.append((f"{data.name}: both (what import did before)", added, cpu + cpu2, wall + wall2))
    print(f"{'what':<58} {'claims':>7} {'cpu s':>7} {'wall s':>7} {'claims/cpu s':>12}")
    for what, claims, cpu, wall in rows:
        shown = f"{wall:>7.1f}" if wall is not None else f"{'':>7}"
        print(f"{what:<58} {claims:>7} {cpu:>7.1f} {shown} {claims / cpu if cpu else 0:>12.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
