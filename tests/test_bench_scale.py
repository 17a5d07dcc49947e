"""bench/scale.py run as users run it, on tiny corpora: every run of its table is there,
and the figures it prints are the children's own (articles, store sizes, the ratio)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_scale_bench_prints_each_run_and_the_cost_of_adding(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "scale.py"), "12", "--add", "6", "--stages", "--keep", str(tmp_path)],
                          capture_output=True, text=True, env=env, timeout=600, check=True)
    rows = [line.split() for line in done.stdout.splitlines() if line.startswith("sqlite")]
    assert [(r[2:-7], r[-7]) for r in rows] == [(["6", "alone"], "6"), (["12"], "12"), (["+6", "to", "12"], "6")]
    for row in rows:
        peak_mb, store_mb = float(row[-2]), float(row[-1])
        assert 50 < peak_mb < 2000 and store_mb > 0
    # the stopwatch saw the stages, storing and linking of each run
    assert done.stdout.count("stage claims") == 3 and done.stdout.count("link ") == 3
    ratio = re.search(r"adding 6 to 12: ([\d.]+) CPU s, ([\d.]+) x the same 6 into an empty store", done.stdout)
    assert ratio and float(ratio.group(2)) > 0
    # the corpora and stores are kept where --keep says: 12 articles, then the 6 added
    import sqlite3

    with sqlite3.connect(tmp_path / "corpus_12.db") as db:
        assert db.execute("SELECT count(*), sum(linked) FROM articles").fetchone() == (18, 18)


def test_scale_bench_reuses_a_kept_analysed_corpus(tmp_path):
    import sqlite3

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}

    def scale(*args: str) -> str:
        return subprocess.run([sys.executable, str(ROOT / "bench" / "scale.py"), *args, "--add", "4", "--keep", str(tmp_path)],
                              capture_output=True, text=True, env=env, timeout=600, check=True).stdout

    scale("10", "--replicate", "10")
    analysed = tmp_path / "corpus_10-analysed.db"
    with sqlite3.connect(analysed) as db:
        assert db.execute("SELECT count(*) FROM articles").fetchone() == (10,)  # kept before the batch was added
    # the analysed corpus stands in for analysing it again, and its copies are kept for the next run
    again = scale("20", "--replicate", "10", "--analysed", str(analysed))
    assert "replicated from 10" in again and "+4 to 20" in again
    assert (tmp_path / "corpus_20-replicated.db").exists()
    for _ in range(2):  # the second run copies the kept replicated store: the same 20, then the batch
        scale("20", "--replicate", "10", "--analysed", str(analysed))
        with sqlite3.connect(tmp_path / "corpus_20.db") as db:
            assert db.execute("SELECT count(*), sum(linked) FROM articles").fetchone() == (24, 24)
    with sqlite3.connect(tmp_path / "corpus_20-replicated.db") as db:
        assert db.execute("SELECT count(*) FROM articles").fetchone() == (20,)
