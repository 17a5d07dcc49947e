"""`newstrail rhetoric`: propaganda techniques as character spans."""

from __future__ import annotations

import json
import os
import re

import click

from newstrail.cli import DB, OK, SOME_FAILED, _settings, main


def article_key(path: str) -> str:
    """The article id a file name gives: its first run of digits, else its stem.

    >>> article_key("data/article111111112.txt"), article_key("notes.txt")
    ('111111112', 'notes')
    """
    stem = os.path.splitext(os.path.basename(path))[0]
    m = re.search(r"\d+", stem)
    return m.group() if m else stem


def _read(path: str) -> str:
    """The file's text exactly as read: no newline or whitespace normalisation."""
    from newstrail.core.errors import UnreadableInput

    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return handle.read()
    except UnicodeDecodeError as exc:
        raise UnreadableInput(path, f"not valid UTF-8 (byte 0x{exc.object[exc.start]:02x} at offset {exc.start}); convert it first, e.g. iconv -f latin1 -t utf-8") from exc
    except OSError as exc:
        raise UnreadableInput(path, f"cannot be read ({exc.strerror or exc})") from exc


def _line_of(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The line holding ``start`` and the span's offsets inside it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return text[line_start:line_end], start - line_start, min(end, line_end) - line_start


def _render(file: str, article: str, text: str, techniques) -> list[str]:
    out = [f"{file} ({article}): {len(techniques)} span(s)"]
    for t in techniques:
        line, s, e = _line_of(text, t.span.start, t.span.end)
        # show about 60 characters either side of the span, on one line
        left = max(0, s - 60)
        right = min(len(line), e + 60)
        shown = ("..." if left else "") + line[left:s] + "[[" + line[s:e] + "]]" + line[e:right] + ("..." if right < len(line) else "")
        out.append(f"  {t.span.start}-{t.span.end}  {t.technique}  {t.score:.2f}  {t.explanation}")
        out.append("      " + shown.replace("\r", " ").replace("\t", " "))
    return out


def _emit(fmt: str, file: str, article: str, text: str, techniques) -> None:
    if fmt == "text":
        click.echo("\n".join(_render(file, article, text, techniques)))
        return
    for t in techniques:
        record = {"file": file, "article": article, "technique": t.technique, "start": t.span.start, "end": t.span.end,
                  "text": text[t.span.start : t.span.end], "score": t.score, "explanation": t.explanation}
        click.echo(json.dumps(record, ensure_ascii=False))


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
    offsets refer to the stored, cleaned text, and the result is stored with it.
    One line per span in jsonl: file, article, technique, start, end, text, score,
    explanation.
    """
    from newstrail.analyze.rhetoric import RhetoricStage, techniques_in
    from newstrail.core.errors import NewstrailError, NotFound

    if not inputs and not articles:
        raise click.UsageError("give text files or --article ID")
    settings = _settings(ctx, db=db)
    failed = missing = 0
    stored_keys = list(articles)
    for path in inputs:
        if os.path.isdir(path):
            click.echo(f"error: {path}: is a folder; give the text files in it (e.g. {path.rstrip('/')}/*.txt)", err=True)
            failed += 1
            continue
        if not os.path.exists(path):
            stored_keys.append(path)
            continue
        try:
            text = _read(path)
        except NewstrailError as exc:
            click.echo(f"error: {exc}", err=True)
            failed += 1
            continue
        _emit(fmt, path, article_key(path), text, techniques_in(text))
    if stored_keys:
        from newstrail.store import open_store

        if not os.path.exists(settings.db):
            for key in stored_keys:
                click.echo(f"error: {key}: no such file, and no store at {settings.db} to look it up in (give --db FILE)", err=True)
            ctx.exit(SOME_FAILED)
        stage = RhetoricStage()
        with open_store(settings.db) as store:
            for key in stored_keys:
                try:
                    article = store.find(key)
                except NotFound as exc:
                    click.echo(f"error: {key}: no such file, and {exc}", err=True)
                    missing += 1
                    continue
                if stage.name not in article.stages:
                    # computed on demand, then kept with the article (see README, Rhetoric)
                    article = stage(article)
                    store.update(article)
                _emit(fmt, key, article.id, article.text, article.rhetoric)
    ctx.exit(SOME_FAILED if failed or missing else OK)

