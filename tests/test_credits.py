"""Credits that resolve to the corpus article, and edges that point the right way.

Every outlet, place, person and event here is fictional, written for these tests.
"""

import json

from newstrail import Article, Settings, analyze, open_store
from newstrail.analyze.attributions import attributions_in
from newstrail.core.article import Attribution, Passage
from newstrail.corpus import Corpus
from newstrail.corpus.provenance import build_graph
from newstrail.outlets.resolver import OutletResolver, former_names
from newstrail.store.rows import Cite, ReusedPassage


def credits(text, **kw):
    return [(a.cue, a.source, a.kind, a.where) for a in attributions_in(text, **kw) if a.kind == "outlet"]


# forms of credit ---------------------------------------------------------------------------
def test_wire_dateline_after_a_title_and_date_line_credits_the_wire():
    text = "Harbour cranes idle after storm\n\nMonday 3 March 2025\n\nBRISKHAVEN, March 3 (NWS) — Two cranes were idle on Monday."
    assert ("dateline", "NWS", "outlet", "text") in credits(text, outlet="The Pellow Courier", domain="pellowcourier.example")


def test_a_wires_own_acronym_dateline_is_not_a_credit():
    text = "BRISKHAVEN, March 3 (NWS) — Two cranes were idle on Monday, the port said."
    assert credits(text, outlet="Northwind Wire Service", domain="nws.example") == []


def test_pieces_interviews_and_finders_are_credits():
    assert credits("The claim, made in a column in The Pellow Courier, was repeated widely.") == [
        ("reported in", "The Pellow Courier", "outlet", "text")]
    assert credits("The error was pointed out to us by ClaimWatch Ostra, the independent fact-checking service.") == [
        ("pointed out", "ClaimWatch Ostra", "outlet", "text")]
    assert credits("The gap was first pointed out on Friday evening by the shipping newsletter Anchor Notes.") == [
        ("pointed out", "Anchor Notes", "outlet", "text")]
    assert credits("A deckhand described the crash to the Tollin Advertiser, a local newspaper.") == [
        ("told", "the Tollin Advertiser", "outlet", "text")]


def test_people_spoken_to_are_not_outlets():
    assert credits("She spoke to reporters on Monday.") == []
    assert credits("The fault was spotted by Mira Osk, an engineer.") == []


def test_a_name_ends_before_its_date():
    found = attributions_in("The chief executive, speaking to the Pellow Courier on Wednesday morning, denied it.")
    assert [a.source for a in found if a.kind == "outlet"] == ["the Pellow Courier"]


def test_an_outlet_citing_its_own_earlier_report_is_marked_own():
    text = "Power was back by noon. As NWS reported earlier on Monday, the blaze began in a transformer."
    assert ("reported", "NWS", "outlet", "own") in credits(text, outlet="Northwind Wire Service", domain="nws.example")
    # naming itself without pointing back is no credit at all
    assert credits("Northwind Wire Service reported the figures.", outlet="Northwind Wire Service", domain="nws.example") == []


# the resolver -------------------------------------------------------------------------------
def test_former_names_come_from_the_outlets_own_words():
    assert former_names("Tollin Now (formerly the Tollin & District Advertiser) serves the valley.", "Tollin Now") == [
        "Tollin & District Advertiser"]
    assert former_names("Tollin Now is not formerly anything.", "Tollin Now") == []


def test_an_old_name_resolves_by_its_words_to_the_renamed_outlet():
    alias = {"alias": "name:tollin district advertiser", "kind": "name", "text": "Tollin & District Advertiser", "domain": "tollinnow.example"}
    r = OutletResolver([("Tollin Now", "tollinnow.example"), ("Tollin Gazette", "tollingazette.example")], [alias])
    assert r.corpus_outlets("the Tollin Advertiser") == ["Tollin Now"]
    assert r.corpus_outlets("Tollin & District Advertiser") == ["Tollin Now"]


