"""`newstrail factchecks`: import ClaimReview records and match claims against them."""

from __future__ import annotations

import click

from newstrail import api
from newstrail.cli import DB, OK, SOME_FAILED, _settings, main
from newstrail.core.errors import InputError
from newstrail.report.factchecks import factcheck_line, match_lines


@main.group("factchecks")
def factchecks_group() -> None:
    """Import fact-checks (schema.org ClaimReview) and match claims against them."""


@factchecks_group.command("import")
@click.argument("files", nargs=-1, required=True)
@DB
@click.option("--no-embed", is_flag=True, help="Do not compute the claims' embeddings now (matching computes missing ones).")
@click.pass_context
def import_cmd(ctx: click.Context, files: tuple[str, ...], db: str | None, no_embed: bool) -> None:
    """Import fact-check FILES (or folders of them) into the store.

    Reads ClaimReview JSON-LD in HTML pages, .json (one ClaimReview, a list, a Google
    Fact Check Tools response or a {"dataFeedElement": [...]} feed), .jsonl, and
    .csv/.tsv with columns id, claim and optionally rating, url, publisher, date,
    title, language. Records already stored are skipped.
    """
    settings = _settings(ctx, db=db)
    reports, total = api.import_factchecks(files, settings, embed=not no_embed, on_error=lambda e: click.echo(f"error: {e}", err=True))
    for r in reports:
        click.echo(f"{r.path}: {r.added} added, {r.exists} already stored, {r.failed} failed")
    added, exists, failed = (sum(getattr(r, k) for r in reports) for k in ("added", "exists", "failed"))
    click.echo(f"{added} added, {exists} already stored, {failed} failed; {total} fact-checks in {settings.db}", err=True)
    ctx.exit(SOME_FAILED if failed else OK)


@factchecks_group.command("match")
@click.argument("query")
@DB
@click.option("--top", default=5, show_default=True, help="Fact-checks per query.")
@click.option("--threshold", type=float, default=0.0, show_default=True, help="Only matches whose calibrated score is at least this.")
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl", "trec"]), default="text", show_default=True)
@click.option("--lexical", is_flag=True, help="Lexical matching only (no embedding models).")
@click.pass_context
def match_cmd(ctx: click.Context, query: str, db: str | None, top: int, threshold: float, fmt: str, lexical: bool) -> None:
    """Match QUERY against the imported fact-checks.

    QUERY is a file (TSV id<TAB>text with an optional header, or JSONL {"id", "text"})
    or, when no such file exists, the query text itself. Long texts are matched whole
    and sentence by sentence. --format trec prints 'qid Q0 docid rank score newstrail'.
    """
    settings = _settings(ctx, db=db)
    items = api.read_queries(query)
    failed = [i for i in items if isinstance(i, InputError)]
    for error in failed:
        click.echo(f"error: {error}", err=True)
    queries = [i for i in items if not isinstance(i, InputError)]
    for qid, text, matches in api.match_factchecks(queries, settings, top=top, threshold=threshold, lexical=lexical):
        for line in match_lines(fmt, qid, text, matches):
            click.echo(line)
    ctx.exit(SOME_FAILED if failed else OK)


@factchecks_group.command("list")
@DB
@click.option("--limit", default=50, show_default=True)
@click.pass_context
def list_cmd(ctx: click.Context, db: str | None, limit: int) -> None:
    """List imported fact-checks: id, verdict, publisher, claim."""
    found, total = api.factchecks(_settings(ctx, db=db), limit=limit)
    for fc in found:
        click.echo(factcheck_line(fc))
    if total > limit:
        click.echo(f"... {total - limit} more", err=True)
