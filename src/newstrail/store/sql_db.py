"""What the SQL backends share: chunked ``IN`` lists, time windows, and the base of the
connection object every repository talks to.

The repositories (``sql_articles``, ``sql_links``, ``sql_factchecks``, ``sql_ratings``)
are written once, in SQL both SQLite and PostgreSQL run: ``?`` placeholders (the
PostgreSQL connection turns them into its own), ``ON CONFLICT`` rather than ``INSERT OR``,
``RETURNING`` rather than ``lastrowid``, and an explicit ``NULLS FIRST``/``NULLS LAST``
wherever the two would order NULLs differently. Tables hold integer ``rowid`` s; article
ids go in and come out, rowids never leave the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any, Protocol, TypeVar

from newstrail.core.dates import to_iso
from newstrail.core.errors import StoreError

T = TypeVar("T")

_CHUNK = 500  # SQLite binds at most a few thousand parameters per statement


def locked_fault(location: str, busy_timeout: float) -> StoreError:
    """The error for a writer that waited ``busy_timeout`` seconds for the write lock, in
    either backend.

    >>> str(locked_fault("c.db", 30)).split(";")[0]
    'c.db: the store is locked: another process is writing to it and held the write lock past 30 s (store.busy_timeout)'
    """
    return StoreError(
        f"{location}: the store is locked: another process is writing to it and held the write lock past {busy_timeout:g} s "
        "(store.busy_timeout); nothing of the unfinished batch was written, what was committed before stays. "
        "Rerun when the other writer is done (a rerun skips what is stored) or wait longer with --set store.busy_timeout=120")


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


class Cursor(Protocol):
    """What the repositories read from a statement (sqlite3's and psycopg's cursors both fit)."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class SQLDB:
    """One connection shared by the repositories of a store; a backend supplies
    ``execute``, ``executemany`` and ``transaction``."""

    location: str
    read_only: bool

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        raise NotImplementedError

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        raise NotImplementedError

    def transaction(self) -> AbstractContextManager[None]:
        """One atomic unit of writes; nested uses join the outer transaction."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def written_elsewhere(self) -> bool:
        """Whether another connection may have committed since the last call; a backend
        that cannot tell cheaply says True (callers then read again what they hold)."""
        return True

    def select_in(self, sql: str, values: Iterable[Any], *before: Any) -> list[Any]:
        """Rows of ``sql`` (whose one ``{}`` is an ``IN`` list) for every value, chunk by chunk."""
        rows: list[Any] = []
        for chunk in chunks(unique(values)):
            rows += self.execute(sql.format(marks(chunk)), [*before, *chunk]).fetchall()
        return rows

    def rowids(self, ids: Iterable[str]) -> dict[str, int]:
        """Article id -> rowid, for the stored ones."""
        return dict(self.select_in("SELECT id, rowid FROM articles WHERE id IN ({})", ids))

    def ids(self, rowids: Iterable[int]) -> dict[int, str]:
        """Article rowid -> id."""
        return dict(self.select_in("SELECT rowid, id FROM articles WHERE rowid IN ({})", rowids))

