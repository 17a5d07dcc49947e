"""The technique of a span: the classifier's scores, with each word's feature rows looked up once.

:func:`.features.span_features` is the classifier's input as training wrote it: a dict
of feature strings. Scoring a span from it writes a string for every word and every
cluster of every word. :class:`SpanScorer` gives the same scores with the per-word part
(:func:`.features.span_word_features`) kept as the feature rows of each word type, the
first time the word is seen; a feature counts once however many words carry it, as in
the dict, so the rows are gathered as a set. The sentence's part
(:func:`.features.sentence_context`) is scored once per sentence, and all the spans of a
document in one product.

>>> from newstrail.analyze.rhetoric.features import document
>>> from newstrail.analyze.rhetoric.model import load_model
>>> doc = document("It was a brutal, shameful massacre.")
>>> load_model().scorer.techniques(doc, [(9, 34, 0)])
['Loaded_Language']
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain
from typing import TYPE_CHECKING

import numpy as np

from newstrail.analyze.rhetoric.features import (
    Clusters, Doc, pair_rows, sentence_context_flags, sentence_word_feature, span_edge_features, span_form_features,
    span_word_features,
)

if TYPE_CHECKING:  # the model module builds a scorer from its classifier
    from newstrail.analyze.rhetoric.model import LinearTechniques

__all__ = ["SpanScorer"]

#: word types whose rows are kept; past it the cache starts again
MAX_WORDS = 200_000
#: spans scored in one product
BATCH = 256


class SpanScorer:
    """Scores and technique of spans from a linear technique classifier."""

    def __init__(self, classifier: LinearTechniques, clusters: Clusters | None = None) -> None:
        self.classifier, self.clusters = classifier, clusters
        self.pairs = pair_rows(classifier.index, "bi=")
        self.word_rows: dict[str, tuple[int, ...]] = {}  # a word's rows (span_word_features)
        self.sentence_rows: dict[str, int] = {}  # a word's s= row, -1 for none

    def _word_rows(self, low: list[str]) -> set[int]:
        """The feature rows of the words ``low`` (lower case), each feature once (a set)."""
        known = self.word_rows
        new = set(low).difference(known)
        if new:
            if len(known) + len(new) > MAX_WORDS:  # the cache starts again
                known.clear()
                new = set(low)
            index, clusters = self.classifier.index, self.clusters
            for w in new:
                known[w] = tuple(i for i in map(index.get, span_word_features(w, clusters)) if i is not None)
        return set(chain.from_iterable(map(known.__getitem__, low)))

    def _sentence_word_rows(self, words: set[str]) -> set[int]:
        """The ``s=`` rows of a sentence's ``words`` (lower case), -1 for a word with none."""
        known = self.sentence_rows
        new = words.difference(known)
        if new:
            if len(known) + len(new) > MAX_WORDS:
                known.clear()
                new = words
            index = self.classifier.index
            for w in new:
                known[w] = index.get(sentence_word_feature(w), -1)
        return set(map(known.__getitem__, words))

    def scores(self, doc: Doc, spans: Sequence[tuple[int, int, int | None]]) -> np.ndarray:
        """The classes' linear scores (as of :func:`.features.span_features`) of each
        ``(start, end, sentence)`` span of ``doc``: one row a span, all gathered at once."""
        index, pairs = self.classifier.index, self.pairs
        first: list[int] = []  # per span, where its features start in rows
        rows: list[int] = []
        values: list[float] = []
        for start, end, sentence in spans:
            first.append(len(rows))
            words = doc.span_words(start, end)
            low = list(map(str.lower, words))
            found: set[int | None] = set(self._word_rows(low))  # a feature counts once however many words carry it
            found.update(map(pairs.get, zip(low, low[1:])))
            found.update(map(index.get, span_edge_features(low)))
            found.discard(None)
            form = span_form_features(doc, start, end, sentence, words, low)
            for i, v in zip(map(index.get, form), form.values()):
                if i is not None:
                    rows.append(i)
                    values.append(v)
            rows += found  # type: ignore[arg-type]  # None was discarded
            values += [1.0] * len(found)
            if len(rows) == first[-1]:  # a span of no known feature: one of no weight, so it has a row
                rows.append(0)
                values.append(0.0)
        weighted = self.classifier.coef[rows] * np.asarray(values)[:, None]
        z = np.add.reduceat(weighted, first, axis=0) + self.classifier.intercept
        in_sentence = [(k, span[2]) for k, span in enumerate(spans) if span[2] is not None]
        if in_sentence:
            sentences = list(dict.fromkeys(i for _, i in in_sentence))
            place = {i: n for n, i in enumerate(sentences)}
            z[[k for k, _ in in_sentence]] += self._contexts(doc, sentences)[[place[i] for _, i in in_sentence]]
        return z

    def _contexts(self, doc: Doc, sentences: list[int]) -> np.ndarray:
        """The scores of :func:`.features.sentence_context` of each of ``sentences``, without the intercept."""
        index = self.classifier.index
        first: list[int] = []
        rows: list[int] = []
        empty: list[int] = []
        for k, i in enumerate(sentences):
            first.append(len(rows))
            found = self._sentence_word_rows(set(doc.lower[doc.bounds[i] : doc.bounds[i + 1]]))
            found.update(index.get(f, -1) for f in sentence_context_flags(doc, i))
            found.discard(-1)
            rows += found
            if not found:  # a sentence of no known feature: a row to hold its place, zeroed below
                rows.append(0)
                empty.append(k)
        out = np.add.reduceat(self.classifier.coef[rows], first, axis=0)
        out[empty] = 0.0
        return out

    def techniques(self, doc: Doc, spans: Sequence[tuple[int, int, int | None]]) -> list[str]:
        """The most probable technique of each ``(start, end, sentence)`` span: the class of its highest score."""
        if not spans:
            return []
        classes = self.classifier.classes
        # in batches: a hostile text of many thousand spans would otherwise gather all their rows at once
        best = [self.scores(doc, spans[k : k + BATCH]).argmax(axis=1) for k in range(0, len(spans), BATCH)]
        return [classes[i] for i in np.concatenate(best).tolist()]
