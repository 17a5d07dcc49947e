"""The ``newstrail`` command: parse, call one library function (:mod:`newstrail.api`), render (:mod:`newstrail.report`).

Exit codes (one place, :data:`EXIT_CODES`): 0 all went well; 1 some inputs
failed and were skipped; 2 usage or settings error; 3 store error; 4 nothing
found (``show`` of an unknown id); 5 a missing optional extra.

Every command takes ``--config FILE`` and ``--set section.key=value`` (repeatable),
as the group does; a command's own take precedence.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterable, Sequence
from typing import Any

import click

from newstrail import __version__, api
from newstrail.core.config import Settings
from newstrail.core.errors import ConfigError, MissingExtra, NewstrailError, NotFound, StoreError
from newstrail.engines.local import FAILED
from newstrail.cli.progress import QUIET, bars
from newstrail.report import render_claims, render_trace, render_trace_ratings, rhetoric_lines, summary_line
from newstrail.report.demo import demo_outputs
from newstrail.report.formats import FLAT, NESTED, format_help, render
from newstrail.report.graph import trace_dot, trace_graphml
from newstrail.report.listing import SEARCH_VIEW, STORY_VIEW
from newstrail.report.views import SHOW_VIEW, TRACE_VIEW, analysis_view
from newstrail.report.sources import alias_import_line, list_import_messages

OK, SOME_FAILED, USAGE, STORE, NOT_FOUND, EXTRA = 0, 1, 2, 3, 4, 5
#: error class -> exit code; the first match in order wins (subclasses first)
EXIT_CODES: tuple[tuple[type[NewstrailError], int], ...] = (
    (NotFound, NOT_FOUND),
    (StoreError, STORE),
    (ConfigError, USAGE),
    (MissingExtra, EXTRA),
    (NewstrailError, SOME_FAILED),
)


def exit_code_for(error: NewstrailError) -> int:
    """The exit code of a library error."""
    return next(code for kind, code in EXIT_CODES if isinstance(error, kind))


def _keep_config(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.ensure_object(dict)["config"] = value


def _keep_sets(ctx: click.Context, _param: click.Parameter, value: tuple[str, ...]) -> None:
    ctx.ensure_object(dict).setdefault("sets", []).extend(value)


def _settings_params() -> list[click.Parameter]:
    return [
        click.Option(["--config"], type=click.Path(dir_okay=False), expose_value=False, callback=_keep_config, is_eager=True,
                     help="Settings file (TOML, [newstrail] table). Default: ./newstrail.toml if present."),
        click.Option(["--set", "sets"], multiple=True, expose_value=False, callback=_keep_sets, is_eager=True, metavar="SECTION.KEY=VALUE",
                     help="Override one setting; may repeat."),
    ]


class NewstrailCommand(click.Command):
    """A command that takes the settings options (--config, --set)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params += _settings_params()


class NewstrailGroup(click.Group):
    """Turns library errors into a one-line message and an exit code; its commands take the settings options."""

    command_class = NewstrailCommand
    group_class = type

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NewstrailError as exc:
            click.echo(f"newstrail: {exc}", err=True)
            ctx.exit(exit_code_for(exc))


def _settings(ctx: click.Context, **flags: Any) -> Settings:
    obj = ctx.ensure_object(dict)
    return api.build_settings(obj.get("config"), obj.get("sets", ()), **flags)


@click.group(cls=NewstrailGroup)
@click.version_option(__version__, prog_name="newstrail")
@click.option("--config", type=click.Path(dir_okay=False), expose_value=False, callback=_keep_config, is_eager=True,
              help="Settings file (TOML, [newstrail] table). Default: ./newstrail.toml if present.")
@click.option("--set", "sets", multiple=True, expose_value=False, callback=_keep_sets, is_eager=True, metavar="SECTION.KEY=VALUE",
              help="Override one setting; may repeat.")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Follow a news claim's trail: what articles claim, where they came from, how they changed."""
    ctx.ensure_object(dict)


def format_option(choices: Sequence[str] = NESTED, extra: dict[str, str] | None = None) -> Any:
    """The --format option of a command that prints records: the vocabulary (text, the
    default; json; jsonl; csv where rows are flat; see newstrail.report.formats), documented."""
    return click.option("--format", "fmt", type=click.Choice(list(choices)), default=choices[0], show_default=True,
                        help=format_help(choices, extra))


def emit(lines: Iterable[str]) -> None:
    """Print rendered lines as they come."""
    for line in lines:
        click.echo(line)


FORMAT = format_option(FLAT)
DB = click.option("--db", default=None, help="Store: a SQLite file, or a postgresql://USER@HOST/DATABASE URL (the [postgres] extra). Default: newstrail.db in the working folder.")


