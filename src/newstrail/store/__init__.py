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

from newstrail.core.errors import StoreError
from newstrail.store.protocols import Articles, FactChecks, Links, Ratings, Store, TextIndex
from newstrail.store.rows import ADDED, EXISTS, SearchHit
from newstrail.store.sqlite import SQLiteStore

__all__ = ["ADDED", "EXISTS", "Articles", "FactChecks", "Links", "Ratings", "SQLiteStore", "SearchHit", "Store", "TextIndex", "open_store"]


def open_store(location: str, *, read_only: bool = False) -> Store:
    """Open the store at ``location`` (a SQLite file path): created and migrated, or with
    ``read_only=True`` opened as it is, for reading only."""
    if location.startswith(("postgres://", "postgresql://")):
        raise StoreError(f"{location}: the PostgreSQL backend is not available in this version; use a SQLite file path")
    return SQLiteStore(location, read_only=read_only)
