"""Scoring attribution detection against gold sentences (bench-only code).

``bench/attributions.py`` prints the figures; ``tests/test_quality_gates.py`` pins a floor.
"""

from __future__ import annotations

import json
from pathlib import Path

from newstrail.analyze.attributions import outlet_key
from newstrail.core.article import Link, Span

__all__ = ["dedupe", "load", "match", "prf", "same"]


def load(path: Path) -> list[dict]:
    """The rows of a JSONL of sentences with gold attributions; ``_links`` holds each row's links as :class:`Link`."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            row = json.loads(line)
            links = []
            for ln in row.get("links", []):
                start = row["text"].find(ln["anchor"])
                if start < 0:
                    raise ValueError(f"{path}:{number}: anchor {ln['anchor']!r} not in the text")
                links.append(Link(Span(start, start + len(ln["anchor"])), ln["url"]))
            row["_links"] = links
            rows.append(row)
    return rows


def same(a: str, b: str) -> bool:
    """Whether two outlet names are the same outlet (one key inside the other).

    >>> same("Reuters", "Thomson Reuters"), same("Reuters", "AP")
    (True, False)
    """
    a, b = outlet_key(a), outlet_key(b)
    return bool(a and b) and (a in b or b in a)


def match(pred: list[tuple[str, str]], gold: list[tuple[str, str]]) -> int:
    """How many predicted (source, x) pairs match a distinct gold pair."""
    left = list(gold)
    hits = 0
    for source, x in pred:
        for i, (g_source, g_x) in enumerate(left):
            if x == g_x and same(source, g_source):
                hits += 1
                del left[i]
                break
    return hits


def prf(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (an empty side scores 1.0)."""
    p = hits / predicted if predicted else 1.0
    r = hits / gold if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def dedupe(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The pairs with repeats of the same (outlet key, kind) dropped, first kept."""
    seen: set[tuple[str, str]] = set()
    out: list[tuple[str, str]] = []
    for source, x in pairs:
        key = (outlet_key(source), x)
        if key not in seen:
            seen.add(key)
            out.append((source, x))
    return out
