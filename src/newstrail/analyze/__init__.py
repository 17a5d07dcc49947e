"""Per-article stages and the pipeline that runs them in order.

A stage is any callable ``Article -> Article`` with three attributes: ``name``,
``requires`` (the Article fields it reads) and ``assigns`` (the fields it
fills). :class:`Pipeline` checks, before any article runs, that every stage's
requirements are met by the reader or by an earlier stage, so a misordered
pipeline fails at once with a message rather than half-way through a corpus.
Both lists must name fields of :class:`~newstrail.core.article.Article`.
A stage may also have ``process_many(articles) -> articles``, the same over a batch (the
engines call it per batch of ``settings.batch_size``, after the stages that touch none of its
fields, see :func:`newstrail.engines.local.over_the_batch`); it must change no article when it raises.

>>> from newstrail.clean import Cleaner
>>> pipe = Pipeline([Cleaner(), LanguageStage()])
>>> pipe.names
['clean', 'language']
>>> pipe.describe()[1]
{'name': 'language', 'requires': ['text'], 'assigns': ['language', 'language_score']}
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

from newstrail.core.article import Article
from newstrail.core.errors import StageError
from newstrail.analyze.language import LanguageStage, detect_language

__all__ = ["ARTICLE_FIELDS", "INGESTED", "LanguageStage", "Pipeline", "Stage", "detect_language"]

#: fields every reader fills (possibly empty) before the first stage
INGESTED: frozenset[str] = frozenset(
    {"id", "input_id", "url", "outlet", "domain", "title", "authors", "published", "language", "text", "links", "source", "meta"}
)
#: the fields a stage may name in ``requires`` and ``assigns``
ARTICLE_FIELDS: frozenset[str] = frozenset(f.name for f in dataclasses.fields(Article))


@runtime_checkable
class Stage(Protocol):
    """A per-article stage: reads ``requires`` fields of an Article, fills ``assigns``."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, article: Article) -> Article: ...


class Pipeline:
    """An ordered list of stages whose contracts have been checked."""

    def __init__(self, stages: Sequence[Stage]) -> None:
        available = set(INGESTED)
        for stage in stages:
            if not isinstance(stage, Stage):
                raise StageError(f"{stage!r} is not a stage: it needs name, requires, assigns and __call__")
            unknown = [f for f in (*stage.requires, *stage.assigns) if f not in ARTICLE_FIELDS]
            if unknown:
                what = "is not an Article field" if len(unknown) == 1 else "are not Article fields"
                raise StageError(f"stage '{stage.name}' names {', '.join(unknown)}, which {what}; see newstrail.core.article.Article")
            missing = [f for f in stage.requires if f not in available]
            if missing:
                raise StageError(f"stage '{stage.name}' requires {', '.join(missing)}, which no earlier stage assigns; put the stage that assigns it first")
            available.update(stage.assigns)
        self.stages = list(stages)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def describe(self) -> list[dict[str, Any]]:
        """Each stage in order with the fields it requires and assigns (``newstrail pipeline`` prints it)."""
        return [{"name": s.name, "requires": list(s.requires), "assigns": list(s.assigns)} for s in self.stages]

    def __call__(self, article: Article) -> Article:
        for stage in self.stages:
            article = stage(article)
        return article
