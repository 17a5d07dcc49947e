"""Word n-gram fingerprints: the candidate generator for text reuse.

A text becomes a sequence of word tokens (lower-cased ``\\w+`` runs, with their
character spans), and every run of :data:`N` tokens a stable 63-bit hash. A fixed
fraction of those hashes (``hash % SAMPLE == 0``, the same n-grams in every text)
goes into the store's inverted index; two articles that share a passage of a few
dozen words share some sampled n-grams with near certainty, while the index stays
a fraction of the corpus. Hashes are stable across processes and machines (CRC32
of the tokens, mixed with SplitMix64), so an index built yesterday still answers.

>>> fp = Fingerprint.of("The pier will stay closed for at least six weeks, the harbour master said.")
>>> len(fp.starts), len(fp.grams) == len(fp.starts) - N + 1
(14, True)
"""

from __future__ import annotations

import re
import zlib
from itertools import accumulate
from dataclasses import dataclass, field

import numpy as np

#: words per n-gram
N = 5
#: one n-gram in SAMPLE is indexed
SAMPLE = 6

_WORD_SPLIT = re.compile(r"(\w+)")
_MASK63 = np.uint64((1 << 63) - 1)


def _mix(x: np.ndarray) -> np.ndarray:
    # SplitMix64's finaliser: spreads every input bit over the output (uint64 wraps).
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


@dataclass
class Fingerprint:
    """The spans of a text's tokens, and the hash of every n-gram (the tokens themselves are
    not kept: a linking run holds thousands of fingerprints, and the words were most of one's memory)."""

    starts: np.ndarray  # character offset of each token
    ends: np.ndarray
    grams: np.ndarray  # int64 hash of the n-gram starting at each token
    # the order that sorts ``grams`` (stable) and the sorted hashes, once asked for (see by_hash)
    _by_hash: tuple[np.ndarray, np.ndarray] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, text: str) -> Fingerprint:
        tokens, starts, ends = word_spans(text.lower())
        return cls(starts, ends, gram_hashes(tokens))

    def __getstate__(self) -> dict:
        # the sorted copy is a cache: a fingerprint sent to or from a worker goes without it
        return {**self.__dict__, "_by_hash": None}

    def by_hash(self) -> tuple[np.ndarray, np.ndarray]:
        """The order that sorts the n-gram hashes (stable), and the sorted hashes: computed
        once, as a text is aligned with every article that copies it.

        >>> order, hashes = Fingerprint.of("a b c d e f").by_hash()
        >>> hashes.tolist() == sorted(Fingerprint.of("a b c d e f").grams.tolist())
        True
        """
        if self._by_hash is None:
            order = np.argsort(self.grams, kind="stable")
            self._by_hash = (order, self.grams[order])
        return self._by_hash

    def sampled(self) -> np.ndarray:
        """The distinct n-gram hashes that go into the index."""
        return np.unique(self.grams[self.grams % SAMPLE == 0])


def word_spans(text: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The words (``\\w+`` runs) of ``text`` with the offsets where each starts and ends:
    one split and running sums, no match object per word (every text linked is split).

    >>> words, starts, ends = word_spans("Pier 9, closed.")
    >>> words, starts.tolist(), ends.tolist()
    (['Pier', '9', 'closed'], [0, 5, 8], [4, 6, 14])
    """
    parts = _WORD_SPLIT.split(text)  # text between words, word, text between words, ...
    offsets = np.fromiter(accumulate(map(len, parts)), dtype=np.int64, count=len(parts))
    return parts[1::2], offsets[0:-1:2].copy(), offsets[1::2].copy()


def gram_hashes(tokens: list[str]) -> np.ndarray:
    """Stable int64 hashes (non-negative) of every run of :data:`N` tokens."""
    if len(tokens) < N:
        return np.zeros(0, dtype=np.int64)
    with np.errstate(over="ignore"):
        words = _mix(np.fromiter(map(zlib.crc32, map(str.encode, tokens)), dtype=np.uint64, count=len(tokens)))
        count = len(tokens) - N + 1
        acc = np.zeros(count, dtype=np.uint64)
        for k in range(N):
            # mixing after every word makes the hash depend on word order
            acc = _mix(acc ^ words[k : k + count])
    return (acc & _MASK63).astype(np.int64)
