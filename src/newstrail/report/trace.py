"""A provenance trace drawn for a terminal: the chain as a tree, its evidence, its mutations.

Reads the JSON form of a trace (``Trace.to_dict()``), so what the terminal shows
and what tools read cannot drift apart.
"""

from __future__ import annotations

import textwrap
from typing import Any

from newstrail.core.dates import day_of, sort_key


def _label(node: str, articles: dict[str, dict[str, Any]]) -> str:
    if node not in articles:
        return f"{node}  (outside the corpus)"
    a = articles[node]
    date = day_of(a.get("published")) or "no date"
    return f"{date:<10}  {node}  {a.get('outlet') or '?'}: {textwrap.shorten(a.get('title') or '', 70)}"


def _evidence_lines(edge: dict[str, Any], indent: str) -> list[str]:
    lines = [f"{indent}{', '.join(edge['kinds'])}  (confidence {edge['confidence']:.2f})"]
    shown = set()
    for ev in edge["evidence"]:
        kind = ev["kind"]
        if kind in shown and kind in ("reuse", "quote"):
            continue
        shown.add(kind)
        if kind == "attribution":
            text = ev.get("text") or ""
            lines.append(f"{indent}  credit ({ev.get('cue')}): {textwrap.shorten(text, 90)}")
        elif kind == "hyperlink":
            lines.append(f"{indent}  link: {ev.get('anchor')} -> {ev.get('url')}")
        elif kind in ("reuse", "quote") and ev.get("words"):
            words = sum(e.get("words", 0) for e in edge["evidence"] if e["kind"] == kind)
            label = "shared text" if kind == "reuse" else "shared quotation"
            lines.append(f"{indent}  {label}, {words} words: \"{textwrap.shorten(ev.get('text', ''), 80)}\"")
    return lines


def render_trace(trace: dict[str, Any]) -> str:
    """The trace as text: a tree from each origin, then laundering and mutations."""
    articles = {a["id"]: a for a in trace["articles"]}
    children: dict[str, list[dict[str, Any]]] = {}
    for edge in trace["edges"]:
        children.setdefault(edge["from"], []).append(edge)
    dates = [d for d in (day_of(a.get("published")) for a in trace["articles"]) if d]
    span = f" · {min(dates)} to {max(dates)}" if dates else ""
    out = [f"Story {trace['story']} · {len(articles)} article(s){span}", ""]
    drawn: set[str] = set()

    def draw(node: str, depth: int) -> None:
        pad = "    " * depth
        again = node in drawn
        out.append(f"{pad}{'└─▶ ' if depth else ''}{_label(node, articles)}{'  (shown above)' if again else ''}")
        if again:
            return
        drawn.add(node)
        for edge in sorted(children.get(node, []), key=lambda e: (sort_key(articles.get(e["to"], {}).get("published")), e["to"])):
            out.extend(_evidence_lines(edge, pad + "      "))
            draw(edge["to"], depth + 1)

    for origin in trace["origins"]:
        draw(origin, 0)
    # outside outlets credited further down the chain, then anything still unshown
    fed = {edge["to"] for edge in trace["edges"]}
    for node in [*sorted({e["from"] for e in trace["edges"]} - fed), *articles]:
        if node not in drawn:
            draw(node, 0)
    out.append("")
    out.append("Origins: " + (", ".join(trace["origins"]) or "none found"))
    if trace.get("amplifiers"):
        out.append("Amplifiers: " + ", ".join(trace["amplifiers"]))
    if trace["laundering"]:
        out.append("")
        out.append("Hidden sources (credits one outlet, text comes from another):")
        for item in trace["laundering"]:
            source = articles.get(item["actually_from"], {}).get("outlet") or item["actually_from"]
            out.append(f"  {item['article']} credits {item['cites']}, but its text comes from {item['actually_from']} ({source})")
    if trace.get("factchecks"):
        out.append("")
        out.append("Fact-checks in this story (imported ClaimReview records published at these articles):")
        for review in trace["factchecks"]:
            who = f" ({review['publisher']})" if review.get("publisher") else ""
            out.append(f"  {review['article']}{who} rates \"{textwrap.shorten(review['claim'], 90)}\": {review.get('rating') or review['verdict']}")
    if trace.get("related"):
        out.append("")
        out.append("Told apart (no copying found; the leads tell the same story):")
        for pair in trace["related"]:
            shared = f"; both name {', '.join(pair['shared'][:6])}" if pair["shared"] else ""
            out.append(f"  {pair['a']} and {pair['b']}: lead similarity {pair['similarity']:.2f}{shared}")
    if trace["mutations"]:
        out.append("")
        out.append("Mutations:")
        for m in trace["mutations"]:
            where = f"{m['edge']['from']} -> {m['edge']['to']}" if "edge" in m else m.get("article", "")
            detail = f"  [{m['detail']}]" if m.get("detail") else ""
            out.append(f"  {m['type']:<8} {where}{detail}")
            out.append(f"           was: {textwrap.shorten(m['from_text'] or '(nothing)', 100)}")
            out.append(f"           now: {textwrap.shorten(m['to_text'] or '(nothing)', 100)}")
    return "\n".join(out) + "\n"
