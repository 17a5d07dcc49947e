"""The measures of SemEval-2020 task 11, and a reader of its corpus format.

Span identification (SI) gives credit for partial overlap, as the organisers' scorer
does. Over predicted spans S and gold spans T of the same article (overlapping spans on
each side merged first)::

    P = (1/|S|) Σ_s Σ_t |s∩t| / |s|        R = (1/|T|) Σ_t Σ_s |s∩t| / |t|

summed over all articles before dividing, and F1 their harmonic mean. Technique
classification (TC) is micro-F1 over the gold spans, which for one label per span is
the share of gold spans given their technique.

>>> gold = {"1": [(0, 10)]}
>>> round(span_prf({"1": [(0, 5)]}, gold)[0], 3), round(span_prf({"1": [(0, 5)]}, gold)[1], 3)
(1.0, 0.5)
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

__all__ = ["PTCArticle", "merge", "read_ptc", "span_prf", "technique_f1"]

Spans = Sequence[tuple[int, int]]


def merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching spans joined, sorted."""
    out: list[list[int]] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(a, b) for a, b in out]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def span_prf(predicted: Mapping[str, Spans], gold: Mapping[str, Spans]) -> tuple[float, float, float]:
    """SI precision, recall and F1 with partial-overlap credit (see the module docstring).

    Both map an article id to its spans; an article missing from ``predicted`` has no predictions.
    """
    p_sum = r_sum = 0.0
    n_pred = n_gold = 0
    for article in set(predicted) | set(gold):
        pred = merge(predicted.get(article, ()))
        true = merge(gold.get(article, ()))
        n_pred += len(pred)
        n_gold += len(true)
        for s in pred:
            for t in true:
                o = _overlap(s, t)
                if o:
                    p_sum += o / (s[1] - s[0])
                    r_sum += o / (t[1] - t[0])
    p = p_sum / n_pred if n_pred else 0.0
    r = r_sum / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def technique_f1(predicted: Sequence[str], gold: Sequence[str]) -> float:
    """Micro-F1 of one technique per gold span (= accuracy).

    >>> technique_f1(["Doubt", "Slogans"], ["Doubt", "Repetition"])
    0.5
    """
    if len(predicted) != len(gold):
        raise ValueError(f"{len(predicted)} predictions for {len(gold)} gold spans")
    return sum(p == g for p, g in zip(predicted, gold)) / len(gold) if gold else 0.0


@dataclass
class PTCArticle:
    """One article of the Propaganda Techniques Corpus with its labelled spans."""

    id: str
    text: str
    labels: list[tuple[str, int, int]] = field(default_factory=list)  # (technique, start, end)

    @property
    def spans(self) -> list[tuple[int, int]]:
        return merge((s, e) for _, s, e in self.labels)


def read_ptc(folder: str | os.PathLike[str]) -> list[PTCArticle]:
    """The articles of a PTC folder (``train-articles/`` or the folder itself) with the
    labels of ``train-task2-TC.labels``; text read byte-exact (``newline=""``)."""
    folder = os.fspath(folder)
    articles_dir = os.path.join(folder, "train-articles") if os.path.isdir(os.path.join(folder, "train-articles")) else folder
    labels: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    label_file = os.path.join(folder, "train-task2-TC.labels")
    if not os.path.exists(label_file):
        raise FileNotFoundError(f"{label_file}: no technique labels; point at the ptc-train folder")
    with open(label_file, encoding="utf-8") as handle:
        for n, line in enumerate(handle, 1):
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 4:
                raise ValueError(f"{label_file}:{n}: expected 4 tab-separated fields, got {len(parts)}")
            labels[parts[0]].append((parts[1], int(parts[2]), int(parts[3])))
    out = []
    for name in sorted(os.listdir(articles_dir)):
        m = re.fullmatch(r"article(\d+)\.txt", name)
        if not m:
            continue
        with open(os.path.join(articles_dir, name), encoding="utf-8", newline="") as handle:
            text = handle.read()
        out.append(PTCArticle(m.group(1), text, sorted(labels.get(m.group(1), []), key=lambda x: (x[1], x[2]))))
    return out
