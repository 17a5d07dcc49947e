"""A throwaway PostgreSQL server for the tests: ``initdb`` and ``pg_ctl`` from Debian's
``postgresql`` package, a cluster in a temporary folder, listening on 127.0.0.1 only.

``NEWSTRAIL_TEST_POSTGRES=postgresql://USER@HOST:PORT/postgres`` uses a running server
instead (the user must be allowed to create databases). As root, the cluster runs as
``nobody`` (PostgreSQL refuses to run as root).
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

_INSTALL = "install PostgreSQL (Debian: apt-get install postgresql) or set NEWSTRAIL_TEST_POSTGRES to a server URL"


def _bindir() -> str | None:
    """The folder of ``initdb`` and ``pg_ctl``: Debian keeps them out of PATH, per version."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[-3]) if p.split("/")[-3].isdigit() else 0)
    if found:
        return os.path.dirname(found[-1])
    on_path = shutil.which("initdb")
    return os.path.dirname(on_path) if on_path else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Cluster:
    """A server to make empty databases on: ``new_database()`` returns the URL of a fresh one."""

    def __init__(self, admin_url: str, folder: Path | None = None, stop: list[str] | None = None) -> None:
        import psycopg  # the [postgres] extra; the tests that need it skip without it

        self.admin_url = admin_url
        self.folder = folder
        self._stop = stop
        self._admin = psycopg.connect(admin_url, autocommit=True)
        self._names = itertools.count(1)
        self._prefix = f"newstrail_test_{os.getpid()}_"

    def new_database(self) -> str:
        name = f"{self._prefix}{next(self._names)}"
        self._admin.execute(f'CREATE DATABASE "{name}"')
        return self.admin_url.rsplit("/", 1)[0] + "/" + name

    def close(self) -> None:
        self._admin.close()
        if self._stop:
            subprocess.run(self._stop, capture_output=True, timeout=60)
        if self.folder:
            shutil.rmtree(self.folder, ignore_errors=True)


def _as_owner(command: list[str]) -> list[str]:
    """``command`` run as ``nobody`` when we are root (PostgreSQL will not run as root)."""
    return ["runuser", "-u", "nobody", "--", *command] if os.geteuid() == 0 else command


def start_cluster() -> Cluster:
    """A running server, or ``pytest.skip`` saying why none could be started."""
    pytest.importorskip("psycopg", reason="the PostgreSQL tests need the [postgres] extra: pip install 'newstrail[postgres]'")
    if url := os.environ.get("NEWSTRAIL_TEST_POSTGRES"):
        return Cluster(url)
    bindir = _bindir()
    if bindir is None:
        pytest.skip(f"no PostgreSQL server to test against: initdb not found; {_INSTALL}")
    folder = Path(tempfile.mkdtemp(prefix="newstrail-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "nobody")
    data, port = folder / "data", _free_port()
    init = _as_owner([f"{bindir}/initdb", "-D", str(data), "-A", "trust", "-U", "newstrail", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
    options = f"-k {folder} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    start = _as_owner([f"{bindir}/pg_ctl", "-D", str(data), "-l", str(folder / "log"), "-w", "-t", "60", "-o", options, "start"])
    stop = _as_owner([f"{bindir}/pg_ctl", "-D", str(data), "-m", "immediate", "stop"])
    for step in (init, start):
        done = subprocess.run(step, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            log = (folder / "log").read_text(errors="replace")[-800:] if (folder / "log").exists() else ""
            shutil.rmtree(folder, ignore_errors=True)
            program = next(os.path.basename(part) for part in step if part.startswith(bindir))
            pytest.skip(f"no PostgreSQL server could be started ({program} failed: {(done.stderr or done.stdout)[-400:]} {log}); {_INSTALL}")
    return Cluster(f"postgresql://newstrail@127.0.0.1:{port}/postgres", folder, stop)
