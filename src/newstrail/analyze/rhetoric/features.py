"""Features of tokens (for the span tagger) and of spans (for the technique classifier).

Text is cut into tokens by one regular expression over the text exactly as given,
so every token carries its character offsets and nothing is normalised away: a CRLF
file or a run of odd whitespace keeps its offsets. Sentences come from
:func:`newstrail.analyze.sentences.split_sentences` (every newline ends one).

Token features are strings (``"w=slaughter"``, ``"lex=loaded"``, ``"sent?"``), the
shape a linear-chain CRF reads (training writes them for CRFsuite); at run time
:mod:`.emissions` sums the same features' weights per word type instead of writing the
strings for every token, from the parts defined here (:func:`word_features`,
:func:`neighbour_features`, :func:`sentence_features`). Span features are a
``{name: value}`` dict for the linear technique classifier.

>>> toks = tokenize('The “liberation” of Mosul?')
>>> [t.text for t in toks]
['The', '“', 'liberation', '”', 'of', 'Mosul', '?']
>>> toks[2].start, toks[2].end
(5, 15)
"""

from __future__ import annotations

import bisect
import heapq
import re
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import repeat

import numpy as np

from newstrail.core.article import Span
from newstrail.analyze.quotes import MIN_QUOTE_WORDS, find_quotations
from newstrail.analyze.sentences import split_sentences
from newstrail.analyze.rhetoric.lexicons import CLASSES, CLICHES, STOPWORDS

__all__ = [
    "ClusterPlaces", "ClusterTable", "Doc", "PairKeys", "Token", "WordTypes", "by_prefix", "cluster_columns", "document", "neighbour_features", "pair_rows", "sentence_context",
    "sentence_context_flags", "sentence_features", "sentence_word_feature",
    "span_edge_features", "span_features", "span_form_features", "span_form_names", "span_neighbour_features", "span_pair_features", "span_word_features",
    "token_features", "tokenize", "word_features", "word_lists",
]

_TOKEN = re.compile(r"\w+(?:['’\-]\w+)*|[^\w\s]")
# the same tokens as the pieces between white space: one split of the whole text gives
# every token's text and (summing lengths) its offsets, with no match object per token
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")
#: repetition is counted over the whole text up to this length (every real article) ...
WHOLE_TEXT_CHARS = 100_000
#: ... and beyond it within this many characters either side of the span
NEAR_CHARS = 5_000
_QUOTE_MARKS = frozenset("\"“”«»‘’'")
#: what may close a question after its "?" (a quotation mark, a bracket, a space)
_CLOSING = "\"”’'») "


@dataclass(frozen=True, slots=True)  # slots: an article of a million tokens holds them all
class Token:
    text: str
    start: int
    end: int


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The tokens of ``text[start:end]`` with offsets into ``text``."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, len(text) if end is None else end)]


