"""The default store: one SQLite file, versioned schema, FTS5 search, atomic batches.

>>> import tempfile, os
>>> from newstrail.core.article import Article
>>> path = os.path.join(tempfile.mkdtemp(), "t.db")
>>> with SQLiteStore(path) as store:
...     store.articles.put(Article(text="The pier closed.", url="https://harbor.example/a").ensure_id())
'added'
>>> with SQLiteStore(path, read_only=True) as store:
...     store.articles.count()
1
"""

from __future__ import annotations

import os
import sqlite3
from urllib.parse import quote

from newstrail.core.config import DEFAULT_BUSY_TIMEOUT
from newstrail.core.errors import StoreError
from newstrail.store.sql_articles import SQLiteText
from newstrail.store.sql_store import SQLStore
from newstrail.store.sqlite_db import SQLiteDB, store_fault
from newstrail.store.sqlite_schema import MIGRATIONS

__all__ = ["MIGRATIONS", "SQLiteStore"]


def _connect_read_only(path: str) -> sqlite3.Connection:
    """A connection that cannot write: ``mode=ro`` never creates, migrates or changes the file.

    A WAL store whose folder is read-only has no ``-shm`` file to share and cannot
    create one; it is then opened ``immutable``, which is safe as no writer can be
    at work where nothing can be written.
    """
    uri = "file:" + quote(os.path.abspath(path)) + "?mode=ro"
    if not os.path.exists(path):
        raise StoreError(f"{path}: no store here; run 'newstrail analyze ... --db {path}' first")
    db = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    try:
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return db
    except sqlite3.OperationalError:
        db.close()
    db = sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None, check_same_thread=False)
    db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return db


def _connect(path: str, read_only: bool, busy_timeout: float) -> sqlite3.Connection:
    if read_only:
        db = _connect_read_only(path)
    else:
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, one per batch.
        db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA foreign_keys=ON")
    # 64 MB of pages instead of SQLite's 2 MB: linking reads the same index pages (n-gram
    # postings, leads, stories) for every article, and with the default a corpus past a few
    # thousand articles read them back from the file each time (system time grew with it)
    db.execute("PRAGMA cache_size=-65536")
    db.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
    return db


class SQLiteStore(SQLStore):
    """A corpus in one SQLite file, created and migrated on open (see :class:`newstrail.store.protocols.Store`).

    ``read_only=True`` opens an existing file with ``mode=ro`` and migrates nothing;
    a file of an older schema must be opened writable once to upgrade it.
    """

    _db: SQLiteDB

    def __init__(self, path: str, *, read_only: bool = False, busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> None:
        self.location = path
        self.read_only = read_only
        self.busy_timeout = busy_timeout
        try:
            self._db = SQLiteDB(_connect(path, read_only, busy_timeout), path, read_only, busy_timeout)
            self._check_version(len(MIGRATIONS))
        except sqlite3.OperationalError as exc:
            raise store_fault(exc, path, busy_timeout) from exc
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: cannot open as a newstrail SQLite store ({exc}); name another file with --db") from exc
        self._open_repositories(SQLiteText(self._db))

    @property
    def db(self) -> sqlite3.Connection:
        """The connection, for tests and maintenance; repositories are the interface."""
        return self._db.db

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _upgrade(self, version: int) -> None:
        for number in range(version, len(MIGRATIONS)):
            self._migrate(number)

    def _migrate(self, number: int) -> None:
        step = MIGRATIONS[number]
        if isinstance(step, str):
            # executescript commits first; the version bump sits in the same script,
            # so a migration that fails half-way leaves the old version recorded.
            self._db.db.executescript(f"BEGIN; {step}; PRAGMA user_version = {number + 1}; COMMIT;")
            return
        with self._db.transaction():
            step(self._db.db)
            self._db.execute(f"PRAGMA user_version = {number + 1}")

    def __exit__(self, *exc: object) -> None:
        self.close()
        error = exc[1] if len(exc) > 1 else None
        if isinstance(error, sqlite3.Error):  # a fault outside a transaction (a read, a pragma)
            raise store_fault(error, self.location, self.busy_timeout) from error
