"""Check-worthiness: how likely a sentence states a checkable fact, in [0, 1].

A sentence is check-worthy when it states something a fact-checker could verify: a
figure, an event, a statement attributed to someone, a cause. Opinion, promises,
questions, greetings and filler are not. The score is a logistic regression over three
kinds of evidence, all computed here with numpy and the standard library:

* **designed features** (:data:`FEATURES`, :func:`features`): numbers, percentages,
  money, dates and years, capitalised words inside the sentence (names), reporting
  verbs ("said", "according to"), causal connectives ("because", "led to"), change
  verbs ("rose", "cut", "doubled"), comparatives, first and second person, opinion and
  hedge words, modals and the future, questions, exclamations, length;
* **words and word pairs** (:func:`terms`): lowercased, digits folded to ``<num>`` or
  ``<year>``, each present term adds its weight;
* **sentence embeddings** from :mod:`newstrail.embeddings` (the embedder the model was
  trained with, named in its file; several joined by ``+`` give their vectors end to
  end), when the model has embedding weights.

The weights ship in ``newstrail/models/checkworthy/model.json``, written by
``scripts/train_checkworthy.py`` from the ClaimBuster / CheckThat! 2024 data (see the
README's data statement), with the threshold chosen on a held-out part of the training
data. ``accurate.json`` (the ``claims.model = "accurate"`` setting, :data:`MODEL_FILES`)
is the same kind of model over the static and all-MiniLM-L6-v2 embeddings side by side
(``scripts/train_checkworthy.py --embedder accurate``): a little better on debates it
never saw, a transformer pass per sentence slower. Loading is cached per process.

>>> model = load_model()
>>> good, bad = model.score(["Unemployment in Porthaven rose from 4.1% to 6.3% in 2024.", "Thank you all so much."])
>>> bool(good > model.threshold > bad)
True
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from itertools import accumulate, chain, repeat
from operator import itemgetter, methodcaller
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from newstrail.analyze.checkworthy_ft import FinetunedModel, load_finetuned
from newstrail.core.errors import ConfigError, StageError
from newstrail.embeddings import ChunkTable, StaticEmbedder, get_embedder, split_chunks

__all__ = ["FEATURES", "MODEL_FILES", "MODEL_KINDS", "CheckworthyModel", "JoinedEmbedder", "embedder_for", "features", "load_model", "model_path", "terms"]

MODEL_FORMAT = 1


#: sentences scored at once
SCORE_CHUNK = 128


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Word lists are matched against the lowercased tokens of the sentence (one tokenisation,
# set look-ups: a regex per list cost ten times as much, and this runs on every sentence).
_DATE = _set(
    """january february march april may june july august september october november december jan feb mar apr jun jul
    aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday yesterday today ago since decade
    decades century"""
)
_WORD_NUMBER = _set(
    """one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred hundreds
    thousand thousands million millions billion billions half third quarter twice double triple"""
)
_MONEY = _set("dollars dollar euros euro pounds crowns crown budget tax taxes billion million trillion deficit debt spending spend cost costs $ € £")
_REPORTING = _set(
    """said says say told tells reported reports according announced announces claimed claims stated states confirmed
    confirms admitted testified revealed disclosed wrote found showed shows estimated estimates study survey data
    figures statistics poll record records report"""
)
_CAUSAL = _set("because caused causes cause due result resulted results consequence therefore thus led lead leads since responsible blamed blame")
_CHANGE = _set(
    """rose rise rises risen increase increased increases grew grow grown fell fall falls fallen drop dropped decline
    declined decrease decreased cut cuts doubled tripled halved lost lose gained gain created create eliminated raised
    raise lowered reduced reduce passed voted vote signed banned killed died"""
)
_COMPARE = _set("more less fewer most least highest lowest largest smallest biggest first only every never ever than times")
_FIRST_SINGULAR = _set("i i'm i've i'd i'll me my mine myself")
_FIRST_PLURAL = _set("we we're we've we'll we'd us our ours ourselves let's")
_SECOND = _set("you you're you've you'll you'd your yours yourself")
_OPINION = _set(
    """think believe feel felt hope wish want wanted should must ought need needs deserve love hate great terrible
    wonderful wrong right best worst important proud honor honored beautiful incredible disaster bad good fantastic
    tremendous ridiculous shame sad agree disagree opinion frankly honestly"""
)
_HEDGE = _set("maybe perhaps probably possibly might could seems seem appears apparently likely unlikely suggest suggests allegedly reportedly")
_FUTURE = _set("will won't going gonna would plan plans intend promise promised propose proposal")
_FILLER = _set("thank thanks okay ok yes no well oh applause laughter crosstalk hello welcome congratulations")
_NEGATION = _set("not no never nobody nothing none don't doesn't didn't isn't wasn't aren't weren't can't won't couldn't wouldn't")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_CAPITAL = re.compile(r"(?<=[\s(\"“‘-])[A-Z][a-z]+")
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*|[%$€£?!]")

#: names of the designed features, in the order :func:`features` returns them
FEATURES: tuple[str, ...] = (
    "log_words", "has_digit", "numbers", "percent", "money", "year", "date_word", "word_number",
    "capitalised", "capitalised_share", "reporting", "causal", "change", "compare",
    "first_singular", "first_plural", "second_person", "opinion", "hedge", "future",
    "filler", "negation", "question", "exclamation", "quote_mark", "short",
)


def _tokens(sentence: str) -> list[str]:
    return _TOKEN.findall(sentence.lower().replace("’", "'"))


def _count(counts: Counter[str], has: frozenset[str], words: frozenset[str], cap: int) -> float:
    # the intersection runs in C; only the few words present are counted in Python
    return min(sum(counts[w] for w in has & words), cap) / cap


def features(sentence: str, tokens: list[str] | None = None) -> list[float]:
    """The designed features of one sentence, in the order of :data:`FEATURES`.

    >>> dict(zip(FEATURES, features("Taxes rose 12% in 2023, the ministry said.")))["percent"]
    1.0
    """
    if tokens is None:
        tokens = _tokens(sentence)
    words = [t for t in tokens if t[0].isalnum()]
    n = len(words)
    numbers = [t for t in words if t[0].isdigit()]
    caps = len(_CAPITAL.findall(sentence))
    counts = Counter(tokens)
    has = frozenset(counts)
    tail = sentence.rstrip(" \"”’')")
    return [
        math.log1p(n),
        1.0 if numbers else 0.0,
        min(len(numbers), 5) / 5,
        1.0 if "%" in has or "percent" in has or ("per" in has and "cent" in has) or "percentage" in has else 0.0,
        _count(counts, has, _MONEY, 3),
        1.0 if any(_YEAR.match(t) for t in numbers) else 0.0,
        1.0 if has & _DATE else 0.0,
        1.0 if has & _WORD_NUMBER else 0.0,
        min(caps, 6) / 6,
        caps / n if n else 0.0,
        _count(counts, has, _REPORTING, 3),
        1.0 if has & _CAUSAL else 0.0,
        _count(counts, has, _CHANGE, 3),
        1.0 if has & _COMPARE else 0.0,
        _count(counts, has, _FIRST_SINGULAR, 3),
        _count(counts, has, _FIRST_PLURAL, 3),
        _count(counts, has, _SECOND, 3),
        _count(counts, has, _OPINION, 3),
        1.0 if has & _HEDGE else 0.0,
        _count(counts, has, _FUTURE, 3),
        _count(counts, has, _FILLER, 3),
        1.0 if has & _NEGATION or any(t.endswith("n't") for t in tokens) else 0.0,
        1.0 if tail.endswith("?") else 0.0,
        1.0 if "!" in has else 0.0,
        1.0 if ('"' in sentence or "“" in sentence or "”" in sentence) else 0.0,
        1.0 if n < 6 else 0.0,
    ]


def terms(sentence: str, tokens: list[str] | None = None) -> set[str]:
    """Words and adjacent word pairs of a sentence, lowercased, figures folded.

    >>> sorted(terms("Fares rose 12%"))
    ['%', '<num>', '<num> %', 'fares', 'fares rose', 'rose', 'rose <num>']
    """
    folded = []
    for t in _tokens(sentence) if tokens is None else tokens:
        if t[0].isdigit():
            t = "<year>" if _YEAR.match(t) else "<num>"
        folded.append(t)
    out = set(folded)
    out.update(f"{a} {b}" for a, b in zip(folded, folded[1:]))
    return out


class JoinedEmbedder:
    """Several embedders side by side: each text's vectors end to end (``name`` joins theirs with ``+``)."""

    def __init__(self, parts: Sequence[Any]) -> None:
        self.parts = list(parts)
        self.name = "+".join(p.name for p in self.parts)
        self.dim = sum(p.dim for p in self.parts)

    def encode(self, texts: Sequence[str], chunked: list[list[str]] | None = None):
        """Each text's vectors end to end; ``chunked`` (:func:`~newstrail.embeddings.split_chunks`
        of ``texts``, when the caller has it) goes to the fast embedder, which splits them so."""
        import numpy as np

        return np.hstack([p.encode(list(texts), chunked) if chunked is not None and isinstance(p, StaticEmbedder) else p.encode(list(texts)) for p in self.parts])


