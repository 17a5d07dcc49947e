"""Rating lists and alias files: every layout, bad input, the store, identity, the CLI.

Every list here rates fictional outlets on the reserved ``.example`` TLD.
"""

import json
import os

import pytest
from click.testing import CliRunner
from hypothesis import given, settings as hsettings, strategies as st

from newstrail import open_store
from newstrail.cli import main
from newstrail.core.errors import BadRecord, ConfigError, UnreadableInput
from newstrail.outlets import Site, canonical_url, domain_of, parse_site
from newstrail.ratings.annotate import Ratings
from newstrail.analyze.outlet import OutletStage
from newstrail.corpus.outlets import resolver_for
from newstrail.outlets.resolver import OutletResolver
from newstrail.ratings.lists import read_alias_file, read_rating_list
from newstrail.core.verdicts import is_false_like, verdict_of
from newstrail.store.rows import Alias, RatingListInfo, RatingRow

WATCH_CSV = """outlet_url,name,reliability,ownership,mood ring
https://www.tidewaterbulletin.example/about,Tidewater Bulletin,high,reader co-op,calm
galereport.example,The Gale Report,low,undisclosed,stormy
not a site,Somebody,low,,
marshcourier.example/opinion,Marsh Courier,mixed,family,
"""

OPENSOURCES_JSON = """{
  "galereport.example" : {
    "type" : "fake",
    "2nd type" : "conspiracy",
    "3rd type" : "",
    "Source Notes (things to know?)" : "invents quotes"
  },
  "tidewaterbulletin.example" : {
    "type" : "reliable",
    "2nd type" : "",
    "3rd type" : "",
    "Source Notes (things to know?)" : ""
  },
  "galereport.example" : {
    "type" : "bias",
    "2nd type" : "",
    "3rd type" : "",
    "Source Notes (things to know?)" : "listed twice on purpose"
  }
}
"""

OPENSOURCES_CSV = """,type,2nd type,3rd type,Source Notes (things to know?),
galereport.example,fake,conspiracy,,invents quotes,
tidewaterbulletin.example,reliable,,,,
bad..example,satire,,,,
shinglepost.example,clickbait,,,"multi-line
note",an extra remark
"""


def test_parse_site_forms_and_rejections():
    assert parse_site("HTTPS://WWW.Tidewater.example/news/?x=1") == Site("tidewater.example", "/news")
    assert parse_site("ferry.co.uk") == Site("ferry.co.uk")
    assert parse_site("Gale.example/#top") == Site("gale.example")
    for bad in ("two words.example", "", "nodot", "bad..example", "-dash.example", "1.2.3"):
        with pytest.raises(ValueError):
            parse_site(bad)
    assert Site("marsh.example", "/opinion").covers("news.marsh.example", "/opinion/2025/x")
    assert not Site("marsh.example", "/opinion").covers("marsh.example", "/news")
    # the old module's functions still import from the package
    assert canonical_url("https://www.a.example/x/?utm_source=y") == "https://a.example/x"
    assert domain_of("https://news.ferry.co.uk/a") == "ferry.co.uk"


def test_generic_csv_site_column_by_name_unknown_columns_and_bad_row(write):
    found = read_rating_list(write("watchdog.csv", WATCH_CSV), date="2025-05-01")
    assert found.name == "watchdog" and found.layout == "csv" and (found.date, found.date_from) == ("2025-05-01", "given")
    assert [(r["host"], r["section"], r.get("name")) for r in found.rows] == [
        ("tidewaterbulletin.example", "/about", "Tidewater Bulletin"),
        ("galereport.example", "", "The Gale Report"),
        ("marshcourier.example", "/opinion", "Marsh Courier"),
    ]
    assert found.rows[1]["fields"] == {"reliability": "low", "ownership": "undisclosed", "mood ring": "stormy"}
    assert found.skipped == ["watchdog.csv:4: 'not a site' is not a domain (it contains spaces); row skipped"]
    assert len(found.warnings) == 1 and "'mood ring'" in found.warnings[0] and "reliability" not in found.warnings[0]
    assert "rating fields taken from the list: reliability, ownership, mood ring" in found.notes


def test_opensources_json_layout_keeps_duplicates_and_lines(write):
    found = read_rating_list(write("opensources.json", OPENSOURCES_JSON), date="2017-04-28")
    assert found.layout == "opensources-json" and not any("not among" in w for w in found.warnings)
    assert [(r["host"], r["line"], r["fields"]) for r in found.rows] == [
        ("galereport.example", 2, {"type": "fake", "2nd type": "conspiracy", "Source Notes (things to know?)": "invents quotes"}),
        ("tidewaterbulletin.example", 8, {"type": "reliable"}),
        ("galereport.example", 14, {"type": "bias", "Source Notes (things to know?)": "listed twice on purpose"}),
    ]
    assert found.warnings == ["opensources.json:14: galereport.example is listed again (first on line 2); both rows kept"]


