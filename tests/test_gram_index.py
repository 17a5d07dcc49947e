"""The n-gram postings linking holds in memory (GramIndex) answer as the store's index does,
stop hashes included, and see what another connection writes to the same SQLite file; the
leads a linking run holds without reading them back are those the store gives back."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from newstrail.core.article import Article
from newstrail.corpus.gram_index import GramIndex
from newstrail.corpus.leads import LeadWindow, SameEvent
from newstrail.corpus.staleness import StoreWrites
from newstrail.store import open_store

CAP = 3


def _put(store, n: int) -> str:
    store.articles.put(Article(id=f"a{n}", text=f"The ferry Marrow Star {n} sailed late from Quell harbour.", outlet="Quell Courier",
                               url=f"https://quell-courier.example/{n}", published=f"2025-05-0{1 + n % 5}T0{n % 10}:00:00Z", language="en"))
    return f"a{n}"


def _as_store(index: GramIndex, store, hashes) -> None:
    held = {h: sorted(ids) for h, ids in index.postings(hashes).items()}
    assert held == {h: sorted(ids) for h, ids in store.text.gram_postings(hashes).items()}


@pytest.fixture
def store(tmp_path):
    with open_store(str(tmp_path / "g.db")) as opened:
        yield opened


def test_held_postings_are_the_stores_as_articles_are_added(store):
    """Articles added one batch at a time, each with hashes from a small pool (so some pass
    the cap and become stop hashes, and others are added to again), as linking adds them."""
    rng = random.Random(5)
    index = GramIndex(store, df_cap=CAP)
    pool = list(range(1, 13))
    stopped = False
    for n in range(12):
        hashes = sorted(rng.sample(pool, 4))
        _as_store(index, store, pool)
        postings = index.postings(hashes)
        df = {h: len(postings.get(h, ())) for h in hashes}
        stopped |= any(d >= CAP for d in df.values())
        index.add(_put(store, n), hashes, df)
        index.done()
    _as_store(index, store, pool)
    assert stopped and store.text.gram_stops(pool), "the pool is small enough for some hashes to be stopped"
    assert index.postings(pool), "and some to hold postings"


def test_held_postings_outgrowing_the_cap_still_answer_as_the_store(store):
    """Beyond ``held_size`` the oldest half goes, but only after the call that grew it
    has been answered: a hash it asked for may be among the oldest."""
    rng = random.Random(11)
    index = GramIndex(store, df_cap=50)
    index.held_size = 6
    pool = list(range(1, 40))
    for n in range(15):
        hashes = sorted(set(rng.sample(pool[2:], 5)) | {1, 2})  # 1 and 2: held first, so the oldest
        _as_store(index, store, hashes)
        postings = index.postings(hashes)
        index.add(_put(store, n), hashes, {h: len(postings.get(h, ())) for h in hashes})
        index.done()
    assert len(index._held) <= 2 * index.held_size and index.postings([1, 2])


def test_a_stop_hash_read_from_the_store_stays_stopped(store):
    for n in range(CAP + 1):
        store.text.add_grams(_put(store, n), [42], {42: n}, CAP)
    assert store.text.gram_stops([42, 43]) == {42}
    index = GramIndex(store, df_cap=CAP)
    assert index.postings([42]) == {}
    index.add(_put(store, 9), [42], {42: 0})  # a stop hash's df reads 0, as the store gives it no postings
    index.done()
    _as_store(index, store, [42])


def test_held_postings_see_what_another_connection_indexed(store, tmp_path):
    writes = StoreWrites(store)
    index, window = GramIndex(store, df_cap=CAP, writes=writes), LeadWindow(store, writes)
    index.add(_put(store, 1), [7], {7: 0})
    index.done()
    assert index.postings([7]) == {7: ["a1"]}
    day = (datetime(2025, 5, 1, tzinfo=UTC), datetime(2025, 5, 6, tzinfo=UTC))
    assert window.select(*day) == []
    with open_store(str(tmp_path / "g.db")) as other:
        other.text.add_grams(_put(other, 2), [7], {7: 1}, CAP)
    # both holders drop what they hold, though the store says it once
    assert sorted(index.postings([7])[7]) == ["a1", "a2"]
    assert window.select(*day) == []  # (no lead stored: read again, still none)
    _as_store(index, store, [7])


def test_leads_held_after_linking_are_what_the_store_gives_back(store):
    ids = [_put(store, n) for n in range(4)]
    window = LeadWindow(store)
    days = (datetime(2025, 4, 20, tzinfo=UTC), datetime(2025, 5, 20, tzinfo=UTC))
    assert window.select(*days) == []  # the days held (empty) before linking: what linking adds is held, not read
    same = SameEvent(store, 0.93, 3, 4, lambda ids: {}, window=window)
    same.link(store.articles.get_many(ids))
    held = {day.ids[r]: (day.seconds[r], day.stored[r], lang, day.vectors[r].tobytes())
            for day in window._days.values() for lang, rows in day.languages.items() for r in rows}
    fresh = LeadWindow(store)
    fresh.select(*days)
    read = {day.ids[r]: (day.seconds[r], day.stored[r], lang, day.vectors[r].tobytes())
            for day in fresh._days.values() for lang, rows in day.languages.items() for r in rows}
    assert set(held) == set(ids) and held == read
