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
from trafilatura.metadata import extract_author
from trafilatura.utils import load_html

from newstrail.ingest.page_meta import page_author, page_metadata

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


# Bylines in the places and shapes trafilatura's author expressions look for, and in the
# places its pruning excludes (comments, sidebars, figures, dates, quotes), with the
# tail text a pruned element leaves behind.
BYLINES = [
    '<div class="{c}">By Dana Reyes</div>'.format(c=c)
    for c in ("author", "author-name", "authorname", "AuthorName", "authorName", "byline", "username", "byl", "BBL",
              "channel-name", "zuozhe", "bianji", "xiaobian", "submitted-by", "posted-by", "journalist-name",
              "screenname", "writer", "Byline", "post-author", "meta author-box", "x")
] + [
    '<span id="author">Dana Reyes</span>', '<p id="authorbox">Words: Dana Reyes</p>', '<li id="Author-1">Dana Reyes</li>',
    '<div id="xiaobian">Dana Reyes</div>', '<span itemprop="author">Dana Reyes</span>', '<span itemprop="author name">Dana Reyes</span>',
    '<a rel="author" href="/dana">Dana Reyes</a>', '<div data-testid="AuthorCard">Dana Reyes, harbor desk</div>',
    '<section data-component="Byline">Dana Reyes</section>', '<author>Dana Reyes</author>', '<p>Posted <rel>me</rel> by Dana Reyes</p>',
    '<h3 class="byline">Dana Reyes</h3>', '<h5 class="byline">Dana Reyes</h5>', '<strong class="author-name">Dana Reyes</strong>',
    '<li class="author">Dana Reyes</li>', '<div class="author">DR</div><span class="writer">Dana Reyes</span>',
    '<div class="author">' + "Dana Reyes and the harbor desk " * 5 + "</div>",
    '<div class="byline">By Dana Reyes <time datetime="2025-03-06">6 March</time>, Porthaven</div>',
    '<div class="byline">By<span class="date">6 March</span>Dana Reyes<span class="meta-date">x</span>and Omar Haddad</div>',
    '<aside class="sidebar"><div class="author">Omar Haddad</div></aside><div class="byline">Dana Reyes</div>',
    '<div id="comments"><span class="author">Reader 12</span></div><span class="author">Dana Reyes</span>',
    '<section class="comments-list"><p class="author">Reader 12</p></section>',
    '<figure><figcaption class="writer">Photo: Omar Haddad</figcaption></figure><p class="writer">Dana Reyes</p>',
    '<div class="quote-author">Mira Osei</div><div class="author">Dana Reyes</div>',
    '<div class="article-share"><a class="author" href="/x">Share</a></div>',
    '<div class="byline"><span class="title">Harbor editor</span> Dana Reyes</div>',
    '<div class="Comments"><div class="author">Reader 12</div></div>',
    '<div class="author"><!-- byline --><span>Dana</span> <em>Reyes</em></div>',
    '<div class="author">dana@harborlantern.example</div>',
    '<div class="author">https://harborlantern.example/dana</div>',
]


@pytest.mark.parametrize("byline", BYLINES)
def test_the_author_is_found_where_trafilatura_finds_it(byline):
    page = html_page("Pier 9 Closes", [PIER_PARAGRAPH]).replace("<article>", f"<article>{byline}")
    assert page_author(load_html(page)) == extract_author(load_html(page))


def test_the_author_of_every_page_fixture_is_trafilaturas():
    assert [page_author(load_html(p.read_text(encoding="utf-8"))) for p in PAGES] == [
        extract_author(load_html(p.read_text(encoding="utf-8"))) for p in PAGES
    ]
