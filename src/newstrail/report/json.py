"""JSON records: the stable machine-readable form of an article.

>>> from newstrail.core.article import Article
>>> sorted(article_record(Article(text="x", id="a1")))[:4]
['authors', 'domain', 'id', 'language']
"""

from __future__ import annotations

import json
from typing import Any

from newstrail.core.article import Article


def article_record(article: Article, status: str | None = None) -> dict[str, Any]:
    """The full record of an article, as ``analyze --format json`` prints it."""
    record = article.to_dict()
    if status is not None:
        record["status"] = status
    return record


def to_json(value: Any, indent: int | None = None) -> str:
    return json.dumps(value, ensure_ascii=False, indent=indent)
