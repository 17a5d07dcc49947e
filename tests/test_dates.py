"""One date type: the parser, the stored form, instants in SQL and in the provenance graph.

Every outlet, story and date here is fictional, written for these tests.
"""

import json
import sqlite3
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, strategies as st

from newstrail import Article, Settings, analyze, open_store
from newstrail.core.article import Passage
from newstrail.core.dates import UTC, day_of, has_time, instant_key, normalise_date, parse_date, sort_key, to_iso
from newstrail.corpus import Corpus
from newstrail.corpus.provenance import build_graph
from newstrail.outlets.resolver import OutletResolver
from newstrail.ingest.html import article_from_html
from newstrail.report.text import render_article
from newstrail.report.trace import render_trace
from newstrail.store.rows import Cite, Lead, ReusedPassage, StoryInfo
from newstrail.store.sqlite import MIGRATIONS

offsets = st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
moments = st.datetimes(min_value=datetime(1901, 1, 2), max_value=datetime(9998, 12, 30), timezones=offsets).map(
    lambda d: d.replace(microsecond=0)
)


# the parser and the stored form ---------------------------------------------------------
@given(moments)
def test_stored_form_round_trips_to_the_same_instant(moment):
    stored = to_iso(moment)
    assert stored.endswith("Z") and len(stored) == 20
    assert parse_date(stored) == moment  # the same instant, whatever the offset it was given at
    assert normalise_date(stored) == stored == normalise_date(moment.isoformat())
    assert instant_key(stored) == stored


@given(st.dates(min_value=datetime(1900, 1, 1).date(), max_value=datetime(9999, 12, 31).date()))
def test_a_day_stays_a_day(day):
    stored = normalise_date(day.isoformat())
    assert stored == day.isoformat() and not has_time(stored)
    assert parse_date(stored) == datetime(day.year, day.month, day.day, tzinfo=UTC)
    assert day_of(stored) == stored


@given(moments, moments)
def test_stored_instants_sort_as_the_moments_they_are(a, b):
    assert (instant_key(a.isoformat()) < instant_key(b.isoformat())) == (a < b)


def test_parser_converts_offsets_and_reads_naive_as_utc():
    assert to_iso(parse_date("2025-03-06T09:00:00+02:00")) == "2025-03-06T07:00:00Z"
    assert to_iso(parse_date("2025-03-06T09:00:00")) == "2025-03-06T09:00:00Z"
    assert to_iso(parse_date("Thu, 06 Mar 2025 09:00:00 -0500")) == "2025-03-06T14:00:00Z"
    assert normalise_date("March 6, 2025") == "2025-03-06"
    assert normalise_date("2025-03-06T23:30:00-02:00") == "2025-03-07T01:30:00Z"  # the UTC day moves on
    for nothing in (None, "", "   ", "soon", "0099-01-01"):
        assert parse_date(nothing) is None and normalise_date(nothing) is None


def test_undated_sorts_after_every_date_and_a_day_at_its_end():
    values = [None, "2025-03-06", "2025-03-06T23:00:00Z", "2025-03-06T09:00:00+02:00"]
    assert sorted(values, key=sort_key) == ["2025-03-06T09:00:00+02:00", "2025-03-06T23:00:00Z", "2025-03-06", None]


# the provenance graph --------------------------------------------------------------------
WIRE = (
    "The Kestrel Bay ferry board voted on Monday to cut the winter timetable to two crossings a day after "
    "fuel costs rose by a third, board chair Oona Brask told reporters at the Saltmere quay."
)


def test_copies_at_other_offsets_come_out_in_the_order_they_were_published(tmp_path):
    # 09:00 at +02:00 is 07:00 UTC: the Saltmere Post came first, though its local clock reads later
    records = [
        {"id": "copy-b", "outlet": "Ferrygate Daily", "url": "https://ferrygate.example/b", "published": "2025-03-06T08:30:00Z",
         "title": "Ferry timetable cut", "text": WIRE + "\n\nCommuters in Ferrygate said the change would cost them an hour a day."},
        {"id": "wire-a", "outlet": "Saltmere Post", "url": "https://saltmerepost.example/a", "published": "2025-03-06T09:00:00+02:00",
         "title": "Board cuts winter ferries", "text": WIRE + "\n\nThe board will review the timetable in April."},
    ]
    path = tmp_path / "ferries.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    settings = Settings(db=str(tmp_path / "f.db"))
    with open_store(settings.db) as store:
        outcomes = {o.article.id: o.article for o in analyze([str(path)], settings, store)}
        assert outcomes["wire-a"].published == "2025-03-06T07:00:00Z"
        trace = Corpus(store).trace(article="copy-b").to_dict()
    assert [e["from"] + ">" + e["to"] for e in trace["edges"]] == ["wire-a>copy-b"]
    assert trace["origins"] == ["wire-a"]
    assert [a["id"] for a in trace["articles"]] == ["wire-a", "copy-b"]
    assert "2025-03-06  wire-a" in render_trace(trace)


