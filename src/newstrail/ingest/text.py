"""Plain text and Markdown articles, including pages scraped to Markdown.

Metadata comes from a YAML front matter block when there is one (keys ``id``,
``title``, ``outlet``, ``url``, ``published``/``date``, ``author``/``authors``,
``language``; other keys are kept in ``Article.meta``). Otherwise the first line
is taken as the headline when it stands alone; bylines, datelines and origin
lines in the body are recognised by :mod:`newstrail.clean`.

>>> a = article_from_text("Pier 9 Closes\\n\\nThe council voted on Monday to shut the pier.", "x.txt")
>>> a.title, a.text
('Pier 9 Closes', 'The council voted on Monday to shut the pier.')
"""

from __future__ import annotations

import re
from typing import Any

from newstrail.clean import classify
from newstrail.core.article import Article
from newstrail.core.errors import BadRecord, NoArticleText
from newstrail.ingest.markup import drop_leading_block, markdown_to_text, split_front_matter
from newstrail.ingest.metadata import apply_fields

# A headline: one short line standing alone, not ending like a sentence that runs on.
_MAX_TITLE = 250


def article_from_text(raw: str, where: str, fields: dict[str, Any] | None = None, title_from_text: bool = True, base_url: str | None = None) -> Article:
    """Build an Article from text or Markdown.

    ``fields`` are metadata that the container already knows (a record's columns);
    they win over what the text itself says. ``where`` names the input in errors and
    in ``Article.source``. Relative link targets are resolved against ``base_url``
    (where the document was found), else against the ``url`` field.
    """
    try:
        front, body = split_front_matter(raw)
    except ValueError as exc:
        raise BadRecord(where, f"{exc}; fix the block between the '---' lines") from exc
    known = {**front, **(fields or {})}
    if not base_url:
        base_url = known.get("url") if isinstance(known.get("url"), str) else None
    first_line = next((ln for ln in body.splitlines() if ln.strip()), "")
    text, links = markdown_to_text(body, base_url=base_url)
    if not text.strip():
        raise NoArticleText(where, "no article text in it (empty, or only front matter and markup)")
    article = Article(text=text, links=links, source=where)
    apply_fields(article, known, where)
    if text and (title_from_text or article.title):
        block = text.split("\n\n", 1)[0]
        is_heading = first_line.lstrip().startswith("#")
        stands_alone = "\n" not in block and len(block) <= _MAX_TITLE and "\n\n" in text
        same_as_title = article.title is not None and _same(block, article.title)
        if same_as_title or (article.title is None and stands_alone and (is_heading or not block.endswith((".", ":"))) and not _is_boilerplate(block)):
            article.title = article.title or block
            _, article.text, article.links = drop_leading_block(text, links)
    return article


def _is_boilerplate(line: str) -> bool:
    return classify(line) is not None


def _same(a: str, b: str) -> bool:
    norm = lambda s: re.sub(r"\W+", " ", s).strip().lower()  # noqa: E731
    return norm(a) == norm(b)
