"""The body check: an article whose clean text is too short to be one is refused, not stored.

>>> from newstrail.core.article import Article
>>> BodyCheck(10)(Article(text="The harbour council met on Monday.")).text[:11]
'The harbour'
"""

from __future__ import annotations

from dataclasses import dataclass

from newstrail.core.article import Article
from newstrail.core.errors import NoArticleText


@dataclass
class BodyCheck:
    """Per-article stage: refuse an article whose clean text is too short to be one."""

    min_chars: int
    name: str = "body-check"
    requires: tuple[str, ...] = ("text",)
    assigns: tuple[str, ...] = ()

    def __call__(self, article: Article) -> Article:
        if len(article.text.strip()) < self.min_chars:
            removed = f" ({len(article.removed)} boilerplate blocks removed)" if article.removed else ""
            raise NoArticleText(article.source or article.id, f"only {len(article.text.strip())} characters of article text after cleaning{removed}; below min_text_chars={self.min_chars}")
        return article
