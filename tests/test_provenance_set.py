"""The set scorer (newstrail.eval.provenance_set) on a tiny fictional gold set in tests/data."""

from __future__ import annotations

import json
import os

from newstrail.eval.provenance_set import collect, headline, input_files, laundering_cases, load_gold, render, score

SET = os.path.join(os.path.dirname(__file__), "data", "provenance_set")
RECORDS = [{"id": "p-wire", "url": "http://www.tallowwire.example/news/quillmere-lanterns/"},
           {"id": "p-copy", "url": "https://pebblepost.example/quillmere-lanterns-on-hold"},
           {"id": "p-retell", "source": "/tmp/x/retell.txt"}]


def _trace(edges, origins, members=("p-wire", "p-copy", "p-retell"), mutations=(), laundering=(), story="7"):
    return {"story": story, "articles": [{"id": m} for m in members], "origins": list(origins), "edges": list(edges),
            "mutations": list(mutations), "laundering": list(laundering)}


def _edge(a, b, kinds, text="x"):
    return {"from": a, "to": b, "kinds": kinds, "evidence": [{"kind": kinds[0], "text": text}]}


def test_a_perfect_trace_scores_one_everywhere():
    gold = load_gold(SET)
    trace = _trace([_edge("p-wire", "p-copy", ["attribution", "reuse"]), _edge("external:the Harbour Lamp", "p-retell", ["attribution"])],
                   ["p-wire"], mutations=[{"type": "number", "from_text": "Around 12,000 visitors", "to_text": "Around 20,000 visitors"}])
    s = score(gold, collect(gold, RECORDS, lambda pid: trace))
    assert (s["edges"]["precision"], s["edges"]["recall"], s["edges"]["external"]["recall"]) == (1.0, 1.0, 1.0)
    assert s["origins"]["accuracy"] == 1.0 and s["stories"]["f1"] == 1.0
    assert s["mutations"]["by_type"]["number"]["recall"] == 1.0 and s["mutations"]["by_type"]["framing"]["recall"] == 0.0
    assert s["mutations"]["precision"] == 1.0
    assert headline(s).startswith("provenance: edges P=1.00 R=1.00 (1 gold), external R=1.00, origins 1.00, stories F1=1.00, mutations R=0.50")


def test_misses_extra_edges_split_stories_and_boilerplate_links():
    gold = load_gold(SET)
    traces = {"p-wire": _trace([], ["p-wire"], members=["p-wire"]),
              "p-copy": _trace([_edge("p-copy", "p-retell", ["reuse"], "Pebble Post newsletter: sign up for the morning briefing\n\nand never miss a story")],
                               ["p-copy"], members=["p-copy", "p-retell"], story="8")}
    s = score(gold, collect(gold, RECORDS, traces.get))
    assert s["edges"]["missed"] == [("t_wire", "t_copy")] and s["edges"]["extra"] == [("t_copy", "t_retell")]
    assert s["edges"]["precision"] == 0.0 and s["edges"]["by_kind"]["reuse"]["precision"] == 0.0
    assert s["boilerplate_links"] == [("t_copy", "t_retell")]
    assert s["stories"]["precision"] == 1.0 and abs(s["stories"]["recall"] - 1 / 3) < 1e-9
    assert s["origins"]["accuracy"] == 1.0  # the wire's own trace names it alone
    assert "missed edges:\n  t_wire -> t_copy" in render(s, detail=True)


def test_an_untraceable_article_leaves_its_story_unscored():
    gold = load_gold(SET)
    s = score(gold, collect(gold, RECORDS, lambda pid: None))
    assert s["origins"]["accuracy"] == 0.0 and s["stories"]["f1"] == 0.0 and s["edges"]["recall"] == 0.0


def test_laundering_is_the_silent_copy_into_an_article_that_credits_another():
    gold = {"articles": {}, "boilerplate": [], "stories": {"s": {"laundering": "credits the paper, copies the blog", "edges": [
        {"from": "paper", "to": "farm", "kind": ["attribution"]}, {"from": "blog", "to": "farm", "kind": ["reuse", "silent_copy"]},
        {"from": "blog", "to": "quiet", "kind": ["reuse", "silent_copy"]}]}}}
    assert laundering_cases(gold) == {("blog", "farm")}


def test_txt_articles_become_records_with_golds_url_and_date(tmp_path):
    gold = load_gold(SET)
    paths = input_files(gold, SET, str(tmp_path))
    assert [os.path.basename(p) for p in paths] == ["wire.md", "copy.md", "records.jsonl"]
    record = json.loads((tmp_path / "records.jsonl").read_text(encoding="utf-8"))
    assert (record["id"], record["title"], record["published"]) == ("t_retell", "Storm week on the coast", "2026-03-02T12:00:00+00:00")


def test_related_pairs_are_grouped_without_an_edge_and_quotation_only_pairs_are_checked():
    gold = load_gold(SET)
    trace = _trace([_edge("p-wire", "p-copy", ["attribution"]), _edge("p-copy", "p-retell", ["reuse"])], ["p-wire"])
    trace["shares_quote"] = [{"a": "p-wire", "b": "p-copy", "words": 12, "text": "x"}]
    related = score(gold, collect(gold, RECORDS, lambda pid: trace))["related"]
    assert related["grouped"] == 1.0 and related["with_edge"] == [("t_copy", "t_retell")]
    assert related["shares_quote_gold_edges"] == [("t_wire", "t_copy")]


def test_figures_by_language_of_the_later_article():
    gold = load_gold(SET)
    gold["articles"]["t_copy"]["language"] = "pt-BR"
    trace = _trace([_edge("p-wire", "p-copy", ["attribution", "reuse"])], ["p-wire"])
    s = score(gold, collect(gold, RECORDS, lambda pid: trace))
    pt = s["languages"]["pt"]
    assert (pt["precision"], pt["recall"], pt["attribution"]) == (1.0, 1.0, (1, 1))
    assert "  pt   P 1.00  R 1.00  (1, 1)  credits 1/1" in render(s)
