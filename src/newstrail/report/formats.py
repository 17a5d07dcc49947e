"""The one output vocabulary of every command that prints records, and its dispatch.

=========  =============================================================
``text``   for people (the default): aligned lines, wrapped text
``json``   one JSON document: a list of records (or the one record a command shows)
``jsonl``  one JSON record a line, for pipes and ``jq``
``csv``    flat rows with a header line, where the records are flat
=========  =============================================================

A command describes its records once, as a :class:`View` (how an item becomes a
record, how it reads as text, which columns its CSV has), and :func:`render`
turns items into the lines to print, streaming: the first line comes out before
the last item is read. The help of each ``--format`` option comes from
:func:`format_help`, so every command documents the same words.

>>> view = View(record=lambda n: {"n": n, "square": n * n}, text=lambda n: f"{n} squared is {n * n}", columns=("n", "square"))
>>> list(render("csv", [2, 3], view))
['n,square', '2,4', '3,9']
>>> list(render("jsonl", [2], view)), list(render("text", [2], view))
(['{"n": 2, "square": 4}'], ['2 squared is 4'])
>>> print("\\n".join(render("json", [2, 3], view)))
[
  {"n": 2, "square": 4},
  {"n": 3, "square": 9}
]
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from newstrail.report.json import to_json

TEXT, JSON, JSONL, CSV = "text", "json", "jsonl", "csv"

#: each format of the vocabulary and what it gives, as every --help says it
FORMATS: dict[str, str] = {
    TEXT: "for people",
    JSON: "one JSON document",
    JSONL: "one JSON record a line",
    CSV: "flat rows with a header",
}

#: the formats of records with nested fields (no CSV), and of flat rows
NESTED = (TEXT, JSON, JSONL)
FLAT = (TEXT, JSON, JSONL, CSV)


@dataclass(frozen=True)
class View:
    """How a command's items print: ``record`` (JSON, JSONL, CSV), ``text`` (one or more lines),
    ``columns`` (the CSV header, in order; ``None``: no CSV), ``row`` (a CSV row's values by
    column, where building the whole record for a few of its fields costs too much; default
    ``record``)."""

    record: Callable[[Any], dict[str, Any]]
    text: Callable[[Any], str]
    columns: Sequence[str] | None = None
    row: Callable[[Any], dict[str, Any]] | None = None

    @property
    def formats(self) -> tuple[str, ...]:
        return FLAT if self.columns else NESTED


def format_help(choices: Sequence[str], extra: dict[str, str] | None = None) -> str:
    """The help of a --format option offering ``choices``: each value and what it gives.

    >>> format_help(("text", "json", "trec"), {"trec": "TREC run lines"})
    'Output: text (default) for people; json: one JSON document; trec: TREC run lines.'
    """
    described = {**FORMATS, **(extra or {})}
    parts = [f"{choices[0]} (default) {described[choices[0]]}"] + [f"{c}: {described[c]}" for c in choices[1:]]
    return "Output: " + "; ".join(parts) + "."


def cell(value: Any) -> str:
    """A CSV cell: text and numbers as they are, lists and mappings as JSON, nothing as empty.

    >>> cell(None), cell(0.5), cell(["a", "b"]), cell(True)
    ('', '0.5', '["a", "b"]', 'true')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple, dict)):
        return to_json(value)
    return str(value)


def csv_line(values: Iterable[Any]) -> str:
    """One CSV row (RFC 4180 quoting) without its line end."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow([cell(v) for v in values])
    return buffer.getvalue()


def render(fmt: str, items: Iterable[Any], view: View, single: bool = False) -> Iterator[str]:
    """The lines to print for ``items`` in ``fmt`` (see the module doc).

    ``single``: the command shows one record, so ``json`` prints it (indented)
    rather than a list of one.
    """
    if fmt == TEXT:
        yield from (view.text(item) for item in items)
    elif fmt == JSONL:
        yield from (to_json(view.record(item)) for item in items)
    elif fmt == CSV:
        if not view.columns:
            raise ValueError("these records are nested: no csv; use json or jsonl")
        yield csv_line(view.columns)
        row = view.row or view.record
        for item in items:
            record = row(item)
            yield csv_line(record.get(c) for c in view.columns)
    elif fmt == JSON and single:
        yield from (json.dumps(view.record(item), ensure_ascii=False, indent=2) for item in items)
    elif fmt == JSON:
        yield from _json_list(view.record(item) for item in items)
    else:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def _json_list(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    """A JSON list, one record a line, streamed: each line goes out when the next record is known."""
    yield "["
    previous: str | None = None
    for record in records:
        if previous is not None:
            yield f"  {previous},"
        previous = to_json(record)
    if previous is not None:
        yield f"  {previous}"
    yield "]"
