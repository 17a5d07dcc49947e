"""Stored claims by similarity: the check-worthy claims of the corpus nearest a text.

The index holds every check-worthy claim of every stored article as a fast
(static) embedding, tens of thousands of sentences a second, so it is built in
one pass over the store and rebuilt when the store's article count changes.

>>> import tempfile, os
>>> from newstrail.store import open_store
>>> with open_store(os.path.join(tempfile.mkdtemp(), "t.db")) as store:
...     ClaimIndex.build(store).nearest("harbor pier closure")
[]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from newstrail.embeddings import get_embedder
from newstrail.store import Store


@dataclass(frozen=True)
class SimilarClaim:
    """A stored claim near the query: its article, the sentence, its offsets, its check-worthiness and the cosine."""

    article: str
    title: str | None
    outlet: str | None
    published: str | None
    text: str
    start: int
    end: int
    checkworthiness: float
    similarity: float


class ClaimIndex:
    """Every check-worthy claim of a store, embedded; :meth:`nearest` ranks them by cosine to a text."""

    def __init__(self, claims: list[SimilarClaim], vectors: np.ndarray, articles: int) -> None:
        self.claims, self.vectors, self.articles = claims, vectors, articles

    @classmethod
    def build(cls, store: Store) -> ClaimIndex:
        """Read and embed the check-worthy claims of every stored article."""
        claims = []
        for article in store.articles.iter_articles():
            for claim in article.claims:
                if claim.checkworthy:
                    claims.append(SimilarClaim(article.id, article.title, article.outlet, article.published,
                                               article.snippet(claim.span), claim.span.start, claim.span.end, claim.score, 0.0))
        vectors = get_embedder("fast").encode([c.text for c in claims]) if claims else np.zeros((0, 1), dtype=np.float32)
        return cls(claims, vectors, store.articles.count())

    def nearest(self, text: str, limit: int = 10, floor: float = 0.0) -> list[SimilarClaim]:
        """The ``limit`` claims nearest ``text`` with a cosine of at least ``floor``, nearest first."""
        if not self.claims or not text.strip():
            return []
        query = get_embedder("fast").encode([text])[0]
        sims = self.vectors @ query
        order = np.argsort(-sims, kind="stable")[:limit]
        return [_with(self.claims[i], float(sims[i])) for i in order if sims[i] >= floor]


def _with(claim: SimilarClaim, similarity: float) -> SimilarClaim:
    return SimilarClaim(**{**claim.__dict__, "similarity": round(similarity, 4)})
