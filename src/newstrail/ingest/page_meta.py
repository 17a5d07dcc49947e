"""What a page's markup says about it: title, author, publish date, site name, URL.

trafilatura's ``extract_metadata`` reads these and more: categories, tags, a licence
and the host name, which newstrail does not keep and which cost a fifth of its time
(each one more pass of XPath over the whole tree). :func:`page_metadata` runs the same
steps for the fields newstrail reads, in the same order, so it gives the same values
(``tests/ingest/test_page_meta.py`` compares the two on every page fixture). The
publish time to the minute and the copyright-year guard are newstrail's own.

>>> from trafilatura.utils import load_html
>>> tree = load_html("<html><head><title>Pier 9 | Lantern</title><meta property='og:site_name' content='Lantern'>"
...                  "<meta property='article:published_time' content='2025-03-04T09:30:00+01:00'></head>"
...                  "<body><p>The pier closed.</p></body></html>")
>>> meta = page_metadata(tree, "https://lantern.example/pier")
>>> meta.title, meta.sitename, meta.date, meta.url
('Pier 9', 'Lantern', '2025-03-04', 'https://lantern.example/pier')
>>> stated_time(tree, meta.date)
'2025-03-04T09:30:00+01:00'
"""

from __future__ import annotations

import re
from typing import Any

from htmldate import find_date
from trafilatura.metadata import (
    META_URL,
    Document,
    examine_meta,
    extract_author,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.settings import set_date_params

from newstrail.core.dates import has_time, parse_date


def page_metadata(tree: Any, default_url: str | None = None) -> Document:
    """trafilatura's metadata of a parsed page (``title``, ``author``, ``date``,
    ``sitename``, ``url``, ``description``), as ``trafilatura.extract_metadata`` gives
    them, without the fields newstrail drops. ``tree`` is left as it was.
    """
    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None  # as trafilatura: a one-word author is a handle, not a name
    try:
        meta = extract_meta_json(tree, meta)
    except Exception:  # noqa: BLE001 - trafilatura guards its JSON-LD reader the same way
        pass
    meta.title = meta.title or extract_title(tree)
    meta.author = meta.author or extract_author(tree)
    meta.url = meta.url or extract_url(tree, default_url)
    # htmldate's wide text search only runs when the head, the JSON-LD, <abbr> and
    # <time> elements give no date, so a page that states its date pays for the head alone
    meta.date = find_date(tree, **{**set_date_params(True), "url": meta.url})
    meta.sitename = meta.sitename or extract_sitename(tree)
    if meta.sitename:
        meta.sitename = meta.sitename.lstrip("@")
        if meta.sitename and "." not in meta.sitename and not meta.sitename[0].isupper():
            meta.sitename = meta.sitename.title()
    elif meta.url and (site := META_URL.match(meta.url)):
        meta.sitename = site[1]
    meta.clean_and_trim()
    return meta


# where a page states its publish time to the minute: htmldate reports only the day,
# and copies minutes apart at different offsets need the time and the offset
_TIME_XPATH = (
    '//meta[@property="article:published_time" or @name="article:published_time" or @property="og:published_time"'
    ' or @itemprop="datePublished" or @name="pubdate" or @name="publishdate"]/@content'
    ' | //time[@itemprop="datePublished" or @pubdate]/@datetime'
)
_LD_TIME = re.compile(r'"datePublished"\s*:\s*"([^"]{10,40})"')


def stated_time(tree: Any, day: str | None) -> str | None:
    """The publish time the page's metadata states, when it names the day htmldate
    found (its local day, as written) and a time of day; else ``None``."""
    if not day:
        return None
    stated = [str(v) for v in tree.xpath(_TIME_XPATH)]
    stated += [m.group(1) for script in tree.xpath('//script[@type="application/ld+json"]/text()') for m in _LD_TIME.finditer(script)]
    for value in stated:
        value = value.strip()
        if value[:10] == day and has_time(value) and parse_date(value) is not None:
            return value
    return None


def trusted_date(date: str | None, html: str | bytes) -> str | None:
    """htmldate's wide search turns a footer's "© 2025" into 2025-01-01: a year alone
    is no publish date, so a 1 January found next to a copyright year is dropped.

    >>> trusted_date("2025-01-01", "<footer>© 2025 Lantern</footer>"), trusted_date("2025-03-04", "© 2025")
    (None, '2025-03-04')
    """
    if not date or not date.endswith("-01-01"):
        return date
    page = html.decode("utf-8", "replace") if isinstance(html, bytes) else html
    year = date[:4]
    if re.search(rf"(?:©|&copy;|copyright|\(c\))\s*(?:[^<\n]{{0,40}}?)\b{year}\b", page, re.I) and not re.search(
        rf"\b(?:{year}-01-01|1 January,? {year}|January 1,? {year}|Jan\.? 1,? {year})", page, re.I
    ):
        return None
    return date
