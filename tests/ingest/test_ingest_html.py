"""HTML pages: metadata, links with spans into the text, and pages without an article."""

from __future__ import annotations

import pytest
from ingest_helpers import FERRY_PARAGRAPH, PIER_PARAGRAPH, html_page

from newstrail import Article, InputTooLarge, NoArticleText, Settings, UnreadableInput, read_inputs
from newstrail.ingest.html import article_from_html

PAGE_URL = "https://harborlantern.example/2025/03/06/pier-9-closes"

PIER_PAGE = """<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Pier 9 Closes After Inspection | The Harbor Lantern</title>
<meta property="og:title" content="Pier 9 Closes After Inspection">
<meta property="og:site_name" content="The Harbor Lantern">
<meta name="author" content="Dana Reyes">
<meta property="article:published_time" content="2025-03-06T09:30:00Z">
<link rel="canonical" href="https://www.harborlantern.example/2025/03/06/pier-9-closes/?utm_source=rss&amp;utm_medium=feed&amp;utm_campaign=spring">
</head>
<body>
<nav><a href="/">Home</a> | <a href="/city">City</a> | <a href="/sport">Sport</a></nav>
<article>
<h1>Pier 9 Closes After Inspection</h1>
<p>The Porthaven harbor council voted 7 to 2 on Monday to close Pier 9 after an inspection found that 40 of its oak pilings had rotted through, according to <a href="https://bayherald.example/2025/03/05/pier-nine">the Bay Herald</a>.</p>
<p>"We cannot wait for a collapse to act," said councillor Mira Osei, who chairs the harbor committee. Repairs are expected to take 18 months and cost 3.2 million crowns, the <a href="/council/statement-114">council statement</a> said.</p>
<p>Fishing crews who moored at the pier will move to the north basin, where the <a href="berths/north-basin">new berths</a> opened last spring after a long dispute with the <a href="../../../../port/authority">port authority</a>.</p>
</article>
<footer>© 2025 The Harbor Lantern</footer>
</body>
</html>
"""

EXPECTED_LINKS = [
    ("the Bay Herald", "https://bayherald.example/2025/03/05/pier-nine"),
    ("council statement", "https://harborlantern.example/council/statement-114"),
    ("new berths", "https://harborlantern.example/2025/03/06/berths/north-basin"),
    ("port authority", "https://harborlantern.example/port/authority"),
]


def assert_spans_point_at_anchors(article: Article) -> None:
    for link in article.links:
        assert article.text[link.span.start : link.span.end] == link.anchor, link


def test_html_metadata_from_the_page():
    article = article_from_html(PIER_PAGE, "pier.html", url=PAGE_URL + "/")
    assert article.title == "Pier 9 Closes After Inspection"
    assert article.authors == ["Dana Reyes"]
    assert article.published == "2025-03-06T09:30:00Z"  # the time the page states, not only its day
    assert article.outlet == "The Harbor Lantern"
    # canonical link: www., trailing slash and every utm_ parameter removed
    assert article.url == PAGE_URL
    assert article.domain == "harborlantern.example"
    assert article.language == "en"  # from <html lang="en-GB">
    assert article.source == "pier.html"


def test_html_text_is_the_article_body_without_navigation():
    article = article_from_html(PIER_PAGE, "pier.html", url=PAGE_URL)
    assert article.text.startswith("The Porthaven harbor council voted 7 to 2")
    assert article.text.endswith("port authority.")
    assert "Home" not in article.text and "© 2025" not in article.text
    # the headline is the title, not the first line of the text
    assert "Pier 9 Closes After Inspection" not in article.text
    assert article.text.count("\n\n") == 2  # three paragraphs


def test_html_links_have_anchor_spans_and_absolute_urls():
    article = article_from_html(PIER_PAGE, "pier.html", url=PAGE_URL)
    assert [(ln.anchor, ln.url) for ln in article.links] == EXPECTED_LINKS
    assert_spans_point_at_anchors(article)
    assert [ln.domain for ln in article.links] == ["bayherald.example"] + ["harborlantern.example"] * 3
    # spans are in text order and do not overlap
    spans = [ln.span for ln in article.links]
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))