def test_opensources_csv_layout_unnamed_columns(write):
    found = read_rating_list(write("os.csv", OPENSOURCES_CSV), date="2017")
    assert found.layout == "opensources-csv"
    assert [r["host"] for r in found.rows] == ["galereport.example", "tidewaterbulletin.example", "shinglepost.example"]
    assert found.skipped == ["os.csv:4: 'bad..example' is not a domain (expected a name like example.org); row skipped"]
    # the quoted note spans two lines; the unnamed last column carries a value and is named in a warning
    assert found.rows[2]["line"] == 5 and found.rows[2]["fields"]["column 6"] == "an extra remark"
    assert any("'column 6'" in w for w in found.warnings)


def test_json_mapping_records_jsonl_and_tsv(write):
    mapping = read_rating_list(write("scores.json", '{"galereport.example": "D-", "tidewaterbulletin.example": "A"}'), date="2025")
    assert mapping.layout == "json-mapping" and [r["fields"] for r in mapping.rows] == [{"rating": "D-"}, {"rating": "A"}]
    records = read_rating_list(write("recs.json", json.dumps({"sources": [
        {"site": "galereport.example", "name": "Gale Report", "score": 12},
        {"site": "bad site", "score": 1},
    ]}, indent=1)), date="2025")
    assert records.layout == "json-records" and records.rows[0]["fields"] == {"score": 12} and records.rows[0]["name"] == "Gale Report"
    assert records.skipped and records.skipped[0].startswith("recs.json:") and "bad site" in records.skipped[0]
    lines = read_rating_list(write("feed.jsonl", '{"domain": "galereport.example", "label": "x"}\n{broken\n{"domain": "a.example"}\n'), date="2025")
    assert [r["host"] for r in lines.rows] == ["galereport.example", "a.example"] and lines.skipped[0].startswith("feed.jsonl:2:")
    tsv = read_rating_list(write("t.tsv", "website\tbias\nhttp://marshcourier.example\tleft\n"), date="2025")
    assert tsv.layout == "tsv" and tsv.rows[0]["host"] == "marshcourier.example" and tsv.rows[0]["fields"] == {"bias": "left"}


def test_row_number_column_is_left_out(write):
    found = read_rating_list(write("w.csv", ",url,type\n0,galereport.example,fake\n1,marshcourier.example,bias\n"), date="2025")
    assert [r["fields"] for r in found.rows] == [{"type": "fake"}, {"type": "bias"}]
    assert any("row numbers" in n for n in found.notes)


def test_whole_file_problems_raise(write):
    with pytest.raises(BadRecord, match="no site column"):
        read_rating_list(write("x.csv", "colour,score\nred,1\nblue,2\n"), date="2025")
    with pytest.raises(BadRecord, match=r"bad\.json:2"):
        read_rating_list(write("bad.json", '{"a.example":\n ,}'), date="2025")
    with pytest.raises(UnreadableInput, match="no such file"):
        read_rating_list("/nonexistent/list.csv")
    with pytest.raises(ConfigError, match="YYYY-MM-DD"):
        read_rating_list(write("ok.csv", "domain,x\na.example,1\n"), date="last week")


def test_date_defaults_to_file_mtime(write):
    path = write("old.csv", "domain,x\na.example,1\n")
    os.utime(path, (1_700_000_000, 1_700_000_000))
    found = read_rating_list(path)
    assert (found.date, found.date_from) == ("2023-11-14", "file modified")


@hsettings(max_examples=30, deadline=None)
@given(st.dictionaries(
    st.from_regex(r"[a-z][a-z0-9]{0,10}\.example", fullmatch=True),
    st.dictionaries(st.sampled_from(["rating", "notes", "score"]), st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1).map(str.strip).filter(bool), min_size=1),
    min_size=1, max_size=6,
))
def test_generic_json_round_trip(tmp_path_factory, table):
    path = tmp_path_factory.mktemp("rt") / "list.json"
    path.write_text(json.dumps(table, ensure_ascii=False, indent=2), encoding="utf-8")
    found = read_rating_list(path, date="2025")
    assert {r["host"]: r["fields"] for r in found.rows} == table and not found.skipped


