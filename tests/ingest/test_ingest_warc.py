"""WARC archives: HTML responses become articles; everything else is skipped."""

from __future__ import annotations

import gzip
import io

import pytest
from ingest_helpers import FERRY_PARAGRAPH, PIER_PARAGRAPH, build_warc, html_page

from newstrail import Article, InputTooLarge, Settings, UnreadableInput, read_inputs
from newstrail.ingest import read_bytes


@pytest.mark.parametrize("gz, name", [(True, "crawl.warc.gz"), (False, "crawl.warc")], ids=["gzip", "plain"])
def test_warc_gives_exactly_the_two_html_articles(write, gz, name):
    data = build_warc(gzip=gz)
    assert (data[:2] == b"\x1f\x8b") is gz
    path = write(name, data)
    items = list(read_inputs([str(path)], Settings()))
    assert all(isinstance(i, Article) for i in items), items
    assert [a.url for a in items] == [
        "https://harborlantern.example/city/pier-9",
        "https://harborlantern.example/city/ferry-strike-ends",
    ]
    pier, ferry = items
    assert (pier.title, pier.text) == ("Pier 9 Closes", PIER_PARAGRAPH)
    assert (ferry.title, ferry.text) == ("Ferry Strike Ends", FERRY_PARAGRAPH)
    # the pages state no date: the WARC-Date is the fallback
    assert pier.published == "2025-03-06T08:00:00Z"
    assert ferry.published == "2025-03-07T09:15:00Z"
    assert pier.source == f"{path}#https://harborlantern.example/city/pier-9"
    assert pier.domain == "harborlantern.example"


def test_page_date_wins_over_warc_date(write):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = html_page("Pier 9 Closes", [PIER_PARAGRAPH], head='<meta property="article:published_time" content="2025-03-01">')
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record("https://harborlantern.example/p", "response", payload=io.BytesIO(page.encode()), http_headers=http, warc_headers_dict={"WARC-Date": "2025-03-09T00:00:00Z"})
    )
    [article] = read_inputs([str(write("dated.warc.gz", buf.getvalue()))], Settings())
    assert article.published == "2025-03-01"


def test_warc_without_extension_is_sniffed(write):
    path = write("crawl-0001", build_warc(gzip=True))
    items = list(read_inputs([str(path)], Settings()))
    assert len(items) == 2 and all(isinstance(i, Article) for i in items)


def test_warc_response_over_the_cap_fails_alone(write):
    # the ferry page is padded past the cap; the pier page is not
    path = write("padded.warc", build_warc(gzip=False, pad_ferry=3000))
    items = list(read_inputs([str(path)], Settings(max_input_bytes=2_500)))
    assert [type(i) for i in items] == [Article, InputTooLarge]
    assert items[1].where == f"{path}#https://harborlantern.example/city/ferry-strike-ends"


def test_warc_from_bytes_and_from_stdin():
    data = build_warc(gzip=True)
    assert [a.url for a in read_bytes(data, "<bytes>", Settings())] == [
        "https://harborlantern.example/city/pier-9",
        "https://harborlantern.example/city/ferry-strike-ends",
    ]
    items = list(read_inputs(["-"], Settings(), stdin=io.BytesIO(data)))
    assert [a.source for a in items] == [
        "<stdin>#https://harborlantern.example/city/pier-9",
        "<stdin>#https://harborlantern.example/city/ferry-strike-ends",
    ]


@pytest.mark.parametrize(
    "data",
    [
        b"this is not a warc at all, only a line of words\n" * 5,  # warcio would take this for an ARC header
        gzip.compress(b"this is not a warc at all, only a line of words\n" * 5),
        gzip.compress(html_page("Pier 9", [PIER_PARAGRAPH]).encode()),
        b"\x1f\x8b\x08\x00garbage that is not gzip",
        bytes(range(256)) * 4,
        b"",
    ],
    ids=["text", "gzip-text", "gzip-html", "bad-gzip", "binary", "empty"],
)
def test_not_a_warc_named_warc_gz_is_unreadable(write, data):
    path = write("crawl.warc.gz", data)
    items = list(read_inputs([str(path)], Settings()))
    assert len(items) == 1
    [error] = items
    assert isinstance(error, UnreadableInput)
    assert error.where == str(path)
    assert "not a" in error.reason and "WARC" in error.reason


def test_warc_cut_inside_its_first_header_is_one_error(write):
    # warcio raises AttributeError on this cut (no WARC-Target-URI yet); it must not escape the reader
    path = write("cut.warc", build_warc(gzip=False)[:28])
    items = list(read_inputs([str(path)], Settings()))
    assert len(items) == 1
    [error] = items
    assert isinstance(error, UnreadableInput) and error.where == str(path)
    assert "WARC" in error.reason


def test_truncated_warc_keeps_what_came_before(write):
    data = build_warc(gzip=True)
    path = write("cut.warc.gz", data[: len(data) - 400])
    items = list(read_inputs([str(path)], Settings()))
    assert isinstance(items[0], Article) and items[0].url == "https://harborlantern.example/city/pier-9"
    assert all(isinstance(i, (Article, UnreadableInput)) for i in items)


def test_page_with_copyright_year_only_keeps_the_warc_date(write):
    """An undated page whose footer says "© 2025" has no publish date of its own.

    htmldate's extensive search (on, as in trafilatura.extract_metadata, in
    ingest/page_meta.py) turns the copyright year into "2025-01-01", which would
    hide the WARC-Date fallback; ingest/page_meta.trusted_date drops such a 1 January.
    """
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = html_page("Pier 9 Closes", [PIER_PARAGRAPH]).replace("<footer>", "<footer>© 2025 ")
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record("https://harborlantern.example/p", "response", payload=io.BytesIO(page.encode()), http_headers=http, warc_headers_dict={"WARC-Date": "2025-03-09T10:00:00Z"})
    )
    [article] = read_inputs([str(write("footer.warc", buf.getvalue()))], Settings())
    assert article.published == "2025-03-09T10:00:00Z"
