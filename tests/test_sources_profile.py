"""The corpus profile of an outlet, and ratings on records, `show` and trace nodes.

A small fictional chain: the Tidewater Bulletin reports a ferry fare rise; the
Gale Report takes its text without crediting it while crediting the Marsh
Courier (laundering); Marsh Courier cross-posts the Gale Report's piece with an
origin line and the same membership appeal; an unrelated Marsh Courier article
stands alone.
"""

import json

import pytest
from click.testing import CliRunner

from newstrail import analyze, open_store
from newstrail.core.article import Claim, FactCheckMatch, Span
from newstrail.cli import main
from newstrail.corpus import Corpus
from newstrail.ratings.annotate import Ratings
from newstrail.ratings.profile import outlet_profile
from newstrail.report.profile import render_profile

LEAD = "The Saltmarsh ferry company will raise its fares by 33 percent from the first of June, its director Elsbeth Moor told the harbour board on Thursday evening."
FUEL = "Moor said that fuel costs had doubled since the winter and that the company had lost money on every crossing of the estuary since January."
TICKETS = "The board heard that a return ticket for a foot passenger will cost 12 crowns instead of nine, and that season tickets for island residents will not change this year."
ISLAND = "Residents of Ternholm island, who rely on the ferry for school and work, asked the board to review the decision at its next meeting in May."
MEMBER = "Become a Member of the Free Marsh Network and keep independent news alive."

RECORDS = [
    {"id": "tide-1", "url": "https://tidewaterbulletin.example/2025/05/02/ferry-fares", "outlet": "Tidewater Bulletin",
     "published": "2025-05-02T08:00:00", "title": "Ferry fares to rise by a third on the Saltmarsh line",
     "text": "\n\n".join([LEAD, FUEL, TICKETS, ISLAND])},
    {"id": "gale-2", "url": "https://galereport.example/ferry-bosses-hike-fares", "outlet": "The Gale Report",
     "published": "2025-05-03T09:00:00", "title": "Ferry bosses hike fares again",
     "text": "\n\n".join(["According to the Marsh Courier, islanders are furious about the news.", LEAD, FUEL, TICKETS, MEMBER])},
    {"id": "marsh-3", "url": "https://marshcourier.example/2025/05/04/ferry-bosses", "outlet": "Marsh Courier",
     "published": "2025-05-04T10:00:00", "title": "Ferry bosses hike fares again",
     "text": "\n\n".join(["According to the Marsh Courier, islanders are furious about the news.", LEAD, FUEL, TICKETS,
                           "The original source of this article is The Gale Report", MEMBER])},
    {"id": "marsh-4", "url": "https://marshcourier.example/2025/05/05/regatta", "outlet": "Marsh Courier",
     "published": "2025-05-05T10:00:00", "title": "Regatta postponed",
     "text": "The Ternholm regatta has been postponed by a week because of the spring gales, the sailing club said on Monday.\n\n" + MEMBER},
]
LIST = """domain,name,reliability,notes
tidewaterbulletin.example,Tidewater Bulletin,high,co-operative paper
gale-news.example,Gale News,low,the Gale Report's old domain
marshcourier.example,Marsh Courier,low,reposts
"""


@pytest.fixture
def corpus(write, settings):
    path = write("chain.jsonl", "\n".join(json.dumps(r) for r in RECORDS) + "\n")
    runner = CliRunner()
    db = ["--db", settings.db]
    assert runner.invoke(main, ["sources", "import", str(write("watch.csv", LIST)), "--date", "2025-05-10", *db]).exit_code == 0
    aliases = write("aliases.csv", "alias,domain,note\ngale-news.example,galereport.example,renamed\n")
    assert runner.invoke(main, ["sources", "aliases", str(aliases), *db]).exit_code == 0
    with open_store(settings.db) as store:
        assert [o.status for o in analyze([str(path)], settings, store)] == ["added"] * 4
        # a fact-check match as the matcher would store it, and one whose rating is not false-like
        gale = store.articles.get("gale-2")
        gale.claims = [Claim(Span(0, 10), 0.9, True, matches=[FactCheckMatch("fc-1", 0.8, rating="Pants on Fire")]),
                       Claim(Span(11, 20), 0.7, True, matches=[FactCheckMatch("fc-2", 0.7, rating="True")])]
        store.articles.update(gale)
        yield store


