"""A provenance trace drawn for a terminal: the chain as a tree, its evidence, its mutations.

Reads the JSON form of a trace (``Trace.to_dict()``), so what the terminal shows
and what tools read cannot drift apart.
"""

from __future__ import annotations

import textwrap
from typing import Any

from newstrail.core.dates import day_of, sort_key
from newstrail.report.timeline import ANSWERS


#: characters of a credit sentence shown around the credited name
CREDIT_WINDOW = 140


def _label(node: str, articles: dict[str, dict[str, Any]]) -> str:
    if node not in articles:
        return f"{node}  (outside the corpus)"
    a = articles[node]
    date = day_of(a.get("published")) or "no date"
    role = f"  [{a['role']}]" if a.get("role") in ANSWERS else ""
    return f"{date:<10}  {node}  {a.get('outlet') or '?'}: {textwrap.shorten(a.get('title') or '', 70)}{role}"


def credit_excerpt(text: str, name: str | None, width: int = CREDIT_WINDOW) -> str:
    """The credit sentence cut to ``width`` characters around the credited name, so
    the name always shows.

    >>> credit_excerpt("x " * 100 + "as Tallow Wire first reported on Monday", "Tallow Wire", 40)
    '[...] x x x x x as Tallow Wire first reported [...]'
    """
    text = " ".join((text or "").split())
    if len(text) <= width:
        return text
    at = text.lower().find((name or "").lower()) if name else -1
    if at < 0:
        return textwrap.shorten(text, width)
    start = max(0, min(at - (width - len(name or "")) // 2, len(text) - width))
    cut = text[start : start + width]
    return ("[...] " if start else "") + cut.strip() + (" [...]" if start + width < len(text) else "")


def evidence_lines(edge: dict[str, Any]) -> list[str]:
    """The evidence of an edge, one line per kind: the credit cut around the name, the link, the shared text.

    >>> evidence_lines({"evidence": [{"kind": "hyperlink", "anchor": "Lantern", "url": "https://lantern.example/a"}]})
    ['link: Lantern -> https://lantern.example/a']
    """
    lines = []
    shown = set()
    for ev in edge["evidence"]:
        kind = ev["kind"]
        if kind in shown and kind in ("reuse", "quote"):
            continue
        shown.add(kind)
        if kind == "attribution":
            lines.append(f"credit ({ev.get('cue')}): {credit_excerpt(ev.get('text') or '', ev.get('name'))}")
        elif kind == "hyperlink":
            lines.append(f"link: {ev.get('anchor')} -> {ev.get('url')}")
        elif kind in ("reuse", "quote") and ev.get("words"):
            words = sum(e.get("words", 0) for e in edge["evidence"] if e["kind"] == kind)
            label = "shared text" if kind == "reuse" else "shared quotation"
            lines.append(f"{label}, {words} words: \"{textwrap.shorten(ev.get('text', ''), 80)}\"")
    return lines


def _evidence_lines(edge: dict[str, Any], indent: str) -> list[str]:
    lines = [f"{', '.join(edge['kinds'])}  (confidence {edge['confidence']:.2f})"] + [f"  {line}" for line in evidence_lines(edge)]
    return [indent + line for line in lines]


def render_trace(trace: dict[str, Any]) -> str:
    """The trace as text: a tree of copy links from each origin (each child with the
    evidence of its link beneath it), then who answers the claim, the quotations shared
    without copying, laundering and mutations."""
    articles = {a["id"]: a for a in trace["articles"]}
    children: dict[str, list[dict[str, Any]]] = {}
    for edge in trace["edges"]:
        children.setdefault(edge["from"], []).append(edge)
    dates = [d for d in (day_of(a.get("published")) for a in trace["articles"]) if d]
    span = f" · {min(dates)} to {max(dates)}" if dates else ""
    out = [f"Story {trace['story']} · {len(articles)} article(s){span}", ""]
    drawn: set[str] = set()

    def draw(node: str, depth: int, edge: dict[str, Any] | None = None) -> None:
        pad = "    " * depth
        again = node in drawn
        out.append(f"{pad}{'└─▶ ' if depth else ''}{_label(node, articles)}{'  (shown above)' if again else ''}")
        if edge is not None:  # how this child took from its parent, under the child
            out.extend(_evidence_lines(edge, pad + "      "))
        if again:
            return
        drawn.add(node)
        for child in sorted(children.get(node, []), key=lambda e: (sort_key(articles.get(e["to"], {}).get("published")), e["to"])):
            draw(child["to"], depth + 1, child)

    for origin in trace["origins"]:
        draw(origin, 0)
    # outside outlets credited in the story, then anything still unshown
    for node in [*trace.get("external_origins", []), *articles]:
        if node not in drawn:
            draw(node, 0)
    out += _summary_lines(trace, articles)
    return "\n".join(out) + "\n"


def _summary_lines(trace: dict[str, Any], articles: dict[str, dict[str, Any]]) -> list[str]:
    """Origins, roles and the lists under the tree."""
    out: list[str] = []
    out.append("")
    outside = trace.get("external_origins", [])
    origins = ", ".join(trace["origins"]) or "none found in the corpus"
    out.append("Origins: " + origins + (f"; credited outside the corpus (candidates): {', '.join(outside)}" if outside else ""))
    if trace.get("amplifiers"):
        out.append("Amplifiers: " + ", ".join(trace["amplifiers"]))
    roles = trace.get("roles", {})
    answers = [f"{n} ({r})" for n, r in roles.items() if r in ANSWERS]
    if answers:
        out.append("Answering the claim (not amplifiers): " + ", ".join(answers))
    apart = [n for n, r in roles.items() if r == "independent"]
    if apart:
        out.append("Told independently (no corpus article feeds them): " + ", ".join(apart))
    if trace.get("shares_quote"):
        out.append("")
        out.append("Shared quotations (no copying: both quote the same words):")
        for pair in trace["shares_quote"]:
            out.append(f"  {pair['b']} shares a quotation with {pair['a']}, {pair['words']} words: \"{textwrap.shorten(pair['text'], 80)}\"")
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
        if trace.get("related_omitted"):
            out.append(f"  ... and {trace['related_omitted']:,} more pairs, not listed (the closest {len(trace['related'])} are)")
    if trace["mutations"]:
        out.append("")
        out.append("Mutations:")
        for m in trace["mutations"]:
            where = f"{m['edge']['from']} -> {m['edge']['to']}" if "edge" in m else m.get("article", "")
            detail = f"  [{m['detail']}]" if m.get("detail") else ""
            out.append(f"  {m['type']:<8} {where}{detail}")
            out.append(f"           was: {textwrap.shorten(m['from_text'] or '(nothing)', 100)}")
            out.append(f"           now: {textwrap.shorten(m['to_text'] or '(nothing)', 100)}")
            if m.get("languages"):
                # across languages: the two original sentences side by side, each with its language
                langs = m["languages"]
                out.append(f"           {langs['from'] or '?'}: {textwrap.shorten(m.get('from_context') or '', 160)}")
                out.append(f"           {langs['to'] or '?'}: {textwrap.shorten(m.get('context') or '', 160)}")
    return out
