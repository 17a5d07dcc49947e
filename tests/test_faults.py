"""Faults against the real command line, in subprocesses (issue 16): ``kill -9`` in the middle
of a run, a store whose write lock another connection holds, and a full disk.

Each ends in a clean state: nothing lost or stored twice, SQLite's integrity check
passes, a rerun finishes the work, and the derived tables equal those of a run that
was never disturbed. Store faults exit 3 with one line that says what to do.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from newstrail.eval import chains
from newstrail.eval.determinism import derived_tables, differences

CLI = [sys.executable, "-c", "from newstrail.cli import main; main()"]


def newstrail(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=600, **kwargs)


def count(db: Path) -> int:
    """Articles stored, read as another process would (0 before the store exists)."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def check_clean(db: Path, finished: bool = True) -> None:
    """A sound store with no article twice; once a run has finished, every article linked
    (a run killed while storing leaves its stored articles for the rerun to link)."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        twice = conn.execute("SELECT url, count(*) FROM articles WHERE url IS NOT NULL GROUP BY url HAVING count(*) > 1").fetchall()
        assert twice == []
        if finished:
            assert conn.execute("SELECT count(*) FROM articles WHERE linked = 0").fetchone()[0] == 0


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    records, _ = chains.generate(90, 23, hard=True)
    for i, record in enumerate(records):
        if i % 3 == 0:
            record.pop("url", None)
            record.pop("id", None)
    path = tmp_path_factory.mktemp("faults") / "corpus.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path, len(records)


@pytest.fixture(scope="module")
def reference(corpus: tuple[Path, int], tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, int]:
    db = tmp_path_factory.mktemp("faults-ref") / "ref.db"
    done = newstrail("analyze", str(corpus[0]), "--db", str(db))
    assert done.returncode == 0, done.stderr
    size = sum(p.stat().st_size for p in db.parent.iterdir())
    return derived_tables(str(db)), size


def kill_when(proc: subprocess.Popen[bytes], db: Path, stored: int) -> int:
    """SIGKILL ``proc`` once ``stored`` articles are in ``db``; return how many were then."""
    deadline = time.monotonic() + 300
    while count(db) < stored:
        assert proc.poll() is None, "the run ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    assert proc.poll() is None
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return count(db)


def test_kill_9_mid_batch_then_rerun_loses_and_doubles_nothing(corpus, reference, tmp_path) -> None:
    path, total = corpus
    db = tmp_path / "killed.db"
    at = []
    for stored in (8, 35):  # killed twice, the second time during the rerun
        proc = subprocess.Popen([*CLI, "analyze", str(path), "--db", str(db), "--set", "pipeline.batch_size=5"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        at.append(kill_when(proc, db, stored))
        check_clean(db, finished=False)
    assert 0 < at[0] <= at[1] < total
    done = newstrail("analyze", str(path), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert f"{total - at[1]} added, {at[1]} already stored, 0 failed" in done.stderr
    check_clean(db)
    assert differences(reference[0], derived_tables(str(db))) == {}


def test_a_held_lock_is_a_clean_exit_3_that_says_what_to_do(corpus, tmp_path) -> None:
    path, _ = corpus
    db = tmp_path / "locked.db"
    assert newstrail("link", "--db", str(db)).returncode == 0  # an empty store, created
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer, holding the lock
    try:
        done = newstrail("analyze", str(path), "--db", str(db), "--set", "store.busy_timeout=0.5")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert done.returncode == 3
    assert "Traceback" not in done.stderr
    message = done.stderr.strip().splitlines()[-1]
    assert message.startswith(f"newstrail: {db}: the store is locked: another process is writing to it")
    assert "Rerun when the other writer is done" in message and "store.busy_timeout" in message
    assert count(db) == 0


def test_a_writer_waits_for_a_lock_released_in_time(corpus, tmp_path) -> None:
    path, total = corpus
    db = tmp_path / "waits.db"
    assert newstrail("link", "--db", str(db)).returncode == 0
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    started = time.monotonic()
    # released after 8 s: the run reaches its first write well before that, and waits
    threading.Timer(8, lambda: (holder.execute("COMMIT"), holder.close())).start()
    done = newstrail("analyze", str(path), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started >= 8
    assert count(db) == total


@pytest.fixture
def small_disk(tmp_path: Path, reference: tuple[dict, int]):
    """A tmpfs a third the size of the finished store (root only; skipped otherwise)."""
    if os.geteuid() != 0:
        pytest.skip(f"a full disk needs a size-limited file system; mounting a tmpfs needs root (this is uid {os.geteuid()})")
    mount = tmp_path / "disk"
    mount.mkdir()
    size = max(256, reference[1] // 3 // 1024)
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}k", "tmpfs", str(mount)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a {size} KB tmpfs here to fill: {made.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_is_a_clean_exit_3_and_nothing_is_lost(corpus, reference, small_disk) -> None:
    path, total = corpus
    db = small_disk / "full.db"
    done = newstrail("analyze", str(path), "--db", str(db), "--set", "pipeline.batch_size=10")
    assert done.returncode == 3, done.stderr
    assert "Traceback" not in done.stderr and "cannot rollback" not in done.stderr
    message = done.stderr.strip().splitlines()[-1]
    assert message.startswith(f"newstrail: {db}: the disk is full")
    assert "nothing was lost" in message and "Free space" in message
    check_clean(db, finished=False)
    kept = count(db)
    assert kept < total
    # space freed: the rerun finishes, and the store is the undisturbed run's
    subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], check=True)
    done = newstrail("analyze", str(path), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert f"{total - kept} added, {kept} already stored, 0 failed" in done.stderr
    check_clean(db)
    assert differences(reference[0], derived_tables(str(db))) == {}
