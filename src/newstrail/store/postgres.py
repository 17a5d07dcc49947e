"""The PostgreSQL store: the same repositories as SQLite, on a server several processes share.

``open_store("postgresql://user@host/db")`` opens it (the ``[postgres]`` extra: psycopg 3).
The schema is versioned in a ``newstrail_schema`` table and migrated on open, with the
numbering of the SQLite migrations; search uses PostgreSQL's own full-text index.

Concurrent writers: every write transaction first takes one transaction-level advisory
lock of the database, so writers commit one after another, as they do on SQLite
(``BEGIN IMMEDIATE``), and each reads, under the lock, everything the others committed:
two ``newstrail analyze`` processes on one database store an article once and link it
against everything stored before it. What runs outside the store (reading, cleaning,
the per-article stages) runs in parallel; readers never wait.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from newstrail.core.config import DEFAULT_BUSY_TIMEOUT
from newstrail.core.errors import MissingExtra, StoreError
from newstrail.store.postgres_schema import MIGRATIONS
from newstrail.store.rows import SearchHit
from newstrail.store.sql_articles import SQLText, postings, search_parts
from newstrail.store.sql_db import SQLDB, Cursor, locked_fault
from newstrail.store.sql_store import SQLStore

if TYPE_CHECKING:
    import psycopg

__all__ = ["MIGRATIONS", "PostgresStore"]

#: the advisory lock every write transaction takes first (any constant; "nwst")
WRITE_LOCK = 0x6E777374
_SEARCHED = 200000  # characters of a text the search index reads (postgres_schema, migration 1)


def redacted(url: str) -> str:
    """``url`` with its password masked, for messages and ``store.location``.

    >>> redacted("postgresql://ana:s3cret@db.example:5433/news")
    'postgresql://ana:***@db.example:5433/news'
    """
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{host}"))


def _psycopg() -> Any:
    """The psycopg module, imported only when a PostgreSQL store is opened (an optional extra)."""
    try:
        import psycopg  # lazy: the [postgres] extra; `import newstrail` never loads it
    except ImportError as exc:
        raise MissingExtra("postgres", "a postgresql:// store") from exc
    return psycopg


@functools.lru_cache(maxsize=512)
def _placeholders(sql: str) -> str:
    """The repositories' SQL (``?`` placeholders) in psycopg's style.

    >>> _placeholders("SELECT id FROM articles WHERE id LIKE ? AND url = '%'")
    "SELECT id FROM articles WHERE id LIKE %s AND url = '%%'"
    """
    return sql.replace("%", "%%").replace("?", "%s")


def _storable(params: Sequence[Any]) -> Sequence[Any]:
    """``params`` with NUL characters, which PostgreSQL's text cannot hold, as U+FFFD (the
    article record keeps the exact text: see ``sql_articles._record``).

    >>> _storable(["a" + chr(0), 3]) == ["a" + chr(0xFFFD), 3]
    True
    """
    if not any(isinstance(p, str) and "\x00" in p for p in params):
        return params
    return [p.replace("\x00", "\ufffd") if isinstance(p, str) else p for p in params]


def _fault(exc: Exception, location: str, busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> StoreError:
    """A psycopg failure as a StoreError that says what to do."""
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if isinstance(exc, _psycopg().errors.LockNotAvailable):
        return locked_fault(location, busy_timeout)
    if isinstance(exc, _psycopg().OperationalError):  # the connection, the server, a lock
        hint = "check that the server is up and reachable, then rerun: a rerun skips what is stored"
    else:
        hint = "the database may have been changed by hand or by another program; open an empty database made for newstrail with --db"
    return StoreError(f"{location}: the PostgreSQL store failed ({type(exc).__name__}: {first}); "
                      f"nothing of the unfinished transaction was written; {hint}")


class PostgresDB(SQLDB):
    """One psycopg connection in autocommit mode; ``transaction()`` opens the only explicit transactions."""

    def __init__(self, connection: psycopg.Connection[Any], location: str, read_only: bool, busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> None:
        self.db = connection
        self.location = location
        self.read_only = read_only
        self.busy_timeout = busy_timeout
        self._errors = _psycopg().Error

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        try:
            return self.db.execute(_placeholders(sql), _storable(params))
        except self._errors as exc:
            raise _fault(exc, self.location, self.busy_timeout) from exc

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = [_storable(row) for row in rows]
        if not rows:
            return
        try:
            with self.db.cursor() as cursor:
                cursor.executemany(_placeholders(sql), rows)
        except self._errors as exc:
            raise _fault(exc, self.location, self.busy_timeout) from exc

    def close(self) -> None:
        self.db.close()

    @property
    def in_transaction(self) -> bool:
        return bool(self.db.info.transaction_status != _psycopg().pq.TransactionStatus.IDLE)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit of writes; nested uses join the outer transaction. It begins by
        waiting for the write lock, so writers never interleave."""
        if self.in_transaction:
            yield
            return
        if self.read_only:
            raise StoreError(f"{self.location}: opened read-only; open it without read_only to write")
        try:
            with self.db.transaction():
                self.db.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
                yield
        except self._errors as exc:
            raise _fault(exc, self.location, self.busy_timeout) from exc


