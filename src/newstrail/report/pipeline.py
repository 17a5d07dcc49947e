"""Render a pipeline's description (:meth:`newstrail.analyze.Pipeline.describe`) as text.

>>> print(render_pipeline([{"name": "clean", "requires": ["text"], "assigns": ["text", "links"]}]))
 1. clean  requires text; assigns text, links
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def render_pipeline(stages: Sequence[dict[str, Any]]) -> str:
    """One line per stage, in order: its name, the fields it requires and those it assigns."""
    width = max((len(s["name"]) for s in stages), default=0)
    lines = []
    for number, stage in enumerate(stages, 1):
        assigns = ", ".join(stage["assigns"]) or "nothing (it checks)"
        lines.append(f"{number:>2}. {stage['name']:<{width}}  requires {', '.join(stage['requires']) or 'nothing'}; assigns {assigns}")
    return "\n".join(lines)
