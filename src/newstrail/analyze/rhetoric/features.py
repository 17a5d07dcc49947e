"""Features of tokens (for the span tagger) and of spans (for the technique classifier).

Text is cut into tokens by one regular expression over the text exactly as given,
so every token carries its character offsets and nothing is normalised away: a CRLF
file or a run of odd whitespace keeps its offsets. Sentences come from
:func:`newstrail.analyze.sentences.split_sentences` (every newline ends one).

Token features are strings (``"w=slaughter"``, ``"lex=loaded"``, ``"sent?"``), the
shape a linear-chain CRF and its plain-numpy decoder in :mod:`.model` both read; span
features are a ``{name: value}`` dict for the linear technique classifier.

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
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from newstrail.core.article import Span
from newstrail.analyze.quotes import MIN_QUOTE_WORDS, find_quotations
from newstrail.analyze.sentences import split_sentences
from newstrail.analyze.rhetoric.lexicons import CLASSES, CLICHES, STOPWORDS

__all__ = ["Doc", "Token", "document", "span_features", "token_features", "tokenize"]

_TOKEN = re.compile(r"\w+(?:['’\-]\w+)*|[^\w\s]")
#: repetition is counted over the whole text up to this length (every real article) ...
WHOLE_TEXT_CHARS = 100_000
#: ... and beyond it within this many characters either side of the span
NEAR_CHARS = 5_000
_QUOTE_MARKS = frozenset("\"“”«»‘’'")


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

    Positions are looked up in indexes built once per article (bisect over offsets), so
    asking for every token costs ``O(log n)`` each, not a scan of every quotation.
    """

    text: str
    sentences: list[Span]
    tokens: list[list[Token]]
    counts: Counter
    quoted: list[tuple[int, int, int]]  # (start, end, words) of every quotation
    _token_starts: dict[int, list[int]] = field(default_factory=dict, repr=False)
    _occurrences: dict[str, int] = field(default_factory=dict, repr=False)

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
    def _lower(self) -> str:
        return self.text.lower()

    def in_quote(self, pos: int) -> int:
        """0 outside quotation marks, 1 inside a short (scare) quote, 2 inside a long one
        (the first quotation of ``quoted`` that holds ``pos`` decides)."""
        bounds, levels = self._quote_levels
        return levels[bisect.bisect_right(bounds, pos) - 1] if bounds and pos >= bounds[0] else 0

    def in_long_quote(self, start: int, end: int) -> bool:
        """Whether a long quotation (:data:`MIN_QUOTE_WORDS` words or more) holds ``start..end``."""
        starts, reach = self._long_quotes
        k = bisect.bisect_right(starts, start)
        return bool(k) and reach[k - 1] >= end

    def sentence_of(self, pos: int) -> int | None:
        """The index of the sentence that holds ``pos``, or ``None``."""
        k = bisect.bisect_right(self._sentence_starts, pos) - 1
        return k if k >= 0 and pos < self.sentences[k].end else None

    def token_starts(self, sentence: int) -> list[int]:
        """The start offsets of the tokens of ``sentence`` (for bisect)."""
        if sentence not in self._token_starts:
            self._token_starts[sentence] = [t.start for t in self.tokens[sentence]]
        return self._token_starts[sentence]

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
    """Tokenise ``text`` sentence by sentence (``sentences`` if given, else split here)."""
    spans = list(sentences) if sentences is not None else split_sentences(text)
    tokens = [tokenize(text, s.start, s.end) for s in spans]
    counts = Counter(t.text.lower() for sent in tokens for t in sent if t.text[0].isalnum())
    quoted = [(q.span.start, q.span.end, q.words) for q in find_quotations(text)]
    return Doc(text, spans, tokens, counts, quoted)


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
    for i, edge in enumerate(edges):
        if n <= edge:
            return i
    return len(edges)


@lru_cache(maxsize=65536)
def _lex(word: str) -> tuple[str, ...]:
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


