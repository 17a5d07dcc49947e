"""The technique of a span: the classifier's scores, with each word's feature rows looked up once.

:func:`.features.span_features` is the classifier's input as training wrote it: a dict
of feature strings. Scoring a span from it writes a string for every word and every
cluster of every word. :class:`SpanScorer` gives the same scores with the per-word part
(:func:`.features.span_word_features`) kept as the feature rows of each word type, the
first time the word is seen; a feature counts once however many words carry it, as in
the dict, so the rows are gathered as a set. The sentence's part
(:func:`.features.sentence_context`) is scored once per sentence.

>>> from newstrail.analyze.rhetoric.features import document
>>> from newstrail.analyze.rhetoric.model import load_model
>>> doc = document("It was a brutal, shameful massacre.")
>>> load_model().scorer.technique(doc, 9, 34, 0, {})
'Loaded_Language'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from newstrail.analyze.rhetoric.features import (
    Clusters, Doc, sentence_context, span_form_features, span_pair_features, span_word_features,
)

if TYPE_CHECKING:  # the model module builds a scorer from its classifier
    from newstrail.analyze.rhetoric.model import LinearTechniques

__all__ = ["SpanScorer"]

#: word types whose rows are kept; past it the cache starts again
MAX_WORDS = 200_000


class SpanScorer:
    """Scores and technique of spans from a linear technique classifier."""

    def __init__(self, classifier: LinearTechniques, clusters: Clusters | None = None) -> None:
        self.classifier, self.clusters = classifier, clusters
        self.word_rows: dict[str, tuple[int, ...]] = {}

    def _rows(self, low: str) -> tuple[int, ...]:
        if len(self.word_rows) >= MAX_WORDS:
            self.word_rows.clear()
        index = self.classifier.index
        rows = tuple(i for i in map(index.get, span_word_features(low, self.clusters)) if i is not None)
        self.word_rows[low] = rows
        return rows

    def scores(self, doc: Doc, start: int, end: int, sentence: int | None, context: dict[int, np.ndarray]) -> np.ndarray:
        """The classes' linear scores of ``text[start:end]`` (as of :func:`.features.span_features`).

        ``context`` keeps the sentences' parts for the next spans of the same document.
        """
        words = doc.span_words(start, end)
        low = list(map(str.lower, words))
        rows: set[int] = set()
        known = self.word_rows
        for w in low:
            found = known.get(w)
            rows.update(self._rows(w) if found is None else found)
        rows.update(i for i in map(self.classifier.index.get, span_pair_features(low)) if i is not None)
        z = self.classifier.scores(span_form_features(doc, start, end, sentence, words, low))
        if rows:
            z += self.classifier.coef[sorted(rows)].sum(axis=0)
        if sentence is not None:
            if sentence not in context:
                context[sentence] = self.classifier.scores(sentence_context(doc, sentence), intercept=False)
            z += context[sentence]
        return z

    def technique(self, doc: Doc, start: int, end: int, sentence: int | None, context: dict[int, np.ndarray]) -> str:
        """The most probable technique of ``text[start:end]``: the class of the highest score."""
        return self.classifier.classes[int(self.scores(doc, start, end, sentence, context).argmax())]
