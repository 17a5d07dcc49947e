"""`newstrail factchecks`: import ClaimReview records and match claims against them."""

from __future__ import annotations

import click

from newstrail import api
from newstrail.cli import DB, FORMAT, OK, SOME_FAILED, _settings, emit, format_option, main
from newstrail.cli.progress import QUIET, bars
from newstrail.core.errors import InputError
from newstrail.factchecks.matching import VARIANT_KINDS
from newstrail.report.factchecks import FACTCHECK_VIEW, MATCH_FORMAT_HELP, MATCH_FORMATS, render_matches
from newstrail.report.formats import render


@main.group("factchecks")
def factchecks_group() -> None:
    """Import fact-checks (schema.org ClaimReview) and match claims against them."""


@factchecks_group.command("import")
@click.argument("files", nargs=-1, required=True)
@DB
@click.option("--no-embed", is_flag=True, help="Do not compute the claims' embeddings now (matching computes missing ones).")
@click.option("--accurate", is_flag=True, help="Also compute the accurate model's embeddings now (about 10 ms of CPU a claim), not at the first match.")
@QUIET
@click.pass_context
def import_cmd(ctx: click.Context, files: tuple[str, ...], db: str | None, no_embed: bool, accurate: bool, quiet: bool) -> None:
    """Import fact-check FILES (or folders of them) into the store.

    Reads ClaimReview JSON-LD in HTML pages, .json (one ClaimReview, a list, a Google
    Fact Check Tools response or a {"dataFeedElement": [...]} feed), .jsonl, and
    .csv/.tsv with columns id, claim and optionally rating, url, publisher, date,
    title, language. Records already stored are skipped. Progress bars on standard
    error count the records read, then the claims embedded. The fast embeddings are
    computed now; the accurate model's (for factchecks match) at the first match, or now
    with --accurate.
    """
    settings = _settings(ctx, db=db)
    with bars(quiet) as progress:
        reports, total = api.import_factchecks(files, settings, embed=not no_embed, on_error=lambda e: click.echo(f"error: {e}", err=True),
                                               progress=progress, accurate=accurate)
    for r in reports:
        click.echo(f"{r.path}: {r.added} added, {r.exists} already stored, {r.failed} failed")
    added, exists, failed = (sum(getattr(r, k) for r in reports) for k in ("added", "exists", "failed"))
    click.echo(f"{added} added, {exists} already stored, {failed} failed; {total} fact-checks in {settings.db}", err=True)
    ctx.exit(SOME_FAILED if failed else OK)


@factchecks_group.command("match")
@click.argument("query")
@DB
@click.option("--top", default=5, show_default=True, help="Fact-checks per query.")
@click.option("--threshold", type=click.FloatRange(0, 1), default=None,
              help="Only matches whose calibrated score is at least this. Default: factchecks.match_threshold (0.40, chosen on CheckThat! dev).")
@click.option("--all", "show_all", is_flag=True, help="Show the best --top candidates whatever their score (threshold 0).")
@format_option(MATCH_FORMATS, MATCH_FORMAT_HELP)
@click.option("--lexical", is_flag=True, help="Lexical matching only (no embedding models).")
@click.option("--matcher", type=click.Choice(list(VARIANT_KINDS)), default=None,
              help="Matcher variant. Default: the best the installed models allow (hybrid); rerank adds the cross-encoder.")
@click.pass_context
def match_cmd(ctx: click.Context, query: str, db: str | None, top: int, threshold: float | None, show_all: bool, fmt: str, lexical: bool,
              matcher: str | None) -> None:
    """Match QUERY against the imported fact-checks.

    QUERY is a file (TSV id<TAB>text with an optional header, or JSONL {"id", "text"})
    or, when no such file exists, the query text itself; a single word that looks like
    a file name (claims.txt, data/q.tsv) and does not exist is an error, not a query.
    Long texts are matched whole and sentence by sentence. Only matches scoring at
    least the threshold are shown; --all shows every candidate of the top. A trec
    run lists every candidate of the top unless --threshold is given.
    """
    settings = _settings(ctx, db=db)
    # a TREC run is scored by rank over every candidate, so it is held to no floor unless one is given
    default = 0.0 if fmt == "trec" else settings.factcheck_match_threshold
    floor = 0.0 if show_all else (threshold if threshold is not None else default)
    items = api.read_queries(query)
    failed = [i for i in items if isinstance(i, InputError)]
    for error in failed:
        click.echo(f"error: {error}", err=True)
    queries = [i for i in items if not isinstance(i, InputError)]
    emit(render_matches(fmt, api.match_factchecks(queries, settings, top=top, threshold=floor, lexical=lexical, matcher=matcher), floor))
    ctx.exit(SOME_FAILED if failed else OK)


@factchecks_group.command("list")
@DB
@click.option("--limit", default=50, show_default=True)
@FORMAT
@click.pass_context
def list_cmd(ctx: click.Context, db: str | None, limit: int, fmt: str) -> None:
    """List imported fact-checks: id, verdict, publisher, claim (records add rating, date, URL, language)."""
    found, total = api.factchecks(_settings(ctx, db=db), limit=limit)
    emit(render(fmt, found, FACTCHECK_VIEW))
    if total > limit:
        click.echo(f"... {total - limit} more", err=True)
