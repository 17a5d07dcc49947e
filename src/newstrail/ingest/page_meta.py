"""What a page's markup says about it: title, author, publish date, site name, URL.

trafilatura's ``extract_metadata`` reads these and more: categories, tags, a licence
and the host name, which newstrail does not keep and which cost a fifth of its time
(each one more pass of XPath over the whole tree). :func:`page_metadata` runs the same
steps for the fields newstrail reads, in the same order, so it gives the same values,
and finds the author (:func:`page_author`) with trafilatura's rules tested in Python,
at a third of the cost (``tests/ingest/test_page_meta.py`` compares both with
trafilatura on every page fixture and on bylines of each kind). The publish time to the
minute and the copyright-year guard are newstrail's own.

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

from copy import deepcopy

from htmldate import find_date
from trafilatura.json_metadata import normalize_authors
from trafilatura.metadata import (
    META_URL,
    Document,
    examine_meta,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.settings import set_date_params
from trafilatura.utils import trim
from trafilatura.xml import delete_element

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
    meta.author = meta.author or page_author(tree)
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



# trafilatura's extract_author runs five XPath expressions over the whole tree (the
# AUTHOR_DISCARD_XPATHS, then the AUTHOR_XPATHS until one gives a name); libxml2 tests
# their predicates at a microsecond an element, half of the metadata pass. The same
# predicates in Python, read off trafilatura's expressions, over one list of the elements:
_DISCARD_TAGS = frozenset({"a", "div", "section", "span"})
_DISCARD_ID = re.compile(r"^comments|comment-?list|ProductReviews")
_DISCARD_CLASS = re.compile(
    r"^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|article-(?:share|support)|print|category|meta-date|meta-reviewer"
)
_SPECIFIC_TAGS = frozenset({"a", "address", "div", "link", "p", "span", "strong"})
_SPECIFIC_CLASS = re.compile(r"author-?name|AuthorName|authorName")
_GENERIC_TAGS = frozenset({"a", "div", "h3", "h4", "p", "span"})
_GENERIC_ID = re.compile(r"author|zuozhe|bianji|xiaobian")
_GENERIC_CLASS = re.compile(r"author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name")
_ANY_ID = re.compile(r"[Aa]uthor")
_ANY_CLASS = re.compile(r"[Aa]uthor|screenname|writer|[Bb]yline")


def _discarded(e: Any) -> bool:
    if e.tag not in _DISCARD_TAGS:
        return False
    cls, ident = e.get("class") or "", e.get("id") or ""
    return (
        ident == "comments" or cls in ("comments", "title", "date") or _DISCARD_ID.search(ident) is not None
        or _DISCARD_CLASS.search(cls) is not None or "Figure" in (e.get("data-component") or "")
    )


def _specific(e: Any) -> bool:
    if e.tag == "author":
        return True
    cls = e.get("class") or ""
    return e.tag in _SPECIFIC_TAGS and (
        e.get("rel") == "author" or e.get("id") == "author" or cls == "author" or e.get("itemprop") == "author name"
        or (e.find("rel") is not None and any(c.tag == "rel" and c.xpath("string()") == "me" for c in e))  # XPath "rel='me'": a child
        or e.get("data-testid") in ("AuthorCard", "AuthorURL") or _SPECIFIC_CLASS.search(cls) is not None
    )


def _generic(e: Any) -> bool:
    cls = e.get("class") or ""
    return e.tag in _GENERIC_TAGS and (
        cls in ("byline", "username", "byl", "BBL") or "author" in (e.get("itemprop") or "")
        or _GENERIC_ID.search(e.get("id") or "") is not None or _GENERIC_CLASS.search(cls) is not None
    )


def _any(e: Any) -> bool:
    return (
        "Byline" in (e.get("data-component") or "") or "author" in (e.get("itemprop") or "")
        or _ANY_ID.search(e.get("id") or "") is not None or _ANY_CLASS.search(e.get("class") or "") is not None
    )


def page_author(tree: Any) -> str | None:
    """The author line of the page as trafilatura's ``extract_author`` finds it: outside
    comments, sidebars, dates and figures, the first element of the most specific kind
    whose text is 3 to 119 characters; ``tree`` is left as it was.

    >>> from trafilatura.utils import load_html
    >>> page_author(load_html("<html><body><div class='byline'>By Dana Reyes <time>6 March</time></div>"
    ...                       "<div class='sidebar'><p class='author'>Omar Haddad</p></div></body></html>"))
    'Dana Reyes'
    """
    pruned = deepcopy(tree)
    # Only elements with one of the attributes the predicates read (or a <rel> child) can
    # match: libxml2 picks those out at C speed, in document order, as the XPath would.
    for e in pruned.xpath(".//*[@id or @class or @data-component]"):
        if _discarded(e):
            delete_element(e)  # its tail stays, as in trafilatura's pruning
    for e in list(pruned.iter("time", "figure")):
        delete_element(e)
    elements = pruned.xpath("//*[@class or @id or @itemprop or @rel or @data-testid or @data-component or rel] | //author")
    for kind in (_specific, _generic, _any):
        for e in elements:
            if kind(e):
                content = trim(" ".join(e.itertext()))
                if content and 2 < len(content) < 120:
                    return normalize_authors(None, content)
    return None

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
