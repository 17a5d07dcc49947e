"""Wall-clock throughput of ``newstrail analyze``: the local engine against the Dask engine.

    .venv/bin/python bench/engines.py [--articles 1000 10000] [--workers 2] [--sample CSV]

The FakeNewsCorpus sample is cycled to each size with light edits, as in
``bench/stages.py`` (copies exist, as in a real feed), written as one JSON Lines file,
and analysed into a fresh SQLite store by each engine with the default settings: the
local engine in this process, then the Dask engine on a LocalCluster of ``--workers``
processes (one thread each; started and shut down inside the timed run, as
``newstrail analyze --engine dask`` does). Printed per run: wall-clock seconds, articles
per second, the seconds until the last article was stored (reading, stages, storing)
and the seconds linking took after it, and the Dask engine's speed-up over the local
one. Both stores are compared afterwards (articles, stories, shared passages): a
speed-up that changed the results would not count.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import stages  # noqa: E402  (bench/stages.py: the corpus cycling)

from newstrail import Settings, api  # noqa: E402


def timed(path: Path, db: Path, engine: str, workers: int) -> tuple[float, float, int]:
    """Seconds in all, seconds until the last outcome (before linking), and outcomes."""
    settings = Settings(db=str(db), engine=engine, dask_workers=workers)
    started = time.perf_counter()
    stored = started
    count = 0
    for _ in api.analyze([str(path)], settings):
        count += 1
        stored = time.perf_counter()
    return time.perf_counter() - started, stored - started, count


def fingerprint(db: Path) -> tuple:
    """What both engines must agree on: articles, stories and shared passages."""
    with sqlite3.connect(db) as conn:
        return (sorted(conn.execute("SELECT id, story FROM articles")), sorted(conn.execute("SELECT a, b, words FROM reuse")))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sample", type=Path, default=stages.SAMPLE, help="the FakeNewsCorpus sample CSV (news_sample.csv)")
    args = parser.parse_args()
    if not args.sample.is_file():
        print(f"needs {args.sample} (--sample)", file=sys.stderr)
        return 2
    stages.SAMPLE = args.sample
    print(f"{'articles':>8} {'engine':<12} {'wall s':>8} {'art/s':>7} {'stored s':>9} {'link s':>7} {'speed-up':>8}")
    for n in args.articles:
        folder = Path(tempfile.mkdtemp(prefix="newstrail-engines-"))
        path = folder / "corpus.jsonl"
        path.write_text("".join(stages.json.dumps(r) + "\n" for r in stages.records(n)), encoding="utf-8")
        results = {}
        for engine in ("local", "dask"):
            wall, stored, count = timed(path, folder / f"{engine}.db", engine, args.workers)
            results[engine] = wall
            label = engine if engine == "local" else f"dask x{args.workers}"
            speed = f"{results['local'] / wall:.2f}x" if engine == "dask" else ""
            print(f"{count:>8} {label:<12} {wall:>8.1f} {count / wall:>7.1f} {stored:>9.1f} {wall - stored:>7.1f} {speed:>8}", flush=True)
        same = fingerprint(folder / "local.db") == fingerprint(folder / "dask.db")
        print(f"{'':>8} stores equal: {'yes' if same else 'NO'}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
