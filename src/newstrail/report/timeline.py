"""A story's provenance timeline drawn as SVG: one lane per outlet, articles by publish time.

Reads the JSON form of a trace (``Trace.to_dict()``, with or without ratings), so
the picture and what tools read cannot drift apart. Articles are numbered in
publishing order (undated ones last); the same numbers key the story report's
article list. Time runs left to right but is compressed: articles published
within three hours of each other in different lanes share a column (a wider
window, up to a day, when that is what it takes to fit a big story on one
screen; a longer one scrolls), and a gap grows with the logarithm of the time between columns, so a
burst of copies in an afternoon and a follow-up a month later both stay readable. Undated articles
stand apart at the right, behind a dashed rule, drawn with dashed rims.

Every string from a trace is escaped: titles and outlet names are article text,
and article text is hostile input.

>>> trace = {"story": "s", "articles": [
...     {"id": "a", "outlet": "Harbor Lantern", "published": "2025-03-04T09:00:00Z", "title": "Pier closes", "role": "origin"},
...     {"id": "b", "outlet": "Bay <Wire>", "published": None, "title": "Pier closes", "role": "amplifier"}],
...     "edges": [{"from": "a", "to": "b", "kinds": ["silent copy"], "evidence": [], "confidence": 0.9}],
...     "origins": ["a"], "laundering": []}
>>> svg = story_timeline_svg(trace)
>>> svg.startswith("<svg") and "Bay &lt;Wire&gt;" in svg and "<Wire>" not in svg
True
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import escape

from newstrail.core.dates import day_of, parse_date, sort_key

#: edge kinds from the strongest evidence of copying to the weakest: an edge is drawn in its first kind's style
EDGE_STYLES: tuple[tuple[str, str, str, str, str], ...] = (
    # kind, legend label, colour, dash pattern, width
    ("translation", "translation", "#7b3fa0", "12 3 3 3", "2.5"),
    ("silent copy", "silent copy (uncredited)", "#c0392b", "8 4", "2.5"),
    ("syndication", "reuse / syndication", "#4a4a4a", "", "3"),
    ("reuse", "reuse / syndication", "#4a4a4a", "", "3"),
    ("attribution", "attribution (credit)", "#1f5fbf", "", "2"),
    ("hyperlink", "hyperlink", "#1f5fbf", "2 4", "2"),
    ("quote", "shared quotation", "#2e8b57", "1 4", "2"),
)
#: articles that answer the claim rather than spread it
ANSWERS = ("fact-check", "debunk", "correction", "denial")
LANE, RADIUS, TOP, LEFT, PAD = 40, 11, 96, 200, 28
#: past this many lanes each is this much narrower, so a story of many outlets stays in view
MANY_LANES, NARROW_LANE = 20, 28
#: what marks an outside source's lane
OUTSIDE = " (outside the corpus)"
#: articles this close in time (seconds) and in different lanes may share a column: the
#: first window of these that keeps the dated columns within FIT_WIDTH pixels is used
#: (wider windows crowd a column with articles that copy each other: past a day, the drawing scrolls)
WINDOWS = (3 * 3600, 6 * 3600, 12 * 3600, 24 * 3600)
FIT_WIDTH, GAP = 1400, 32
#: the legend wraps at this width, so it stays in view when a wide drawing scrolls
LEGEND_WIDTH = 780


def lane_height(lanes: int) -> int:
    """The height of a lane when there are ``lanes``: narrower past :data:`MANY_LANES`."""
    return LANE if lanes <= MANY_LANES else NARROW_LANE


def edge_style(kinds: list[str]) -> tuple[str, str, str, str, str]:
    """The style of an edge with these kinds: its strongest kind's row of :data:`EDGE_STYLES`."""
    for row in EDGE_STYLES:
        if row[0] in kinds:
            return row
    return ("other", "other", "#888888", "", "2")


@dataclass
class Node:
    """An article or an outside source placed on the drawing."""

    id: str
    lane: str
    number: int = 0
    x: float = 0.0
    y: float = 0.0
    entry: dict[str, Any] = field(default_factory=dict)
    external: bool = False
    dated: bool = True


def outlet_of(entry: dict[str, Any]) -> str:
    """The lane an article goes in: its outlet, else its URL's host, else 'unknown outlet'."""
    if entry.get("outlet"):
        return str(entry["outlet"])
    host = re.match(r"https?://([^/]+)", entry.get("url") or "")
    return host.group(1) if host else "unknown outlet"


