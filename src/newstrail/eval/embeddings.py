"""The paraphrase probe: how well an embedder finds each sentence's paraphrase (bench-only code).

``bench/embeddings.py`` prints the figures with its probe file
(``bench/data/paraphrase_probe.tsv``); ``tests/test_embeddings.py`` pins a floor.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["probe_scores", "read_probe"]


def read_probe(path: Path) -> list[tuple[str, str, str]]:
    """(sentence, paraphrase, distractor) rows; a distractor shares words, not meaning."""
    with path.open(encoding="utf-8", newline="") as f:
        return [(r["sentence"], r["paraphrase"], r["distractor"]) for r in csv.DictReader(f, delimiter="\t")]


def probe_scores(embedder: Any, rows: list[tuple[str, str, str]]) -> dict[str, float]:
    """Top-1/top-5 accuracy of finding each sentence's paraphrase among all other texts.

    Every sentence and every paraphrase is a query (2n); the candidates are the other
    3n - 1 texts, distractors included.
    """
    n = len(rows)
    texts = [r[0] for r in rows] + [r[1] for r in rows] + [r[2] for r in rows]
    vecs = embedder.encode(texts)
    sims = (vecs[: 2 * n] @ vecs.T).astype(np.float64)
    sims[np.arange(2 * n), np.arange(2 * n)] = -np.inf
    partner = np.concatenate([np.arange(n, 2 * n), np.arange(n)])
    # rank of the partner = how many other texts score strictly higher
    rank = (sims > sims[np.arange(2 * n), partner][:, None]).sum(axis=1)
    return {"top1": float((rank < 1).mean()), "top5": float((rank < 5).mean()), "queries": 2 * n}
