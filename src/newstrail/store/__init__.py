"""Where the corpus lives: SQLite by default or PostgreSQL, as six small typed repositories.

``store.articles``, ``store.text``, ``store.links``, ``store.factchecks``,
``store.ratings`` and ``store.feeds`` (see :mod:`newstrail.store.protocols`) take and return ids and
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
from newstrail.store.protocols import Articles, FactChecks, Feeds, Links, Ratings, Store, TextIndex
from newstrail.store.rows import ADDED, EXISTS, SearchHit
from newstrail.store.sqlite import SQLiteStore

__all__ = ["ADDED", "EXISTS", "WRITE_TURN", "Articles", "FactChecks", "Feeds", "Links", "Ratings", "SQLiteStore", "SearchHit", "Store", "TextIndex", "is_store_url",
           "open_store", "write_in_turns"]

T = TypeVar("T")

#: seconds of writing after which a long job commits and lets another writer take the lock
WRITE_TURN = 0.5


def open_store(location: str, *, read_only: bool = False, busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> Store:
    """Open the store at ``location``: a SQLite file path, or a ``postgresql://`` URL (the
    ``[postgres]`` extra); created and migrated, or with ``read_only=True`` opened as it
    is, for reading only. A write waits up to ``busy_timeout`` seconds for another
    process's write lock."""
    if is_store_url(location):
        # imported only for a server: the module loads psycopg, an optional extra
        from newstrail.store.postgres import PostgresStore

        return PostgresStore(location, read_only=read_only, busy_timeout=busy_timeout)
    return SQLiteStore(location, read_only=read_only, busy_timeout=busy_timeout)


def is_store_url(location: str) -> bool:
    """Whether ``location`` names a database server (PostgreSQL) rather than a SQLite file.

    >>> is_store_url("postgresql://newstrail@127.0.0.1/corpus"), is_store_url("corpus.db")
    (True, False)
    """
    return location.startswith(("postgresql://", "postgres://"))


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
