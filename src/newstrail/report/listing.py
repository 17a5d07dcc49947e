"""Lists of the store for people and for tools: articles (``list``), stories, search hits.

Each is a :class:`~newstrail.report.formats.View` over what the facade returns.

>>> from newstrail.store.rows import SearchHit
>>> list(render("csv", [SearchHit("a1", "Pier", "the [pier] shut", 1.5)], SEARCH_VIEW))
['id,title,snippet,score', 'a1,Pier,the [pier] shut,1.5']
"""

from __future__ import annotations

import dataclasses
from typing import Any

from newstrail.report.formats import View, render

__all__ = ["LIST_VIEW", "SEARCH_VIEW", "STORY_VIEW", "render"]


def _day(value: str | None) -> str:
    return (value or "no date")[:10]


def _listed_text(item: Any) -> str:
    row = item.row
    return f"{row.id:<17} {(row.outlet or row.domain or '-')[:24]:<24} {_day(row.published):<10}  {row.title or '(untitled)'}"


LIST_VIEW = View(record=lambda item: item.to_dict(), text=_listed_text,
                 columns=("id", "outlet", "domain", "published", "title", "url", "story", "language"))


def _story_text(story: Any) -> str:
    dates = f"{_day(story.first)} .. {_day(story.last)}"
    return f"{story.id:<28} {story.size:>4} articles  {dates:<24}  {story.headline or '(untitled)'}"


STORY_VIEW = View(record=lambda story: story.to_dict(), text=_story_text, columns=("id", "size", "first", "last", "headline", "article"))


SEARCH_VIEW = View(record=dataclasses.asdict, text=lambda hit: f"{hit.id}  {hit.title or ''}\n    {hit.snippet}",
                   columns=("id", "title", "snippet", "score"))
