"""The facade over reports: an article's report, and report files written to a folder.

A folder of reports links its files to each other (an article to its story, a
story to its articles, the index to both) and never to a file it did not write.
What is written: an article's report with its story's; a story's with its
articles'; everything, with an index, for ``everything=True``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newstrail.api.articles import ensure_claims, ensure_rhetoric
from newstrail.api.session import StoreLike, opened, settings_of
from newstrail.core.config import Settings
from newstrail.core.article import Article
from newstrail.core.errors import ConfigError
from newstrail.core.progress import Progress, counter
from newstrail.corpus import Corpus
from newstrail.ratings.annotate import Ratings
from newstrail.report.html import ALONE, Hrefs, file_name, headline, render_article_html, render_index_html, render_story_html, story_summary
from newstrail.report.json import article_record, to_json
from newstrail.report.markdown import render_article_md, render_index_md, render_story_md
from newstrail.store import Store

#: report formats and their file extensions
FORMATS = {"html": "html", "md": "md", "json": "json"}


@dataclass
class ArticleReport:
    """What an article's report shows: the article (rhetoric found now when not stored), its outlet's ratings, its story."""

    article: Article
    ratings: list[dict[str, Any]]
    story: dict[str, Any] | None
    rhetoric_computed: bool = False

    @property
    def rhetoric_note(self) -> str:
        return "rhetoric found for this report, not stored" if self.rhetoric_computed else ""

    def html(self, hrefs: Hrefs = ALONE, page: bool = True) -> str:
        return render_article_html(self.article, self.ratings, self.story, hrefs, page, self.rhetoric_note)

    def markdown(self, hrefs: Hrefs = ALONE) -> str:
        return render_article_md(self.article, self.ratings, self.story, hrefs, self.rhetoric_note)

    def to_dict(self) -> dict[str, Any]:
        return {**article_record(self.article), "source_ratings": self.ratings, "story_summary": self.story, "rhetoric_computed": self.rhetoric_computed}


class _Reader:
    """Reads what reports need from one open store, each story's trace once."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store, self.corpus, self.ratings = store, Corpus(store), Ratings(store)
        # the check-worthiness model and span finder of what is found on the fly
        self.model_kind, self.spans = settings.claims_model, settings.rhetoric_spans
        self.traces: dict[str, dict[str, Any]] = {}

    def story_size(self, story: str | None) -> int:
        info = self.store.links.stories([story]).get(story) if story else None
        return info.size if info is not None else 0

    def trace(self, story: str | None = None, article: str | None = None) -> dict[str, Any]:
        """The story's trace with ratings, and on each article the fact-checks its claims match."""
        key = story or self.corpus.story_of(article or "")
        if key not in self.traces:
            trace = self.ratings.add_to_trace(self.corpus.trace(story=key).to_dict())
            self.traces[key] = add_claim_factchecks(trace, self.store)
        return self.traces[key]

    def article(self, key: str) -> ArticleReport:
        article = self.store.articles.find(key)
        ensure_claims(article, self.model_kind)  # stored without the claims stage: scored now, as `newstrail claims` does
        article, computed = ensure_rhetoric(article, self.spans)
        story = story_summary(self.trace(article.story), article.id) if article.story and self.story_size(article.story) >= 2 else None
        return ArticleReport(article, self.ratings.for_article(article), story, computed)


def add_claim_factchecks(trace: dict[str, Any], store: Store) -> dict[str, Any]:
    """Give each article of ``trace`` the fact-checks its claims match (``claims_factchecked``: one
    ``{"factcheck", "rating", "verdict"}`` per fact-check), so the story report marks them. Adds keys only."""
    found: dict[str, dict[str, dict[str, Any]]] = {}
    for m in store.articles.claim_matches([a["id"] for a in trace["articles"]]):
        if m.factcheck:
            found.setdefault(m.article, {}).setdefault(m.factcheck, {"factcheck": m.factcheck, "rating": m.rating, "verdict": m.verdict})
    for entry in trace["articles"]:
        entry["claims_factchecked"] = list(found.get(entry["id"], {}).values())
    return trace


def story_report(where: StoreLike, story: str | None = None, article: str | None = None) -> dict[str, Any]:
    """The trace a story report draws: ``trace(...).to_dict()`` (ratings included) with each article's
    matched fact-checks added (see :func:`add_claim_factchecks`); give ``story`` or an ``article`` of it."""
    with opened(where) as store:
        return _Reader(store, settings_of(where)).trace(story, article)


def article_report(where: StoreLike, key: str) -> ArticleReport:
    """The report of one stored article (id, id prefix or URL)."""
    with opened(where) as store:
        return _Reader(store, settings_of(where)).article(key)


@dataclass
class WrittenReports:
    """Report files written to ``folder``: ``main`` is the one to open first."""

    folder: Path
    files: list[Path] = field(default_factory=list)
    articles: int = 0
    stories: int = 0
    main: Path | None = None
    #: the story with the most hidden sources (then the most articles)
    best_story: Path | None = None


