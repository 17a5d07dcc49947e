"""Per-article stages and the pipeline that runs them in order.

A stage is any callable ``Article -> Article`` with three attributes: ``name``,
``requires`` (the Article fields it reads) and ``assigns`` (the fields it
fills). :class:`Pipeline` checks, before any article runs, that every stage's
requirements are met by the reader or by an earlier stage, so a misordered
pipeline fails at once with a message rather than half-way through a corpus.

>>> from newstrail.clean import Cleaner
>>> pipe = Pipeline([Cleaner(), LanguageStage()])
>>> pipe.names
['clean', 'language']
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from newstrail.core.article import Article
from newstrail.core.errors import StageError
from newstrail.analyze.language import LanguageStage, detect_language

__all__ = ["INGESTED", "LanguageStage", "Pipeline", "Stage", "detect_language"]

#: fields every reader fills (possibly empty) before the first stage
INGESTED: frozenset[str] = frozenset({"id", "url", "outlet", "domain", "title", "authors", "published", "language", "text", "links", "source", "meta"})


@runtime_checkable
class Stage(Protocol):
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
            missing = [f for f in stage.requires if f not in available]
            if missing:
                raise StageError(f"stage '{stage.name}' requires {', '.join(missing)}, which no earlier stage assigns; put the stage that assigns it first")
            available.update(stage.assigns)
        self.stages = list(stages)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, article: Article) -> Article:
        for stage in self.stages:
            article = stage(article)
        return article