def numbered(trace: dict[str, Any]) -> list[dict[str, Any]]:
    """The trace's articles in publishing order (undated last, ties by id): the timeline's numbering.

    >>> [a["id"] for a in numbered({"articles": [{"id": "b", "published": None}, {"id": "a", "published": "2025-01-02"}]})]
    ['a', 'b']
    """
    return sorted(trace["articles"], key=lambda a: (sort_key(a.get("published")), a["id"]))


def _externals(trace: dict[str, Any]) -> list[str]:
    found = set(trace.get("external_origins", []))
    for e in trace["edges"]:
        found.update(n for n in (e["from"], e["to"]) if n.startswith("external:"))
    return sorted(found)


def _lanes(nodes: list[Node]) -> list[str]:
    """Lanes top to bottom: outside sources first, then outlets by their first article."""
    order: dict[str, tuple[int, int]] = {}
    for n in nodes:
        order.setdefault(n.lane, (0 if n.external else 1, n.number))
    return sorted(order, key=lambda lane: order[lane])


def _columns(nodes: list[Node], start: float, window: float, linked: set[frozenset[str]]) -> float:
    """Set each dated article's x (compressed time); returns the x of the last column.

    An article joins the current column when it is published within ``window``
    seconds of the column's first article, its lane is free there, and nothing in
    the column is linked to it (an arrow between two articles always runs left to right)."""
    x, column_time, members, last = start, None, [], None
    for n in nodes:
        moment = parse_date(n.entry.get("published"))
        assert moment is not None
        if (column_time is not None and (moment - column_time).total_seconds() <= window
                and all(m.lane != n.lane and frozenset((m.id, n.id)) not in linked for m in members)):
            n.x = x
            members.append(n)
            continue
        if last is not None:
            hours = max(0.0, (moment - last).total_seconds() / 3600)
            x += GAP + min(60.0, 10 * math.log2(1 + hours))
        n.x, column_time, members, last = x, moment, [n], moment
    return x


def layout(trace: dict[str, Any]) -> tuple[list[Node], list[str], float]:
    """Every node placed: (nodes, lanes top to bottom, width of the drawing)."""
    nodes = [Node(a["id"], outlet_of(a), i, entry=a, dated=parse_date(a.get("published")) is not None)
             for i, a in enumerate(numbered(trace), 1)]
    nodes += [Node(x, x.removeprefix("external:") + OUTSIDE, 0, entry={"id": x}, external=True) for x in _externals(trace)]
    lanes = _lanes(nodes)
    x0 = LEFT + PAD + (70 if any(n.external for n in nodes) else 0)
    for n in nodes:
        n.y = TOP + lanes.index(n.lane) * lane_height(len(lanes)) + lane_height(len(lanes)) / 2
        if n.external:
            n.x = LEFT + PAD + 10
    dated = [n for n in nodes if n.dated and not n.external]
    end: float = x0 - 40
    linked = {frozenset((e["from"], e["to"])) for e in trace["edges"]}
    for window in WINDOWS:  # the narrowest window that fits the width, so a big story stays on one screen
        end = _columns(dated, x0, window, linked) if dated else x0 - 40
        if end <= FIT_WIDTH:
            break
    undated = [n for n in nodes if not n.dated and not n.external]
    if undated:
        end += 90
        used: dict[str, int] = {}
        for n in undated:  # as few columns as lanes need
            column = used.get(n.lane, 0)
            used[n.lane] = column + 1
            n.x = end + column * GAP
        end += (max(used.values()) - 1) * GAP
    return nodes, lanes, end + PAD + RADIUS + 60  # room for the last day label


def _edge_path(a: Node, b: Node) -> str:
    """A curve from a's rim to b's rim, its end pulled back so the arrowhead touches b.

    Forward (b later, to the right) it leaves a's right side and enters b's left; in
    one column it bulges to the right; backward (b drawn left of a: an undated parent,
    or a credit to an earlier-drawn article) it leaves a's left side and enters b's
    right, so no arrow loops around the drawing."""
    if b.x > a.x + 1:
        dx = (b.x - a.x) / 3 if a.y == b.y else max(24.0, (b.x - a.x) / 2)
        start, c1, c2 = (a.x + RADIUS, a.y), (a.x + dx, a.y), (b.x - dx, b.y)
    elif b.x >= a.x - 1:
        start, c1, c2 = (a.x + RADIUS, a.y), (a.x + 34, a.y), (b.x + 34, b.y)
    else:
        dx = max(24.0, (a.x - b.x) / 2)
        start, c1, c2 = (a.x - RADIUS, a.y), (a.x - dx, a.y), (b.x + dx, b.y)
    tx, ty = b.x - c2[0], b.y - c2[1]
    norm = math.hypot(tx, ty) or 1.0
    end = (b.x - tx / norm * (RADIUS + 3), b.y - ty / norm * (RADIUS + 3))
    return (f"M{start[0]:.1f},{start[1]:.1f} C{c1[0]:.1f},{c1[1]:.1f} {c2[0]:.1f},{c2[1]:.1f} {end[0]:.1f},{end[1]:.1f}")


