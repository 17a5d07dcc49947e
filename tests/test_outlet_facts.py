"""The outlet index is written when articles are stored, not when a profile is read."""

import dataclasses
import json

from newstrail import analyze, open_store
from newstrail.analyze.outlet_facts import index_pending, outlet_facts
from newstrail.core.article import Article, Removed

BLOCK = "Become a member of the Tidewater network and keep local news free"


def _records() -> list[dict]:
    text = "The Gull Rock ferry resumed on Friday after divers lifted the wreck of the Pier 9 crane from the channel."
    return [
        {"id": "tb-1", "url": "https://tidewaterbulletin.example/ferry", "outlet": "Tidewater Bulletin", "title": "Ferry back",
         "text": text + "\n\n" + BLOCK, "published": "2025-03-07"},
        {"id": "mc-1", "url": "https://marshcourier.example/ferry", "outlet": "Marsh Courier", "title": "Ferry resumes",
         "text": "Marsh Courier staff. " + text + "\n\n" + BLOCK, "published": "2025-03-08"},
    ]


def test_analyze_indexes_outlet_facts_even_without_linking(settings, tmp_path):
    path = tmp_path / "two.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in _records()) + "\n")
    unlinked = dataclasses.replace(settings, link=False)
    with open_store(settings.db) as store:
        assert [o.status for o in analyze([str(path)], unlinked, store)] == ["added", "added"]
        assert store.links.unlinked_ids() == ["tb-1", "mc-1"]  # not linked ...
        assert store.ratings.unindexed_ids() == []  # ... but indexed when stored
        assert all(outlet_facts(a).blocks for a in store.articles.iter_articles())  # the cleaner removed the appeal
        assert [(b.own, b.other, b.kind) for b in store.ratings.blocks_shared(["tb-1"])] == [("tb-1", "mc-1", "membership")]


def test_articles_stored_directly_are_indexed_by_the_next_writer(store):
    removed = [Removed(kind="badge", text="Checked every week by the Bay Courier reader panel")]
    store.articles.put_many([Article(text="One.", id="a", outlet="Bay Courier", removed=removed, original_source="Lantern Daily"),
                             Article(text="Two.", id="b", outlet="Harbor Gazette", removed=removed)])
    assert store.ratings.unindexed_ids() == ["a", "b"]
    assert index_pending(store) == 2 and index_pending(store) == 0
    assert [(b.own, b.other, b.kind) for b in store.ratings.blocks_shared(["a"])] == [("a", "b", "badge")]
    assert [(m.article, m.name) for m in store.ratings.marks_of(["a", "b"])] == [("a", "Lantern Daily")]
