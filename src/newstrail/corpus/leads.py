"""Articles that tell the same story without copying one another: similar leads.

Two outlets that report one event on their own share no passage and credit no one,
yet a reader would call it one story. Their leads (headline and opening sentences)
say the same thing in other words, name the same people and places, and appear
within days of each other. So each linked article's lead is embedded with the fast
static model (:mod:`newstrail.embeddings`) and kept in the store; a new article is
compared with the leads published within ``lead_window_days`` of it, and joins the
story of one whose lead is at least ``lead_similarity`` close and that shares at
least ``lead_min_anchors`` names and figures with it. Similar wording alone is not
enough: look-alike stories (the same town, the same spokesperson, another event)
are what the anchors keep apart.

This adds no edge to a provenance graph (an edge means one took from the other);
the trace lists such pairs under ``related`` with their similarity and shared names.

>>> lead_text(Article(title="Pier Nine shut", text="Storm cracks the pilings.\\n\\nMore follows."))
'Pier Nine shut. Storm cracks the pilings.'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import numpy as np

from newstrail.core.article import Article
from newstrail.core.dates import parse_date, to_iso
from newstrail.corpus.events import event_terms
from newstrail.corpus.staleness import StoreWrites
from newstrail.embeddings import get_embedder
from newstrail.store import Store
from newstrail.store.rows import Lead, StoredLead

#: characters of the article body that make its lead after the headline
LEAD_CHARS = 320
#: the most similar stored leads looked at per article
TOP = 5


def lead_text(article: Article) -> str:
    """The headline and the opening of the text: two sentences or ``LEAD_CHARS`` characters."""
    if article.sentences:
        opening = " ".join(article.text[s.start : s.end] for s in article.sentences[:2])
    else:
        opening = article.text.split("\n\n", 1)[0]
    opening = " ".join(opening[:LEAD_CHARS].split())
    title = (article.title or "").strip()
    return f"{title}. {opening}" if title and not title.endswith((".", "?", "!")) else f"{title} {opening}".strip()


def _matrix(blobs: Sequence[bytes]) -> np.ndarray:
    if not blobs:
        return np.zeros((0, 0), dtype=np.float32)
    return np.frombuffer(b"".join(blobs), dtype=np.float16).reshape(len(blobs), -1).astype(np.float32)


#: capitalised words and figures: who, where and how many, which :func:`what_text` leaves out
_NAMES = re.compile(r"\b(?:[A-Z][\w'’-]*|\d[\d,.:]*)\b")


def what_text(article: Article) -> str:
    """The lead without its names and figures: what happened, not to whom or where.

    >>> what_text(Article(title="Pier Nine shut", text="Storm cracks the pilings at Carrow on 3 May."))
    'shut. cracks the pilings at on .'
    """
    return " ".join(_NAMES.sub(" ", lead_text(article)).split())


def encode_leads(articles: Sequence[Article]) -> np.ndarray:
    """Unit vectors of the articles' leads (fast static embeddings, float16)."""
    return get_embedder("fast").encode([lead_text(a) for a in articles]).astype(np.float16)


#: articles whose event terms a linking run holds (some 30 words each)
TERMS_HELD = 30000
#: articles whose lead without names (:func:`what_text`) a linking run holds embedded (1 kB each)
WHAT_HELD = 10000
#: the most leads of one window compared with an article, the newest (what one query of
#: the store returned before leads were held in memory)
WINDOW_LIMIT = 20000
#: days of leads held in memory, the least recently used dropped first
DAYS_HELD = 62


def _seconds(iso: str) -> int:
    """Seconds since the epoch of a stored instant (:func:`~newstrail.core.dates.to_iso` form)."""
    return int(datetime.fromisoformat(iso).timestamp())