def _tooltip(n: Node, trace: dict[str, Any]) -> str:
    if n.external:
        return f"{n.id.removeprefix('external:')}: credited in the story, not in the corpus (a candidate origin)"
    a = n.entry
    flags = [a.get("role") or ""]
    if any(item["article"] == n.id for item in trace.get("laundering", [])):
        flags.append("laundering: credits one outlet, text comes from another")
    for f in a.get("claims_factchecked", []) if a.get("role") not in ANSWERS else []:
        flags.append(f"a claim matches a fact-check rated {f.get('rating') or f.get('verdict') or 'unrated'}")
    date = a.get("published") or "no date"
    return f"{n.number}. {outlet_of(a)} · {date} · {a.get('title') or '(untitled)'} [{', '.join(f for f in flags if f)}]"


def _node_svg(n: Node, trace: dict[str, Any], laundered: set[str], href: Callable[[str], str | None] | None) -> str:
    """One node: a numbered circle styled by role; a box for an outside source."""
    tip = f"<title>{escape(_tooltip(n, trace))}</title>"
    if n.external:
        body = (f'<rect class="tl-ext" x="{n.x - 16:.1f}" y="{n.y - 11:.1f}" width="32" height="22" rx="4"/>'
                f'<text class="tl-num" x="{n.x:.1f}" y="{n.y + 4:.1f}">ext</text>')
        return f'<g class="tl-node">{tip}{body}</g>'
    role = n.entry.get("role") or ""
    classes = ["tl-dot", f"tl-{role}" if role in ("origin", "amplifier", "independent") else ("tl-answer" if role in ANSWERS else "tl-other")]
    if n.id in laundered:
        classes.append("tl-laundering")
    if not n.dated:
        classes.append("tl-undated")
    parts = []
    if role == "origin":
        parts.append(f'<circle class="tl-origin-ring" cx="{n.x:.1f}" cy="{n.y:.1f}" r="{RADIUS + 4}"/>')
    if role in ANSWERS:
        parts.append(f'<rect class="{" ".join(classes)}" x="{n.x - RADIUS:.1f}" y="{n.y - RADIUS:.1f}" width="{2 * RADIUS}" height="{2 * RADIUS}" rx="3"/>')
        parts.append(f'<text class="tl-flag tl-check" x="{n.x + RADIUS + 2:.1f}" y="{n.y - RADIUS + 2:.1f}">✓</text>')
    else:
        parts.append(f'<circle class="{" ".join(classes)}" cx="{n.x:.1f}" cy="{n.y:.1f}" r="{RADIUS}"/>')
    if n.id in laundered:
        parts.append(f'<text class="tl-flag tl-warn" x="{n.x + RADIUS:.1f}" y="{n.y - RADIUS + 2:.1f}">!</text>')
    if n.entry.get("claims_factchecked") and role not in ANSWERS:  # a fact-check matches its own subject
        parts.append(f'<text class="tl-flag tl-checked" x="{n.x + RADIUS - 1:.1f}" y="{n.y + RADIUS + 5:.1f}">✗</text>')
    parts.append(f'<text class="tl-num" x="{n.x:.1f}" y="{n.y + 4:.1f}">{n.number}</text>')
    inner = tip + "".join(parts)
    target = href(n.id) if href is not None else None
    if target:
        return f'<a class="tl-node" href="{escape(target)}">{inner}</a>'
    return f'<g class="tl-node">{inner}</g>'


