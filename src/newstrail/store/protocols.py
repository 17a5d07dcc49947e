"""The repositories every store backend implements, as Protocols a type checker follows.

A store is six small repositories and a transaction: ``store.articles``,
``store.text``, ``store.links``, ``store.factchecks``, ``store.ratings``, ``store.feeds``. They take
and return ids and the dataclasses of :mod:`newstrail.store.rows`; they hold no
domain logic (callers compute outlet keys, block hashes and verdicts) and read no
JSON paths: what a query filters on is a column or a side table written at put time.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from newstrail.core.article import Article, Passage
from newstrail.core.errors import BadRecord
from newstrail.store.rows import (
    Alias,
    ArticleMark,
    ArticleRef,
    ArticleRow,
    Cite,
    ClaimMatch,
    FeedState,
    FactCheckAt,
    FactCheckRow,
    Lead,
    ListedSite,
    OutletFacts,
    OutletName,
    RatingListInfo,
    RatingRow,
    ReusedPassage,
    SearchHit,
    SharedBlock,
    StoredLead,
    TranslatedSentence,
    StoryInfo,
    UrlLink,
)

if TYPE_CHECKING:
    import numpy


class Articles(Protocol):
    """Stored articles. An article is already stored (``EXISTS``) when its id matches, or
    its canonical URL matches, or it has no URL and its text hash matches."""

    def put_many(self, articles: Sequence[Article]) -> list[str]:
        """Store a batch atomically; ``ADDED`` or ``EXISTS`` per article."""

    def put(self, article: Article) -> str:
        """Store one article; ``ADDED`` or ``EXISTS``."""

    def update(self, article: Article) -> None:
        """Replace the stored record of an article already stored; raises NotFound otherwise."""

    def get(self, article_id: str) -> Article:
        """The article with this id; raises :class:`~newstrail.core.errors.NotFound`."""

    def get_many(self, ids: Sequence[str], without: Collection[str] = ()) -> list[Article]:
        """The stored ones of ``ids``, in that order; ``without``: record fields left at their
        empty default, not decoded (``claims``, ``rhetoric``: what linking never reads)."""

    def texts(self, ids: Sequence[str]) -> list[Article]:
        """The stored ones of ``ids``, in that order, with only their text, title, outlet,
        domain, URL and date (what comparing two texts reads; no record decoded)."""

    def languages(self, ids: Sequence[str]) -> dict[str, str | None]:
        """Article id -> its stored language (as given or detected), for the stored ones of ``ids``."""

    def find(self, id_or_url: str) -> Article:
        """The article with this id, canonical URL or unique id prefix (of 4+ characters); raises
        :class:`~newstrail.core.errors.AmbiguousKey` for a prefix several ids start with."""

    def listing(self, outlet: str | None = None, since: datetime | None = None, until: datetime | None = None,
                story: str | None = None, limit: int | None = None) -> list[ArticleRow]:
        """Stored articles, newest first, filtered by outlet (name or domain), publish window and story."""

    def iter_articles(self) -> Iterator[Article]:
        """Every stored article, oldest first."""

    def count(self) -> int:
        """How many articles are stored."""

    def refs(self, ids: Sequence[str]) -> dict[str, ArticleRef]:
        """Id -> reference (outlet, domain, url, published, story) of the stored ones of ``ids``."""

    def ids_for_urls(self, urls: Sequence[str]) -> dict[str, str]:
        """URL -> id of the stored articles at those URLs."""

    def outlet_names(self) -> list[OutletName]:
        """Distinct (outlet, domain) pairs of stored articles that name an outlet."""

    def of_outlets(self, outlets: Sequence[str], since: datetime | None = None, until: datetime | None = None, limit: int = 200) -> list[ArticleRef]:
        """The latest ``limit`` articles of these outlet names published in ``[since, until]`` (undated ones always qualify)."""

    def of_outlet(self, domains: Sequence[str] = (), names: Sequence[str] = (), hosts: Sequence[str] = (), latest: int | None = None) -> list[ArticleRef]:
        """One outlet's articles, oldest first: registered domain in ``domains``, name in ``names`` (articles
        without a domain only: a name can be shared or misread, a domain cannot), or URL on one of ``hosts``;
        with ``latest``, only the last that many stored."""

    def claim_matches(self, ids: Sequence[str]) -> list[ClaimMatch]:
        """Every fact-check match stored in these articles' claims."""