def embedder_for(name: str) -> JoinedEmbedder:
    """The embedder of a model's ``embedder`` field: one name of :mod:`newstrail.embeddings`
    or several joined by ``+`` (the accurate model uses ``static-minilm+minilm-int8``).

    >>> embedder_for("static-minilm").dim
    256
    """
    return JoinedEmbedder([get_embedder(part) for part in name.split("+")])


@dataclass
class CheckworthyModel:
    """A logistic regression over designed features, terms and (optionally) embeddings.

    ``score(sentences)`` gives one probability per sentence; a sentence is check-worthy
    when its score is at least ``threshold``. Build one with :func:`load_model` (the
    shipped model) or :meth:`from_dict` (a model the training script wrote).
    """

    bias: float
    threshold: float
    feature_mean: list[float]
    feature_scale: list[float]
    feature_weights: list[float]
    term_weights: dict[str, float]
    embedder: str | None = None
    embedding_weights: list[float] = field(default_factory=list)
    #: a sentence and its embedding at training time: if the embedder's vectors are rebuilt,
    #: the weights no longer fit them, and loading says so instead of scoring nonsense
    embedding_probe: dict[str, Any] = field(default_factory=dict)
    info: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CheckworthyModel:
        if data.get("format") != MODEL_FORMAT or list(data.get("features", [])) != list(FEATURES):
            raise StageError(
                "the check-worthiness model file does not match this version of newstrail's features; "
                "retrain it with scripts/train_checkworthy.py"
            )
        return cls(
            bias=float(data["bias"]),
            threshold=float(data["threshold"]),
            feature_mean=list(data["feature_mean"]),
            feature_scale=list(data["feature_scale"]),
            feature_weights=list(data["feature_weights"]),
            term_weights=dict(data["term_weights"]),
            embedder=data.get("embedder"),
            embedding_weights=list(data.get("embedding_weights", [])),
            embedding_probe=dict(data.get("embedding_probe", {})),
            info=dict(data.get("info", {})),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": MODEL_FORMAT,
            "features": list(FEATURES),
            "bias": self.bias,
            "threshold": self.threshold,
            "feature_mean": self.feature_mean,
            "feature_scale": self.feature_scale,
            "feature_weights": self.feature_weights,
            "term_weights": self.term_weights,
            "embedder": self.embedder,
            "embedding_weights": self.embedding_weights,
            "embedding_probe": self.embedding_probe,
            "info": self.info,
        }

    @functools.cached_property
    def _arrays(self):
        import numpy as np

        mean = np.asarray(self.feature_mean, dtype=np.float64)
        scale = np.asarray(self.feature_scale, dtype=np.float64)
        weights = np.asarray(self.feature_weights, dtype=np.float64)
        # standardising folds into the weights: w . (x - m) / s = (w / s) . x - (w / s) . m
        folded = weights / scale
        return folded, self.bias - float(folded @ mean), np.asarray(self.embedding_weights, dtype=np.float32)

    def logits(self, sentences: Sequence[str]):
        """Raw scores (log-odds) of ``sentences`` as a numpy array."""
        return self._logits([sentences])

    @functools.cached_property
    def _batch(self) -> _BatchScorer:
        # the fast embedder alone: the scorer's chunk table keeps its WordPiece ids too, so an
        # article's chunks are looked up once for the features and the embeddings
        parts = self._embedder.parts if self.embedder and self.embedding_weights else []
        return _BatchScorer(self.term_weights, parts[0] if len(parts) == 1 and isinstance(parts[0], StaticEmbedder) else None)

    @functools.cached_property
    def _embedder(self):
        """The embedder(s) the weights were trained on, checked against the probe on first use."""
        import numpy as np

        embedder = embedder_for(self.embedder)
        if embedder.dim != len(self.embedding_weights):
            raise StageError(f"the check-worthiness model expects {len(self.embedding_weights)}-dimensional {self.embedder} embeddings, the embedder gives {embedder.dim}; retrain it with scripts/train_checkworthy.py")
        probe = self.embedding_probe
        if probe:
            now = embedder.encode([probe["text"]])[0]
            then = np.asarray(probe["vector"], dtype=np.float32)
            # a cosine: joined embedders' vectors are not unit length
            if float(now @ then) < 0.99 * float(np.linalg.norm(now) * np.linalg.norm(then)):
                raise StageError(f"the {self.embedder} embeddings changed since the check-worthiness model was trained; retrain it with scripts/train_checkworthy.py")
        return embedder

    def score(self, sentences: Sequence[str]) -> list[float]:
        """Check-worthiness in [0, 1] of each sentence.

        >>> [round(s, 1) for s in CheckworthyModel(0.0, 0.5, [0.0] * len(FEATURES), [1.0] * len(FEATURES), [0.0] * len(FEATURES), {"rose": 2.0}).score(["Fares rose.", "Hello."])]
        [0.9, 0.5]
        """
        return self.score_many([sentences])[0]

    def score_many(self, texts: Sequence[Sequence[str]]) -> list[list[float]]:
        """:meth:`score` of the sentences of each of several texts (an article's each), to the
        last bit what it gives each text alone, the features, term weights and fast embeddings
        of all of them computed in a few passes (a batch of articles at once).

        >>> model = load_model()
        >>> model.score_many([["Fares rose 12% in 2024."], [], ["Thank you all."]]) == [model.score(["Fares rose 12% in 2024."]), [], model.score(["Thank you all."])]
        True
        """
        # each text in pieces of SCORE_CHUNK sentences, as a text alone is scored: the features,
        # embeddings and their matrix products of a bounded number of sentences at once (2,400
        # sentences of 2,000 characters took 260 MB at once)
        pieces = [(k, first) for k, sentences in enumerate(texts) for first in range(0, len(sentences), SCORE_CHUNK)]
        out: list[list[float]] = [[] for _ in texts]
        # another embedder's vectors (an ONNX model's, batched by length) may differ in the
        # last bit with the texts beside them: then each piece goes alone
        alone = self.embedder and self._arrays[2].size and self._batch.embedder is None
        limit = 0 if alone else _CHARS_AT_ONCE
        group: list[tuple[int, Sequence[str]]] = []
        size = 0
        for n, (k, first) in enumerate(pieces):
            piece = texts[k][first : first + SCORE_CHUNK]
            group.append((k, piece))
            size += sum(map(len, piece))
            if size >= limit or n == len(pieces) - 1:
                for (j, _), scores in zip(group, self._probabilities([p for _, p in group])):
                    out[j] += scores
                group, size = [], 0
        return out

    def _probabilities(self, pieces: list[Sequence[str]]) -> list[list[float]]:
        """The probabilities of each piece's sentences (see :meth:`_logits`)."""
        import numpy as np

        p = (1.0 / (1.0 + np.exp(-np.clip(self._logits(pieces), -30, 30)))).tolist()
        ends = list(accumulate(map(len, pieces)))
        return [p[e - len(piece) : e] for piece, e in zip(pieces, ends)]

    def _logits(self, pieces: Sequence[Sequence[str]]):
        """The log-odds of the pieces' sentences, end to end. The features, terms and vectors
        of all the pieces are read at once; the matrix products are taken piece by piece, as
        each piece alone would take them (a product over more rows may add in another order:
        its float32 sums then differ in the last bit)."""
        import numpy as np

        sentences = list(chain.from_iterable(pieces))
        z = np.zeros(len(sentences))
        if not sentences:
            return z
        folded, bias, emb_w = self._arrays
        chunked = split_chunks(sentences)  # split once, for the features and the embeddings
        rows, term_sums, vectors = self._batch.read(sentences, chunked)
        embedded = self.embedder and emb_w.size
        if embedded and vectors is None:
            vectors = self._embedder.encode(sentences, chunked)
        end = 0
        for piece in pieces:
            start, end = end, end + len(piece)
            if start < end:
                logits = rows[start:end] @ folded + bias + term_sums[start:end]
                if embedded:
                    logits += vectors[start:end] @ emb_w
                z[start:end] = logits
        return z


