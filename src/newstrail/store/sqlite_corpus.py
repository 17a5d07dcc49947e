"""The SQLite side of corpus linking: the n-gram index, shared passages, citations, stories.

Articles are referred to by their string ids outside the store; inside, the
tables hold the compact integer ``rowid`` of ``articles``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime

from newstrail.core.article import Article, Passage
from newstrail.core.dates import instant_key, to_iso

_CHUNK = 500  # SQLite binds at most a few thousand parameters per statement


def _bounds(since: datetime | None, until: datetime | None) -> tuple[str, str]:
    """A time window as the UTC instant strings of ``published_at``; open ends stay open
    (every instant string sorts between "" and "9")."""
    return (to_iso(since) if since else "", to_iso(until) if until else "9")


def _chunks(items: Sequence, size: int = _CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


class SQLiteCorpusTables:
    """Mixin for :class:`~newstrail.store.sqlite.SQLiteStore`; see :class:`~newstrail.store.base.Store`."""

    db: object

    # ids ---------------------------------------------------------------------
    def _rowids(self, ids: Iterable[str]) -> dict[str, int]:
        ids = list(dict.fromkeys(ids))
        out: dict[str, int] = {}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            out.update(self.db.execute(f"SELECT id, rowid FROM articles WHERE id IN ({marks})", chunk).fetchall())
        return out

    def _ids(self, rowids: Iterable[int]) -> dict[int, str]:
        rowids = list(dict.fromkeys(rowids))
        out: dict[int, str] = {}
        for chunk in _chunks(rowids):
            marks = ",".join("?" * len(chunk))
            out.update(self.db.execute(f"SELECT rowid, id FROM articles WHERE rowid IN ({marks})", chunk).fetchall())
        return out

    def get_many(self, ids: Sequence[str]) -> list[Article]:
        found: dict[str, Article] = {}
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(f"SELECT id, text, record, story FROM articles WHERE id IN ({marks})", chunk):
                found[row[0]] = self._article(*row[1:])
        return [found[i] for i in ids if i in found]

    def unlinked_ids(self, limit: int = 1000) -> list[str]:
        rows = self.db.execute("SELECT id FROM articles WHERE linked = 0 ORDER BY rowid LIMIT ?", (limit,))
        return [r[0] for r in rows]

    def mark_linked(self, ids: Sequence[str]) -> None:
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            self.db.execute(f"UPDATE articles SET linked = 1 WHERE id IN ({marks})", chunk)

    # the n-gram index ----------------------------------------------------------
    def gram_postings(self, hashes: Iterable[int]) -> dict[int, list[str]]:
        """Indexed articles per hash (hashes on the stop list are left out)."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS probe (hash INTEGER PRIMARY KEY)")
        self.db.execute("DELETE FROM probe")
        self.db.executemany("INSERT OR IGNORE INTO probe(hash) VALUES (?)", ((int(h),) for h in hashes))
        rows = self.db.execute(
            "SELECT g.hash, a.id FROM probe p JOIN grams g ON g.hash = p.hash JOIN articles a ON a.rowid = g.article"
            " WHERE p.hash NOT IN (SELECT hash FROM gram_stop)"
        ).fetchall()
        postings: dict[int, list[str]] = defaultdict(list)
        for h, article in rows:
            postings[h].append(article)
        return postings

    def add_grams(self, article_id: str, hashes: Iterable[int], known_df: dict[int, int], cap: int) -> None:
        """Index an article's sampled hashes; a hash already in ``cap`` articles becomes a stop hash."""
        rowid = self._rowids([article_id])[article_id]
        hashes = [int(h) for h in hashes]
        self.db.executemany("INSERT OR IGNORE INTO grams(hash, article) VALUES (?, ?)", ((h, rowid) for h in hashes if known_df.get(h, 0) < cap))
        self.db.executemany("INSERT OR IGNORE INTO gram_stop(hash) VALUES (?)", ((h,) for h in hashes if known_df.get(h, 0) >= cap))

    # shared passages -------------------------------------------------------------
    def add_reuse(self, a_id: str, b_id: str, passages: Sequence[Passage]) -> None:
        rows = self._rowids([a_id, b_id])
        self.db.executemany(
            "INSERT INTO reuse(a, b, a_start, a_end, b_start, b_end, words) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(rows[a_id], rows[b_id], p.a_start, p.a_end, p.b_start, p.b_end, p.words) for p in passages],
        )

    def reuse_among(self, ids: Sequence[str]) -> list[tuple[str, str, Passage]]:
        """Every stored passage between two of ``ids``, as (a id, b id, passage)."""
        rowids = self._rowids(ids)
        back = {v: k for k, v in rowids.items()}
        out = []
        for chunk in _chunks(list(back)):
            marks = ",".join("?" * len(chunk))
            for a, b, *pos in self.db.execute(f"SELECT a, b, a_start, a_end, b_start, b_end, words FROM reuse WHERE a IN ({marks})", chunk):
                if b in back:
                    out.append((back[a], back[b], Passage(*pos)))
        return out

    # citations ---------------------------------------------------------------------
    def add_cite(self, article_id: str, outlet_key: str, source_id: str | None) -> None:
        rows = self._rowids([article_id] + ([source_id] if source_id else []))
        self.db.execute(
            "INSERT OR REPLACE INTO cites(article, outlet, source) VALUES (?, ?, ?)",
            (rows[article_id], outlet_key, rows.get(source_id) if source_id else None),
        )

    def cites_of(self, ids: Sequence[str]) -> list[tuple[str, str, str | None]]:
        """(citing article, cited outlet key, resolved source article or None)."""
        rowids = self._rowids(ids)
        back = {v: k for k, v in rowids.items()}
        rows = []
        for chunk in _chunks(list(back)):
            marks = ",".join("?" * len(chunk))
            rows += self.db.execute(f"SELECT article, outlet, source FROM cites WHERE article IN ({marks})", chunk).fetchall()
        sources = self._ids(r[2] for r in rows if r[2] is not None)
        return [(back[a], outlet, sources.get(src) if src is not None else None) for a, outlet, src in rows]

    def unresolved_citers(self, outlet_keys: Sequence[str], since: datetime | None = None, until: datetime | None = None, limit: int = 50) -> list[tuple[str, str]]:
        """Articles published between ``since`` and ``until`` that cite one of these
        outlets and whose citation found no source yet (undated articles always qualify)."""
        low, high = _bounds(since, until)
        rows = []
        for chunk in _chunks(list(outlet_keys)):
            marks = ",".join("?" * len(chunk))
            rows += self.db.execute(
                f"SELECT a.id, c.outlet FROM cites c JOIN articles a ON a.rowid = c.article WHERE c.source IS NULL AND c.outlet IN ({marks})"
                " AND (a.published_at IS NULL OR (a.published_at >= ? AND a.published_at <= ?)) LIMIT ?",
                [*chunk, low, high, limit],
            ).fetchall()
        return rows

    # outlets and links ---------------------------------------------------------------
    def outlet_names(self) -> list[tuple[str, str | None]]:
        """Distinct (outlet, domain) pairs in the corpus."""
        return self.db.execute("SELECT DISTINCT outlet, domain FROM articles WHERE outlet IS NOT NULL").fetchall()

    def articles_of(self, outlets: Sequence[str], since: datetime | None = None, until: datetime | None = None, limit: int = 200) -> list[tuple[str, str | None]]:
        """(id, published) of the latest ``limit`` articles of these outlets published
        between ``since`` and ``until`` (instants; undated articles always qualify)."""
        low, high = _bounds(since, until)
        rows: list[tuple[str, str | None]] = []
        for chunk in _chunks(list(outlets)):
            marks = ",".join("?" * len(chunk))
            rows += self.db.execute(
                f"SELECT id, published FROM articles WHERE outlet IN ({marks})"
                " AND (published_at IS NULL OR (published_at >= ? AND published_at <= ?)) ORDER BY published_at DESC LIMIT ?",
                [*chunk, low, high, limit],
            ).fetchall()
        return rows

    def ids_for_urls(self, urls: Sequence[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for chunk in _chunks(list(urls)):
            marks = ",".join("?" * len(chunk))
            out.update(self.db.execute(f"SELECT url, id FROM articles WHERE url IN ({marks})", chunk).fetchall())
        return out

    def linking_to(self, urls: Sequence[str]) -> list[tuple[str, str]]:
        """(article id, url) of stored articles that link to one of ``urls``."""
        rows = []
        for chunk in _chunks(list(urls)):
            marks = ",".join("?" * len(chunk))
            rows += self.db.execute(f"SELECT a.id, l.url FROM links l JOIN articles a ON a.rowid = l.article WHERE l.url IN ({marks})", chunk).fetchall()
        return rows

    # stories -----------------------------------------------------------------------
    def stories_of(self, ids: Sequence[str]) -> dict[str, str | None]:
        out: dict[str, str | None] = {}
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            out.update(self.db.execute(f"SELECT id, story FROM articles WHERE id IN ({marks})", chunk).fetchall())
        return out

    def story_ids(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM stories ORDER BY first_seen, id")]

    def story_members(self, story: str) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM articles WHERE story = ? ORDER BY published_at, rowid", (story,))]

    def story_info(self, story: str) -> tuple[str, str | None, str | None, int] | None:
        return self.db.execute("SELECT id, first_seen, last_seen, size FROM stories WHERE id = ?", (story,)).fetchone()

    def assign_story(self, story: str, ids: Sequence[str], absorbed: Sequence[str] = ()) -> None:
        """Put ``ids`` and every member of the ``absorbed`` stories into ``story``."""
        for chunk in _chunks(list(absorbed)):
            marks = ",".join("?" * len(chunk))
            self.db.execute(f"UPDATE articles SET story = ? WHERE story IN ({marks})", [story, *chunk])
            self.db.execute(f"DELETE FROM stories WHERE id IN ({marks})", chunk)
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            self.db.execute(f"UPDATE articles SET story = ? WHERE id IN ({marks})", [story, *chunk])
        self.db.execute(
            "INSERT INTO stories(id, first_seen, last_seen, size) SELECT ?, min(published_at), max(published_at), count(*) FROM articles WHERE story = ?"
            " ON CONFLICT(id) DO UPDATE SET first_seen = excluded.first_seen, last_seen = excluded.last_seen, size = excluded.size",
            (story, story),
        )

    # leads ---------------------------------------------------------------------------
    def add_leads(self, leads: Sequence[tuple[str, str | None, bytes]]) -> None:
        rowids = self._rowids([lead[0] for lead in leads])
        rows = []
        for article_id, published, vector in leads:
            instant = instant_key(published)
            if article_id in rowids and instant:  # an undated lead has no window to be found in
                rows.append((rowids[article_id], instant, vector))
        self.db.executemany("INSERT OR REPLACE INTO leads(article, published, vector) VALUES (?, ?, ?)", rows)

    def leads_between(self, since: datetime, until: datetime, limit: int = 20000) -> list[tuple[str, bytes, str]]:
        return self.db.execute(
            "SELECT a.id, l.vector, l.published FROM leads l JOIN articles a ON a.rowid = l.article"
            " WHERE l.published BETWEEN ? AND ? ORDER BY l.published DESC LIMIT ?",
            (to_iso(since), to_iso(until), limit),
        ).fetchall()

    def leads_of(self, ids: Sequence[str]) -> dict[str, bytes]:
        out: dict[str, bytes] = {}
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            out.update(self.db.execute(f"SELECT a.id, l.vector FROM leads l JOIN articles a ON a.rowid = l.article WHERE a.id IN ({marks})", chunk).fetchall())
        return out
