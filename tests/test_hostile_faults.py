"""Fault tests: the real ``newstrail`` command in a subprocess, fed poison records, a FIFO,
a device and a server on 127.0.0.1 that drips its answer.

Each test checks that the bad input is reported as ``FILE:LINE: reason`` (or by its
name), that the good records beside it are stored, and that the command ends. The
subprocess timeouts are guards against a hang, not measurements: growth is measured by
``bench/hostile.py``.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from web_server import serving

GOOD = "The harbor council of Port Alder voted on Monday to close Pier 9 for repairs after divers found rot in 40 of its pilings."
DEEP = "[" * 900 + "]" * 900  # json.loads raises RecursionError on this without a depth check
DEEP_FIELD = "[" * 500 + "]" * 500  # parses, but nested past what a record may hold
GUARD = 120  # seconds: only a hang comes near this


def cli(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``newstrail ARGS`` as a user would, in its own process."""
    return subprocess.run([sys.executable, "-c", "from newstrail.cli import main; main()", *args], cwd=cwd, input=stdin,
                          capture_output=True, timeout=GUARD, text=stdin is None)


def stored_ids(db: Path, table: str = "articles") -> list[str]:
    with sqlite3.connect(db) as conn:
        return sorted(row[0] for row in conn.execute(f"SELECT id FROM {table}"))


def jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------- poison records


def test_analyze_skips_poison_jsonl_records_and_stores_the_rest(tmp_path: Path):
    lines = [json.dumps({"id": f"good{i}", "text": f"{GOOD} Report {i}."}) for i in range(5)]
    lines.insert(1, DEEP)
    lines.insert(3, '{"id": "deepfield", "text": "%s", "extra": %s}' % (GOOD, DEEP_FIELD))
    lines.insert(5, json.dumps({"id": "typed", "title": {"a": 1}, "text": GOOD}))
    lines.insert(6, '{"id": "nan", "text": "%s", "score": NaN}' % GOOD)
    path = jsonl(tmp_path / "export.jsonl", lines)
    later = tmp_path / "later.txt"
    later.write_text(f"Later Story\n\n{GOOD} A later input.", encoding="utf-8")
    run = cli("analyze", str(path), str(later), "--db", "s.db", cwd=tmp_path)
    assert run.returncode == 1, run.stderr
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    assert [e.split(": ")[1] for e in errors] == [f"{path}:2", f"{path}:4", f"{path}:6", f"{path}:7"]
    assert "nested more than 64 levels" in errors[0] and "nested more than 64 levels" in errors[1]
    assert "field 'title' must be text, not an object" in errors[2]
    assert "NaN is not a number JSON allows" in errors[3]
    assert "Traceback" not in run.stderr
    ids = stored_ids(tmp_path / "s.db")
    assert [i for i in ids if i.startswith("good")] == [f"good{i}" for i in range(5)] and len(ids) == 6  # and the later input


def test_a_rerun_after_poison_adds_nothing_twice(tmp_path: Path):
    path = jsonl(tmp_path / "export.jsonl", [DEEP, json.dumps({"id": "good", "text": GOOD})])
    first = cli("analyze", str(path), "--db", "s.db", cwd=tmp_path)
    second = cli("analyze", str(path), "--db", "s.db", cwd=tmp_path)
    assert first.returncode == second.returncode == 1
    assert "1 added" in first.stderr and "0 added, 1 already stored, 1 failed" in second.stderr
    assert stored_ids(tmp_path / "s.db") == ["good"]


def claim_review(claim: str, rating: str = "False", value: object = 1) -> dict:
    return {"@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": claim, "url": f"https://checkdesk.example/{abs(hash(claim))}",
            "author": {"@type": "Organization", "name": "Check Desk"}, "reviewRating": {"@type": "Rating", "ratingValue": value, "bestRating": 5,
                                                                                     "worstRating": 1, "alternateName": rating}}


