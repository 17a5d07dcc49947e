"""Every rendering of articles and results: JSON records and terminal text."""

from __future__ import annotations

from newstrail.report.claims import render_claims, score_line
from newstrail.report.json import article_record, to_json
from newstrail.report.profile import render_profile
from newstrail.report.ratings import render_ratings, render_trace_ratings
from newstrail.report.rhetoric import render_rhetoric, rhetoric_lines
from newstrail.report.text import render_article, summary_line
from newstrail.report.trace import render_trace

__all__ = [
    "article_record",
    "render_article",
    "render_claims",
    "render_profile",
    "render_ratings",
    "render_rhetoric",
    "render_trace",
    "render_trace_ratings",
    "rhetoric_lines",
    "score_line",
    "summary_line",
    "to_json",
]
