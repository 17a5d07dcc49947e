"""Where the corpus lives: SQLite by default, as five small typed repositories.

``store.articles``, ``store.text``, ``store.links``, ``store.factchecks`` and
``store.ratings`` (see :mod:`newstrail.store.protocols`) take and return ids and
the dataclasses of :mod:`newstrail.store.rows`.

>>> import tempfile, os
>>> store = open_store(os.path.join(tempfile.mkdtemp(), "corpus.db"))
>>> store.articles.count()
0
>>> store.close()
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TypeVar

from newstrail.core.config import DEFAULT_BUSY_TIMEOUT
from newstrail.core.errors import StoreError
from newstrail.store.protocols import Articles, FactChecks, Links, Ratings, Store, TextIndex
from newstrail.store.rows import ADDED, EXISTS, SearchHit
from newstrail.store.sqlite import SQLiteStore

__all__ = ["ADDED", "EXISTS", "WRITE_TURN", "Articles", "FactChecks", "Links", "Ratings", "SQLiteStore", "SearchHit", "Store", "TextIndex", "open_store",
           "write_in_turns"]

T = TypeVar("T")

#: seconds of writing after which a long job commits and lets another writer take the lock
WRITE_TURN = 0.5


def open_store(location: str, *, read_only: bool = False, busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> Store:
    """Open the store at ``location`` (a SQLite file path): created and migrated, or with
    ``read_only=True`` opened as it is, for reading only. A write waits up to
    ``busy_timeout`` seconds for another process's write lock."""
    if location.startswith(("postgres://", "postgresql://")):
        raise StoreError(f"{location}: the PostgreSQL backend is not available in this version; use a SQLite file path")
    return SQLiteStore(location, read_only=read_only, busy_timeout=busy_timeout)


def write_in_turns(store: Store, items: Sequence[T], write: Callable[[T], None], turn: float = WRITE_TURN) -> None:
    """Call ``write`` on each of ``items``, in order, in write transactions that commit once
    ``turn`` seconds have passed: each item is written whole or not at all (a crash
    keeps the turns committed before), and another process waiting for the store's
    write lock waits about ``turn`` seconds, not for the whole job.

    >>> import tempfile, os
    >>> from newstrail.core.article import Article
    >>> with open_store(os.path.join(tempfile.mkdtemp(), "t.db")) as store:
    ...     articles = [Article(text=f"Pier {n} closed.", url=f"https://harbor.example/{n}").ensure_id() for n in range(3)]
    ...     write_in_turns(store, articles, store.articles.put)
    ...     store.articles.count()
    3
    """
    at = 0
    while at < len(items):
        with store.transaction():
            started = time.monotonic()
            while True:  # at least one item a turn
                write(items[at])
                at += 1
                if at == len(items) or time.monotonic() - started >= turn:
                    break
