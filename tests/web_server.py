"""The web app running for real: uvicorn on a free loopback port, in a thread of the test process.

Shared by the API tests and the browser tests. The sample corpus store is built
once per session with ``newstrail.api.demo`` (about five seconds) and copied for
each server that may write to it.
"""

from __future__ import annotations

import http.server
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from newstrail.core.config import Settings


@contextmanager
def serving(body: bytes, content_type: str) -> Iterator[int]:
    """A server on 127.0.0.1 answering every GET with ``body``; yields its port."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 -- the name http.server calls
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield int(httpd.server_address[1])
    finally:
        httpd.shutdown()
        httpd.server_close()


def free_port() -> int:
    """A port nothing listens on at the moment, on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def copy_store(db: Path, folder: Path) -> Path:
    """A copy of the store ``db`` in ``folder``, through SQLite's backup (what its -wal file holds included)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / db.name
    with closing(sqlite3.connect(db)) as source, closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
    return target


@contextmanager
def running(settings: Settings) -> Iterator[tuple[str, object]]:
    """Serve the app for ``settings`` (the default port, 8000, becomes a free one); yields its base URL and the uvicorn server."""
    from newstrail.web.server import server as make_server

    if settings.web_port == 8000:
        settings = settings.replace(web_port=free_port())
    server = make_server(settings)
    server.config.log_level = "warning"
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the web app did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{settings.web_port}", server
    finally:
        server.should_exit = True
        thread.join(timeout=10)
