"""Trace semantics: copy links against shared quotations, origins, roles, the text trace.

Fictional outlets and events, written for these tests."""

from __future__ import annotations

import pytest

from newstrail.core.article import Article
from newstrail.corpus import Trace
from newstrail.corpus.provenance import Edge, Graph
from newstrail.corpus.roles import answer_role
from newstrail.report.trace import credit_excerpt, render_trace


@pytest.mark.parametrize("title, url, text, role", [
    ("Fact check: the Brannock bridge is not closing for a year", None, "", "fact-check"),
    ("Reality check: what we know about the Velmora dam leak", None, "", "fact-check"),
    ("Kelder council bridge works explained", "https://checks.example/fact-check/2025/bridge", "", "fact-check"),
    ("Bridge claims examined", None, "Claim: the bridge shuts for a year. Our verdict: False. The council says...", "fact-check"),
    ("Bridge sale claim", None, "Claim: the bridge was sold to a developer. Our rating: Exaggerated.", "fact-check"),
    ("Correction: Kelder council did not vote to close the bridge", None, "", "correction"),
    ("Kelder bridge vote", None, "An earlier version of this article said the council voted to close the bridge.", "correction"),
    ("Statement: the Brannock bridge stays open", None, "", "denial"),
    ("Kelder council denies plan to close Brannock bridge", None, "", "denial"),
    ("No, the Brannock bridge is not being sold", None, "", "debunk"),
    ("Brannock bridge to close for repairs in June", "https://kelderpost.example/news/bridge", "The bridge will close.", None),
])
def test_answer_roles_by_kind_of_cue(title, url, text, role):
    assert answer_role(title, url, text) == role


def _article(aid: str, published: str, title: str = "Quay cranes idle in Tollmere", outlet: str = "Tollmere Tide") -> Article:
    return Article(id=aid, published=published, title=title, outlet=outlet, text="Cranes at the Tollmere quay stood idle on Monday.")


def _edge(source: str, target: str, *kinds: str, text: str = "") -> Edge:
    e = Edge(source, target)
    for kind in kinds:
        evidence = {"words": 20, "from_span": [0, 10], "to_span": [0, 10], "text": text} if kind in ("reuse", "quote") else {"cue": "according to", "text": text, "name": source.removeprefix("external:")}
        e.add(kind, evidence, 0.5)
    return e


def _graph() -> Graph:
    arts = [_article("wire", "2025-04-01T08:00:00+00:00", outlet="Tollmere Wire"),
            _article("copy", "2025-04-01T09:00:00+00:00"),
            _article("check", "2025-04-02T09:00:00+00:00", title="Fact check: Tollmere cranes were not sold abroad", outlet="Quayside Checks"),
            _article("quoter", "2025-04-01T10:00:00+00:00", outlet="Harrow Ledger")]
    edges = [_edge("wire", "copy", "attribution", "reuse", text="according to Tollmere Wire"),
             _edge("copy", "check", "attribution", text="as the Tollmere Tide claimed"),
             _edge("wire", "quoter", "quote", text="\"We will not move a single box,\" the union said"),
             _edge("external:Brine Gazette", "quoter", "attribution", text="first reported by the Brine Gazette")]
    return Graph({a.id: a for a in arts}, {(e.source, e.target): e for e in edges}, [])


def test_a_quotation_only_link_is_not_a_copy_edge_and_a_fact_check_never_amplifies():
    trace = Trace("s1", _graph()).to_dict()
    assert [(e["from"], e["to"]) for e in trace["edges"]] == [("copy", "check"), ("wire", "copy"), ("external:Brine Gazette", "quoter")]
    assert [(p["a"], p["b"]) for p in trace["shares_quote"]] == [("wire", "quoter")]
    assert trace["origins"] == ["wire"] and trace["external_origins"] == ["external:Brine Gazette"]
    assert trace["roles"] == {"wire": "origin", "copy": "amplifier", "check": "fact-check", "quoter": "independent"}
    assert trace["amplifiers"] == ["copy"]
    assert {a["id"]: a["role"] for a in trace["articles"]} == trace["roles"]
    assert not set(trace["origins"]) & set(trace["amplifiers"])


def test_an_answer_that_others_link_to_is_not_an_origin():
    graph = _graph()
    graph.articles["denial"] = _article("denial", "2025-04-01T07:00:00+00:00", title="Statement: no cranes have been sold", outlet="Tollmere Port")
    graph.edges[("denial", "check")] = _edge("denial", "check", "attribution", text="the port's statement")
    assert graph.origins == ["wire"] and graph.roles()["denial"] == "denial"


def test_the_text_trace_puts_evidence_under_its_child_and_names_the_credited_outlet():
    text = render_trace(Trace("s1", _graph()).to_dict())
    lines = text.splitlines()
    child = next(i for i, line in enumerate(lines) if "└─▶" in line and "  copy  " in line)
    assert "attribution, reuse" in lines[child + 1] and "Tollmere Wire" in lines[child + 2]
    assert "quoter shares a quotation with wire" in text
    assert "[fact-check]" in text and "Answering the claim (not amplifiers): check (fact-check)" in text
    assert "Origins: wire; credited outside the corpus (candidates): external:Brine Gazette" in text
    wire_block = text.split("\nexternal:")[0]
    assert "└─▶" in wire_block and "quoter" not in wire_block.split("Origins:")[0]


def test_a_long_credit_sentence_is_cut_around_the_credited_name():
    sentence = "On a grey morning at the quay, " * 10 + "the figures were first published by the Brine Gazette, " + "which later added more. " * 8
    shown = credit_excerpt(sentence, "Brine Gazette")
    assert "Brine Gazette" in shown and len(shown) <= 160 and shown.startswith("[...]")


def test_an_article_only_an_answer_took_from_is_not_a_second_origin():
    graph = _graph()
    graph.articles["later"] = _article("later", "2025-04-02T12:00:00+00:00", title="Tollmere cranes back at work", outlet="Tollmere Wire")
    graph.edges[("later", "check")] = _edge("later", "check", "hyperlink", text="")
    assert graph.origins == ["wire"] and graph.roles()["later"] == "independent"
