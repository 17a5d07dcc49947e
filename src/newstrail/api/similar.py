"""The facade over stored claims by similarity: which claims of the corpus say something close to a text.

>>> import tempfile, os
>>> from newstrail.api import Settings, analyze
>>> folder = tempfile.mkdtemp()
>>> path = os.path.join(folder, "a.txt")
>>> _ = open(path, "w").write("Pier 9 Closes\\n\\nThe harbor council voted 7 to 2 on Monday to close Pier 9 after 40 pilings rotted.")
>>> settings = Settings(db=os.path.join(folder, "t.db"), detect_language=False)
>>> _ = list(analyze([path], settings))
>>> [c.text[:27] for c in similar_claims(settings, "council closes the pier")]
['The harbor council voted 7 ']
"""

from __future__ import annotations

import threading

from newstrail.api.session import StoreLike, opened
from newstrail.corpus.claim_search import ClaimIndex, SimilarClaim


class ClaimSearch:
    """Stored claims by similarity, over an index kept between queries and rebuilt when the
    store's article count changes (a long-running process, such as the web app, keeps one)."""

    def __init__(self, where: StoreLike) -> None:
        self.where = where
        self._index: ClaimIndex | None = None
        self._lock = threading.Lock()  # one rebuild at a time when requests come in parallel

    def nearest(self, text: str, limit: int = 10) -> list[SimilarClaim]:
        """The stored check-worthy claims nearest ``text``, nearest first."""
        with self._lock, opened(self.where) as store:
            if self._index is None or self._index.articles != store.articles.count():
                self._index = ClaimIndex.build(store)
            index = self._index
        return index.nearest(text, limit)


def similar_claims(where: StoreLike, text: str, limit: int = 10) -> list[SimilarClaim]:
    """The stored check-worthy claims nearest ``text``, nearest first (builds the index each call:
    keep a :class:`ClaimSearch` to query many times)."""
    return ClaimSearch(where).nearest(text, limit)
