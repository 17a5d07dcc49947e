"""The repository of what corpus linking finds: shared passages, credits, hyperlinks,
stories and lead vectors. Tables hold article rowids; ids go in and come out."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from newstrail.core.article import Passage
from newstrail.core.dates import instant_key, to_iso
from newstrail.store.rows import Cite, Lead, ReusedPassage, StoredLead, StoryInfo, TranslatedSentence, UrlLink
from newstrail.store.sql_db import SQLDB, bounds, chunks, marks, unique


class SQLLinks:
    """See :class:`newstrail.store.protocols.Links`."""

    def __init__(self, db: SQLDB) -> None:
        self.db = db

    # the linking queue -------------------------------------------------------
    def unlinked_ids(self, limit: int = 1000) -> list[str]:
        """Stored articles that corpus linking has not seen yet, oldest first."""
        return [r[0] for r in self.db.execute("SELECT id FROM articles WHERE linked = 0 ORDER BY rowid LIMIT ?", (limit,))]

    def unlinked_among(self, ids: Sequence[str]) -> list[str]:
        """The ones of ``ids`` that corpus linking has not seen yet."""
        return [r[0] for r in self.db.select_in("SELECT id FROM articles WHERE linked = 0 AND id IN ({})", ids)]

    def unlinked_count(self) -> int:
        """How many stored articles corpus linking has not seen yet."""
        return int(self.db.execute("SELECT count(*) FROM articles WHERE linked = 0").fetchone()[0])

    def mark_linked(self, ids: Sequence[str]) -> None:
        """Record that linking has seen these articles."""
        with self.db.transaction():
            for chunk in chunks(unique(ids)):
                self.db.execute(f"UPDATE articles SET linked = 1 WHERE id IN ({marks(chunk)})", chunk)

    # shared passages -----------------------------------------------------------
    def add_reuse(self, a_id: str, b_id: str, passages: Sequence[Passage]) -> None:
        """Keep the passages article ``a_id`` shares with ``b_id``."""
        rows = self.db.rowids([a_id, b_id])
        with self.db.transaction():
            self.db.executemany(
                "INSERT INTO reuse(a, b, a_start, a_end, b_start, b_end, words) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(rows[a_id], rows[b_id], p.a_start, p.a_end, p.b_start, p.b_end, p.words) for p in passages],
            )

    def reuse_among(self, ids: Sequence[str]) -> list[ReusedPassage]:
        """Every stored passage between two of ``ids``."""
        back = {v: k for k, v in self.db.rowids(ids).items()}
        rows = self.db.select_in("SELECT a, b, a_start, a_end, b_start, b_end, words FROM reuse WHERE a IN ({}) ORDER BY a, rowid", back)
        return [ReusedPassage(back[a], back[b], Passage(*pos)) for a, b, *pos in rows if b in back]

    # translations ---------------------------------------------------------------
    def add_translation(self, sentences: Sequence[TranslatedSentence]) -> None:
        """Keep the aligned sentence pairs of a translation."""
        rows = self.db.rowids(sorted({s.a for s in sentences} | {s.b for s in sentences}))
        with self.db.transaction():
            self.db.executemany(
                "INSERT INTO translations(a, b, a_start, a_end, b_start, b_end, cosine) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(rows[s.a], rows[s.b], s.a_start, s.a_end, s.b_start, s.b_end, s.cosine) for s in sentences],
            )

    def translations_among(self, ids: Sequence[str]) -> list[TranslatedSentence]:
        """Every stored aligned sentence pair between two of ``ids``."""
        back = {v: k for k, v in self.db.rowids(ids).items()}
        rows = self.db.select_in("SELECT a, b, a_start, a_end, b_start, b_end, cosine FROM translations WHERE a IN ({}) ORDER BY a, rowid", back)
        return [TranslatedSentence(back[a], back[b], *pos) for a, b, *pos in rows if b in back]

    # credits -------------------------------------------------------------------
    def add_cite(self, cite: Cite) -> None:
        """Keep (or replace) an article's credit of an outlet."""
        rows = self.db.rowids([cite.article] + ([cite.source] if cite.source else []))
        with self.db.transaction():
            self.db.execute(
                "INSERT INTO cites(article, outlet, source) VALUES (?, ?, ?) ON CONFLICT (article, outlet) DO UPDATE SET source = excluded.source",
                (rows[cite.article], cite.outlet, rows.get(cite.source) if cite.source else None),
            )

    def cites_of(self, ids: Sequence[str]) -> list[Cite]:
        """The credits of these articles."""
        back = {v: k for k, v in self.db.rowids(ids).items()}
        rows = self.db.select_in("SELECT article, outlet, source FROM cites WHERE article IN ({}) ORDER BY article, outlet", back)
        sources = self.db.ids(r[2] for r in rows if r[2] is not None)
        return [Cite(back[a], outlet, sources.get(src) if src is not None else None) for a, outlet, src in rows]

    def unresolved_cites(self, outlet_keys: Sequence[str], since: datetime | None = None, until: datetime | None = None, limit: int = 50) -> list[Cite]:
        """Credits of these outlets with no source yet, by articles published in ``[since, until]`` or undated."""
        low, high = bounds(since, until)
        rows = []
        for chunk in chunks(list(outlet_keys)):
            rows += self.db.execute(
                f"SELECT a.id, c.outlet FROM cites c JOIN articles a ON a.rowid = c.article WHERE c.source IS NULL AND c.outlet IN ({marks(chunk)})"
                " AND (a.published_at IS NULL OR (a.published_at >= ? AND a.published_at <= ?)) ORDER BY c.outlet, c.article LIMIT ?",
                [*chunk, low, high, limit],
            ).fetchall()
        return [Cite(article, outlet) for article, outlet in rows]

    def linking_to(self, urls: Sequence[str]) -> list[UrlLink]:
        """Stored articles that link to one of ``urls``."""
        rows = self.db.select_in("SELECT a.id, l.url FROM links l JOIN articles a ON a.rowid = l.article WHERE l.url IN ({}) ORDER BY l.rowid", urls)
        return [UrlLink(*r) for r in rows]

    # stories -------------------------------------------------------------------
    def stories_of(self, ids: Sequence[str]) -> dict[str, str | None]:
        """Article id -> its story (None when not linked yet)."""
        return dict(self.db.select_in("SELECT id, story FROM articles WHERE id IN ({})", ids))

    def story_ids(self) -> list[str]:
        """Every story, oldest first."""
        return [r[0] for r in self.db.execute("SELECT id FROM stories ORDER BY first_seen NULLS FIRST, id")]

    def story_members(self, story: str) -> list[str]:
        """A story's article ids, by publication date."""
        return [r[0] for r in self.db.execute("SELECT id FROM articles WHERE story = ? ORDER BY published_at NULLS FIRST, rowid", (story,))]

    def headlines(self, stories: Sequence[str]) -> dict[str, tuple[str, str | None]]:
        """Story id -> (article id, title) of its first published article (undated ones last)."""
        rows = self.db.select_in(
            "SELECT story, id, title FROM articles WHERE story IN ({}) ORDER BY published_at IS NULL, published_at, rowid", [s for s in stories if s])
        out: dict[str, tuple[str, str | None]] = {}
        for story, article, title in rows:
            out.setdefault(story, (article, title))
        return out

    def stories(self, ids: Sequence[str]) -> dict[str, StoryInfo]:
        """Story id -> its info, for the known ones of ``ids``."""
        rows = self.db.select_in("SELECT id, first_seen, last_seen, size FROM stories WHERE id IN ({})", [s for s in ids if s])
        return {r[0]: StoryInfo(*r) for r in rows}

    def assign_story(self, story: str, ids: Sequence[str], absorbed: Sequence[str] = ()) -> None:
        """Put ``ids`` and every member of the ``absorbed`` stories into ``story``.

        The story's first and last dates and its size are updated from what moves into it
        (the absorbed stories' own figures, and the dates of ``ids``), not recounted over
        its members: a story of thousands gains an article at the cost of that article.
        """
        absorbed = [s for s in unique(absorbed) if s != story]
        with self.db.transaction():
            known = self.stories([story, *absorbed])
            if any(s not in known for s in absorbed) or (story not in known and self._has_members(story)):
                self._assign_recounting(story, ids, absorbed)  # figures missing (never so when linking wrote them)
                return
            joining = self._move_members(story, ids, absorbed)
            parts = [known[s] for s in (story, *absorbed) if s in known]
            firsts = [p.first_seen for p in parts if p.first_seen] + [d for d in joining if d]
            lasts = [p.last_seen for p in parts if p.last_seen] + [d for d in joining if d]
            self._put_story(StoryInfo(story, min(firsts, default=None), max(lasts, default=None), sum(p.size for p in parts) + len(joining)))

    def _has_members(self, story: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE story = ? LIMIT 1", (story,)).fetchone() is not None

    def _move_members(self, story: str, ids: Sequence[str], absorbed: Sequence[str]) -> list[str | None]:
        """Move the members of the ``absorbed`` stories, then ``ids``, into ``story`` (the
        absorbed stories' rows deleted); the publication dates of the ``ids`` that were not
        members of ``story`` already (an absorbed story's are, by then), for its figures."""
        for chunk in chunks(list(absorbed)):
            self.db.execute(f"UPDATE articles SET story = ? WHERE story IN ({marks(chunk)})", [story, *chunk])
            self.db.execute(f"DELETE FROM stories WHERE id IN ({marks(chunk)})", chunk)
        # one statement per chunk, and no row rewritten that is a member already
        return [r[0] for r in self.db.select_in(
            "UPDATE articles SET story = ? WHERE (story IS NULL OR story <> ?) AND id IN ({}) RETURNING published_at", ids, story, story)]

    def _put_story(self, info: StoryInfo) -> None:
        self.db.execute(
            "INSERT INTO stories(id, first_seen, last_seen, size) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET first_seen = excluded.first_seen, last_seen = excluded.last_seen, size = excluded.size",
            (info.id, info.first_seen, info.last_seen, info.size),
        )

    def _assign_recounting(self, story: str, ids: Sequence[str], absorbed: Sequence[str]) -> None:
        """:meth:`assign_story`, the story's figures counted over all its members."""
        self._move_members(story, ids, absorbed)
        self.db.execute(
            "INSERT INTO stories(id, first_seen, last_seen, size)"
            " SELECT CAST(? AS TEXT), min(published_at), max(published_at), count(*) FROM articles WHERE story = ?"
            " ON CONFLICT(id) DO UPDATE SET first_seen = excluded.first_seen, last_seen = excluded.last_seen, size = excluded.size",
            (story, story),
        )

    # leads ---------------------------------------------------------------------
    def add_leads(self, leads: Sequence[Lead]) -> dict[str, int]:
        """Keep the lead vectors of stored articles, under their UTC publication instant
        (an undated lead has no window to be found in, and is not kept). Returns the
        storage order (:class:`~newstrail.store.rows.StoredLead`'s ``stored``) of each lead
        kept, by article id: what a caller holding leads in memory needs, without reading them back."""
        rowids = self.db.rowids(lead.article for lead in leads)
        rows = [(rowids[x.article], instant, x.vector) for x in leads if x.article in rowids and (instant := instant_key(x.published))]
        with self.db.transaction():
            self.db.executemany("INSERT INTO leads(article, published, vector) VALUES (?, ?, ?)"
                                " ON CONFLICT (article) DO UPDATE SET published = excluded.published, vector = excluded.vector", rows)
        kept = {row[0] for row in rows}
        return {article: rowid for article, rowid in rowids.items() if rowid in kept}

    def leads_between(self, since: datetime, until: datetime, limit: int = 20000) -> list[Lead]:
        """Leads published in ``[since, until]``, newest first."""
        rows = self.db.execute(
            "SELECT a.id, l.published, l.vector FROM leads l JOIN articles a ON a.rowid = l.article"
            " WHERE l.published BETWEEN ? AND ? ORDER BY l.published DESC, l.article DESC LIMIT ?",
            (to_iso(since), to_iso(until), limit),
        ).fetchall()
        return [Lead(*r) for r in rows]

    def stored_leads_between(self, since: datetime, until: datetime) -> list[StoredLead]:
        """Every lead published in ``[since, until]``, with its article's language and storage order."""
        rows = self.db.execute(
            "SELECT a.id, l.published, l.vector, a.language, l.article FROM leads l JOIN articles a ON a.rowid = l.article"
            " WHERE l.published BETWEEN ? AND ?", (to_iso(since), to_iso(until))).fetchall()
        return [StoredLead(*r) for r in rows]

    def stored_leads_of(self, ids: Sequence[str]) -> list[StoredLead]:
        """The leads of those of ``ids`` that have one, as :meth:`stored_leads_between` gives them."""
        return [StoredLead(*r) for r in self.db.select_in(
            "SELECT a.id, l.published, l.vector, a.language, l.article FROM leads l JOIN articles a ON a.rowid = l.article WHERE a.id IN ({})", ids)]

    def written_elsewhere(self) -> bool:
        """Whether another connection may have committed since the last call (True when
        the backend cannot tell): what linking checks before trusting leads it holds."""
        return self.db.written_elsewhere()

    def leads_of(self, ids: Sequence[str]) -> dict[str, bytes]:
        """Article id -> lead vector bytes, for those of ``ids`` that have one."""
        return dict(self.db.select_in("SELECT a.id, l.vector FROM leads l JOIN articles a ON a.rowid = l.article WHERE a.id IN ({})", ids))
