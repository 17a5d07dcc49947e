"""The one reader of ``(id, text)`` files: TSV ``id<TAB>text`` or JSON Lines ``{"id", "text"}``.

``newstrail claims`` (sentences to score), ``newstrail factchecks match`` (queries)
and the fact-check bench (CheckThat tweets) all read this shape; one reader keeps
their formats and their ``file:line`` messages the same.

- JSON Lines when the name ends in ``.jsonl``/``.ndjson``/``.json`` or the first
  non-blank line starts with ``{``; the text is the first non-empty field of
  ``text_fields``; a record with no ``id`` takes its line number.
- TSV otherwise. A first line naming a ``text`` column and an id column sets the
  columns (in any order); a first line whose first cell is empty or an id column name
  (``id``, ``qid``, ``tweet_id``...) is a header too. Unless a header names the text
  column, the text is everything after the first tab, so a tab inside it is kept.
- A bad line yields a :class:`~newstrail.core.errors.BadRecord` naming ``where:line``,
  and reading goes on.

>>> list(read_texts(["id\\ttext", "a1\\tPier 9 shut."], "x.tsv"))
[('a1', 'Pier 9 shut.')]
>>> print(list(read_texts(['{"id": "a1", "text": "Pier 9 shut."}', '{"id": "a2"}'], "x.jsonl"))[1])
x.jsonl:2: no 'text' value; each line needs {"id": ..., "text": ...}
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from newstrail.core import jsontext
from newstrail.core.errors import BadRecord

__all__ = ["ID_COLUMNS", "not_regular", "read_texts"]

#: first-column names that mark a TSV header line
ID_COLUMNS: tuple[str, ...] = ("id", "sentence_id", "qid", "query_id", "tweet_id")
_JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")


def not_regular(path: str | os.PathLike[str]) -> str | None:
    """Why the file at ``path`` must not be read, or ``None`` for a regular file.

    Every reader of local files asks first: a FIFO blocks the run until someone writes
    to it, and a device (``/dev/zero``, ``/dev/urandom``) reports size 0 and never ends,
    so no size cap would stop it. A missing path is for the reader's own message.

    >>> not_regular("/dev/null")
    'a character device, not a regular file: not read; to read a stream, pipe it to - (standard input)'
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    kinds = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))
    kind = next((name for test, name in kinds if test(mode)), "not a regular file")
    return f"{kind}, not a regular file: not read; to read a stream, pipe it to - (standard input)"


def _shape(text_fields: tuple[str, ...]) -> str:
    """How a JSONL line should look, for the error messages."""
    if len(text_fields) == 1:
        return f'each line needs {{"id": ..., "{text_fields[0]}": ...}}'
    return f"give one of the fields {', '.join(text_fields)}"


def _header(line: str) -> tuple[bool, tuple[int, int] | None]:
    """Whether a TSV's first line is a header, and the (id, text) columns it names if it does."""
    names = [c.strip().lower() for c in line.split("\t")]
    ids = [n for n in ID_COLUMNS if n in names]
    if "text" in names and ids:
        return True, (names.index(ids[0]), names.index("text"))
    return names[0] in ("", *ID_COLUMNS), None


def _json_record(line: str, here: str, lineno: int, text_fields: tuple[str, ...]) -> tuple[str, str] | BadRecord:
    try:
        record = jsontext.loads(line)
    except json.JSONDecodeError as exc:
        return BadRecord(here, f"not valid JSON ({exc.msg} at column {exc.colno}); {_shape(text_fields)}")
    if not isinstance(record, dict):
        return BadRecord(here, f"expected a JSON object, got {type(record).__name__}")
    text = next((record[f] for f in text_fields if isinstance(record.get(f), str) and record[f].strip()), None)
    if text is None:
        what = f"'{text_fields[0]}' value" if len(text_fields) == 1 else "text value"
        return BadRecord(here, f"no {what}; {_shape(text_fields)}")
    ident = record.get("id")
    return (str(ident) if ident is not None else str(lineno), text)


def _tsv_record(line: str, here: str, lineno: int, columns: tuple[int, int] | None) -> tuple[str, str] | BadRecord:
    if columns is None:
        ident, tab, text = line.partition("\t")
        fields = [ident, text] if tab else [ident]
        columns = (0, 1)
    else:
        fields = line.split("\t")
    if len(fields) <= max(columns):
        return BadRecord(here, "expected id<TAB>text (no tab on this line); put a tab between the id and the text")
    ident, text = fields[columns[0]].strip(), fields[columns[1]].strip()
    if not text:
        return BadRecord(here, f"empty text for id {ident!r}")
    return (ident or str(lineno), text)


def read_texts(lines: Iterable[str], where: str, *, text_fields: tuple[str, ...] = ("text",)) -> Iterator[tuple[str, str] | BadRecord]:
    """``(id, text)`` pairs from ``lines`` (the lines of the file ``where``), or a
    :class:`~newstrail.core.errors.BadRecord` per bad line.

    ``text_fields`` are the JSONL fields a text may be in, first wins.

    >>> list(read_texts(["q7\\tThe ferry\\tsails."], "q.tsv"))
    [('q7', 'The ferry\\tsails.')]
    >>> list(read_texts(['{"claim": "Pier 9 shut."}'], "q.jsonl", text_fields=("text", "claim")))
    [('1', 'Pier 9 shut.')]
    """
    jsonl: bool | None = True if Path(where).suffix.lower() in _JSONL_SUFFIXES else None
    columns: tuple[int, int] | None = None
    for lineno, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        here = f"{where}:{lineno}"
        if jsonl is None:
            jsonl = line.lstrip().startswith("{")
            if not jsonl:
                header, columns = _header(line)
                if header:
                    continue
        if jsonl:
            yield _json_record(line, here, lineno, text_fields)
        else:
            yield _tsv_record(line, here, lineno, columns)


_EXTENSION = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,7}$")


def looks_like_path(arg: str) -> bool:
    """Whether a command-line argument that names no existing file was meant as one:
    a single token (no spaces, not a URL) with a folder separator, a leading ``.`` or
    ``~``, or a file extension. Commands that take a file *or* text (``factchecks
    match``, ``rhetoric``) report such an argument as a missing file rather than
    reading the name as text, so a typo is not silently matched as a query.

    >>> [looks_like_path(a) for a in ("claims.txt", "data/q.tsv", "~/q", "Tea cures colds.", "3365b887", "https://x.example/a")]
    [True, True, True, False, False, False]
    """
    token = arg.strip()
    if not token or any(ch.isspace() for ch in token) or "://" in token:
        return False
    return "/" in token or "\\" in token or token.startswith((".", "~")) or bool(_EXTENSION.search(token))
