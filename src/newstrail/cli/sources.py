"""`newstrail sources`: outlet identity, imported rating lists and what the corpus shows."""

from __future__ import annotations

import click

from newstrail import api
from newstrail.cli import DB, OK, SOME_FAILED, _echo_list, _settings, emit, format_option, main
from newstrail.report import to_json
from newstrail.report.formats import CSV, JSONL, TEXT, render
from newstrail.report.sources import alias_import_line
from newstrail.report.views import ALIAS_VIEW, PROFILE_VIEW, RATING_LIST_VIEW


@main.group("sources")
def sources_group() -> None:
    """Outlets: rating lists you import, aliases, and what the corpus shows about each."""


@sources_group.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--name", default=None, help="The list's name (default: the file name without its extension). One file only.")
@click.option("--date", default=None, help="The list's date, YYYY-MM-DD (default: the file's modification date).")
@DB
@click.pass_context
def import_cmd(ctx: click.Context, files: tuple[str, ...], name: str | None, date: str | None, db: str | None) -> None:
    """Import source-rating lists: CSV/TSV with a domain column, OpenSources JSON/CSV,
    JSON {domain: fields} or a list of objects, JSON Lines.

    Each list is kept under its name (default: the file name without its
    extension, or with it when two files of one command share a stem), side by
    side with the others; importing a list of the same name again replaces its
    rows. Sites that do not parse are reported with file:line and skipped; the
    exit code is then 1.
    """
    if name and len(files) > 1:
        raise click.UsageError("--name names one list; import several files without it (each takes its file name)")
    imported = api.import_ratings(list(files), _settings(ctx, db=db), name=name, date=date)
    for item in imported:
        _echo_list(item)
    ctx.exit(SOME_FAILED if any(item.failed for item in imported) else OK)


@sources_group.command("aliases")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@DB
@format_option((TEXT, "json", JSONL, CSV))
@click.pass_context
def aliases_cmd(ctx: click.Context, files: tuple[str, ...], db: str | None, fmt: str) -> None:
    """Import alias files (old domain or masthead -> current domain), or list the aliases.

    An alias file is CSV/TSV with 'alias' and 'domain' columns (and an optional
    'note'), or JSON {alias: domain}. A renamed site's old domain and the new one
    are then one outlet; a masthead resolves to its domain. Without FILES, lists
    the stored aliases (--format for the list).
    """
    settings = _settings(ctx, db=db)
    if files:
        for imported in api.import_aliases(list(files), settings):
            for message in imported.found.skipped:
                click.echo(f"error: {message}", err=True)
            click.echo(alias_import_line(imported.path, imported.stored, len(imported.found.skipped)))
        return
    rows = api.aliases(settings)
    emit(render(fmt, rows, ALIAS_VIEW))
    if not rows and fmt == TEXT:
        click.echo("no aliases; import a file with 'newstrail sources aliases FILE'")


@sources_group.command("remove")
@click.argument("name")
@DB
@click.pass_context
def remove_cmd(ctx: click.Context, name: str, db: str | None) -> None:
    """Remove the rating list NAME (as 'newstrail sources list' shows it)."""
    removed = api.remove_rating_list(_settings(ctx, db=db), name)
    click.echo(f"{name}: removed, with its {removed} rows")


@sources_group.command("list")
@DB
@format_option((TEXT, "json", JSONL, CSV), {"json": 'one JSON document, {"lists": [...], "aliases": N}'})
@click.pass_context
def list_cmd(ctx: click.Context, db: str | None, fmt: str) -> None:
    """The imported rating lists: name, date, sites, fields, source file."""
    settings = _settings(ctx, db=db)
    lists, aliases = api.rating_lists(settings), api.aliases(settings)
    if fmt == "json":  # a document with the alias count, as before
        click.echo(to_json({"lists": lists, "aliases": len(aliases)}, indent=2))
        return
    emit(render(fmt, lists, RATING_LIST_VIEW))
    if fmt == TEXT:
        click.echo(f"{len(lists)} list(s), {len(aliases)} alias(es) in {settings.db}")


@sources_group.command("show")
@click.argument("outlet")
@DB
@format_option()
@click.option("--max-stories", default=300, show_default=True, help="Trace at most this many of the outlet's stories (most recent first).")
@click.pass_context
def show_cmd(ctx: click.Context, outlet: str, db: str | None, fmt: str, max_stories: int) -> None:
    """Every rating of an outlet, list by list, and what the corpus shows about it.

    OUTLET is a domain, a URL, an old domain of a renamed site, or a masthead
    ("Harbor Lantern").
    """
    profile = api.outlet_profile(_settings(ctx, db=db), outlet, max_stories=max_stories)
    emit(render(fmt, [profile], PROFILE_VIEW, single=True))