@dataclass
class Doc:
    """A text cut into sentences of tokens, with the article-wide counts features need.

    The tokens are kept flat, in sentence order: ``words`` (as in the text), ``lower``,
    ``starts`` and ``ends`` are parallel lists, and sentence ``i`` holds tokens
    ``bounds[i]:bounds[i + 1]`` (:attr:`tokens` gives them as :class:`Token` lists).
    Positions are looked up in indexes built once per article (bisect over offsets), so
    asking for every token costs ``O(log n)`` each, not a scan of every quotation.
    """

    text: str
    sentences: list[Span]
    words: list[str]
    lower: list[str]
    starts: list[int]
    ends: list[int]
    bounds: list[int]
    counts: Counter
    quoted: list[tuple[int, int, int]]  # (start, end, words) of every quotation
    _occurrences: dict[str, int] = field(default_factory=dict, repr=False)
    _span_words: dict[tuple[int, int], list[str]] = field(default_factory=dict, repr=False)

    @cached_property
    def tokens(self) -> list[list[Token]]:
        """The tokens of each sentence."""
        w, s, e, b = self.words, self.starts, self.ends, self.bounds
        return [[Token(w[k], s[k], e[k]) for k in range(b[i], b[i + 1])] for i in range(len(b) - 1)]

    def sentence_words(self, sentence: int) -> list[str]:
        """The token texts of ``sentence``."""
        return self.words[self.bounds[sentence] : self.bounds[sentence + 1]]

    def span_words(self, start: int, end: int) -> list[str]:
        """The token texts of ``text[start:end]``, as :func:`tokenize` cuts them (kept: a span's
        technique and its explanation both ask)."""
        key = (start, end)
        if key not in self._span_words:
            self._span_words[key] = _TOKEN.findall(self.text, start, end)
        return self._span_words[key]

    def occurrences(self, key: str, start: int, end: int) -> int:
        """How often ``key`` (lower case) occurs in the text: the whole text up to
        :data:`WHOLE_TEXT_CHARS`, else within :data:`NEAR_CHARS` around ``start..end`` (a
        text that long is no article: counting all of it for every span would be quadratic)."""
        if not key:
            return 0
        if len(self.text) > WHOLE_TEXT_CHARS:
            return self.text[max(0, start - NEAR_CHARS) : end + NEAR_CHARS].lower().count(key)
        if key not in self._occurrences:
            self._occurrences[key] = self._lower.count(key)
        return self._occurrences[key]

    @cached_property
    def token_counts(self) -> np.ndarray:
        """How often each token's word (lower case) occurs in the text, in token order (the
        ``rep=`` and ``wrep=`` features read it)."""
        return np.fromiter(map(self.counts.get, self.lower, repeat(0)), dtype=np.intp, count=len(self.lower))

    @cached_property
    def _lower(self) -> str:
        return self.text.lower()

    @cached_property
    def cliches(self) -> list[str]:
        """The clichés of :data:`.lexicons.CLICHES` the text holds (lower case): a span's
        lower-cased text can hold only these (lower-casing goes character by character, and
        no cliché holds a sigma, the one letter whose lower case depends on the next)."""
        return [c for c in sorted(CLICHES) if c in self._lower]

    def in_quote(self, pos: int) -> int:
        """0 outside quotation marks, 1 inside a short (scare) quote, 2 inside a long one
        (the first quotation of ``quoted`` that holds ``pos`` decides)."""
        bounds, levels = self._quote_levels
        return levels[bisect.bisect_right(bounds, pos) - 1] if bounds and pos >= bounds[0] else 0

    def quote_levels(self, first: int = 0, stop: int | None = None) -> np.ndarray:
        """:meth:`in_quote` of the start of every token (of tokens ``first:stop``), in token order."""
        bounds, levels = self._quote_levels
        starts = np.asarray(self.starts[first:stop], dtype=np.intp)
        if not bounds:
            return np.zeros(len(starts), dtype=np.intp)
        at = np.searchsorted(np.asarray(bounds), starts, side="right") - 1
        return np.where(at >= 0, np.asarray(levels, dtype=np.intp)[np.maximum(at, 0)], 0)

    def in_long_quote(self, start: int, end: int) -> bool:
        """Whether a long quotation (:data:`MIN_QUOTE_WORDS` words or more) holds ``start..end``."""
        starts, reach = self._long_quotes
        k = bisect.bisect_right(starts, start)
        return bool(k) and reach[k - 1] >= end

    def sentence_of(self, pos: int) -> int | None:
        """The index of the sentence that holds ``pos``, or ``None``."""
        k = bisect.bisect_right(self._sentence_starts, pos) - 1
        return k if k >= 0 and pos < self.sentences[k].end else None

    @cached_property
    def marks(self) -> tuple[np.ndarray, np.ndarray]:
        """Per sentence, whether it asks (ends with ``?``, closing quotation marks, brackets
        and spaces aside) and whether it holds ``!``: two boolean arrays, the one definition
        of the ``sent?`` and ``sent!`` flags for training (:func:`sentence_features`) and run
        time alike.

        >>> document("Who knew?” It rained! Fine.").marks
        (array([ True, False, False]), array([False,  True, False]))
        """
        text = self.text
        said = [text[s.start : s.end] for s in self.sentences]
        asks = np.array([t.rstrip(_CLOSING).endswith("?") for t in said], dtype=bool)
        exclaims = np.array(["!" in t for t in said], dtype=bool)
        return asks, exclaims

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    @cached_property
    def _long_quotes(self) -> tuple[list[int], list[int]]:
        # sorted by start, with the furthest end reached so far: a quote holds start..end
        # when one starting at or before start reaches end
        spans = sorted((s, e) for s, e, words in self.quoted if words >= MIN_QUOTE_WORDS)
        reach, far = [], -1
        for _, e in spans:
            far = max(far, e)
            reach.append(far)
        return [s for s, _ in spans], reach

    @cached_property
    def _quote_levels(self) -> tuple[list[int], list[int]]:
        """Boundaries and the level from each boundary on: a sweep over the quotations,
        the active one listed first deciding (as a scan of ``quoted`` in order would)."""
        events = sorted({p for s, e, _ in self.quoted for p in (s, e)})
        by_start: dict[int, list[int]] = {}
        for i, (s, _, _) in enumerate(self.quoted):
            by_start.setdefault(s, []).append(i)
        active: list[int] = []
        bounds, levels = [], []
        for point in events:
            for i in by_start.get(point, ()):
                heapq.heappush(active, i)
            while active and self.quoted[active[0]][1] <= point:
                heapq.heappop(active)  # ended (lazily dropped when it would decide)
            level = 0 if not active else (1 if self.quoted[active[0]][2] < MIN_QUOTE_WORDS else 2)
            bounds.append(point)
            levels.append(level)
        return bounds, levels


