"""RSS and Atom feeds: one article per entry.

An entry that carries the article (``content:encoded``, Atom ``content``) is read
from the feed itself; otherwise its link is fetched when a fetcher is given (a
feed read from a URL), and a long enough summary is the last resort.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from newstrail.core.article import Article
from newstrail.core.errors import InputError, NoArticleText, UnreadableInput
from newstrail.ingest.html import article_from_html

_FEED_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.S)

#: fetch(url) -> (final url, content bytes); raises InputError
Fetch = Callable[[str], tuple[str, bytes]]


def looks_like_feed(data: bytes) -> bool:
    return bool(_FEED_START.match(data[:2048].lstrip(b"\xef\xbb\xbf")))


def _entry_fields(entry: Any, feed_title: str | None) -> dict[str, Any]:
    authors = [a.get("name") for a in entry.get("authors", []) if a.get("name")] or entry.get("author")
    return {
        "url": entry.get("link"),
        "title": entry.get("title"),
        "published": entry.get("published") or entry.get("updated"),
        "authors": authors,
        "outlet": feed_title,
    }


def read_feed(data: bytes, where: str, fetch: Fetch | None = None, base_url: str | None = None,
              seen: Callable[[str], bool] | None = None) -> Iterator[Article | InputError]:
    """The articles of a feed, one per entry, or the errors that say why an entry (or the
    whole feed, ``where`` then naming the feed itself) gave none. ``seen(url)``: entries
    whose link it says is already stored are skipped before their page is fetched (a
    watched feed lists mostly what the last poll read)."""
    import feedparser

    # base_url: where the feed was fetched, so relative entry links ("/news/a") resolve
    parsed = feedparser.parse(data, response_headers={"content-location": base_url} if base_url else None)
    if parsed.bozo and not parsed.entries:
        yield UnreadableInput(where, f"not a readable RSS/Atom feed ({parsed.get('bozo_exception')})")
        return
    if not parsed.entries:
        what = "the file is empty" if not data.strip() else "the feed lists no items or entries"
        yield NoArticleText(where, f"no articles: {what}")
        return
    feed_title = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, start=1):
        fields = _entry_fields(entry, feed_title)
        if seen is not None and fields.get("url") and seen(fields["url"]):
            continue
        here = f"{where}#entry{number}" + (f" ({fields['url']})" if fields.get("url") else "")
        contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
        try:
            if contents:
                yield article_from_html(_as_page(max(contents, key=len)), here, url=fields["url"], fields=fields)
            elif fetch is not None and fields.get("url"):
                final_url, body = fetch(fields["url"])
                yield article_from_html(body, here, url=final_url, fields={**fields, "url": final_url})
            elif entry.get("summary"):
                yield article_from_html(_as_page(entry["summary"]), here, url=fields["url"], fields=fields)
            else:
                yield NoArticleText(here, "feed entry has no content, summary or link to fetch")
        except InputError as exc:
            yield exc


def _as_page(fragment: str) -> str:
    # trafilatura wants a document; a feed's content is a fragment of one.
    return f"<html><body><article>{fragment}</article></body></html>"