def _print_analysis(run: api.Analysis, fmt: str) -> list[str]:
    """Print each outcome of ``run`` as it comes; failures go to standard error. Returns the ids of the articles read."""
    ids: list[str] = []

    def stored() -> Iterable[Any]:
        for outcome in run:
            if outcome.status == FAILED:
                click.echo(f"error: {outcome.error}", err=True)
            else:
                assert outcome.article is not None
                ids.append(outcome.article.id)
                yield outcome

    emit(render(fmt, stored(), analysis_view(run.record)))
    return ids


def _analysis_summary(run: api.Analysis, db: str) -> int:
    counts = run.counts
    click.echo(f"{counts['added']} added, {counts['exists']} already stored, {counts[FAILED]} failed; {run.total} articles in {db}", err=True)
    return SOME_FAILED if counts[FAILED] else OK


@main.command("analyze")
@click.argument("inputs", nargs=-1, required=True)
@DB
@FORMAT
@click.option("--no-language", is_flag=True, help="Do not detect the language of articles that do not state it.")
@click.option("--no-rhetoric", is_flag=True, help="Do not mark propaganda techniques (the rhetoric stage).")
@click.option("--report", "report_dir", default=None, metavar="DIR",
              help="Also write HTML reports of the articles read and their stories to DIR, with an index.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default=None,
              help="Run here (local, the default) or on a Dask cluster (dask; needs the [dask] extra): same results.")
@click.option("--scheduler", default=None, metavar="ADDRESS", help="The Dask scheduler (tcp://host:8786); without it --engine dask starts a local cluster.")
@click.option("--workers", type=int, default=None, help="Worker processes of the local Dask cluster (default 2).")
@QUIET
@click.pass_context
def analyze_cmd(ctx: click.Context, inputs: tuple[str, ...], db: str | None, fmt: str, no_language: bool, no_rhetoric: bool,
                report_dir: str | None, engine: str | None, scheduler: str | None, workers: int | None, quiet: bool) -> None:
    """Ingest, clean, analyse, store and link articles.

    INPUTS are files, folders (read recursively), glob patterns, '-' for stdin,
    http(s) URLs and RSS/Atom feed URLs. Already stored articles are skipped.
    Prints each article as it is stored: a summary line (text), the full record
    with source ratings (json, jsonl), or its flat fields (csv). A progress bar
    on standard error counts the articles (with the time left when the inputs
    are files of one article each).
    """
    engine = engine or ("dask" if scheduler else None)  # a scheduler address means the dask engine
    settings = _settings(ctx, db=db, detect_language=False if no_language else None, rhetoric=False if no_rhetoric else None,
                         engine=engine, dask_scheduler=scheduler, dask_workers=workers)
    with bars(quiet) as progress:
        run = api.analyze(list(inputs), settings, progress=progress)
        ids = _print_analysis(run, fmt)
    code = _analysis_summary(run, settings.db)
    if report_dir is not None and ids:
        with bars(quiet) as progress:
            written = api.write_reports(settings, report_dir, articles=ids, index=True, progress=progress)
        click.echo(f"{written.articles} article report(s), {written.stories} story report(s) written to {written.folder}/; open {written.main}", err=True)
    ctx.exit(code)


@main.command("link")
@DB
@QUIET
@click.pass_context
def link_cmd(ctx: click.Context, db: str | None, quiet: bool) -> None:
    """Link the articles stored without linking (analyze with link = false) into stories."""
    settings = _settings(ctx, db=db)
    with bars(quiet) as progress:
        report = api.link(settings, progress=progress)
    click.echo(f"{report.articles} articles linked: {report.passages} shared passages, {report.citations} credits "
               f"({report.resolved} resolved), {len(report.stories)} stories touched")


@main.command("show")
@click.argument("key")
@DB
@format_option()
@click.pass_context
def show_cmd(ctx: click.Context, key: str, db: str | None, fmt: str) -> None:
    """Print one stored article, by id, id prefix (4 characters or more) or URL.

    An id prefix that several articles start with is reported as ambiguous, with
    the candidates.
    """
    emit(render(fmt, [api.show(_settings(ctx, db=db), key)], SHOW_VIEW, single=True))


@main.command("search")
@click.argument("query")
@DB
@click.option("--limit", default=10, show_default=True)
@click.option("--phrase", is_flag=True, help="Match the whole QUERY as one phrase.")
@FORMAT
@click.pass_context
def search_cmd(ctx: click.Context, query: str, db: str | None, limit: int, phrase: bool, fmt: str) -> None:
    """Full-text search over stored titles and texts, best first.

    A "quoted phrase" inside QUERY matches as a phrase (the words together, in
    that order); every other word matches as a word; an article must hold all of
    them. Quote for the shell too: newstrail search '"pier pilings" council'.
    --phrase takes the whole QUERY as one phrase.
    """
    settings = _settings(ctx, db=db)
    hits = api.search(settings, query, limit=limit, phrase=phrase)
    if not hits:
        raise NotFound(f"nothing in {settings.db} matches {query!r}")
    emit(render(fmt, hits, SEARCH_VIEW))


