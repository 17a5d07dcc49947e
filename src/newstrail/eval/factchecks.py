"""Scoring claim matching the way CLEF CheckThat! does: MAP@k, MRR, over TREC qrels.

>>> map_at_k({"q1": ["a", "b"], "q2": ["c", "d"]}, {"q1": {"b"}, "q2": {"c"}}, 1)
0.5
>>> round(map_at_k({"q1": ["a", "b"], "q2": ["c", "d"]}, {"q1": {"b"}, "q2": {"c"}}, 5), 4)
0.75
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from newstrail.core.errors import BadRecord
from newstrail.factchecks.queries import parse_queries


def average_precision(ranked: Sequence[str], relevant: set[str], k: int) -> float:
    """Average precision at ``k``, normalised by min(|relevant|, k) (the task's scorer)."""
    if not relevant:
        return 0.0
    hits, total = 0, 0.0
    for rank, doc in enumerate(ranked[:k], 1):
        if doc in relevant:
            hits += 1
            total += hits / rank
    return total / min(len(relevant), k)


def map_at_k(runs: Mapping[str, Sequence[str]], qrels: Mapping[str, set[str]], k: int) -> float:
    """Mean of :func:`average_precision` over every query with gold (a missing run scores 0)."""
    if not qrels:
        return 0.0
    return sum(average_precision(runs.get(q, []), rel, k) for q, rel in qrels.items()) / len(qrels)


def mrr(runs: Mapping[str, Sequence[str]], qrels: Mapping[str, set[str]], k: int = 1000) -> float:
    """Mean reciprocal rank of the first relevant document within ``k``."""
    total = 0.0
    for q, rel in qrels.items():
        total += next((1.0 / r for r, d in enumerate(runs.get(q, [])[:k], 1) if d in rel), 0.0)
    return total / len(qrels) if qrels else 0.0


def read_qrels(path: str | Path) -> dict[str, set[str]]:
    """TREC qrels (``qid 0 docid relevance``): the relevant doc ids of each query."""
    out: dict[str, set[str]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[3] != "0":
            out.setdefault(parts[0], set()).add(parts[2])
    return out


def read_queries(path: str | Path) -> dict[str, str]:
    """The queries of a TSV/JSONL query file by id; bad lines are skipped (the bench counts what it scores)."""
    text = Path(path).read_text(encoding="utf-8")
    return {qid: body for qid, body in (q for q in parse_queries(text, str(path)) if not isinstance(q, BadRecord))}
