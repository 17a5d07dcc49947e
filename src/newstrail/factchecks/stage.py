"""The per-article stage that matches an article's check-worthy claims against fact-checks.

:class:`FactCheckStage` is given an explicit :class:`~newstrail.factchecks.matching.Matcher`
(built from the store's fact-checks by :func:`newstrail.engines.local.analyze`) and fills
``Claim.matches`` with the fact-checks whose calibrated score clears ``threshold``.

>>> import os, tempfile
>>> from newstrail.core.article import Article, Claim, Span
>>> from newstrail.store import open_store
>>> from newstrail.factchecks.record import FactCheck
>>> store = open_store(os.path.join(tempfile.mkdtemp(), "t.db"))
>>> _ = store.put_factchecks([FactCheck(claim="The Pier 9 crane fell into the harbour.", id="crane", rating="False")])
>>> stage = FactCheckStage.from_store(store, threshold=0.2, embed=False)
>>> a = Article(text="The Pier 9 crane fell into the harbour, the post says.")
>>> a.claims = [Claim(span=Span(0, 55), score=0.9, checkworthy=True)]
>>> [(m.factcheck, m.rating) for m in stage(a).claims[0].matches]
[('crane', 'False')]
>>> store.close()
"""

from __future__ import annotations

from dataclasses import dataclass

from newstrail.core.article import Article
from newstrail.factchecks.matching import Matcher


@dataclass
class FactCheckStage:
    """Per-article stage: ``Claim.matches`` for the check-worthy claims; requires ``claims``."""

    matcher: Matcher
    threshold: float = 0.5
    top: int = 3
    name: str = "factchecks"
    requires: tuple[str, ...] = ("claims",)
    assigns: tuple[str, ...] = ("claims",)

    @classmethod
    def from_store(cls, store, threshold: float = 0.5, top: int = 3, embed: bool = True, variant: str | None = None) -> FactCheckStage:
        """A stage over every fact-check imported into ``store`` (``variant``: see :meth:`Matcher.from_store`)."""
        return cls(Matcher.from_store(store, embed=embed, variant=variant), threshold=threshold, top=top)

    def __call__(self, article: Article) -> Article:
        claims = [c for c in article.claims if c.checkworthy]
        if claims:
            # One batch per article: the accurate model encodes all its claims at once.
            texts = [article.snippet(c.span) for c in claims]
            for claim, matches in zip(claims, self.matcher.match_many(texts, top=self.top, threshold=self.threshold), strict=True):
                claim.matches = [m.to_factcheck_match() for m in matches]
        if self.name not in article.stages:
            article.stages.append(self.name)
        return article
