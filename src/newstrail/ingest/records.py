"""JSONL and CSV/TSV exports: one article per record.

Fields are matched by name through :data:`newstrail.ingest.metadata.ALIASES`
(``content`` and ``body`` count as ``text``, ``link`` as ``url``...). A record
needs ``text`` or ``html``; every field newstrail does not know is kept in
``Article.meta``. Each bad record is its own error and the rest of the file is
read.

>>> import io
>>> rows = list(read_jsonl(io.StringIO('{"id": "a1", "title": "T", "text": "The pier closed on Monday after an inspection found rot."}'), "x.jsonl", 10**6))
>>> rows[0].id, rows[0].title
('a1', 'T')
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from typing import IO, Any

from newstrail.core import jsontext
from newstrail.core.article import Article
from newstrail.core.errors import BadRecord, InputError, InputTooLarge, NoArticleText
from newstrail.ingest.html import article_from_html
from newstrail.ingest.metadata import field_for
from newstrail.ingest.text import article_from_text

# Real exports carry whole pages in one cell; the csv module's 128 kB default is too small.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def article_from_record(record: dict[str, Any], where: str) -> Article:
    """One record (a dict of field name -> value) to an Article."""
    fields: dict[str, Any] = {}
    body: dict[str, str] = {}
    for name, value in record.items():
        target = field_for(str(name)) if name is not None else None
        if target in ("text", "html"):
            if isinstance(value, str) and value.strip():
                body[target] = value
        elif name is not None and str(name).strip():
            fields[str(name)] = value
    if "html" in body:
        return article_from_html(body["html"], where, url=fields.get("url") if isinstance(fields.get("url"), str) else None, fields=fields)
    if "text" in body:
        return article_from_text(body["text"], where, fields=fields, title_from_text=False)
    raise BadRecord(where, "record has no 'text' or 'html' value; give the article body in one of them")


def read_jsonl(stream: IO[str], where: str, max_bytes: int, first_line: int = 1, whole: bool = True) -> Iterator[Article | InputError]:
    """Articles from JSON Lines; each bad line yields a :class:`BadRecord` naming its line.

    ``stream`` may be a run of a file's lines starting at line ``first_line`` (not the
    ``whole`` file: a part read on its own, see :mod:`newstrail.ingest.parts`); an empty
    file is reported only when it is read whole.
    """
    records = 0
    for number, line in enumerate(stream, start=first_line):
        here = f"{where}:{number}"
        if not line.strip():
            continue
        records += 1
        if len(line) > max_bytes:
            yield InputTooLarge(here, f"record of {len(line):,} characters is over the {max_bytes:,} cap (max_input_bytes)")
            continue
        try:
            record = jsontext.loads(line)
        except json.JSONDecodeError as exc:
            yield BadRecord(here, f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield BadRecord(here, f"expected a JSON object per line, got {type(record).__name__}")
            continue
        try:
            yield article_from_record(record, here)
        except InputError as exc:
            yield exc
    if not records and whole:
        yield NoArticleText(where, "no records: the file is empty; expected one JSON object per line")


def read_json(text: str, where: str, max_bytes: int) -> Iterator[Article | InputError]:
    """Articles from a JSON document: one record, or a list of records."""
    try:
        data = jsontext.loads(text)
    except json.JSONDecodeError as exc:
        yield BadRecord(where, f"not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})")
        return
    records = data if isinstance(data, list) else [data]
    for number, record in enumerate(records, start=1):
        here = f"{where}[{number}]" if isinstance(data, list) else where
        if not isinstance(record, dict):
            yield BadRecord(here, f"expected a JSON object, got {type(record).__name__}")
            continue
        if len(json.dumps(record)) > max_bytes:
            yield InputTooLarge(here, f"record over the {max_bytes:,}-character cap (max_input_bytes)")
            continue
        try:
            yield article_from_record(record, here)
        except InputError as exc:
            yield exc


def read_delimited(stream: IO[str], where: str, max_bytes: int, delimiter: str = ",") -> Iterator[Article | InputError]:
    """Articles from CSV or TSV with a header line.

    A header without a text or html column is one error for the whole file, since
    no row could succeed. A quote that is never closed makes the csv module read the
    rest of the file as one cell: that last row is reported, not stored as one article
    made of many rows.
    """
    quotes = [0]  # '"' seen so far: odd at the end means one was never closed

    def counted(lines: IO[str]) -> Iterator[str]:
        for line in lines:
            quotes[0] += line.count('"')
            yield line

    reader = csv.DictReader(counted(stream), delimiter=delimiter)
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        yield BadRecord(where, f"cannot read the header line ({exc})")
        return
    if not header:
        yield BadRecord(where, "empty file: expected a header line naming the columns")
        return
    if not any(field_for(h or "") in ("text", "html") for h in header):
        cols = ", ".join(h for h in header if h) or "(none)"
        yield BadRecord(where, f"no text column (columns: {cols}); name the article body column 'text' or 'html'")
        return
    held: tuple[str, int, dict[str | None, Any]] | None = None  # a row is yielded once the next is read
    rows = 0
    while True:
        start = reader.line_num + 1
        here = f"{where}:{start}"
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield BadRecord(here, f"malformed CSV ({exc})")
            continue
        except UnicodeDecodeError:
            if held is not None:  # the row read before the bad bytes is good: keep it
                yield _row_article(held[0], held[2], max_bytes)
            raise
        rows += 1
        if held is not None:
            yield _row_article(held[0], held[2], max_bytes)
        held = (here, start, row)
    if held is not None:
        if quotes[0] % 2 and reader.line_num > held[1]:
            yield BadRecord(held[0], f"a quote opened in this row is never closed, so lines {held[1]}-{reader.line_num} were read as one row; row skipped (close the quote, or double a quote inside a quoted cell)")
        else:
            yield _row_article(held[0], held[2], max_bytes)
    if not rows:
        yield NoArticleText(where, "no rows: the file has a header line and nothing under it")


def _row_article(here: str, row: dict[str | None, Any], max_bytes: int) -> Article | InputError:
    size = sum(len(v) for v in row.values() if isinstance(v, str))
    if size > max_bytes:
        return InputTooLarge(here, f"row of {size:,} characters is over the {max_bytes:,} cap (max_input_bytes)")
    extra = row.pop(None, None)  # cells beyond the header
    if extra:
        row["_extra_cells"] = extra
    try:
        return article_from_record({str(k): v for k, v in row.items()}, here)
    except InputError as exc:
        return exc
