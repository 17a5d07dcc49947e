"""The n-gram index's postings, held in memory for a linking run.

Linking looks up every sampled n-gram of an article in the store's index
(:meth:`~newstrail.store.protocols.TextIndex.gram_postings`) to find the articles that
share it. An n-gram's list grows with the corpus (up to ``df_cap``, when it becomes a
stop hash), so reading and rebuilding those lists per article cost more the larger the
corpus, though the article before asked for most of the same n-grams (copies of one
story share them). So the lists are held here for the run: an n-gram is read from the
store the first time a batch asks for it, and the run's own additions are added to what
is held as the store adds them (stop hashes included), so what :meth:`GramIndex.postings`
gives is what the store would give. What is held is dropped whenever another connection
may have written (:class:`~newstrail.corpus.staleness.StoreWrites`: on PostgreSQL, every
batch, which reads the store as before), and the oldest half when it outgrows
:attr:`GramIndex.held_size` n-grams: memory follows the recent articles, not the corpus.

>>> import tempfile, os
>>> from newstrail.core.article import Article
>>> from newstrail.store import open_store
>>> store = open_store(os.path.join(tempfile.mkdtemp(), "g.db"))
>>> _ = store.articles.put(Article(id="a1", text="The pier closed."))
>>> index = GramIndex(store, df_cap=40)
>>> index.postings([7, 9])
{}
>>> index.add("a1", [7, 9], {7: 0, 9: 0})
>>> index.done()
>>> index.postings([7]) == store.text.gram_postings([7]) == {7: ["a1"]}
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import islice

from newstrail.corpus.staleness import StoreWrites
from newstrail.store import Store

__all__ = ["GramIndex"]

#: what an n-gram on the stop list holds (the store gives no postings for it)
_STOP = None
#: what an n-gram no article holds yet holds (most of a new article's)
_NONE: tuple[()] = ()


class GramIndex:
    """The store's n-gram postings as a linking run reads and adds them (see the module)."""

    #: n-grams held at most (some 110 are sampled an article): the oldest half goes beyond it
    held_size = 500_000

    def __init__(self, store: Store, df_cap: int, writes: StoreWrites | None = None) -> None:
        self.store = store
        self.df_cap = df_cap
        self.writes = writes or StoreWrites(store)
        self._seen = -1
        self._stale_calls = 0  # calls in a row that found the held postings stale
        # hash -> its articles ((): none, one object for all), or _STOP; the first read first
        self._held: dict[int, list[str] | tuple[()] | None] = {}
        # what the batch added, applied once it is done: a batch's postings stay as the store
        # gave them at its start (the linker counts the batch's own articles apart)
        self._added: list[tuple[str, Sequence[int], Mapping[int, int]]] = []

    def postings(self, hashes: Iterable[int]) -> dict[int, Sequence[str]]:
        """Indexed article ids per hash, stop hashes left out: as
        :meth:`~newstrail.store.protocols.TextIndex.gram_postings` gives them."""
        seen = self.writes.seen()
        wanted = {int(h) for h in hashes}
        if seen != self._seen:
            self._seen = seen
            self._held.clear()
            self._stale_calls += 1
            if self._stale_calls > 1:
                # another writer at every call (PostgreSQL cannot tell): holding buys nothing,
                # so read as the store gives, without the stop list's extra query
                given: dict[int, Sequence[str]] = {h: ids for h, ids in self.store.text.gram_postings(sorted(wanted)).items() if ids}
                return given
        else:
            self._stale_calls = 0
        missing = [h for h in wanted if h not in self._held]
        if missing:
            read = self.store.text.gram_postings(missing)
            # an n-gram without postings may be on the stop list: only then is it not held empty
            stops = self.store.text.gram_stops([h for h in missing if h not in read])
            for h in missing:
                self._held[h] = read.get(h) or (_STOP if h in stops else _NONE)
        answer: dict[int, Sequence[str]] = {h: found for h in wanted if (found := self._held.get(h))}
        if len(self._held) > self.held_size:
            # cut after answering: a hash asked for now may be among the oldest half
            self._held = dict(islice(self._held.items(), len(self._held) // 2, None))
        return answer

    def add(self, article_id: str, hashes: Sequence[int], known_df: Mapping[int, int]) -> None:
        """Index an article's sampled hashes in the store (see
        :meth:`~newstrail.store.protocols.TextIndex.add_grams`); held once the batch is :meth:`done`."""
        self.store.text.add_grams(article_id, hashes, known_df, self.df_cap)
        self._added.append((article_id, hashes, known_df))

    def done(self) -> None:
        """Hold what the batch added, as the store now holds it."""
        for article_id, hashes, known_df in self._added:
            for h in hashes:
                if h not in self._held or (held := self._held[h]) is _STOP:
                    continue  # not held (read when next asked for), or a stop hash whatever is added
                if known_df.get(h, 0) >= self.df_cap:
                    self._held[h] = _STOP
                elif isinstance(held, list):
                    held.append(article_id)
                else:
                    self._held[h] = [article_id]
        self._added.clear()
