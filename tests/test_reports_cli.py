"""`newstrail report`, `analyze --report`, `trace --format dot|graphml` and the demo's report, on real stores.

The fixture corpus (tests/data/reports/corpus) is three fictional articles: an
origin, a credited copy, and an undated copy that credits an outside outlet while
its text comes from the origin, under a self-awarded "Fact checked by" badge.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from newstrail import api, open_store
from newstrail.analyze import Pipeline
from newstrail.analyze.claims import ClaimStage
from newstrail.analyze.sentences import SentenceStage
from newstrail.core.article import Article
from newstrail.core.config import Settings
from newstrail.cli import main
from newstrail.report.html import render_story_html
from reports_fixture import make_trace

DATA = Path(__file__).parent / "data" / "reports"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("reports") / "fixture.db")
    assert run("factchecks", "import", str(DATA / "factchecks.json"), "--db", path)[0] == 0
    assert run("analyze", str(DATA / "corpus"), "--db", path)[0] == 0
    return path


def _links_resolve(folder: Path) -> int:
    """Every relative link in every HTML file of ``folder`` names a file there; returns how many links."""
    count = 0
    for page in folder.glob("*.html"):
        for href in re.findall(r'href="([^"#]+)"', page.read_text(encoding="utf-8")):
            if not href.startswith("http"):
                assert (folder / href).exists(), f"{page.name} links to {href}, which was not written"
                count += 1
    return count


def test_report_of_an_article_writes_it_with_its_story(db, tmp_path):
    code, out, _ = run("report", "rp-copy", "--db", db, "--out", str(tmp_path))
    assert code == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert "article-rp-copy.html" in names and any(n.startswith("story-") for n in names)
    assert "3 article report(s), 1 story report(s)" in out and f"Open: {tmp_path}/story-" in out
    page = (tmp_path / "article-rp-copy.html").read_text(encoding="utf-8")
    assert "Kestrel Isle ferry cuts winter sailings by a third" in page and "Tallow Post" in page
    assert _links_resolve(tmp_path) > 5


def test_report_all_writes_an_index_and_every_link_resolves(db, tmp_path):
    code, out, _ = run("report", "--all", "--db", db, "--out", str(tmp_path))
    assert code == 0 and f"Open: {tmp_path}/index.html" in out
    assert len(list(tmp_path.glob("article-*.html"))) == 3 and len(list(tmp_path.glob("story-*.html"))) == 1
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "Kestrel Isle ferry to run fewer winter sailings" in index and "1 laundering" in index
    story = next(tmp_path.glob("story-*.html")).read_text(encoding="utf-8")
    assert "<svg" in story and "laundering" in story and "Isle Radio" in story and "no date" in story
    assert "About 1,200" in story and "About 1,500" in story  # the mutation, both texts
    assert "✗ claim fact-checked: Misleading" in story and 'class="tl-flag tl-checked"' in story
    _links_resolve(tmp_path)


def test_report_story_in_markdown_and_json(db, tmp_path):
    story = api.stories(db, min_size=2)[0].id
    assert run("report", "--story", story, "--db", db, "--out", str(tmp_path / "md"), "--format", "md")[0] == 0
    text = (tmp_path / "md" / f"{story}.md").read_text(encoding="utf-8")
    assert "## Mutations along the chain" in text and "(<article-rp-origin.md>)" in text
    assert run("report", "--story", story, "--db", db, "--out", str(tmp_path / "js"), "--format", "json")[0] == 0
    trace = json.loads((tmp_path / "js" / f"{story}.json").read_text(encoding="utf-8"))
    assert trace["story"] == story and len(trace["articles"]) == 3
    record = json.loads((tmp_path / "js" / "article-rp-copy.json").read_text(encoding="utf-8"))
    assert record["id"] == "rp-copy" and record["story_summary"]["id"] == story


def test_report_usage_errors(db, tmp_path):
    assert run("report", "--db", db, "--out", str(tmp_path))[0] == 2
    assert run("report", "rp-copy", "--all", "--db", db, "--out", str(tmp_path))[0] == 2
    code, _, err = run("report", "--story", "story-nope", "--db", db, "--out", str(tmp_path))
    assert code == 2 and "newstrail stories" in err
    assert run("report", "nope-nope", "--db", db, "--out", str(tmp_path))[0] == 4


def test_analyze_report_writes_reports_of_what_it_read(tmp_path, write):
    path = write("in/hostile.txt", "Harbour <script>alert('x')</script> closes\n\nThe harbour closed on <b>Monday</b> after a storm, the council said.")
    db = str(tmp_path / "a.db")
    result = CliRunner().invoke(main, ["analyze", str(path), "--db", db, "--report", str(tmp_path / "rep")], catch_exceptions=False)
    assert result.exit_code == 0 and "open " in result.stderr
    pages = list((tmp_path / "rep").glob("article-*.html"))
    assert len(pages) == 1 and (tmp_path / "rep" / "index.html").exists()
    page = pages[0].read_text(encoding="utf-8")
    assert "<script" not in page and "&lt;script&gt;" in page and "&lt;b&gt;Monday&lt;/b&gt;" in page


def test_an_article_stored_without_claims_or_rhetoric_is_reported_with_them(tmp_path):
    db = str(tmp_path / "old.db")
    with open_store(db) as store:
        store.articles.put_many([Article(text="Fares rose 12% in 2024, the board said. The corrupt, shameful board betrayed us all!", id="old-one",
                                         title="Fares", stages=["sentences"])])
    report = api.article_report(db, "old-one")
    assert report.rhetoric_computed and report.article.rhetoric
    assert any(c.checkworthy and "12%" in report.article.snippet(c.span) for c in report.article.claims)
    page = report.html()
    assert "m-claim" in page and "m-rhetoric" in page and "rhetoric found for this report, not stored" in page


def test_claims_scored_on_the_fly_use_the_claims_model_setting(tmp_path):
    db = str(tmp_path / "old.db")
    text = "Fares rose 12% in 2024, the board said. What a week it has been. The ferry will stop at Pier Six from May."
    with open_store(db) as store:
        store.articles.put_many([Article(text=text, id="old-two", title="Fares", stages=["sentences"])])
    fast = api.claims(db, "old-two", show_all=True)
    accurate = api.claims(Settings(db=db, claims_model="accurate"), "old-two", show_all=True)
    assert fast.computed and accurate.computed
    expected = {c.span.start: c.score for c in ClaimStage(kind="accurate").claims(Pipeline([SentenceStage()])(Article(text=text)))}
    assert {c.span.start: c.score for c in accurate.claims} == expected
    assert {c.span.start: c.score for c in fast.claims} != expected
    # the report reads the same setting
    report = api.article_report(Settings(db=db, claims_model="accurate"), "old-two")
    assert {c.span.start: c.score for c in report.article.claims} == expected


def test_trace_exports_dot_and_graphml(db):
    code, out, _ = run("trace", "rp-origin", "--db", db, "--format", "graphml")
    assert code == 0
    root = ET.fromstring(out)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    ids = {n.get("id") for n in root.findall(".//g:node", ns)}
    assert {"rp-origin", "rp-copy", "external:Isle Radio"} <= ids and len(root.findall(".//g:edge", ns)) == 3
    code, out, _ = run("trace", "rp-origin", "--db", db, "--format", "dot")
    assert code == 0 and out.startswith("digraph") and '"rp-origin" -> "rp-copy"' in out
    code, out, _ = run("trace", "rp-origin", "--db", db, "--format", "json")
    assert json.loads(out)["origins"] == ["rp-origin"]


def test_demo_writes_reports_and_names_the_one_to_open(tmp_path):
    out = tmp_path / "demo"
    result = CliRunner().invoke(main, ["demo", "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0
    named = re.search(r"Open the report of the story with the most hidden sources in a browser:\n  (\S+)", result.stdout)
    assert named and Path(named.group(1)).exists() and "laundering" in Path(named.group(1)).read_text(encoding="utf-8")
    assert (out / "reports" / "index.html").exists() and _links_resolve(out / "reports") > 40


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium)")
@pytest.mark.parametrize("size", [2, 60])
def test_story_reports_render_in_chromium(tmp_path, size):
    """A real browser draws the story report at both sizes; the screenshots stay in the test's folder to look at."""
    page = tmp_path / f"story-{size}.html"
    page.write_text(render_story_html(make_trace(size)), encoding="utf-8")
    shot = tmp_path / f"story-{size}.png"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    f"--screenshot={shot}", "--window-size=1200,1600", page.as_uri()], check=True, capture_output=True, timeout=120)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
