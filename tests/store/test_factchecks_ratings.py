"""The FactChecks and Ratings repositories, written against the Protocols."""

import numpy as np
import pytest

from newstrail.core.article import Article
from newstrail.core.errors import BadRecord, NotFound
from newstrail.store import ADDED, EXISTS
from newstrail.store.rows import Alias, ArticleMark, Block, FactCheckAt, FactCheckRow, ListedSite, Mark, OutletFacts, RatingListInfo, RatingRow, SharedBlock


def _fc(fid: str, claim: str, url: str | None = None, key: str | None = None) -> FactCheckRow:
    return FactCheckRow(fid, key or f"k-{claim}", claim, "false", rating="False", url=url, publisher="Checkers", record={"claim": claim})


def test_factchecks(repo):
    rows = [_fc("w1", "The well is poisoned.", "https://checkers.example/well#1"), _fc("b1", "Velmora has two bridges.")]
    assert repo.factchecks.put_many(rows) == [ADDED, ADDED]
    again = repo.factchecks.put_many([rows[0], _fc("w1", "Another claim.")])
    assert again[0] == EXISTS and isinstance(again[1], BadRecord)
    assert repo.factchecks.count() == 2 and repo.factchecks.state() == (2, repo.factchecks.state()[1])
    assert [r.id for r in repo.factchecks.iter_rows()] == ["w1", "b1"]
    assert repo.factchecks.get("b1").record == {"claim": "Velmora has two bridges."}
    with pytest.raises(NotFound):
        repo.factchecks.get("nope")
    assert repo.factchecks.at(["https://checkers.example/well", "https://checkers.example/other"]) == {
        "https://checkers.example/well": [FactCheckAt("w1", "The well is poisoned.", "false", "False", "Checkers")]}
    repo.factchecks.put_vectors("m", {"w1": np.array([0.6, 0.8])})
    assert [r.id for r in repo.factchecks.without_vectors("m")] == ["b1"]
    assert repo.factchecks.vectors("m", ["w1", "b1"]) is None
    assert repo.factchecks.vectors("m", ["w1"])[0].tolist() == pytest.approx([0.6, 0.8], abs=1e-3)


def test_rating_lists_and_aliases(repo):
    row = RatingRow(host="lantern.example", domain="lantern.example", fields={"bias": "low"}, name="Lantern Daily", name_key="lantern daily", stem="lantern", line=2)
    assert repo.ratings.put_list(RatingListInfo("watch", date="2025-04-01", fields=("bias",)), [row]) is None
    assert repo.ratings.put_list(RatingListInfo("watch", date="2025-05-01", fields=("bias",)), [row]) == 1  # replaced, not doubled
    [info] = repo.ratings.lists()
    assert (info.name, info.date, info.fields, info.rows) == ("watch", "2025-05-01", ("bias",), 1)
    [found] = repo.ratings.rows_for(hosts=["lantern.example"])
    assert (found.list, found.date, found.fields, found.line) == ("watch", "2025-05-01", {"bias": "low"}, 2)
    assert repo.ratings.rows_for(domains=["lantern.example"]) == [found]
    assert repo.ratings.listed_sites() == [ListedSite("Lantern Daily", "lantern.example", "lantern.example", "", "lantern", "lantern daily")]
    assert repo.ratings.delete_list("watch") == 1 and repo.ratings.delete_list("watch") is None
    assert repo.ratings.put_aliases([Alias("lantern-old.example", "domain", "lantern-old.example", "lantern.example", note="renamed")]) == 1
    assert repo.ratings.aliases() == [Alias("lantern-old.example", "domain", "lantern-old.example", "lantern.example", "renamed")]


def test_outlet_index(repo):
    for n, outlet in ((1, "Harbor Gazette"), (2, "Lantern Daily"), (3, "Bay Courier")):
        repo.articles.put(Article(text=f"Story {n}.", id=f"a{n}", outlet=outlet))
    assert repo.ratings.unindexed_ids() == ["a1", "a2", "a3"]
    block = Block(7, "membership", "Support our network with a membership")
    facts = [OutletFacts("a1", (block,), (Mark("origin line", "Lantern Daily", "lantern daily"),)), OutletFacts("a2", (block,))]
    repo.ratings.index_outlets(facts)
    repo.ratings.index_outlets(facts)  # indexing twice adds nothing
    assert repo.ratings.unindexed_ids() == ["a3"]
    assert repo.ratings.blocks_shared(["a1"]) == [SharedBlock("a1", "a2", "membership", block.text)]
    assert repo.ratings.blocks_shared(["a1", "a2"]) == []
    assert repo.ratings.marks_of(["a1", "a2"]) == [ArticleMark("a1", "origin line", "Lantern Daily")]
    assert repo.ratings.marks_naming(["lantern daily"]) == [ArticleMark("a1", "origin line", "Lantern Daily")]
