"""The per-article stage that matches an article's check-worthy claims against fact-checks.

:class:`FactCheckStage` is given a :class:`~newstrail.factchecks.matching.Matcher`, or
(:meth:`FactCheckStage.lazy`, what the stage registry builds) reads one from the store on
first use, and fills ``Claim.matches`` with the fact-checks whose calibrated score clears ``threshold``.

>>> import os, tempfile
>>> from newstrail.core.article import Article, Claim, Span
>>> from newstrail.store import open_store
>>> from newstrail.factchecks.record import FactCheck
>>> store = open_store(os.path.join(tempfile.mkdtemp(), "t.db"))
>>> _ = store.factchecks.put_many([FactCheck(claim="The Pier 9 crane fell into the harbour.", id="crane", rating="False").to_row()])
>>> stage = FactCheckStage.from_store(store, threshold=0.2, embed=False)
>>> a = Article(text="The Pier 9 crane fell into the harbour, the post says.")
>>> a.claims = [Claim(span=Span(0, 55), score=0.9, checkworthy=True)]
>>> [(m.factcheck, m.rating) for m in stage(a).claims[0].matches]
[('crane', 'False')]
>>> store.close()
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from newstrail.core.article import Article
from newstrail.factchecks.matching import Matcher


@dataclass
class FactCheckStage:
    """Per-article stage: ``Claim.matches`` for the check-worthy claims; requires ``claims``.

    Give it a ``matcher``, or a ``load`` callable that builds one (or returns
    ``None`` when there is nothing to match against) on first use: a pipeline
    that holds this stage costs nothing until its first article, and nothing at
    all when the store holds no fact-checks.
    """

    matcher: Matcher | None = None
    threshold: float = 0.5
    top: int = 3
    load: Callable[[], Matcher | None] | None = None
    name: str = "factchecks"
    requires: tuple[str, ...] = ("claims",)
    assigns: tuple[str, ...] = ("claims",)
    _loaded: bool = field(default=False, repr=False)

    @classmethod
    def from_store(cls, store: Any, threshold: float = 0.5, top: int = 3, embed: bool = True, variant: str | None = None) -> FactCheckStage:
        """A stage over every fact-check imported into ``store`` (``variant``: see :meth:`Matcher.from_store`)."""
        return cls(Matcher.from_store(store, embed=embed, variant=variant), threshold=threshold, top=top)

    @classmethod
    def lazy(cls, store: Any, threshold: float = 0.5, top: int = 3, embed: bool = True, variant: str | None = None) -> FactCheckStage:
        """A stage that reads ``store``'s fact-checks on first use, never writing; a no-op if it holds none.

        >>> import os, tempfile
        >>> from newstrail.store import open_store
        >>> with open_store(os.path.join(tempfile.mkdtemp(), "t.db")) as store:
        ...     FactCheckStage.lazy(store)(Article(text="x")).stages
        []
        """

        def load() -> Matcher | None:
            if not store.factchecks.count():  # an empty store costs nothing: no index, no models
                return None
            return Matcher.from_store(store, embed=embed, variant=variant, write=False)

        return cls(threshold=threshold, top=top, load=load)

    def _matcher(self) -> Matcher | None:
        if self.matcher is None and self.load is not None and not self._loaded:
            self.matcher, self._loaded = self.load(), True
        return self.matcher

    def __call__(self, article: Article) -> Article:
        matcher = self._matcher()
        if matcher is None:
            return article  # nothing imported to match against: the stage did not run
        claims = [c for c in article.claims if c.checkworthy]
        if claims:
            # One batch per article: the accurate model encodes all its claims at once. Matched
            # undated on purpose: the date feature ranks a fact-check years older than the
            # query lower, and an old claim circulating again is what a checker most wants found.
            texts = [article.snippet(c.span) for c in claims]
            for claim, matches in zip(claims, matcher.match_many(texts, top=self.top, threshold=self.threshold), strict=True):
                claim.matches = [m.to_factcheck_match() for m in matches]
        if self.name not in article.stages:
            article.stages.append(self.name)
        return article
