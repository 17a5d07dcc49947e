"""`newstrail rhetoric`: propaganda techniques as character spans."""

from __future__ import annotations

import os

import click

from newstrail import api
from newstrail.cli import DB, OK, SOME_FAILED, _settings, main
from newstrail.core.errors import NewstrailError, NotFound
from newstrail.report import rhetoric_lines


def _files(inputs: tuple[str, ...], fmt: str) -> tuple[int, list[str]]:
    """Print the techniques of the text files among ``inputs``; returns (failures, the inputs to look up in the store)."""
    failed, stored = 0, []
    for path in inputs:
        if os.path.isdir(path):
            click.echo(f"error: {path}: is a folder; give the text files in it (e.g. {path.rstrip('/')}/*.txt)", err=True)
            failed += 1
        elif not os.path.exists(path):
            stored.append(path)
        else:
            try:
                found = api.rhetoric_file(path)
            except NewstrailError as exc:
                click.echo(f"error: {exc}", err=True)
                failed += 1
                continue
            lines = rhetoric_lines(fmt, path, found.key, found.text, found.techniques)
            if lines:
                click.echo("\n".join(lines))
    return failed, stored


@main.command("rhetoric")
@click.argument("inputs", nargs=-1)
@click.option("--article", "articles", multiple=True, help="A stored article (id, id prefix or URL); may repeat.")
@DB
@click.option("--format", "fmt", type=click.Choice(["jsonl", "text"]), default="jsonl", show_default=True)
@click.pass_context
def rhetoric_cmd(ctx: click.Context, inputs: tuple[str, ...], articles: tuple[str, ...], db: str | None, fmt: str) -> None:
    """Propaganda techniques (SemEval-2020 task 11 scheme) as character spans.

    INPUTS are plain text files: offsets are characters into the file exactly as read.
    An input that is not a file, and every --article, is looked up in the store: its
    offsets refer to the stored, cleaned text. The store is only read: techniques are
    computed now for an article stored without them (analyze with the rhetoric stage
    stores them). One line per span in jsonl: file, article, technique, start, end,
    text, score, explanation.
    """
    if not inputs and not articles:
        raise click.UsageError("give text files or --article ID")
    settings = _settings(ctx, db=db)
    failed, keys = _files(inputs, fmt)
    if keys and not os.path.exists(settings.db):
        for key in keys:
            click.echo(f"error: {key}: no such file, and no store at {settings.db} to look it up in (give --db FILE)", err=True)
        ctx.exit(SOME_FAILED)
    for key in [*articles, *keys]:
        try:
            found = api.rhetoric(settings, key)
        except NotFound as exc:
            click.echo(f"error: {key}: no such file, and {exc}", err=True)
            failed += 1
            continue
        lines = rhetoric_lines(fmt, key, found.article.id, found.article.text, found.techniques)
        if lines:
            click.echo("\n".join(lines))
    ctx.exit(SOME_FAILED if failed else OK)