def test_a_name_inside_another_stays_apart():
    r = OutletResolver([("Pellow Echo", "pellowecho.example"), ("Pellow Echo Sunday", "sunday.pellowecho.example"),
                        ("Ostra Gazette", "ostragazette.example"), ("North Ostra Gazette", "northostragazette.example")])
    assert r.corpus_outlets("the Pellow Echo Sunday") == ["Pellow Echo Sunday"]
    assert r.corpus_outlets("the Pellow Echo") == ["Pellow Echo"]
    assert r.corpus_outlets("the North Ostra Gazette") == ["North Ostra Gazette"]
    assert r.corpus_outlets("the Ostra Gazette") == ["Ostra Gazette"]


# the graph ------------------------------------------------------------------------------------
POST = (
    "Staff at the Ostra Mutual branch in Kellby were apparently told to expect a limit on cash withdrawals "
    "of 300 crowns a week, and to prepare for awkward talks with savers over the coming weeks."
)


def _pair(blog_credits: bool = False):
    blog = Article(id="blog", text=POST, outlet="Kellby Murmurs", published=None)
    copy = Article(id="copy", text=POST, outlet="PennySense", published="2025-05-07T09:05:00Z",
                   attributions=[Attribution("according to", "the Ostra Gazette", "outlet", outlet="ostra gazette")])
    if blog_credits:
        blog.attributions = [Attribution("reported", "PennySense", "outlet", outlet="pennysense")]
    passage = Passage(0, len(POST), 0, len(POST), len(POST.split()))
    return build_graph([blog, copy], [ReusedPassage("copy", "blog", passage)], [], {}, OutletResolver())


def test_an_undated_original_feeds_a_dated_copy_that_credits_someone_else():
    graph = _pair()
    assert ("blog", "copy") in graph.edges and ("copy", "blog") not in graph.edges


def test_an_undated_page_that_credits_the_dated_one_is_its_copy():
    graph = _pair(blog_credits=True)
    assert ("copy", "blog") in graph.edges and ("blog", "copy") not in graph.edges


def test_a_credit_left_open_resolves_to_the_credited_outlets_article_in_the_story():
    first = Article(id="w1", text="Cranes idle at Briskhaven.", outlet="Northwind Wire Service", published="2025-03-03T07:00:00Z")
    later = Article(id="w2", text="Cranes idle at Briskhaven, still.", outlet="Northwind Wire Service", published="2025-03-03T15:00:00Z")
    check = Article(id="fc", text="Northwind Wire Service reported the cranes were idle.", outlet="Ostra Radio",
                    published="2025-03-03T12:00:00Z", attributions=[Attribution("reported", "Northwind Wire Service", "outlet")])
    resolver = OutletResolver([("Northwind Wire Service", "nws.example"), ("Ostra Radio", "ostraradio.example")])
    graph = build_graph([first, later, check], [], [], {}, resolver)
    # the latest article of that outlet published before the credit, never a later one
    assert list(graph.edges) == [("w1", "fc")]


def test_an_own_earlier_report_feeds_the_update():
    first = Article(id="w1", text="Cranes idle.", outlet="Northwind Wire Service", published="2025-03-03T07:00:00Z")
    update = Article(id="w2", text="Cranes back.", outlet="Northwind Wire Service", published="2025-03-03T15:00:00Z",
                     attributions=[Attribution("reported", "NWS", "outlet", where="own")])
    graph = build_graph([first, update], [], [], {}, OutletResolver([("Northwind Wire Service", "nws.example")]))
    assert list(graph.edges) == [("w1", "w2")]


# end to end: acronym datelines, renames, the time window ------------------------------------
WIRE = (
    "BRISKHAVEN, March 3 (NWS) — Two container cranes at Briskhaven's Tarrow Quay stood idle on Monday after a storm "
    "tore a cable loose, the port authority said, leaving 14 ships waiting at anchor in the Pellow Sound."
)


