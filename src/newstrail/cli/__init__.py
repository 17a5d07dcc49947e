"""The ``newstrail`` command: parse, build settings, call the library, print.

Exit codes (one place, :data:`EXIT_CODES`): 0 all went well; 1 some inputs
failed and were skipped; 2 usage or settings error; 3 store error; 4 nothing
found (``show`` of an unknown id); 5 a missing optional extra.
"""

from __future__ import annotations

import os
import shutil
import sys
from importlib import resources
from pathlib import Path

import click

from newstrail import __version__
from newstrail.engines.local import FAILED, analyze
from newstrail.core.config import Settings
from newstrail.core.errors import ConfigError, MissingExtra, NewstrailError, NotFound, StoreError
from newstrail.report import article_record, render_article, render_trace, summary_line, to_json
from newstrail.store import open_store

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
    return next(code for kind, code in EXIT_CODES if isinstance(error, kind))


class NewstrailGroup(click.Group):
    """Turns library errors into a one-line message and an exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except NewstrailError as exc:
            click.echo(f"newstrail: {exc}", err=True)
            ctx.exit(exit_code_for(exc))


def _settings(ctx: click.Context, **flags) -> Settings:
    return Settings.build(ctx.obj.get("config"), overrides=flags)


@click.group(cls=NewstrailGroup)
@click.version_option(__version__, prog_name="newstrail")
@click.option("--config", type=click.Path(dir_okay=False), help="Settings file (TOML, [newstrail] table). Default: ./newstrail.toml if present.")
@click.pass_context
def main(ctx: click.Context, config: str | None) -> None:
    """Follow a news claim's trail: what articles claim, where they came from, how they changed."""
    ctx.ensure_object(dict)["config"] = config


FORMAT = click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl"]), default="text", show_default=True)
DB = click.option("--db", default=None, help="Store: a SQLite file. Default: newstrail.db in the working folder.")


def _run_analyze(inputs: list[str], settings: Settings, fmt: str) -> int:
    """Analyse ``inputs`` into the store of ``settings``, printing as ``fmt``; returns the exit code."""
    counts = {"added": 0, "exists": 0, FAILED: 0}  # counts only: memory must not grow with the corpus
    with open_store(settings.db) as store:
        if fmt == "json":
            click.echo("[")
        first = True
        ratings = None  # source ratings, looked up at output time (see newstrail.ratings.annotate)
        for outcome in analyze(inputs, settings, store):
            counts[outcome.status] += 1
            if outcome.status == FAILED:
                click.echo(f"error: {outcome.error}", err=True)
                continue
            if fmt == "text":
                click.echo(summary_line(outcome.article, outcome.status))
            else:
                if ratings is None:
                    from newstrail.ratings.annotate import Ratings

                    ratings = Ratings(store)
                record = ratings.add_to_record(article_record(outcome.article, outcome.status))
                line = to_json(record, indent=2 if fmt == "json" else None)
                click.echo(("" if first or fmt == "jsonl" else ",\n") + line, nl=fmt == "jsonl")
                first = False
        if fmt == "json":
            click.echo("\n]")
        total = store.count()
    click.echo(
        f"{counts['added']} added, {counts['exists']} already stored, {counts[FAILED]} failed; {total} articles in {settings.db}",
        err=True,
    )
    return SOME_FAILED if counts[FAILED] else OK


@main.command("analyze")
@click.argument("inputs", nargs=-1, required=True)
@DB
@FORMAT
@click.option("--no-language", is_flag=True, help="Do not detect the language of articles that do not state it.")
@click.pass_context
def analyze_cmd(ctx: click.Context, inputs: tuple[str, ...], db: str | None, fmt: str, no_language: bool) -> None:
    """Ingest, clean, analyse and store articles.

    INPUTS are files, folders (read recursively), glob patterns, '-' for stdin,
    http(s) URLs and RSS/Atom feed URLs. Already stored articles are skipped.
    """
    settings = _settings(ctx, db=db, detect_language=False if no_language else None)
    ctx.exit(_run_analyze(list(inputs), settings, fmt))


