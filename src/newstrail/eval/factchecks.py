"""Scoring claim matching the way CLEF CheckThat! does: MAP@k, MRR, over TREC qrels.

>>> map_at_k({"q1": ["a", "b"], "q2": ["c", "d"]}, {"q1": {"b"}, "q2": {"c"}}, 1)
0.5
>>> round(map_at_k({"q1": ["a", "b"], "q2": ["c", "d"]}, {"q1": {"b"}, "q2": {"c"}}, 5), 4)
0.75
"""

from __future__ import annotations

import json
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


def is_ct2022(data: Path) -> bool:
    """CheckThat! 2022 task 2A's layout: ``vclaims.jsonl``, one query file, a qrels file per split
    (else CheckThat! 2020 task 2's: ``v3.0/verified_claims.docs.tsv``, ``v3.0/{train,dev}``, ``test``)."""
    return (Path(data) / "vclaims.jsonl").is_file()


def split_paths(data: Path, split: str) -> tuple[Path, Path]:
    """The query file and the qrels file of ``split`` in a CheckThat! data folder."""
    data = Path(data)
    if is_ct2022(data):
        return data / "CT2022-Task2A-EN-Train-Dev_Queries.tsv", data / f"CT2022-Task2A-EN-{split.title()}_QRELs.tsv"
    base = data / "test" if split == "test" else data / "v3.0" / split
    return base / "tweets.queries.tsv", base / "tweet-vclaim-pairs.qrels"


def load_split(data: Path, split: str) -> tuple[dict[str, str], dict[str, set[str]]]:
    """The queries of ``split`` that have gold, and the gold."""
    queries, qrels = split_paths(data, split)
    gold = read_qrels(qrels)
    return {q: t for q, t in read_queries(queries).items() if q in gold}, gold


def claims_file(data: Path, folder: str | Path) -> Path:
    """The verified claims as the 2020 lab's TSV (vclaim_id, vclaim, title), which the
    importer reads; CT2022's ``vclaims.jsonl`` is written into one in ``folder`` first,
    with its publication date (the 2020 file has none)."""
    data = Path(data)
    if not is_ct2022(data):
        return data / "v3.0" / "verified_claims.docs.tsv"
    out = Path(folder) / "verified_claims.docs.tsv"
    with open(data / "vclaims.jsonl", encoding="utf-8") as source, open(out, "w", encoding="utf-8") as target:
        target.write("vclaim_id\tvclaim\ttitle\tdate\n")
        for line in source:
            record = json.loads(line)
            cells = (record["vclaim_id"], record["vclaim"], record.get("title") or "", record.get("date") or "")
            target.write("\t".join(" ".join(str(c).split()) for c in cells) + "\n")
    return out
