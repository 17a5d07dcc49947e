"""`newstrail report`: self-contained reports of articles and stories (HTML, Markdown or JSON) written to a folder."""

from __future__ import annotations

import click

from newstrail import api
from newstrail.cli import DB, _settings, main
from newstrail.cli.progress import QUIET, bars


@main.command("report")
@click.argument("key", required=False)
@click.option("--story", "story", default=None, help="Report this story (and its articles) instead of an article.")
@click.option("--all", "everything", is_flag=True, help="Report every stored article and every story of two or more, with an index.")
@click.option("--out", default="newstrail-reports", show_default=True, help="Folder to write the reports to (made if missing; files of the same name are replaced).")
@click.option("--format", "fmt", type=click.Choice(["html", "md", "json"]), default="html", show_default=True,
              help="html: self-contained pages (inline CSS and SVG, no network); md: Markdown; json: the records behind them.")
@DB
@QUIET
@click.pass_context
def report_cmd(ctx: click.Context, key: str | None, story: str | None, everything: bool, out: str, fmt: str, db: str | None, quiet: bool) -> None:
    """Write the report of an article (KEY: id, id prefix or URL) with its story's, of a story with its articles', or of everything.

    \b
    newstrail report s1-copy5 --out reports/
    newstrail report --story story-d5c13e98034fc2e5 --format md
    newstrail report --all --out reports/ && open reports/index.html
    """
    if sum(bool(x) for x in (key, story, everything)) != 1:
        raise click.UsageError("give one of: an article id or URL, --story STORY_ID, --all")
    with bars(quiet) as progress:
        written = api.write_reports(_settings(ctx, db=db), out, articles=[key] if key else [], stories=[story] if story else [],
                                    everything=everything, fmt=fmt, progress=progress)
    click.echo(f"{written.articles} article report(s), {written.stories} story report(s) written to {written.folder}/")
    if written.main is not None:
        click.echo(f"Open: {written.main}")