# the store: lists side by side, re-import ------------------------------------------------
def test_reimport_replaces_and_lists_sit_side_by_side(write, store):
    first = read_rating_list(write("watchdog.csv", WATCH_CSV), date="2025-05-01")
    assert store.ratings.put_list(first.info(), first.store_rows()) is None
    assert store.ratings.put_list(first.info(), first.store_rows()) == 3  # replaced, not doubled
    other = read_rating_list(write("opensources.json", OPENSOURCES_JSON), date="2017-04-28")
    store.ratings.put_list(other.info(), other.store_rows())
    lists = {item.name: item.rows for item in store.ratings.lists()}
    assert lists == {"watchdog": 3, "opensources": 3}
    rows = [r.to_dict() for r in store.ratings.rows_for(hosts=["galereport.example"])]
    assert [(r["list"], r["fields"].get("type") or r["fields"].get("reliability")) for r in rows] == [
        ("opensources", "fake"), ("opensources", "bias"), ("watchdog", "low")]


# identity: renames, mastheads, platforms ---------------------------------------------------
ALIASES = """alias,domain,note
gale-news.example,galereport.example,renamed in 2024
Gale News,galereport.example,
The Old Tide,https://tidewaterbulletin.example,
bad alias,not a domain,
"""


def test_alias_file_and_rename_resolution(write, store):
    found = read_alias_file(write("aliases.csv", ALIASES))
    assert [(r["alias"], r["kind"], r["domain"]) for r in found.rows] == [
        ("gale-news.example", "domain", "galereport.example"),
        ("name:gale news", "name", "galereport.example"),
        ("name:old tide", "name", "tidewaterbulletin.example"),
    ]
    assert found.skipped == ["aliases.csv:5: target 'not a domain' is not a domain (it contains spaces); skipped"]
    store.ratings.put_aliases(found.aliases())
    ident = OutletResolver([("The Gale Report", "galereport.example"), ("Tidewater Bulletin", "tidewaterbulletin.example")], [a.to_dict() for a in store.ratings.aliases()])
    old = ident.resolve("https://gale-news.example/2023/ferry")
    assert old.domain == "galereport.example" and old.domains == ["galereport.example", "gale-news.example"]
    assert old.how.startswith("old domain of galereport.example (renamed in 2024)") and old.names == ["Gale News", "The Gale Report"][1:]
    assert ident.resolve("galereport.example").domains == ["galereport.example", "gale-news.example"]
    assert ident.resolve("Gale News").domain == "galereport.example"
    assert ident.resolve("the Old Tide").domain == "tidewaterbulletin.example"
    assert ident.resolve("Tidewater Bulletin").how == "masthead known from the corpus"
    blog = ident.resolve("https://shinglewatch.wordpress.com/2025/x")
    assert blog.domain == "shinglewatch.wordpress.com" and blog.hosts == ["shinglewatch.wordpress.com"]
    assert ident.resolve("Nobody Knows This Paper") is None


def test_masthead_resolves_through_a_list_name_column(write, store):
    found = read_rating_list(write("watchdog.csv", WATCH_CSV), date="2025-05-01")
    store.ratings.put_list(found.info(), found.store_rows())
    ident = resolver_for(store)
    outlet = ident.resolve("Marsh Courier")
    assert outlet.domain == "marshcourier.example" and "rating list" in outlet.how


def test_outlet_stage_gives_domains(store):
    from newstrail.core.article import Article

    store.ratings.put_aliases([Alias("gale-news.example", "domain", "gale-news.example", "galereport.example")])
    stage = OutletStage(resolver_for(store))
    first = stage(Article(text="x", url="https://gale-news.example/a", outlet="The Gale Report", domain="gale-news.example"))
    assert first.outlet_domain == "galereport.example" and first.outlet_domain_via == "renamed from gale-news.example"
    later = stage(Article(text="y", outlet="Gale Report"))  # no URL: the masthead learnt above gives the domain
    assert later.domain == "galereport.example" and later.outlet_domain_via == "masthead"
    unknown = stage(Article(text="z", outlet="Nobody Knows This Paper"))
    assert unknown.domain is None and unknown.outlet_domain is None


def test_ratings_for_urls_sections_and_old_domains(write, store):
    watch = read_rating_list(write("watchdog.csv", WATCH_CSV), date="2025-05-01")
    store.ratings.put_list(watch.info(), watch.store_rows())
    store.ratings.put_list(RatingListInfo("old-index", date="2022"), [
        RatingRow(host="gale-news.example", domain="gale-news.example", fields={"score": 9}, line=2)])
    store.ratings.put_aliases([Alias("gale-news.example", "domain", "gale-news.example", "galereport.example")])
    ratings = Ratings(store)
    gale = ratings.for_url("https://news.galereport.example/2025/05/ferry")
    assert [(r["list"], r["via"]) for r in gale] == [
        ("old-index", "old domain gale-news.example of the same outlet"), ("watchdog", "parent domain")]
    assert [r["list"] for r in ratings.for_url("https://marshcourier.example/opinion/tides")] == ["watchdog"]
    assert ratings.for_url("https://marshcourier.example/news/tides") == []  # the list rates the opinion section only
    assert ratings.for_url("https://tidewaterbulletin.example/") == []  # ... and only the Bulletin's /about page