def test_acronym_datelines_and_old_names_resolve_to_the_corpus_article(tmp_path):
    records = [
        {"id": "nws-1", "outlet": "Northwind Wire Service", "url": "https://nws.example/cranes", "published": "2025-03-03T08:00:00+01:00",
         "title": "Storm idles Briskhaven cranes", "text": WIRE + "\n\nRepairs are expected to take three days, the authority said."},
        {"id": "copy-1", "outlet": "The Pellow Courier", "url": "https://pellowcourier.example/cranes", "published": "2025-03-03T08:06:00+01:00",
         "title": "Cranes idle at Tarrow Quay", "text": "Cranes idle at Tarrow Quay\n\n" + WIRE + "\n\nShipping agents in Pellow said delays would spread."},
        {"id": "renamed-1", "outlet": "Tollin Now", "url": "https://tollinnow.example/cranes", "published": "2025-03-03T09:00:00+01:00",
         "title": "Tollin crews sent to Briskhaven", "text": "Crews from Tollin were sent to Briskhaven's Tarrow Quay on Monday to help repair "
         "the storm-damaged cranes, with 14 ships waiting in the Pellow Sound.\n\nTollin Now (formerly the Tollin & District Advertiser) "
         "covers the valley every day."},
        {"id": "column-1", "outlet": "The Ostra Review", "url": "https://ostrareview.example/cranes", "published": "2025-03-03T12:00:00Z",
         "title": "A port run on luck", "text": "According to the Tollin Advertiser, crews from Tollin were sent to Briskhaven's Tarrow Quay "
         "to repair the storm-damaged cranes while 14 ships waited in the Pellow Sound. The port has been lucky for too long.\n\n"
         "Every winter the same cables fail, and every winter the authority promises a review that never comes. The quay "
         "was built for smaller ships and lighter loads, and the storms in the Pellow Sound are not getting any milder."},
    ]
    path = tmp_path / "cranes.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    with open_store(str(tmp_path / "c.db")) as store:
        list(analyze([str(path)], Settings(db=str(tmp_path / "c.db")), store))  # analyze is lazy
        edges = {(e["from"], e["to"]) for e in Corpus(store).trace(article="column-1").to_dict()["edges"]}
        copy_edges = {(e["from"], e["to"]) for e in Corpus(store).trace(article="copy-1").to_dict()["edges"]}
    assert ("renamed-1", "column-1") in edges
    assert not any(source.startswith("external:") for source, _ in edges)
    assert ("nws-1", "copy-1") in copy_edges and ("copy-1", "nws-1") not in copy_edges


def test_a_publication_named_with_what_it_is_is_credited_whatever_the_verb():
    assert credits("The specialist rail site The Signalbox, carrying the wire report, put the delay at an hour.") == [
        ("named", "The Signalbox", "outlet", "text")]
    # a verb cue still names the form
    assert credits("The news site Haber Lantern said the pier closed.") == [("said", "Haber Lantern", "outlet", "text")]


def test_the_figures_of_a_credit_pick_the_wires_update(tmp_path):
    first = ("BRISKHAVEN, March 3 (NWS) — A crane collapsed at Briskhaven's Tarrow Quay on Monday morning and several dock "
             "workers were hurt, the Briskhaven port authority said. Ships in the Pellow Sound were held at anchor by the "
             "harbour master while inspectors from the Ostra Safety Board examined the crane.")
    update = ("BRISKHAVEN, March 3 (NWS) — Eleven dock workers were treated at Briskhaven General Hospital after Monday's crane "
              "collapse at Tarrow Quay, and seven of the eleven have gone home, the hospital said. Inspectors from the Ostra "
              "Safety Board removed the crane's control unit; ships in the Pellow Sound were still held at anchor.")
    check = ("Ostra Radio checked the claims about the Tarrow Quay crane. The hospital's figure, as NWS reported on Monday "
             "afternoon, is 11, of whom 7 have gone home. Ships in the Pellow Sound were held at anchor while the Ostra "
             "Safety Board examined the crane at Briskhaven, and the port authority has promised a full report.")
    records = [
        {"id": "nws-a", "outlet": "Northwind Wire Service", "url": "https://nws.example/a", "published": "2025-03-03T09:00:00Z", "title": "Crane collapses", "text": first},
        {"id": "nws-b", "outlet": "Northwind Wire Service", "url": "https://nws.example/b", "published": "2025-03-03T15:00:00Z", "title": "Eleven treated", "text": update},
        {"id": "radio", "outlet": "Ostra Radio", "url": "https://ostraradio.example/c", "published": "2025-03-04T09:00:00Z", "title": "Crane claims checked", "text": check},
    ]
    path = tmp_path / "crane.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    with open_store(str(tmp_path / "d.db")) as store:
        list(analyze([str(path)], Settings(db=str(tmp_path / "d.db")), store))
        edges = {(e["from"], e["to"]) for e in Corpus(store).trace(article="radio").to_dict()["edges"]}
    assert ("nws-b", "radio") in edges and ("nws-a", "radio") not in edges


