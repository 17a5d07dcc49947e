"""The shipped rhetoric model, run in plain numpy.

Two parts, both trained by ``scripts/train_rhetoric.py`` and stored in
``newstrail/models/rhetoric/``:

* a linear-chain CRF over tokens with labels ``O``/``B``/``I`` (a span of propaganda
  starts, goes on) — trained with CRFsuite, exported as a weight matrix (feature string
  x label) and a label transition matrix in ``tagger.npz``; this module runs the
  forward-backward pass itself, so the per-token probability of being inside a span
  (``P(B) + P(I)``) is the span's score and no CRF library is needed at run time;
* a multinomial logistic regression over span features (:func:`.features.span_features`)
  giving the technique of each span, in ``techniques.npz``.

``clusters.json`` maps words to clusters of similar meaning (k-means over the shipped
``static-minilm`` word vectors, computed once at training time: the run time needs no
embedder). ``meta.json`` holds the labels, threshold, the held-out article ids and the
cross-validation scores.

>>> m = load_model()
>>> sorted(m.techniques)[:2]
['Appeal_to_Authority', 'Appeal_to_fear-prejudice']
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import repeat
from importlib import resources
from pathlib import Path

import numpy as np

from newstrail.core.errors import StageError
from newstrail.analyze.rhetoric.classify import SpanScorer
from newstrail.analyze.rhetoric.emissions import Emitter
from newstrail.analyze.rhetoric.features import ClusterTable, Clusters

__all__ = ["LinearTechniques", "Model", "SpanTagger", "load_model", "model_dir"]


def model_dir() -> Path:
    return Path(str(resources.files("newstrail") / "models" / "rhetoric"))


class SpanTagger:
    """A linear-chain CRF (weights exported from CRFsuite) with its marginals in numpy."""

    def __init__(self, attributes: list[str], weights: np.ndarray, transitions: np.ndarray, labels: list[str]) -> None:
        self.index = {a: i for i, a in enumerate(attributes)}
        self.weights = weights.astype(np.float64)
        self.transitions = transitions.astype(np.float64)
        self.exp_transitions = np.exp(self.transitions)
        self.labels = labels
        self.inside_labels = [i for i, lab in enumerate(labels) if lab != "O"]

    def emissions(self, features: list[list[str]]) -> np.ndarray:
        out = np.zeros((len(features), len(self.labels)))
        for t, feats in enumerate(features):
            rows = [self.index[f] for f in feats if f in self.index]
            if rows:
                out[t] = self.weights[rows].sum(axis=0)
        return out

    def inside_probability(self, features: list[list[str]]) -> np.ndarray:
        """P(token is inside a span) for each token of one sentence given as feature strings."""
        return self.inside(self.emissions(features), [len(features)])

    def inside(self, emissions: np.ndarray, lengths: Sequence[int] | np.ndarray) -> np.ndarray:
        """P(token is inside a span) for every token, by forward-backward over each sentence.

        ``emissions`` are the ``(tokens, labels)`` scores of consecutive sentences of
        ``lengths`` tokens. The sentences run side by side, padded to the longest of a
        group (groups of similar length, so padding stays small): one numpy step per
        position, not per token. The passes are scaled (renormalised every few steps)
        rather than run in log space: the scale factors cancel in the marginals, and a
        3-label step is then two tiny products instead of a log-sum-exp.
        """
        sizes = np.asarray(lengths, dtype=np.intp)
        out = np.zeros(len(emissions))
        if not len(emissions):
            return out
        emit = np.exp(emissions - _by_column(np.maximum, emissions)[:, None])
        starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        for group in _groups(sizes):
            out_idx, marg = self._marginals(emit, starts[group], sizes[group])
            out[out_idx] = _by_column(np.add, marg[:, self.inside_labels])
        return out

    def _marginals(self, emit: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The flat token indexes of these sentences and their label marginals.

        Forward, ``alpha_t = (alpha_t-1 @ T) * e_t``; backward, with ``g_t = e_t * beta_t``,
        ``g_t = (g_t+1 @ T.T) * e_t`` and ``beta_t = g_t+1 @ T.T``: the same step with the
        transposed matrix, so both passes run side by side as one product per position
        (sentences of a group aligned at their start for the forward pass, at their end for
        the backward one, each row [forward | backward], the matrix block-diagonal).
        """
        count, longest, labels = len(lengths), int(lengths.max()), emit.shape[1]
        row = np.repeat(np.arange(count), lengths)
        pos = np.arange(len(row)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        flat = starts[row] + pos
        back = pos + (longest - lengths)[row]  # the token's place among the sentences aligned at their end
        scale = np.ones((longest, count, 2 * labels))
        # (rows of a flat view by one index each, and take, not indexing by two: a quarter of the time)
        cells, emitted = scale.reshape(-1, 2 * labels), emit.take(flat, axis=0)
        cells[pos * count + row, :labels] = emitted
        cells[(longest - 1 - back) * count + row, labels:] = emitted  # the backward pass runs over reversed places
        trans = self.exp_transitions
        step = np.zeros((2 * labels, 2 * labels))
        step[:labels, :labels], step[labels:, labels:] = trans, trans.T
        x = np.empty_like(scale)
        x[0] = scale[0]
        halves = x.reshape(longest, count, 2, labels)
        # one view per position, taken once: the loop runs once per token of the longest
        # sentence, and indexing the arrays at every step cost about as much as the products
        xs, scales, matmul, multiply = list(x), list(scale), np.matmul, np.multiply
        for t in range(1, longest):
            now = xs[t]
            matmul(xs[t - 1], step, out=now)
            multiply(now, scales[t], out=now)
            if t % RENORMALISE == 0:  # the scale cancels in the marginals; this keeps it in range
                halves[t] /= halves[t].sum(axis=2, keepdims=True)
        g = x[::-1, :, labels:]  # g[t] at the places aligned at the end
        beta = np.ones((longest, count, labels))
        beta[:-1] = g[1:] @ trans.T
        alpha = x.reshape(-1, 2 * labels).take(pos * count + row, axis=0)[:, :labels]
        marg = alpha * beta.reshape(-1, labels).take(back * count + row, axis=0)
        marg /= _by_column(np.add, marg)[:, None]
        return flat, marg


def _by_column(op: np.ufunc, m: np.ndarray) -> np.ndarray:
    """``op`` over the columns of ``m`` (a few labels), left to right: what ``op.reduce(m, axis=1)``
    gives, in a quarter of its time on a few columns of many rows."""
    out = m[:, 0].copy()
    for j in range(1, m.shape[1]):
        op(out, m[:, j], out=out)
    return out


#: the passes renormalise their vectors every this many steps (a step shrinks a vector by at
#: most the smallest transition weight, e^-10.2 for the shipped model: far from underflow)
RENORMALISE = 8


def _groups(lengths: np.ndarray, cells: int = 65_536) -> list[np.ndarray]:
    """The non-empty sentences in groups run side by side, longest first: a group is padded to
    its longest, so it takes sentences while the padded cells stay under ``cells`` or twice its tokens."""
    ranked = np.argsort(-lengths, kind="stable")
    ranked = ranked[lengths[ranked] > 0]
    if len(ranked) and len(ranked) * int(lengths[ranked[0]]) <= cells:  # one group (every real article)
        return [ranked]
    ordered = lengths[ranked]
    total = np.concatenate([[0], np.cumsum(ordered)])  # the tokens of the first i sentences
    groups, k, n = [], 0, len(ranked)
    while k < n:
        # the group from k takes sentences while its padded cells stay within the bound: up to the
        # first that would break it (the test for all of them at once: a group is a few numpy calls)
        padded = np.arange(1, n - k + 1) * int(ordered[k])
        fits = (padded <= cells) | (padded <= 2 * (total[k + 1 :] - total[k]))
        stop = n if fits.all() else k + int(fits.argmin())
        groups.append(ranked[k:stop])
        k = stop
    return groups


class LinearTechniques:
    """Multinomial logistic regression over sparse span features."""

    def __init__(self, vocabulary: list[str], coef: np.ndarray, intercept: np.ndarray, classes: list[str]) -> None:
        self.index = {v: i for i, v in enumerate(vocabulary)}
        self.coef = coef.astype(np.float64)  # (features, classes)
        self.intercept = intercept.astype(np.float64)
        self.classes = classes

    def probabilities(self, features: dict[str, float]) -> np.ndarray:
        z = self.scores(features)
        z -= z.max()
        p = np.exp(z)
        return p / p.sum()

    def scores(self, features: dict[str, float]) -> np.ndarray:
        """The classes' linear scores (before the softmax)."""
        rows = np.fromiter(map(self.index.get, features, repeat(-1)), dtype=np.intp, count=len(features))
        known = rows >= 0
        values = np.fromiter(features.values(), dtype=np.float64, count=len(features))[known]
        z = values @ self.coef[rows[known]]
        return z + self.intercept


@dataclass
class Model:
    tagger: SpanTagger
    classifier: LinearTechniques
    meta: dict
    #: lowercase word -> cluster id, or one id per granularity (empty: trained without clusters)
    clusters: Clusters = field(default_factory=dict)

    @cached_property
    def emitter(self) -> Emitter:
        """The tagger's emission scores of a whole document (per word type, see :mod:`.emissions`)."""
        return Emitter(self.tagger.index, self.tagger.weights, self.clusters)

    @cached_property
    def scorer(self) -> SpanScorer:
        """The classifier's scores of spans (per word type, see :mod:`.classify`)."""
        return SpanScorer(self.classifier, self.clusters)

    @property
    def techniques(self) -> list[str]:
        return self.classifier.classes

    @property
    def threshold(self) -> float:
        return float(self.meta.get("threshold", 0.5))

    @property
    def gap(self) -> int:
        return int(self.meta.get("gap", 0))

    @property
    def keep(self) -> float:
        return float(self.meta.get("keep", 0.0))


def read_model(folder: Path) -> Model:
    """Load a model folder written by ``scripts/train_rhetoric.py``."""
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        with np.load(folder / "tagger.npz") as t:
            tagger = SpanTagger(json.loads(str(t["attributes"])), t["weights"], t["transitions"], list(meta["labels"]))
        with np.load(folder / "techniques.npz") as c:
            classifier = LinearTechniques(json.loads(str(c["vocabulary"])), c["coef"], c["intercept"], list(meta["techniques"]))
        clusters_file = folder / "clusters.json"
        clusters = ClusterTable(json.loads(clusters_file.read_text(encoding="utf-8")) if clusters_file.exists() else {})
    except (OSError, KeyError, ValueError) as exc:
        raise StageError(f"{folder}: the rhetoric model cannot be read ({exc}); rebuild it with scripts/train_rhetoric.py") from exc
    return Model(tagger, classifier, meta, clusters)


@lru_cache(maxsize=4)
def load_model(folder: str | None = None) -> Model:
    """The shipped model (or the one in ``folder``), loaded once per process."""
    return read_model(Path(folder) if folder else model_dir())
