"""Fact-check matches as text, JSON Lines or TREC run lines; the list of imported fact-checks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newstrail.report.json import to_json


def match_lines(fmt: str, qid: str, text: str, matches: Sequence[Any]) -> list[str]:
    """One query's matches (``factchecks.matching.Match``) in ``fmt``: text, jsonl or trec."""
    if fmt == "trec":
        return [f"{qid} Q0 {m.factcheck.id} {rank} {m.score:.4f} newstrail" for rank, m in enumerate(matches, 1)]
    if fmt == "jsonl":
        return [to_json({"id": qid, "text": text, "matches": [m.to_dict() for m in matches]})]
    lines = [f"{qid}: {text if len(text) <= 100 else text[:97] + '...'}"]
    if not matches:
        lines.append("    (no match)")
    for rank, m in enumerate(matches, 1):
        fc, ev = m.factcheck, m.evidence
        lines.append(f"  {rank}. {m.score:.3f}  [{fc.verdict}] {fc.claim}")
        lines.append(f"       {fc.rating or 'no rating'} · {fc.publisher or 'unknown publisher'} · {fc.url or fc.id}")
        cos = ", ".join(f"{k.removeprefix('cosine_')} cosine {ev[k]:.2f}" for k in ("cosine_accurate", "cosine_fast") if k in ev)
        lines.append(f"       shared: {', '.join(ev['shared_terms']) or '-'}; lexical {ev['lexical']:.2f}{'; ' + cos if cos else ''}")
        if "query_sentence" in ev:
            lines.append(f"       via the sentence: {ev['query_sentence']}")
    return lines


def factcheck_line(fc: Any) -> str:
    """One imported fact-check on a line: id, verdict, publisher, claim."""
    return f"{fc.id:<24} {fc.verdict:<12} {(fc.publisher or '-')[:20]:<20} {fc.claim[:90]}"
