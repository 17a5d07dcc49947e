"""What a rerun costs, how long a batch holds the store's write lock, and whether the
batch size or an interruption changes what is stored.

Generates a corpus of copy chains (:mod:`newstrail.eval.chains`, the hard kinds on,
a third of the records without a URL so some outlets are known by masthead only),
then runs the real ``newstrail analyze`` in subprocesses:

1. a fresh run, timed in CPU seconds (user + system of the child);
2. a rerun over the same input (everything stored): its CPU seconds;
3. runs with batch sizes 1 and 7, and the input split in two runs (the first 40% of it,
   then all of it), each compared table by table with the fresh run. A run killed and
   rerun is compared so in ``tests/test_faults.py``.

It also prints the longest write transaction of an in-process run (how long another
writer could have to wait for the lock).

    .venv/bin/python bench/resume.py --articles 1000
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

from newstrail import Settings, analyze
from newstrail.eval import chains
from newstrail.eval.determinism import derived_tables, differences
from newstrail.store import sqlite_db


def cli(*args: str) -> float:
    """Run ``newstrail ARGS``; return its CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", "from newstrail.cli import main; main()", *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def corpus(n: int, seed: int, path: Path) -> list[str]:
    records, _ = chains.generate(n, seed, hard=True)
    lines = []
    for i, record in enumerate(records):
        if i % 3 == 0:  # known by masthead only: outlet knowledge must come from the corpus
            record.pop("url", None)
            record.pop("id", None)
        lines.append(json.dumps(record, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return lines


@contextmanager
def lock_times() -> Iterator[list[float]]:
    """Collect how long each outermost write transaction lasts."""
    held: list[float] = []
    original = sqlite_db.SQLiteDB.transaction

    @contextmanager
    def timed(self: sqlite_db.SQLiteDB) -> Iterator[None]:
        outer, started = not self.db.in_transaction, time.monotonic()
        with original(self):
            yield
        if outer:
            held.append(time.monotonic() - started)

    sqlite_db.SQLiteDB.transaction = timed  # type: ignore[method-assign]
    try:
        yield held
    finally:
        sqlite_db.SQLiteDB.transaction = original  # type: ignore[method-assign]


def verdict(reference: dict, other: dict) -> str:
    found = differences(reference, other)
    return "same store" if not found else "differs: " + ", ".join(f"{n} {table}" for table, n in found.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="newstrail-resume-"))
    data = folder / "corpus.jsonl"
    lines = corpus(args.articles, args.seed, data)
    fresh_db = str(folder / "fresh.db")
    fresh = cli("analyze", str(data), "--db", fresh_db)
    rerun = cli("analyze", str(data), "--db", fresh_db)
    print(f"corpus: {len(lines)} generated articles (seed {args.seed}), a third without a URL")
    print(f"fresh run {fresh:.1f} CPU s; rerun over the stored corpus {rerun:.1f} CPU s ({100 * rerun / fresh:.0f}% of fresh)")
    reference = derived_tables(fresh_db)
    for label, batch in (("batch size 1", "1"), ("batch size 7", "7")):
        db = str(folder / f"b{batch}.db")
        cli("analyze", str(data), "--db", db, "--set", f"pipeline.batch_size={batch}")
        print(f"{label}: {verdict(reference, derived_tables(db))}")
    part = folder / "part.jsonl"
    part.write_text("\n".join(lines[: len(lines) * 2 // 5]) + "\n", encoding="utf-8")
    resumed = str(folder / "resumed.db")
    cli("analyze", str(part), "--db", resumed)
    cli("analyze", str(data), "--db", resumed)
    print(f"split in two runs (40%, then all): {verdict(reference, derived_tables(resumed))}")
    with lock_times() as held:
        for _ in analyze([str(data)], Settings(db=str(folder / "timed.db"))):
            pass
    print(f"write lock: {len(held)} transactions, longest {max(held):.2f} s, median {sorted(held)[len(held) // 2]:.2f} s")


if __name__ == "__main__":
    main()
