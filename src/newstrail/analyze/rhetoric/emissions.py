"""The span tagger's emission scores for every token of a document at once.

A token's score for each label is the sum of the CRF's weights of its feature strings
(:func:`.features.token_features`). Most of those strings depend on one word only: what
the token says about itself (:func:`.features.word_features`) and what it says to a
neighbour (:func:`.features.neighbour_features`). :class:`Emitter` sums each word
type's weights once, the first time the type is seen, and keeps the sums; a document's
scores are then a handful of numpy gathers over its tokens' type ids, plus the few
features that depend on the place (position in the sentence, quotation, recurrence in
the article, the sentence's own flags, the word pairs). No feature string is written
per token, and the scores equal the string features' sums up to float rounding
(``tests/test_rhetoric.py`` checks it).

>>> from newstrail.analyze.rhetoric.features import document
>>> from newstrail.analyze.rhetoric.model import load_model
>>> model = load_model()
>>> model.emitter(document("A brutal day. Why?")).shape
(6, 3)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import chain, repeat

import numpy as np

from newstrail.analyze.rhetoric.features import (
    _LEVELS, _QUOTE_MARKS, NEIGHBOURS, POS_EDGES, REP_EDGES, SLEN_EDGES, ClusterPlaces, Clusters, Doc, PairKeys, WordTypes, _shape, by_prefix,
    cluster_columns, neighbour_features, pair_rows, word_lists,
)
from newstrail.analyze.rhetoric.lexicons import CLASSES, STOPWORDS

__all__ = ["MAX_TYPES", "Emitter"]

#: word types whose summed weights are kept; past it the table starts again (a corpus of
#: many languages or much noise would otherwise grow it without end)
MAX_TYPES = 200_000
# reserved rows of the type table: the neighbour "before the sentence" and "after it"
_BOS, _EOS = 0, 1
# columns of the type table: the word itself, then as each neighbour of NEIGHBOURS
_SLOTS = 1 + len(NEIGHBOURS)
_LEX_NAMES = tuple(CLASSES)
_LEX_BITS = {name: 1 << k for k, name in enumerate(_LEX_NAMES)}
#: the bit mask of the word lists of every listed word (lower case): a word in none has none
_LEX_MASKS = {w: sum(_LEX_BITS[name] for name in word_lists(w)) for w in frozenset().union(*CLASSES.values())}
#: the shapes :func:`.features._shape` gives
_SHAPES = ("d", "p", "X", "Xx", "x")


class Emitter(WordTypes):
    """Emission scores of a :class:`.features.Doc` from a tagger's weights, per word type.

    ``index`` maps a feature string to its row of ``weights`` (features x labels).
    """

    def __init__(self, index: Mapping[str, int], weights: np.ndarray, clusters: Clusters | None = None) -> None:
        self.index, self.weights, self.clusters = index, weights, clusters
        labels = weights.shape[1]
        self.zero = np.zeros(labels)
        # the features of a token's place, stacked: pos= and rpos= buckets, rep= buckets (then a
        # row for none: punctuation, stop words) and quote= levels (0: none); the bias goes with pos=
        tables = [
            [self._sum(["b", f"pos={b}"]) for b in range(len(POS_EDGES) + 1)],
            [self._sum([f"rpos={b}"]) for b in range(len(POS_EDGES) + 1)],
            [self._sum([f"rep={b}"]) for b in range(len(REP_EDGES) + 1)] + [self.zero],
            [self.zero, self._sum(["quote=1"]), self._sum(["quote=2"])],
        ]
        self.place = np.concatenate(tables)
        self.place_at = np.cumsum([0] + [len(t) for t in tables])[:-1]
        self.slen = np.stack([self._sum([f"slen={b}"]) for b in range(len(SLEN_EDGES) + 1)])
        self.flags = {name: self._sum([name]) for name in ("sent?", "sent!", "title")}
        # every combination of word lists a sentence can hold, as a bit mask -> its s_ weights
        bits = (np.arange(2 ** len(_LEX_NAMES))[:, None] >> np.arange(len(_LEX_NAMES))) & 1
        self.sent_lex = bits @ np.stack([self._sum([f"s_{name}"]) for name in _LEX_NAMES])
        prefixed = by_prefix(index)
        self._bigrams(prefixed)
        self.sums = _TypeSums(prefixed, index, weights, clusters)
        self._reset()

    def _sum(self, features: list[str]) -> np.ndarray:
        rows = [self.index[f] for f in features if f in self.index]
        return self.weights[rows].sum(axis=0) if rows else self.zero.copy()

    def _bigrams(self, prefixed: dict[str, dict[str, int]]) -> None:
        """Word pairs with a weight: ``(a, b)`` -> row of ``self.pairs`` ([bi=a|b, bi+=a|b]), row 0 none,
        looked up by :class:`.features.PairKeys` (its place in the pairs plus one)."""
        slots = [pair_rows(prefixed.get("bi=", {}), ""), pair_rows(prefixed.get("bi+=", {}), "")]  # ("bi=" taken off)
        pairs = list(dict.fromkeys([*slots[0], *slots[1]]))
        place = {pair: k for k, pair in enumerate(pairs, start=1)}
        self.pairs = np.zeros((len(pairs) + 1, 2, self.weights.shape[1]))
        for slot, rows in enumerate(slots):
            self.pairs[list(map(place.__getitem__, rows)), slot] = self.weights[list(rows.values())]
        self.pair_keys = PairKeys(pairs)

    def _most(self) -> int:
        return MAX_TYPES  # (read at each call: a test lowers it)

    def _reset(self) -> None:
        self.types: dict[str, int] = {}
        self.table = np.zeros((1024, _SLOTS, self.weights.shape[1]))
        self.table[_BOS, 1:3] = [self._sum(neighbour_features(None, k, self.clusters)) for k in NEIGHBOURS[:2]]
        self.table[_EOS, 3:5] = [self._sum(neighbour_features(None, k, self.clusters)) for k in NEIGHBOURS[2:]]
        self.lex_mask = np.zeros(1024, dtype=np.int64)
        self.repeats = np.zeros(1024, dtype=bool)  # whether rep= applies (a word, not a stop word)
        self.pair_word = np.zeros(1024, dtype=np.int64)  # the id of the type's lower case in pair_keys.words

    def _learn(self, new: list[str]) -> None:
        """Sum the weights of the word types ``new`` (each once, none seen before)."""
        first = len(self.types) + 2
        need = first + len(new)
        if need > len(self.table):
            size = max(need, 2 * len(self.table))
            self.table = np.concatenate([self.table, np.zeros((size - len(self.table), *self.table.shape[1:]))])
            self.lex_mask = np.concatenate([self.lex_mask, np.zeros(size - len(self.lex_mask), dtype=np.int64)])
            self.repeats = np.concatenate([self.repeats, np.zeros(size - len(self.repeats), dtype=bool)])
            self.pair_word = np.concatenate([self.pair_word, np.zeros(size - len(self.pair_word), dtype=np.int64)])
        lows = list(map(str.lower, new))
        masks = np.fromiter(map(_LEX_MASKS.get, lows, repeat(0)), dtype=np.int64, count=len(lows))
        # the new types' rows of the per-type arrays, each set at once
        self.table[first:need] = self.sums(new, lows, masks)
        self.lex_mask[first:need] = masks
        self.repeats[first:need] = [text[0].isalnum() and low not in STOPWORDS for text, low in zip(new, lows)]
        self.pair_word[first:need] = list(map(self.pair_keys.words.get, lows, repeat(0)))
        self.types.update(zip(new, range(first, need)))

    def __call__(self, doc: Doc, first: int = 0, stop: int | None = None) -> np.ndarray:
        """``(tokens, labels)`` emission scores of the tokens of sentences ``first:stop`` of ``doc``
        (all of them by default), in its flat token order."""
        stop = len(doc.sentences) if stop is None else stop
        a, b = doc.bounds[first], doc.bounds[stop]
        # (the whole document, every real article, without copying its lists)
        words, lower = (doc.words, doc.lower) if a == 0 and b == len(doc.words) else (doc.words[a:b], doc.lower[a:b])
        if not words:
            return np.zeros((0, self.weights.shape[1]))
        bounds = np.asarray(doc.bounds[first : stop + 1], dtype=np.intp) - a
        counts = doc.token_counts[a:b]
        asks, exclaims = (m[first:stop] for m in doc.marks)
        title = np.zeros(stop - first, dtype=bool)
        title[0] = first == 0
        return self._scores(words, bounds, counts, doc.quote_levels(a, b), (asks, exclaims, title))

    def many(self, docs: Sequence[Doc]) -> np.ndarray:
        """The emission scores of every token of ``docs``, one document after another: what
        calling the emitter on each gives, in one pass of numpy calls (a batch of articles)."""
        docs = [d for d in docs if d.words]
        if not docs:
            return np.zeros((0, self.weights.shape[1]))
        words = list(chain.from_iterable(d.words for d in docs))
        sizes = [len(d.words) for d in docs]
        bounds = np.concatenate([[0]] + [np.asarray(d.bounds[1:], dtype=np.intp) + at for d, at in zip(docs, np.cumsum([0, *sizes[:-1]]).tolist())])
        counts = np.concatenate([d.token_counts for d in docs])
        quotes = np.concatenate([d.quote_levels() for d in docs])
        title = np.zeros(len(bounds) - 1, dtype=bool)
        title[np.cumsum([0, *(len(d.sentences) for d in docs[:-1])])] = True
        marks = (np.concatenate([d.marks[0] for d in docs]), np.concatenate([d.marks[1] for d in docs]), title)
        return self._scores(words, bounds, counts, quotes, marks)

    def _scores(self, words: list[str], bounds: np.ndarray, counts: np.ndarray, quotes: np.ndarray,
                marks: tuple[np.ndarray, np.ndarray, np.ndarray]) -> np.ndarray:
        """The scores of tokens ``words`` in sentences ``bounds`` (of one document or of several
        one after another): their words' counts in their document, quotation levels, and per
        sentence whether it asks, exclaims, and is a headline."""
        n = len(words)
        ids = self._ids(words)
        lengths = np.diff(bounds)
        sentence = np.repeat(np.arange(len(lengths)), lengths)
        pos = np.arange(n) - bounds[sentence]
        rpos = lengths[sentence] - 1 - pos
        e = self._neighbours(ids, pos, rpos)
        # the features of the token's place: one gather from the small tables stacked
        place = np.empty((4, n), dtype=np.intp)
        place[0] = np.searchsorted(POS_EDGES, pos)
        place[1] = np.searchsorted(POS_EDGES, rpos) + self.place_at[1]
        place[2] = np.where(self.repeats[ids], np.searchsorted(REP_EDGES, counts), len(REP_EDGES) + 1) + self.place_at[2]
        place[3] = quotes + self.place_at[3]
        for column in place:  # (take, not indexing: a quarter of the time on 100,000 rows)
            e += self.place.take(column, axis=0)
        e += self._sentences(ids, bounds, lengths, marks).take(sentence, axis=0)
        if n > 1:
            # each neighbouring pair's row of self.pairs, by its key (0: a pair with no weight)
            word = self.pair_word[ids]
            pair = self.pair_keys.find(word[:-1], word[1:]) + 1
            pair[pos[1:] == 0] = 0  # the pair across two sentences is none
            e[1:] += self.pairs[:, 0].take(pair, axis=0)
            e[:-1] += self.pairs[:, 1].take(pair, axis=0)
        return e

    def _neighbours(self, ids: np.ndarray, pos: np.ndarray, rpos: np.ndarray) -> np.ndarray:
        """Each token's own weights plus what its neighbours two either side add (one gather)."""
        n = len(ids)
        cells = np.empty((_SLOTS, n), dtype=np.intp)
        cells[0] = ids
        for slot, k in enumerate(NEIGHBOURS, start=1):
            other = cells[slot]
            if k < 0:
                other[-k:], other[:-k] = ids[: n + k], _BOS
                other[pos < -k] = _BOS
            else:
                other[: n - k], other[n - k :] = ids[k:], _EOS
                other[rpos < k] = _EOS
        cells *= _SLOTS
        cells += np.arange(_SLOTS)[:, None]
        table = self.table.reshape(-1, self.table.shape[2])
        out = table.take(cells[0], axis=0)
        for slot in cells[1:]:  # (the slots added in order, as summing them over the first axis does)
            out += table.take(slot, axis=0)
        return out

    def _sentences(self, ids: np.ndarray, bounds: np.ndarray, lengths: np.ndarray,
                   marks: tuple[np.ndarray, np.ndarray, np.ndarray]) -> np.ndarray:
        """The weights of each sentence's own features (:func:`.features.sentence_features`)."""
        out = self.slen[np.searchsorted(SLEN_EDGES, lengths)]
        full = lengths > 0
        if full.any():
            out[full] += self.sent_lex[np.bitwise_or.reduceat(self.lex_mask[ids], bounds[:-1][full])]
        # the flags in sentence_features' order (Doc.marks): a question, an exclamation, the headline
        asks, exclaims, title = marks
        out[asks & full] += self.flags["sent?"]
        out[exclaims & full] += self.flags["sent!"]
        out[title & full] += self.flags["title"]
        return out


