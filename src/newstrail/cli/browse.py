"""`newstrail list` and `newstrail export`: the stored articles, listed or written out as tables."""

from __future__ import annotations

import click

from newstrail import api
from newstrail.cli import DB, FORMAT, _settings, emit, main
from newstrail.cli.progress import QUIET, bars
from newstrail.report.export import EXPORT_FORMATS
from newstrail.report.listing import LIST_VIEW, render


@main.command("list")
@DB
@click.option("--outlet", default=None, help="Only this outlet's articles: its name or domain, any case.")
@click.option("--since", default=None, metavar="DATE", help="Only articles published on or after DATE (2025-03-04, or with a time).")
@click.option("--until", default=None, metavar="DATE", help="Only articles published on or before DATE (a day includes all of it).")
@click.option("--story", default=None, metavar="STORY_ID", help="Only the articles of this story (see 'newstrail stories').")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many articles.")
@FORMAT
@click.pass_context
def list_cmd(ctx: click.Context, db: str | None, outlet: str | None, since: str | None, until: str | None, story: str | None,
             limit: int | None, fmt: str) -> None:
    """List stored articles, newest first (undated last): id, outlet, date, title.

    With --since or --until, undated articles are left out. The records (json,
    jsonl, csv) also hold the domain, URL, story and language.
    """
    found = api.list_articles(_settings(ctx, db=db), outlet=outlet, since=since, until=until, story=story, limit=limit)
    emit(render(fmt, found, LIST_VIEW))
    if fmt == "text" and not found:
        click.echo("no stored article matches", err=True)


@main.command("export")
@DB
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="jsonl", show_default=True,
              help="jsonl: one JSON record a line; csv: a header and flat rows; parquet: Apache Parquet (needs pip install 'newstrail[parquet]').")
@click.option("--out", required=True, type=click.Path(file_okay=False), help="Folder for the tables (made if missing; their files are replaced).")
@QUIET
@click.pass_context
def export_cmd(ctx: click.Context, db: str | None, fmt: str, out: str, quiet: bool) -> None:
    """Write the store as four tables: articles, claims, edges, stories (OUT/TABLE.FORMAT).

    articles: id, url, domain, outlet, title, authors, published, language, story,
    source, words, claims, checkworthy, text. claims: article, sentence, start, end,
    score, checkworthy, text, speaker, attributed_to, factchecks. edges (from each
    story's trace; B took content from A): story, from, to, kinds, confidence.
    stories: id, size, first, last, headline, article, origins, external_origins,
    amplifiers, laundering. Lists are joined with '; '.
    """
    with bars(quiet) as progress:
        written = api.export_tables(_settings(ctx, db=db), out, fmt, progress=progress)
    for table in written:
        click.echo(f"{table.path}: {table.rows} {table.table}")