class PostgresText(SQLText):
    """Full-text search with a tsvector index; postings through an array of hashes."""

    def search(self, query: str, limit: int = 10, phrase: bool = False) -> list[SearchHit]:
        """Full-text search over titles and texts, best first.

        Every "quoted phrase" and every other word must occur (each as a phrase of its
        tokens, like FTS5's quoted terms; see ``sql_articles.search_parts``): user text is
        words to find, never query syntax.
        """
        words = search_parts(query, phrase)
        if not words:
            return []
        match = " && ".join(["phraseto_tsquery('simple', ?)"] * len(words))
        rows = self.db.execute(
            f"WITH q AS (SELECT {match} AS query),"
            " hits AS (SELECT a.rowid, ts_rank_cd(a.search, q.query) AS score FROM articles a, q"
            "  WHERE a.search @@ q.query ORDER BY score DESC, a.rowid LIMIT ?)"
            " SELECT a.id, a.title, ts_headline('simple', left(a.text, ?), q.query,"
            "  'StartSel=[, StopSel=], MaxWords=12, MinWords=4, MaxFragments=1, FragmentDelimiter=…'), hits.score, a.text"
            " FROM hits JOIN articles a ON a.rowid = hits.rowid, q ORDER BY hits.score DESC, a.rowid",
            (*words, limit, _SEARCHED),
        ).fetchall()
        return [SearchHit(id=r[0], title=r[1], snippet=_elided(r[2], r[4]), score=float(r[3])) for r in rows]

    def gram_postings(self, hashes: Iterable[int]) -> dict[int, list[str]]:
        """Indexed article ids per hash (hashes on the stop list are left out)."""
        probe = sorted({int(h) for h in hashes})
        if not probe:
            return {}
        rows = self.db.execute(
            "SELECT g.hash, a.id FROM grams g JOIN articles a ON a.rowid = g.article"
            " WHERE g.hash = ANY(CAST(? AS bigint[])) AND NOT EXISTS (SELECT 1 FROM gram_stop s WHERE s.hash = g.hash)"
            " ORDER BY g.hash, g.article",
            (probe,),
        ).fetchall()
        return postings(rows)


    def add_grams(self, article_id: str, hashes: Iterable[int], known_df: Mapping[int, int], cap: int) -> None:
        """Index an article's sampled hashes; a hash already in ``cap`` articles becomes a stop hash.
        One statement per table (an array of hashes): a round trip to the server costs more
        than a row."""
        values = [int(h) for h in hashes]
        kept = [h for h in values if known_df.get(h, 0) < cap]
        stopped = [h for h in values if known_df.get(h, 0) >= cap]
        with self.db.transaction():
            if kept:  # a statement with nothing to write is a round trip all the same
                self.db.execute("INSERT INTO grams(hash, article) SELECT h, a.rowid FROM unnest(CAST(? AS bigint[])) h, articles a"
                                " WHERE a.id = ? ON CONFLICT DO NOTHING", (kept, article_id))
            if stopped:
                self.db.execute("INSERT INTO gram_stop(hash) SELECT unnest(CAST(? AS bigint[])) ON CONFLICT DO NOTHING", (stopped,))