def document(text: str, sentences: Sequence[Span] | None = None) -> Doc:
    """Tokenise ``text`` sentence by sentence (``sentences`` if given, else split here).

    >>> doc = document("A brutal day. Why?")
    >>> doc.sentence_words(0), doc.sentence_words(1), doc.starts[-2:]
    (['A', 'brutal', 'day', '.'], ['Why', '?'], [14, 17])
    """
    spans = list(sentences) if sentences is not None else split_sentences(text)
    parts = _TOKEN_SPLIT.split(text)  # white space, token, white space, ..., white space
    every = parts[1::2]
    ends_of_parts = np.cumsum(np.fromiter(map(len, parts), dtype=np.intp, count=len(parts)))
    every_start, every_end = ends_of_parts[0:-1:2], ends_of_parts[1::2]  # (numpy: no int object per offset)
    at = np.fromiter((s.start for s in spans), dtype=np.intp, count=len(spans))
    to = np.fromiter((s.end for s in spans), dtype=np.intp, count=len(spans))
    first, stop = np.searchsorted(every_start, at), np.searchsorted(every_start, to)
    # a sentence whose edge falls inside a token of the whole text is tokenised alone, as the
    # sentence's own tokens are what the features were trained on
    if every:
        alone = ((first > 0) & (every_end[np.maximum(first - 1, 0)] > at)) | ((stop > first) & (every_end[np.maximum(stop - 1, 0)] > to))
    else:  # a text of no token: every sentence is empty
        alone = np.zeros(len(spans), dtype=bool)
    if alone.any():
        words, flat_starts, flat_ends, bounds = _sentence_tokens(text, spans, every, every_start, every_end, first, stop, alone)
    else:  # every sentence's tokens are those of the whole text: one gather, no loop
        sizes = stop - first
        bounds = np.concatenate([[0], np.cumsum(sizes)]).tolist()
        if not spans:
            words, flat_starts, flat_ends = [], [], []
        elif (first[1:] == stop[:-1]).all():  # the sentences cover a run of tokens
            a, b = int(first[0]), int(stop[-1])
            words, flat_starts, flat_ends = every[a:b], every_start[a:b].tolist(), every_end[a:b].tolist()
        else:
            take = np.repeat(first - np.asarray(bounds[:-1], dtype=np.intp), sizes) + np.arange(bounds[-1])
            words = list(map(every.__getitem__, take.tolist()))
            flat_starts, flat_ends = every_start[take].tolist(), every_end[take].tolist()
    lower = list(map(str.lower, words))
    # how often each token occurs (features ask it only of words: punctuation is counted too,
    # as removing it costs more than it saves)
    counts = Counter(lower)
    quoted = [(q.span.start, q.span.end, q.words) for q in find_quotations(text)]
    return Doc(text, spans, words, lower, flat_starts, flat_ends, bounds, counts, quoted)


def _sentence_tokens(text: str, spans: list[Span], every: list[str], every_start: np.ndarray, every_end: np.ndarray,
                     first: np.ndarray, stop: np.ndarray, alone: np.ndarray) -> tuple[list[str], list[int], list[int], list[int]]:
    """The tokens of each sentence, those of the whole text (``every``, ``first:stop``) or, for a
    sentence marked ``alone``, its own: ``(words, starts, ends, bounds)``."""
    words: list[str] = []
    starts: list[np.ndarray] = []
    ends: list[np.ndarray] = []
    bounds = [0]
    for s, a, b, own in zip(spans, first.tolist(), stop.tolist(), alone.tolist()):
        if own:
            toks = tokenize(text, s.start, s.end)
            words += [t.text for t in toks]
            starts.append(np.array([t.start for t in toks], dtype=np.intp))
            ends.append(np.array([t.end for t in toks], dtype=np.intp))
        else:
            words += every[a:b]
            starts.append(every_start[a:b])
            ends.append(every_end[a:b])
        bounds.append(len(words))
    return words, np.concatenate(starts).tolist(), np.concatenate(ends).tolist(), bounds


def _shape(word: str) -> str:
    if word.isdigit():
        return "d"
    if not word[0].isalnum():
        return "p"
    if word.isupper() and len(word) > 1:
        return "X"
    if word[0].isupper():
        return "Xx"
    return "x"


def _bucket(n: int, edges: Sequence[int]) -> int:
    """The index of the first of ``edges`` (ascending) at least ``n``, ``len(edges)`` past them all."""
    return bisect.bisect_left(edges, n)


