"""The default store: one SQLite file, versioned schema, FTS5 search, atomic batches.

>>> import tempfile, os
>>> from newstrail.core.article import Article
>>> path = os.path.join(tempfile.mkdtemp(), "t.db")
>>> with SQLiteStore(path) as store:
...     store.put(Article(text="The pier closed.", url="https://harbor.example/a").ensure_id())
'added'
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from urllib.parse import quote

from newstrail.core.article import Article
from newstrail.core.dates import instant_key
from newstrail.core.errors import NotFound, StoreError
from newstrail.outlets import canonical_url
from newstrail.store.base import ADDED, EXISTS, SearchHit, Store
from newstrail.store.sqlite_corpus import SQLiteCorpusTables
from newstrail.store.sqlite_factchecks import MIGRATION as FACTCHECK_MIGRATION
from newstrail.store.sqlite_factchecks import SQLiteFactCheckTables
from newstrail.store.sqlite_ratings import MIGRATION as RATING_MIGRATION
from newstrail.store.sqlite_ratings import SQLiteRatingTables

#: Each entry upgrades the schema by one version; never edit a released entry, append.
MIGRATIONS: tuple[str, ...] = (
    # 1: articles, their links, and full-text search over title and text
    """
    CREATE TABLE articles (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        url TEXT,
        outlet TEXT,
        domain TEXT,
        title TEXT,
        published TEXT,
        language TEXT,
        content_hash TEXT NOT NULL,
        source TEXT,
        text TEXT NOT NULL,
        record TEXT NOT NULL,
        added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    );
    CREATE INDEX articles_url ON articles(url);
    CREATE INDEX articles_hash ON articles(content_hash);
    CREATE INDEX articles_domain ON articles(domain);
    CREATE INDEX articles_published ON articles(published);
    CREATE TABLE links (
        article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        url TEXT NOT NULL,
        domain TEXT,
        anchor TEXT
    );
    CREATE INDEX links_article ON links(article);
    CREATE INDEX links_domain ON links(domain);
    CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid');
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    """,
    # 2: corpus linking: stories, the n-gram index, shared passages, resolved sources
    """
    ALTER TABLE articles ADD COLUMN story TEXT;
    ALTER TABLE articles ADD COLUMN linked INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX articles_story ON articles(story);
    CREATE INDEX articles_outlet ON articles(outlet, published);
    CREATE INDEX articles_unlinked ON articles(linked) WHERE linked = 0;
    CREATE TABLE grams (hash INTEGER NOT NULL, article INTEGER NOT NULL, PRIMARY KEY (hash, article)) WITHOUT ROWID;
    CREATE TABLE gram_stop (hash INTEGER PRIMARY KEY);
    CREATE TABLE reuse (
        a INTEGER NOT NULL, b INTEGER NOT NULL,
        a_start INTEGER NOT NULL, a_end INTEGER NOT NULL, b_start INTEGER NOT NULL, b_end INTEGER NOT NULL,
        words INTEGER NOT NULL
    );
    CREATE INDEX reuse_a ON reuse(a);
    CREATE INDEX reuse_b ON reuse(b);
    CREATE TABLE cites (article INTEGER NOT NULL, outlet TEXT NOT NULL, source INTEGER, PRIMARY KEY (article, outlet)) WITHOUT ROWID;
    CREATE INDEX cites_outlet ON cites(outlet);
    CREATE TABLE stories (id TEXT PRIMARY KEY, first_seen TEXT, last_seen TEXT, size INTEGER NOT NULL DEFAULT 0);
    """,
    # 3: imported fact-checks (ClaimReview)
    FACTCHECK_MIGRATION,
    # 4: imported source-rating lists
    RATING_MIGRATION,
    # 5: lead vectors, for articles that tell the same story without copying one another
    """
    CREATE TABLE leads (article INTEGER PRIMARY KEY, published TEXT NOT NULL, vector BLOB NOT NULL);
    CREATE INDEX leads_published ON leads(published);
    """,
    # 6: one date form. ``published`` becomes the stored form of core.dates (UTC,
    # ``...Z``, or a day only); ``published_at`` is its full UTC instant, what SQL
    # filters and orders on (strings of mixed precision and offsets did not compare
    # as instants). SQLite's strftime converts offsets to UTC; a value it cannot
    # read is left as it was, with no instant.
    """
    UPDATE articles SET published = strftime('%Y-%m-%dT%H:%M:%SZ', published)
        WHERE length(published) > 10 AND strftime('%Y-%m-%dT%H:%M:%SZ', published) IS NOT NULL;
    UPDATE articles SET record = json_set(record, '$.published', published)
        WHERE published IS NOT NULL AND json_extract(record, '$.published') IS NOT published;
    ALTER TABLE articles ADD COLUMN published_at TEXT;
    UPDATE articles SET published_at = strftime('%Y-%m-%dT%H:%M:%SZ', published) WHERE published IS NOT NULL;
    CREATE INDEX articles_published_at ON articles(published_at);
    CREATE INDEX articles_outlet_at ON articles(outlet, published_at);
    UPDATE leads SET published = coalesce(strftime('%Y-%m-%dT%H:%M:%SZ', published), published);
    UPDATE stories SET
        first_seen = (SELECT min(published_at) FROM articles WHERE story = stories.id),
        last_seen = (SELECT max(published_at) FROM articles WHERE story = stories.id);
    """,
)


class SQLiteStore(SQLiteCorpusTables, SQLiteFactCheckTables, SQLiteRatingTables, Store):
    """A corpus in one SQLite file (created and migrated on open; see :func:`newstrail.store.open_store`)."""

    db: sqlite3.Connection

    def __init__(self, path: str, read_only: bool = False) -> None:
        self.location = path
        self.read_only = read_only
        try:
            if read_only:
                self.db = _connect_read_only(path)
                self._check_version()
                return
            # isolation_level=None: we issue BEGIN/COMMIT ourselves, one per batch.
            self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA busy_timeout=10000")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: cannot open as a newstrail SQLite store ({exc}); name another file with --db") from exc

    def _check_version(self) -> None:
        """A read-only store cannot be migrated: it must already be at this version."""
        version = self.schema_version
        if version != len(MIGRATIONS):
            raise StoreError(f"{self.location}: schema version {version}, this newstrail reads version {len(MIGRATIONS)}; "
                             "run a command that writes (e.g. 'newstrail link') on it once to upgrade it")

    def refresh_outlet_index(self, batch: int = 2000) -> int:
        # read-only: the index stays as the last writing command left it (analyze, link
        # and the imports refresh it), so reading never writes
        return 0 if self.read_only else super().refresh_outlet_index(batch)

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        version = self.schema_version
        if version > len(MIGRATIONS):
            raise StoreError(f"{self.location}: schema version {version} is newer than this newstrail knows ({len(MIGRATIONS)}); upgrade newstrail")
        for number in range(version, len(MIGRATIONS)):
            # executescript commits first; the version bump sits in the same script,
            # so a migration that fails half-way leaves the old version recorded.
            self.db.executescript(f"BEGIN; {MIGRATIONS[number]}; PRAGMA user_version = {number + 1}; COMMIT;")

    def close(self) -> None:
        self.db.close()

    # writing -----------------------------------------------------------------
    def _exists(self, article: Article) -> bool:
        row = self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone()
        if row is None and article.url:
            row = self.db.execute("SELECT 1 FROM articles WHERE url = ?", (article.url,)).fetchone()
        if row is None and not article.url:
            row = self.db.execute("SELECT 1 FROM articles WHERE content_hash = ? AND url IS NULL", (article.content_hash,)).fetchone()
        return row is not None

    @staticmethod
    def _record(article: Article) -> str:
        data = article.to_dict()
        del data["text"]  # kept once, in its own column (the FTS index reads it there)
        return json.dumps(data, ensure_ascii=False)

    def _insert_links(self, rowid: int, article: Article) -> None:
        self.db.executemany(
            'INSERT INTO links(article, start, "end", url, domain, anchor) VALUES (?, ?, ?, ?, ?, ?)',
            [(rowid, ln.span.start, ln.span.end, ln.url, ln.domain, ln.anchor) for ln in article.links],
        )

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit of writes; nested uses join the outer transaction."""
        if self.db.in_transaction:
            yield
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def put_many(self, articles: Sequence[Article]) -> list[str]:
        statuses: list[str] = []
        with self.transaction():
            for article in articles:
                article.ensure_id()
                if self._exists(article):
                    statuses.append(EXISTS)
                    continue
                cur = self.db.execute(
                    "INSERT INTO articles(id, url, outlet, domain, title, published, published_at, language, content_hash, source, text, record, story)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (article.id, article.url, article.outlet, article.domain, article.title, article.published, instant_key(article.published),
                     article.language, article.content_hash, article.source, article.text, self._record(article), article.story),
                )
                assert cur.lastrowid is not None  # an INSERT that succeeded has a rowid
                self._insert_links(cur.lastrowid, article)
                statuses.append(ADDED)
        return statuses

    def update(self, article: Article) -> None:
        with self.transaction():
            row = self.db.execute("SELECT rowid FROM articles WHERE id = ?", (article.id,)).fetchone()
            if row is None:
                raise NotFound(f"no stored article with id {article.id}; store it with put_many first")
            self.db.execute(
                "UPDATE articles SET url=?, outlet=?, domain=?, title=?, published=?, published_at=?, language=?, content_hash=?, source=?, text=?, record=?, story=?"
                " WHERE rowid=?",
                (article.url, article.outlet, article.domain, article.title, article.published, instant_key(article.published), article.language,
                 article.content_hash, article.source, article.text, self._record(article), article.story, row[0]),
            )
            self.db.execute("DELETE FROM links WHERE article = ?", (row[0],))
            self._insert_links(row[0], article)

    # reading -----------------------------------------------------------------
    @staticmethod
    def _article(text: str, record: str, story: str | None = None) -> Article:
        data = json.loads(record)
        data["text"] = text
        data["story"] = story  # linking moves articles between stories without rewriting records
        return Article.from_dict(data)

    def get(self, article_id: str) -> Article:
        row = self.db.execute("SELECT text, record, story FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFound(f"no stored article with id {article_id!r} in {self.location}")
        return self._article(*row)

    def find(self, id_or_url: str) -> Article:
        key = id_or_url.strip()
        row = self.db.execute("SELECT text, record, story FROM articles WHERE id = ?", (key,)).fetchone()
        if row is None and (url := canonical_url(key)):
            row = self.db.execute("SELECT text, record, story FROM articles WHERE url = ?", (url,)).fetchone()
        if row is None and len(key) >= 4:
            rows = self.db.execute("SELECT text, record, story FROM articles WHERE id LIKE ? ESCAPE '\\' LIMIT 2", (_like_prefix(key),)).fetchall()
            if len(rows) == 1:
                row = rows[0]
        if row is None:
            raise NotFound(f"no stored article with id or URL {key!r} in {self.location}; list them with 'newstrail analyze' output or search the store")
        return self._article(*row)

    def iter_articles(self) -> Iterator[Article]:
        for row in self.db.execute("SELECT text, record, story FROM articles ORDER BY rowid"):
            yield self._article(*row)

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def search(self, query: str, limit: int = 10) -> list[SearchHit]:
        # Quote every term: user text is words to find, not FTS5 syntax.
        terms = " ".join('"' + t.replace('"', '""') + '"' for t in query.split())
        if not terms:
            return []
        rows = self.db.execute(
            "SELECT a.id, a.title, snippet(articles_fts, 1, '[', ']', '…', 12), bm25(articles_fts)"
            " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts) LIMIT ?",
            (terms, limit),
        ).fetchall()
        return [SearchHit(id=r[0], title=r[1], snippet=r[2], score=-r[3]) for r in rows]


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


def _like_prefix(key: str) -> str:
    return key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