@main.command("show")
@click.argument("key")
@DB
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def show_cmd(ctx: click.Context, key: str, db: str | None, fmt: str) -> None:
    """Print one stored article, by id, id prefix or URL."""
    settings = _settings(ctx, db=db)
    _require_store(settings.db)
    from newstrail.ratings.annotate import Ratings, render_ratings

    with open_store(settings.db) as store:
        article = store.find(key)
        ratings = Ratings(store).for_article(article)
    if fmt == "json":
        click.echo(to_json({**article_record(article), "source_ratings": ratings}, indent=2))
    else:
        click.echo(render_article(article) + "\nSource ratings (from imported lists; each list as given):\n" + "\n".join(render_ratings(ratings)), nl=True)


@main.command("search")
@click.argument("query")
@DB
@click.option("--limit", default=10, show_default=True)
@click.pass_context
def search_cmd(ctx: click.Context, query: str, db: str | None, limit: int) -> None:
    """Full-text search over stored titles and texts."""
    settings = _settings(ctx, db=db)
    _require_store(settings.db)
    with open_store(settings.db) as store:
        hits = store.search(query, limit=limit)
    for hit in hits:
        click.echo(f"{hit.id}  {hit.title or ''}\n    {hit.snippet}")
    if not hits:
        raise NotFound(f"nothing in {settings.db} matches {query!r}")


@main.command("trace")
@click.argument("key", required=False)
@click.option("--story", default=None, help="Trace this story id instead of an article's story.")
@DB
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def trace_cmd(ctx: click.Context, key: str | None, story: str | None, db: str | None, fmt: str) -> None:
    """Where a story came from and how it changed: KEY is an article id, id prefix or URL."""
    from newstrail.corpus import Corpus

    if not key and not story:
        raise click.UsageError("give an article id or URL, or --story STORY_ID")
    settings = _settings(ctx, db=db)
    _require_store(settings.db)
    with open_store(settings.db) as store:
        corpus = Corpus(store)
        corpus.link()  # articles stored without linking are linked first
        trace = corpus.trace(article=key, story=story).to_dict()
        from newstrail.ratings.annotate import Ratings, render_trace_ratings

        Ratings(store).add_to_trace(trace)  # adds keys only: the trace JSON's own keys are unchanged
    click.echo(to_json(trace, indent=2) if fmt == "json" else render_trace(trace) + render_trace_ratings(trace), nl=fmt == "json")


@main.command("stories")
@DB
@click.option("--min-size", default=2, show_default=True, help="Only stories with at least this many articles.")
@click.pass_context
def stories_cmd(ctx: click.Context, db: str | None, min_size: int) -> None:
    """List the stories of the corpus: id, size, first and last publish date."""
    from newstrail.corpus import Corpus

    settings = _settings(ctx, db=db)
    _require_store(settings.db)
    with open_store(settings.db) as store:
        corpus = Corpus(store)
        corpus.link()
        for story in corpus.stories():
            _, first, last, size = store.story_info(story)
            if size >= min_size:
                click.echo(f"{story:<28} {size:>4} articles  {(first or '')[:10]} .. {(last or '')[:10]}")


def sample_corpus() -> Path:
    """The folder of the sample corpus shipped inside the package."""
    return Path(str(resources.files("newstrail") / "sample" / "corpus"))


