"""HTML pages: main text, metadata and links, through trafilatura.

trafilatura renders the main content as Markdown with its links; the Markdown is
read by :func:`~newstrail.ingest.markup.markdown_to_text`, so HTML, Markdown and
scraped text share one notion of text and link position. Metadata (title, author,
date via htmldate, site name, canonical URL) comes from trafilatura's metadata steps
(:mod:`~newstrail.ingest.page_meta`, which reads the same parsed tree); the
page's ``<html lang>`` is taken as a language hint.

>>> page = "<html lang='en'><head><title>Pier 9 | Lantern</title></head><body><article><h1>Pier 9</h1>"
>>> page += "<p>" + "The harbor council voted to close Pier 9 on Monday after an inspection. " * 3 + "</p></article></body></html>"
>>> a = article_from_html(page, "p.html", url="https://lantern.example/pier")
>>> a.title, a.domain, a.language
('Pier 9', 'lantern.example', 'en')
"""

from __future__ import annotations

import functools
import logging
from typing import Any

from newstrail.core.langcode import base_language
from newstrail.core.article import Article
from newstrail.core.errors import NoArticleText, UnreadableInput
from newstrail.ingest.blocks import drop_inline_tags
from newstrail.ingest.markup import _HEADING, join_wrapped_anchors, unnest_anchors
from newstrail.ingest.text import _same, article_from_text

# trafilatura logs every page it finds too short at WARNING; our own error says it better.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


#: how trafilatura is asked for the main text (bench/cleaning.py scores trafilatura alone with these)
EXTRACT_OPTIONS: dict[str, Any] = {
    "output_format": "markdown",
    "include_links": True,
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "deduplicate": False,
}


def _lang_hint(tree: Any) -> str | None:
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if lang:
        return base_language(lang) or None
    return None


def article_from_html(html: str | bytes, where: str, url: str | None = None, fields: dict[str, Any] | None = None) -> Article:
    """Build an Article from an HTML page.

    ``url`` is where the page was found (a fetch, a WARC record); the page's own
    canonical link wins over it. ``fields`` (from a record or a feed entry) fill
    what the page does not state. The page is parsed once: trafilatura's extraction
    and the metadata read the same tree.
    """
    # trafilatura (and lxml, htmldate, justext) load in a fifth of a second: only for HTML
    import trafilatura
    from trafilatura.utils import load_html

    from newstrail.ingest.page_meta import page_metadata, stated_time, trusted_date

    tree = load_html(html)
    if tree is None:
        raise UnreadableInput(where, "not an HTML document (no <html> or <body> could be parsed)")
    # No url= here: trafilatura resolves relative links against the site root
    # (scheme and host only), which is wrong for "berths/north" or "../fares" on
    # /news/2025/a.html. The links are resolved against the page URL below.
    markdown = trafilatura.extract(tree, options=_extractor())
    if not markdown or not markdown.strip():
        raise NoArticleText(where, "no article body found in the HTML (navigation or an empty page?)")
    markdown = drop_inline_tags(join_wrapped_anchors(unnest_anchors(markdown)))
    meta = page_metadata(tree, default_url=url)
    page: dict[str, Any] = {
        "title": meta.title,
        "author": meta.author,
        "published": stated_time(tree, meta.date) or trusted_date(meta.date, html),
        "outlet": meta.sitename,
        "url": meta.url or url,
    }
    if meta.description:
        page["description"] = meta.description
    page["language"] = _lang_hint(tree)
    known = {k: v for k, v in page.items() if v}
    known.update({k: v for k, v in (fields or {}).items() if v})
    if meta.title and known.get("title") != meta.title:
        # A feed or record names the article its own way; the page's own headline
        # on top of the text is still a headline, not body text.
        markdown = _drop_headline(markdown, meta.title)
    return article_from_text(markdown, where, fields=known, base_url=url)


@functools.cache
def _extractor() -> Any:
    """trafilatura's options for :data:`EXTRACT_OPTIONS`, built once (reading its
    configuration again for every page costs a tenth of a millisecond)."""
    from trafilatura.settings import Extractor  # heavy, as above

    o = EXTRACT_OPTIONS
    return Extractor(output_format=o["output_format"], links=o["include_links"], comments=o["include_comments"],
                     tables=o["include_tables"], images=o["include_images"], dedup=o["deduplicate"])


def _drop_headline(markdown: str, title: str) -> str:
    first, _, rest = markdown.lstrip().partition("\n")
    if _HEADING.match(first) and _same(_HEADING.sub("", first), title):
        return rest
    return markdown
