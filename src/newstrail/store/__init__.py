"""Where the corpus lives: SQLite by default, behind one :class:`Store` interface.

>>> import tempfile, os
>>> store = open_store(os.path.join(tempfile.mkdtemp(), "corpus.db"))
>>> store.count()
0
>>> store.close()
"""

from __future__ import annotations

from newstrail.core.errors import StoreError
from newstrail.store.base import ADDED, EXISTS, SearchHit, Store
from newstrail.store.sqlite import SQLiteStore

__all__ = ["ADDED", "EXISTS", "SQLiteStore", "SearchHit", "Store", "open_store"]


def open_store(location: str, read_only: bool = False) -> Store:
    """Open (creating and migrating) the store at ``location``: a SQLite file path.

    ``read_only`` opens an existing store for reading only: nothing is created,
    migrated or written, so read commands work on a file the user cannot write.
    """
    if location.startswith(("postgres://", "postgresql://")):
        raise StoreError(f"{location}: the PostgreSQL backend is not available in this version; use a SQLite file path")
    return SQLiteStore(location, read_only=read_only)