@lru_cache(maxsize=65536)
def word_lists(word: str) -> tuple[str, ...]:
    """The short names of the word lists of :mod:`.lexicons` that hold ``word`` (lower case).

    >>> word_lists("threat")
    ('loaded', 'fear')
    """
    if word not in _LISTED:  # most words are in no list
        return ()
    return tuple(name for name, words in CLASSES.items() if word in words)


Clusters = Mapping[str, "int | Sequence[int]"]
_LEVELS = ("c", "cB", "cC", "cD")


def _cluster_ids(clusters: Clusters | None, word: str) -> list[tuple[str, int]]:
    """``(level name, cluster id)`` of ``word`` at each granularity the model has."""
    if not clusters:
        return []
    v = clusters.get(word)
    if v is None:
        return []
    return [(_LEVELS[0], v)] if isinstance(v, int) else list(zip(_LEVELS, v))


class ClusterTable(Mapping[str, "int | tuple[int, ...]"]):
    """Word clusters read as the mapping they are stored as (a word's cluster id, or its ids one
    per level), kept as one array: ``rows`` (word -> row, a dict of numbers) and ``ids`` (row ->
    id per level). Built from the stored mapping; nothing in it is a container the cyclic garbage
    collector walks (a dict of 30,000 lists was walked by every full collection of the process),
    and :func:`cluster_columns` looks many words up with one gather.

    >>> table = ClusterTable({"evil": [3, 7], "vile": [5, 1]})
    >>> table["evil"], table.get("calm"), len(table), cluster_columns(table, ["vile", "calm"]).tolist()
    ((3, 7), None, 2, [[5, 1, -1, -1], [-1, -1, -1, -1]])
    """

    def __init__(self, clusters: Clusters) -> None:
        values = list(clusters.values())
        try:  # every word alike: one id each, or as many levels each
            ids = np.array(values, dtype=np.int64)
        except (TypeError, ValueError):  # mixed: kept as given
            ids = np.zeros((0, 0), dtype=np.int64)
        self.mixed = ids.ndim not in (1, 2) or len(ids) != len(values)
        self.raw = dict(clusters) if self.mixed else {}
        self.single = ids.ndim == 1  # one id a word, read back as an int
        self.ids = ids.reshape(len(values), -1 if values else 1)[:, : len(_LEVELS)] if not self.mixed else ids
        self.rows = dict(zip(clusters, range(len(values))))

    def __getitem__(self, word: str) -> int | tuple[int, ...]:
        if self.mixed:
            value = self.raw[word]
            return value if isinstance(value, int) else tuple(value)
        row = self.ids[self.rows[word]]
        return int(row[0]) if self.single else tuple(row.tolist())

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[str]:
        return iter(self.rows)


def cluster_columns(clusters: Clusters | None, lows: Sequence[str]) -> np.ndarray:
    """``(words, levels)``: the cluster of each word (lower case) at each level of ``_LEVELS``, as
    :func:`_cluster_ids` gives them, -1 where it has none (many words looked up at once).

    >>> cluster_columns({"evil": [3, 7], "vile": 5}, ["evil", "vile", "calm"]).tolist()
    [[3, 7, -1, -1], [5, -1, -1, -1], [-1, -1, -1, -1]]
    >>> cluster_columns({"evil": [3, 7, 1], "vile": [5, 2, 0]}, ["vile", "calm", "evil"]).tolist()
    [[5, 2, 0, -1], [-1, -1, -1, -1], [3, 7, 1, -1]]
    """
    out = np.full((len(lows), len(_LEVELS)), -1, dtype=np.int64)
    if isinstance(clusters, ClusterTable) and not clusters.mixed:
        rows = np.fromiter(map(clusters.rows.get, lows, repeat(-1)), dtype=np.intp, count=len(lows))
        known = rows >= 0
        out[known, : clusters.ids.shape[1]] = clusters.ids[rows[known]]
        return out
    values = list(map(clusters.get, lows)) if clusters else []
    found = [i for i, v in enumerate(values) if v is not None]
    if not found:
        return out
    try:  # every word's clusters alike (one id, or as many levels): one array
        ids = np.array([values[i] for i in found], dtype=np.int64)
    except (TypeError, ValueError):  # some one id, some a list, lists of several lengths
        ids = np.array([(([v] if isinstance(v, int) else list(v or ())) + [-1] * len(_LEVELS))[: len(_LEVELS)] for v in map(values.__getitem__, found)])
    ids = ids.reshape(len(found), -1)[:, : len(_LEVELS)]
    out[found, : ids.shape[1]] = ids
    return out


