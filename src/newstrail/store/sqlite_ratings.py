"""SQLite tables for imported source-rating lists, outlet aliases, and the outlet index.

A rating list is kept as the user gave it: one row per site with its fields as a
JSON object, under the list's name and date; importing a list of the same name
again replaces its rows. The outlet index (``outlet_blocks``, ``outlet_marks``)
records, per article, the boilerplate blocks and cross-post lines ("The original
source of this article is X", a second dateline) that tie outlets into networks;
it is filled incrementally by :meth:`SQLiteRatingTables.refresh_outlet_index`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import Any

from newstrail.outlets.keys import outlet_key
from newstrail.store.sqlite_corpus import _chunks

#: schema migration 4 (see ``newstrail.store.sqlite.MIGRATIONS``)
MIGRATION = """
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
"""

#: removed-block kinds that identify an outlet's template (share buttons and menus
#: are alike everywhere; a membership appeal, disclaimer or badge is the outlet's own)
NETWORK_BLOCK_KINDS = frozenset({"membership", "disclaimer", "fair-use", "copyright", "contact", "badge", "origin", "disclosure"})
#: blocks shorter than this many words are too common to tie two outlets together
MIN_BLOCK_WORDS = 4


def block_hash(text: str) -> int:
    """A stable 63-bit hash of a boilerplate block, ignoring case, spacing and digits
    (so "Copyright 2024" and "Copyright 2025" are the same block)."""
    normal = " ".join("".join("0" if ch.isdigit() else ch for ch in text.casefold()).split())
    return int.from_bytes(hashlib.blake2b(normal.encode("utf-8"), digest_size=8).digest(), "big") >> 1


def _list_dict(row: Sequence[Any]) -> dict[str, Any]:
    keys = ("id", "name", "date", "date_from", "source", "layout", "fields", "imported_at", "rows")
    out = dict(zip(keys, row, strict=False))
    out["fields"] = json.loads(out["fields"])
    return out


_LIST_COLUMNS = "l.id, l.name, l.date, l.date_from, l.source, l.layout, l.fields, l.imported_at"


class SQLiteRatingTables:
    """Mixin of :class:`newstrail.store.sqlite.SQLiteStore`: the rating-list tables."""

    db: Any
    transaction: Any  # SQLiteStore.transaction, declared for the type checker

    # rating lists ------------------------------------------------------------------
    def put_rating_list(self, meta: dict[str, Any], rows: Iterable[dict[str, Any]]) -> int | None:
        """Store a list (``meta``: name, date, date_from, source, layout, fields) and its
        rows (host, section, domain, name, name_key, stem, line, fields), replacing the rows of
        a list of the same name. Returns how many rows the replaced list had, or ``None``."""
        with self.transaction():
            old = self.db.execute("SELECT id FROM rating_lists WHERE name = ?", (meta["name"],)).fetchone()
            previous = None
            if old is not None:
                previous = self.db.execute("SELECT count(*) FROM ratings WHERE list = ?", (old[0],)).fetchone()[0]
                self.db.execute("DELETE FROM ratings WHERE list = ?", (old[0],))
                self.db.execute("DELETE FROM rating_lists WHERE id = ?", (old[0],))
            cur = self.db.execute(
                "INSERT INTO rating_lists(name, date, date_from, source, layout, fields) VALUES (?, ?, ?, ?, ?, ?)",
                (meta["name"], meta.get("date"), meta.get("date_from"), meta.get("source"), meta.get("layout"),
                 json.dumps(list(meta.get("fields", [])), ensure_ascii=False)),
            )
            self.db.executemany(
                "INSERT INTO ratings(list, host, section, domain, name, name_key, stem, line, fields) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(cur.lastrowid, r["host"], r.get("section", ""), r["domain"], r.get("name"), r.get("name_key"), r.get("stem"), r.get("line"),
                  json.dumps(r["fields"], ensure_ascii=False)) for r in rows],
            )
        return previous

    def delete_rating_list(self, name: str) -> int | None:
        """Remove a list and its rows; returns how many rows it had, or ``None`` if unknown."""
        with self.transaction():
            row = self.db.execute("SELECT id FROM rating_lists WHERE name = ?", (name,)).fetchone()
            if row is None:
                return None
            count = self.db.execute("DELETE FROM ratings WHERE list = ?", (row[0],)).rowcount
            self.db.execute("DELETE FROM rating_lists WHERE id = ?", (row[0],))
        return count

    def rating_lists(self) -> list[dict[str, Any]]:
        """Every imported list with its row count, by name."""
        rows = self.db.execute(
            f"SELECT {_LIST_COLUMNS}, (SELECT count(*) FROM ratings r WHERE r.list = l.id) FROM rating_lists l ORDER BY l.name"
        ).fetchall()
        return [_list_dict(r) for r in rows]

    def ratings_for(self, hosts: Sequence[str] = (), domains: Sequence[str] = ()) -> list[dict[str, Any]]:
        """Rating rows whose host is one of ``hosts`` or whose registered domain is one of
        ``domains``, each with its list's name and date, ordered by list then line."""
        found: dict[tuple, dict[str, Any]] = {}
        for column, values in (("host", list(dict.fromkeys(hosts))), ("domain", list(dict.fromkeys(domains)))):
            for chunk in _chunks(values):
                marks = ",".join("?" * len(chunk))
                for row in self.db.execute(
                    f"SELECT {_LIST_COLUMNS}, r.host, r.section, r.domain, r.name, r.line, r.fields, r.rowid"
                    f" FROM ratings r JOIN rating_lists l ON l.id = r.list WHERE r.{column} IN ({marks})",
                    chunk,
                ):
                    found[(row[1], row[-1])] = {
                        "list": row[1], "date": row[2], "date_from": row[3], "host": row[8], "section": row[9],
                        "domain": row[10], "name": row[11], "line": row[12], "fields": json.loads(row[13]),
                    }
        return sorted(found.values(), key=lambda r: (r["list"], r["line"] or 0, r["host"]))

    def listed_sites(self) -> list[tuple[str | None, str, str, str, str | None, str | None]]:
        """(name, host, domain, section, stem, name key) of every distinct site the rating
        lists name, for the outlet resolver (see newstrail.outlets.resolver.ListedSite)."""
        return self.db.execute("SELECT DISTINCT name, host, domain, section, stem, name_key FROM ratings").fetchall()

    # aliases -------------------------------------------------------------------------
    def put_aliases(self, rows: Iterable[dict[str, Any]]) -> int:
        """Store aliases (alias, kind, text, domain, note, source); a known alias is replaced."""
        rows = list(rows)
        with self.transaction():
            self.db.executemany(
                "INSERT OR REPLACE INTO outlet_aliases(alias, kind, text, domain, note, source) VALUES (?, ?, ?, ?, ?, ?)",
                [(r["alias"], r["kind"], r["text"], r["domain"], r.get("note"), r.get("source")) for r in rows],
            )
        return len(rows)

    def aliases(self) -> list[dict[str, Any]]:
        keys = ("alias", "kind", "text", "domain", "note", "source")
        return [dict(zip(keys, r, strict=True)) for r in self.db.execute(f"SELECT {', '.join(keys)} FROM outlet_aliases ORDER BY domain, alias")]

    # an outlet's articles ---------------------------------------------------------------
    def outlet_articles(self, domains: Sequence[str] = (), names: Sequence[str] = (), hosts: Sequence[str] = ()) -> list[dict[str, Any]]:
        """The stored articles of one outlet: registered domain in ``domains``, outlet name
        in ``names`` (for articles without a domain only: a name can be shared or misread,
        a domain cannot), or URL on one of ``hosts`` (for a blog on a shared platform)."""
        found: dict[int, tuple] = {}
        select = "SELECT rowid, id, outlet, domain, url, published, story FROM articles"
        for where, values in (("domain IN ({})", domains), ("outlet IN ({}) AND (domain IS NULL OR domain = '')", names)):
            for chunk in _chunks(list(dict.fromkeys(values))):
                marks = ",".join("?" * len(chunk))
                found.update((r[0], r) for r in self.db.execute(f"{select} WHERE " + where.format(marks), chunk))
        for host in dict.fromkeys(hosts):
            found.update((r[0], r) for r in self.db.execute(f"{select} WHERE url LIKE ? OR url LIKE ?", (f"http://{host}/%", f"https://{host}/%")))
        keys = ("rowid", "id", "outlet", "domain", "url", "published", "story")
        return [dict(zip(keys, found[k], strict=True)) for k in sorted(found)]

    def article_outlets(self, rowids: Sequence[int]) -> dict[int, tuple[str | None, str | None]]:
        """rowid -> (outlet, domain)."""
        out: dict[int, tuple[str | None, str | None]] = {}
        for chunk in _chunks(list(dict.fromkeys(rowids))):
            marks = ",".join("?" * len(chunk))
            out.update((r[0], (r[1], r[2])) for r in self.db.execute(f"SELECT rowid, outlet, domain FROM articles WHERE rowid IN ({marks})", chunk))
        return out

    def story_sizes(self, stories: Sequence[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        for chunk in _chunks([s for s in dict.fromkeys(stories) if s]):
            marks = ",".join("?" * len(chunk))
            out.update(self.db.execute(f"SELECT id, size FROM stories WHERE id IN ({marks})", chunk).fetchall())
        return out

    def claim_match_ratings(self, rowids: Sequence[int]) -> list[tuple[str, int, str | None, str | None, str | None]]:
        """(article id, claim index, fact-check id, rating text, normalised verdict) of
        every fact-check match stored in these articles' claims."""
        rows: list[tuple] = []
        for chunk in _chunks(list(rowids)):
            marks = ",".join("?" * len(chunk))
            rows += self.db.execute(
                "SELECT a.id, c.key, json_extract(m.value, '$.factcheck'), json_extract(m.value, '$.rating'),"
                " coalesce(json_extract(m.value, '$.verdict'), json_extract(m.value, '$.evidence.verdict'))"
                f" FROM articles a, json_each(a.record, '$.claims') c, json_each(c.value, '$.matches') m WHERE a.rowid IN ({marks})",
                chunk,
            ).fetchall()
        return rows

    # the outlet index: boilerplate blocks and cross-post lines ----------------------------
    def refresh_outlet_index(self, batch: int = 2000) -> int:
        """Index the boilerplate and cross-post lines of articles not indexed yet; returns how many."""
        done = 0
        while True:
            state = self.db.execute("SELECT value FROM outlet_index_state WHERE name = 'rowid'").fetchone()
            last = state[0] if state else 0
            rows = self.db.execute(
                "SELECT rowid, json_extract(record, '$.removed'), json_extract(record, '$.meta.original_source'),"
                " json_extract(record, '$.meta.datelines'), outlet FROM articles WHERE rowid > ? ORDER BY rowid LIMIT ?",
                (last, batch),
            ).fetchall()
            if not rows:
                return done
            blocks: list[tuple[int, int, str]] = []
            texts: dict[int, tuple[str, str]] = {}
            marks: list[tuple[int, str, str, str]] = []
            for rowid, removed, origin, datelines, outlet in rows:
                for block in json.loads(removed or "[]"):
                    text = " ".join((block.get("text") or "").split())
                    if block.get("kind") in NETWORK_BLOCK_KINDS and len(text.split()) >= MIN_BLOCK_WORDS:
                        h = block_hash(text)
                        blocks.append((h, rowid, block["kind"]))
                        texts.setdefault(h, (block["kind"], text))
                if origin:
                    marks.append((rowid, "origin line", origin, outlet_key(origin)))
                own = outlet_key(outlet)
                for line in json.loads(datelines or "[]")[1:]:
                    name = line.get("outlet")
                    if name and outlet_key(name) != own:
                        marks.append((rowid, "second dateline", name, outlet_key(name)))
            with self.transaction():
                self.db.executemany("INSERT OR IGNORE INTO outlet_blocks(hash, article, kind) VALUES (?, ?, ?)", blocks)
                self.db.executemany("INSERT OR IGNORE INTO outlet_block_texts(hash, kind, text) VALUES (?, ?, ?)", [(h, k, t) for h, (k, t) in texts.items()])
                self.db.executemany("INSERT INTO outlet_marks(article, kind, name, key) VALUES (?, ?, ?, ?)", marks)
                self.db.execute("INSERT OR REPLACE INTO outlet_index_state(name, value) VALUES ('rowid', ?)", (rows[-1][0],))
            done += len(rows)

    def blocks_shared(self, rowids: Sequence[int]) -> list[tuple[int, int, str, str]]:
        """(own article rowid, other article rowid, kind, block text) for every indexed
        boilerplate block these articles share with articles outside them."""
        own = set(rowids)
        rows: list[tuple[int, int, str, str]] = []
        for chunk in _chunks(list(own)):
            marks = ",".join("?" * len(chunk))
            for a, b, kind, text in self.db.execute(
                "SELECT mine.article, other.article, t.kind, t.text FROM outlet_blocks mine"
                " JOIN outlet_blocks other ON other.hash = mine.hash AND other.article != mine.article"
                f" JOIN outlet_block_texts t ON t.hash = mine.hash WHERE mine.article IN ({marks})",
                chunk,
            ):
                if b not in own:
                    rows.append((a, b, kind, text))
        return rows

    def marks_of(self, rowids: Sequence[int]) -> list[tuple[int, str, str]]:
        """(article rowid, kind, outlet named) of the cross-post lines in these articles."""
        rows: list[tuple[int, str, str]] = []
        for chunk in _chunks(list(rowids)):
            marks = ",".join("?" * len(chunk))
            rows += self.db.execute(f"SELECT article, kind, name FROM outlet_marks WHERE article IN ({marks})", chunk).fetchall()
        return rows

    def marks_naming(self, keys: Sequence[str]) -> list[tuple[int, str, str]]:
        """(article rowid, kind, outlet named) of cross-post lines naming one of these outlet keys."""
        rows: list[tuple[int, str, str]] = []
        for chunk in _chunks(list(dict.fromkeys(keys))):
            marks = ",".join("?" * len(chunk))
            rows += self.db.execute(f"SELECT article, kind, name FROM outlet_marks WHERE key IN ({marks})", chunk).fetchall()
        return rows