class TextIndex(Protocol):
    """Full-text search and the n-gram index corpus linking finds candidates with."""

    def search(self, query: str, limit: int = 10, phrase: bool = False) -> list[SearchHit]:
        """Full-text search over titles and texts, best first; ``query`` is words and "quoted phrases",
        never query syntax; ``phrase``: the whole query as one phrase."""

    def gram_postings(self, hashes: Iterable[int]) -> dict[int, list[str]]:
        """Indexed article ids per n-gram hash, stop hashes left out."""

    def gram_stops(self, hashes: Iterable[int]) -> set[int]:
        """Those of ``hashes`` on the stop list (in too many articles to be indexed)."""

    def add_grams(self, article_id: str, hashes: Iterable[int], known_df: Mapping[int, int], cap: int) -> None:
        """Index an article's sampled hashes; a hash already in ``cap`` articles becomes a stop hash."""


class Links(Protocol):
    """What corpus linking finds between articles: shared passages, credits, hyperlinks, stories, leads."""

    def unlinked_ids(self, limit: int = 1000) -> list[str]:
        """Stored articles that corpus linking has not seen yet, oldest first."""

    def unlinked_among(self, ids: Sequence[str]) -> list[str]:
        """The ones of ``ids`` that corpus linking has not seen yet."""

    def unlinked_count(self) -> int:
        """How many stored articles corpus linking has not seen yet."""

    def mark_linked(self, ids: Sequence[str]) -> None:
        """Record that linking has seen these articles."""

    def add_reuse(self, a_id: str, b_id: str, passages: Sequence[Passage]) -> None:
        """Keep the passages article ``a_id`` shares with ``b_id``."""

    def reuse_among(self, ids: Sequence[str]) -> list[ReusedPassage]:
        """Every stored passage between two of ``ids``."""

    def add_translation(self, sentences: Sequence[TranslatedSentence]) -> None:
        """Keep the aligned sentence pairs of a translation."""

    def translations_among(self, ids: Sequence[str]) -> list[TranslatedSentence]:
        """Every stored aligned sentence pair between two of ``ids``."""

    def add_cite(self, cite: Cite) -> None:
        """Keep (or replace) an article's credit of an outlet."""

    def cites_of(self, ids: Sequence[str]) -> list[Cite]:
        """The credits of these articles."""

    def unresolved_cites(self, outlet_keys: Sequence[str], since: datetime | None = None, until: datetime | None = None, limit: int = 50) -> list[Cite]:
        """Credits of these outlets with no source found yet, by articles published in ``[since, until]`` or undated."""

    def linking_to(self, urls: Sequence[str]) -> list[UrlLink]:
        """Stored articles that link to one of ``urls``."""

    def stories_of(self, ids: Sequence[str]) -> dict[str, str | None]:
        """Article id -> its story (None when not linked yet)."""

    def story_ids(self) -> list[str]:
        """Every story, oldest first."""

    def story_members(self, story: str) -> list[str]:
        """A story's article ids, by publication date."""

    def headlines(self, stories: Sequence[str]) -> dict[str, tuple[str, str | None]]:
        """Story id -> (article id, title) of its first published article (undated ones last)."""

    def stories(self, ids: Sequence[str]) -> dict[str, StoryInfo]:
        """Story id -> its info, for the known ones of ``ids``."""

    def assign_story(self, story: str, ids: Sequence[str], absorbed: Sequence[str] = ()) -> None:
        """Put ``ids`` and every member of the ``absorbed`` stories into ``story``."""

    def add_leads(self, leads: Sequence[Lead]) -> dict[str, int]:
        """Keep the lead vectors of stored articles; the storage order of each kept, by article id."""

    def leads_between(self, since: datetime, until: datetime, limit: int = 20000) -> list[Lead]:
        """Leads published in ``[since, until]``, newest first."""

    def leads_of(self, ids: Sequence[str]) -> dict[str, bytes]:
        """Article id -> lead vector bytes, for those of ``ids`` that have one."""

    def stored_leads_between(self, since: datetime, until: datetime) -> list[StoredLead]:
        """Every lead published in ``[since, until]``, with its article's language and storage order."""

    def stored_leads_of(self, ids: Sequence[str]) -> list[StoredLead]:
        """The leads of those of ``ids`` that have one, as :meth:`stored_leads_between` gives them."""

    def written_elsewhere(self) -> bool:
        """Whether another connection may have committed since the last call (True when the backend cannot tell)."""


