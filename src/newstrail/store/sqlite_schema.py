"""The SQLite schema: every migration since the first, in order.

Each entry upgrades the schema by one version; never edit a released entry, append.
An entry is SQL, or a Python step (a function of the connection) when existing rows
must be rewritten; both run in the transaction that records the new version.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

Step = str | Callable[[sqlite3.Connection], None]


def _claim_matches(db: sqlite3.Connection) -> None:
    """8: copy the fact-check matches out of every stored record into ``claim_matches``."""
    for rowid, record in db.execute("SELECT rowid, record FROM articles").fetchall():
        rows = []
        for number, claim in enumerate(json.loads(record).get("claims") or []):
            for match in claim.get("matches") or []:
                verdict = match.get("verdict") or (match.get("evidence") or {}).get("verdict")
                rows.append((rowid, number, match.get("factcheck"), match.get("rating"), verdict))
        db.executemany("INSERT INTO claim_matches(article, claim, factcheck, rating, verdict) VALUES (?, ?, ?, ?, ?)", rows)


MIGRATIONS: tuple[Step, ...] = (
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
    """
    CREATE TABLE factchecks (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        key TEXT NOT NULL,
        claim TEXT NOT NULL,
        verdict TEXT NOT NULL,
        rating TEXT,
        publisher TEXT,
        url TEXT,
        date TEXT,
        language TEXT,
        source TEXT,
        record TEXT NOT NULL,
        added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    );
    CREATE INDEX factchecks_key ON factchecks(key);
    CREATE TABLE factcheck_vectors (
        factcheck INTEGER NOT NULL REFERENCES factchecks(rowid) ON DELETE CASCADE,
        model TEXT NOT NULL,
        vector BLOB NOT NULL,
        PRIMARY KEY (model, factcheck)
    ) WITHOUT ROWID;
    """,
    # 4: imported source-rating lists, outlet aliases, the outlet index
    """
    CREATE TABLE rating_lists (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        date TEXT,
        date_from TEXT,
        source TEXT,
        layout TEXT,
        fields TEXT NOT NULL DEFAULT '[]',
        imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE TABLE ratings (
        list INTEGER NOT NULL REFERENCES rating_lists(id) ON DELETE CASCADE,
        host TEXT NOT NULL,
        section TEXT NOT NULL DEFAULT '',
        domain TEXT NOT NULL,
        name TEXT,
        name_key TEXT,
        stem TEXT,
        line INTEGER,
        fields TEXT NOT NULL
    );
    CREATE INDEX ratings_list ON ratings(list);
    CREATE INDEX ratings_host ON ratings(host);
    CREATE INDEX ratings_domain ON ratings(domain);
    CREATE INDEX ratings_name_key ON ratings(name_key) WHERE name_key IS NOT NULL;
    CREATE INDEX ratings_stem ON ratings(stem);
    CREATE TABLE outlet_aliases (
        alias TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        domain TEXT NOT NULL,
        note TEXT,
        source TEXT
    );
    CREATE INDEX outlet_aliases_domain ON outlet_aliases(domain);
    CREATE TABLE outlet_blocks (hash INTEGER NOT NULL, article INTEGER NOT NULL, kind TEXT NOT NULL, PRIMARY KEY (hash, article)) WITHOUT ROWID;
    CREATE INDEX outlet_blocks_article ON outlet_blocks(article);
    CREATE TABLE outlet_block_texts (hash INTEGER PRIMARY KEY, kind TEXT NOT NULL, text TEXT NOT NULL);
    CREATE TABLE outlet_marks (article INTEGER NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL, key TEXT NOT NULL);
    CREATE INDEX outlet_marks_article ON outlet_marks(article);
    CREATE INDEX outlet_marks_key ON outlet_marks(key);
    CREATE TABLE outlet_index_state (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
    """,
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
    # 7: what queries filter on becomes tables written at put time, not JSON paths read at query time:
    # the claims' fact-check matches, and whether an article's outlet facts are indexed (the old
    # incremental index state becomes a flag per article)
    """
    CREATE TABLE claim_matches (article INTEGER NOT NULL, claim INTEGER NOT NULL, factcheck TEXT, rating TEXT, verdict TEXT);
    CREATE INDEX claim_matches_article ON claim_matches(article);
    ALTER TABLE articles ADD COLUMN outlet_indexed INTEGER NOT NULL DEFAULT 0;
    UPDATE articles SET outlet_indexed = 1 WHERE rowid <= coalesce((SELECT value FROM outlet_index_state WHERE name = 'rowid'), 0);
    CREATE INDEX articles_unindexed ON articles(outlet_indexed) WHERE outlet_indexed = 0;
    DROP TABLE outlet_index_state;
    """,
    # 8: the claim_matches rows of the articles stored before 7
    _claim_matches,
    # 9: translations: the sentence pairs two articles of different languages align on
    # (offsets into each text, cosine); the graph orients them earlier -> later
    """
    CREATE TABLE translations (
        a INTEGER NOT NULL, b INTEGER NOT NULL,
        a_start INTEGER NOT NULL, a_end INTEGER NOT NULL, b_start INTEGER NOT NULL, b_end INTEGER NOT NULL,
        cosine REAL NOT NULL
    );
    CREATE INDEX translations_a ON translations(a);
    CREATE INDEX translations_b ON translations(b);
    """,
    # 10: watched feeds (validators and back-off, kept across restarts); the full-text index
    # is rewritten only when a title or text changes, not when linking sets a story or the
    # linked flag (it re-tokenised the whole text twice per article linked)
    """
    CREATE TABLE feeds (
        url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, checked_at TEXT,
        failures INTEGER NOT NULL DEFAULT 0, error TEXT, retry_at REAL
    );
    DROP TRIGGER articles_au;
    CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    """,
    # 11: the links an article's URL receives are looked up by URL (linking asks for every
    # article): without this index each look-up read every link of the corpus
    """
    CREATE INDEX links_url ON links(url);
    """,
    # 12: the stored outlets (what the outlet resolver of every run starts from) read from an
    # index: grouping them from the articles table read every row, 0.3 CPU s a run at 100,000
    # articles, and every run reads them twice (the stages' resolver, linking's)
    """
    CREATE INDEX articles_outlet_domain ON articles(outlet, domain);
    """,
)
