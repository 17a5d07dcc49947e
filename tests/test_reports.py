"""The report renderers: golden HTML files, hostile text made inert, the timeline at 2 and 60 articles, Markdown, graph files.

Golden files live in tests/data/reports/golden; after a deliberate change to the
reports, regenerate them with ``NEWSTRAIL_REGEN_GOLDENS=1 pytest tests/test_reports.py``
and look at the diff (and at the pages) before committing.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newstrail.core.article import Article, Attribution, Claim, FactCheckMatch, Link, Quote, Removed, Span, Technique
from newstrail.report.graph import trace_dot, trace_graphml
from newstrail.report.html import ALONE, FILES, Hrefs, render_article_html, render_index_html, render_story_html, story_summary
from newstrail.report.markdown import render_article_md, render_story_md
from newstrail.report.marks import mark_text
from newstrail.report.timeline import FIT_WIDTH, story_timeline_svg
from reports_fixture import make_trace

DATA = Path(__file__).parent / "data" / "reports"
GOLDEN = DATA / "golden"
REGEN = os.environ.get("NEWSTRAIL_REGEN_GOLDENS") == "1"


def _fixture_article() -> tuple[Article, list[dict], dict]:
    record = json.loads((DATA / "article.json").read_text(encoding="utf-8"))
    trace = json.loads((DATA / "story.json").read_text(encoding="utf-8"))
    return Article.from_dict(record), record["source_ratings"], trace


def _check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if REGEN or not path.exists():
        if not REGEN:
            pytest.fail(f"{path} is missing; run with NEWSTRAIL_REGEN_GOLDENS=1 to write it, then look at it")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file; if the change is meant, regenerate (see the module)"


def test_article_report_matches_its_golden_file():
    article, ratings, trace = _fixture_article()
    _check_golden("article.html", render_article_html(article, ratings, story_summary(trace, article.id), FILES, rhetoric_note="rhetoric found for this report, not stored"))


@pytest.mark.parametrize("size", [2, 60])
def test_story_reports_match_their_golden_files(size):
    _check_golden(f"story-{size}.html", render_story_html(make_trace(size), FILES))


def test_fixture_story_report_matches_its_golden_file():
    _check_golden("story-fixture.html", render_story_html(_fixture_article()[2], FILES))


_RENDER_DIGESTS = """
import hashlib, sys
sys.path.insert(0, {tests!r})
from test_reports import _fixture_article, make_trace, render_article_html, render_story_html
article, ratings, _ = _fixture_article()
for page in (render_article_html(article, ratings), render_story_html(make_trace(60))):
    print(hashlib.sha256(page.encode()).hexdigest())
"""


def test_reports_are_deterministic_across_processes():
    # two fresh interpreters with different hash seeds: a page that depended on set or
    # dict order of strings (or on anything else of one process) would differ
    script = _RENDER_DIGESTS.format(tests=str(Path(__file__).parent))
    digests = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        digests.append(done.stdout.split())
    article, ratings, _ = _fixture_article()
    here = [hashlib.sha256(page.encode()).hexdigest() for page in (render_article_html(article, ratings), render_story_html(make_trace(60)))]
    assert len(here) == 2 and digests[0] == digests[1] == here


def test_article_report_shows_findings_factchecks_ratings_badge_and_story():
    article, ratings, trace = _fixture_article()
    page = render_article_html(article, ratings, story_summary(trace, article.id), FILES)
    assert 'class="m m-rhetoric"' in page and "m-factchecked" in page and "m-attribution" in page
    assert "fake fact-check badge" in page and "Fact checked by the Open Lens Community" in page
    assert "Misleading" in page and 'href="https://checkpoint.example/fact-check/2025/05/04/kestrel-ferry-ends-sailings"' in page
    assert "coastwatch-media-audit" in page and "very low" in page
    assert f'href="story-{trace["story"].removeprefix("story-")}.html"' in page and "hides its source" in page
    # every marker in the text links to a note that exists
    assert set(re.findall(r'href="#note-(\d+)"', page)) <= set(re.findall(r'id="note-(\d+)"', page))
    assert "<script" not in page and "http://" not in page.split("<body>")[0].replace("http://www.w3.org", "")


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


class _Tags(HTMLParser):
    """The element names, attribute names and attribute values of a page, as a browser would parse them."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.attributes: set[str] = set()
        self.values: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.add(tag)
        self.attributes.update(name for name, _ in attrs)
        self.values += [value or "" for _, value in attrs]