def _axis(nodes: list[Node], lanes: list[str], width: float) -> list[str]:
    """Lane bands and names, day labels over the columns, the undated zone's rule."""
    out = []
    step = lane_height(len(lanes))
    bottom = TOP + len(lanes) * step
    for i, lane in enumerate(lanes):
        y = TOP + i * step
        out.append(f'<rect class="tl-lane{" tl-lane-alt" if i % 2 else ""}" x="0" y="{y}" width="{width:.1f}" height="{step}"/>')
        name = lane.removesuffix(OUTSIDE)
        shown = name if len(name) <= 30 else name[:29] + "…"
        outside = " tl-outside" if name != lane else ""
        out.append(f'<text class="tl-lane-name{outside}" x="8" y="{y + step / 2 + 4:.1f}"><title>{escape(lane)}</title>{escape(shown)}</text>')
    last_day, last_x = None, None
    for n in sorted((n for n in nodes if n.dated and not n.external), key=lambda n: (n.x, n.number)):
        day = day_of(n.entry.get("published"))
        if day != last_day and n.x != last_x:  # one label a column: its first article's day
            last_x = n.x
            out.append(f'<line class="tl-grid" x1="{n.x:.1f}" y1="{TOP - 4}" x2="{n.x:.1f}" y2="{bottom}"/>')
            out.append(f'<text class="tl-day" transform="translate({n.x + 3:.1f},{TOP - 8}) rotate(-40)">{escape(day or "")}</text>')
            last_day = day
    undated = [n.x for n in nodes if not n.dated and not n.external]
    if undated:
        rule = min(undated) - 45
        out.append(f'<line class="tl-rule" x1="{rule:.1f}" y1="{TOP - 30}" x2="{rule:.1f}" y2="{bottom}"/>')
        out.append(f'<text class="tl-day tl-nodate" x="{rule + 8:.1f}" y="{TOP - 14}">no date</text>')
    if any(n.external for n in nodes):
        out.append(f'<text class="tl-day" x="{LEFT + PAD - 14}" y="{TOP - 14}">outside</text>')
    return out


def _legend(y: float, width: float, prefix: str) -> tuple[list[str], float]:
    """The legend under the lanes, wrapped to the drawing's width; returns (elements, height)."""
    items: list[str] = []
    seen = set()
    for kind, label, colour, dash, stroke in EDGE_STYLES:
        if label in seen:
            continue
        seen.add(label)
        marker = "" if kind == "quote" else f' marker-end="url(#{prefix}-{kind.replace(" ", "-")})"'
        items.append(f'<line x1="0" y1="0" x2="34" y2="0" stroke="{colour}" stroke-width="{stroke}" stroke-dasharray="{dash}"{marker}/>'
                     f'<text class="tl-legend" x="42" y="4">{escape(label)}</text>')
    r = 7
    items += [
        f'<circle class="tl-origin-ring" cx="8" cy="0" r="{r + 3}"/><circle class="tl-dot tl-origin" cx="8" cy="0" r="{r}"/><text class="tl-legend" x="24" y="4">origin</text>',
        f'<circle class="tl-dot tl-amplifier" cx="8" cy="0" r="{r}"/><text class="tl-legend" x="24" y="4">amplifier</text>',
        f'<circle class="tl-dot tl-independent" cx="8" cy="0" r="{r}"/><text class="tl-legend" x="24" y="4">told independently</text>',
        f'<rect class="tl-dot tl-answer" x="1" y="-7" width="14" height="14" rx="2"/><text class="tl-flag tl-check" x="16" y="-2">✓</text><text class="tl-legend" x="30" y="4">fact-check / correction</text>',
        f'<circle class="tl-dot tl-amplifier tl-laundering" cx="8" cy="0" r="{r}"/><text class="tl-flag tl-warn" x="14" y="-4">!</text><text class="tl-legend" x="24" y="4">laundering (hides its source)</text>',
        '<rect class="tl-ext" x="0" y="-8" width="22" height="16" rx="3"/><text class="tl-legend" x="30" y="4">credited outlet outside the corpus</text>',
        f'<circle class="tl-dot tl-amplifier" cx="8" cy="0" r="{r}"/><text class="tl-flag tl-checked" x="13" y="12">✗</text><text class="tl-legend" x="24" y="4">a claim matches a fact-check</text>',
        f'<circle class="tl-dot tl-amplifier tl-undated" cx="8" cy="0" r="{r}"/><text class="tl-legend" x="24" y="4">no publish date</text>',
    ]
    out, x, row, step = [], 10.0, 0, 250
    for item in items:
        if x + step > min(width, LEGEND_WIDTH) and x > 10:
            x, row = 10.0, row + 1
        out.append(f'<g transform="translate({x:.0f},{y + 14 + row * 24:.0f})">{item}</g>')
        x += step
    return out, (row + 1) * 24 + 14