#: characters of sentences scored in one pass, about a hundred articles: what a pass holds
#: (the token ids and counts of its sentences) grows with them, and this bounds it
_CHARS_AT_ONCE = 1 << 19


# --------------------------------------------------------------- a batch at once
# The designed features and the term weights of every sentence of an article in a few
# numpy passes over its tokens, instead of a Counter, a dozen set intersections and a
# set of word pairs per sentence in Python (which cost 1.8 ms an article of 40
# sentences). :func:`features` and :func:`terms` stay the reference the training script
# uses; tests/test_claims.py checks the two agree.

#: the word lists that count, in the order of :attr:`_BatchScorer.lists`' rows
_LISTS = (_MONEY, _REPORTING, _CHANGE, _FIRST_SINGULAR, _FIRST_PLURAL, _SECOND, _OPINION, _FUTURE, _FILLER,
          _DATE, _WORD_NUMBER, _CAUSAL, _COMPARE, _HEDGE, _NEGATION,
          _set("%"), _set("percent"), _set("per"), _set("cent"), _set("percentage"), _set("!"), _set("% $ € £ ? !"))
_COUNTED = 9  # the first nine lists count (capped at 3); the others only say whether present
# the columns of a chunk's row of counts (:meth:`_BatchScorer._chunk_figures`): each list's,
# then its tokens, figures, years, contractions in n't, capitals after a sign inside it
# ("(Porthaven", "-Velmora") and whether it opens with a capitalised word
_TOKENS = len(_LISTS)
_CAPS, _CAPS_START = _TOKENS + 4, _TOKENS + 5
_WIDTH = _TOKENS + 6
# a capitalised word opening a chunk: it counts (see _CAPITAL) where whitespace precedes the chunk
_CAPITAL_START = re.compile(r"[A-Z][a-z]+")
_NUM, _YEAR_TERM = "<num>", "<year>"


