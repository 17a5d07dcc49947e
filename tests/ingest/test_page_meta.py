"""page_metadata gives what trafilatura.extract_metadata gives for the fields newstrail reads.

It runs only part of trafilatura's metadata pass (no categories, tags, licence or host
name), so every page fixture of the repository and a few pages built to take each branch
(no head metadata at all, a one-word author, JSON-LD, a date only in the text, a site
name only in the title) are read both ways and compared field by field.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import trafilatura
from ingest_helpers import PIER_PARAGRAPH, html_page
from lxml.html import tostring
from trafilatura.utils import load_html

from newstrail.ingest.page_meta import page_metadata

FIELDS = ("title", "author", "date", "sitename", "url", "description")
PAGES = sorted((Path(__file__).resolve().parents[1] / "data" / "pages").rglob("*.html"))
URL = "https://harborlantern.example/city/pier-9"

BUILT = {
    "bare": f"<html><body><h1>Pier 9 Closes</h1><p>{PIER_PARAGRAPH}</p></body></html>",
    "one-word author": html_page("Pier 9 Closes", [PIER_PARAGRAPH], head='<meta name="author" content="harborbot">'),
    "byline only": html_page("Pier 9 Closes", [PIER_PARAGRAPH]).replace("<article>", '<article><div class="byline">By Dana Reyes <time>6 March 2025</time></div>'),
    "json-ld": html_page("Pier 9 Closes", [PIER_PARAGRAPH], head='<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
                         '"headline": "Pier 9 Closes", "author": {"name": "Dana Reyes"}, "datePublished": "2025-03-06T09:30:00Z", '
                         '"publisher": {"name": "The Harbor Lantern"}}</script>'),
    "date in the text": html_page("Pier 9 Closes", [PIER_PARAGRAPH, "Published on 6 March 2025 at the harbor office."]),
    "site in the title": html_page("Pier 9 Closes", [PIER_PARAGRAPH]).replace("| The Harbor Lantern", "| harborlantern.example"),
    "lower-case site": html_page("Pier 9 Closes", [PIER_PARAGRAPH], head='<meta property="og:site_name" content="@harborlantern">'),
    "copyright only": html_page("Pier 9 Closes", [PIER_PARAGRAPH]).replace("<footer>", "<footer>© 2025 "),
}


def _fields(meta) -> dict:
    return {field: getattr(meta, field) for field in FIELDS}


@pytest.mark.parametrize("name", sorted(BUILT))
def test_built_pages_read_as_trafilatura_reads_them(name):
    tree = load_html(BUILT[name])
    assert _fields(page_metadata(tree, URL)) == _fields(trafilatura.extract_metadata(load_html(BUILT[name]), default_url=URL))


def test_every_page_fixture_reads_as_trafilatura_reads_it():
    assert len(PAGES) >= 30  # the fixture set is there
    differ = []
    for path in PAGES:
        html = path.read_text(encoding="utf-8")
        ours, theirs = page_metadata(load_html(html), URL), trafilatura.extract_metadata(load_html(html), default_url=URL)
        if _fields(ours) != _fields(theirs):
            differ.append((path.name, _fields(ours), _fields(theirs)))
    assert differ == []


def test_the_tree_is_left_as_it_was():
    tree = load_html(BUILT["byline only"])
    before = tostring(tree)
    meta = page_metadata(tree, URL)
    assert meta.author == "Dana Reyes"
    assert tostring(tree) == before