def _graph(first, second):
    a = Article(id="a", text=WIRE, outlet="Saltmere Post", published=first)
    b = Article(id="b", text=WIRE, outlet="Ferrygate Daily", published=second)
    passage = Passage(0, len(WIRE), 0, len(WIRE), len(WIRE.split()))
    return build_graph([a, b], [ReusedPassage("a", "b", passage)], [], {}, OutletResolver())


def test_graph_orders_raw_offsets_as_instants():
    assert list(_graph("2025-03-06T09:00:00+02:00", "2025-03-06T08:30:00Z").edges) == [("a", "b")]
    assert list(_graph("2025-03-06T09:00:00-02:00", "2025-03-06T08:30:00Z").edges) == [("b", "a")]


def test_undated_copy_claims_no_earlier_place():
    graph = _graph(None, "2025-03-06T08:30:00Z")
    assert list(graph.edges) == [("b", "a")]  # the dated one is taken as the source
    assert graph.origins == ["b"]


def test_undated_article_says_so():
    text = render_article(Article(id="n1", title="Quay notice", text="The quay closes at dusk."))
    assert "published: no date" in text
    trace = {"story": "s", "articles": [{"id": "n1", "published": None, "outlet": "Quay Notes", "title": "Quay notice"}],
             "edges": [], "origins": ["n1"], "laundering": [], "mutations": [], "related": [], "factchecks": []}
    assert "no date     n1" in render_trace(trace)


# SQL windows -------------------------------------------------------------------------------
def _put(store, id, outlet, published):
    store.articles.put(Article(id=id, text=f"{id} text about the Saltmere quay.", outlet=outlet, url=f"https://x.example/{id}", published=published))


def test_articles_of_filters_instants_across_offsets(store):
    _put(store, "late-evening", "Saltmere Post", "2025-03-06T23:30:00-02:00")  # 01:30 UTC on the 7th
    _put(store, "day-only", "Saltmere Post", "2025-03-07")
    _put(store, "undated", "Saltmere Post", None)
    at = lambda text: parse_date(text)  # noqa: E731
    found = {r.id for r in store.articles.of_outlets(["Saltmere Post"], at("2025-03-07T00:00:00Z"), at("2025-03-07T01:00:00Z"))}
    assert found == {"day-only", "undated"}  # a day-only date is its midnight; the undated always qualify
    found = [r.id for r in store.articles.of_outlets(["Saltmere Post"], at("2025-03-07T00:00:00Z"), at("2025-03-07T02:00:00+00:00"))]
    assert set(found) == {"late-evening", "day-only", "undated"}
    assert found.index("late-evening") < found.index("day-only")  # newest first


def test_citers_before_and_after_across_offsets(store):
    _put(store, "citer", "Ferrygate Daily", "2025-03-06T09:00:00+05:00")  # 04:00 UTC
    store.links.add_cite(Cite("citer", "saltmere post"))
    citers = lambda since, until: [(c.article, c.outlet) for c in store.links.unresolved_cites(["saltmere post"], parse_date(since), parse_date(until))]  # noqa: E731
    assert citers("2025-03-06T03:00:00Z", "2025-03-06T05:00:00Z") == [("citer", "saltmere post")]
    assert citers("2025-03-06T05:00:00Z", "2025-03-09T00:00:00Z") == []  # its local 09:00 is not after 05:00 UTC
    assert citers("2025-03-05T00:00:00Z", "2025-03-06T03:59:00Z") == []


def test_leads_within_days_compare_instants(store):
    _put(store, "near", "Saltmere Post", "2025-03-09T23:00:00-03:00")  # 02:00 UTC on the 10th
    _put(store, "far", "Saltmere Post", "2025-03-13T01:00:00+02:00")
    _put(store, "undated", "Saltmere Post", None)
    store.links.add_leads([Lead("near", "2025-03-09T23:00:00-03:00", b"\0\0"), Lead("far", "2025-03-13T01:00:00+02:00", b"\0\0"), Lead("undated", None, b"\0\0")])
    start = parse_date("2025-03-07T00:00:00Z")
    rows = store.links.leads_between(start, start + timedelta(days=3, hours=2))
    assert [(r.article, r.published) for r in rows] == [("near", "2025-03-10T02:00:00Z")]
    rows = store.links.leads_between(start, start + timedelta(days=6))
    assert [r.article for r in rows] == ["far", "near"]  # 2025-03-12T23:00Z, newest first


