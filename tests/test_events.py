"""Stories of one event: retellings in other words join, a site's template does not.

Fixtures are fictional (outlets on ``.example``), written for these tests.
"""

from __future__ import annotations

import json

from newstrail import Settings, analyze, open_store
from newstrail.corpus import Corpus
from newstrail.corpus.components import UnionFind
from newstrail.corpus.events import event_terms, reuse_joins_story, same_outlet, without_masthead
from newstrail.corpus.leads import Tie
from newstrail.corpus.linking import Linker
from newstrail.core.article import Article

WIRE = (
    "Harbour pilots at Quenby walked off the job on Thursday after the Quenby Port Trust cut their night shift allowance, "
    "leaving eleven cargo ships waiting outside the breakwater, pilot spokesman Arvid Tolland said."
)
REST = (
    "The Quenby Port Trust said the allowance had been reviewed in line with other Brackenshire ports and that talks "
    "would resume on Monday. Tolland said the pilots would return once the old rate was restored."
)
# the template one outlet prints under every article, whatever it reports
SIGN_OFF = (
    "The Brackenshire Lantern is owned by its readers and answers to no shareholder. If you value local reporting, "
    "join our members' circle for the price of a coffee a month, and send your tips to the newsdesk at any hour. "
    "Letters may be edited for length and clarity before they appear in print or on this site."
)


def _record(id, outlet, domain, published, title, *paragraphs):
    return {"id": id, "outlet": outlet, "url": f"https://{domain}/{id}", "published": published, "title": title, "text": "\n\n".join(paragraphs)}


def _stories(tmp_path, records):
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    settings = Settings(db=str(tmp_path / "s.db"))
    with open_store(settings.db) as store:
        outcomes = list(analyze([str(path)], settings, store))  # stories are set once the run has linked
        stories = {o.article.id: o.article.story for o in outcomes}
        traces = {s: Corpus(store).trace(story=s).to_dict() for s in set(stories.values())}
    return stories, traces


def test_a_retelling_in_other_words_joins_the_story_and_a_template_joins_nothing(tmp_path):
    records = [
        _record("wire", "Brackenshire Wire", "brackwire.example", "2025-09-04T08:00:00+01:00", "Quenby pilots walk out over allowance cut", WIRE, REST),
        _record("copy", "Coastal Ledger", "coastalledger.example", "2025-09-04T08:40:00+01:00", "Pilots strike at Quenby", WIRE, REST,
                "Reporting by Brackenshire Wire."),
        # a radio retelling: the event's who, what and where in its own words, crediting no one
        _record("radio", "Brackenshire Lantern", "lantern.example", "2025-09-04T13:00:00+01:00", "Ships stuck off Quenby as pilots stop work",
                "Eleven cargo ships are waiting outside the Quenby breakwater because the harbour pilots have stopped work. "
                "Arvid Tolland, who speaks for the pilots, told us the Quenby Port Trust cut the allowance they are paid for night shifts.",
                "The Port Trust says it only brought the allowance into line with other ports. Talks are due on Monday.", SIGN_OFF),
        # the same outlet a fortnight later on something else, under the same template
        _record("fete", "Brackenshire Lantern", "lantern.example", "2025-09-19T10:00:00+01:00", "Orchard fete raises roof fund",
                "The orchard fete at Marlow Green raised enough on Saturday to mend the chapel roof, organiser Nessa Prine said, "
                "after a bake sale and a tug of war between the two cricket teams.",
                "Prine thanked the volunteers who ran the stalls and said the fete would return next September.", SIGN_OFF),
    ]
    stories, traces = _stories(tmp_path, records)
    assert stories["wire"] == stories["copy"] == stories["radio"]
    assert stories["fete"] != stories["radio"]  # 60 words of template are no story
    trace = traces[stories["radio"]]
    assert not [e for e in trace["edges"] if "radio" in (e["from"], e["to"])]  # related, never an edge
    assert "radio" in {x for pair in trace["related"] for x in (pair["a"], pair["b"])}
    assert "radio" not in trace["origins"]


def test_short_or_same_outlet_reuse_needs_the_event_beside_it():
    names = {"quenby", "tolland", "arvid", "brackenshire", "breakwater"}
    assert reuse_joins_story(80, True, (set(), set()), 50, 4)  # a long copy between outlets
    assert not reuse_joins_story(80, False, ({"members", "coffee"}, {"members", "coffee"}), 50, 4)  # one outlet's template
    assert reuse_joins_story(40, True, (names, names | {"monday"}), 50, 4)
    crowded = names | {f"name{i}" for i in range(30)}
    # a stock passage between unrelated stories: a few names in common among many
    assert not reuse_joins_story(40, True, (crowded, set(list(names)[:4]) | {f"other{i}" for i in range(30)}), 50, 4)


def test_event_terms_leave_out_the_masthead_but_keep_the_town():
    text = "Pilots at Quenby struck. The Quenby Courier understands talks resume. Quenby Courier, est. 1890."
    assert "courier" not in event_terms({t.lower() for t in without_masthead(text, "The Quenby Courier").split()})
    assert "quenby" in without_masthead(text, "The Quenby Courier").lower()
    assert event_terms({"i've", "tolland"}) == {"tolland"}
    assert same_outlet(Article(outlet="The Quenby Courier"), Article(outlet="Quenby Courier"))
    assert not same_outlet(Article(outlet="Quenby Courier", domain="a.example"), Article(outlet="Coastal Ledger", domain="b.example"))


def test_a_loose_tie_brings_in_a_lone_article_but_never_joins_two_built_stories(tmp_path):
    with open_store(str(tmp_path / "u.db")) as store:
        linker = Linker(store)
        parts: UnionFind[str] = UnionFind()
        for a, b in (("w1", "c1"), ("c1", "c2"), ("w2", "d1"), ("d1", "d2")):
            parts.union(a, b)
        parts.find("lone")
        batch = {"w1", "c1", "c2", "w2", "d1", "d2", "lone"}
        linker._join_loose(parts, batch, [Tie("c2", "d2", 0.9, False), Tie("lone", "w1", 0.75, False)])
        assert parts.find("lone") == parts.find("w1")
        assert parts.find("c2") != parts.find("d2")
