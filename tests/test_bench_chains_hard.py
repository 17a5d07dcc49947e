"""The harder generated corpus (``newstrail.eval.chains.generate(..., hard=True)``, the default):
story members beyond copies, the credit names real pages use, local clocks, undated posts
and site boilerplate, each encoded in the truth; and the easy corpus kept byte for byte.

Checked with rules written here from the records, not with the generator's helpers.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from datetime import datetime

import pytest

from newstrail.eval import chains, provenance
from newstrail.eval.chains.sites import ACRONYMS, MASTHEAD_SITES, NESTED, OLD_NAMES

SIZE, SEED = 400, 11


@pytest.fixture(scope="module")
def corpus():
    return chains.generate(SIZE, SEED)


@pytest.fixture(scope="module")
def index(corpus):
    records, truth = corpus
    blocks = defaultdict(set)
    for b in truth["boilerplate"]:
        for a in b["articles"]:
            blocks[a].add(b["text"])
    return {
        "record": {r["id"]: r for r in records},
        "article": {a["id"]: a for a in truth["articles"]},
        "blocks": blocks,
    }


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def runs(text: str, n: int = 12) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + n]) for i in range(len(w) - n + 1)}


def body(index: dict, aid: str) -> str:
    paras = index["record"][aid]["text"].split("\n\n")
    return "\n\n".join(p for p in paras if p not in index["blocks"][aid])


def instant(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def test_easy_corpus_is_the_one_earlier_figures_were_measured_on():
    records, truth = chains.generate(300, 3, hard=False)
    keys = ["articles", "edges", "origins", "laundering", "mutations", "equal_conversions", "syndication", "stories"]
    assert hashlib.sha1(json.dumps(records, sort_keys=True).encode()).hexdigest() == "481d049833fde52a565e548fb6d6298e926a949a"
    assert hashlib.sha1(json.dumps({k: truth[k] for k in keys}, sort_keys=True).encode()).hexdigest() == \
        "c6b6187e4bc9c377c667021bc97c247f987619f0"


def test_deterministic_by_seed(corpus):
    assert chains.generate(SIZE, SEED) == corpus
    assert chains.generate(SIZE, SEED + 1)[0] != corpus[0]


def test_every_kind_of_member_is_there(corpus):
    _, truth = corpus
    classes = Counter(provenance.edge_class(e, set()) for e in truth["edges"])
    for kind in ("update", "retelling", "denial", "debunk", "correction", "syndication", "credited", "silent"):
        assert classes[kind] > 0, kind
    assert {x["why"] for x in truth["related"]} >= {"update with new figures", "retelling in other words"}
    debunks = Counter(e["to"] for e in truth["edges"] if "debunk" in e["kinds"])
    assert max(debunks.values()) >= 2  # a fact-check names and links several copies


def test_edges_run_forward_in_utc_and_some_disagree_on_the_local_clock(corpus, index):
    _, truth = corpus
    art = index["article"]
    disagree = 0
    for e in truth["edges"]:
        a, b = art[e["from"]]["published"], art[e["to"]]["published"]
        if a and b:
            assert instant(a) <= instant(b), e
            disagree += a[:16] > b[:16]  # the child's local wall clock reads earlier than its parent's
    assert disagree > 0
    assert {a["published"][-6:] for a in truth["articles"] if a["published"]} >= {"+00:00", "+01:00", "-05:00"}


def test_undated_articles_have_no_date_and_a_first_sighting(corpus, index):
    _, truth = corpus
    undated = [a for a in truth["articles"] if a["published"] is None]
    assert undated
    for a in undated:
        assert index["record"][a["id"]]["published"] is None and a["first_seen"]


def test_credits_and_links_are_in_the_child_text(corpus, index):
    _, truth = corpus
    for e in truth["edges"]:
        text = body(index, e["to"])
        if e.get("cited_as") and e.get("cue") != "self":
            assert e["cited_as"] in text, e
        if "hyperlink" in e["kinds"]:
            assert index["article"][e["from"]]["url"] in text, e


def test_credit_names_real_pages_use(corpus, index):
    records, truth = corpus
    cited = Counter(e.get("cited_as") for e in truth["edges"])
    assert any(cited[a] for a in ACRONYMS.values())
    assert any("Reporting by " + a in r["text"] for r in records for a in ACRONYMS.values())
    assert any(re.search(r"\(" + a + r"\) —", r["text"]) for r in records for a in ACRONYMS.values())
    outlets = {o["name"]: o for o in truth["outlets"]}
    for name, old in OLD_NAMES.items():
        if name in outlets:
            assert old in outlets[name]["aliases"]
            mine = [a["id"] for a in truth["articles"] if a["outlet"] == name]
            assert all(f"formerly {old}" in index["record"][i]["text"] for i in mine)
    for name, (site, domain) in MASTHEAD_SITES.items():
        for a in (a for a in truth["articles"] if a["outlet"] == name):
            assert index["record"][a["id"]]["outlet"] == site and f"//{domain}/" in a["url"]
    stories = defaultdict(set)
    for a in truth["articles"]:
        stories[a["story"]].add(a["outlet"])
    assert any(long in s and short in s for s in stories.values() for long, short in NESTED.items())


def test_related_pairs_have_no_edge_and_share_no_passage(corpus, index):
    _, truth = corpus
    edges = {(e["from"], e["to"]) for e in truth["edges"]}
    art = index["article"]
    for x in truth["related"]:
        assert (x["a"], x["b"]) not in edges and (x["b"], x["a"]) not in edges
        assert art[x["a"]]["story"] == art[x["b"]]["story"]
        assert not runs(body(index, x["a"])) & runs(body(index, x["b"])), x


def test_stories_share_nothing_but_boilerplate(corpus, index):
    records, truth = corpus
    seen: dict[tuple[str, ...], str] = {}
    for r in records:
        story = index["article"][r["id"]]["story"]
        for run in runs(body(index, r["id"])):
            assert seen.setdefault(run, story) == story, (run, story)
    # and boilerplate is shared across stories: site lines, a group's network footer
    spread = [b for b in truth["boilerplate"] if len({index["article"][a]["story"] for a in b["articles"]}) > 1]
    assert {b["kind"] for b in spread} >= {"comment policy", "network footer", "newsletter prompt"}
    for b in truth["boilerplate"]:
        assert all(b["text"] in index["record"][a]["text"] for a in b["articles"])


def test_truth_as_prediction_scores_perfectly(corpus):
    _, truth = corpus
    s = provenance.score_all(truth, provenance.truth_as_traces(truth))
    assert s["edges"]["precision"] == 1.0 and s["edges"]["recall"] == 1.0
    assert s["stories"]["pair_f1"] == 1.0 and s["related"]["grouped_rate"] == 1.0 and s["related"]["as_edges"] == 0
    assert s["boilerplate"]["false_edges"] == 0 and s["boilerplate"]["false_story_pairs"] == 0
    assert s["boilerplate"]["sharing_pairs"] > 0


def test_boilerplate_links_are_counted():
    truth = {"articles": [{"id": i, "story": s, "outlet": "o", "published": "2025-01-01T00:00:00Z"}
                          for i, s in (("a", "s1"), ("b", "s2"), ("c", "s1"))],
             "edges": [], "origins": {"s1": ["a"], "s2": ["b"]}, "mutations": [],
             "related": [{"a": "a", "b": "c", "why": "update with new figures"}],
             "boilerplate": [{"text": "Comments are checked.", "kind": "comment policy", "articles": ["a", "b", "c"]}]}
    traces = [{"articles": [{"id": "a"}, {"id": "b"}, {"id": "c"}], "edges": [{"from": "a", "to": "b"}, {"from": "a", "to": "c"}]}]
    s = provenance.score_all(truth, traces)
    assert s["boilerplate"] == {"sharing_pairs": 2, "false_edges": 1, "false_story_pairs": 2,
                                "false_edges_by_kind": {"comment policy": 1}}
    assert s["related"] == {"total": 1, "grouped": 1, "grouped_rate": 1.0, "as_edges": 1}
    assert s["stories"]["purity"] == pytest.approx(1 / 3) and s["stories"]["pair_f1"] == pytest.approx(0.5)


def test_kinds_can_be_chosen_one_at_a_time():
    _, clocks = chains.generate(120, 5, hard={"clocks"})
    assert clocks["generator"]["hard"] == ["clocks"]
    assert any(a["published"] is None for a in clocks["articles"]) and not clocks["related"]
    _, members = chains.generate(120, 5, hard={"members"})
    assert all(a["published"].endswith("Z") for a in members["articles"]) and members["related"]
    with pytest.raises(ValueError):
        chains.generate(10, 5, hard={"typo"})