class _Day:
    """The leads of one UTC day held in memory, in the order they came; arrays grow in place."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.languages: dict[str | None, list[int]] = {}  # stored language -> rows
        self.seconds = np.zeros(0, np.int64)
        self.stored = np.zeros(0, np.int64)
        self.vectors = np.zeros((0, 0), np.float32)

    @property
    def n(self) -> int:
        return len(self.ids)

    def add(self, lead: StoredLead) -> None:
        vector = np.frombuffer(lead.vector, dtype=np.float16).astype(np.float32)
        n = self.n
        if n == len(self.seconds) or self.vectors.shape[1] != len(vector):
            size = max(16, 2 * n)
            grown = np.zeros((size, len(vector)), np.float32)
            if self.vectors.shape[1] == len(vector):
                grown[:n] = self.vectors[:n]
            self.vectors = grown
            self.seconds, self.stored = np.resize(self.seconds, size), np.resize(self.stored, size)
        self.vectors[n], self.seconds[n], self.stored[n] = vector, _seconds(lead.published), lead.stored
        self.languages.setdefault(lead.language, []).append(n)
        self.ids.append(lead.article)


class LeadWindow:
    """The stored leads linking compares articles with, held in memory by UTC day for a
    linking run: a window of days is read from the store once, not once per article, and
    the leads the run adds join it. Held leads are dropped whenever another connection
    may have written to the store (:meth:`~newstrail.store.protocols.Links.written_elsewhere`):
    two processes linking one store see each other's leads, as they did.

    >>> import tempfile, os
    >>> from newstrail.store import open_store
    >>> window = LeadWindow(open_store(os.path.join(tempfile.mkdtemp(), "w.db")))
    >>> window.select(datetime(2025, 3, 1, tzinfo=UTC), datetime(2025, 3, 4, tzinfo=UTC))
    []
    """

    def __init__(self, store: Store, writes: StoreWrites | None = None) -> None:
        self.store = store
        # shared with the run's other holders of what it read (the n-gram postings)
        self.writes = writes or StoreWrites(store)
        self._seen = -1  # writes elsewhere seen when last looked (none yet: nothing is held)
        self._days: dict[str, _Day] = {}  # by "YYYY-MM-DD", least recently used first
        self._held: set[str] = set()

    def _fresh(self) -> None:
        seen = self.writes.seen()
        if seen != self._seen:
            self._seen = seen
            self._days.clear()
            self._held.clear()

    def _read(self, keys: list[str]) -> None:
        """Hold the days ``keys`` (in order): those not held yet are read in one query."""
        missing = [k for k in keys if k not in self._days]
        if missing:
            start = datetime.fromisoformat(missing[0]).replace(tzinfo=UTC)
            end = datetime.fromisoformat(missing[-1]).replace(tzinfo=UTC) + timedelta(days=1, seconds=-1)
            read = {k: _Day() for k in missing}
            for lead in self.store.links.stored_leads_between(start, end):
                if (day := read.get(lead.published[:10])) is not None:  # days between, already held, are kept
                    day.add(lead)
                    self._held.add(lead.article)
            self._days.update(read)
        for key in keys:  # the days just used go last: the least recently used are dropped first
            self._days[key] = self._days.pop(key)
        while len(self._days) > max(DAYS_HELD, len(keys)):
            dropped = self._days.pop(next(iter(self._days)))
            self._held.difference_update(dropped.ids)

    def add(self, leads: Sequence[StoredLead]) -> None:
        """Hold the leads just stored (those of days not held are read with their day)."""
        self._fresh()
        if any(lead.article in self._held for lead in leads):
            self._days.clear()  # a lead stored again: read its day anew
            self._held.clear()
        for lead in leads:
            if (day := self._days.get(lead.published[:10])) is not None:
                day.add(lead)
                self._held.add(lead.article)

    def select(self, since: datetime, until: datetime) -> list[tuple[_Day, np.ndarray]]:
        """Each held day of ``[since, until]`` with the mask of its leads in the window: the
        newest :data:`WINDOW_LIMIT` of them, ordered as :meth:`order` says."""
        self._fresh()
        low, high = to_iso(since), to_iso(until)
        first, last = _seconds(low), _seconds(high)
        begin, end = date.fromisoformat(low[:10]), date.fromisoformat(high[:10])
        keys = [(begin + timedelta(days=k)).isoformat() for k in range((end - begin).days + 1)]
        self._read(keys)
        parts = []
        for key in keys:
            day = self._days[key]
            if day.n:
                seconds = day.seconds[: day.n]
                parts.append((day, (seconds >= first) & (seconds <= last)))
        if sum(int(mask.sum()) for _, mask in parts) > WINDOW_LIMIT:
            _newest(parts)
        return [(day, mask) for day, mask in parts if mask.any()]

    @staticmethod
    def order(day: _Day, rows: Sequence[int]) -> list[tuple[int, int]]:
        """Sort keys of ``rows`` of ``day``: newest first, then the last stored first (the store's order)."""
        return [(-int(day.seconds[r]), -int(day.stored[r])) for r in rows]


def _newest(parts: list[tuple[_Day, np.ndarray]]) -> None:
    """Keep, in the masks of ``parts``, only the newest :data:`WINDOW_LIMIT` leads."""
    keys = [(day.seconds[: day.n][mask], day.stored[: day.n][mask]) for day, mask in parts]
    seconds, stored = np.concatenate([k[0] for k in keys]), np.concatenate([k[1] for k in keys])
    cut = np.lexsort((-stored, -seconds))[WINDOW_LIMIT - 1]
    edge = (seconds[cut], stored[cut])
    for day, mask in parts:
        s, o = day.seconds[: day.n], day.stored[: day.n]
        mask &= (s > edge[0]) | ((s == edge[0]) & (o >= edge[1]))


def _closest(days: list[tuple[_Day, np.ndarray, np.ndarray]], floor: float, top: int) -> list[tuple[_Day, np.ndarray, list[int]]]:
    """The rows of each day (its leads' similarities, its window mask) at least ``floor``
    close that may be among the ``top`` closest of all: none closer than the ``top``-th
    closest is left out, ties included (a copied story's window holds hundreds above the
    floor, and only the closest few are ranked)."""
    found = [(day, row, np.nonzero(mask & (row >= floor))[0]) for day, row, mask in days]
    total = sum(len(rows) for _, _, rows in found)
    if total > top:
        kth = np.partition(np.concatenate([row[rows] for _, row, rows in found]), total - top)[total - top]
        found = [(day, row, rows[row[rows] >= kth]) for day, row, rows in found]
    return [(day, row, rows.tolist()) for day, row, rows in found]


@dataclass(frozen=True)
class Tie:
    """Two articles whose leads tell one event: ``close`` when the leads nearly match
    (such a tie may join any two parts of the corpus), else a looser tie that only
    brings a lone article, or one with its single copy, into a story."""

    a: str
    b: str
    similarity: float
    close: bool


class SameEvent:
    """Finds, for a batch being linked, the stored articles whose leads tell the same story.

    ``anchors_of`` gives an article id's names and figures (the linker's cache). Two
    leads tie when they appear within ``window_days``, share ``min_anchors`` names and
    figures, and are either ``similarity`` close, or ``loose_similarity`` close with
    the shared names making ``loose_share`` of the smaller article's and the leads
    without their names (:func:`what_text`) ``loose_what`` close: the same people and
    places in another event (a ferry's new timetable after its hull cracked) differ there.
    """

    def __init__(
        self,
        store: Store,
        similarity: float,
        window_days: int,
        min_anchors: int,
        anchors_of: Callable[[list[str]], dict[str, set[str]]],
        loose_similarity: float = 2.0,
        loose_share: float = 1.0,
        loose_what: float = 1.0,
        window: LeadWindow | None = None,
        load: Callable[[Sequence[str]], list[Article]] | None = None,
    ) -> None:
        self.store = store
        self.load = load or store.articles.get_many
        self.leads = window or LeadWindow(store)
        self.similarity = similarity
        self.loose_similarity = min(similarity, loose_similarity)
        self.loose_share = loose_share
        self.loose_what = loose_what
        self.window = timedelta(days=window_days)
        self.min_anchors = min_anchors
        self.anchors_of = anchors_of
        self._primed: dict[str, np.ndarray] = {}  # lead vectors computed elsewhere, by article id, used once
        # each article's event terms, computed once (an article is among the closest leads of
        # the copies after it, and each asked for its terms again); the oldest out first
        self._terms: dict[str, set[str]] = {}
        # each article's lead without its names and figures, embedded once (see _same_what)
        self._what: dict[str, np.ndarray] = {}

    def prime(self, vectors: dict[str, np.ndarray]) -> None:
        """Take the lead vectors of articles about to be linked (:func:`encode_leads` of each,
        computed elsewhere), in place of those an earlier call handed over and no batch used."""
        self._primed = dict(vectors)

    @staticmethod
    def _encoded(articles: list[Article], ready: dict[str, np.ndarray]) -> np.ndarray:
        """:func:`encode_leads` of ``articles``, the ``ready`` ones looked up (a lead's vector is its own: batches agree)."""
        missing = [a for a in articles if a.id not in ready]
        fresh = dict(zip([a.id for a in missing], encode_leads(missing), strict=True)) if missing else {}
        return np.array([ready[a.id] if a.id in ready else fresh[a.id] for a in articles], dtype=np.float16)

    def link(self, articles: Sequence[Article]) -> list[Tie]:
        """Store the batch's leads; return the same-event ties of the batch's articles."""
        ready = {a.id: v for a in articles if (v := self._primed.pop(a.id, None)) is not None}
        dated: list[tuple[Article, datetime]] = []
        for article in articles:
            when = parse_date(article.published)
            if when is not None:  # an undated lead has no window to be compared in
                dated.append((article, when))
        if not dated or self.loose_similarity > 1:
            return []
        vectors = self._encoded([a for a, _ in dated], ready)
        leads = [Lead(a.id, to_iso(when), v.tobytes()) for (a, when), v in zip(dated, vectors, strict=True)]
        stored = self.store.links.add_leads(leads)
        # held as the store would give them back (its language column is the article's), not read back
        self.leads.add([StoredLead(lead.article, to_iso(when), lead.vector, article.language, stored[article.id])
                        for lead, (article, when) in zip(leads, dated, strict=True) if article.id in stored])
        found: list[Tie] = []
        # one query per run of the batch whose dates lie close together: a batch is
        # usually read in time order, so this is one or a few queries
        order = sorted(range(len(dated)), key=lambda i: dated[i][1])
        start = 0
        while start < len(order):
            end = start
            while end + 1 < len(order) and dated[order[end + 1]][1] - dated[order[start]][1] <= 4 * self.window:
                end += 1
            group = order[start : end + 1]
            since = dated[group[0]][1] - self.window
            until = dated[group[-1]][1] + self.window + timedelta(days=1)
            self._compare([dated[i] for i in group], vectors[group].astype("float32"), since, until, found)
            start = end + 1
        return found

    def _event_terms(self, ids: list[str]) -> dict[str, set[str]]:
        """The event terms of each of ``ids`` (left out: one whose names and figures are unknown)."""
        found = {i: terms for i in ids if (terms := self._terms.get(i)) is not None}
        missing = [i for i in ids if i not in found]
        if missing:
            held = self.anchors_of(missing)
            fresh = {i: event_terms(held[i]) for i in missing if i in held}
            while self._terms and len(self._terms) + len(fresh) > TERMS_HELD:
                del self._terms[next(iter(self._terms))]
            self._terms.update(fresh)
            found.update(fresh)
        return found

    def _compare(self, group, vectors, since: datetime, until: datetime, found: list[Tie]) -> None:
        parts = self.leads.select(since, until)
        if not parts:
            return
        sims = [vectors @ day.vectors[: day.n].T for day, _ in parts]
        for k, (article, moment) in enumerate(group):
            # the TOP + 1 closest leads of the window (newest first among equals), if close enough
            close = []
            for day, row, rows in _closest([(day, day_sims[k], mask) for (day, mask), day_sims in zip(parts, sims, strict=True)],
                                           self.loose_similarity, TOP + 1):
                close += [(row[r], key, day.ids[r]) for r, key in zip(rows, LeadWindow.order(day, rows), strict=True)]
            close.sort(key=lambda c: (-c[0], c[1]))
            near = [(sim, other) for sim, key, other in close[: TOP + 1]
                    if other != article.id and abs(datetime.fromtimestamp(-key[0], UTC) - moment) <= self.window + timedelta(days=1)]
            if not near:
                continue
            held = self._event_terms([article.id] + [other for _, other in near])
            mine = held.get(article.id, set())
            loose = []
            for sim, other in near:
                theirs = held.get(other, set())
                shared = len(mine & theirs)
                if shared < self.min_anchors:
                    continue
                if sim >= self.similarity:
                    found.append(Tie(article.id, other, float(sim), True))
                elif shared >= self.loose_share * min(len(mine), len(theirs)):
                    loose.append((other, float(sim)))
            found += self._same_what(article, loose)

    def _same_what(self, article: Article, others: list[tuple[str, float]]) -> list[Tie]:
        """The loose ties whose leads, names and figures left out, tell the same happening."""
        if not others:
            return []
        # a text's vector is its own, whatever it is encoded with: each is read and encoded once
        # (an article is the loose tie of the copies after it, each of which read it back whole)
        known = {i: v for i in [article.id, *(i for i, _ in others)] if (v := self._what.get(i)) is not None}
        wanted = [article] if article.id not in known else []
        wanted += self.load([i for i, _ in others if i not in known and i != article.id])
        if wanted:
            fresh = dict(zip([a.id for a in wanted], get_embedder("fast").encode([what_text(a) for a in wanted]), strict=True))
            known |= fresh
            while self._what and len(self._what) + len(fresh) > WHAT_HELD:
                del self._what[next(iter(self._what))]
            self._what.update(fresh)
        kept = [(i, sim) for i, sim in others if i in known]
        vectors = np.array([known[article.id]] + [known[i] for i, _ in kept])
        close = vectors[1:] @ vectors[0]
        return [Tie(article.id, i, sim, False) for (i, sim), what in zip(kept, close, strict=True) if what >= self.loose_what]


#: related pairs a trace lists per story, closest first; the rest are counted, not listed
#: (a syndicated story of 800 copies in separate parts gave 207,046 pairs, 66 MB of JSON)
MAX_RELATED = 100


def related_pairs(store: Store, articles: Sequence[Article], component: dict[str, int], similarity: float, anchors_of) -> tuple[list[dict], int]:
    """Pairs of a story's articles that no chain of edges joins but whose leads tell the same
    story, closest first, at most :data:`MAX_RELATED`; and how many more there are.

    ``component`` numbers the parts of the story's graph; the evidence a trace shows
    for a pair is the lead similarity and the names and figures both texts hold.
    """
    leads = store.links.leads_of([a.id for a in articles])
    ids = [a.id for a in articles if a.id in leads]
    if len(ids) < 2:
        return [], 0
    matrix = _matrix([leads[i] for i in ids])
    sims = matrix @ matrix.T
    best: dict[tuple[int, int], tuple[float, int, int]] = {}  # the closest pair of each two parts is evidence enough
    for i, j in zip(*np.nonzero(np.triu(sims >= similarity, k=1)), strict=True):
        low, high = sorted((component.get(ids[i], -1 - int(i)), component.get(ids[j], -1 - int(j))))
        key = (low, high)
        if low != high and (key not in best or best[key][0] < sims[i, j]):
            best[key] = (float(sims[i, j]), int(i), int(j))
    ranked = sorted(best.values(), key=lambda p: (-p[0], p[1], p[2]))
    kept = ranked[:MAX_RELATED]
    held = anchors_of(sorted({ids[i] for _, i, j in kept} | {ids[j] for _, i, j in kept}))
    pairs = [{"a": ids[i], "b": ids[j], "kind": "same story", "similarity": round(sim, 3),
              "shared": sorted(held.get(ids[i], set()) & held.get(ids[j], set()))[:12]} for sim, i, j in kept]
    return pairs, len(ranked) - len(kept)