@main.command("trace")
@click.argument("key", required=False)
@click.option("--story", default=None, help="Trace this story id instead of an article's story.")
@DB
@format_option((*NESTED, "dot", "graphml"), {"text": "for people, a tree", "dot": "the graph for Graphviz",
                                              "graphml": "the graph for Gephi, yEd, networkx"})
@click.pass_context
def trace_cmd(ctx: click.Context, key: str | None, story: str | None, db: str | None, fmt: str) -> None:
    """Where a story came from and how it changed: KEY is an article id, id prefix or URL."""
    if not key and not story:
        raise click.UsageError("give an article id or URL, or --story STORY_ID")
    trace = api.trace(_settings(ctx, db=db), article=key, story=story).to_dict()
    if fmt in ("dot", "graphml"):
        click.echo(trace_dot(trace) if fmt == "dot" else trace_graphml(trace), nl=False)
        return
    emit(render(fmt, [trace], TRACE_VIEW, single=True))


@main.command("stories")
@DB
@click.option("--min-size", default=2, show_default=True, help="Only stories with at least this many articles.")
@FORMAT
@click.pass_context
def stories_cmd(ctx: click.Context, db: str | None, min_size: int, fmt: str) -> None:
    """List the stories of the corpus, oldest first: id, size, first and last publish
    date, and the headline of its first article (the record's 'article')."""
    emit(render(fmt, api.stories(_settings(ctx, db=db), min_size=min_size), STORY_VIEW))


@main.command("demo")
@click.option("--out", default="newstrail-demo", show_default=True,
              help="Folder for the demo's store and outputs: new, empty, or made by an earlier demo (then replaced).")
@click.pass_context
def demo_cmd(ctx: click.Context, out: str) -> None:
    """Analyse the sample corpus shipped with newstrail and say where the outputs went."""
    result = api.demo(out, _settings(ctx))
    click.echo(f"Analysing the sample corpus in {result.corpus}\n")
    click.echo(f"Importing the sample rating lists in {result.ratings}")
    for imported in result.aliases:
        for message in imported.found.skipped:
            click.echo(f"error: {message}", err=True)
        click.echo(alias_import_line(imported.path, imported.stored, len(imported.found.skipped)))
    for item in result.lists:
        _echo_list(item)
    click.echo(f"\nImported {result.factchecks_added} sample fact-checks from {result.factchecks}\n")
    for outcome in result.outcomes:
        if outcome.status == FAILED:
            click.echo(f"error: {outcome.error}", err=True)
        elif outcome.article is not None:
            click.echo(summary_line(outcome.article, outcome.status))
    click.echo(f"{result.counts['added']} added, {result.counts['exists']} already stored, {result.counts[FAILED]} failed; "
               f"{result.total} articles in {result.db}", err=True)
    if result.shown is not None:
        click.echo("\nThe story with the most hidden sources:\n")
        click.echo(render_trace(result.shown) + render_trace_ratings(result.shown))
    if result.claims is not None and result.rhetoric is not None:
        key = result.claims.article.id
        click.echo(f"What {key} claims, best first (newstrail claims {key}):\n")
        c = result.claims
        click.echo(render_claims(c.article, c.rows(), c.sentences, c.computed), nl=False)
        click.echo(f"\nHow {key} argues (newstrail rhetoric --article {key} --format text):\n")
        r = result.rhetoric
        click.echo("\n".join(rhetoric_lines("text", key, r.article.id, r.article.text, r.techniques)))
        click.echo("")
    click.echo(demo_outputs(result.db, result.records, result.traces, result.reports, prog=_prog()))
    ctx.exit(SOME_FAILED if result.counts[FAILED] else OK)


def _prog() -> str:
    """How to type this command again: 'newstrail' when that runs it, else the path it was run by
    (``.venv/bin/newstrail`` from scripts/demo.sh, whose venv is not on PATH)."""
    invoked = sys.argv[0] if sys.argv else ""
    if os.path.basename(invoked) == "newstrail" and os.sep in invoked:
        on_path = shutil.which("newstrail")
        if on_path is None or os.path.realpath(on_path) != os.path.realpath(invoked):
            return invoked
    return "newstrail"


def _echo_list(item: api.ImportedList) -> None:
    """What one rating-list import read: problems on standard error, the summary on standard output."""
    if item.error is not None:
        click.echo(f"error: {item.error}", err=True)
        return
    assert item.found is not None
    errors, summary = list_import_messages(item.found, item.replaced)
    for line in errors:
        click.echo(line, err=True)
    click.echo(summary)


# Each command group lives in its own module and registers itself on ``main``;
# imported last, since they import ``main`` and the helpers above from here.
from newstrail.cli import browse, claims, factchecks, pipeline, report, rhetoric, serve, sources, watch  # noqa: E402,F401

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
