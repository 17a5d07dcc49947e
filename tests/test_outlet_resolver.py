"""The one outlet resolver: keys, names, acronyms, domains; the same answer at link,
trace and profile time; and an order of commands that does not matter.

Every outlet here is fictional, on the reserved ``.example`` TLD.
"""

import json

import pytest
from click.testing import CliRunner

from newstrail.analyze.attributions import attributions_in
from newstrail.analyze.outlet import OutletStage
from newstrail.cli import main
from newstrail.core.article import Article
from newstrail.corpus.outlets import refresh_domains, resolver_for
from newstrail.corpus.provenance import external_node
from newstrail.outlets.keys import initials, outlet_key
from newstrail.outlets.resolver import ListedSite, OutletResolver, masthead_like
from newstrail.ratings.profile import outlet_profile
from newstrail.store.rows import Alias

PAIRS = [
    ("The Harbor Lantern", "harborlantern.example"),
    ("Northgate Wire Service", "northgatewire.example"),
    ("Relay Desk: dispatches from Corvid Arabic and partners", "relaydesk.example"),
    ("Corvid Arabic Says Ferry Fares Will Rise", "headlines.example"),
]


def test_keys_are_case_insensitive_and_acronyms_come_from_initials():
    assert outlet_key("KESTRELPost") == outlet_key("KestrelPost") == outlet_key("kestrelpost")
    assert initials("Northgate Wire Service") == {"nws"}
    assert initials("Voice of the Ilvara Coast") == {"votic", "vic"}
    assert masthead_like("Corvid Arabic") and not masthead_like(PAIRS[2][0])


def test_a_credit_never_resolves_by_words_inside_a_description_or_a_title():
    resolver = OutletResolver(PAIRS)
    assert resolver.corpus_outlets("Corvid Arabic") == []
    assert resolver.find("Corvid Arabic") is None and resolver.domain_for_name("Corvid Arabic") is None
    assert external_node("Corvid Arabic", resolver) == "external:Corvid Arabic"
    # the outlet's own names still resolve: exact, partial masthead, domain, squeezed
    assert resolver.corpus_outlets("the Lantern") == ["The Harbor Lantern"]
    assert resolver.corpus_outlets("harborlantern.example") == ["The Harbor Lantern"]
    assert resolver.corpus_outlets("HarborLantern") == ["The Harbor Lantern"]
    assert resolver.corpus_outlets(PAIRS[2][0]) == [PAIRS[2][0]]


def test_case_variants_of_a_name_are_one_outlet():
    resolver = OutletResolver([("KESTRELPost", "kestrelpost.example"), ("KestrelPost", None), ("Bay Herald", "bayherald.example")])
    assert resolver.corpus_outlets("KestrelPost") == resolver.corpus_outlets("KESTRELPOST") == ["KESTRELPost"]
    outlet = resolver.resolve("kestrelpost")
    assert outlet is not None and outlet.domain == "kestrelpost.example" and outlet.key == "kestrelpost"
    assert outlet.names == ["KESTRELPost", "KestrelPost"] and outlet.name == "KESTRELPost"
    assert resolver.spellings(["KestrelPost"]) == ["KESTRELPost", "KestrelPost"]
    assert resolver.same_outlet("KestrelPost", "KESTRELPost")
    # an article under either spelling gets the one domain
    article = OutletStage(resolver)(Article(id="k1", text="Pier closed.", outlet="KestrelPost"))
    assert article.domain == "kestrelpost.example"


