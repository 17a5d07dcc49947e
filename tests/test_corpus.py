"""Corpus linking end to end on a small fictional chain: passages, stories, provenance, mutations."""

import json

import pytest
from click.testing import CliRunner

from newstrail import Settings, analyze, open_store
from newstrail.cli import main
from newstrail.corpus import Corpus
from newstrail.corpus.outlets import resolver_for
from newstrail.corpus.provenance import story_graph
from newstrail.outlets.resolver import OutletResolver

MEMO = "Officials said the harbour order tells crews to keep every trawler at least 12 km from the Gull Rock wreck until the survey ends next month."
QUOTE = '"We will not risk another hull on those rocks this winter," said harbour master Ilse Varga.'


def record(id, outlet, published, title, *paragraphs, url=True):
    rec = {"id": id, "outlet": outlet, "published": published, "title": title, "text": "\n\n".join(paragraphs)}
    if url:
        rec["url"] = f"https://{outlet.lower().replace(' ', '')}.example/{id}"
    return rec


CHAIN = [
    record("bay-1", "Bay Herald", "2025-04-01T08:00:00", "Harbour order appears to keep trawlers away from Gull Rock wreck",
           "A new harbour order appears to show that about 2,000 fishing trips a year will have to change course near Porthaven.",
           MEMO, QUOTE, "The survey of the wreck began in March and is run by the coast guard with two chartered boats."),
    record("monitor-2", "Coastline Monitor", "2025-04-02T09:00:00", "Harbour order confirms trawler ban near Gull Rock",
           "A new harbour order confirms that over 5,000 fishing trips a year will have to change course near Porthaven.",
           MEMO + " Credit – Bay Herald", QUOTE,
           "Fishermen in the north basin told the Monitor they had not been consulted about the order at all."),
    record("signal-3", "Awake Signal", "2025-04-03T10:00:00", "Secret harbour ban exposed",
           "Coastline Monitor reports:",
           "A new harbour order confirms that over 5,000 fishing trips a year will have to change course near Porthaven.",
           MEMO, QUOTE, "Why would anyone close the sea to honest crews unless something is hidden down there?"),
    record("eyes-4", "Open Eyes News", "2025-04-04T11:00:00", "They are hiding what lies under Gull Rock",
           "According to the Valley Courier, the ban is only the beginning.",
           "A new harbour order confirms that over 5,000 fishing trips a year will have to change course near Porthaven.",
           # a new quotation that accuses is a new claim; one that only adds colour would not be
           MEMO, QUOTE, '"Nobody will ever be allowed near that wreck again, and the navy knew it all along," one captain told us.'),
]
OTHER = record("library-9", "Valley Courier", "2025-04-02T12:00:00", "Library opens on Sundays",
               "The Brenmoor library will open on Sundays from May after volunteers offered to staff the front desk.",
               "The council agreed the plan on Monday and will review it after six months of Sunday opening.")


@pytest.fixture
def corpus_file(write):
    def _make(records, name="chain.jsonl"):
        return write(name, "\n".join(json.dumps(r) for r in records) + "\n")
    return _make


@pytest.fixture
def linked(corpus_file, settings):
    path = corpus_file(CHAIN + [OTHER])
    with open_store(settings.db) as store:
        outcomes = list(analyze([str(path)], settings, store))
        assert [o.status for o in outcomes] == ["added"] * 5
        yield store, outcomes


def test_chain_is_one_story_and_distractor_another(linked):
    store, outcomes = linked
    stories = {o.article.id: o.article.story for o in outcomes}
    assert len({stories[i] for i in ("bay-1", "monitor-2", "signal-3", "eyes-4")}) == 1
    assert stories["library-9"] != stories["bay-1"]
    assert stories["bay-1"] == "story-bay-1"


def test_trace_edges_origin_and_laundering(linked):
    store, _ = linked
    trace = Corpus(store).trace(article="signal-3").to_dict()
    edges = {(e["from"], e["to"]): e for e in trace["edges"]}
    assert {"bay-1", "monitor-2"} <= {a["id"] for a in trace["articles"]}
    assert {"attribution", "reuse"} <= set(edges[("bay-1", "monitor-2")]["kinds"])
    assert {"attribution", "reuse"} <= set(edges[("monitor-2", "signal-3")]["kinds"])
    assert "silent copy" in edges[("signal-3", "eyes-4")]["kinds"]
    assert ("bay-1", "signal-3") not in edges  # the grandparent is reached through the parent
    assert trace["origins"] == ["bay-1"]
    assert trace["laundering"] == [{"article": "eyes-4", "cites": "Valley Courier", "actually_from": "signal-3"}]
    credit = next(ev for ev in edges[("bay-1", "monitor-2")]["evidence"] if ev["kind"] == "attribution")
    assert credit["cue"] == "credit" and "Credit – Bay Herald" in credit["text"]
    reuse = next(ev for ev in edges[("monitor-2", "signal-3")]["evidence"] if ev["kind"] == "reuse")
    assert reuse["words"] >= 20 and "harbour order" in reuse["text"]
    for e in trace["edges"]:
        assert 0 < e["confidence"] <= 1 and e["evidence"]