@main.command("demo")
@click.option("--out", default="newstrail-demo", show_default=True, help="Folder for the demo's store and outputs (recreated).")
@click.pass_context
def demo_cmd(ctx: click.Context, out: str) -> None:
    """Analyse the sample corpus shipped with newstrail and say where the outputs went."""
    folder = Path(out)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    db = folder / "newstrail.db"
    settings = _settings(ctx, db=str(db))
    corpus = sample_corpus()
    click.echo(f"Analysing the sample corpus in {corpus}\n")
    from newstrail.cli.sources import import_aliases, import_list

    ratings = corpus.parent / "ratings"
    with open_store(str(db)) as store:  # lists first, so mastheads resolve to domains as articles are read
        click.echo(f"Importing the sample rating lists in {ratings}")
        import_aliases(store, str(ratings / "aliases.csv"))
        for path in sorted(ratings.glob("*.csv")) + sorted(ratings.glob("*.json")):
            if path.name != "aliases.csv":
                import_list(store, str(path), date="2025-04-01")
    click.echo("")
    from newstrail.factchecks.importer import import_files

    factchecks = corpus.parent / "factchecks"
    with open_store(str(db)) as store:  # fact-checks before the articles, so analyze matches their claims
        reports = import_files([str(factchecks)], store)
        click.echo(f"Imported {sum(r.added for r in reports)} sample fact-checks from {factchecks}\n")
    code = _run_analyze([str(corpus)], settings, "text")
    from newstrail.corpus import Corpus

    records = folder / "articles.jsonl"
    traces = folder / "traces"
    traces.mkdir()
    from newstrail.ratings.annotate import Ratings, render_trace_ratings

    with open_store(str(db)) as store, records.open("w", encoding="utf-8") as handle:
        rated = Ratings(store)
        for article in store.iter_articles():
            handle.write(to_json(rated.add_to_record(article_record(article))) + "\n")
        corpus = Corpus(store)
        shown = None
        for story in corpus.stories():
            if store.story_info(story)[3] < 2:
                continue
            trace = rated.add_to_trace(corpus.trace(story=story).to_dict())
            (traces / f"{story}.json").write_text(to_json(trace, indent=2) + "\n", encoding="utf-8")
            (traces / f"{story}.txt").write_text(render_trace(trace) + render_trace_ratings(trace), encoding="utf-8")
            if shown is None or len(trace["laundering"]) > len(shown["laundering"]):
                shown = trace
    if shown is not None:
        click.echo("\nThe story with the most hidden sources:\n")
        click.echo(render_trace(shown) + render_trace_ratings(shown))
        if shown["laundering"]:
            _demo_article(ctx, shown["laundering"][0]["article"], str(db))
    click.echo(f"Outputs:\n  store:    {db}\n  records:  {records}\n  traces:   {traces}/ (one .txt and .json per story)")
    click.echo(f"Try:  newstrail stories --db {db}\n      newstrail trace s1-copy5 --db {db}\n      newstrail show s1-copy5 --db {db}\n      newstrail sources show 'Open Eyes News' --db {db}"
               f"\n      newstrail factchecks match 'Cheap tea halves your diabetes risk' --db {db}")
    ctx.exit(code)


def _demo_article(ctx: click.Context, key: str, db: str) -> None:
    """What the demo shows of one article: its claims with their fact-checks, and how it argues."""
    from newstrail.cli.claims import show_cmd
    from newstrail.cli.rhetoric import rhetoric_cmd

    click.echo(f"What {key} claims, best first (newstrail claims {key}):\n")
    ctx.invoke(show_cmd, article_id=key, db=db, fmt="text", show_all=False, limit=3)
    click.echo(f"\nHow {key} argues (newstrail rhetoric --article {key} --format text):\n")
    try:
        ctx.invoke(rhetoric_cmd, inputs=(), articles=(key,), db=db, fmt="text")
    except click.exceptions.Exit:  # the command ends with its exit code; the demo goes on
        pass
    click.echo("")


def _require_store(path: str) -> None:
    if not os.path.exists(path):
        raise StoreError(f"{path}: no store here; run 'newstrail analyze ... --db {path}' first")


# Each command group lives in its own module and registers itself on ``main``;
# imported last, since they import ``main`` and the helpers above from here.
from newstrail.cli import claims, factchecks, pipeline, rhetoric, sources  # noqa: E402,F401

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