# the migration ----------------------------------------------------------------------------
def test_migration_rewrites_mixed_dates_to_one_form(tmp_path):
    path = str(tmp_path / "old.db")
    con = sqlite3.connect(path)
    for number, script in enumerate(MIGRATIONS[:5]):
        con.executescript(f"BEGIN; {script}; PRAGMA user_version = {number + 1}; COMMIT;")
    rows = [("east", "2025-03-06T09:00:00+02:00"), ("west", "2025-03-06T08:30:00+00:00"), ("naive", "2025-03-06T08:45:00"),
            ("day", "2025-03-06"), ("none", None)]
    for rowid, (id, published) in enumerate(rows, 1):
        record = json.dumps({"id": id, "published": published, "story": "s"})
        con.execute("INSERT INTO articles(rowid, id, published, content_hash, text, record, story) VALUES (?, ?, ?, ?, ?, ?, 's')",
                    (rowid, id, published, id, f"{id} text", record))
    con.execute("INSERT INTO stories VALUES ('s', '2025-03-06', '2025-03-06T09:00:00+02:00', 5)")
    con.execute("INSERT INTO leads VALUES (1, '2025-03-06T09:00:00+02:00', x'0000')")
    con.commit()
    con.close()
    with open_store(path) as store:
        assert store.schema_version == len(MIGRATIONS)
        got = {a.id: a.published for a in store.articles.get_many([r[0] for r in rows])}
        assert got == {"east": "2025-03-06T07:00:00Z", "west": "2025-03-06T08:30:00Z", "naive": "2025-03-06T08:45:00Z",
                       "day": "2025-03-06", "none": None}
        assert store.links.story_members("s") == ["none", "day", "east", "west", "naive"]  # SQL puts NULL first
        assert store.links.stories(["s"])["s"] == StoryInfo("s", "2025-03-06T00:00:00Z", "2025-03-06T08:45:00Z", 5)
        assert [r.published for r in store.links.leads_between(parse_date("2025-03-06"), parse_date("2025-03-07"))] == ["2025-03-06T07:00:00Z"]


@pytest.mark.parametrize("value", ["2025-03-06T07:00:00Z", "2025-03-06"])
def test_store_keeps_the_stored_form_as_given(store, value):
    _put(store, "kept", "Saltmere Post", value)
    assert store.articles.get("kept").published == value


def test_article_holds_only_the_stored_form():
    assert Article(published="2025-03-06T09:00:00+02:00").published == "2025-03-06T07:00:00Z"
    assert Article.from_dict({"text": "x", "published": "6 March 2025"}).published == "2025-03-06"
    assert Article(published="the spring issue").published == "the spring issue"  # no date: kept, not lost
    assert Article().published is None


def _page(head: str) -> str:
    body = "<p>" + "The Saltmere quay reopened to ferries on Thursday after a week of storm repairs. " * 3 + "</p>"
    return f"<html lang='en'><head><title>Quay reopens</title>{head}</head><body><article><h1>Quay reopens</h1>{body}</article></body></html>"


@pytest.mark.parametrize(
    ("head", "published"),
    [
        ('<meta property="article:published_time" content="2025-03-06T01:55:00-05:00">', "2025-03-06T06:55:00Z"),
        ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2025-03-06T09:00:00+02:00"}</script>', "2025-03-06T07:00:00Z"),
        ('<meta property="article:published_time" content="2025-03-06">', "2025-03-06"),  # a day stays a day
        ("", None),
    ],
)
def test_html_keeps_the_stated_time_and_offset(head, published):
    assert article_from_html(_page(head), "quay.html", url="https://saltmerepost.example/quay").published == published


_DATELINE_PARTS = st.lists(st.sampled_from([
    "Harbour Ledger", ", ", " | ", " — ", "On ", "March 6, 2025", "6th Mar. 2025", "Tuesday, Sept 9 2014", "2025-03-06",
    "2025-03-06T09:30:00Z", "2025-03-06 09:30:00+02:00", "2025-03-06T09:30:00.5-0700", ".", " ", "\n", "\u2003", "\t",
    "the board said", "Z", "9", "(AP)",
]), max_size=7).map("".join)


@given(_DATELINE_PARTS)
def test_the_quick_look_at_a_lines_end_never_turns_away_a_dateline(line: str) -> None:
    # find_date looks at a line's end before it tries the dateline pattern: that look may
    # let a non-dateline through, never turn a dateline away
    from newstrail.core.dates import _DATELINE_RE, _ends_as_a_date

    if _DATELINE_RE.match(line):
        assert _ends_as_a_date(line)


def test_the_quick_look_keeps_datelines_and_turns_away_paragraphs() -> None:
    from newstrail.core.dates import _ends_as_a_date, find_date

    for line in ("Harbour Ledger, March 6, 2025 .\n", "2025-03-06T09:30:00Z", "On 6 March 2025"):
        assert _ends_as_a_date(line) and find_date(line) is not None
    assert not _ends_as_a_date("The ferry to Velmora left at dawn, March 6, 2025, the board said.")
