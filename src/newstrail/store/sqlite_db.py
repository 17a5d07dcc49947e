"""The SQLite connection shared by the repositories of a store: its transactions (one
writer at a time, ``BEGIN IMMEDIATE``) and its faults, said as what to do."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from newstrail.core.config import DEFAULT_BUSY_TIMEOUT
from newstrail.core.errors import StoreError
from newstrail.store.sql_db import SQLDB, locked_fault


def store_fault(exc: sqlite3.Error, location: str, busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> StoreError:
    """A SQLite failure as a :class:`StoreError` that says what happened and what to do.

    >>> str(store_fault(sqlite3.OperationalError("database is locked"), "c.db")).split(";")[0]
    'c.db: the store is locked: another process is writing to it and held the write lock past 30 s (store.busy_timeout)'
    """
    text = str(exc)
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        return locked_fault(location, busy_timeout)
    if "full" in lowered:
        return StoreError(
            f"{location}: the disk is full ({text}); nothing was lost: the unfinished batch was rolled back and what was "
            "committed before is intact. Free space (or name a store on another disk with --db) and rerun: it skips what is stored")
    if "disk i/o" in lowered:
        return StoreError(
            f"{location}: the store could not be written ({text}: the disk may be full, over a size limit, or failing); the "
            "unfinished batch was rolled back. Free space or fix the disk, check the file with "
            f"'sqlite3 {location} \"PRAGMA integrity_check\"', and rerun: it skips what is stored")
    if "not a database" in lowered:
        return StoreError(f"{location}: cannot open as a newstrail SQLite store ({text}); name another file with --db")
    if "unable to open" in lowered:
        return StoreError(f"{location}: cannot open the store file ({text}); check that its folder exists and is writable, or name another file with --db")
    if "readonly" in lowered or "read-only" in lowered:
        return StoreError(f"{location}: cannot write the store ({text}); make the file and its folder writable, or name another file with --db")
    return StoreError(f"{location}: the store failed ({type(exc).__name__}: {text}); check the file with "
                      f"'sqlite3 {location} \"PRAGMA integrity_check\"' or name another file with --db")


class SQLiteDB(SQLDB):
    """The connection, and the helpers every repository shares."""

    def __init__(self, connection: sqlite3.Connection, location: str = "", read_only: bool = False, busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> None:
        self.db = connection
        self.location = location
        self.read_only = read_only
        self.busy_timeout = busy_timeout
        self._data_version: int | None = None

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        # converted here, as the PostgreSQL connection does, so a failed read says what to
        # do wherever it happens, not only when the store was opened in a with block
        try:
            return self.db.execute(sql, params)
        except sqlite3.Error as exc:
            raise store_fault(exc, self.location, self.busy_timeout) from exc

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        try:
            self.db.executemany(sql, rows)
        except sqlite3.Error as exc:
            raise store_fault(exc, self.location, self.busy_timeout) from exc

    def close(self) -> None:
        self.db.close()

    def written_elsewhere(self) -> bool:
        # PRAGMA data_version changes when another connection commits, never for this one's own writes
        version = self.db.execute("PRAGMA data_version").fetchone()[0]
        changed, self._data_version = version != self._data_version, version
        return changed

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit of writes; nested uses join the outer transaction."""
        if self.db.in_transaction:
            yield
            return
        if self.read_only:
            raise StoreError(f"{self.location}: opened read-only; open it without read_only to write")
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise store_fault(exc, self.location, self.busy_timeout) from exc
        try:
            yield
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise store_fault(exc, self.location, self.busy_timeout) from exc
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        """Undo the open transaction, if SQLite has not already (it rolls back by itself
        on a full disk, and a second ROLLBACK would hide why)."""
        if self.db.in_transaction:
            try:
                self.db.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # the error that brought us here is the one to report
