"""Source ratings as text: under an article, under a trace, one line per list row.

>>> render_ratings([{"list": "watch", "date": None, "site": "lantern.example", "fields": {"rating": "high"}, "via": "site"}])
['  watch (undated) on lantern.example: rating: high']
"""

from __future__ import annotations

from typing import Any


def format_fields(fields: dict[str, Any]) -> str:
    """A list row's fields on one line, as the list gives them."""
    return "; ".join(f"{k}: {v}" for k, v in fields.items()) or "(no fields)"


def render_ratings(ratings: list[dict[str, Any]], indent: str = "  ") -> list[str]:
    """Text lines for a list of ratings, one per list row, never merged."""
    if not ratings:
        return [f"{indent}(no imported list rates this site)"]
    lines = []
    for r in ratings:
        via = "" if r["via"] == "site" else f"  [{r['via']}]"
        lines.append(f"{indent}{r['list']} ({r['date'] or 'undated'}) on {r['site']}: {format_fields(r['fields'])}{via}")
    return lines


def render_trace_ratings(trace: dict[str, Any]) -> str:
    """The ratings block printed under a text trace: one entry per outlet of the graph."""
    seen: dict[str, list[dict[str, Any]]] = {}
    for entry in trace["articles"]:
        seen.setdefault(entry.get("outlet") or entry.get("url") or entry["id"], entry.get("ratings", []))
    for entry in trace.get("external_outlets", []):
        seen.setdefault(entry["outlet"] + " (outside the corpus)", entry["ratings"])
    if not any(seen.values()):
        return ""
    lines = ["", "Source ratings (from imported lists; each list as given):"]
    for outlet, ratings in seen.items():
        lines.append(f"  {outlet}")
        lines += render_ratings(ratings, indent="    ")
    return "\n".join(lines) + "\n"
