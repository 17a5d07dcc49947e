"""JSON records: the stable machine-readable form of an article.

>>> from newstrail.core.article import Article
>>> record = article_record(Article(text="x", id="a1"), status="added")
>>> record["id"], record["status"], record["text"]
('a1', 'added', 'x')
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from newstrail.core.article import Article


def article_record(article: Article, status: str | None = None, only: Sequence[str] | None = None) -> dict[str, Any]:
    """The full record of an article, as ``analyze --format json`` prints it; with ``only``,
    those fields alone, without building the rest (its claims and sentences: most of the
    CPU ``analyze --format csv`` spent printing).

    >>> article_record(Article(text="x", id="a1", title="Pier 9"), "added", only=("status", "id", "title"))
    {'id': 'a1', 'title': 'Pier 9', 'status': 'added'}
    """
    record = article.to_dict(only=only)
    if status is not None:
        record["status"] = status
    return record


def to_json(value: Any, indent: int | None = None) -> str:
    """JSON as newstrail prints it: UTF-8 text kept as is, one line unless ``indent``."""
    return json.dumps(value, ensure_ascii=False, indent=indent)