def test_verdicts():
    for text in ("False", "Mostly false", "Pants on Fire!", "Fake", "Misleading", "Four Pinocchios", "Not true", "FALSO", "mostly-false"):
        assert is_false_like(text), text
    for text in ("True", "Mostly true", "Correct", None, "", "Satire"):
        assert not is_false_like(text), text
    assert verdict_of("Half true") == verdict_of("Unproven") == "mixed"


# the CLI ---------------------------------------------------------------------------------
def test_cli_import_list_aliases_and_exit_codes(write, settings):
    runner = CliRunner()
    db = ["--db", settings.db]
    watch, os_json, aliases = write("watchdog.csv", WATCH_CSV), write("opensources.json", OPENSOURCES_JSON), write("aliases.csv", ALIASES)
    result = runner.invoke(main, ["sources", "import", str(watch), "--date", "2025-05-01", *db])
    assert result.exit_code == 1  # a row was skipped
    assert "watchdog.csv:4: 'not a site' is not a domain" in result.output and "'mood ring'" in result.output
    assert "watchdog: 3 sites imported (csv), 1 skipped; dated 2025-05-01 (--date)" in result.output
    result = runner.invoke(main, ["sources", "import", str(os_json), *db])
    assert result.exit_code == 0 and "the file modification date" in result.output
    again = runner.invoke(main, ["sources", "import", str(os_json), "--name", "opensources", *db])
    assert "replaced the 3 rows imported before under this name" in again.output
    broken = runner.invoke(main, ["sources", "import", str(write("x.csv", "colour\nred\n")), str(os_json), *db])
    assert broken.exit_code == 1 and "no site column" in broken.output and "opensources: 3 sites imported" in broken.output
    result = runner.invoke(main, ["sources", "aliases", str(aliases), *db])
    assert "3 aliases imported, 1 skipped" in result.output and "aliases.csv:5" in result.output
    listing = runner.invoke(main, ["sources", "list", *db])
    assert listing.exit_code == 0 and "watchdog" in listing.output and "2 list(s), 3 alias(es)" in listing.output
    shown = runner.invoke(main, ["sources", "show", "gale-news.example", "--format", "json", *db])
    assert shown.exit_code == 0, shown.output
    profile = json.loads(shown.output)
    assert profile["outlet"]["domain"] == "galereport.example"
    assert sorted({r["list"] for r in profile["ratings"]}) == ["opensources", "watchdog"]
    assert len([r for r in profile["ratings"] if r["list"] == "opensources"]) == 2  # both rows, side by side
    text = runner.invoke(main, ["sources", "show", "Gale News", *db]).output
    assert "same outlet: gale-news.example -> galereport.example (renamed in 2024)" in text
    assert "watchdog (2025-05-01) on galereport.example: reliability: low" in text and "nothing is averaged" in text
    missing = runner.invoke(main, ["sources", "show", "Nobody Knows This Paper", *db])
    assert missing.exit_code == 4 and "no outlet 'Nobody Knows This Paper'" in missing.output


def test_cli_show_needs_a_store(tmp_path):
    result = CliRunner().invoke(main, ["sources", "show", "a.example", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 3 and "no store here" in result.output


def test_sample_lists_import_cleanly():
    from newstrail.api import sample_corpus

    folder = sample_corpus().parent / "ratings"
    for path in sorted(folder.glob("*-*.*")):
        if path.suffix in (".csv", ".json"):
            found = read_rating_list(path, date="2025-04-01")
            assert found.rows and not found.skipped, path
    assert not read_alias_file(folder / "aliases.csv").skipped


def test_masthead_spelling_a_listed_site_name(write, store):
    found = read_rating_list(write("os.csv", OPENSOURCES_CSV), date="2017")
    store.ratings.put_list(found.info(), found.store_rows())
    ident = OutletResolver([("Shingle Post", None)], listed=store.ratings.listed_sites())
    outlet = ident.resolve("The Shingle Post")
    assert outlet.domain == "shinglepost.example" and "spells the name of a listed site" in outlet.how
    assert ident.resolve("Gale") is None  # too short to be taken for galereport
