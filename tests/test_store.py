"""The store on both backends (SQLite, PostgreSQL): round trips, identity, atomic batches,
migrations, search; then what only a SQLite file has."""

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from newstrail import Article, Link, NotFound, Removed, Span, StoreError, open_store
from newstrail.store import ADDED, EXISTS
from newstrail.store.sqlite import MIGRATIONS
from newstrail.store.sqlite_db import store_fault

words = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)


@st.composite
def articles(draw):
    text = draw(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=400))
    links = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        links.append(Link(Span(start, end), url=draw(st.sampled_from(["https://bay.example/a", "https://lantern.example/b?x=1"])), domain="bay.example", anchor=text[start:end]))
    return Article(
        text=text,
        url=draw(st.one_of(st.none(), st.builds(lambda n: f"https://lantern.example/story/{n}", st.integers(0, 10**9)))),
        outlet=draw(st.one_of(st.none(), words)),
        title=draw(st.one_of(st.none(), words)),
        authors=draw(st.lists(words, max_size=3)),
        published=draw(st.one_of(st.none(), st.just("2025-03-06"), st.just("2025-03-06T08:15:00+00:00"))),
        language=draw(st.sampled_from([None, "en", "es"])),
        links=links,
        removed=draw(st.lists(st.builds(Removed, kind=st.sampled_from(["badge", "share"]), text=words, position=st.integers(0, 100)), max_size=2)),
        source=draw(words),
        meta=draw(st.dictionaries(st.text(min_size=1, max_size=10), st.one_of(st.integers(), words, st.lists(st.integers(), max_size=3)), max_size=3)),
    ).ensure_id()


@pytest.fixture
def store(store_location):
    """This module's stores: one of each backend (the suite's ``store`` is SQLite only)."""
    with open_store(store_location) as opened:
        yield opened


@hsettings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(article=articles())
def test_article_store_article_round_trip(store_location, article):
    with open_store(store_location) as store:
        for table in ("claim_matches", "links", "articles"):  # one store for every example: emptied first
            store.db.execute(f"DELETE FROM {table}")
        assert store.articles.put(article) == ADDED
    with open_store(store_location) as store:  # a new connection reads what was committed
        assert store.articles.get(article.id) == article


def _art(n, url=True, text=None):
    return Article(
        text=text or f"The Porthaven ferry number {n} ran late on Tuesday because of fog in the strait.",
        url=f"https://lantern.example/ferry/{n}" if url else None,
        title=f"Ferry {n} late",
    ).ensure_id()


def test_a_nul_character_round_trips(store):
    article = Article(text="The pier\x00 closed at dawn.", title="Pier\x00 9", url="https://lantern.example/nul").ensure_id()
    assert store.articles.put(article) == ADDED
    assert store.articles.get(article.id) == article
    assert [h.id for h in store.text.search("dawn")] == [article.id]


def test_same_article_twice_is_stored_once(store):
    assert store.articles.put_many([_art(1), _art(2)]) == [ADDED, ADDED]
    assert store.articles.put_many([_art(1), _art(3)]) == [EXISTS, ADDED]
    assert store.articles.count() == 3


def test_same_url_different_id_is_the_same_article(store):
    first = _art(1)
    again = _art(1)
    again.id = "custom-id"
    store.articles.put(first)
    assert store.articles.put(again) == EXISTS


def test_syndicated_copy_under_another_url_is_kept(store):
    text = "PORTHAVEN (Meridian Wire) - The port authority raised mooring fees by 12 percent on Friday."
    store.articles.put(_art(1, text=text))
    assert store.articles.put(_art(2, text=text)) == ADDED


def test_urlless_copies_deduplicate_by_text(store):
    assert store.articles.put(_art(1, url=False)) == ADDED
    twin = _art(1, url=False)
    twin.id = "other"
    twin.text = "  " + twin.text.upper() + "\n"  # re-wrapped, re-cased: the same text
    assert store.articles.put(twin) == EXISTS


class ExplodingArticle(Article):
    def to_json(self, *, text=True):  # what the store serialises a record with
        raise RuntimeError("disk on fire")


def test_a_failing_batch_leaves_nothing_half_written(store):
    store.articles.put(_art(0))
    bad = ExplodingArticle(text="x", url="https://lantern.example/bad").ensure_id()
    with pytest.raises(RuntimeError):
        store.articles.put_many([_art(1), _art(2), bad, _art(3)])
    assert store.articles.count() == 1
    links = store.db.execute("SELECT count(*) FROM links").fetchone()[0]
    assert links == 0
    assert store.articles.put_many([_art(1), _art(2), _art(3)]) == [ADDED] * 3


def test_find_by_id_url_and_prefix(store):
    article = _art(7)
    store.articles.put(article)
    assert store.articles.find(article.id).id == article.id
    assert store.articles.find("HTTPS://www.lantern.example/ferry/7/?utm_source=feed").id == article.id
    assert store.articles.find(article.id[:6]).id == article.id
    with pytest.raises(NotFound, match="no stored article"):
        store.articles.find("https://lantern.example/ferry/8")


def test_update_replaces_record_and_links(store):
    article = _art(5)
    article.links = [Link(Span(4, 13), "https://bay.example/x", "bay.example", "Porthaven")]
    store.articles.put(article)
    article.title = "Ferry 5 cancelled"
    article.links = []
    store.articles.update(article)
    assert store.articles.get(article.id).title == "Ferry 5 cancelled"
    assert store.db.execute("SELECT count(*) FROM links").fetchone()[0] == 0
    assert store.text.search("cancelled")[0].id == article.id


def test_full_text_search(store):
    store.articles.put_many([_art(1), _art(2, text="The lighthouse keeper retired after forty winters on Gull Rock.")])
    hits = store.text.search("lighthouse keeper")
    assert [h.id for h in hits] == [_art(2).id]
    assert "[lighthouse]" in hits[0].snippet
    assert store.text.search('fog" OR "x') == []  # user text is never FTS syntax


def test_schema_is_versioned(store_location):
    with open_store(store_location) as store:  # both backends count the same migrations
        assert store.schema_version == len(MIGRATIONS)
    with open_store(store_location) as store:  # reopening migrates nothing twice
        assert store.schema_version == len(MIGRATIONS)


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.db"
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    con.close()
    with pytest.raises(StoreError, match="upgrade newstrail"):
        open_store(str(path))


def test_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        open_store(str(path))


def test_a_failed_read_outside_a_with_block_is_a_store_error(tmp_path):
    # the store is used without `with`, as a library caller may; the fault must still
    # come as a StoreError naming the file, not as a bare sqlite3 error
    path = tmp_path / "c.db"
    store = open_store(str(path))
    try:
        store.db.execute("ALTER TABLE articles RENAME TO articles_gone")
        with pytest.raises(StoreError, match=str(path)) as caught:
            store.articles.count()
        assert isinstance(caught.value.__cause__, sqlite3.Error)
    finally:
        store.close()


def test_a_locked_store_says_how_to_wait_longer():
    message = str(store_fault(sqlite3.OperationalError("database is locked"), "c.db", 5))
    assert message.startswith("c.db: the store is locked: another process is writing to it and held the write lock past 5 s")
    assert "--set store.busy_timeout=120" in message
