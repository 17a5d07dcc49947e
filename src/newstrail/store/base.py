"""The one interface every store backend implements.

Stages never see a store; the pipeline hands them Articles and writes what they
return through this interface, so a PostgreSQL backend can sit beside SQLite
without touching them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from newstrail.core.article import Article, Passage

ADDED = "added"
EXISTS = "exists"


@dataclass
class SearchHit:
    id: str
    title: str | None
    snippet: str
    score: float


class Store(ABC):
    """A corpus of articles.

    ``put_many`` writes a batch in one transaction: either every new article of
    the batch is stored or none is. An article is already stored (``exists``) when
    its id matches, or its canonical URL matches, or it has no URL and its text
    hash matches; a syndicated copy under another URL is a new article.
    """

    location: str
    #: opened with ``read_only``: every write fails, so callers that can do without one skip it
    read_only: bool = False

    @abstractmethod
    def put_many(self, articles: Sequence[Article]) -> list[str]:
        """Store a batch atomically; returns ``ADDED`` or ``EXISTS`` per article."""

    @abstractmethod
    def update(self, article: Article) -> None:
        """Replace the stored record of an article that is already stored."""

    @abstractmethod
    def get(self, article_id: str) -> Article:
        """The article with this id; raises :class:`~newstrail.core.errors.NotFound`."""

    @abstractmethod
    def find(self, id_or_url: str) -> Article:
        """The article with this id, canonical URL or unique id prefix."""

    @abstractmethod
    def iter_articles(self) -> Iterator[Article]:
        """Every stored article, oldest first."""

    @abstractmethod
    def count(self) -> int: ...

    @abstractmethod
    def search(self, query: str, limit: int = 10) -> list[SearchHit]:
        """Full-text search over titles and texts, best first."""

    @abstractmethod
    def close(self) -> None: ...

    # corpus linking (see newstrail.corpus): the index, passages, citations, stories
    @abstractmethod
    def transaction(self):
        """Context manager: one atomic unit of writes; nested uses join the outer one."""

    @abstractmethod
    def get_many(self, ids: Sequence[str]) -> list[Article]: ...

    @abstractmethod
    def unlinked_ids(self, limit: int = 1000) -> list[str]:
        """Stored articles that corpus linking has not seen yet, oldest first."""

    @abstractmethod
    def mark_linked(self, ids: Sequence[str]) -> None: ...

    @abstractmethod
    def gram_postings(self, hashes: Iterable[int]) -> dict[int, list[str]]:
        """Indexed article ids per n-gram hash, stop hashes left out."""

    @abstractmethod
    def add_grams(self, article_id: str, hashes: Iterable[int], known_df: dict[int, int], cap: int) -> None: ...

    @abstractmethod
    def add_reuse(self, a_id: str, b_id: str, passages: Sequence[Passage]) -> None: ...

    @abstractmethod
    def reuse_among(self, ids: Sequence[str]) -> list[tuple[str, str, Passage]]: ...

    @abstractmethod
    def add_cite(self, article_id: str, outlet_key: str, source_id: str | None) -> None: ...

    @abstractmethod
    def cites_of(self, ids: Sequence[str]) -> list[tuple[str, str, str | None]]: ...

    @abstractmethod
    def unresolved_citers(self, outlet_keys: Sequence[str], since: datetime | None = None, until: datetime | None = None, limit: int = 50) -> list[tuple[str, str]]: ...

    @abstractmethod
    def outlet_names(self) -> list[tuple[str, str | None]]: ...

    @abstractmethod
    def articles_of(self, outlets: Sequence[str], since: datetime | None = None, until: datetime | None = None, limit: int = 200) -> list[tuple[str, str | None]]: ...

    @abstractmethod
    def ids_for_urls(self, urls: Sequence[str]) -> dict[str, str]: ...

    @abstractmethod
    def linking_to(self, urls: Sequence[str]) -> list[tuple[str, str]]: ...

    @abstractmethod
    def stories_of(self, ids: Sequence[str]) -> dict[str, str | None]: ...

    @abstractmethod
    def story_ids(self) -> list[str]: ...

    @abstractmethod
    def story_members(self, story: str) -> list[str]: ...

    @abstractmethod
    def story_info(self, story: str) -> tuple[str, str | None, str | None, int] | None: ...

    @abstractmethod
    def assign_story(self, story: str, ids: Sequence[str], absorbed: Sequence[str] = ()) -> None: ...

    @abstractmethod
    def add_leads(self, leads: Sequence[tuple[str, str | None, bytes]]) -> None:
        """Keep (article id, published, vector bytes) of articles' leads (``published`` in any
        form :func:`~newstrail.core.dates.parse_date` reads; kept as its UTC instant)."""

    @abstractmethod
    def leads_between(self, since: datetime, until: datetime, limit: int = 20000) -> list[tuple[str, bytes, str]]:
        """(article id, vector bytes, published UTC instant) of the leads published in ``[since, until]``, newest first."""

    @abstractmethod
    def leads_of(self, ids: Sequence[str]) -> dict[str, bytes]:
        """Article id -> lead vector bytes, for those of ``ids`` that have one."""

    # imported fact-checks (see newstrail.factchecks)
    @abstractmethod
    def put_factchecks(self, records: Sequence) -> list:
        """Store FactCheck records in one transaction: ``ADDED``, ``EXISTS`` or a BadRecord each."""

    @abstractmethod
    def factcheck_count(self) -> int: ...

    @abstractmethod
    def factchecks_at(self, urls: Sequence[str]) -> dict[str, list[dict]]:
        """The imported fact-checks published at each of ``urls``: the articles that are fact-checks."""

    @abstractmethod
    def factcheck_state(self) -> tuple[int, int]:
        """A value that changes whenever fact-checks are added (for cached indexes)."""

    @abstractmethod
    def iter_factchecks(self) -> Iterator:
        """Every imported FactCheck, in import order."""

    @abstractmethod
    def get_factcheck(self, factcheck_id: str):
        """The FactCheck with this id; raises :class:`~newstrail.core.errors.NotFound`."""

    @abstractmethod
    def put_factcheck_vectors(self, model: str, vectors: dict) -> None:
        """Store the ``model`` embedding (a numpy vector) of each fact-check id."""

    @abstractmethod
    def factchecks_without_vectors(self, model: str) -> list[tuple[str, str]]:
        """(id, text) of the fact-checks without a ``model`` vector yet."""

    @abstractmethod
    def factcheck_vectors(self, model: str, ids: Sequence[str]):
        """The ``model`` vectors of ``ids`` as one float32 matrix, or None if any is missing."""

    # source-rating lists, outlet aliases and the outlet index (see newstrail.outlets;
    # the SQLite versions document each in store/sqlite_ratings.py)
    @abstractmethod
    def put_rating_list(self, meta: dict, rows: Iterable[dict]) -> int | None: ...

    @abstractmethod
    def delete_rating_list(self, name: str) -> int | None: ...

    @abstractmethod
    def rating_lists(self) -> list[dict]: ...

    @abstractmethod
    def ratings_for(self, hosts: Sequence[str] = (), domains: Sequence[str] = ()) -> list[dict]: ...

    @abstractmethod
    def listed_sites(self) -> list[tuple[str | None, str, str, str, str | None, str | None]]:
        """(name, host, domain, section, stem, name key) of every distinct site the rating lists name."""

    @abstractmethod
    def put_aliases(self, rows: Iterable[dict]) -> int: ...

    @abstractmethod
    def aliases(self) -> list[dict]: ...

    @abstractmethod
    def outlet_articles(self, domains: Sequence[str] = (), names: Sequence[str] = (), hosts: Sequence[str] = ()) -> list[dict]: ...

    @abstractmethod
    def article_outlets(self, rowids: Sequence[int]) -> dict[int, tuple[str | None, str | None]]: ...

    @abstractmethod
    def story_sizes(self, stories: Sequence[str]) -> dict[str, int]: ...

    @abstractmethod
    def claim_match_ratings(self, rowids: Sequence[int]) -> list[tuple]: ...

    @abstractmethod
    def refresh_outlet_index(self, batch: int = 2000) -> int: ...

    @abstractmethod
    def blocks_shared(self, rowids: Sequence[int]) -> list[tuple[int, int, str, str]]: ...

    @abstractmethod
    def marks_of(self, rowids: Sequence[int]) -> list[tuple[int, str, str]]: ...

    @abstractmethod
    def marks_naming(self, keys: Sequence[str]) -> list[tuple[int, str, str]]: ...

    def put(self, article: Article) -> str:
        return self.put_many([article])[0]

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