@pytest.mark.parametrize("text", [
    "PORTHAVEN (NWS) — The harbour authority closed Pier 9 on Monday after a crane collapsed.",
    "The harbour authority closed Pier 9 on Monday after a crane collapsed. Reporting by NWS; editing by Ilse Varga.",
])
def test_wire_credits_by_acronym_resolve_when_one_outlet_fits(text):
    resolver = OutletResolver(PAIRS)
    found = [(a.source, a.kind, a.outlet) for a in attributions_in(text, known_outlets=resolver)]
    assert ("NWS", "outlet", "northgate wire service") in found
    assert resolver.corpus_outlets("NWS") == ["Northgate Wire Service"]
    assert "nws" in resolver.cite_keys("Northgate Wire Service")
    # two outlets with the same initials: the acronym names neither
    both = OutletResolver([*PAIRS, ("Nordic Weather Society", "nordicweather.example")])
    assert both.corpus_outlets("NWS") == [] and both.find("NWS") is None


def test_lists_and_aliases_resolve_mastheads_from_plain_rows():
    listed = [ListedSite("Marsh Courier", "marshcourier.example", "marshcourier.example"),
              ListedSite(None, "www.globalbeacon.example", "globalbeacon.example")]
    aliases = [{"alias": "name:old tide", "kind": "name", "text": "Old Tide", "domain": "tidewater.example", "source": "a.csv"}]
    resolver = OutletResolver([("Global Beacon", None)], aliases, listed)
    assert resolver.domain_for_name("Marsh Courier") == "marshcourier.example"
    assert resolver.domain_for_name("Global Beacon") == "www.globalbeacon.example"
    assert resolver.resolve("the Old Tide").how.startswith("alias of tidewater.example")


GLOBAL_BEACON = """---
id: beacon-1
title: Ferry Fares Rise Again
outlet: Global Beacon
published: 2025-03-04
---
Ferry fares between Porthaven and the outer islands rise by a fifth from April, the operator said on Tuesday.
"""


def _run(*args):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def test_an_article_analysed_before_the_list_gets_its_domain_when_the_list_is_imported(write, tmp_path):
    db = str(tmp_path / "order.db")
    _run("analyze", str(write("beacon.md", GLOBAL_BEACON)), "--db", db)
    before = json.loads(_run("sources", "show", "globalbeacon.example", "--db", db, "--format", "json").stdout)
    assert before["corpus"]["articles"]["value"] == 0
    _run("sources", "import", str(write("watch.csv", "domain,rating\nglobalbeacon.example,low\n")), "--date", "2025-04-01", "--db", db)
    for query in ("globalbeacon.example", "Global Beacon"):
        shown = json.loads(_run("sources", "show", query, "--db", db, "--format", "json").stdout)
        assert shown["corpus"]["articles"]["value"] == 1, query
    stored = json.loads(_run("show", "beacon-1", "--db", db, "--format", "json").stdout)
    assert stored["domain"] == "globalbeacon.example"


def test_an_alias_imported_later_gives_the_domain_too(write, store):
    store.articles.put_many([Article(id="tide-1", text="The Old Tide reports the pier is shut for repairs this week.", outlet="Old Tide")])
    assert resolver_for(store).domain_for_name("Old Tide") is None
    store.ratings.put_aliases([Alias("name:old tide", "name", "Old Tide", "tidewater.example")])
    assert refresh_domains(store) == 1 and refresh_domains(store) == 0
    assert store.articles.get("tide-1").domain == "tidewater.example"
    assert outlet_profile(store, "tidewater.example")["corpus"]["articles"]["value"] == 1


def test_the_attribution_and_outlet_stages_share_one_resolver(store):
    from newstrail.core.config import Settings
    from newstrail.engines.stages import StageContext, build_pipeline

    store.articles.put_many([Article(id="n1", text="Pier 9 reopened on Friday after repairs.", outlet="Northgate Wire Service",
                            url="https://northgatewire.example/pier")])
    pipe = build_pipeline(Settings(pipeline=("clean", "sentences", "attributions", "outlet")), StageContext(store))
    by_name = {stage.name: stage for stage in pipe.stages}
    assert by_name["attributions"]._known is by_name["outlet"].resolver
    assert by_name["outlet"].resolver.find("NWS") == "Northgate Wire Service"
