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
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from newstrail.core.errors import StageError

__all__ = ["LinearTechniques", "Model", "SpanTagger", "load_model", "model_dir"]


def model_dir() -> Path:
    return Path(str(resources.files("newstrail") / "models" / "rhetoric"))


class SpanTagger:
    """A linear-chain CRF (weights exported from CRFsuite) with its marginals in numpy."""

    def __init__(self, attributes: list[str], weights: np.ndarray, transitions: np.ndarray, labels: list[str]) -> None:
        self.index = {a: i for i, a in enumerate(attributes)}
        self.weights = weights.astype(np.float64)
        self.transitions = transitions.astype(np.float64)
        self.labels = labels
        self.inside = [i for i, lab in enumerate(labels) if lab != "O"]

    def emissions(self, features: list[list[str]]) -> np.ndarray:
        out = np.zeros((len(features), len(self.labels)))
        for t, feats in enumerate(features):
            rows = [self.index[f] for f in feats if f in self.index]
            if rows:
                out[t] = self.weights[rows].sum(axis=0)
        return out

    def inside_probability(self, features: list[list[str]]) -> np.ndarray:
        """P(token is inside a span) for each token, by forward-backward.

        The passes are scaled (each step renormalised) rather than run in log space:
        the scale factors cancel in the marginals, and a 3-label step is then two tiny
        products instead of a log-sum-exp.
        """
        n = len(features)
        if n == 0:
            return np.zeros(0)
        e = self.emissions(features)
        emit = np.exp(e - e.max(axis=1, keepdims=True))
        trans = np.exp(self.transitions)
        alpha = np.empty_like(emit)
        beta = np.empty_like(emit)
        a = emit[0] / emit[0].sum()
        alpha[0] = a
        for t in range(1, n):
            a = (a @ trans) * emit[t]
            a /= a.sum()
            alpha[t] = a
        b = np.ones(emit.shape[1])
        beta[-1] = b
        for t in range(n - 2, -1, -1):
            b = trans @ (emit[t + 1] * b)
            b /= b.sum()
            beta[t] = b
        marg = alpha * beta
        marg /= marg.sum(axis=1, keepdims=True)
        return marg[:, self.inside].sum(axis=1)


class LinearTechniques:
    """Multinomial logistic regression over sparse span features."""

    def __init__(self, vocabulary: list[str], coef: np.ndarray, intercept: np.ndarray, classes: list[str]) -> None:
        self.index = {v: i for i, v in enumerate(vocabulary)}
        self.coef = coef.astype(np.float64)  # (features, classes)
        self.intercept = intercept.astype(np.float64)
        self.classes = classes

    def probabilities(self, features: dict[str, float]) -> np.ndarray:
        z = self.intercept.copy()
        for name, value in features.items():
            i = self.index.get(name)
            if i is not None:
                z += value * self.coef[i]
        z -= z.max()
        p = np.exp(z)
        return p / p.sum()


@dataclass
class Model:
    tagger: SpanTagger
    classifier: LinearTechniques
    meta: dict
    #: lowercase word -> cluster id, or one id per granularity (empty: trained without clusters)
    clusters: dict[str, int | list[int]] = field(default_factory=dict)

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
        clusters = json.loads(clusters_file.read_text(encoding="utf-8")) if clusters_file.exists() else {}
    except (OSError, KeyError, ValueError) as exc:
        raise StageError(f"{folder}: the rhetoric model cannot be read ({exc}); rebuild it with scripts/train_rhetoric.py") from exc
    return Model(tagger, classifier, meta, clusters)


@lru_cache(maxsize=4)
def load_model(folder: str | None = None) -> Model:
    """The shipped model (or the one in ``folder``), loaded once per process."""
    return read_model(Path(folder) if folder else model_dir())