def test_profile_numbers(corpus):
    profile = outlet_profile(corpus, "The Gale Report")
    assert profile["outlet"]["domains"] == ["galereport.example", "gale-news.example"]
    assert [(r["list"], r["site"], r["via"]) for r in profile["ratings"]] == [
        ("watch", "gale-news.example", "old domain gale-news.example of the same outlet")]
    c = profile["corpus"]
    assert c["articles"]["value"] == 1 and c["stories"]["value"] == 1
    # one article, two sources: the credited outlet (its article came later, so the credit stays unmatched) and the hidden one
    assert c["copies"]["value"] == 1
    assert {e["outlet"]: e["kinds"] for e in c["copies"]["from"]} == {
        "Marsh Courier (credited; no stored article of it matched)": {"attribution": 1},
        "Tidewater Bulletin": {"reuse": 1, "silent copy": 1}}
    assert c["hides_sources"]["value"] == 1
    assert c["hides_sources"]["laundering"][0]["actually_from"] == "tide-1"
    assert c["copied_by_others"]["value"] == 1 and c["copied_by_others"]["by"][0]["outlet"] == "Marsh Courier"
    assert {n["outlet"] for n in c["cross_posting"]["neighbours"]} == {"Tidewater Bulletin", "Marsh Courier"}
    boiler = c["shared_boilerplate"]["neighbours"]
    assert [(b["outlet"], b["their_articles"], b["own_articles"]) for b in boiler] == [("Marsh Courier", 2, 1)]
    assert boiler[0]["examples"][0] == {"kind": "membership", "text": MEMBER}
    assert c["cross_post_lines"]["outlets"] == [
        {"outlet": "Marsh Courier", "how": "its articles name this outlet as their origin (origin line)", "articles": 1}]
    assert (c["false_factchecks"]["value"], c["false_factchecks"]["claims"], c["false_factchecks"]["matches"]) == (1, 1, 2)
    assert c["false_factchecks"]["ratings"] == {"Pants on Fire": 1}
    text = render_profile(profile)
    for line in ("articles hiding their source: 1", "silent copy of Tidewater Bulletin", "articles matching false fact-checks: 1",
                 'membership: "Become a Member of the Free Marsh Network'):
        assert line in text


def test_profile_of_the_origin_and_the_cross_poster(corpus):
    tide = outlet_profile(corpus, "https://www.tidewaterbulletin.example/")["corpus"]
    assert tide["copies"]["value"] == 0 and tide["hides_sources"]["value"] == 0
    assert [e["outlet"] for e in tide["copied_by_others"]["by"]] == ["The Gale Report"]
    assert tide["false_factchecks"]["value"] == 0
    marsh = outlet_profile(corpus, "marshcourier.example")["corpus"]
    assert marsh["articles"]["value"] == 2
    assert [e["outlet"] for e in marsh["copies"]["from"]] == ["The Gale Report"]
    assert marsh["cross_post_lines"]["outlets"][0]["how"] == "named as the origin in its articles (origin line)"
    assert [(b["outlet"], b["own_articles"]) for b in marsh["shared_boilerplate"]["neighbours"]] == [("The Gale Report", 2)]


def test_max_stories_caps_the_graph_figures(corpus):
    capped = outlet_profile(corpus, "The Gale Report", max_stories=0)["corpus"]
    assert capped["copies"]["value"] == 0 and "raise --max-stories" in capped["stories"]["explain"]