class FactChecks(Protocol):
    """Imported fact-checks (ClaimReview) and their embeddings per model."""

    def put_many(self, rows: Sequence[FactCheckRow]) -> list[str | BadRecord]:
        """Store a batch in one transaction: ``ADDED``, ``EXISTS`` or a BadRecord each."""

    def count(self) -> int:
        """How many fact-checks are stored."""

    def state(self) -> tuple[int, int]:
        """A value that changes whenever fact-checks are added (for cached indexes)."""

    def iter_rows(self) -> Iterator[FactCheckRow]:
        """Every fact-check, in import order."""

    def get(self, factcheck_id: str) -> FactCheckRow:
        """The fact-check with this id; raises NotFound."""

    def at(self, urls: Sequence[str]) -> dict[str, list[FactCheckAt]]:
        """The fact-checks published at each of ``urls`` (a review's URL may add a ``#fragment``)."""

    def put_vectors(self, model: str, vectors: Mapping[str, numpy.ndarray]) -> None:
        """Store (or replace) the ``model`` embedding of each fact-check id."""

    def without_vectors(self, model: str) -> list[FactCheckRow]:
        """The fact-checks with no ``model`` vector yet, in import order."""

    def missing_vectors(self, model: str) -> int:
        """How many fact-checks have no ``model`` vector yet."""

    def vectors(self, model: str, ids: Sequence[str]) -> numpy.ndarray | None:
        """The ``model`` vectors of ``ids`` as one float32 matrix in that order; None if any is missing."""


class Ratings(Protocol):
    """Source-rating lists, outlet aliases and the outlet index (template blocks, cross-post lines)."""

    def put_list(self, meta: RatingListInfo, rows: Iterable[RatingRow]) -> int | None:
        """Store a list and its rows, replacing a list of that name; how many rows the replaced one had, or None."""

    def delete_list(self, name: str) -> int | None:
        """Remove a list; how many rows it had, or None if unknown."""

    def lists(self) -> list[RatingListInfo]:
        """Every imported list with its row count, by name."""

    def rows_for(self, hosts: Sequence[str] = (), domains: Sequence[str] = ()) -> list[RatingRow]:
        """Rows whose host is in ``hosts`` or whose registered domain is in ``domains``, by list then line."""

    def listed_sites(self) -> list[ListedSite]:
        """Every distinct site the rating lists name (what the outlet resolver reads)."""

    def put_aliases(self, rows: Iterable[Alias]) -> int:
        """Store aliases (a known alias is replaced); how many."""

    def aliases(self) -> list[Alias]:
        """Every alias, by domain then alias."""

    def index_outlets(self, facts: Sequence[OutletFacts]) -> None:
        """Keep the template blocks and cross-post lines of stored articles (once each)."""

    def unindexed_ids(self, limit: int = 1000) -> list[str]:
        """Stored articles whose outlet facts are not indexed yet, oldest first."""

    def blocks_shared(self, ids: Sequence[str]) -> list[SharedBlock]:
        """Template blocks these articles share with articles outside them."""

    def marks_of(self, ids: Sequence[str]) -> list[ArticleMark]:
        """The cross-post lines of these articles."""

    def marks_naming(self, keys: Sequence[str]) -> list[ArticleMark]:
        """Cross-post lines naming an outlet with one of these keys."""


class Feeds(Protocol):
    """The feeds ``newstrail watch`` polls: their validators and back-off, kept across restarts."""

    def get(self, url: str) -> FeedState | None:
        """The state of the feed at ``url``, or None when it was never polled."""

    def put(self, state: FeedState) -> None:
        """Keep (or replace) the state of a feed."""


class Store(Protocol):
    """A corpus: the six repositories, one transaction around them, and closing.

    ``transaction()`` is one atomic unit of writes; nested uses join the outer one.
    """

    location: str
    read_only: bool

    @property
    def articles(self) -> Articles: ...

    @property
    def text(self) -> TextIndex: ...

    @property
    def links(self) -> Links: ...

    @property
    def factchecks(self) -> FactChecks: ...

    @property
    def ratings(self) -> Ratings: ...

    @property
    def feeds(self) -> Feeds: ...

    def transaction(self) -> AbstractContextManager[None]:
        """One atomic unit of writes; nested uses join the outer one."""

    def close(self) -> None:
        """Release the store."""

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...
