"""Fact-check matches as text, JSON, JSON Lines, CSV or TREC run lines; the list of imported fact-checks."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from newstrail.report.formats import CSV, FLAT, TEXT, View, render

#: ``factchecks match --format``: the vocabulary, and TREC run lines for trec_eval and the CheckThat! scorer
MATCH_FORMATS = (*FLAT, "trec")
MATCH_FORMAT_HELP = {"trec": "'qid Q0 docid rank score newstrail' lines (trec_eval, the CheckThat! scorer)", CSV: "one row a match"}
MATCH_COLUMNS = ("query", "rank", "factcheck", "score", "verdict", "rating", "publisher", "url", "date", "claim")


def match_lines(fmt: str, qid: str, text: str, matches: Sequence[Any], threshold: float = 0.0) -> list[str]:
    """One query's matches (``factchecks.matching.Match``) in ``fmt``: text or trec (the
    record formats go through :data:`MATCH_VIEW`); ``threshold``: the score the matches
    shown were held to (text says so when none reached it)."""
    if fmt == "trec":
        return [f"{qid} Q0 {m.factcheck.id} {rank} {m.score:.4f} newstrail" for rank, m in enumerate(matches, 1)]
    lines = [f"{qid}: {text if len(text) <= 100 else text[:97] + '...'}"]
    if not matches:
        lines.append(f"    (no match scoring {threshold:.2f} or more; --all shows the best candidates anyway)" if threshold > 0 else "    (no match)")
    for rank, m in enumerate(matches, 1):
        fc, ev = m.factcheck, m.evidence
        lines.append(f"  {rank}. {m.score:.3f}  [{fc.verdict}] {fc.claim}")
        lines.append(f"       {fc.rating or 'no rating'} · {fc.publisher or 'unknown publisher'} · {fc.url or fc.id}")
        cos = ", ".join(f"{k.removeprefix('cosine_')} cosine {ev[k]:.2f}" for k in ("cosine_accurate", "cosine_fast") if k in ev)
        lines.append(f"       shared: {', '.join(ev['shared_terms']) or '-'}; lexical {ev['lexical']:.2f}{'; ' + cos if cos else ''}")
        if "query_sentence" in ev:
            lines.append(f"       via the sentence: {ev['query_sentence']}")
    return lines


def render_matches(fmt: str, results: Iterable[tuple[str, str, Sequence[Any]]], threshold: float = 0.0) -> Iterator[str]:
    """The lines of ``factchecks match`` for (query id, text, matches) results, in any of :data:`MATCH_FORMATS`."""
    if fmt in ("trec", TEXT):
        for qid, text, matches in results:
            yield from match_lines(fmt, qid, text, matches, threshold)
    elif fmt == CSV:
        rows = ((qid, rank, m) for qid, _text, matches in results for rank, m in enumerate(matches, 1))
        yield from render(CSV, rows, MATCH_ROW_VIEW)
    else:
        yield from render(fmt, results, MATCH_VIEW, single=False)


def _match_row(item: tuple[str, int, Any]) -> dict[str, Any]:
    qid, rank, m = item
    return {"query": qid, "rank": rank, **{k: v for k, v in m.to_dict().items() if k != "evidence"}}


MATCH_VIEW = View(record=lambda r: {"id": r[0], "text": r[1], "matches": [m.to_dict() for m in r[2]]}, text=lambda r: "")
MATCH_ROW_VIEW = View(record=_match_row, text=lambda r: "", columns=MATCH_COLUMNS)

FACTCHECK_VIEW = View(
    record=lambda fc: {"id": fc.id, "verdict": fc.verdict, "rating": fc.rating, "publisher": fc.publisher, "date": fc.date, "url": fc.url,
                       "language": fc.language, "claim": fc.claim},
    text=lambda fc: factcheck_line(fc),
    columns=("id", "verdict", "rating", "publisher", "date", "url", "language", "claim"),
)


def factcheck_line(fc: Any) -> str:
    """One imported fact-check on a line: id, verdict, publisher, claim."""
    return f"{fc.id:<24} {fc.verdict:<12} {(fc.publisher or '-')[:20]:<20} {fc.claim[:90]}"
