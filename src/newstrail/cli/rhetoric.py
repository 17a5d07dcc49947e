"""`newstrail rhetoric`: propaganda techniques as character spans, over files, folders, stored articles, a story or the store."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import click

from newstrail import api
from newstrail.cli import DB, FORMAT, OK, SOME_FAILED, _settings, emit, main
from newstrail.cli.progress import QUIET, bars
from newstrail.core.errors import NewstrailError
from newstrail.report.rhetoric import render_techniques


@main.command("rhetoric")
@click.argument("inputs", nargs=-1)
@click.option("--article", "articles", multiple=True, help="A stored article (id, id prefix or URL); may repeat.")
@click.option("--story", default=None, metavar="STORY_ID", help="Every article of this story (see 'newstrail stories').")
@click.option("--all", "everything", is_flag=True, help="Every stored article.")
@click.option("--as-read", is_flag=True, help="Read text files exactly as they are (offsets into the file, boilerplate and all), "
              "as SemEval-2020 task 11's scorer wants; by default a file is cleaned first, as analyze cleans it.")
@DB
@FORMAT
@QUIET
@click.pass_context
def rhetoric_cmd(ctx: click.Context, inputs: tuple[str, ...], articles: tuple[str, ...], story: str | None, everything: bool,
                 as_read: bool, db: str | None, fmt: str, quiet: bool) -> None:
    """Propaganda techniques (SemEval-2020 task 11 scheme) as character spans.

    INPUTS are plain text files, or folders of them (.txt, .text, .md, .markdown,
    read recursively), read and cleaned as analyze reads them, so a file and its
    stored article get the same spans: offsets are characters into the clean text
    (--as-read: into each file exactly as read, boilerplate and all). An input that
    is not a file, and every --article, is looked up in the store (an input that
    looks like a file name but does not exist is an error instead): its offsets
    refer to the stored, cleaned text. --story and --all read the
    articles of a story or of the whole store. The store is only read: techniques
    are computed now for an article stored without them (analyze with the
    rhetoric stage stores them). text marks each span in its line; json, jsonl
    and csv give one record a span: file, article, technique, start, end, text,
    score, explanation. The rhetoric.spans setting (--set rhetoric.spans=finetuned)
    picks the span finder for what is computed now.
    """
    if not inputs and not articles and not story and not everything:
        raise click.UsageError("give text files or folders, --article ID, --story STORY_ID or --all")
    settings = _settings(ctx, db=db)
    failed = 0

    def found(results: Iterator[Any]) -> Iterator[Any]:
        nonlocal failed
        for item in results:
            if isinstance(item, NewstrailError):
                failed += 1
                click.echo(f"error: {item}", err=True)
            else:
                yield item

    with bars(quiet) as progress:
        emit(render_techniques(fmt, found(api.rhetoric_texts(settings, inputs, articles, story, everything, progress=progress, as_read=as_read))))
    ctx.exit(SOME_FAILED if failed else OK)