def test_relative_links_resolve_against_the_page_url_not_the_site_root():
    # No canonical link: the page URL given by the caller is the only base.
    page = html_page(
        "Ferry Returns",
        [FERRY_PARAGRAPH + ' Timetables are at <a href="timetable.html">the ferry office</a>, fares at <a href="../fares">the fares page</a> and maps at <a href="/maps/quay">the quay map</a>.'],
    )
    url = "https://harborlantern.example/news/2025/ferry-returns.html"
    article = article_from_html(page, "ferry.html", url=url)
    assert [(ln.anchor, ln.url) for ln in article.links] == [
        ("the ferry office", "https://harborlantern.example/news/2025/timetable.html"),
        ("the fares page", "https://harborlantern.example/news/fares"),
        ("the quay map", "https://harborlantern.example/maps/quay"),
    ]
    assert_spans_point_at_anchors(article)


LEAD = "The Porthaven harbor council voted on Monday to close Pier 9 after an inspection found rotten pilings, and "


@pytest.mark.parametrize(
    "anchor_html, anchor, url",
    [
        # the HTML source wraps the anchor over two lines
        ('<a href="https://bayherald.example/a">the Bay\n      Herald</a>', "the Bay Herald", "https://bayherald.example/a"),
        ('<a href="https://bayherald.example/a">the Bay<br>Herald</a>', "the Bay Herald", "https://bayherald.example/a"),
        # trafilatura writes these targets in <angle brackets>
        ('<a href="https://wiki.example/wiki/Pier_(architecture)">piers</a>', "piers", "https://wiki.example/wiki/Pier_(architecture)"),
        ('<a href="https://bayherald.example/search?q=(pier)&amp;page=2">a search</a>', "a search", "https://bayherald.example/search?q=(pier)&page=2"),
        # and escape these characters in anchors
        ('<a href="https://bayherald.example/notes">see [1]</a>', "see [1]", "https://bayherald.example/notes"),
        ('<a href="https://bayherald.example/u">user_name_42</a>', "user_name_42", "https://bayherald.example/u"),
        ('<a href="https://bayherald.example/s">*starred* words</a>', "*starred* words", "https://bayherald.example/s"),
        ('<em><a href="https://bayherald.example/e">the Bay Herald</a></em>', "the Bay Herald", "https://bayherald.example/e"),
    ],
    ids=["wrapped", "br", "parens", "parens-query", "brackets", "underscores", "stars", "emphasis"],
)
def test_awkward_anchors_and_targets_are_read_as_links(anchor_html, anchor, url):
    page = f"<html><body><article><p>{LEAD}{anchor_html} said so.</p></article></body></html>"
    article = article_from_html(page, "a.html", url="https://harborlantern.example/news/a")
    assert article.text == LEAD + anchor + " said so."
    [link] = article.links
    assert (link.anchor, link.url) == (anchor, url)
    assert_spans_point_at_anchors(article)


def test_relative_links_resolve_against_the_canonical_url_when_no_page_url():
    page = html_page(
        "Ferry Returns",
        [FERRY_PARAGRAPH + ' See <a href="timetable.html">the timetable</a>.'],
        head='<link rel="canonical" href="https://harborlantern.example/news/ferry-returns">',
    )
    article = article_from_html(page, "ferry.html")
    assert article.url == "https://harborlantern.example/news/ferry-returns"
    assert [(ln.anchor, ln.url) for ln in article.links] == [("the timetable", "https://harborlantern.example/news/timetable.html")]


def test_relative_links_without_any_base_give_no_link_but_keep_the_words():
    page = html_page("Ferry Returns", [FERRY_PARAGRAPH + ' See <a href="timetable.html">the timetable</a> and <a href="#top">the top</a>.'])
    article = article_from_html(page, "ferry.html")
    assert article.links == []
    assert article.text.endswith("See the timetable and the top.")


def test_several_authors_and_page_language():
    page = html_page(
        "Le ferry revient",
        ["Le ferry de Porthaven reprend son horaire d'été la semaine prochaine, avec des traversées supplémentaires vers les îles le week-end et un nouvel arrêt au quai nord pour les cyclistes."],
        head='<meta name="author" content="Dana Reyes; Tomas Ferreira">',
        lang="fr-CA",
    )
    article = article_from_html(page, "ferry.html", url="https://harborlantern.example/fr/ferry")
    assert article.authors == ["Dana Reyes", "Tomas Ferreira"]
    assert article.language == "fr"


