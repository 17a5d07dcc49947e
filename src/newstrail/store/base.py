"""The one interface every store backend implements.

Stages never see a store; the pipeline hands them Articles and writes what they
return through this interface, so a PostgreSQL backend can sit beside SQLite
without touching them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..article import Article

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

    @abstractmethod
    def put_many(self, articles: Sequence[Article]) -> list[str]:
        """Store a batch atomically; returns ``ADDED`` or ``EXISTS`` per article."""

    @abstractmethod
    def update(self, article: Article) -> None:
        """Replace the stored record of an article that is already stored."""

    @abstractmethod
    def get(self, article_id: str) -> Article:
        """The article with this id; raises :class:`~newstrail.errors.NotFound`."""

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

    def put(self, article: Article) -> str:
        return self.put_many([article])[0]

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