@pytest.mark.parametrize("form", ["jsonl", "json", "html"])
def test_factchecks_import_skips_poison_records(tmp_path: Path, form: str):
    good = claim_review("Pier 9 was sold to a casino chain last week.")
    nan_rating = claim_review("The ferry fares tripled overnight.", rating="", value="NaN")
    if form == "jsonl":
        path = jsonl(tmp_path / "checks.jsonl", [DEEP, json.dumps(nan_rating), json.dumps(good)])
    elif form == "json":
        path = tmp_path / "checks.json"
        path.write_text('{"dataFeedElement": [{"item": [%s, %s, {"deep": %s}]}]}' % (json.dumps(nan_rating), json.dumps(good), DEEP_FIELD), encoding="utf-8")
    else:
        path = tmp_path / "check.html"
        path.write_text(f'<html><body><script type="application/ld+json">{DEEP}</script>'
                        f'<script type="application/ld+json">{json.dumps(nan_rating)}</script>'
                        f'<script type="application/ld+json">{json.dumps(good)}</script></body></html>', encoding="utf-8")
    run = cli("factchecks", "import", str(path), "--db", "s.db", "--no-embed", cwd=tmp_path)
    assert "Traceback" not in run.stderr
    assert run.returncode == 1
    if form == "json":  # one document: its depth is refused as a whole, nothing half-read
        assert "nested more than 64 levels" in run.stderr and stored_ids(tmp_path / "s.db", "factchecks") == []
        return
    assert f"{path}:1" in run.stderr and "nested more than 64 levels" in run.stderr
    assert "'NaN' is not a finite number" in run.stderr
    with sqlite3.connect(tmp_path / "s.db") as conn:
        assert [r[0] for r in conn.execute("SELECT claim FROM factchecks")] == [good["claimReviewed"]]


def test_sources_import_skips_a_poison_line(tmp_path: Path):
    path = jsonl(tmp_path / "watch.jsonl", [json.dumps({"domain": "harborlantern.example", "rating": "reliable"}), DEEP,
                                            json.dumps({"domain": "gullwing.example", "rating": "mixed"})])
    run = cli("sources", "import", str(path), "--db", "s.db", cwd=tmp_path)
    assert "Traceback" not in run.stderr
    assert "watch.jsonl:2" in run.stderr and "nested more than 64 levels" in run.stderr
    assert "2 sites imported" in run.stdout


def test_sources_import_warns_of_a_header_only_list(tmp_path: Path):
    (tmp_path / "empty.csv").write_text("domain,rating\n", encoding="utf-8")
    run = cli("sources", "import", "empty.csv", "--db", "s.db", cwd=tmp_path)
    assert "warning: empty.csv: no ratings in it" in run.stderr


def test_claims_score_skips_a_poison_line(tmp_path: Path):
    path = jsonl(tmp_path / "texts.jsonl", [DEEP, json.dumps({"id": "t1", "text": "Fares rose 12% in 2024, the board said."})])
    run = cli("claims", "score", str(path), cwd=tmp_path)
    assert "Traceback" not in run.stderr and run.returncode == 1
    assert f"{path}:1" in run.stderr and "nested more than 64 levels" in run.stderr
    assert [line.split("#")[0] for line in run.stdout.splitlines() if line.strip()] == ["t1"]  # "t1#0  0.94 Yes ..."


# ---------------------------------------------------------------- FIFOs and devices


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path


def test_a_fifo_among_the_inputs_is_refused_and_the_rest_stored(tmp_path: Path, fifo: Path):
    before, after = tmp_path / "before.txt", tmp_path / "after.txt"
    before.write_text(f"Before\n\n{GOOD} The first.", encoding="utf-8")
    after.write_text(f"After\n\n{GOOD} The last.", encoding="utf-8")
    run = cli("analyze", str(before), str(fifo), str(after), "--db", "s.db", cwd=tmp_path)
    assert run.returncode == 1
    assert f"error: {fifo}: a FIFO (named pipe), not a regular file: not read" in run.stderr
    assert "2 added" in run.stderr and len(stored_ids(tmp_path / "s.db")) == 2