def test_fields_given_by_the_caller_win_over_the_page():
    article = article_from_html(PIER_PAGE, "pier.html", url=PAGE_URL, fields={"title": "Pier Nine Shut", "outlet": "Harbor Lantern Weekly", "desk": "city"})
    assert article.title == "Pier Nine Shut"
    assert article.outlet == "Harbor Lantern Weekly"
    assert article.meta["desk"] == "city"
    assert article.authors == ["Dana Reyes"]  # not given, so from the page


@pytest.mark.parametrize(
    "page",
    [
        "<!doctype html><html lang='en'><head><title>The Harbor Lantern</title></head><body></body></html>",
        "<html><head><title>Loading</title></head><body><div id='app'></div><script>var lantern = 1;</script></body></html>",
        "<html><body><img src='pier.png' alt='Pier 9 at dusk'></body></html>",
    ],
    ids=["empty-body", "script-only", "image-only"],
)
def test_page_without_article_body_is_no_article_text(page):
    with pytest.raises(NoArticleText) as info:
        article_from_html(page, "home.html", url="https://harborlantern.example/")
    assert info.value.where == "home.html"
    assert "no article body" in str(info.value)


@pytest.mark.parametrize("data", [b"", b"   \n", "just a line of plain words"], ids=["empty", "blank", "no-markup"])
def test_not_html_at_all_is_unreadable(data):
    with pytest.raises(UnreadableInput) as info:
        article_from_html(data, "odd.html")
    assert str(info.value).startswith("odd.html: not an HTML document")


def test_read_inputs_on_html_files(write):
    pier = write("site/pier.html", PIER_PAGE)
    ferry = write("site/ferry.htm", html_page("Ferry Strike Ends", [FERRY_PARAGRAPH]))
    empty = write("site/empty.html", "<html><head><title>Nothing</title></head><body></body></html>")
    items = list(read_inputs([str(pier.parent)], Settings()))
    # folder order is by name: empty, ferry, pier
    assert [type(i) for i in items] == [NoArticleText, Article, Article]
    error, ferry_article, pier_article = items
    assert error.where == str(empty)
    assert ferry_article.title == "Ferry Strike Ends" and ferry_article.source == str(ferry)
    assert ferry_article.text == FERRY_PARAGRAPH
    assert pier_article.url == PAGE_URL
    assert pier_article.outlet == "The Harbor Lantern"
    # A file has no address of its own: relative links resolve against the page's
    # canonical link exactly as written (www. and trailing slash included).
    assert [(ln.anchor, ln.url) for ln in pier_article.links] == [
        ("the Bay Herald", "https://bayherald.example/2025/03/05/pier-nine"),
        ("council statement", "https://www.harborlantern.example/council/statement-114"),
        ("new berths", "https://www.harborlantern.example/2025/03/06/pier-9-closes/berths/north-basin"),
        ("port authority", "https://www.harborlantern.example/port/authority"),
    ]
    assert_spans_point_at_anchors(pier_article)


def test_html_without_extension_is_sniffed(write):
    path = write("pier-9", PIER_PAGE.encode("utf-8"))
    [article] = read_inputs([str(path)], Settings())
    assert isinstance(article, Article)
    assert article.title == "Pier 9 Closes After Inspection"


def test_html_file_over_the_cap_is_refused_unread(write):
    path = write("long.html", html_page("Long", [PIER_PARAGRAPH] * 40))
    [item] = read_inputs([str(path)], Settings(max_input_bytes=2_000))
    assert isinstance(item, InputTooLarge)
    assert str(item).startswith(str(path) + ": ") and "max_input_bytes" in str(item)


def test_html_in_latin1_declared_in_meta(write):
    page = html_page("Café reopens", ["The harbour café on the north quay reopens on Saturday after a winter of repairs, its owner Zoë Martins said, with a new terrace facing the ferry slip."], head="")
    page = page.replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">')
    path = write("cafe.html", page.encode("latin-1"))
    [article] = read_inputs([str(path)], Settings())
    assert isinstance(article, Article)
    assert "Zoë Martins" in article.text


def test_an_anchor_wrapped_over_a_blank_line_in_the_html_is_still_one_link():
    page = '<html><body><article><p>Read <a href="https://bayherald.example/a">the Bay \n \n Herald</a> on the storm, which tore roofs off sheds along the quay.</p></article></body></html>'
    article = article_from_html(page, "wrapped.html")
    assert "](" not in article.text
    (link,) = article.links
    assert article.text[link.span.start : link.span.end] == "the Bay Herald" and link.url == "https://bayherald.example/a"