def test_mutations_along_the_chain(linked):
    store, _ = linked
    trace = Corpus(store).trace(story="story-bay-1").to_dict()
    found = {(m["edge"]["from"], m["edge"]["to"], m["type"]): m for m in trace["mutations"]}
    number = found[("bay-1", "monitor-2", "number")]
    assert (number["from_text"], number["to_text"]) == ("about 2,000", "over 5,000")
    assert ("bay-1", "monitor-2", "hedge") in found
    assert ("bay-1", "monitor-2", "framing") in found
    invented = [m for m in trace["mutations"] if m["type"] == "quote" and m["edge"]["to"] == "eyes-4"]
    assert invented and "Nobody will ever be allowed" in invented[0]["to_text"]
    assert not [m for m in trace["mutations"] if m["type"] == "quote" and "another hull" in m["to_text"]]


def test_linking_is_incremental_and_story_ids_are_stable(corpus_file, settings):
    first = corpus_file(CHAIN[:2], "first.jsonl")
    second = corpus_file(CHAIN[2:] + [OTHER], "second.jsonl")
    with open_store(settings.db) as store:
        list(analyze([str(first)], settings, store))
        assert store.links.stories_of(["bay-1"]) == {"bay-1": "story-bay-1"}
        assert store.links.unlinked_ids() == []
        outcomes = list(analyze([str(second)], settings, store))
        assert {o.article.id: o.article.story for o in outcomes}["eyes-4"] == "story-bay-1"
        report = Corpus(store).link()
        assert report.articles == 0  # nothing left to link


def test_an_older_article_added_later_joins_the_existing_story(corpus_file, settings):
    with open_store(settings.db) as store:
        list(analyze([str(corpus_file(CHAIN[1:3], "late.jsonl"))], settings, store))
        story = store.links.stories_of(["monitor-2"])["monitor-2"]
        list(analyze([str(corpus_file(CHAIN[:1], "origin.jsonl"))], settings, store))
        assert store.links.stories_of(["bay-1", "monitor-2"]) == {"bay-1": story, "monitor-2": story}
        trace = Corpus(store).trace(story=story).to_dict()
        assert ("bay-1", "monitor-2") in {(e["from"], e["to"]) for e in trace["edges"]}


def test_syndicated_copies_collapse_into_the_wire_origin(corpus_file, settings):
    body = [
        "ASHCOMBE (Meridian Wire) - Coastline Rail will stop 14 regional routes from June, the operator said on Monday, citing a fall in riders.",
        "The operator said ridership on the affected lines had fallen by 38% since 2019 and that buses would replace some services.",
        "Unions called the decision a betrayal of rural towns and said they would ask the transport ministry to intervene.",
    ]
    records = [record("wire-1", "Meridian Wire", "2025-03-10T06:00:00", "Rail cuts", *body)]
    for n, outlet in enumerate(["Valley Courier", "Northshore Gazette", "Harbor Lantern"], start=2):
        records.append(record(f"syn-{n}", outlet, f"2025-03-10T0{n + 5}:00:00", f"Rail cuts {n}", *body))
    with open_store(settings.db) as store:
        list(analyze([str(corpus_file(records))], settings, store))
        trace = Corpus(store).trace(article="wire-1").to_dict()
    edges = {(e["from"], e["to"]): e["kinds"] for e in trace["edges"]}
    assert set(edges) == {("wire-1", "syn-2"), ("wire-1", "syn-3"), ("wire-1", "syn-4")}
    assert all("syndication" in kinds for kinds in edges.values())
    assert trace["origins"] == ["wire-1"]


def test_trace_cli_text_and_json(linked, settings):
    runner = CliRunner()
    out = runner.invoke(main, ["trace", "eyes-4", "--db", settings.db, "--format", "json"], catch_exceptions=False)
    data = json.loads(out.stdout)
    assert set(data) >= {"story", "articles", "edges", "origins", "laundering", "mutations"}
    text = runner.invoke(main, ["trace", "--story", data["story"], "--db", settings.db], catch_exceptions=False).stdout
    assert "Bay Herald" in text and "└─▶" in text and "Hidden sources" in text and "Mutations:" in text
    stories = runner.invoke(main, ["stories", "--db", settings.db], catch_exceptions=False).stdout
    assert "story-bay-1" in stories and "4 articles" in stories
    missing = runner.invoke(main, ["trace", "--story", "story-nope", "--db", settings.db])
    assert missing.exit_code == 4


