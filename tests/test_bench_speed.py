"""bench/speed.py's page: what newstrail and trafilatura are timed on is a news page whose
article both read back, without its navigation, cookie notice, newsletter box or footer."""

from __future__ import annotations

import sys
from pathlib import Path

import trafilatura

from newstrail.ingest.html import article_from_html

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from speed import page, reading_cost  # noqa: E402

RECORD = {
    "id": "kestrel-1",
    "url": "https://kestrelwire.example/harbour/1",
    "title": "Porthaven harbour board cuts ferry fares",
    "published": "2018-01-03T09:00:00Z",
    "text": "The Porthaven harbour board cut ferry fares by twelve percent on Monday, its chair said.\n\n"
    "Fares on the Gull Rock crossing fall from 4.20 to 3.70 crowns from March, the board's notice says.\n\n"
    "Ferry workers & the Saltbridge union welcomed the cut but asked for <more> sailings in winter.",
}


def test_the_page_reads_back_as_its_article() -> None:
    html = page(RECORD)
    article = article_from_html(html, "page.html")
    assert article.title == RECORD["title"]
    assert article.url == RECORD["url"]
    assert article.text.split("\n\n") == RECORD["text"].split("\n\n")
    extracted = trafilatura.extract(html)
    assert extracted is not None and "twelve percent" in extracted
    for cruft in ("We use cookies", "Sign up for our newsletter", "All rights reserved", "More stories like this one"):
        assert cruft in html and cruft not in article.text


def test_the_reading_cost_is_what_html_adds_to_jsonl_against_the_extraction() -> None:
    # 1,000 articles: 30 CPU s as pages, 24 as records, 4 for trafilatura alone
    line = reading_cost(30.0, 24.0, 4.0, 1000)
    assert line.startswith("HTML reading cost: 6.0 ms an article = 1.5 x trafilatura's extraction (4.0 ms")
    assert "2.5 x" in reading_cost(34.0, 24.0, 4.0, 1000)