class _TypeSums:
    """Word types' summed weights, slot by slot: :func:`.features.word_features` (slot 0) and
    :func:`.features.neighbour_features` of each of ``NEIGHBOURS`` (slots 1 to 4). Each kind of
    feature (the word, its suffix, shape, word lists, clusters) has a small table of weights per
    slot, built once from the model; a batch of new types' sums are then a few gathers from them
    added in the order of the strings, and a new type costs a few dictionary look-ups, no string
    (``tests/test_rhetoric_speed.py`` checks the sums against the strings')."""

    def __init__(self, prefixed: dict[str, dict[str, int]], index: Mapping[str, int], weights: np.ndarray, clusters: Clusters | None) -> None:
        def rows(prefix: str) -> dict[str, int]:
            return prefixed.get(prefix, {})

        labels, offsets = weights.shape[1], (0, *NEIGHBOURS)
        self.clusters = clusters
        # the words with a w=, w-2=, w-1=, w1= or w2= weight: each a row of its weights per slot (row 0: none)
        words = dict.fromkeys(w for k in offsets for w in rows(f"w{k or ''}="))
        self.word_at = {w: i for i, w in enumerate(words, start=1)}
        self.words = np.zeros((len(words) + 1, _SLOTS, labels))
        for slot, k in enumerate(offsets):
            for w, row in rows(f"w{k or ''}=").items():
                self.words[self.word_at[w], slot] = weights[row]
        suffixes = rows("suf=")
        self.suffix_at = {suffix: i for i, suffix in enumerate(suffixes, start=1)}
        self.suffixes = np.zeros((len(suffixes) + 1, labels))
        self.suffixes[1:] = weights[list(suffixes.values())]
        self.shape_at = {shape: i for i, shape in enumerate(_SHAPES)}
        self.shapes = np.array([weights[rows("sh=")[shape]] if shape in rows("sh=") else np.zeros(labels) for shape in _SHAPES])
        self.flags = {name: weights[index[name]] if name in index else np.zeros(labels) for name in ("superl", "adv", "qmark")}
        # every combination of word lists, as a bit mask -> its lex=, lex-2= ... weights per slot
        per_list = np.zeros((len(_LEX_NAMES), _SLOTS * labels))
        for slot, k in enumerate(offsets):
            for j, name in enumerate(_LEX_NAMES):
                if name in rows(f"lex{k or ''}="):
                    per_list[j, slot * labels : (slot + 1) * labels] = weights[rows(f"lex{k or ''}=")[name]]
        bits = (np.arange(2 ** len(_LEX_NAMES))[:, None] >> np.arange(len(_LEX_NAMES))) & 1
        self.lex = (bits @ per_list).reshape(-1, _SLOTS, labels)
        # per cluster level, each cluster's c= weights (slot 0), c-1= and c+1= (the slots of -1 and +1)
        # at its place (row 0: none)
        self.cluster_places = places = ClusterPlaces(prefixed, offsets=(0, -1, 1))
        self.cluster = np.zeros((len(_LEVELS), places.size, _SLOTS, labels))
        for li, k, at, row in places.named:
            self.cluster[li, at, 0 if k == 0 else 1 + NEIGHBOURS.index(k)] = weights[row]

    def __call__(self, texts: list[str], lows: list[str], masks: np.ndarray) -> np.ndarray:
        """``(types, slots, labels)``: the summed weights of the word types ``texts`` (``lows`` in lower
        case, ``masks`` the bit masks of their word lists)."""
        n = len(texts)
        out = self.words[np.fromiter(map(self.word_at.get, lows, repeat(0)), dtype=np.intp, count=n)]
        own = out[:, 0]  # (a view: slot 0)
        own += self.shapes[np.fromiter(map(self.shape_at.__getitem__, map(_shape, texts)), dtype=np.intp, count=n)]
        own += self.suffixes[np.fromiter(map(self.suffix_at.get, [low[-3:] for low in lows], repeat(0)), dtype=np.intp, count=n)]
        out += self.lex[masks]
        for flag, which in (("superl", [i for i, low in enumerate(lows) if low.endswith("est") and len(low) > 5]),
                            ("adv", [i for i, low in enumerate(lows) if low.endswith("ly") and len(low) > 4]),
                            ("qmark", [i for i, text in enumerate(texts) if text in _QUOTE_MARKS])):
            own[which] += self.flags[flag]
        found = cluster_columns(self.clusters, lows)
        for li in range(len(_LEVELS)):
            c = found[:, li]
            out += self.cluster[li, self.cluster_places.of(c)]
        return out
