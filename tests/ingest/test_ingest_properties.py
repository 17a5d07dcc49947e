"""Property-based tests: the readers never raise anything but their own errors, and
every link's span points at its anchor words, whatever the input."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newstrail import Article, InputError, Settings
from newstrail.ingest import read_bytes, read_inputs
from newstrail.ingest.html import article_from_html
from newstrail.ingest.markup import markdown_to_text
from newstrail.ingest.text import article_from_text

SETTINGS = Settings(max_input_bytes=20_000, detect_language=False)
KINDS = ["text", "html", "jsonl", "csv", "tsv", "warc", "feed", "json"]
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_items(items: list) -> None:
    for item in items:
        assert isinstance(item, (Article, InputError)), item
        if isinstance(item, InputError):
            assert str(item).startswith(item.where + ": ") and item.reason
        else:
            check_links(item)


def check_links(article: Article) -> None:
    for link in article.links:
        assert 0 <= link.span.start <= link.span.end <= len(article.text)
        assert article.text[link.span.start : link.span.end] == link.anchor, (link, article.text)
        assert link.anchor.strip() == link.anchor and link.anchor
        assert link.url.startswith(("http://", "https://"))


# --- random bytes -------------------------------------------------------------

# Random bytes, and random bytes behind a prefix that makes the sniffers and parsers
# take the input seriously.
PREFIXES = [b"", b"WARC/1.0\r\n", b"\x1f\x8b\x08\x00", b"<?xml version='1.0'?><rss version='2.0'><channel>", b"<html><body><p>", b'{"text": "', b"id,text\n", b"id\ttext\n", b"[{", b"---\n"]


@pytest.mark.parametrize("kind", KINDS)
@FAST
@given(prefix=st.sampled_from(PREFIXES), data=st.binary(max_size=600))
def test_random_bytes_never_raise(kind, prefix, data):
    check_items(list(read_bytes(prefix + data, "fuzz.bin", SETTINGS, kind=kind)))


@FAST
@given(data=st.binary(max_size=600))
def test_random_bytes_sniffed_never_raise(data):
    check_items(list(read_bytes(data, "fuzz.bin", SETTINGS)))


@FAST
@given(prefix=st.sampled_from(PREFIXES), data=st.binary(max_size=300))
def test_random_stdin_never_raises(prefix, data):
    check_items(list(read_inputs(["-"], SETTINGS, stdin=io.BytesIO(prefix + data))))


# --- random HTML ----------------------------------------------------------------

WORDS = st.sampled_from(
    ["harbor", "Pier", "9", "council", "voted", "ferry", "Porthaven", "quay", "*", "_", "**", "[", "]", "(", ")", "#", "`", "\\", "&amp;", "&lt;", "!", "-", "|", "1.", ">", "Dana Reyes", "é", "日本", "\n", "\n   ", "[1]", "snake_case", "x*y", "<br>"]
)
TEXT = st.lists(WORDS, min_size=1, max_size=12).map(" ".join)
HREFS = st.sampled_from(
    [
        "https://bayherald.example/a",
        "/city/pier-9",
        "notes/2025",
        "../up",
        "#top",
        "mailto:desk@harborlantern.example",
        "javascript:void(0)",
        "",
        "https://bayherald.example/a_(b)",
        "https://bayherald.example/x?q=a b",
        "https://porthaven.example/docs/quay_works_draft",
    ]
)


def _wrap(tag: str):
    return lambda inner: f"<{tag}>{inner}</{tag}>"


INLINE = st.recursive(
    TEXT,
    lambda inner: st.one_of(
        st.builds(lambda href, body: f'<a href="{href}">{body}</a>', HREFS, inner),
        inner.map(_wrap("em")),
        inner.map(_wrap("strong")),
        inner.map(_wrap("span")),
        inner.map(_wrap("code")),
        st.lists(inner, min_size=2, max_size=3).map(" ".join),
        inner.map(lambda s: s + "<br>"),
    ),
    max_leaves=8,
)
BLOCK = st.one_of(
    INLINE.map(_wrap("p")),
    INLINE.map(_wrap("h1")),
    INLINE.map(_wrap("h2")),
    INLINE.map(_wrap("blockquote")),
    st.lists(INLINE.map(_wrap("li")), min_size=1, max_size=3).map(lambda items: "<ul>" + "".join(items) + "</ul>"),
    INLINE.map(lambda s: f"<table><tr><td>{s}</td><td>{s}</td></tr></table>"),
    INLINE.map(_wrap("nav")),
    INLINE.map(lambda s: f"<script>var x = '{s}';</script>"),
    INLINE.map(_wrap("div")),
)
PAGES = st.builds(
    lambda lang, title, blocks, wrapper: f"<html{lang}><head><title>{title}</title></head><body><{wrapper}>{''.join(blocks)}</{wrapper}></body></html>",
    st.sampled_from(["", ' lang="en"', ' lang="fr-CA"', ' lang=""']),
    TEXT,
    st.lists(BLOCK, min_size=0, max_size=6),
    st.sampled_from(["article", "main", "div"]),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page=PAGES, url=st.sampled_from([None, "https://harborlantern.example/news/2025/pier.html"]))
# a link nested in another link's emphasis: trafilatura escapes the inner one's brackets
@example(page='<html><body><article><p>The council voted <a href="https://bayherald.example/a"><em>harbor '
              '<a href="/city/pier-9">Pier</a></em></a> ferry today.</p></article></body></html>', url=None)
def test_random_html_gives_an_article_or_an_input_error(page, url):
    try:
        article = article_from_html(page, "fuzz.html", url=url)
    except InputError as exc:
        assert exc.where == "fuzz.html"
        return
    check_links(article)
    assert "\n\n\n" not in article.text
    # no Markdown link syntax leaks into the text: every link was read as a link
    assert "](" not in article.text, article.text
    if article.language is not None:
        assert article.language in ("en", "fr")


# --- random Markdown ---------------------------------------------------------------

ANCHOR_CHARS = st.text(alphabet=st.sampled_from(list("abc XYZ*_`#!.-é\\()")), min_size=0, max_size=14)
TARGETS = st.sampled_from(
    [
        "https://bayherald.example/a",
        "https://bayherald.example/a_b_c",
        "/rel/path",
        "rel",
        "#",
        "",
        "mailto:x@y.example",
        "https://bayherald.example/a \"A title\"",
        "<https://bayherald.example/angle>",
    ]
)
MD_PIECES = st.one_of(
    st.sampled_from(["The", "harbor", "council", "voted", "on", "Monday", "**", "*", "_", "__", "`", "\\*", "\\[", "#", "> ", "- ", "---"]),
    st.builds(lambda a, t: f"[{a}]({t})", ANCHOR_CHARS, TARGETS),
    st.builds(lambda a, t: f"![{a}]({t})", ANCHOR_CHARS, TARGETS),
    st.builds(lambda a, t: f"**[{a}]({t})**", ANCHOR_CHARS, TARGETS),
    st.sampled_from(["<https://bayherald.example/auto>", "<http://x.example/a_b>"]),
)
MD_LINES = st.lists(st.lists(MD_PIECES, min_size=0, max_size=8).map(" ".join), min_size=1, max_size=8)
MARKDOWN = st.builds(lambda lines, nl: nl.join(lines), MD_LINES, st.sampled_from(["\n", "\n\n", "\r\n"]))


@settings(max_examples=100, deadline=None)
@given(md=MARKDOWN, base=st.sampled_from([None, "https://harborlantern.example/news/a.html"]))
def test_markdown_link_spans_slice_to_their_anchors(md, base):
    text, links = markdown_to_text(md, base_url=base)
    check_links(Article(text=text, links=links))
    assert "\n\n\n" not in text
    assert not text.startswith("\n") and not text.endswith("\n")


@settings(max_examples=100, deadline=None)
@given(md=MARKDOWN, front=st.sampled_from(["", "---\ntitle: Pier 9\nurl: https://harborlantern.example/a/b\n---\n", "---\n: [\n---\n"]))
def test_markdown_articles_keep_spans_through_title_removal(md, front):
    try:
        article = article_from_text(front + md, "fuzz.md")
    except InputError as exc:
        assert exc.where == "fuzz.md"
        return
    check_links(article)
    assert article.text.strip()


@settings(max_examples=60, deadline=None)
@given(md=MARKDOWN)
def test_markdown_spans_survive_the_cleaner(md):
    from newstrail.clean import Cleaner

    try:
        article = article_from_text(md, "fuzz.md")
    except InputError:
        return
    check_links(Cleaner()(article))


# --- random records ------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)
FIELD_NAMES = st.sampled_from(["id", "url", "link", "title", "headline", "text", "content", "body", "html", "published", "date", "author", "authors", "outlet", "language", "desk", ""])


@FAST
@given(records=st.lists(st.dictionaries(FIELD_NAMES, JSON_VALUES, max_size=6), max_size=4))
def test_random_json_records_never_raise(records):
    data = "\n".join(json.dumps(r) for r in records).encode()
    check_items(list(read_bytes(data, "fuzz.jsonl", SETTINGS, kind="jsonl")))
    check_items(list(read_bytes(json.dumps(records).encode(), "fuzz.json", SETTINGS, kind="json")))


@FAST
@given(rows=st.lists(st.lists(st.text(max_size=40), min_size=1, max_size=5), min_size=1, max_size=5), header=st.lists(FIELD_NAMES, min_size=1, max_size=5))
def test_random_csv_rows_never_raise(rows, header):
    import csv

    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows(rows)
    check_items(list(read_bytes(buf.getvalue().encode(), "fuzz.csv", SETTINGS, kind="csv")))
