"""Wall-clock throughput of ``newstrail analyze``: the local engine against the Dask engine.

    .venv/bin/python bench/engines.py [--articles 1000 10000] [--workers 2] [--rhetoric] [--sample CSV]

The FakeNewsCorpus sample is cycled to each size with light edits, as in
``bench/stages.py`` (copies exist, as in a real feed), written as one JSON Lines file,
and analysed into a fresh SQLite store by each engine with the default settings: the
local engine in this process, then the Dask engine on a LocalCluster of ``--workers``
processes (one thread each; started and shut down inside the timed run, as
``newstrail analyze --engine dask`` does). Printed per run: wall-clock seconds, articles
per second, the seconds until the last article was stored (reading, stages, storing)
and the seconds linking took after it, the Dask engine's speed-up over the local one,
the CPU seconds of this process (the client: for the Dask engine, the storing and the
linking) and the part of them spent after the last article was stored (linking), those
of the workers, and the load average before and after (the machine may be
shared: a wall-clock figure means little without it). Both stores are compared afterwards (articles, stories, shared passages): a
speed-up that changed the results would not count.
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import stages  # noqa: E402  (bench/stages.py: the corpus cycling)

from newstrail import Settings, api  # noqa: E402


@dataclass
class Run:
    """One timed run: wall seconds in all and until the last article was stored, outcomes,
    this process's CPU seconds (in all, and until the last article was stored), the CPU
    seconds of its child processes (the local cluster's workers, counted once they have
    exited), and the load average before and after."""

    wall: float
    stored: float
    count: int
    cpu: float
    stored_cpu: float
    workers_cpu: float
    load: tuple[float, float]


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(path: Path, db: Path, engine: str, workers: int, rhetoric: bool) -> Run:
    stages_run = Settings().pipeline  # ... claims, factchecks, outlet
    pipeline = stages_run[:-2] + ("rhetoric",) + stages_run[-2:] if rhetoric else stages_run
    settings = Settings(db=str(db), engine=engine, dask_workers=workers, pipeline=pipeline)
    load = os.getloadavg()[0]
    started, cpu, children = time.perf_counter(), time.process_time(), children_cpu()
    stored, stored_cpu = started, cpu
    count = 0
    for _ in api.analyze([str(path)], settings):
        count += 1
        stored, stored_cpu = time.perf_counter(), time.process_time()
    wall = time.perf_counter() - started
    return Run(wall, stored - started, count, time.process_time() - cpu, stored_cpu - cpu, children_cpu() - children, (load, os.getloadavg()[0]))


def fingerprint(db: Path) -> tuple:
    """What both engines must agree on: articles, stories and shared passages."""
    with sqlite3.connect(db) as conn:
        return (sorted(conn.execute("SELECT id, story FROM articles")), sorted(conn.execute("SELECT a, b, words FROM reuse")))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--engines", nargs="+", choices=("local", "dask"), default=["local", "dask"],
                        help="the engines to run (default both; one alone, e.g. to compare two checkouts run at the same moment)")
    parser.add_argument("--rhetoric", action="store_true", help="add the rhetoric stage (off by default in analyze) before factchecks")
    parser.add_argument("--sample", type=Path, default=stages.SAMPLE, help="the FakeNewsCorpus sample CSV (news_sample.csv)")
    args = parser.parse_args()
    if not args.sample.is_file():
        print(f"needs {args.sample} (--sample)", file=sys.stderr)
        return 2
    stages.SAMPLE = args.sample
    print(f"{'articles':>8} {'engine':<10} {'wall s':>7} {'art/s':>6} {'stored s':>8} {'link s':>7} {'speed-up':>8} "
          f"{'client CPU s':>12} {'of it linking':>13} {'workers CPU s':>13} {'load':>11}")
    for n in args.articles:
        folder = Path(tempfile.mkdtemp(prefix="newstrail-engines-"))
        path = folder / "corpus.jsonl"
        path.write_text("".join(stages.json.dumps(r) + "\n" for r in stages.records(n)), encoding="utf-8")
        local = None
        for engine in args.engines:
            run = timed(path, folder / f"{engine}.db", engine, args.workers, args.rhetoric)
            local = local or run
            label = engine if engine == "local" else f"dask x{args.workers}"
            speed = f"{local.wall / run.wall:.2f}x" if engine == "dask" and local is not run else ""
            print(f"{run.count:>8} {label:<10} {run.wall:>7.1f} {run.count / run.wall:>6.1f} {run.stored:>8.1f} {run.wall - run.stored:>7.1f} {speed:>8} "
                  f"{run.cpu:>12.1f} {run.cpu - run.stored_cpu:>13.1f} {run.workers_cpu:>13.1f} {run.load[0]:>5.1f}-{run.load[1]:<5.1f}", flush=True)
        if len(args.engines) == 2:
            same = fingerprint(folder / "local.db") == fingerprint(folder / "dask.db")
            print(f"{'':>8} stores equal: {'yes' if same else 'NO'}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