#: bucket edges of a token's place in its sentence (``pos=``, ``rpos=``), of how often its word
#: recurs in the article (``rep=``) and of the sentence's length in tokens (``slen=``)
POS_EDGES = (0, 2, 5, 10)
REP_EDGES = (1, 2, 4, 8)
SLEN_EDGES = (4, 8, 15, 25, 40)
#: the neighbours a token's features look at, by offset
NEIGHBOURS = (-2, -1, 1, 2)


def word_features(text: str, clusters: Clusters | None = None) -> list[str]:
    """What a token says about itself, from its text alone (word, shape, suffix, word lists, clusters).

    >>> word_features("Brutally")
    ['w=brutally', 'sh=Xx', 'suf=lly', 'lex=loaded', 'adv']
    """
    w = text.lower()
    f = [f"w={w}", f"sh={_shape(text)}", f"suf={w[-3:]}", *(f"lex={name}" for name in word_lists(w))]
    if w.endswith("est") and len(w) > 5:
        f.append("superl")
    if w.endswith("ly") and len(w) > 4:
        f.append("adv")
    if text in _QUOTE_MARKS:
        f.append("qmark")
    f += [f"{level}={c}" for level, c in _cluster_ids(clusters, w)]
    return f


def neighbour_features(low: str | None, k: int, clusters: Clusters | None = None) -> list[str]:
    """What the word ``k`` places away (lower case; ``None`` past the sentence's edge) tells a token.

    >>> neighbour_features("evil", -1), neighbour_features(None, 2)
    (['w-1=evil', 'lex-1=loaded'], ['w2=</s>'])
    """
    if low is None:
        return [f"w{k}={'<s>' if k < 0 else '</s>'}"]
    f = [f"w{k}={low}", *(f"lex{k}={name}" for name in word_lists(low))]
    if k in (-1, 1):
        f += [f"{level}{k:+d}={c}" for level, c in _cluster_ids(clusters, low)]
    return f


def sentence_features(doc: Doc, index: int) -> list[str]:
    """What sentence ``index`` tells each of its tokens: question, exclamation, headline, length, word lists.

    >>> sentence_features(document("Why so evil?"), 0)
    ['sent?', 'title', 'slen=0', 's_doubt', 's_causal', 's_loaded']
    """
    low = doc.lower[doc.bounds[index] : doc.bounds[index + 1]]
    asks, exclaims = doc.marks
    f = [name for name, on in (("sent?", asks[index]), ("sent!", exclaims[index]), ("title", index == 0)) if on]
    f.append(f"slen={_bucket(len(low), SLEN_EDGES)}")
    f += [f"s_{name}" for name in dict.fromkeys(name for w in low for name in word_lists(w))]
    return f


def token_features(doc: Doc, index: int, clusters: Clusters | None = None) -> list[list[str]]:
    """Feature strings for every token of sentence ``index`` of ``doc`` (what training writes).

    ``clusters`` maps a lowercase word to its cluster, or to one cluster per granularity
    (words of similar meaning, from the shipped embeddings), so the tagger generalises to
    words training never saw. The order of a token's strings means nothing to the CRF.
    """
    first, stop = doc.bounds[index], doc.bounds[index + 1]
    words, low = doc.words[first:stop], doc.lower[first:stop]
    n = len(words)
    sent_flags = sentence_features(doc, index)
    out: list[list[str]] = []
    for i, text in enumerate(words):
        w = low[i]
        f = ["b", *word_features(text, clusters), *sent_flags]
        f.append(f"pos={_bucket(i, POS_EDGES)}")
        f.append(f"rpos={_bucket(n - 1 - i, POS_EDGES)}")
        if text[0].isalnum() and w not in STOPWORDS:
            f.append(f"rep={_bucket(doc.counts[w], REP_EDGES)}")
        q = doc.in_quote(doc.starts[first + i])
        if q:
            f.append(f"quote={q}")
        for k in NEIGHBOURS:
            f += neighbour_features(low[i + k] if 0 <= i + k < n else None, k, clusters)
        if i > 0:
            f.append(f"bi={low[i - 1]}|{w}")
        if i + 1 < n:
            f.append(f"bi+={w}|{low[i + 1]}")
        out.append(f)
    return out


def span_features(doc: Doc, start: int, end: int, sentence: int | None = None, clusters: Clusters | None = None,
                  context: bool = True) -> dict[str, float]:
    """Features of the span ``text[start:end]`` for the technique classifier.

    Three parts: its words (:func:`span_word_features` of each, :func:`span_pair_features`,
    :func:`span_edge_features`), its form (:func:`span_form_features`) and, unless ``context=False``, its
    sentence's (:func:`sentence_context`, the same for every span of the sentence).
    """
    words = doc.span_words(start, end)
    low = list(map(str.lower, words))
    f: dict[str, float] = {}
    for w in low:
        f.update(dict.fromkeys(span_word_features(w, clusters), 1.0))
    f.update(dict.fromkeys(span_pair_features(low), 1.0))
    f.update(dict.fromkeys(span_edge_features(low), 1.0))
    f.update(span_form_features(doc, start, end, sentence, words, low))
    if context and sentence is not None:
        f.update(sentence_context(doc, sentence))
    return f


