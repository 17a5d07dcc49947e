"""The whole default pipeline into SQLite and into PostgreSQL, and into PostgreSQL from
several writers at once.

    python bench/store_backends.py --server postgresql://newstrail@127.0.0.1:5432/postgres 1000

``--server`` names a role that may create databases: each PostgreSQL run gets a new
database (``newstrail_bench_*``, dropped afterwards). Inputs: the sample corpus shipped
in ``src/newstrail/sample/corpus`` (40 articles), then N synthetic articles per size
(``bench/synthetic.py``) as JSONL. Each run is a fresh child process; with ``--writers W``
the JSONL is cut into W parts analysed by W processes at once on one database, and the
wall clock is the time until the last one ends. ``cpu s`` sums the children's CPU time
(not the server's), ``in store s`` their time in write transactions (storing and linking,
which writers take in turn, and waiting for the lock).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import generate, write_jsonl  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "newstrail" / "sample" / "corpus"


def measure(inputs: list[str], db: str) -> dict:
    """Run in a child process: analyze ``inputs`` into ``db``; ``store_s`` is the time in the
    store's write transactions (storing and linking a batch, and waiting for the write lock)."""
    from newstrail import Settings, analyze, open_store

    start = time.perf_counter()
    with open_store(db) as store:
        in_store = [0.0]
        transaction = store.transaction

        @contextmanager
        def timed() -> Iterator[None]:
            began = time.perf_counter()
            with transaction():
                yield
            in_store[0] += time.perf_counter() - began

        store.transaction = timed  # type: ignore[method-assign]  # the bench's stopwatch around the store's own
        statuses = [o.status for o in analyze(inputs, Settings(db=db), store)]
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {"added": statuses.count("added"), "seconds": time.perf_counter() - start, "cpu_s": usage.ru_utime + usage.ru_stime,
            "store_s": in_store[0]}


def _children(parts: list[list[str]], db: str) -> dict:
    """Analyze each part in its own process, all at once, into ``db``."""
    start = time.perf_counter()
    runs = [subprocess.Popen([sys.executable, __file__, "--child", db, *part], stdout=subprocess.PIPE, text=True) for part in parts]
    results = [json.loads(run.communicate()[0]) for run in runs]
    if any(run.returncode for run in runs):
        raise SystemExit("a child failed")
    return {"added": sum(r["added"] for r in results), "seconds": time.perf_counter() - start, "cpu_s": sum(r["cpu_s"] for r in results),
            "store_s": sum(r["store_s"] for r in results)}


class Server:
    """New databases on the server ``--server`` names."""

    def __init__(self, url: str) -> None:
        import psycopg  # the [postgres] extra, needed for this bench only

        self.url = url
        self.admin = psycopg.connect(url, autocommit=True)
        self.made: list[str] = []

    def new(self) -> str:
        name = f"newstrail_bench_{len(self.made) + 1}"
        self.admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        self.admin.execute(f'CREATE DATABASE "{name}"')
        self.made.append(name)
        return self.url.rsplit("/", 1)[0] + "/" + name

    def close(self) -> None:
        for name in self.made:
            self.admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        self.admin.close()


def _split(jsonl: Path, parts: int) -> list[list[str]]:
    lines = jsonl.read_text(encoding="utf-8").splitlines(keepends=True)
    paths = []
    for n in range(parts):
        path = jsonl.with_name(f"part{n}.jsonl")
        path.write_text("".join(lines[n::parts]), encoding="utf-8")
        paths.append([str(path)])
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[1000])
    parser.add_argument("--server", required=False, help="postgresql:// URL of a role that may create databases")
    parser.add_argument("--writers", type=int, default=2, help="PostgreSQL writers at once (default 2)")
    parser.add_argument("--child", nargs="+", metavar="DB INPUTS", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child[1:], args.child[0])))
        return
    if not args.server:
        parser.error("--server postgresql://USER@HOST:PORT/postgres is required")
    server = Server(args.server)
    print(f"{'input':<8} {'store':<16} {'articles':>9} {'seconds':>8} {'articles/s':>11} {'cpu s':>7} {'in store s':>10}")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            inputs: list[tuple[str, list[str]]] = [("sample", [str(SAMPLE)])]
            for size in args.sizes:
                jsonl = folder / f"synthetic-{size}.jsonl"
                write_jsonl(generate(size), jsonl)
                inputs.append((str(size), [str(jsonl)]))
            for name, paths in inputs:
                runs = [("sqlite", [paths], str(folder / f"{name}.db")), ("postgresql", [paths], server.new())]
                if name != "sample":
                    runs.append((f"postgresql x{args.writers}", _split(Path(paths[0]), args.writers), server.new()))
                for store, parts, db in runs:
                    r = _children(parts, db)
                    print(f"{name:<8} {store:<16} {r['added']:>9} {r['seconds']:>8.2f} {r['added'] / r['seconds']:>11.1f} {r['cpu_s']:>7.1f} {r['store_s']:>10.1f}", flush=True)
    finally:
        server.close()


if __name__ == "__main__":
    main()
