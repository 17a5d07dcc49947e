"""The facade over exporting the store as tables: articles, claims, edges, stories.

>>> import tempfile, os
>>> from newstrail.api.articles import analyze
>>> from newstrail.core.config import Settings
>>> folder = tempfile.mkdtemp()
>>> path = os.path.join(folder, "a.txt")
>>> _ = open(path, "w").write("Pier 9 Closes\\n\\nThe harbor council voted on Monday to close Pier 9 for repairs.")
>>> settings = Settings(db=os.path.join(folder, "t.db"), detect_language=False)
>>> _ = list(analyze([path], settings))
>>> [(w.table, w.rows) for w in export_tables(settings, os.path.join(folder, "out"), "csv")]
[('articles', 1), ('claims', 1), ('edges', 0), ('stories', 1)]
"""

from __future__ import annotations

import os

from newstrail.api.session import StoreLike, opened
from newstrail.core.errors import ConfigError
from newstrail.core.progress import Progress, counter
from newstrail.corpus import Corpus
from newstrail.report.export import EXPORT_FORMATS, TableWriter, Written, article_row, claim_rows, trace_rows
from newstrail.store import Store


def export_tables(where: StoreLike, folder: str | os.PathLike[str], fmt: str = "jsonl", progress: Progress | None = None) -> list[Written]:
    """Write the store as four tables to ``folder`` (made if missing; the tables' files are
    replaced): ``articles``, ``claims``, ``edges``, ``stories`` in ``fmt`` (jsonl, csv,
    parquet), columns as :data:`newstrail.report.export.TABLES` lists them. Edges and
    stories come from each story's trace, as ``newstrail trace`` builds it; a story of
    one article has no edges and is its own origin. ``progress`` hears of the articles
    written, then of the stories traced."""
    if fmt not in EXPORT_FORMATS:
        raise ConfigError(f"export format {fmt!r} unknown; use one of {', '.join(EXPORT_FORMATS)}")
    out = os.fspath(folder)
    if os.path.exists(out) and not os.path.isdir(out):
        raise ConfigError(f"{out}: is a file; give a folder for the exported tables (--out DIR)")
    os.makedirs(out, exist_ok=True)
    with opened(where) as store:
        return [*_articles(store, out, fmt, progress), *_stories(store, out, fmt, progress)]


def _articles(store: Store, out: str, fmt: str, progress: Progress | None) -> list[Written]:
    articles, claims = TableWriter(out, "articles", fmt), TableWriter(out, "claims", fmt)
    step = counter(progress, "articles exported", store.articles.count())
    for article in store.articles.iter_articles():
        articles.write([article_row(article)])
        claims.write(claim_rows(article))
        step()
    return [articles.close(), claims.close()]


def _stories(store: Store, out: str, fmt: str, progress: Progress | None) -> list[Written]:
    edges, stories = TableWriter(out, "edges", fmt), TableWriter(out, "stories", fmt)
    ids = store.links.story_ids()
    known = store.links.stories(ids)
    corpus = Corpus(store)
    step = counter(progress, "stories traced", len(ids))
    for start in range(0, len(ids), 200):
        chunk = ids[start : start + 200]
        heads = store.links.headlines(chunk)
        for story in chunk:
            info = known[story]
            first, headline = heads.get(story, (None, None))
            if info.size > 1:
                rows, row = trace_rows(corpus.trace(story=story).to_dict(), headline, first)
                edges.write(rows)
            else:
                row = {"id": story, "size": info.size, "headline": headline, "article": first,
                       "origins": first, "external_origins": "", "amplifiers": "", "laundering": 0}
            row.update(first=info.first_seen, last=info.last_seen)  # as `newstrail stories` shows them
            stories.write([row])
            step()
    return [edges.close(), stories.close()]
