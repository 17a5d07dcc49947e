"""Opening a store file of every earlier schema version upgrades it, and every
repository reads its data; read-only opening migrates nothing and never writes.

The files in tests/data/stores were made by the version-5 code (see make_stores.py
there): v1.db has only the first migration applied, ..., v6.db the first six.
"""

import os
import shutil
import stat

import pytest

from newstrail.analyze.outlet_facts import index_pending
from newstrail.core.article import Article
from newstrail.core.errors import StoreError
from newstrail.store import open_store
from newstrail.store.sqlite import MIGRATIONS, SQLiteStore

STORES = os.path.join(os.path.dirname(__file__), "..", "data", "stores")
GAZETTE, LANTERN, COURIER = "https://harbor-gazette.example/crane", "https://lantern.example/crane-copy", "https://bay-courier.example/keeper"


def _copy(version: int, tmp_path) -> str:
    path = str(tmp_path / f"v{version}.db")
    shutil.copy(os.path.join(STORES, f"v{version}.db"), path)
    return path


#: every schema version released before this one (7 and 8 came together)
VERSIONS = range(1, 7)


def test_a_file_for_every_earlier_version():
    assert sorted(f for f in os.listdir(STORES) if f.endswith(".db")) == [f"v{v}.db" for v in VERSIONS]


@pytest.mark.parametrize("version", VERSIONS)
def test_upgrade_from_every_earlier_version(version, tmp_path):
    path = _copy(version, tmp_path)
    with SQLiteStore(path) as store:
        assert store.schema_version == len(MIGRATIONS)
        _reads_articles(store)
        if version >= 2:
            _reads_links(store)
        if version >= 3:
            _reads_factchecks(store)
        if version >= 4:
            _reads_ratings(store)
        _indexes_outlets(store, version)
    with SQLiteStore(path, read_only=True) as store:  # upgraded once: opens read-only from now on
        assert store.articles.count() == 3


def _reads_articles(store):
    ids = store.articles.ids_for_urls([GAZETTE, LANTERN, COURIER])
    assert store.articles.count() == 3 and len(ids) == 3
    gazette = store.articles.get(ids[GAZETTE])
    assert gazette.outlet == "Harbor Gazette" and gazette.removed[0].kind == "membership"
    # the claims' fact-check matches were copied out of the stored records
    [match] = store.articles.claim_matches(list(ids.values()))
    assert (match.article, match.claim, match.factcheck, match.rating, match.verdict) == (ids[GAZETTE], 0, "fc-crane", "False", "false")
    assert [h.id for h in store.text.search("lighthouse keeper")] == [ids[COURIER]]


def _reads_links(store):
    ids = store.articles.ids_for_urls([GAZETTE, LANTERN, COURIER])
    story = store.links.stories_of([ids[GAZETTE]])[ids[GAZETTE]]
    assert story and store.links.story_members(story) == [ids[GAZETTE], ids[LANTERN]]
    assert store.links.stories([story])[story].size == 2
    assert [(r.a, r.b) for r in store.links.reuse_among(list(ids.values()))] == [(ids[GAZETTE], ids[LANTERN])]
    assert store.links.unlinked_ids() == [ids[COURIER]]
    assert [link.article for link in store.links.linking_to([GAZETTE])] == [ids[LANTERN]]


def _reads_factchecks(store):
    [row] = list(store.factchecks.iter_rows())
    assert (row.id, row.verdict, row.record["claim"]) == ("fc-crane", "false", "The Pier 9 crane fell into the harbour.")
    assert store.factchecks.vectors("toy", ["fc-crane"]).shape == (1, 4)
    assert list(store.factchecks.at(["https://checkers.example/crane"])) == ["https://checkers.example/crane"]


def _reads_ratings(store):
    [info] = store.ratings.lists()
    assert (info.name, info.rows) == ("watch", 1)
    assert [r.fields for r in store.ratings.rows_for(hosts=["lantern.example"])] == [{"bias": "low"}]
    assert [a.text for a in store.ratings.aliases()] == ["LanternD"]


def _indexes_outlets(store, version):
    ids = store.articles.ids_for_urls([GAZETTE, LANTERN, COURIER])
    # articles the old incremental index had reached stay indexed; the rest wait for the next writer
    pending = [ids[COURIER]] if version >= 4 else [ids[GAZETTE], ids[LANTERN], ids[COURIER]]
    assert store.ratings.unindexed_ids() == pending
    assert index_pending(store) == len(pending)
    assert store.ratings.unindexed_ids() == []
    assert [(b.own, b.other, b.kind) for b in store.ratings.blocks_shared([ids[GAZETTE]])] == [(ids[GAZETTE], ids[LANTERN], "membership")]
    assert {(m.article, m.name) for m in store.ratings.marks_naming(["harbor gazette", "lantern daily"])} == {
        (ids[GAZETTE], "Lantern Daily"), (ids[LANTERN], "Harbor Gazette"), (ids[COURIER], "Lantern Daily")}


def test_read_only_open_refuses_an_old_schema_and_changes_nothing(tmp_path):
    path = _copy(2, tmp_path)
    with pytest.raises(StoreError, match="run a command that writes"):
        open_store(path, read_only=True)
    with SQLiteStore(path) as store:
        assert store.schema_version == len(MIGRATIONS)


def test_read_only_open_of_a_write_protected_file(tmp_path):
    path = _copy(VERSIONS[-1], tmp_path)
    open_store(path).close()  # upgraded
    os.chmod(path, stat.S_IRUSR | stat.S_IRGRP)
    try:
        with open_store(path, read_only=True) as store:
            assert store.articles.count() == 3
            assert store.read_only
            assert [h.id for h in store.text.search("crane")]  # reads work, the temp probe table too
            assert store.text.gram_postings([1, 2]) == {}
            with pytest.raises(StoreError, match="read-only"):
                store.articles.put(Article(text="A new story.", id="n1"))
    finally:
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)


def test_read_only_open_of_a_missing_file(tmp_path):
    with pytest.raises(StoreError, match="no store here"):
        open_store(str(tmp_path / "none.db"), read_only=True)
    assert not (tmp_path / "none.db").exists()
