"""The technique of a span: the classifier's scores of many spans at once, from arrays over their tokens.

:func:`.features.span_features` is the classifier's input as training wrote it: a dict
of feature strings a span. :class:`SpanScorer` gives the same scores without writing
them. Each word type's rows (:func:`.features.span_word_features`, its ``first=``,
``last=`` and ``s=`` rows, its word lists) are looked up the first time the type is met
and kept in arrays; the spans asked (of one document or of a batch) are then runs of
tokens, and their features sums over those runs: the rows of their words, word pairs and
edges gathered as a set (a feature counts once however many words carry it, as in the
dict), the word-list counts, length, capitals and least repeated word from the run, and
each sentence's part (:func:`.features.sentence_context`) once a sentence. What reads a
span's text or its place (how often it recurs, clichés, quotation marks, its neighbours,
its share of the sentence) is a few operations a span in Python.

>>> from newstrail.analyze.rhetoric.features import document
>>> from newstrail.analyze.rhetoric.model import load_model
>>> doc = document("It was a brutal, shameful massacre.")
>>> load_model().scorer.techniques(doc, [(9, 34, 0)])
['Loaded_Language']
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from newstrail.analyze.rhetoric.features import (
    _COVER_NAMES, _DOUBLE_MARK, _INQUOTE_NAMES, _LEN_NAMES, _LEVELS, _LEX_NAMES, _LISTED, _OCC_NAMES, _WREP_NAMES, COVER_EDGES,
    LEN_EDGES, OCC_EDGES, WREP_EDGES, ClusterPlaces, Clusters, Doc, PairKeys, WordTypes, by_prefix, cluster_columns, pair_rows, word_lists,
)
from newstrail.analyze.rhetoric.lexicons import CLASSES, STOPWORDS

if TYPE_CHECKING:  # the model module builds a scorer from its classifier
    from newstrail.analyze.rhetoric.model import LinearTechniques

__all__ = ["SpanScorer"]

#: word types whose rows are kept; past it the tables start again
MAX_WORDS = 200_000
#: spans scored in one product (a batch of 200 articles has some 3,000)
BATCH = 1024
# columns of a lower-case type's rows: its own (w= and each cluster level), then as a span's
# first word, its last, and as a word of the span's sentence (s=)
_OWN = 1 + len(_LEVELS)
_FIRST, _LAST, _SENT = _OWN, _OWN + 1, _OWN + 2
# columns of a written type's counts: capitals (two characters or more, all upper case), a
# word (alphanumeric first), a content word (not a stop word), then one a word list
_CAPS, _ALNUM, _CONTENT, _LISTS = 0, 1, 2, 3
_LIST_NAMES = tuple(CLASSES)
#: a count no word reaches (a span with no content word has no wrep=)
_NO_COUNT = np.iinfo(np.intp).max


class SpanScorer(WordTypes):
    """Scores and technique of spans from a linear technique classifier."""

    def __init__(self, classifier: LinearTechniques, clusters: Clusters | None = None) -> None:
        self.classifier, self.clusters = classifier, clusters
        index = classifier.index
        # the classes' weights of every feature, and below them a row of zeros: the row of
        # a feature the model lacks, so no look-up needs a test
        self.none = none = len(classifier.coef)
        self.coef = np.vstack([classifier.coef, np.zeros((1, classifier.coef.shape[1]))])
        # "first=w" -> by_prefix["first="]["w"] (and the cluster levels' c=, cB= ... alike): one pass over the index
        self.by_prefix = by_prefix(index)
        # per cluster level, the row of each cluster's c= (cB=, ...) feature at its place (0: none)
        self.cluster_places = places = ClusterPlaces(self.by_prefix)
        self.cluster_rows = np.full((len(_LEVELS), places.size), none, dtype=np.intp)
        for li, _, at, row in places.named:
            self.cluster_rows[li, at] = row
        # the bi= rows of word pairs, looked up by numbers
        pairs = pair_rows(self.by_prefix.get("bi=", {}), "")  # (the bi= names, "bi=" taken off)
        self.pairs = PairKeys(list(pairs))
        self.pair_rows = np.array([*pairs.values(), none], dtype=np.intp)  # (-1, a pair with no row: none)

        def rows(names: Sequence[str]) -> list[int]:
            return [index.get(name, none) for name in names]

        self.len_rows, self.wrep_rows = np.array(rows(_LEN_NAMES)), np.array(rows(_WREP_NAMES))
        self.occ_rows, self.cover_rows, self.inquote_rows = rows(_OCC_NAMES), rows(_COVER_NAMES), rows(_INQUOTE_NAMES)
        self.lex_rows = rows([_LEX_NAMES[name] for name in _LIST_NAMES])
        self.bias, self.hasquote, self.ends, self.bang, self.caps, self.cliche = rows(["bias", "hasquote", "ends?", "has!", "caps", "cliche"])
        # a span's sentence's flags (sentence_context_flags: a question, the headline)
        self.asks, self.title = rows(["sent?", "title"])
        self._reset()

    def _most(self) -> int:
        return MAX_WORDS  # (read at each call: a test lowers it)

    def _reset(self) -> None:
        self.types: dict[str, int] = {}  # a word as written -> its id
        self.lows: dict[str, int] = {}  # a word in lower case -> its id
        self.cased_low = np.zeros(1024, dtype=np.intp)  # the id of a written word's lower case
        self.cased_counts = np.zeros((1024, _LISTS + len(_LIST_NAMES)), dtype=np.int32)
        self.low_rows = np.full((1024, _SENT + 1), self.none, dtype=np.intp)
        self.low_pair = np.zeros(1024, dtype=np.int64)  # the id of a lower-case word in pair_words

    def _learn(self, new: list[str]) -> None:
        """The rows and counts of the word types ``new`` (each once, none met before)."""
        lows = list(map(str.lower, new))
        fresh = list(set(lows).difference(self.lows))
        a, b = len(self.lows), len(self.lows) + len(fresh)
        c, d = len(self.types), len(self.types) + len(new)
        self._grow(b, d)
        none, rows = self.none, self.low_rows
        # a word's own rows (span_word_features): w=, then its cluster's at each level
        found = cluster_columns(self.clusters, fresh)
        for li in range(len(_LEVELS)):
            ids = found[:, li]
            rows[a:b, 1 + li] = self.cluster_rows[li, self.cluster_places.of(ids)]
        for column, prefix in ((0, "w"), (_FIRST, "first"), (_LAST, "last"), (_SENT, "s")):
            rows[a:b, column] = list(map(self.by_prefix.get(prefix + "=", {}).get, fresh, [none] * len(fresh)))
        self.low_pair[a:b] = list(map(self.pairs.words.get, fresh, [0] * len(fresh)))
        self.lows.update(zip(fresh, range(a, b)))
        self.cased_low[c:d] = list(map(self.lows.__getitem__, lows))
        counts = self.cased_counts
        counts[c:d, _CAPS] = [len(w) > 1 and w.isupper() for w in new]
        counts[c:d, _ALNUM] = alnum = [low[0].isalnum() for low in lows]
        counts[c:d, _CONTENT] = [word and low not in STOPWORDS for word, low in zip(alnum, lows)]
        for k, low in enumerate(lows, start=c):
            if low in _LISTED and alnum[k - c]:
                for name in word_lists(low):
                    counts[k, _LISTS + _LIST_NAMES.index(name)] = 1
        self.types.update(zip(new, range(c, d)))

    def _grow(self, lows: int, cased: int) -> None:
        """Room in the tables for ``lows`` lower-case and ``cased`` written types."""
        if lows > len(self.low_rows):
            size = max(lows, 2 * len(self.low_rows))
            self.low_rows = np.concatenate([self.low_rows, np.full((size - len(self.low_rows), self.low_rows.shape[1]), self.none, dtype=np.intp)])
            self.low_pair = np.concatenate([self.low_pair, np.zeros(size - len(self.low_pair), dtype=np.int64)])
        if cased > len(self.cased_low):
            size = max(cased, 2 * len(self.cased_low))
            self.cased_low = np.concatenate([self.cased_low, np.zeros(size - len(self.cased_low), dtype=np.intp)])
            self.cased_counts = np.concatenate([self.cased_counts, np.zeros((size - len(self.cased_counts), self.cased_counts.shape[1]), dtype=np.int32)])

    def scores(self, doc: Doc, spans: Sequence[tuple[int, int, int | None]]) -> np.ndarray:
        """The classes' linear scores (as of :func:`.features.span_features`) of each
        ``(start, end, sentence)`` span of ``doc``: one row a span, all gathered at once."""
        return self._scores([(doc, span) for span in spans])

    def _scores(self, asked: Sequence[tuple[Doc, tuple[int, int, int | None]]]) -> np.ndarray:
        """:meth:`scores` of each ``(doc, span)`` of ``asked`` (spans of one document or of many).
        A span's score is the same asked alone or among others, to the last bit: its rows are
        summed in the same order (sorted, then its form's, then the sentence's)."""
        if not asked:
            return np.zeros((0, self.coef.shape[1]))
        # the tokens of every sentence asked, each once (documents by identity: they are not
        # hashable), then those of the spans whose edges are not a run of their sentence's tokens
        numbers: dict[tuple[int, int], int] = {}
        heads: list[int] = []  # where each sentence's tokens start among words
        words: list[str] = []
        counts: list[np.ndarray] = []
        flags: list[int] = []  # per sentence its sent? and title rows (sentence_context_flags)
        of_span: list[int] = []  # each span's sentence, -1 for none
        asks, title, none = self.asks, self.title, self.none
        for doc, (_, _, i) in asked:
            if i is None:
                of_span.append(-1)
                continue
            key = (id(doc), i)
            if key not in numbers:
                numbers[key] = len(heads)
                lo, hi = doc.bounds[i], doc.bounds[i + 1]
                heads.append(len(words))
                words += doc.words[lo:hi]
                counts.append(doc.token_counts[lo:hi])
                flags += (asks if doc.marks[0][i] else none, title if i == 0 else none)
            of_span.append(numbers[key])
        heads.append(len(words))
        runs, forms, own, own_counts = self._runs(asked, heads, of_span)
        words += own
        counts.append(np.array(own_counts, dtype=np.intp))
        ids = self._ids(words)
        first, stop = np.array(runs, dtype=np.intp).reshape(-1, 2).T
        z = self._run_rows(ids, np.concatenate(counts), first, stop, np.array(forms, dtype=np.intp).reshape(len(asked), -1))
        z += self.classifier.intercept
        if numbers:
            # the sentences' parts: their words each once (their s= rows), then the flags
            bounds = np.array(heads, dtype=np.intp)
            sizes = np.diff(bounds)
            context = self._set_sums(np.repeat(np.arange(len(sizes)), sizes) * (none + 1) + self.low_rows[self.cased_low[ids[: bounds[-1]]], _SENT], len(sizes))
            for column in np.array(flags, dtype=np.intp).reshape(-1, 2).T:
                context += self.coef.take(column, axis=0)
            at = np.array(of_span, dtype=np.intp)
            z[at >= 0] += context[at[at >= 0]]
        return z

    def _runs(self, asked: Sequence[tuple[Doc, tuple[int, int, int | None]]], heads: list[int],
              of_span: list[int]) -> tuple[list[int], list[int], list[str], list[int]]:
        """Per span, its run of tokens (``first, stop`` among the words of :meth:`_scores`: the
        sentence ``of_span`` whose tokens start at ``heads``, or the span's own after them all) and
        the rows of its form that read its text and place (:func:`.features.span_form_names` but
        for length, word lists, repeats and capitals), both flat; and the spans' own tokens with
        how often each occurs in its document."""
        none, occ_rows, cover_rows, inquote_rows = self.none, self.occ_rows, self.cover_rows, self.inquote_rows
        prev, after, prev2, after2 = (self.by_prefix.get(p, {}) for p in ("prev=", "next=", "prev2=", "next2="))
        runs: list[int] = []
        forms: list[int] = []
        own: list[str] = []
        own_counts: list[int] = []
        own_at = heads[-1]
        for (doc, (start, end, sentence)), number in zip(asked, of_span):
            text = doc.text[start:end]
            key = text.lower().strip()
            forms += (self.bias, occ_rows[bisect_left(OCC_EDGES, doc.occurrences(key, start, end))],
                      self.hasquote if _DOUBLE_MARK.search(text) else none, inquote_rows[doc.in_quote(start)],
                      self.ends if text.rstrip().endswith("?") else none, self.bang if "!" in text else none,
                      self.cliche if doc.cliches and any(c in key for c in doc.cliches) else none)
            if sentence is None:
                forms += (none,) * 5
            else:
                s, low, starts = doc.sentences[sentence], doc.lower, doc.starts
                lo, hi = doc.bounds[sentence], doc.bounds[sentence + 1]
                k, j = bisect_left(starts, start, lo, hi), bisect_left(starts, end, lo, hi)
                forms += (cover_rows[bisect_left(COVER_EDGES, int((end - start) / max(1, s.end - s.start) * 10))],
                          prev.get(low[k - 1] if k > lo else "<s>", none), after.get(low[j] if j < hi else "</s>", none),
                          prev2.get(low[k - 2] if k - 1 > lo else "<s>", none), after2.get(low[j + 1] if j + 1 < hi else "</s>", none))
                if k < j and starts[k] == start and doc.ends[j - 1] == end:
                    # the span is a run of its sentence's tokens: the tokens the text gives from start to end
                    runs += (heads[number] + k - lo, heads[number] + j - lo)
                    continue
            # its own tokens (an edge inside a token, a span in no sentence)
            words = doc.span_words(start, end)
            runs += (own_at + len(own), own_at + len(own) + len(words))
            own += words
            own_counts += [doc.counts.get(w.lower(), 0) for w in words]
        return runs, forms, own, own_counts

    def _run_rows(self, ids: np.ndarray, counts: np.ndarray, first: np.ndarray, stop: np.ndarray, forms: np.ndarray) -> np.ndarray:
        """The scores of the spans of tokens ``first:stop`` (of written types ``ids``, whose words
        occur ``counts`` times in their documents) with the rows ``forms`` of the rest of their form."""
        n, none = len(first), self.none
        sizes = stop - first
        ends = np.cumsum(sizes)
        heads = ends - sizes  # where each span's tokens start among all spans' tokens
        tokens = np.arange(ends[-1] if n else 0) + np.repeat(first - heads, sizes)
        span = np.repeat(np.arange(n), sizes)
        cased = ids[tokens]
        low = self.cased_low[cased]
        # the rows counted once a span: its words' own, its word pairs', its first and last word's
        width = none + 1
        parts = [(span[:, None] * width + self.low_rows[low, :_OWN]).ravel()]
        if len(tokens) > 1:
            within = np.ones(len(tokens) - 1, dtype=bool)
            within[ends[(sizes > 0) & (ends < len(tokens))] - 1] = False  # (no pair across two spans)
            word = self.low_pair[low]
            parts.append(span[:-1][within] * width + self.pair_rows[self.pairs.find(word[:-1][within], word[1:][within])])
        full = sizes > 0
        parts += [np.flatnonzero(full) * width + self.low_rows[low[heads[full]], _FIRST],
                  np.flatnonzero(full) * width + self.low_rows[low[ends[full] - 1], _LAST]]
        z = self._set_sums(np.concatenate(parts), n)
        # the form: per span a row of each name, the word lists' rows as often as the span's words are in the list
        of_tokens = self.cased_counts[cased]
        total = np.zeros((len(tokens) + 1, of_tokens.shape[1]), dtype=np.intp)
        np.cumsum(of_tokens, axis=0, out=total[1:])
        inside = total[ends] - total[heads]
        least = np.full(n, _NO_COUNT)
        if full.any():
            least[full] = np.minimum.reduceat(np.where(of_tokens[:, _CONTENT] > 0, counts[tokens], _NO_COUNT), heads[full])
        rows = np.column_stack([forms, self.len_rows[np.searchsorted(LEN_EDGES, inside[:, _ALNUM])],
                                np.where(inside[:, _CAPS] > 0, self.caps, none),
                                np.where(least < _NO_COUNT, self.wrep_rows[np.searchsorted(WREP_EDGES, least)], none)])
        for column in rows.T:
            z += self.coef.take(column, axis=0)
        for k, row in enumerate(self.lex_rows):
            times = inside[:, _LISTS + k]
            if row != none and times.any():
                z += times[:, None] * self.coef[row]
        return z

    def _set_sums(self, keys: np.ndarray, n: int) -> np.ndarray:
        """Per group ``g`` of ``0..n-1``, the sum of the weights of the rows ``r`` of its keys
        ``g * (none + 1) + r``, each row once (a set), in row order: the same sums for a group
        whatever other groups are summed with it. (Sorting and comparing neighbours: np.unique
        took ten times as long on some 50,000 keys.)"""
        width = self.none + 1
        keys = np.sort(np.concatenate([keys[keys % width != self.none], np.arange(n) * width + self.none]))
        keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]
        of = keys // width  # (every group holds its zero row, so none is empty)
        return np.add.reduceat(self.coef.take(keys - of * width, axis=0), np.searchsorted(of, np.arange(n)), axis=0)

    def techniques(self, doc: Doc, spans: Sequence[tuple[int, int, int | None]]) -> list[str]:
        """The most probable technique of each ``(start, end, sentence)`` span: the class of its highest score."""
        return self.techniques_many([(doc, spans)])[0]

    def techniques_many(self, asked: Sequence[tuple[Doc, Sequence[tuple[int, int, int | None]]]]) -> list[list[str]]:
        """:meth:`techniques` of each ``(doc, spans)``: the spans of all the documents scored
        together, :data:`BATCH` to a product (a batch of articles costs a few numpy calls, not a
        few an article). The scores are those of each document alone, to the last bit.

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

