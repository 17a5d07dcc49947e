"""Fixtures for the reader tests: a local web site (``write`` comes from tests/conftest.py).

The only network used is a stdlib HTTP server on 127.0.0.1 started by ``site``;
the helpers it builds on are in ingest_helpers.py.
"""

from __future__ import annotations

import threading

import pytest
from ingest_helpers import Site, Handler, QuietServer

from newstrail import Settings


@pytest.fixture
def site():
    """A fresh local site per test; add routes with ``site.routes[path] = fn``."""
    state = Site()
    handler = type("SiteHandler", (Handler,), {"site": state})
    server = QuietServer(("127.0.0.1", 0), handler)
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def fast() -> Settings:
    """Settings for web tests: short timeouts and back-off, language detection off."""
    return Settings(fetch_timeout=2.0, fetch_retries=0, fetch_backoff=0.01, detect_language=False)