class _BatchScorer:
    """Designed features and term-weight sums of many sentences at once (see above).

    Words get ids (0: a word no list and no term names); ``lists`` says which list each id
    is in; ``unigram`` is each id's own term weight; a word pair is the key
    ``first * size + second``, looked up in the sorted ``pair_keys``. With ``embedder`` (the
    fast one, when the model's embeddings are its alone) it also gives sentence vectors.
    """

    def __init__(self, term_weights: dict[str, float], embedder: StaticEmbedder | None = None) -> None:
        import numpy as np

        words = {w for t in term_weights for w in t.split(" ")} | {w for words in _LISTS for w in words} | {_NUM, _YEAR_TERM}
        self.ids = {w: i for i, w in enumerate(sorted(words), start=1)}
        self.size = len(self.ids) + 1
        self.lists = np.zeros((len(_LISTS), self.size), dtype=np.int64)
        for row, listed in enumerate(_LISTS):
            self.lists[row, [self.ids[w] for w in listed]] = 1
        self.unigram = np.zeros(self.size)
        pairs: dict[int, float] = {}
        for term, weight in term_weights.items():
            parts = term.split(" ")
            if len(parts) == 1:
                self.unigram[self.ids[term]] = weight
            else:
                pairs[self.ids[parts[0]] * self.size + self.ids[parts[1]]] = weight
        self.pair_keys = np.array(sorted(pairs), dtype=np.int64)
        self.pair_weights = np.array([pairs[k] for k in self.pair_keys.tolist()])
        self.embedder = embedder
        #: each whitespace-separated chunk's term ids, counts and WordPiece ids, computed once per process
        self.chunks = ChunkTable(self._chunk_figures)

    def _chunk_figures(self, chunks: list[str]):
        """What :attr:`chunks` keeps of whitespace-separated chunks never met before: their
        tokens' term ids (figures folded), their WordPiece ids when there is an embedder, and
        a row of counts each (the columns are named above, at ``_TOKENS``)."""
        import numpy as np

        tokens = [_tokens(c) for c in chunks]
        flat = list(chain.from_iterable(tokens))
        lengths = np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens))
        ids = np.fromiter(map(self.ids.get, flat, repeat(0)), dtype=np.int64, count=len(flat))
        digit = np.fromiter(map(str.isdigit, map(itemgetter(0), flat)), dtype=bool, count=len(flat))
        year = np.zeros(len(flat), dtype=bool)
        for i in np.flatnonzero(digit).tolist():
            year[i] = _YEAR.match(flat[i]) is not None
        folded = np.where(year, self.ids[_YEAR_TERM], np.where(digit, self.ids[_NUM], ids))
        negated = np.fromiter(map(methodcaller("endswith", "n't"), flat), dtype=bool, count=len(flat))
        chunk = np.repeat(np.arange(len(tokens)), lengths)
        # every list's count in every chunk in one pass: row r, chunk c at r * count + c
        at = (np.arange(len(_LISTS))[:, None] * len(tokens) + chunk).ravel()
        counts = np.bincount(at, weights=self.lists[:, ids].ravel(), minlength=len(_LISTS) * len(tokens)).reshape(len(_LISTS), len(tokens))
        rows = np.column_stack([
            counts.T, lengths, *(np.bincount(chunk, weights=w, minlength=len(tokens)) for w in (digit, year, negated)),
            [len(_CAPITAL.findall(c)) for c in chunks], [_CAPITAL_START.match(c) is not None for c in chunks],
        ]).astype(np.int32)  # small counts: a quarter of float64's memory over 500,000 chunks
        pieces = self.embedder.chunk_pieces(chunks)[0] if self.embedder is not None else ()
        return ((folded, lengths), *pieces), rows

    def features_and_terms(self, sentences: Sequence[str]):
        """(the :data:`FEATURES` rows, the term-weight sums) of ``sentences``, numpy arrays."""
        rows, sums, _ = self.read(sentences, split_chunks(sentences))
        return rows, sums

    def read(self, sentences: Sequence[str], chunked: list[list[str]]):
        """(the :data:`FEATURES` rows, the term-weight sums, the embedder's vectors or None) of
        ``sentences``, whose :func:`~newstrail.embeddings.split_chunks` is ``chunked``."""
        import numpy as np

        count = len(sentences)
        sequences, chunk_rows = self.chunks.gather(list(chain.from_iterable(chunked)))
        assert chunk_rows is not None  # this table keeps a row of counts per chunk
        folded = sequences[0][0]
        per = np.fromiter(map(len, chunked), dtype=np.int64, count=count)  # chunks a sentence
        ends = np.cumsum(per)
        sums = _sums_by_segment(chunk_rows, per)  # each sentence's sums of its chunks' counts
        # a chunk's first capital counts when whitespace stands before it, which the sentence's
        # first chunk lacks when it opens the sentence (a sentence read alone, as features() does)
        opening = np.array([bool(c) and s.startswith(c[0]) for s, c in zip(sentences, chunked)], dtype=bool)
        if opening.any():
            sums[opening, _CAPS_START] -= chunk_rows[(ends - per)[opening], _CAPS_START]
        counts = sums[:, : len(_LISTS)].T
        n = sums[:, _TOKENS] - counts[-1]  # tokens that are words, not signs
        numbers = sums[:, _TOKENS + 1]
        caps = sums[:, _CAPS] + sums[:, _CAPS_START]
        capped = np.minimum(counts[:_COUNTED], 3) / 3
        present = counts[_COUNTED:] > 0
        date_word, word_number, causal, compare, hedge, negation, pct, percent, per_word, cent, percentage, bang, _ = present
        negation = negation | (sums[:, _TOKENS + 3] > 0)
        tails = [s.rstrip(" \"”’')") for s in sentences]
        rows = np.column_stack([
            [math.log1p(x) for x in n.tolist()], numbers > 0, np.minimum(numbers, 5) / 5,
            pct | percent | (per_word & cent) | percentage, capped[0], sums[:, _TOKENS + 2] > 0, date_word, word_number,
            np.minimum(caps, 6) / 6, np.divide(caps, n, out=np.zeros(count), where=n > 0),
            capped[1], causal, capped[2], compare, capped[3], capped[4], capped[5], capped[6], hedge, capped[7], capped[8],
            negation, [t.endswith("?") for t in tails], bang, ['"' in s or "“" in s or "”" in s for s in sentences], n < 6,
        ]).astype(np.float64)
        sentence = np.repeat(np.arange(count), sums[:, _TOKENS].astype(np.int64))
        vectors = None
        if self.embedder is not None:
            pieces, lengths = sequences[1]
            vectors = self.embedder.mean_vectors(pieces, _sums_by_segment(lengths[:, None], per)[:, 0].astype(np.int64))
        return rows, self._term_sums(folded, sentence, count), vectors

    def _term_sums(self, folded, sentence, count: int):
        """Each sentence's sum of the weights of its distinct words and distinct adjacent word pairs."""
        import numpy as np

        keys = _distinct(sentence * self.size + folded)  # one (sentence, word) each
        sums = np.bincount(keys // self.size, weights=self.unigram[keys % self.size], minlength=count)
        known = len(self.pair_keys)
        if len(folded) > 1 and known:
            inside = sentence[1:] == sentence[:-1]  # pairs that do not cross into the next sentence
            pair = (folded[:-1] * self.size + folded[1:])[inside]
            at = np.minimum(np.searchsorted(self.pair_keys, pair), known - 1)
            found = self.pair_keys[at] == pair
            kept = _distinct(sentence[1:][inside][found] * known + at[found])  # one (sentence, pair) each
            sums += np.bincount(kept // known, weights=self.pair_weights[kept % known], minlength=count)
        return sums


def _distinct(keys):
    """The distinct values of ``keys``, sorted: ``np.unique``'s result at a fifth of its cost
    on an article's few hundred keys."""
    import numpy as np

    keys = np.sort(keys)
    if len(keys) < 2:
        return keys
    first = np.empty(len(keys), dtype=bool)
    first[0] = True
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    return keys[first]


def _sums_by_segment(rows, lengths):
    """Sums of consecutive runs of ``rows``, ``lengths[i]`` rows in run ``i`` (an empty run
    sums to zeros). For whole numbers, as here, any order of adding gives the same sums."""
    import numpy as np

    sums = np.zeros((len(lengths), rows.shape[1]))
    filled = lengths > 0
    if filled.any():
        sums[filled] = np.add.reduceat(rows, (np.cumsum(lengths) - lengths)[filled], axis=0)
    return sums


#: the shipped models, by the ``claims.model`` setting's value: ``fast`` (static embeddings,
#: the default) and ``accurate`` (the same head over all-MiniLM-L6-v2's embeddings)
MODEL_FILES: dict[str, str] = {"fast": "model.json", "accurate": "accurate.json"}
#: every ``claims.model`` value: the two above and ``finetuned`` (:mod:`newstrail.analyze.checkworthy_ft`)
MODEL_KINDS: tuple[str, ...] = (*MODEL_FILES, "finetuned")


def model_path(kind: str = "fast") -> Path:
    """Where the shipped model of ``kind`` (a key of :data:`MODEL_FILES`) lies inside the package.

    >>> model_path("accurate").name
    'accurate.json'
    """
    if kind not in MODEL_FILES:
        raise ConfigError(f"unknown check-worthiness model {kind!r}; choose one of: {', '.join(MODEL_FILES)}")
    return Path(str(resources.files("newstrail") / "models" / "checkworthy" / MODEL_FILES[kind]))


@functools.lru_cache(maxsize=4)
def load_model(path: str | None = None, kind: str = "fast") -> CheckworthyModel | FinetunedModel:
    """The check-worthiness model at ``path`` (default: the shipped one of ``kind``), cached per process.

    ``kind="finetuned"`` gives :class:`~newstrail.analyze.checkworthy_ft.FinetunedModel` (``path``: its folder).

    >>> load_model(kind="accurate").embedder
    'static-minilm+minilm-int8'
    """
    if kind == "finetuned":
        return load_finetuned(path)
    where = Path(path) if path else model_path(kind)
    retrain = "scripts/train_checkworthy.py" + (" --embedder accurate" if kind == "accurate" and not path else "")
    try:
        data = json.loads(where.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise StageError(f"{where}: no check-worthiness model here; rebuild it with {retrain}") from exc
    except (OSError, ValueError) as exc:
        raise StageError(f"{where}: cannot read the check-worthiness model ({exc}); rebuild it with {retrain}") from exc
    return CheckworthyModel.from_dict(data)
