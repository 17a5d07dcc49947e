"""Shared passages between two texts: seed-and-extend alignment over word n-grams.

Every n-gram the two texts share is a seed; seeds on one diagonal that follow each
other are one run of identical words; runs close to each other in both texts are
joined into one passage, so a copy that changed a word or a number inside a
paragraph still counts as one passage (the change is then a mutation, not a gap).
This is the local alignment step of text-reuse detectors such as passim, applied
only to the candidate pairs the n-gram index proposes.

>>> a = "Crews said the pier will stay closed for at least six weeks while engineers inspect every piling."
>>> b = "Officials confirmed the pier will stay closed for at least six weeks while engineers inspect every piling, it said."
>>> [p.words for p in align(a, b, min_words=8)]
[15]
"""

from __future__ import annotations

import numpy as np

from newstrail.core.article import Passage
from newstrail.corpus.fingerprints import N, Fingerprint

#: tokens skipped in both texts that still join two runs into one passage
MAX_GAP = 8
#: words of the longest verbatim run a passage needs
MIN_RUN = 10


def _runs(fa: Fingerprint, fb: Fingerprint) -> list[tuple[int, int, int, int]]:
    """Maximal runs of identical tokens as (a_first, a_last, b_first, b_last) token indexes."""
    a, b = fa.grams, fb.grams
    if a.size == 0 or b.size == 0:
        return []
    # every seed (i, j) with a's n-gram i equal to b's n-gram j, in whole-array steps: each
    # n-gram of b is looked up among a's sorted n-grams, and each hit range is expanded
    by_hash, sorted_a = fa.by_hash()
    low, high = np.searchsorted(sorted_a, b, "left"), np.searchsorted(sorted_a, b, "right")
    hits = high - low
    total = int(hits.sum())
    if total == 0:
        return []
    j = np.repeat(np.arange(b.size), hits)
    i = by_hash[np.arange(total) + np.repeat(low - (np.cumsum(hits) - hits), hits)]
    diagonal = i - j
    order = np.lexsort((j, i, diagonal))
    i, j, diagonal = i[order], j[order], diagonal[order]
    # a seed continues the run before it on its diagonal when it starts within that run's
    # last n-gram or right after it (as when the runs were grown seed by seed)
    starts = np.ones(total, dtype=bool)
    starts[1:] = (diagonal[1:] != diagonal[:-1]) | (i[1:] - i[:-1] > 2 * N - 1)
    first = np.nonzero(starts)[0]
    last = np.append(first[1:] - 1, total - 1)
    return list(zip(i[first].tolist(), (i[last] + N - 1).tolist(), j[first].tolist(), (j[last] + N - 1).tolist(), strict=True))


def align(a: str | Fingerprint, b: str | Fingerprint, min_words: int = 12) -> list[Passage]:
    """Passages of at least ``min_words`` words that ``a`` and ``b`` share, in ``a`` order."""
    fa = a if isinstance(a, Fingerprint) else Fingerprint.of(a)
    fb = b if isinstance(b, Fingerprint) else Fingerprint.of(b)
    if len(fa.grams) == 0 or len(fb.grams) == 0:
        return []
    runs = sorted(_runs(fa, fb))
    joined: list[list[int]] = []  # a0, a1, b0, b1, words matched, longest run
    for a0, a1, b0, b1 in runs:
        last = joined[-1] if joined else None
        length = a1 - a0 + 1
        # join when the run continues the last passage in both texts, allowing a small edit
        if last is not None and 0 <= a0 - last[1] - 1 <= MAX_GAP and 0 <= b0 - last[3] - 1 <= MAX_GAP:
            last[1], last[3], last[4], last[5] = max(last[1], a1), max(last[3], b1), last[4] + length, max(last[5], length)
        elif last is not None and a0 <= last[1] and b0 <= last[3] + MAX_GAP and b0 >= last[2]:
            extra = max(0, a1 - last[1])  # overlapping run, same passage
            last[1], last[3], last[4], last[5] = max(last[1], a1), max(last[3], b1), last[4] + extra, max(last[5], length)
        else:
            joined.append([a0, a1, b0, b1, length, length])
    passages = []
    for a0, a1, b0, b1, matched, longest in joined:
        # stock phrases ("more details will be issued on Monday, X said") share short runs
        # around differing names and figures; a copied passage has a long verbatim stretch
        if matched >= min_words and longest >= min(min_words, MIN_RUN):
            passages.append(Passage(int(fa.starts[a0]), int(fa.ends[a1]), int(fb.starts[b0]), int(fb.ends[b1]), matched))
    return passages


def coverage(passages: list[Passage], length: int, side: str = "b") -> float:
    """The fraction of a text of ``length`` characters that the passages cover on one side."""
    if length <= 0:
        return 0.0
    spans = sorted((p.b_start, p.b_end) if side == "b" else (p.a_start, p.a_end) for p in passages)
    covered, end = 0, -1
    for start, stop in spans:
        start = max(start, end)
        if stop > start:
            covered += stop - start
            end = stop
    return covered / length
