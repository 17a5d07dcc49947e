"""One SQLite connection shared by the repositories of a store: transactions, chunked
``IN`` lists, and the translation between article ids and the table's integer rowids
(rowids never leave the store)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any, TypeVar

from newstrail.core.dates import to_iso
from newstrail.core.errors import StoreError

T = TypeVar("T")

_CHUNK = 500  # SQLite binds at most a few thousand parameters per statement


def chunks(items: Sequence[T], size: int = _CHUNK) -> Iterator[Sequence[T]]:
    """``items`` in slices short enough for one statement's parameters.

    >>> [list(c) for c in chunks([1, 2, 3], size=2)]
    [[1, 2], [3]]
    """
    for start in range(0, len(items), size):
        yield items[start : start + size]


def marks(chunk: Sequence[Any]) -> str:
    """The ``?, ?, ...`` placeholder list of a chunk.

    >>> marks(["a", "b"])
    '?,?'
    """
    return ",".join("?" * len(chunk))


def bounds(since: datetime | None, until: datetime | None) -> tuple[str, str]:
    """A time window as the UTC instant strings of ``published_at``; open ends stay open
    (every instant string sorts between "" and "9")."""
    return (to_iso(since) if since else "", to_iso(until) if until else "9")


def unique(items: Iterable[T]) -> list[T]:
    """``items`` without repeats, in first-seen order."""
    return list(dict.fromkeys(items))


class SQLiteDB:
    """The connection, and the helpers every SQLite repository shares."""

    def __init__(self, connection: sqlite3.Connection, location: str = "", read_only: bool = False) -> None:
        self.db = connection
        self.location = location
        self.read_only = read_only

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.db.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> sqlite3.Cursor:
        return self.db.executemany(sql, rows)

    def select_in(self, sql: str, values: Iterable[Any], *before: Any) -> list[Any]:
        """Rows of ``sql`` (whose one ``{}`` is an ``IN`` list) for every value, chunk by chunk."""
        rows: list[Any] = []
        for chunk in chunks(unique(values)):
            rows += self.db.execute(sql.format(marks(chunk)), [*before, *chunk]).fetchall()
        return rows

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit of writes; nested uses join the outer transaction."""
        if self.db.in_transaction:
            yield
            return
        if self.read_only:
            raise StoreError(f"{self.location}: opened read-only; open it without read_only to write")
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def rowids(self, ids: Iterable[str]) -> dict[str, int]:
        """Article id -> rowid, for the stored ones."""
        return dict(self.select_in("SELECT id, rowid FROM articles WHERE id IN ({})", ids))

    def ids(self, rowids: Iterable[int]) -> dict[int, str]:
        """Article rowid -> id."""
        return dict(self.select_in("SELECT rowid, id FROM articles WHERE rowid IN ({})", rowids))
