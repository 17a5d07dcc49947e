"""The repository suite runs against every store backend: each test takes ``repo``, a fresh,
empty store of one backend (``store_location`` in tests/conftest.py: SQLite, then PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newstrail.store import Store, open_store


@pytest.fixture
def repo(store_location: str) -> Iterator[Store]:
    store = open_store(store_location)
    yield store
    store.close()