def token_features(doc: Doc, index: int, clusters: Clusters | None = None) -> list[list[str]]:
    """Feature strings for every token of sentence ``index`` of ``doc``.

    ``clusters`` maps a lowercase word to its cluster, or to one cluster per granularity
    (words of similar meaning, from the shipped embeddings), so the tagger generalises to
    words training never saw.
    """
    toks = doc.tokens[index]
    low = [t.text.lower() for t in toks]
    cl = [_cluster_ids(clusters, w) for w in low]
    n = len(toks)
    sent = doc.text[doc.sentences[index].start : doc.sentences[index].end]
    sent_flags = []
    if sent.rstrip("\"”’'») ").endswith("?"):
        sent_flags.append("sent?")
    if "!" in sent:
        sent_flags.append("sent!")
    if index == 0:
        sent_flags.append("title")
    sent_flags.append(f"slen={_bucket(n, (4, 8, 15, 25, 40))}")
    sent_lex = Counter(name for w in low for name in _lex(w))
    sent_flags += [f"s_{name}" for name in sent_lex]
    out: list[list[str]] = []
    for i, tok in enumerate(toks):
        w = low[i]
        f = ["b", f"w={w}", f"sh={_shape(tok.text)}", f"suf={w[-3:]}", *sent_flags]
        f.append(f"pos={_bucket(i, (0, 2, 5, 10))}")
        f.append(f"rpos={_bucket(n - 1 - i, (0, 2, 5, 10))}")
        for name in _lex(w):
            f.append(f"lex={name}")
        if w.endswith("est") and len(w) > 5:
            f.append("superl")
        if w.endswith("ly") and len(w) > 4:
            f.append("adv")
        if tok.text[0].isalnum() and w not in STOPWORDS:
            f.append(f"rep={_bucket(doc.counts[w], (1, 2, 4, 8))}")
        q = doc.in_quote(tok.start)
        if q:
            f.append(f"quote={q}")
        if tok.text in _QUOTE_MARKS:
            f.append("qmark")
        for k in (-2, -1, 1, 2):
            j = i + k
            f.append(f"w{k}={low[j] if 0 <= j < n else ('<s>' if j < 0 else '</s>')}")
            if 0 <= j < n:
                for name in _lex(low[j]):
                    f.append(f"lex{k}={name}")
        for level, c in cl[i]:
            f.append(f"{level}={c}")
        if i > 0:
            for level, c in cl[i - 1]:
                f.append(f"{level}-1={c}")
        if i + 1 < n:
            for level, c in cl[i + 1]:
                f.append(f"{level}+1={c}")
        if i > 0:
            f.append(f"bi={low[i - 1]}|{w}")
        if i + 1 < n:
            f.append(f"bi+={w}|{low[i + 1]}")
        out.append(f)
    return out


def span_features(doc: Doc, start: int, end: int, sentence: int | None = None, clusters: Clusters | None = None) -> dict[str, float]:
    """Features of the span ``text[start:end]`` for the technique classifier."""
    text = doc.text[start:end]
    toks = tokenize(doc.text, start, end)
    low = [t.text.lower() for t in toks]
    f: dict[str, float] = {"bias": 1.0}
    for w in low:
        f[f"w={w}"] = 1.0
    for a, b in zip(low, low[1:]):
        f[f"bi={a}|{b}"] = 1.0
    for w in low:
        for level, c in _cluster_ids(clusters, w):
            f[f"{level}={c}"] = 1.0
    if low:
        f[f"first={low[0]}"] = 1.0
        f[f"last={low[-1]}"] = 1.0
    words = [w for w in low if w[0].isalnum()]
    f[f"len={_bucket(len(words), (1, 2, 3, 5, 8, 13, 21))}"] = 1.0
    for w in words:
        for name in _lex(w):
            f[f"lex={name}"] = f.get(f"lex={name}", 0.0) + 1.0
    # how often the span's words recur in the article: the mark of repetition
    key = text.lower().strip()
    occurrences = doc.occurrences(key, start, end)
    f[f"occ={_bucket(occurrences, (1, 2, 3, 5))}"] = 1.0
    content = [w for w in words if w not in STOPWORDS]
    if content:
        f[f"wrep={_bucket(min(doc.counts[w] for w in content), (1, 2, 3, 5, 8))}"] = 1.0
    if any(c in text for c in "\"“”«»"):
        f["hasquote"] = 1.0
    q = doc.in_quote(start)
    if q:
        f[f"inquote={q}"] = 1.0
    if text.rstrip().endswith("?"):
        f["ends?"] = 1.0
    if "!" in text:
        f["has!"] = 1.0
    if any(t.text.isupper() and len(t.text) > 1 for t in toks):
        f["caps"] = 1.0
    if any(c in key for c in CLICHES):
        f["cliche"] = 1.0
    if sentence is not None:
        s = doc.sentences[sentence]
        stext = doc.text[s.start : s.end]
        for w in {t.text.lower() for t in doc.tokens[sentence]}:
            f[f"s={w}"] = 1.0
        cover = (end - start) / max(1, s.end - s.start)
        f[f"cover={_bucket(int(cover * 10), (1, 3, 6, 8))}"] = 1.0
        if stext.rstrip("\"”’'») ").endswith("?"):
            f["sent?"] = 1.0
        if sentence == 0:
            f["title"] = 1.0
    return f