def _hostile_article() -> Article:
    text = f"The mayor said {HOSTILE} on Monday. \"{HOSTILE}\" she added."
    return Article(
        text=text, id="evil", title=f"Title {HOSTILE}", outlet=f"Outlet {HOSTILE}", url="javascript:alert(1)", published="2025-05-02",
        quotes=[Quote(span=Span(text.index('"') + 1, len(text) - len('" she added.')), speaker=f"Mayor {HOSTILE}")],
        attributions=[Attribution(cue="said", source=f"{HOSTILE}", kind="person", span=Span(0, 20))],
        claims=[Claim(span=Span(0, 40), score=0.9, checkworthy=True,
                      matches=[FactCheckMatch(factcheck="f1", score=0.8, claim=HOSTILE, rating=HOSTILE, publisher=HOSTILE, url="javascript:alert(2)")])],
        rhetoric=[Technique(span=Span(4, 9), technique="Loaded_Language", score=0.5, explanation=HOSTILE)],
        links=[Link(span=Span(4, 9), url="javascript:alert(3)", anchor=HOSTILE)],
        removed=[Removed(kind="badge", text=f"Fact checked by {HOSTILE}")],
    )


def test_hostile_article_text_is_inert_in_every_report():
    article = _hostile_article()
    trace = {"story": f"s{HOSTILE}", "articles": [{"id": "evil", "outlet": HOSTILE, "title": HOSTILE, "published": None, "role": "origin", "language": HOSTILE}],
             "edges": [{"from": "external:" + HOSTILE, "to": "evil", "kinds": ["attribution"], "confidence": 0.5,
                        "evidence": [{"kind": "attribution", "cue": HOSTILE, "text": HOSTILE, "name": HOSTILE}]}],
             "origins": ["evil"], "laundering": [], "mutations": [{"edge": {"from": "external:x", "to": "evil"}, "type": "quote", "from_text": HOSTILE, "to_text": HOSTILE}],
             "factchecks": [{"article": "evil", "claim": HOSTILE, "verdict": "false", "rating": HOSTILE, "publisher": HOSTILE}]}
    for page in (render_article_html(article, story=story_summary(trace, "evil"), hrefs=FILES), render_story_html(trace, FILES),
                 render_index_html([{"id": HOSTILE, "size": 2, "headline": HOSTILE}], [{"id": "evil", "title": HOSTILE, "outlet": HOSTILE}])):
        tags = _Tags()
        tags.feed(page)
        assert not {"script", "img", "iframe", "object"} & tags.names
        assert not [v for v in tags.values if v.strip().lower().startswith(("javascript:", "data:"))]
        assert not [a for a in tags.attributes if a.startswith("on")]  # no event handler anywhere
        assert "&lt;script&gt;" in page
    for text in (render_article_md(article), render_story_md(trace)):
        assert "<script" not in text and "<img" not in text and "](<javascript" not in text


def test_the_timeline_places_every_article_in_its_lane_by_time_at_2_and_60_articles():
    for size in (2, 60):
        trace = make_trace(size)
        svg = story_timeline_svg(trace, FILES.to_article)
        ET.fromstring(svg)  # well-formed XML
        labels = re.findall(r'<text class="tl-num" x="([\d.]+)" y="([\d.]+)">(\d+)</text>', svg)
        assert sorted(int(n) for _, _, n in labels) == list(range(1, size + 1))
        assert len({(x, y) for x, y, _ in labels}) == size  # no two articles on one spot
        width = float(re.search(r'width="(\d+)"', svg).group(1))
        assert width <= FIT_WIDTH + 400  # fits a screen once scaled, at 60 articles too
        assert svg.count('class="tl-edge"') == len(trace["edges"]) + len(trace["shares_quote"])


def test_the_timeline_orders_dated_articles_and_sets_undated_ones_apart():
    trace = make_trace(60)
    svg = story_timeline_svg(trace)
    xs = {int(n): float(x) for x, n in re.findall(r'<text class="tl-num" x="([\d.]+)" y="[^"]+">(\d+)</text>', svg)}
    ordered = sorted(trace["articles"], key=lambda a: (a["published"] is None, a["published"] or "", a["id"]))
    dated = [i for i, a in enumerate(ordered, 1) if a["published"]]
    undated = [i for i, a in enumerate(ordered, 1) if not a["published"]]
    assert all(xs[a] <= xs[b] for a, b in zip(dated, dated[1:]))
    rule = float(re.search(r'<line class="tl-rule" x1="([\d.]+)"', svg).group(1))
    assert max(xs[i] for i in dated) < rule < min(xs[i] for i in undated)
    assert "no date" in svg and svg.count("tl-undated") >= len(undated)
    assert "tl-laundering" in svg and "tl-answer" in svg and 'class="tl-ext"' in svg
    assert svg.count('<text class="tl-flag tl-checked"') == 2  # the article whose claim matches a fact-check, and the legend
    for kind in ("translation", "silent-copy", "reuse", "attribution", "hyperlink"):
        assert f'marker-end="url(#tl-story-fixture-60-{kind})"' in svg