def test_a_figure_about_the_same_places_is_compared_though_the_sentences_differ():
    from newstrail.core.article import Article
    from newstrail.corpus.mutations import compare_articles

    first = Article(id="a", text="Officials said the flooded depot at Lowmarsh lies 45 km from Carrow Bay.")
    close = Article(id="b", text="Reporters who reached it found the Lowmarsh depot, a muddy site 27 miles outside Carrow Bay, empty.")
    equal = Article(id="c", text="Reporters who reached it found the Lowmarsh depot, a muddy site 28 miles outside Carrow Bay, empty.")
    elsewhere = Article(id="d", text="A second depot at Fenwick stands 27 miles from the coast road.")
    found = compare_articles(first, close, numbers_only=True)
    assert [(m.type, m.from_text, m.to_text) for m in found] == [("number", "45 km", "27 miles")]
    assert found[0].detail == "close: within 10%; about Bay, Carrow, Lowmarsh"
    assert compare_articles(first, equal, numbers_only=True) == []  # 28 miles is 45 km
    assert compare_articles(first, elsewhere, numbers_only=True) == []  # no shared places: not the same distance


def test_independent_reports_of_one_event_share_a_story_but_no_edge(tmp_path):
    records = [
        {"id": "ferry-a", "outlet": "Tarrow Tidings", "url": "https://tarrowtidings.example/ferry", "published": "2025-05-06T09:00:00",
         "title": "Tarrow Isle ferry suspended after crack found in hull",
         "text": "The Velmora Line suspended its Tarrow Isle ferry on Tuesday after inspectors found a 40 cm crack in the hull of the MV Corrant. "
                 "Harbourmaster Idris Vell said sailings would not resume before Friday.\n\nIslanders queued at the quay for the last crossing, "
                 "and the shop on Brannock Street sold out of bread by noon."},
        {"id": "ferry-b", "outlet": "Coastline Bulletin", "url": "https://coastlinebulletin.example/ferry", "published": "2025-05-06T15:00:00",
         "title": "Crack in hull halts Tarrow Isle ferry",
         "text": "Inspectors found a 40 cm crack in the hull of the MV Corrant on Tuesday, and the Velmora Line suspended the Tarrow Isle ferry. "
                 "Sailings will not resume before Friday, harbourmaster Idris Vell said.\n\nA chartered launch will carry post and medicines "
                 "twice a day, the island council decided at an evening meeting."},
        {"id": "ferry-c", "outlet": "Tarrow Tidings", "url": "https://tarrowtidings.example/summer", "published": "2025-05-07T10:00:00",
         "title": "Tarrow Isle ferry to add summer sailings",
         "text": "The Velmora Line will add two sailings a day on the Tarrow Isle ferry from June. Harbourmaster Idris Vell said the MV Corrant "
                 "would run the extra crossings.\n\nThe timetable will be posted at the quay and in the Brannock Street library next month."},
    ]
    path = tmp_path / "ferry.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    settings = Settings(db=str(tmp_path / "f.db"))
    with open_store(settings.db) as store:
        outcomes = list(analyze([str(path)], settings, store))  # stories are set once the run has linked
        stories = {o.article.id: o.article.story for o in outcomes}
        assert stories["ferry-a"] == stories["ferry-b"] != stories["ferry-c"]  # a look-alike of another event stays apart
        trace = Corpus(store).trace(article="ferry-b").to_dict()
    assert trace["edges"] == []  # neither copied the other
    # the earlier report starts the story; the later one tells it apart, fed by nothing
    # and taken from by no one: it is independent, not a second origin
    assert trace["origins"] == ["ferry-a"]
    assert trace["roles"] == {"ferry-a": "origin", "ferry-b": "independent"} and trace["amplifiers"] == []
    (pair,) = trace["related"]
    assert {pair["a"], pair["b"]} == {"ferry-a", "ferry-b"} and pair["similarity"] >= 0.93
    assert {"corrant", "velmora"} <= set(pair["shared"])


def test_trace_and_profile_build_a_story_graph_in_one_place(linked):
    store, outcomes = linked
    story = {o.article.id: o.article.story for o in outcomes}["bay-1"]
    graph = story_graph(store, story, resolver_for(store))
    trace = Corpus(store).trace(story=story)
    assert set(graph.articles) == {"bay-1", "monitor-2", "signal-3", "eyes-4"}
    assert {k: e.kinds for k, e in graph.edges.items()} == {k: e.kinds for k, e in trace.graph.edges.items()}
    assert story_graph(store, "story-none", OutletResolver()).articles == {}
