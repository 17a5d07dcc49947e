"""The repository suite runs against every store backend: each test takes ``make_store``,
which opens a fresh, empty store of one backend (only SQLite today; a PostgreSQL
backend adds its factory to BACKENDS)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from newstrail.store import Store, open_store


def _sqlite(tmp_path) -> Store:
    return open_store(str(tmp_path / "repo.db"))


BACKENDS: dict[str, Callable[..., Store]] = {"sqlite": _sqlite}


@pytest.fixture(params=sorted(BACKENDS))
def repo(request, tmp_path) -> Iterator[Store]:
    store = BACKENDS[request.param](tmp_path)
    yield store
    store.close()
