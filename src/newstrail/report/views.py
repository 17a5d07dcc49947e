"""The views of the commands that show one document or a run's articles, composed from the renderers.

Each is a :class:`~newstrail.report.formats.View` (see there for the vocabulary):
``analyze``'s outcomes, ``show``'s article, ``trace``'s story, ``pipeline``'s
stages, and the imported rating lists and outlet profiles of ``sources``.

>>> list(render("csv", [{"name": "clean", "requires": ["text"], "assigns": ["text"]}], PIPELINE_VIEW))
['name,requires,assigns', 'clean,"[""text""]","[""text""]"']
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from newstrail.report.formats import JSON, TEXT, View, render
from newstrail.report.json import article_record, to_json
from newstrail.report.pipeline import render_pipeline
from newstrail.report.profile import render_profile
from newstrail.report.ratings import render_ratings, render_trace_ratings
from newstrail.report.sources import alias_line, rating_list_lines
from newstrail.report.text import render_article, summary_line
from newstrail.report.trace import render_trace

__all__ = ["ALIAS_VIEW", "ANALYSIS_COLUMNS", "PIPELINE_VIEW", "PROFILE_VIEW", "RATING_LIST_VIEW", "SHOW_VIEW", "TRACE_VIEW", "analysis_view", "render", "render_stages"]

#: the CSV columns of ``analyze``: the record's flat fields
ANALYSIS_COLUMNS = ("status", "id", "outlet", "domain", "published", "title", "url", "language", "story", "source")


def analysis_view(record: Callable[[Any], dict[str, Any]]) -> View:
    """``analyze``'s outcomes: the summary line, or ``record(outcome)`` (the full record with source ratings)."""
    return View(record=record, text=lambda outcome: summary_line(outcome.article, outcome.status), columns=ANALYSIS_COLUMNS,
                row=lambda outcome: article_record(outcome.article, outcome.status, only=ANALYSIS_COLUMNS))


SHOW_VIEW = View(record=lambda shown: shown.to_dict(),
                 text=lambda shown: (render_article(shown.article) + "\nSource ratings (from imported lists; each list as given):\n"
                                     + "\n".join(render_ratings(shown.ratings))))

TRACE_VIEW = View(record=lambda trace: trace, text=lambda trace: (render_trace(trace) + render_trace_ratings(trace)).rstrip("\n"))

PIPELINE_VIEW = View(record=lambda stage: stage, text=lambda stage: "", columns=("name", "requires", "assigns"))


def render_stages(fmt: str, stages: list[dict[str, Any]]) -> Iterator[str]:
    """``newstrail pipeline``: numbered lines; json ``{"stages": [...]}`` (as before); a stage a line or row."""
    if fmt == TEXT:
        yield render_pipeline(stages)
    elif fmt == JSON:
        yield to_json({"stages": stages}, indent=2)
    else:
        yield from render(fmt, stages, PIPELINE_VIEW)

RATING_LIST_VIEW = View(record=lambda item: item, text=rating_list_lines,
                        columns=("name", "date", "rows", "layout", "fields", "source", "imported_at"))

ALIAS_VIEW = View(record=lambda row: row, text=alias_line, columns=("alias", "kind", "text", "domain", "note", "source"))

PROFILE_VIEW = View(record=lambda profile: profile, text=lambda profile: render_profile(profile).rstrip("\n"))
