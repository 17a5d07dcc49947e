"""`newstrail factchecks`: import ClaimReview records and match claims against them."""

from __future__ import annotations

import os

import click

from newstrail.cli import DB, OK, SOME_FAILED, _require_store, _settings, main


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
    from newstrail.factchecks.importer import import_files
    from newstrail.store import open_store

    settings = _settings(ctx, db=db)
    with open_store(settings.db) as store:
        reports = import_files(files, store, embed=not no_embed, on_error=lambda e: click.echo(f"error: {e}", err=True))
        total = store.factcheck_count()
    for r in reports:
        click.echo(f"{r.path}: {r.added} added, {r.exists} already stored, {r.failed} failed")
    added, exists, failed = (sum(getattr(r, k) for r in reports) for k in ("added", "exists", "failed"))
    click.echo(f"{added} added, {exists} already stored, {failed} failed; {total} fact-checks in {settings.db}", err=True)
    ctx.exit(SOME_FAILED if failed else OK)


def _queries(query: str):
    """(id, text) pairs from a query file, or the argument itself as one query."""
    from newstrail.core.errors import UnreadableInput
    from newstrail.factchecks.queries import parse_queries

    if not os.path.isfile(query):
        return [("query", query)]
    try:
        with open(query, encoding="utf-8-sig") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise UnreadableInput(query, f"cannot read the query file ({exc})") from exc
    return list(parse_queries(text, query))


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
    from newstrail.core.errors import InputError
    from newstrail.factchecks.matching import Matcher
    from newstrail.report import to_json
    from newstrail.store import open_store

    settings = _settings(ctx, db=db)
    _require_store(settings.db)
    items = _queries(query)
    failed = [i for i in items if isinstance(i, InputError)]
    for error in failed:
        click.echo(f"error: {error}", err=True)
    queries = [i for i in items if not isinstance(i, InputError)]
    with open_store(settings.db) as store:
        matcher = Matcher.from_store(store, embed=not lexical)
    batch = 64  # results print as they come; memory stays flat on long query files
    for start in range(0, len(queries), batch):
        chunk = queries[start : start + batch]
        for (qid, text), matches in zip(chunk, matcher.match_many([t for _, t in chunk], top=top, threshold=threshold), strict=True):
            if fmt == "trec":
                for rank, m in enumerate(matches, 1):
                    click.echo(f"{qid} Q0 {m.factcheck.id} {rank} {m.score:.4f} newstrail")
            elif fmt == "jsonl":
                click.echo(to_json({"id": qid, "text": text, "matches": [m.to_dict() for m in matches]}))
            else:
                click.echo(f"{qid}: {text if len(text) <= 100 else text[:97] + '...'}")
                if not matches:
                    click.echo("    (no match)")
                for rank, m in enumerate(matches, 1):
                    fc, ev = m.factcheck, m.evidence
                    click.echo(f"  {rank}. {m.score:.3f}  [{fc.verdict}] {fc.claim}")
                    click.echo(f"       {fc.rating or 'no rating'} · {fc.publisher or 'unknown publisher'} · {fc.url or fc.id}")
                    cos = ", ".join(f"{k.removeprefix('cosine_')} cosine {ev[k]:.2f}" for k in ("cosine_accurate", "cosine_fast") if k in ev)
                    click.echo(f"       shared: {', '.join(ev['shared_terms']) or '-'}; lexical {ev['lexical']:.2f}{'; ' + cos if cos else ''}")
                    if "query_sentence" in ev:
                        click.echo(f"       via the sentence: {ev['query_sentence']}")
    ctx.exit(SOME_FAILED if failed else OK)


@factchecks_group.command("list")
@DB
@click.option("--limit", default=50, show_default=True)
@click.pass_context
def list_cmd(ctx: click.Context, db: str | None, limit: int) -> None:
    """List imported fact-checks: id, verdict, publisher, claim."""
    from newstrail.store import open_store

    settings = _settings(ctx, db=db)
    _require_store(settings.db)
    with open_store(settings.db) as store:
        for number, fc in enumerate(store.iter_factchecks()):
            if number >= limit:
                click.echo(f"... {store.factcheck_count() - limit} more", err=True)
                break
            click.echo(f"{fc.id:<24} {fc.verdict:<12} {(fc.publisher or '-')[:20]:<20} {fc.claim[:90]}")
