"""The shared vocabulary: the one document object every stage reads and returns.

An :class:`Article` is created by a reader in :mod:`newstrail.ingest`, cleaned by
:mod:`newstrail.clean`, filled in by the per-article stages of
:mod:`newstrail.analyze`, and written to a store. Everything that points into the
article's text is a :class:`Span` (character offsets into ``Article.text``), so a
report can always show the exact words behind a finding.

>>> a = Article(text="Pier 9 closes.", url="https://harbor.example/a")
>>> a.snippet(Span(0, 6))
'Pier 9'
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from collections.abc import Collection
from typing import Any

import orjson

from newstrail.core.dates import normalise_date

#: what separates the cells of a table row in ``Article.text`` (a row is a line, a
#: table a block of its own)
CELL_SEPARATOR = "\t"


@dataclass(frozen=True, order=True)
class Span:
    """Character offsets ``[start, end)`` into ``Article.text``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def shift(self, delta: int) -> Span:
        return Span(self.start + delta, self.end + delta)


@dataclass
class Link:
    """An outbound hyperlink: its anchor text's span in the clean text and its target."""

    span: Span
    url: str
    domain: str = ""
    anchor: str = ""


@dataclass
class Removed:
    """A block the cleaner kept out of ``text``, kept as evidence.

    ``kind`` says why it was removed (``share``, ``membership``, ``copyright``,
    ``disclaimer``, ``fair-use``, ``contact``, ``tags``, ``credit-badge``,
    ``byline``, ``dateline``, ``origin``, ``navigation``...). ``position`` is the
    offset in the clean text where the block stood, so a report can put it back
    in context.
    """

    kind: str
    text: str
    position: int = 0


@dataclass
class Attribution:
    """A credit to a source: "according to X", "Credit – X", "X reports:", a link...

    ``span`` is the sentence (or line) in ``text`` that carries it, or ``None`` when
    the evidence is a removed block or a dateline (then ``where`` says which and
    ``evidence`` holds the words). ``source`` is the name as written; ``outlet`` its
    normalised key (see :func:`newstrail.outlets.keys.outlet_key`) when
    ``kind`` is ``outlet``; ``kind`` is ``outlet``, ``person`` or ``organisation``.
    ``where`` is ``own`` when the text credits an earlier article of its own outlet
    ("As NWS reported earlier on Tuesday").
    """

    cue: str
    source: str
    kind: str
    span: Span | None = None
    outlet: str | None = None
    link: str | None = None
    evidence: str = ""
    where: str = "text"


@dataclass
class Quote:
    """Words in quotation marks: ``span`` covers the words inside the marks.

    ``speaker`` is who the text says said them, when it says; ``attribution`` the
    index in ``Article.attributions`` of the credit that introduces them, if any.
    """

    span: Span
    speaker: str | None = None
    cue: str | None = None
    attribution: int | None = None


@dataclass(frozen=True)
class Number:
    """A number as written (``span``) and in canonical form (``value`` in ``unit``).

    Found by :func:`newstrail.analyze.numbers.find_numbers`; ``what`` is the noun it
    counts ("3,000 rebel fighters" -> ``rebel fighters``) when the text says.
    """

    span: Span
    text: str
    value: float
    unit: str = ""
    dimension: str = "count"
    qualifier: str = ""
    what: str = ""


@dataclass
class Entity:
    """A named person, organisation, place or outlet: ``label`` says which."""

    span: Span
    text: str
    label: str


@dataclass
class FactCheckMatch:
    """An imported fact-check (ClaimReview) that a claim matches, with the evidence.

    ``score`` is calibrated to [0, 1] so one threshold means the same across corpora;
    ``evidence`` holds what the match rests on (shared terms, similarities).
    """

    factcheck: str
    score: float
    claim: str = ""
    rating: str | None = None
    publisher: str | None = None
    url: str | None = None
    evidence: dict[str, Any] = field(default_factory=dict)