def _hrefs(articles: set[str], stories: set[str], ext: str, index: bool) -> Hrefs:
    return Hrefs(article=lambda key: file_name("article", key, ext) if key in articles else None,
                 story=lambda key: file_name("story", key, ext) if key in stories else None,
                 index=f"index.{ext}" if index else None)


def _chosen(reader: _Reader, articles: Iterable[str], stories: Iterable[str], everything: bool) -> tuple[list[str], list[str]]:
    """(article ids, story ids) to write: the given ones, each article's story and each story's articles."""
    store = reader.store

    def sizes(ids: Iterable[str | None]) -> dict[str, int]:
        # one query for all the stories, not one per story (a corpus holds thousands)
        return {key: info.size for key, info in store.links.stories([s for s in ids if s]).items()}

    if everything:
        every = store.links.story_ids()
        known_sizes = sizes(every)
        return [a.id for a in store.articles.iter_articles()], [s for s in every if known_sizes.get(s, 0) >= 2]
    article_ids = [store.articles.find(key).id for key in articles]
    story_ids = list(dict.fromkeys(stories))
    given_sizes = sizes(story_ids)
    for story in story_ids:
        if not given_sizes.get(story):
            raise ConfigError(f"no story {story!r} in the store; 'newstrail stories' lists them")
    known = list(dict.fromkeys(s for s in store.links.stories_of(article_ids).values() if s and s not in story_ids))
    known_sizes = sizes(known)
    story_ids += [s for s in known if known_sizes.get(s, 0) >= 2]
    for story in story_ids:
        article_ids += [a for a in store.links.story_members(story) if a not in article_ids]
    return list(dict.fromkeys(article_ids)), story_ids


def write_reports(where: StoreLike, out: str | os.PathLike[str], articles: Iterable[str] = (), stories: Iterable[str] = (),
                  everything: bool = False, fmt: str = "html", index: bool | None = None,
                  on_file: Callable[[Path], None] | None = None, progress: Progress | None = None) -> WrittenReports:
    """Write the reports of ``articles`` and ``stories`` (ids, prefixes or URLs; see the module) to the folder ``out``.

    ``fmt`` is ``html``, ``md`` or ``json``; ``index`` (default: with ``everything``
    or several stories) adds ``index.<ext>``; ``on_file`` is called with each path written;
    ``progress`` hears of each report written ("reports").
    """
    if fmt not in FORMATS:
        raise ConfigError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")
    ext, folder = FORMATS[fmt], Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    result = WrittenReports(folder)
    with opened(where) as store:
        reader = _Reader(store, settings_of(where))
        article_ids, story_ids = _chosen(reader, articles, stories, everything)
        with_index = index if index is not None else (everything or len(story_ids) > 1)
        hrefs = _hrefs(set(article_ids), set(story_ids), ext, with_index)
        step = counter(progress, "reports", len(story_ids) + len(article_ids))

        def write(name: str, text: str) -> Path:
            path = folder / name
            path.write_text(text, encoding="utf-8")
            result.files.append(path)
            if on_file is not None:
                on_file(path)
            return path

        index_rows: dict[str, list[dict[str, Any]]] = {"stories": [], "articles": []}
        for story in story_ids:
            trace = reader.trace(story)
            text = render_story_html(trace, hrefs) if fmt == "html" else render_story_md(trace, hrefs) if fmt == "md" else to_json(trace, indent=2) + "\n"
            write(file_name("story", story, ext), text)
            step()
            dates = sorted(a["published"] for a in trace["articles"] if a.get("published"))
            index_rows["stories"].append({"id": story, "size": len(trace["articles"]), "headline": headline(trace), "laundering": len(trace["laundering"]),
                                          "first": dates[0][:10] if dates else None, "last": dates[-1][:10] if dates else None})
        for key in article_ids:
            report = reader.article(key)
            text = report.html(hrefs) if fmt == "html" else report.markdown(hrefs) if fmt == "md" else to_json(report.to_dict(), indent=2) + "\n"
            write(file_name("article", report.article.id, ext), text)
            step()
            a = report.article
            index_rows["articles"].append({"id": a.id, "outlet": a.outlet or a.domain, "published": a.published, "title": a.title})
        result.articles, result.stories = len(article_ids), len(story_ids)
        if index_rows["stories"]:
            best = max(index_rows["stories"], key=lambda s: (s["laundering"], s["size"]))
            result.best_story = folder / file_name("story", best["id"], ext)
        first = folder / file_name("article", index_rows["articles"][0]["id"], ext) if index_rows["articles"] else None
        result.main = _write_index(ext, index_rows, hrefs, write) if with_index else result.best_story or first
    return result


def _write_index(ext: str, rows: dict[str, list[dict[str, Any]]], hrefs: Hrefs, write: Callable[[str, str], Path]) -> Path:
    """The index of the folder: its stories, newest first, and its articles in publishing order."""
    articles = sorted(rows["articles"], key=lambda a: (a["published"] or "~", a["id"]))
    if ext == "html":
        text = render_index_html(rows["stories"], articles, hrefs)
    elif ext == "md":
        text = render_index_md(rows["stories"], articles, hrefs)
    else:
        text = to_json({"stories": rows["stories"], "articles": articles}, indent=2) + "\n"
    return write(f"index.{ext}", text)