def span_word_features(low: str, clusters: Clusters | None = None) -> list[str]:
    """What one word (lower case) of a span tells the technique classifier: itself and its clusters.

    >>> span_word_features("evil")
    ['w=evil']
    """
    return [f"w={low}", *(f"{level}={c}" for level, c in _cluster_ids(clusters, low))]


def span_pair_features(low: list[str]) -> list[str]:
    """The word pairs of a span's words (lower case) (:func:`pair_rows` reads them back).

    >>> span_pair_features(["so", "evil"])
    ['bi=so|evil']
    """
    return [f"bi={a}|{b}" for a, b in zip(low, low[1:])]


def span_edge_features(low: list[str]) -> list[str]:
    """A span's first word and its last (lower case).

    >>> span_edge_features(["so", "evil"])
    ['first=so', 'last=evil']
    """
    return [f"first={low[0]}", f"last={low[-1]}"] if low else []


def span_form_features(doc: Doc, start: int, end: int, sentence: int | None, words: list[str], low: list[str]) -> dict[str, float]:
    """A span's length, word lists, recurrences, quotation marks, punctuation and share of its
    sentence: :func:`span_form_names`, each name with the number of times it is named.

    >>> d = document("They called it a vile, vile plan.")
    >>> span_form_features(d, 17, 27, 0, d.span_words(17, 27), ["vile", ",", "vile"])["lex=loaded"]
    2.0
    """
    f: dict[str, float] = {}
    for name in span_form_names(doc, start, end, sentence, words, low):
        f[name] = f.get(name, 0.0) + 1.0
    return f


def span_form_names(doc: Doc, start: int, end: int, sentence: int | None, words: list[str], low: list[str]) -> list[str]:
    """The names of :func:`span_form_features`, ``lex=`` once per word of the list (the
    other names once each). ``words`` are the span's token texts (:meth:`Doc.span_words`),
    ``low`` the same in lower case.

    (Run for every span of every article: the word lists are asked only of the words some
    list holds, the clichés only when the article holds one, and the names are written once.)
    """
    text = doc.text[start:end]
    alnum = [w for w in low if w[0].isalnum()]
    f = ["bias", _LEN_NAMES[bisect.bisect_left(LEN_EDGES, len(alnum))]]
    for w in filter(_LISTED.__contains__, alnum):
        f += map(_LEX_NAMES.__getitem__, word_lists(w))
    # how often the span's words recur in the article: the mark of repetition
    key = text.lower().strip()
    f.append(_OCC_NAMES[bisect.bisect_left(OCC_EDGES, doc.occurrences(key, start, end))])
    counts = doc.counts
    content = [counts[w] for w in alnum if w not in STOPWORDS]
    if content:
        f.append(_WREP_NAMES[bisect.bisect_left(WREP_EDGES, min(content))])
    if _DOUBLE_MARK.search(text):
        f.append("hasquote")
    q = doc.in_quote(start)
    if q:
        f.append(_INQUOTE_NAMES[q])
    if text.rstrip().endswith("?"):
        f.append("ends?")
    if "!" in text:
        f.append("has!")
    # capitals: a word of two characters or more in upper case
    if not text.islower() and any(len(t) > 1 for t in filter(str.isupper, words)):
        f.append("caps")
    if doc.cliches and any(c in key for c in doc.cliches):
        f.append("cliche")
    if sentence is not None:
        s = doc.sentences[sentence]
        f.append(_COVER_NAMES[bisect.bisect_left(COVER_EDGES, int((end - start) / max(1, s.end - s.start) * 10))])
        f += span_neighbour_features(doc, start, end, sentence)
    return f


#: bucket edges of a span's length in words (``len=``), of how often its text occurs in the
#: article (``occ=``), of how often its least repeated content word does (``wrep=``) and of
#: its share of its sentence's characters in tenths (``cover=``)
LEN_EDGES = (1, 2, 3, 5, 8, 13, 21)
OCC_EDGES = (1, 2, 3, 5)
WREP_EDGES = (1, 2, 3, 5, 8)
COVER_EDGES = (1, 3, 6, 8)
# the form features' names, written once
_LEN_NAMES = tuple(f"len={b}" for b in range(len(LEN_EDGES) + 1))
_OCC_NAMES = tuple(f"occ={b}" for b in range(len(OCC_EDGES) + 1))
_WREP_NAMES = tuple(f"wrep={b}" for b in range(len(WREP_EDGES) + 1))
_COVER_NAMES = tuple(f"cover={b}" for b in range(len(COVER_EDGES) + 1))
_INQUOTE_NAMES = ("", "inquote=1", "inquote=2")
_LEX_NAMES = {name: f"lex={name}" for name in CLASSES}
#: every word some list of :mod:`.lexicons` holds
_LISTED = frozenset().union(*CLASSES.values())
#: the double quotation marks a span's text may hold
_DOUBLE_MARK = re.compile("[\"“”«»]")


