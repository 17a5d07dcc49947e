"""`newstrail claims`: check-worthy sentences, scored and listed.

``newstrail claims score FILE`` scores every sentence of loose texts (TSV or JSONL);
``newstrail claims ARTICLE_ID`` (or ``newstrail claims show ARTICLE_ID``) lists a
stored article's claims, best first.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import IO, Any

import click

from newstrail import api
from newstrail.cli import DB, OK, SOME_FAILED, NewstrailGroup, _settings, emit, format_option, main
from newstrail.core.errors import BadRecord, UnreadableInput
from newstrail.core.textio import not_regular
from newstrail.report import score_line
from newstrail.report.claims import CLAIMS_VIEW, SCORE_FORMAT_HELP, SCORE_HEADER, SCORE_VIEW
from newstrail.report.formats import FLAT, render


class _ClaimsGroup(NewstrailGroup):
    """A group whose unknown first argument is an article id: ``claims ID`` means ``claims show ID``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["show", *args]
        return super().parse_args(ctx, args)


@main.group("claims", cls=_ClaimsGroup)
def claims_group() -> None:
    """Check-worthy claims: 'claims score FILE' or 'claims ARTICLE_ID'."""


def _open_input(file: str) -> tuple[IO[str], str]:
    if file == "-":
        return sys.stdin, "<stdin>"
    refused = not_regular(file)
    if refused:
        raise UnreadableInput(file, refused)
    try:
        return open(file, encoding="utf-8-sig", newline=""), file
    except OSError as exc:
        raise UnreadableInput(file, f"cannot be read ({exc.strerror or exc})") from exc


@claims_group.command("score")
@click.argument("file")
@format_option((*FLAT, "tsv"), SCORE_FORMAT_HELP)
@click.option("--threshold", type=click.FloatRange(0, 1), default=None, help="Label threshold (default: the model's, chosen on held-out data).")
@click.pass_context
def score_cmd(ctx: click.Context, file: str, fmt: str, threshold: float | None) -> None:
    """Score every sentence of the texts in FILE for check-worthiness.

    FILE ('-' for stdin) is TSV, 'id<TAB>text' per line with an optional header
    naming 'id' and 'text', or JSON Lines, {"id": ..., "text": ...} per line. Output:
    one line or record per sentence with id, sentence index, start and end offsets in
    the text, score, label (Yes/No) and the sentence. Bad lines are reported and skipped.
    """
    handle, where = _open_input(file)
    failed = 0

    def scored() -> Iterator[tuple[str, Any]]:
        nonlocal failed
        for item in api.score_claims(handle, where, threshold, _settings(ctx).claims_model):
            if isinstance(item, BadRecord):
                failed += 1
                click.echo(f"error: {item}", err=True)
                continue
            yield from ((item[0], sentence) for sentence in item[1])

    try:
        if fmt == "tsv":
            emit([SCORE_HEADER])
            emit(score_line(ident, sentence) for ident, sentence in scored())
        else:
            emit(render(fmt, scored(), SCORE_VIEW))
    except UnicodeDecodeError as exc:
        raise UnreadableInput(where, f"not valid UTF-8 ({exc.reason} at byte {exc.start} of a block); convert it first, e.g. iconv -f latin1 -t utf-8") from exc
    finally:
        if file != "-":
            handle.close()
    ctx.exit(SOME_FAILED if failed else OK)


@claims_group.command("show")
@click.argument("article_id")
@DB
@format_option()
@click.option("--all", "show_all", is_flag=True, help="List every sentence, not only the check-worthy ones.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many claims.")
@click.pass_context
def show_cmd(ctx: click.Context, article_id: str, db: str | None, fmt: str, show_all: bool, limit: int | None) -> None:
    """List a stored article's claims, best first: ARTICLE_ID is an id, id prefix or URL."""
    found = api.claims(_settings(ctx, db=db), article_id, show_all=show_all, limit=limit)
    emit(render(fmt, [found], CLAIMS_VIEW, single=True))