def _elided(snippet: str, text: str) -> str:
    """A headline marked ``…`` where it cuts the text, as FTS5's snippets are.

    >>> _elided("the [pier] closed", "At dawn the pier closed.")
    '…the [pier] closed…'
    """
    plain = snippet.replace("[", "").replace("]", "")
    start = text.find(plain)
    if start < 0:
        return snippet
    return ("…" if text[:start].strip() else "") + snippet + ("…" if text[start + len(plain):].strip() else "")


def _connect(url: str, location: str, read_only: bool, busy_timeout: float) -> psycopg.Connection[Any]:
    psycopg = _psycopg()
    try:
        connection = psycopg.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise StoreError(f"{location}: cannot connect to PostgreSQL ({first}); check the URL (postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE), "
                         "that the server runs and that the database exists (createdb NAME)") from exc
    if read_only:
        connection.execute("SET default_transaction_read_only = on")
    # how long a writer waits for the write lock (0 would mean forever to PostgreSQL: 1 ms is "do not wait")
    connection.execute("SELECT set_config('lock_timeout', %s, false)", (f"{max(1, round(busy_timeout * 1000))}ms",))
    return connection


class PostgresStore(SQLStore):
    """A corpus in a PostgreSQL database, created and migrated on open (see
    :class:`newstrail.store.protocols.Store`); ``location`` is the URL, password masked.

    ``read_only=True`` migrates nothing and writes nothing (the session is read-only).
    """

    _db: PostgresDB

    def __init__(self, url: str, *, read_only: bool = False, busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> None:
        self.location = redacted(url)
        self.read_only = read_only
        self.busy_timeout = busy_timeout
        self._db = PostgresDB(_connect(url, self.location, read_only, busy_timeout), self.location, read_only, busy_timeout)
        try:
            self._check_version(len(MIGRATIONS))
        except BaseException:
            self._db.db.close()
            raise
        self._open_repositories(PostgresText(self._db))

    @property
    def db(self) -> psycopg.Connection[Any]:
        """The connection, for tests and maintenance; repositories are the interface."""
        return self._db.db

    @property
    def schema_version(self) -> int:
        exists = self._db.execute("SELECT to_regclass('newstrail_schema') IS NOT NULL").fetchone()[0]
        if not exists:
            return 0
        return int(self._db.execute("SELECT coalesce(max(version), 0) FROM newstrail_schema").fetchone()[0])

    def _check_version(self, latest: int) -> None:
        if self.read_only and self.schema_version == 0:
            raise StoreError(f"{self.location}: no newstrail store in this database; run 'newstrail analyze ... --db URL' first")
        super()._check_version(latest)

    def _upgrade(self, version: int) -> None:
        """Apply the missing migrations in one transaction, under the write lock: two
        processes opening a new database at once migrate it once."""
        with self._db.transaction():
            self._db.execute("CREATE TABLE IF NOT EXISTS newstrail_schema (version integer PRIMARY KEY,"
                             " applied_at timestamptz NOT NULL DEFAULT now())")
            for number in range(self.schema_version, len(MIGRATIONS)):
                try:
                    self._db.db.execute(MIGRATIONS[number])
                except _psycopg().Error as exc:
                    raise StoreError(f"{self.location}: cannot create newstrail's tables (migration {number + 1}: {exc}); "
                                     "name an empty database, or one newstrail made, with --db") from exc
                self._db.execute("INSERT INTO newstrail_schema(version) VALUES (?)", (number + 1,))