def span_neighbour_features(doc: Doc, start: int, end: int, sentence: int) -> list[str]:
    """The two words before a span and the two after it in its sentence (lower case; ``<s>``
    and ``</s>`` past its edges): "so-called" before a quoted word, "called" before a label,
    a question mark after a doubt. (Chosen on out-of-fold predictions over the PTC training
    articles: technique F1 0.581 without them, 0.583 with one word either side, 0.586 with
    two; 0.612 to 0.622 on the held-out articles with the classifier retrained: README, Measured.)

    >>> d = document("They called him a traitor today.")
    >>> span_neighbour_features(d, 18, 25, 0)
    ['prev=a', 'next=today', 'prev2=him', 'next2=.']
    """
    lo, hi = doc.bounds[sentence], doc.bounds[sentence + 1]
    k = bisect.bisect_left(doc.starts, start, lo, hi)
    j = bisect.bisect_left(doc.starts, end, lo, hi)
    low = doc.lower
    return [f"prev={low[k - 1] if k > lo else '<s>'}", f"next={low[j] if j < hi else '</s>'}",
            f"prev2={low[k - 2] if k - 1 > lo else '<s>'}", f"next2={low[j + 1] if j + 1 < hi else '</s>'}"]


def sentence_context(doc: Doc, sentence: int) -> dict[str, float]:
    """The features a span takes from its sentence (the same for every span in it): its
    words (:func:`sentence_word_feature`) and :func:`sentence_context_flags`.

    >>> sorted(sentence_context(document("Why so evil?"), 0))
    ['s=?', 's=evil', 's=so', 's=why', 'sent?', 'title']
    """
    f = {sentence_word_feature(w): 1.0 for w in set(doc.lower[doc.bounds[sentence] : doc.bounds[sentence + 1]])}
    f.update(dict.fromkeys(sentence_context_flags(doc, sentence), 1.0))
    return f


def sentence_word_feature(low: str) -> str:
    """The feature a span takes from a word (lower case) of its sentence."""
    return f"s={low}"


def sentence_context_flags(doc: Doc, sentence: int) -> list[str]:
    """Whether a span's sentence is a question, and whether it is the headline."""
    f = []
    if doc.marks[0][sentence]:
        f.append("sent?")
    if sentence == 0:
        f.append("title")
    return f


class PairKeys:
    """Word pairs looked up by numbers, many at once: each word of a pair has an id from 1 (0 is
    a word in no pair), a pair ``(a, b)`` the key ``id(a) * base + id(b)``, the keys sorted for
    ``np.searchsorted``.

    >>> keys = PairKeys([("so", "evil"), ("vile", "plan")])
    >>> ids = [keys.words.get(w, 0) for w in ("vile", "plan", "so", "evil", "x")]
    >>> keys.find(np.array(ids[:-1]), np.array(ids[1:])).tolist()
    [1, -1, 0, -1]
    """

    def __init__(self, pairs: Sequence[tuple[str, str]]) -> None:
        self.words = {w: i for i, w in enumerate(dict.fromkeys(w for pair in pairs for w in pair), start=1)}
        self.base = len(self.words) + 1
        firsts = np.fromiter(map(self.words.__getitem__, [a for a, _ in pairs]), dtype=np.int64, count=len(pairs))
        seconds = np.fromiter(map(self.words.__getitem__, [b for _, b in pairs]), dtype=np.int64, count=len(pairs))
        keys = firsts * self.base + seconds
        order = np.argsort(keys, kind="stable")
        self.keys = keys[order] if len(pairs) else np.array([-1], dtype=np.int64)
        self.at = order if len(pairs) else np.array([-1], dtype=np.intp)

    def find(self, firsts: np.ndarray, seconds: np.ndarray) -> np.ndarray:
        """The place in the pairs of each pair of word ids ``(firsts[i], seconds[i])``, -1 for none."""
        key = firsts * self.base + seconds
        at = np.minimum(np.searchsorted(self.keys, key), len(self.keys) - 1)
        return np.where(self.keys[at] == key, self.at[at], -1)