def test_trace_json_nodes_carry_ratings_and_keep_their_keys(corpus, settings):
    plain = Corpus(corpus).trace(article="gale-2").to_dict()
    out = CliRunner().invoke(main, ["trace", "gale-2", "--format", "json", "--db", settings.db])
    assert out.exit_code == 0, out.output
    trace = json.loads(out.output)
    assert set(trace) == set(plain) | {"external_outlets"}
    for key in plain:
        if key != "articles":
            assert trace[key] == plain[key], key
    for mine, theirs in zip(trace["articles"], plain["articles"], strict=True):
        assert {k: v for k, v in mine.items() if k != "ratings"} == theirs
    ratings = {a["id"]: [r["fields"]["reliability"] for r in a["ratings"]] for a in trace["articles"]}
    assert ratings == {"tide-1": ["high"], "gale-2": ["low"], "marsh-3": ["low"]}
    text = CliRunner().invoke(main, ["trace", "gale-2", "--db", settings.db]).output
    assert "Source ratings (from imported lists" in text and "watch (2025-05-10) on marshcourier.example: reliability: low" in text


def test_show_and_analyze_records_carry_ratings(corpus, settings, write):
    runner = CliRunner()
    shown = runner.invoke(main, ["show", "tide-1", "--db", settings.db])
    assert "Source ratings" in shown.output and "reliability: high; notes: co-operative paper" in shown.output
    record = json.loads(runner.invoke(main, ["show", "gale-2", "--format", "json", "--db", settings.db]).output)
    assert [r["via"] for r in record["source_ratings"]] == ["old domain gale-news.example of the same outlet"]
    # a text article without a URL: its masthead gives the domain and the ratings
    path = write("tide.md", "---\ntitle: Harbour lights repaired\noutlet: Tidewater Bulletin\npublished: 2025-05-06\n---\n\n"
                            "The harbour lights at Ternholm were repaired on Tuesday after a week of darkness, the board said.\n")
    out = runner.invoke(main, ["analyze", str(path), "--format", "jsonl", "--db", settings.db])
    added = json.loads(out.output.splitlines()[0])
    assert added["domain"] == "tidewaterbulletin.example" and added["meta"]["outlet_domain_via"] == "masthead"
    assert [r["fields"]["reliability"] for r in added["source_ratings"]] == ["high"]


def test_external_trace_nodes_resolve_through_lists(corpus):
    trace = {"articles": [], "edges": [{"from": "external:Marsh Courier", "to": "x"}, {"from": "external:Unknown Paper", "to": "x"}]}
    Ratings(corpus).add_to_trace(trace)
    external = {e["outlet"]: (e["domain"], len(e["ratings"])) for e in trace["external_outlets"]}
    assert external == {"Marsh Courier": ("marshcourier.example", 1), "Unknown Paper": (None, 0)}


def test_demo_imports_the_sample_lists_and_shows_ratings(tmp_path):
    out = tmp_path / "demo"
    result = CliRunner().invoke(main, ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "coastwatch-media-audit: 16 sites imported" in result.output and "Source ratings" in result.output
    traces = [json.loads(p.read_text()) for p in (out / "traces").glob("*.json")]
    assert traces and all("ratings" in a for t in traces for a in t["articles"])
    with open_store(str(out / "newstrail.db")) as store:
        profile = outlet_profile(store, "Open Eyes News")
    # the sample's Open Eyes articles are text files without a URL: their masthead gives the domain,
    # and the second list rates the outlet under the domain it used before its rename
    assert profile["corpus"]["articles"]["value"] == 2 and profile["outlet"]["domain"] == "openeyesnews.example"
    assert {r["list"]: r["via"] for r in profile["ratings"]} == {
        "coastwatch-media-audit": "site", "signal-index": "old domain openeyes-daily.example of the same outlet"}
    assert profile["corpus"]["hides_sources"]["value"] >= 1  # s1-copy6 silently copies Clarity Research Centre
