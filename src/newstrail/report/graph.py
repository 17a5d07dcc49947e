"""A trace as a graph file for analysts' tools: Graphviz DOT and GraphML.

Both read the JSON form of a trace (``Trace.to_dict()``): nodes are the articles
and the outside outlets credited (``external:<Outlet>``), edges the copy links
``from -> to`` (B took from A) with their kinds and confidence; shared quotations
are undirected edges of kind ``shared quotation``. Node and edge attributes are
the same in both: ``outlet``, ``published``, ``title``, ``language``, ``role``,
``laundering``, ``external``; ``kinds``, ``confidence``.

>>> t = {"story": "s", "articles": [{"id": "a", "outlet": 'The "Lantern"', "title": "Pier", "role": "origin"}],
...      "edges": [{"from": "external:Bay Wire", "to": "a", "kinds": ["attribution"], "confidence": 0.9}]}
>>> print(trace_dot(t), end="")  # doctest: +ELLIPSIS
digraph "s" {
  rankdir=LR;
  "a" [label="The \\"Lantern\\"\\nPier", outlet="The \\"Lantern\\"", ...];
  "external:Bay Wire" [label="Bay Wire\\n(outside the corpus)", ..., external="true", shape=box, style=dashed];
  "external:Bay Wire" -> "a" [kinds="attribution", confidence="0.900", ...];
}
"""

from __future__ import annotations

import re
from typing import Any
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from newstrail.report.timeline import edge_style

NODE_KEYS = ("outlet", "published", "title", "language", "role", "laundering", "external")
EDGE_KEYS = ("kinds", "confidence")


def _nodes(trace: dict[str, Any]) -> list[tuple[str, dict[str, str]]]:
    laundered = {x["article"] for x in trace.get("laundering", [])}
    nodes = [(a["id"], {"outlet": a.get("outlet") or "", "published": a.get("published") or "", "title": a.get("title") or "",
                        "language": a.get("language") or "", "role": a.get("role") or "", "laundering": str(a["id"] in laundered).lower(),
                        "external": "false"}) for a in trace["articles"]]
    known = {n for n, _ in nodes}
    outside = set(trace.get("external_origins", [])) | {n for e in trace["edges"] for n in (e["from"], e["to"])}
    for node in sorted(outside - known):
        nodes.append((node, {"outlet": node.removeprefix("external:"), "published": "", "title": "", "language": "", "role": "",
                             "laundering": "false", "external": "true"}))
    return nodes


def _edges(trace: dict[str, Any]) -> list[tuple[str, str, dict[str, str], bool]]:
    """(from, to, attributes, directed) for every copy link, then every shared quotation."""
    out = [(e["from"], e["to"], {"kinds": ",".join(e["kinds"]), "confidence": f"{e.get('confidence', 0.0):.3f}"}, True) for e in trace["edges"]]
    out += [(q["a"], q["b"], {"kinds": "shared quotation", "confidence": ""}, False) for q in trace.get("shares_quote", [])]
    return out


def _dot(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def trace_dot(trace: dict[str, Any]) -> str:
    """The trace as a Graphviz digraph (``dot -Tsvg``): outside outlets as dashed boxes, edges coloured by kind."""
    lines = [f"digraph {_dot(str(trace.get('story', 'story')))} {{", "  rankdir=LR;"]
    for node, attrs in _nodes(trace):
        external = attrs["external"] == "true"
        label = f"{attrs['outlet']}\n(outside the corpus)" if external else f"{attrs['outlet'] or node}\n{attrs['title']}"
        extra = ", shape=box, style=dashed" if external else (", penwidth=3" if attrs["role"] == "origin" else "")
        fields = ", ".join(f"{k}={_dot(v)}" for k, v in attrs.items())
        lines.append(f"  {_dot(node)} [label={_dot(label)}, {fields}{extra}];")
    for a, b, attrs, directed in _edges(trace):
        _kind, _label, colour, dash, _width = edge_style(attrs["kinds"].split(","))
        style = "dashed" if dash else "solid"
        fields = ", ".join(f"{k}={_dot(v)}" for k, v in attrs.items())
        arrow = "" if directed else ", dir=none"
        lines.append(f"  {_dot(a)} -> {_dot(b)} [{fields}, color={_dot(colour)}, style={style}{arrow}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _xml(value: str) -> str:
    """Text for an XML element: escaped, and without the control characters XML 1.0 forbids."""
    return xml_escape(re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", value))


def trace_graphml(trace: dict[str, Any]) -> str:
    """The trace as GraphML (Gephi, yEd, networkx ``read_graphml``); every attribute a string key."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">']
    out += [f'  <key id="n_{k}" for="node" attr.name="{k}" attr.type="string"/>' for k in NODE_KEYS]
    out += [f'  <key id="e_{k}" for="edge" attr.name="{k}" attr.type="string"/>' for k in (*EDGE_KEYS, "directed")]
    out.append(f'  <graph id={quoteattr(str(trace.get("story", "story")))} edgedefault="directed">')
    for node, attrs in _nodes(trace):
        data = "".join(f'<data key="n_{k}">{_xml(v)}</data>' for k, v in attrs.items())
        out.append(f"    <node id={quoteattr(_xml(node))}>{data}</node>")
    for i, (a, b, attrs, directed) in enumerate(_edges(trace)):
        data = "".join(f'<data key="e_{k}">{_xml(v)}</data>' for k, v in {**attrs, "directed": str(directed).lower()}.items())
        out.append(f'    <edge id="e{i}" source={quoteattr(_xml(a))} target={quoteattr(_xml(b))}>{data}</edge>')
    out += ["  </graph>", "</graphml>"]
    return "\n".join(out) + "\n"