def pair_rows(index: Mapping[str, int], prefix: str) -> dict[tuple[str, str], int]:
    """The rows in ``index`` of the word-pair features ``prefix + "a|b"`` (``bi=``, ``bi+=``), by ``(a, b)``.

    >>> pair_rows({"bi=so|evil": 3, "bi=||x": 4, "w=so": 5}, "bi=")
    {('so', 'evil'): 3, ('|', 'x'): 4}
    """
    out = {}
    for name, row in index.items():
        if name.startswith(prefix):
            pair = name[len(prefix) :]
            # a token holding "|" is that one character: "bi=||x" is ("|", "x")
            a, b = ("|", pair[2:]) if pair.startswith("|") else pair.split("|", 1)
            out[(a, b)] = row
    return out


def by_prefix(index: Mapping[str, int]) -> dict[str, dict[str, int]]:
    """A model's feature rows by name prefix, in one pass over ``index``: ``"w-1=evil"`` ->
    ``by_prefix(index)["w-1="]["evil"]`` (a name without ``=`` under itself, with value ``""``).

    >>> by_prefix({"w=so": 0, "c+1=7": 1, "bias": 2})
    {'w=': {'so': 0}, 'c+1=': {'7': 1}, 'bias': {'': 2}}
    """
    out: dict[str, dict[str, int]] = {}
    for name, row in index.items():
        prefix, mark, value = name.partition("=")
        out.setdefault(prefix + mark, {})[value] = row
    return out


class ClusterPlaces:
    """A model's cluster features (``c=``, ``cB=`` ... of each of ``_LEVELS``, and with ``offsets``
    the neighbours' ``c-1=``, ``c+1=`` ...) as places in a table: cluster ``c`` at ``c - lowest + 1``,
    0 for none (no cluster, or one the model has no feature of). ``named`` lists
    ``(level, offset, place, row)`` of each feature, ``size`` the places a level needs.

    >>> places = ClusterPlaces(by_prefix({"c=7": 0, "c=9": 1, "cB+1=8": 2}), offsets=(0, 1))
    >>> places.named, places.size
    ([(0, 0, 1, 0), (0, 0, 3, 1), (1, 1, 2, 2)], 4)
    >>> places.of(np.array([9, -1, 12])).tolist()
    [3, 0, 0]
    """

    def __init__(self, rows: Mapping[str, Mapping[str, int]], offsets: Sequence[int] = (0,)) -> None:
        found = [(li, k, int(c), row) for li, level in enumerate(_LEVELS) for k in offsets
                 for c, row in rows.get(f"{level}{f'{k:+d}' if k else ''}=", {}).items() if c.lstrip("-").isdigit()]
        self.lowest = min((c for _, _, c, _ in found), default=0)
        self.highest = max((c for _, _, c, _ in found), default=0)
        self.size = self.highest - self.lowest + 2
        self.named = [(li, k, c - self.lowest + 1, row) for li, k, c, row in found]

    def of(self, ids: np.ndarray) -> np.ndarray:
        """The place of each cluster id of ``ids`` (-1: no cluster)."""
        return np.where((ids >= self.lowest) & (ids <= self.highest), ids - self.lowest + 1, 0)


class WordTypes(ABC):
    """Ids of word types (as written), each type learned (:meth:`_learn`) the first time it is met and
    kept; past :meth:`_most` types the tables start again (:meth:`_reset`): a corpus of many languages
    or much noise would otherwise grow them without end. The emitter and the span scorer keep
    their per-type arrays so."""

    types: dict[str, int]

    @abstractmethod
    def _most(self) -> int:
        """How many types are kept."""

    @abstractmethod
    def _reset(self) -> None:
        """Empty ``types`` and the tables."""

    @abstractmethod
    def _learn(self, new: list[str]) -> None:
        """Give the types ``new`` (each once, none met before) ids and their rows."""

    def _ids(self, words: list[str]) -> np.ndarray:
        """The type ids of ``words``, the types not met before learned."""
        ids = np.fromiter(map(self.types.get, words, repeat(-1)), dtype=np.intp, count=len(words))
        missing = np.flatnonzero(ids < 0)
        if len(missing):  # (the new words alone are read again, not all: one pass over the batch)
            unseen = list(map(words.__getitem__, missing.tolist()))
            new = list(set(unseen))  # (in any order: a type's rows are its own)
            if len(self.types) + len(new) > self._most():  # the tables start again, with these words' types
                self._reset()
                self._learn(list(set(words)))
                return np.fromiter(map(self.types.__getitem__, words), dtype=np.intp, count=len(words))
            self._learn(new)
            ids[missing] = np.fromiter(map(self.types.__getitem__, unseen), dtype=np.intp, count=len(unseen))
        return ids