@dataclass
class Claim:
    """A sentence that states something checkable, with what a checker needs beside it.

    ``score`` is the check-worthiness in [0, 1] and ``checkworthy`` whether it clears
    the model's threshold; ``quote`` and ``attribution`` index ``Article.quotes`` and
    ``Article.attributions``; ``matches`` are fact-checks it matches, best first.
    """

    span: Span
    score: float
    checkworthy: bool
    numbers: list[Number] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quote: int | None = None
    attribution: int | None = None
    matches: list[FactCheckMatch] = field(default_factory=list)


@dataclass
class Technique:
    """A propaganda technique used in ``span`` (SemEval-2020 task 11 scheme)."""

    span: Span
    technique: str
    score: float
    explanation: str = ""


@dataclass(frozen=True)
class Passage:
    """A passage two articles share: character offsets in each, and its length in words."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    words: int

    def flipped(self) -> Passage:
        return Passage(self.b_start, self.b_end, self.a_start, self.a_end, self.words)


def _plain(value: Any) -> Any:
    """``dataclasses.asdict`` without its deep copies: every article is serialised on its
    way to the store, and its claims make a record of thousands of small objects."""
    fields = getattr(value, "__dataclass_fields__", None)
    if fields is not None:
        return {name: _plain(getattr(value, name)) for name in fields}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    return value


#: Article fields that earlier versions kept under ``meta``: a record is read with
#: them in either place, and :meth:`Article.to_dict` mirrors them into ``meta`` so
#: readers of the old JSON shape (the store's SQL, JSON consumers) keep working.
LEGACY_META: tuple[str, ...] = (
    "datelines", "original_source", "outlet_from_footer", "language_score", "outlet_domain", "outlet_domain_via",
)


def content_hash(text: str) -> str:
    """A hash of the text that ignores whitespace and case, so re-wrapped copies match."""
    normal = " ".join(text.lower().split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:32]


def article_id_for(url: str | None, text: str) -> str:
    """The stable id of an article: from its canonical URL when it has one, else its content.

    >>> article_id_for("https://harbor.example/a", "x") == article_id_for("https://harbor.example/a", "y")
    True
    """
    basis = f"url:{url}" if url else f"text:{content_hash(text)}"
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


@dataclass
class Article:
    """One news article and everything newstrail has learnt about it.

    Readers fill the metadata and ``text``; :func:`newstrail.clean.clean` moves
    cruft from ``text`` to ``removed``; stages fill their own fields and record
    their name in ``stages``. ``meta`` keeps whatever else the input carried
    (extra CSV columns, front-matter keys), so nothing the user gave is lost;
    what one stage passes to the next travels in typed fields, never in ``meta``.

    ``input_id`` is the id the input itself gave (a CSV ``id`` column); ``id``
    is that id while it is free, else one derived from the URL or content (see
    :func:`newstrail.engines.local.assign_ids`), so two inputs that both number
    their rows 1, 2, 3 keep every article.

    >>> a = Article.from_dict({"text": "x", "meta": {"original_source": "Bay Herald", "desk": "night"}})
    >>> a.original_source, a.meta
    ('Bay Herald', {'desk': 'night'})
    >>> a.to_dict()["meta"]
    {'desk': 'night', 'original_source': 'Bay Herald'}
    """

    text: str = ""
    id: str = ""
    url: str | None = None
    outlet: str | None = None
    domain: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    language: str | None = None
    links: list[Link] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    source: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    stages: list[str] = field(default_factory=list)
    # assigned by the per-article stages and corpus linking
    sentences: list[Span] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    rhetoric: list[Technique] = field(default_factory=list)
    story: str | None = None
    #: the id the input gave, when it gave one
    input_id: str | None = None
    #: assigned by the cleaner: ``{"outlet", "date"}`` of each dateline, the first names the publisher
    datelines: list[dict[str, str | None]] = field(default_factory=list)
    #: assigned by the cleaner: X in a footer "The original source of this article is X"
    original_source: str | None = None
    #: assigned by the cleaner: the outlet whose membership a footer sells
    outlet_from_footer: str | None = None
    #: assigned by the language stage: the detector's confidence in ``language``
    language_score: float | None = None
    #: assigned by the outlet stage: the outlet's current domain, and how it was found
    outlet_domain: str | None = None
    outlet_domain_via: str | None = None

    def __post_init__(self) -> None:
        # ``published`` holds only the stored form of core.dates (UTC ``...Z`` or a day),
        # however the article was made; a value that is no date is kept as given
        if self.published:
            self.published = normalise_date(self.published) or self.published

    def ensure_id(self) -> Article:
        """Give the article its stable id if the input did not name one."""
        if not self.id:
            self.id = article_id_for(self.url, self.text)
        return self

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)

    def snippet(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def to_dict(self, only: Collection[str] | None = None) -> dict[str, Any]:
        """A JSON-ready dict; :meth:`from_dict` reads it back unchanged. ``only``: just
        those fields (a CSV row's), without building the others (claims, sentences).

        >>> Article(text="x", id="a1", title="Pier 9").to_dict(only=("id", "title"))
        {'id': 'a1', 'title': 'Pier 9'}
        """
        if only is not None:
            data = {name: _plain(getattr(self, name)) for name in _FIELDS if name in only and name != "meta"}
        else:
            data = _plain(self)
        if only is None or "meta" in only:
            data["meta"] = self.meta_view()
        return data

    def to_json(self, *, text: bool = True) -> str:
        """:meth:`to_dict` as compact JSON text (without ``text`` when ``text`` is false: the
        store keeps it in its own column), encoded in one pass: orjson serialises the nested
        records itself, where building the dict and encoding it cost ten times as much.

        >>> Article(text="Pier 9 closed.", id="a1").to_json(text=False)[:22]
        '{"id":"a1","url":null,'
        """
        data = {name: getattr(self, name) for name in _FIELDS}
        data["meta"] = self.meta_view()
        if not text:
            del data["text"]
        try:
            return orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS).decode("utf-8")
        except (orjson.JSONEncodeError, UnicodeDecodeError):
            # what orjson refuses and json writes: an integer beyond 64 bits, a lone surrogate in meta
            plain = self.to_dict()
            if not text:
                del plain["text"]
            return json.dumps(plain, ensure_ascii=False)

    def meta_view(self) -> dict[str, Any]:
        """``meta`` with the :data:`LEGACY_META` fields that are set, as earlier versions showed it."""
        view = dict(self.meta)
        for name in LEGACY_META:
            value = getattr(self, name)
            if value not in (None, [], ""):
                view[name] = value
        return view

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        known = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["links"] = [Link(**{**ln, "span": Span(**ln["span"])}) for ln in data.get("links", [])]
        values["removed"] = [Removed(**r) for r in data.get("removed", [])]
        values["sentences"] = [Span(**sp) for sp in data.get("sentences", [])]
        values["attributions"] = [
            Attribution(**{**at, "span": Span(**at["span"]) if at.get("span") else None}) for at in data.get("attributions", [])
        ]
        values["quotes"] = [Quote(**{**q, "span": Span(**q["span"])}) for q in data.get("quotes", [])]
        values["claims"] = [_claim(c) for c in data.get("claims", [])]
        values["rhetoric"] = [Technique(**{**t, "span": Span(**t["span"])}) for t in data.get("rhetoric", [])]
        for name in ("authors", "stages"):
            values[name] = list(data.get(name, []))
        meta = dict(data.get("meta", {}))
        for name in LEGACY_META:
            legacy = meta.pop(name, None)
            if values.get(name) is None and legacy is not None:
                values[name] = legacy
        values["datelines"] = [dict(d) for d in values.get("datelines") or []]
        values["meta"] = meta
        return cls(**values)


#: the record's top-level fields, in their order
_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Article))


def _claim(data: dict[str, Any]) -> Claim:
    return Claim(
        **{
            **data,
            "span": Span(**data["span"]),
            "numbers": [Number(**{**n, "span": Span(**n["span"])}) for n in data.get("numbers", [])],
            "entities": [Entity(**{**e, "span": Span(**e["span"])}) for e in data.get("entities", [])],
            "matches": [FactCheckMatch(**m) for m in data.get("matches", [])],
        }
    )