def test_story_report_lists_mutations_side_by_side_with_languages():
    page = render_story_html(make_trace(2))
    assert '<blockquote lang="en">' in page and "about 300 crew" in page and "over 3,000 crew" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_links_follow_the_hrefs_given():
    trace = make_trace(2)
    app = Hrefs(article=lambda key: f"/articles/{key}", story=lambda key: f"/stories/{key}", index="/")
    page = render_story_html(trace, app)
    assert 'href="/articles/a00"' in page and 'href="/"' in page
    alone = render_story_html(trace, ALONE)
    assert 'href="article-' not in alone and "all stories" not in alone
    fragment = render_story_html(trace, app, page=False)
    assert fragment.lstrip().startswith("<section") and "<html" not in fragment


def test_markdown_reports_hold_the_same_findings():
    article, ratings, trace = _fixture_article()
    text = render_article_md(article, ratings, story_summary(trace, article.id))
    assert "fake fact-check badge" in text and "Misleading" in text and "## Findings" in text
    story = render_story_md(trace)
    assert "**laundering:**" in story and "| 3 |" in story and "was (en): About 1,200" in story


def test_graph_exports_hold_every_node_and_edge():
    trace = make_trace(60)
    root = ET.fromstring(trace_graphml(trace))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    nodes = root.findall(".//g:node", ns)
    edges = root.findall(".//g:edge", ns)
    assert len(nodes) == 61 and len(edges) == len(trace["edges"]) + len(trace["shares_quote"])
    dot = trace_dot(trace)
    assert dot.startswith('digraph "story-fixture-60" {') and dot.count(" -> ") == len(edges)
    assert '"external:Isle Radio" [label="Isle Radio\\n(outside the corpus)"' in dot
    assert "<b>0</b>" in dot and "&lt;b&gt;0&lt;/b&gt;" in trace_graphml(trace)  # each format escapes in its own way


@given(text=st.text(alphabet=st.sampled_from('ab <>&"\n\'é'), min_size=1, max_size=60),
       spans=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=8))
def test_marking_keeps_the_text_exactly_whatever_the_spans(text, spans):
    """Overlapping, nested, touching spans of any kind: the page shows the text unchanged, every span marked."""
    good = [Span(min(a, b), max(a, b)) for a, b in spans if min(a, b) < max(a, b) <= len(text)]
    article = Article(text=text, quotes=[Quote(span=s) for s in good[::2]],
                      rhetoric=[Technique(span=s, technique="Doubt", score=0.5) for s in good[1::2]])
    marked = mark_text(article)
    shown = re.sub(r'<a class="ref"[^>]*>\d+</a>', "", str(marked.html))
    assert html.unescape(re.sub(r"<[^>]+>", "", shown)) == text
    assert len(marked.notes) == len(good) and str(marked.html).count('class="ref"') == len(good)


@given(dates=st.lists(st.one_of(st.none(), st.integers(0, 40 * 24)), min_size=1, max_size=30),
       outlets=st.lists(st.integers(0, 5), min_size=30, max_size=30),
       links=st.lists(st.tuples(st.integers(0, 29), st.integers(0, 29), st.sampled_from(["reuse", "translation", "hyperlink", "silent copy"])), max_size=40))
def test_any_trace_draws_well_formed_with_every_article_once(dates, outlets, links):
    """Dates missing or shared, edges backwards, to undated articles, in one column: always one spot per article."""
    arts = [{"id": f"n{i}", "outlet": f"Outlet {outlets[i]}", "role": "amplifier",
             "published": None if h is None else f"2025-06-{1 + h // 24:02d}T{h % 24:02d}:00:00Z"} for i, h in enumerate(dates)]
    edges = [{"from": f"n{a}", "to": f"n{b}", "kinds": [kind], "confidence": 0.5} for a, b, kind in links if a != b and max(a, b) < len(arts)]
    svg = story_timeline_svg({"story": "s", "articles": arts, "edges": edges, "origins": [], "laundering": []})
    ET.fromstring(svg)
    labels = re.findall(r'<text class="tl-num" x="([\d.]+)" y="([\d.]+)">(\d+)</text>', svg)
    assert sorted(int(n) for *_, n in labels) == list(range(1, len(arts) + 1))
    assert len({(x, y) for x, y, _ in labels}) == len(arts)
    assert "nan" not in svg.lower()
