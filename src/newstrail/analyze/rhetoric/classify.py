"""The technique of a span: the classifier's scores, with each word's feature rows looked up once.

:func:`.features.span_features` is the classifier's input as training wrote it: a dict
of feature strings. Scoring a span from it writes a string for every word and every
cluster of every word. :class:`SpanScorer` gives the same scores with the per-word part
(:func:`.features.span_word_features`) kept as the feature rows of each word type, the
first time the word is seen; a feature counts once however many words carry it, as in
the dict, so the rows are gathered as a set. The sentence's part
(:func:`.features.sentence_context`) is scored once per sentence, and all the spans of a
document in one product (of a batch of documents, :meth:`SpanScorer.techniques_many`).

>>> from newstrail.analyze.rhetoric.features import document
>>> from newstrail.analyze.rhetoric.model import load_model
>>> doc = document("It was a brutal, shameful massacre.")
>>> load_model().scorer.techniques(doc, [(9, 34, 0)])
['Loaded_Language']
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain, repeat
from typing import TYPE_CHECKING

import numpy as np

from newstrail.analyze.rhetoric.features import (
    Clusters, Doc, pair_rows, sentence_context_flags, sentence_word_feature, span_form_names,
    span_word_features,
)

if TYPE_CHECKING:  # the model module builds a scorer from its classifier
    from newstrail.analyze.rhetoric.model import LinearTechniques

__all__ = ["SpanScorer"]

#: word types whose rows are kept; past it the cache starts again
MAX_WORDS = 200_000
#: spans scored in one product (a batch of 200 articles has some 3,000)
BATCH = 1024


class SpanScorer:
    """Scores and technique of spans from a linear technique classifier."""

    def __init__(self, classifier: LinearTechniques, clusters: Clusters | None = None) -> None:
        self.classifier, self.clusters = classifier, clusters
        self.pairs = pair_rows(classifier.index, "bi=")
        # the rows of first=w and last=w (span_edge_features), by the word
        self.edges: tuple[dict[str, int], dict[str, int]] = ({}, {})
        for name, row in classifier.index.items():
            if name.startswith(("first=", "last=")):  # (one test a name: the index has some 50,000)
                prefix, _, word = name.partition("=")
                self.edges[prefix == "last"][word] = row
        self.word_rows: dict[str, tuple[int, ...]] = {}  # a word's rows (span_word_features)
        self.sentence_rows: dict[str, int] = {}  # a word's s= row
        # the classes' weights of every feature, and below them a row of zeros: the row of
        # a feature the model lacks, so no look-up needs a test
        self.none = len(classifier.coef)
        self.coef = np.vstack([classifier.coef, np.zeros((1, classifier.coef.shape[1]))])

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

    def _sentence_word_rows(self, words: set[str]) -> map[int]:
        """The ``s=`` rows of a sentence's ``words`` (lower case), the zero row for a word with none."""
        known = self.sentence_rows
        new = words.difference(known)
        if new:
            if len(known) + len(new) > MAX_WORDS:
                known.clear()
                new = words
            index = self.classifier.index
            for w in new:
                known[w] = index.get(sentence_word_feature(w), self.none)
        return map(known.__getitem__, words)

    def scores(self, doc: Doc, spans: Sequence[tuple[int, int, int | None]]) -> np.ndarray:
        """The classes' linear scores (as of :func:`.features.span_features`) of each
        ``(start, end, sentence)`` span of ``doc``: one row a span, all gathered at once."""
        return self._scores([(doc, span) for span in spans])

    def _scores(self, asked: Sequence[tuple[Doc, tuple[int, int, int | None]]]) -> np.ndarray:
        """:meth:`scores` of each ``(doc, span)`` of ``asked`` (spans of one document or of many):
        their rows gathered in one product, their sentences' in another."""
        index, pairs, (firsts, lasts), none = self.classifier.index.get, self.pairs.get, self.edges, self.none
        first: list[int] = []  # per span, where its rows start
        rows: list[int] = []  # a feature the model lacks is the zero row ``none``
        for doc, (start, end, sentence) in asked:
            first.append(len(rows))
            words = doc.span_words(start, end)
            low = list(map(str.lower, words))
            found = self._word_rows(low)  # a feature counts once however many words carry it
            found.update(map(pairs, zip(low, low[1:]), repeat(none)))
            if low:
                found.update((firsts.get(low[0], none), lasts.get(low[-1], none)))
            rows += found
            # (a name given n times, a word list's count, adds its row n times)
            rows += map(index, span_form_names(doc, start, end, sentence, words, low), repeat(none))
        z = np.add.reduceat(self._rows(rows), first, axis=0)
        z += self.classifier.intercept
        # each (document, sentence) once, in the order first asked (documents by identity: they are not hashable)
        place: dict[tuple[int, int], int] = {}
        sentences: list[tuple[Doc, int]] = []
        in_sentence: list[int] = []
        at: list[int] = []
        for k, (doc, (_, _, sentence)) in enumerate(asked):
            if sentence is not None:
                key = (id(doc), sentence)
                if key not in place:
                    place[key] = len(sentences)
                    sentences.append((doc, sentence))
                in_sentence.append(k)
                at.append(place[key])
        if in_sentence:
            z[in_sentence] += self._contexts(sentences)[at]
        return z

    def _contexts(self, sentences: list[tuple[Doc, int]]) -> np.ndarray:
        """The scores of :func:`.features.sentence_context` of each ``(doc, sentence)``, without the intercept."""
        index, none = self.classifier.index.get, self.none
        first: list[int] = []
        rows: list[int] = []
        for doc, i in sentences:
            first.append(len(rows))
            rows += self._sentence_word_rows(set(doc.lower[doc.bounds[i] : doc.bounds[i + 1]]))
            rows += map(index, sentence_context_flags(doc, i), repeat(none))
            rows.append(none)  # (so a sentence of no token and no flag has a row)
        return np.add.reduceat(self._rows(rows), first, axis=0)

    def _rows(self, rows: list[int]) -> np.ndarray:
        """The classifier's weights of ``rows`` (an index array first: numpy indexing by a list
        of some hundreds of ints costs twice as much as converting it itself)."""
        return self.coef[np.fromiter(rows, dtype=np.intp, count=len(rows))]

    def techniques(self, doc: Doc, spans: Sequence[tuple[int, int, int | None]]) -> list[str]:
        """The most probable technique of each ``(start, end, sentence)`` span: the class of its highest score."""
        return self.techniques_many([(doc, spans)])[0]

    def techniques_many(self, asked: Sequence[tuple[Doc, Sequence[tuple[int, int, int | None]]]]) -> list[list[str]]:
        """:meth:`techniques` of each ``(doc, spans)``: the spans of all the documents scored
        together, :data:`BATCH` to a product (a batch of articles costs a few numpy calls, not a
        few an article). The scores are those of each document alone, to the last bit: each
        span's rows are summed in the same order.

        >>> from newstrail.analyze.rhetoric.features import document
        >>> from newstrail.analyze.rhetoric.model import load_model
        >>> docs = [document("It was a brutal, shameful massacre."), document("Calm.")]
        >>> load_model().scorer.techniques_many([(docs[0], [(9, 34, 0)]), (docs[1], [])])
        [['Loaded_Language'], []]
        """
        flat = [(doc, span) for doc, spans in asked for span in spans]
        classes = self.classifier.classes
        # in batches: a hostile text of many thousand spans would otherwise gather all their rows at once
        best = [self._scores(flat[k : k + BATCH]).argmax(axis=1) for k in range(0, len(flat), BATCH)]
        named = [classes[i] for i in np.concatenate(best).tolist()] if best else []
        out, k = [], 0
        for _, spans in asked:
            out.append(named[k : k + len(spans)])
            k += len(spans)
        return out
