"""`newstrail sources`: outlet identity, imported rating lists and what the corpus shows."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from newstrail.core.errors import InputError
from newstrail.report import to_json
from newstrail.store import open_store
from newstrail.cli import DB, OK, SOME_FAILED, _require_store, _settings, main


@main.group("sources")
def sources_group() -> None:
    """Outlets: rating lists you import, aliases, and what the corpus shows about each."""


def import_list(store, path: str, name: str | None = None, date: str | None = None, echo=click.echo) -> tuple[int, int]:
    """Read and store one rating list, reporting problems on standard error; returns
    (rows stored, rows skipped)."""
    from newstrail.ratings.lists import read_rating_list

    found = read_rating_list(path, name=name, date=date)
    for message in found.warnings:
        echo(f"warning: {message}", err=True)
    for message in found.skipped:
        echo(f"error: {message}", err=True)
    for message in found.notes:
        echo(f"note: {message}", err=True)
    previous = store.put_rating_list(found.meta(), found.rows)
    again = f"; replaced the {previous} rows imported before under this name" if previous is not None else ""
    echo(f"{found.name}: {len(found.rows)} sites imported ({found.layout}), {len(found.skipped)} skipped; "
         f"dated {found.date} ({'--date' if found.date_from == 'given' else 'the file modification date; set it with --date'}){again}")
    return len(found.rows), len(found.skipped)


def import_aliases(store, path: str, echo=click.echo) -> int:
    from newstrail.ratings.lists import read_alias_file

    found = read_alias_file(path)
    for message in found.skipped:
        echo(f"error: {message}", err=True)
    stored = store.put_aliases(found.rows)
    echo(f"{path}: {stored} aliases imported, {len(found.skipped)} skipped")
    return stored


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
    settings = _settings(ctx, db=db)
    stems = Counter(Path(p).stem for p in files)
    failed = False
    with open_store(settings.db) as store:
        for path in files:
            # sources.json and sources.csv in one command are two lists, not one replacing the other
            default = Path(path).name if stems[Path(path).stem] > 1 else None
            try:
                _, skipped = import_list(store, path, name=name or default, date=date)
            except InputError as exc:  # one unreadable list must not stop the others
                click.echo(f"error: {exc}", err=True)
                failed = True
                continue
            failed = failed or skipped > 0
    ctx.exit(SOME_FAILED if failed else OK)


@sources_group.command("aliases")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@DB
@click.pass_context
def aliases_cmd(ctx: click.Context, files: tuple[str, ...], db: str | None) -> None:
    """Import alias files (old domain or masthead -> current domain), or list the aliases.

    An alias file is CSV/TSV with 'alias' and 'domain' columns (and an optional
    'note'), or JSON {alias: domain}. A renamed site's old domain and the new one
    are then one outlet; a masthead resolves to its domain.
    """
    settings = _settings(ctx, db=db)
    with open_store(settings.db) as store:
        for path in files:
            import_aliases(store, path)
        if not files:
            rows = store.aliases()
            for row in rows:
                note = f"  ({row['note']})" if row.get("note") else ""
                click.echo(f"{row['text']:<40} -> {row['domain']}  [{row['kind']}]{note}")
            if not rows:
                click.echo("no aliases; import a file with 'newstrail sources aliases FILE'")


@sources_group.command("remove")
@click.argument("name")
@DB
@click.pass_context
def remove_cmd(ctx: click.Context, name: str, db: str | None) -> None:
    """Remove the rating list NAME (as 'newstrail sources list' shows it)."""
    from newstrail.core.errors import NotFound

    settings = _settings(ctx, db=db)
    _require_store(settings.db)
    with open_store(settings.db) as store:
        removed = store.delete_rating_list(name)
        if removed is None:
            known = ", ".join(item["name"] for item in store.rating_lists()) or "none"
            raise NotFound(f"no rating list named {name!r} in {settings.db} (lists: {known})")
    click.echo(f"{name}: removed, with its {removed} rows")


@sources_group.command("list")
@DB
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def list_cmd(ctx: click.Context, db: str | None, fmt: str) -> None:
    """The imported rating lists: name, date, sites, fields, source file."""
    settings = _settings(ctx, db=db)
    _require_store(settings.db)
    with open_store(settings.db) as store:
        lists = store.rating_lists()
        aliases = store.aliases()
    if fmt == "json":
        click.echo(to_json({"lists": lists, "aliases": len(aliases)}, indent=2))
        return
    for item in lists:
        click.echo(f"{item['name']:<28} {item['date'] or 'undated':<10} {item['rows']:>6} sites  {item['layout']:<16} "
                   f"fields: {', '.join(item['fields'])}\n{'':<28} from {item['source']} (imported {item['imported_at']})")
    click.echo(f"{len(lists)} list(s), {len(aliases)} alias(es) in {settings.db}")


@sources_group.command("show")
@click.argument("outlet")
@DB
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--max-stories", default=300, show_default=True, help="Trace at most this many of the outlet's stories (most recent first).")
@click.pass_context
def show_cmd(ctx: click.Context, outlet: str, db: str | None, fmt: str, max_stories: int) -> None:
    """Every rating of an outlet, list by list, and what the corpus shows about it.

    OUTLET is a domain, a URL, an old domain of a renamed site, or a masthead
    ("Harbor Lantern").
    """
    from newstrail.corpus import Corpus
    from newstrail.ratings.profile import outlet_profile, render_profile

    settings = _settings(ctx, db=db)
    _require_store(settings.db)
    with open_store(settings.db) as store:
        Corpus(store).link()  # articles stored without linking are linked first
        profile = outlet_profile(store, outlet, max_stories=max_stories)
    click.echo(to_json(profile, indent=2) if fmt == "json" else render_profile(profile), nl=True)