def _defs(prefix: str) -> str:
    markers = []
    for kind, _label, colour, _dash, _stroke in EDGE_STYLES:
        markers.append(f'<marker id="{prefix}-{kind.replace(" ", "-")}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" '
                       f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>')
    return "<defs>" + "".join(markers) + "</defs>"


STYLE = (
    ".tl-lane{fill:#ffffff}.tl-lane-alt{fill:#f3f5f8}.tl-lane-name{font:12px sans-serif;fill:#222}.tl-outside{font-style:italic;fill:#555}"
    ".tl-day{font:11px sans-serif;fill:#555}.tl-nodate{font-style:italic;fill:#8a5a00}.tl-grid{stroke:#d0d5dd;stroke-width:1}"
    ".tl-rule{stroke:#8a5a00;stroke-width:1.5;stroke-dasharray:6 4}"
    ".tl-dot{stroke:#1d3557;stroke-width:1.5;fill:#dbe7f5}.tl-origin{fill:#ffe08a}.tl-independent{fill:#ffffff}"
    ".tl-answer{fill:#cdebd3;stroke:#1e7b3a}.tl-other{fill:#eeeeee}.tl-laundering{fill:#f8d3cf;stroke:#c0392b;stroke-width:2.5}"
    ".tl-undated{stroke-dasharray:3 2;fill-opacity:.6}.tl-origin-ring{fill:none;stroke:#1d3557;stroke-width:2}"
    ".tl-ext{fill:#fff;stroke:#555;stroke-dasharray:4 2;stroke-width:1.5}"
    ".tl-num{font:bold 10px sans-serif;text-anchor:middle;fill:#111}.tl-flag{font:bold 13px sans-serif}"
    ".tl-warn{fill:#c0392b}.tl-checked{fill:#8b1a1a;font-size:12px}.tl-check{fill:#1e7b3a}.tl-legend{font:12px sans-serif;fill:#222}.tl-title{font:bold 13px sans-serif;fill:#222}"
    ".tl-edge{fill:none}.tl-node:hover .tl-dot{stroke-width:3}"
)


def _quote_tip(pair: dict[str, Any]) -> str:
    return f"{pair['b']} shares a quotation with {pair['a']} ({pair.get('words', '?')} words): no copying"


def story_timeline_svg(trace: dict[str, Any], article_href: Callable[[str], str | None] | None = None) -> str:
    """The story's provenance timeline as one self-contained ``<svg>`` element (inline style, no script).

    ``article_href(id)`` gives the link of an article's node (none when omitted).
    """
    prefix = "tl-" + re.sub(r"[^A-Za-z0-9_-]", "-", str(trace.get("story", "story")))
    nodes, lanes, width = layout(trace)
    width = max(width, 780.0)
    by_id = {n.id: n for n in nodes}
    laundered = {item["article"] for item in trace.get("laundering", [])}
    body = _axis(nodes, lanes, width)
    edges = []
    for pair in trace.get("shares_quote", []):
        a, b = by_id.get(pair["a"]), by_id.get(pair["b"])
        if a and b:
            colour, dash = edge_style(["quote"])[2:4]
            edges.append(f'<path class="tl-edge" d="M{a.x:.1f},{a.y:.1f} L{b.x:.1f},{b.y:.1f}" stroke="{colour}" stroke-width="2" stroke-dasharray="{dash}">'
                         f"<title>{escape(_quote_tip(pair))}</title></path>")
    for e in trace["edges"]:
        a, b = by_id.get(e["from"]), by_id.get(e["to"])
        if a is None or b is None:
            continue
        kind, _label, colour, dash, stroke = edge_style(e["kinds"])
        tip = f"{a.number or a.id} → {b.number}: {', '.join(e['kinds'])} (confidence {e.get('confidence', 0):.2f})"
        edges.append(f'<path class="tl-edge" d="{_edge_path(a, b)}" stroke="{colour}" stroke-width="{stroke}" stroke-dasharray="{dash}" '
                     f'marker-end="url(#{prefix}-{kind.replace(" ", "-")})"><title>{escape(tip)}</title></path>')
    dots = [_node_svg(n, trace, laundered, article_href) for n in nodes]
    bottom = TOP + len(lanes) * lane_height(len(lanes))
    legend, legend_height = _legend(bottom + 8, width, prefix)
    height = bottom + 8 + legend_height
    title = f"Story {trace.get('story', '')}: {len(trace['articles'])} article(s) in {len(lanes)} lane(s)"
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="{width:.0f}" height="{height:.0f}" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="{escape(title)}">'
            f"<title>{escape(title)}</title><style>{STYLE}</style>{_defs(prefix)}"
            f'<text class="tl-title" x="8" y="22">{escape(title)}</text>'
            + "".join(body) + "".join(edges) + "".join(dots) + "".join(legend) + "</svg>")