def test_a_fifo_in_a_folder_is_refused(tmp_path: Path, fifo: Path):
    (tmp_path / "story.txt").write_text(f"Story\n\n{GOOD}", encoding="utf-8")
    bare = tmp_path / "stream"  # no extension: nothing may open it to sniff its kind
    os.mkfifo(bare)
    run = cli("analyze", str(tmp_path), "--db", str(tmp_path.parent / f"{tmp_path.name}.db"), cwd=tmp_path)
    assert f"{fifo}: a FIFO (named pipe)" in run.stderr and f"{bare}: a FIFO (named pipe)" in run.stderr
    assert "1 added" in run.stderr


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_in_every_reader(tmp_path: Path, device: str):
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    for args in (["analyze", device, "--db", "s.db"], ["factchecks", "import", device, "--db", "s.db"],
                 ["sources", "import", device, "--db", "s.db"], ["claims", "score", device]):
        run = cli(*args, cwd=tmp_path)
        assert "a character device, not a regular file" in run.stderr, (args, run.stderr)
        assert run.returncode == 1


def test_stdin_is_read_up_to_the_cap(tmp_path: Path):
    run = cli("analyze", "-", "--db", "s.db", "--set", "ingest.max_input_bytes=1000", cwd=tmp_path, stdin=b"a " * 600_000)
    assert b"standard input is over 1,000,000 bytes" in run.stderr and run.returncode == 1


# ---------------------------------------------------------------- a server that drips


class Dripper:
    """A server on 127.0.0.1 that answers every request one byte at a time, ``pause`` apart,
    forever (the headers never end), until stopped."""

    def __init__(self, pause: float = 0.2, headers_done: bool = False) -> None:
        self.pause, self.headers_done = pause, headers_done
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.stop = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        self.sock.settimeout(0.1)
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._drip, args=(conn,), daemon=True).start()

    def _drip(self, conn: socket.socket) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 4000000\r\n\r\n" if self.headers_done else b""
        try:
            conn.recv(65536)
            if head:
                conn.sendall(head)
            while not self.stop.is_set():
                conn.sendall(b"<" if not head else b"a")
                time.sleep(self.pause)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        self.stop.set()
        self.sock.close()


@pytest.fixture(params=[False, True], ids=["dripping-headers", "dripping-body"])
def dripper(request) -> Iterator[Dripper]:
    server = Dripper(headers_done=request.param)
    yield server
    server.close()


def test_a_dripping_server_is_given_up_at_the_deadline(tmp_path: Path, dripper: Dripper):
    story = tmp_path / "story.txt"
    story.write_text(f"Story\n\n{GOOD}", encoding="utf-8")
    url = f"http://reader:s3cret@127.0.0.1:{dripper.port}/slow"
    run = cli("analyze", str(story), url, "--db", "s.db", "--set", "fetch.deadline=2", "--set", "fetch.timeout=1", "--set", "fetch.retries=0", cwd=tmp_path)
    assert run.returncode == 1
    assert f"error: http://127.0.0.1:{dripper.port}/slow:" in run.stderr and "(fetch_deadline)" in run.stderr
    assert "s3cret" not in run.stderr and "reader" not in run.stderr
    assert "1 added" in run.stderr


def test_a_feed_shares_one_deadline_with_its_entries(tmp_path: Path):
    slow = Dripper(headers_done=False)
    items = "".join(f"<item><title>Entry {i}</title><link>http://127.0.0.1:{slow.port}/entry{i}</link></item>" for i in range(4))
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bay Wire</title>{items}</channel></rss>'.encode()

    try:
        with serving(feed, "application/rss+xml") as port:
            run = cli("analyze", f"http://127.0.0.1:{port}/feed.rss", "--db", "s.db", "--set", "fetch.deadline=1.5",
                      "--set", "fetch.feed_deadline=2", "--set", "fetch.timeout=1", "--set", "fetch.retries=0", cwd=tmp_path)
    finally:
        slow.close()
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 4 and run.returncode == 1
    assert "(fetch_deadline)" in errors[0]
    assert "the feed's 2 s are spent (feed_deadline)" in errors[-1]
