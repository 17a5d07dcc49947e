"""Metadata fields shared by every reader: names, aliases and normalisation.

Records, front matter, feeds and HTML metadata all name the same few things in
different words; :data:`ALIASES` maps each spelling to the Article field, and
:func:`apply_fields` writes them onto an Article, keeping unknown fields in
``Article.meta``.

>>> from newstrail.core.article import Article
>>> a = Article()
>>> apply_fields(a, {"headline": "Pier 9", "date": "4 March 2025", "authors": "A. Li, B. Ode", "desk": "city"}, "r")
>>> a.title, a.published, a.authors, a.meta
('Pier 9', '2025-03-04', ['A. Li', 'B. Ode'], {'desk': 'city'})
"""

from __future__ import annotations

import re
from typing import Any

from newstrail.clean import split_authors
from newstrail.core.article import Article
from newstrail.core.errors import BadRecord
from newstrail.outlets import canonical_url, domain_of
from newstrail.core.dates import normalise_date

#: input field name (lower case) -> Article field
ALIASES: dict[str, str] = {
    "id": "id",
    "article_id": "id",
    "url": "url",
    "link": "url",
    "canonical_url": "url",
    "title": "title",
    "headline": "title",
    "published": "published",
    "date": "published",
    "published_at": "published",
    "publish_date": "published",
    "pubdate": "published",
    "datetime": "published",
    "outlet": "outlet",
    "publisher": "outlet",
    "sitename": "outlet",
    "site_name": "outlet",
    "source_name": "outlet",
    "author": "authors",
    "authors": "authors",
    "byline": "authors",
    "creator": "authors",
    "language": "language",
    "lang": "language",
    "text": "text",
    "content": "text",
    "body": "text",
    "article": "text",
    "html": "html",
    "raw_html": "html",
}



def field_for(name: str) -> str | None:
    return ALIASES.get(name.strip().lower())


# What each field may be: a name is text (or a number, as ids often are); authors may
# be a list of names; a date may be a timestamp. Anything else (an object, a nested
# list) is refused rather than stored as its Python form ("{'a': 1}").
_SCALAR = (str, int, float)


def _check_type(target: str, name: str, value: Any, where: str) -> None:
    ok = isinstance(value, _SCALAR) and not isinstance(value, bool) or (target == "published" and not isinstance(value, (dict, list, tuple, bool)))
    if target == "authors" and isinstance(value, list):
        ok = all(isinstance(v, (str, dict)) for v in value)  # dicts: {"name": ...} as feeds and front matter write them
    if not ok:
        kind = {dict: "an object", list: "a list", bool: "true/false"}.get(type(value), type(value).__name__)
        allowed = "text or a list of names" if target == "authors" else "text" if target != "published" else "a date"
        raise BadRecord(where, f"field {name!r} must be {allowed}, not {kind}; fix the record or rename the field")


def apply_fields(article: Article, fields: dict[str, Any], where: str) -> None:
    """Write metadata ``fields`` onto ``article``; unknown names go to ``meta``.

    ``text`` and ``html`` are the readers' business and are ignored here. Empty
    values are skipped, so a blank CSV cell never overwrites what the text says.
    """
    for name, value in fields.items():
        target = field_for(str(name))
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if target is not None and target not in ("text", "html"):
            _check_type(target, str(name), value, where)
        if target is None:
            article.meta[str(name)] = value
        elif target == "authors":
            article.authors = split_authors(value)
        elif target == "published":
            article.published = normalise_date(value) or article.published
            if article.published is None:
                article.meta.setdefault("unparsed_date", str(value))
        elif target in ("id", "title", "outlet", "language"):
            setattr(article, target, str(value).strip())
            if target == "id":
                article.input_id = article.id  # kept even when the runner must give the article another id
        elif target == "url":
            article.url = canonical_url(str(value)) or article.url
    if article.url and not article.domain:
        article.domain = domain_of(article.url)
