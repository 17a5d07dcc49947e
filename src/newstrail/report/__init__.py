"""Renderings of articles and results: JSON records and terminal text."""

from __future__ import annotations

from newstrail.report.json import article_record, to_json
from newstrail.report.text import render_article, summary_line
from newstrail.report.trace import render_trace

__all__ = ["article_record", "render_article", "render_trace", "summary_line", "to_json"]
