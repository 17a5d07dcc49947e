"""The leads linking holds in memory (LeadWindow) answer as the store does, and see what
another connection writes to the same SQLite file."""

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from newstrail.core.article import Article
from newstrail.corpus import leads
from newstrail.corpus.leads import LeadWindow
from newstrail.store import open_store
from newstrail.store.rows import Lead

START = datetime(2025, 3, 4, tzinfo=UTC)


def _vector(seed: int) -> bytes:
    return np.random.default_rng(seed).standard_normal(8).astype(np.float16).tobytes()


def _put(store, n: int, published: str, language: str = "en") -> None:
    store.articles.put(Article(text=f"Crane {n} at Pier 9 fell into the harbour, the port said.", id=f"a{n}", outlet="Harbor Gazette",
                               url=f"https://harbor-gazette.example/{n}", published=published, language=language))
    store.links.add_leads([Lead(f"a{n}", published, _vector(n))])


def _held(window: LeadWindow, since: datetime, until: datetime) -> list[str]:
    """The window's leads in the order it ranks them (newest first, then the last stored)."""
    rows = [(key, day.ids[r]) for day, mask in window.select(since, until)
            for r, key in zip(np.nonzero(mask)[0].tolist(), LeadWindow.order(day, np.nonzero(mask)[0].tolist()), strict=True)]
    return [i for _, i in sorted(rows)]


@pytest.fixture
def store(tmp_path):
    with open_store(str(tmp_path / "w.db")) as opened:
        yield opened


def test_window_holds_what_the_store_reads_in_its_order(store):
    # three days, two articles at one instant (the last stored ranks first), one a minute past midnight
    times = ["2025-03-04T08:00:00Z", "2025-03-05T12:00:00Z", "2025-03-05T12:00:00Z", "2025-03-06T00:01:00Z", "2025-03-09T10:00:00Z"]
    for n, published in enumerate(times):
        _put(store, n, published, language="de" if n == 2 else "en")
    window = LeadWindow(store)
    for since, until in [(START, START + timedelta(days=2)), (START + timedelta(hours=9), START + timedelta(days=2, minutes=1)),
                         (START, START + timedelta(days=6))]:
        assert _held(window, since, until) == [lead.article for lead in store.links.leads_between(since, until)]
    day = next(d for d, _ in window.select(START + timedelta(days=1), START + timedelta(days=1, hours=23)) if "a2" in d.ids)
    assert [day.ids[r] for r in day.languages["de"]] == ["a2"]
    vectors = {d.ids[r]: d.vectors[r] for d, mask in window.select(START, START + timedelta(days=6)) for r in range(d.n)}
    assert np.array_equal(vectors["a3"], np.frombuffer(_vector(3), dtype=np.float16).astype(np.float32))


def test_window_keeps_the_newest_as_the_store_limits(store, monkeypatch):
    for n in range(5):
        _put(store, n, f"2025-03-0{4 + n % 2}T0{n}:00:00Z")
    monkeypatch.setattr(leads, "WINDOW_LIMIT", 3)
    since, until = START, START + timedelta(days=3)
    assert _held(LeadWindow(store), since, until) == [lead.article for lead in store.links.leads_between(since, until, limit=3)]


def test_window_sees_leads_another_connection_stored(store, tmp_path):
    _put(store, 1, "2025-03-04T08:00:00Z")
    window = LeadWindow(store)
    since, until = START, START + timedelta(days=1)
    assert _held(window, since, until) == ["a1"]
    with open_store(str(tmp_path / "w.db")) as other:
        _put(other, 2, "2025-03-04T09:00:00Z")
    assert _held(window, since, until) == ["a2", "a1"]


def test_window_holds_the_leads_a_run_adds(store):
    _put(store, 1, "2025-03-04T08:00:00Z")
    window = LeadWindow(store)
    since, until = START, START + timedelta(days=1)
    assert _held(window, since, until) == ["a1"]
    _put(store, 2, "2025-03-04T09:00:00Z")  # this connection: held only once added
    window.add(store.links.stored_leads_of(["a2"]))
    assert _held(window, since, until) == ["a2", "a1"]
    window.add(store.links.stored_leads_of(["a1"]))  # a lead added again is read anew, not held twice
    assert _held(window, since, until) == ["a2", "a1"]


def test_closest_leads_are_those_a_full_ranking_puts_first():
    """Ranking only the rows that may be among the closest few gives the closest few that
    ranking every row above the floor gives, ties (copies of one lead) included."""
    rng = np.random.default_rng(3)
    for _ in range(50):
        days = []
        for _ in range(rng.integers(1, 4)):
            n = int(rng.integers(0, 30))
            day = leads._Day()
            day.ids = [f"d{len(days)}-{r}" for r in range(n)]
            day.seconds, day.stored = rng.integers(0, 5, n), rng.integers(0, 1000, n)
            row = rng.choice(np.array([0.5, 0.7, 0.8, 0.95, 1.0], dtype=np.float32), n)  # many ties
            days.append((day, row, rng.random(n) < 0.8))

        def ranked(rows_of):
            close = [(row[r], key, day.ids[r]) for day, row, rows in rows_of for r, key in zip(rows, LeadWindow.order(day, rows), strict=True)]
            return sorted(close, key=lambda c: (-c[0], c[1]))[:6]

        every = [(day, row, np.nonzero(mask & (row >= 0.7))[0].tolist()) for day, row, mask in days]
        assert ranked(leads._closest(days, 0.7, 6)) == ranked(every)