def test_a_credit_resolved_to_a_later_article_falls_back_to_an_earlier_one():

    first = Article(id="w1", text="Cranes idle.", outlet="Northwind Wire Service", published="2025-03-03T07:00:00Z")
    later = Article(id="w2", text="Cranes back.", outlet="Northwind Wire Service", published="2025-03-03T07:30:00Z")
    copy = Article(id="c", text="Cranes idle, NWS said.", outlet="Pellow Courier", published="2025-03-03T07:10:00Z",
                   attributions=[Attribution("said", "NWS", "outlet", outlet="nws")])
    resolver = OutletResolver([("Northwind Wire Service", "nws.example"), ("Pellow Courier", "pellowcourier.example")])
    graph = build_graph([first, later, copy], [], [Cite("c", "nws", "w2")], {}, resolver)
    assert list(graph.edges) == [("w1", "c")]



# credits resolved at linking time, read again at trace time ------------------------------------
def test_a_stored_credit_goes_to_the_outlets_article_the_text_comes_from():
    # linking resolved the copy's credit of the wire to its first version (the update was
    # not stored yet); the copy's text comes from the update
    first = Article(id="w1", text="Cranes idle at Briskhaven.", outlet="Northwind Wire Service", published="2025-03-03T07:00:00Z")
    update = Article(id="w2", text=POST, outlet="Northwind Wire Service", published="2025-03-03T15:00:00Z")
    copy = Article(id="copy", text=POST, outlet="Ostra Radio", published="2025-03-03T18:00:00Z",
                   attributions=[Attribution("dateline", "NWS", "outlet")])
    resolver = OutletResolver([("Northwind Wire Service", "nws.example"), ("Ostra Radio", "ostraradio.example")])
    passage = Passage(0, len(POST), 0, len(POST), len(POST.split()))
    graph = build_graph([first, update, copy], [ReusedPassage("w2", "copy", passage)], [Cite("copy", "nws", "w1")], {}, resolver)
    assert ("w2", "copy") in graph.edges and "attribution" in graph.edges[("w2", "copy")].kinds
    assert ("w1", "copy") not in graph.edges


def test_a_stored_credit_to_a_name_holding_another_outlets_name_is_read_again():
    # linking resolved "the North Ostra Gazette" to the Ostra Gazette before any article of
    # the North Ostra Gazette was stored
    gazette = Article(id="g", text="The society says savers' money is safe.", outlet="Ostra Gazette", published="2025-05-07T08:00:00Z")
    north = Article(id="n", text=POST, outlet="North Ostra Gazette", published="2025-05-07T10:00:00Z")
    flash = Article(id="f", text=POST, outlet="Ostra Flash", published="2025-05-07T15:00:00Z",
                    attributions=[Attribution("reported", "the North Ostra Gazette", "outlet")])
    resolver = OutletResolver([("Ostra Gazette", "ostragazette.example"), ("North Ostra Gazette", "northostragazette.example"),
                               ("Ostra Flash", "ostraflash.example")])
    passage = Passage(0, len(POST), 0, len(POST), len(POST.split()))
    graph = build_graph([gazette, north, flash], [ReusedPassage("n", "f", passage)], [Cite("f", "north ostra gazette", "g")], {}, resolver)
    assert ("n", "f") in graph.edges and "attribution" in graph.edges[("n", "f")].kinds
    assert ("g", "f") not in graph.edges
