"""The rows the store takes and returns: small frozen dataclasses, never rowids or bare tuples.

Every backend returns these, so callers never learn how a backend numbers its rows.

>>> StoryInfo("s1", "2025-03-01", "2025-03-04", 3).size
3
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newstrail.core.article import Passage
# a rating list's site as the outlet resolver reads it: one definition, re-exported here
from newstrail.outlets.resolver import ListedSite

#: what a put reports per item
ADDED = "added"
EXISTS = "exists"


@dataclass(frozen=True)
class ArticleRef:
    """What queries about an article return without loading its record."""

    id: str
    outlet: str | None = None
    domain: str | None = None
    url: str | None = None
    published: str | None = None
    story: str | None = None


@dataclass(frozen=True)
class ArticleRow:
    """One line of the article listing: what ``newstrail list`` shows, without the record."""

    id: str
    outlet: str | None
    domain: str | None
    published: str | None
    title: str | None
    url: str | None
    story: str | None
    language: str | None


@dataclass(frozen=True)
class OutletName:
    """One (outlet name, registered domain) pair seen in the corpus."""

    outlet: str
    domain: str | None = None


@dataclass(frozen=True)
class SearchHit:
    """One full-text hit: the article, its title, a snippet with the match in brackets, a score (higher is better)."""

    id: str
    title: str | None
    snippet: str
    score: float


@dataclass(frozen=True)
class ReusedPassage:
    """A passage article ``a`` shares verbatim with article ``b`` (offsets in each, length in words)."""

    a: str
    b: str
    passage: Passage


@dataclass(frozen=True)
class Cite:
    """Article ``article`` credits the outlet with key ``outlet``; ``source`` is the stored article found for it, if any."""

    article: str
    outlet: str
    source: str | None = None


@dataclass(frozen=True)
class UrlLink:
    """Stored article ``article`` links to ``url``."""

    article: str
    url: str


@dataclass(frozen=True)
class StoryInfo:
    """A story: its id, the first and last publication dates of its members, how many members."""

    id: str
    first_seen: str | None
    last_seen: str | None
    size: int


@dataclass(frozen=True)
class TranslatedSentence:
    """Sentence ``[a_start, a_end)`` of article ``a`` aligned with ``[b_start, b_end)`` of ``b``
    in another language (a translation), with the cosine of their multilingual vectors."""

    a: str
    b: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    cosine: float


@dataclass(frozen=True)
class Lead:
    """The vector of an article's lead (its opening) and its publication date (read back as the UTC instant, ``...Z``)."""

    article: str
    published: str | None
    vector: bytes


@dataclass(frozen=True)
class StoredLead:
    """A stored lead as linking keeps it in memory: with its article's language, and
    ``stored``, a number that orders articles as they were stored (later, larger), so a
    window of leads held in memory is read in the order the store reads it."""

    article: str
    published: str
    vector: bytes
    language: str | None
    stored: int


@dataclass(frozen=True)
class FactCheckRow:
    """An imported fact-check as stored: the columns queries use, and the full ``record``.

    ``key`` (URL + claim text) is how re-imports under another id are recognised.
    """

    id: str
    key: str
    claim: str
    verdict: str
    rating: str | None = None
    publisher: str | None = None
    url: str | None = None
    date: str | None = None
    language: str | None = None
    source: str = ""
    record: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class FactCheckAt:
    """A fact-check published at a stored article's URL: what it rates, and how."""

    factcheck: str
    claim: str
    verdict: str
    rating: str | None
    publisher: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"factcheck": self.factcheck, "claim": self.claim, "verdict": self.verdict, "rating": self.rating, "publisher": self.publisher}


@dataclass(frozen=True)
class ClaimMatch:
    """A fact-check match stored in an article's claim ``claim`` (its index), as the matcher wrote it."""

    article: str
    claim: int
    factcheck: str | None
    rating: str | None
    verdict: str | None


@dataclass(frozen=True)
class RatingListInfo:
    """An imported source-rating list: its name, date(s), where it came from, its field names, how many rows."""

    name: str
    date: str | None = None
    date_from: str | None = None
    source: str | None = None
    layout: str | None = None
    fields: tuple[str, ...] = ()
    imported_at: str | None = None
    rows: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "date": self.date, "date_from": self.date_from, "source": self.source,
                "layout": self.layout, "fields": list(self.fields), "imported_at": self.imported_at, "rows": self.rows}


@dataclass(frozen=True)
class RatingRow:
    """One site's row of a rating list, as given. ``list``/``date``/``date_from`` are filled when read back."""

    host: str
    domain: str
    fields: dict[str, Any] = field(default_factory=dict, hash=False)
    section: str = ""
    name: str | None = None
    name_key: str | None = None
    stem: str | None = None
    line: int | None = None
    list: str = ""
    date: str | None = None
    date_from: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape reports use (``name_key`` and ``stem`` are lookup keys, not shown)."""
        return {"list": self.list, "date": self.date, "date_from": self.date_from, "host": self.host, "section": self.section,
                "domain": self.domain, "name": self.name, "line": self.line, "fields": self.fields}


@dataclass(frozen=True)
class Alias:
    """Another name (``text``) of the outlet at ``domain``; ``alias`` is its lookup key."""

    alias: str
    kind: str
    text: str
    domain: str
    note: str | None = None
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"alias": self.alias, "kind": self.kind, "text": self.text, "domain": self.domain, "note": self.note, "source": self.source}


@dataclass(frozen=True)
class Block:
    """A boilerplate block that identifies an outlet's template; ``hash`` is computed by the caller."""

    hash: int
    kind: str
    text: str


@dataclass(frozen=True)
class Mark:
    """A cross-post line in an article naming outlet ``name`` (lookup key ``key``, computed by the caller)."""

    kind: str
    name: str
    key: str


@dataclass(frozen=True)
class OutletFacts:
    """What the outlet index keeps of one article: its template blocks and cross-post lines."""

    article: str
    blocks: tuple[Block, ...] = ()
    marks: tuple[Mark, ...] = ()


@dataclass(frozen=True)
class SharedBlock:
    """Article ``own`` carries the same template block as article ``other``."""

    own: str
    other: str
    kind: str
    text: str


@dataclass(frozen=True)
class ArticleMark:
    """A cross-post line of ``article`` naming outlet ``name``."""

    article: str
    kind: str
    name: str


@dataclass(frozen=True)
class FeedState:
    """What a watch remembers of a feed between polls and restarts: the validators of its
    last answer (sent back as ``If-None-Match`` and ``If-Modified-Since``), when it was
    checked (UTC, ISO), how many polls in a row failed, the last error, and the Unix time
    before which it is not polled again (a back-off or the server's ``Retry-After``).

    >>> FeedState("https://bayherald.example/rss", etag='"v1"').failures
    0
    """

    url: str
    etag: str | None = None
    last_modified: str | None = None
    checked_at: str | None = None
    failures: int = 0
    error: str | None = None
    retry_at: float | None = None
