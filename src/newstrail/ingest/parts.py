"""The inputs of a run cut into parts that separate processes read on their own.

:func:`plan_parts` turns what a user typed into :class:`Part` records, in input
order: one a file, one a URL (a page or a feed with its entries), standard input
read whole by the caller, and a large JSON Lines file cut into runs of lines (the
byte range and the number of its first line, so every record keeps the name it has
when the file is read whole: ``corpus.jsonl:4012``). :func:`read_part` reads one part
anywhere the files are: reading the parts in order gives exactly what
:func:`~newstrail.ingest.read_inputs` gives. A Part is small and plain, so it
travels to another process or machine (the Dask engine sends them to its workers).

>>> import os, tempfile
>>> from newstrail.core.config import Settings
>>> folder = tempfile.mkdtemp()
>>> path = os.path.join(folder, "a.jsonl")
>>> _ = open(path, "w").write("".join('{"text": "The pier closed on day %d."}\\n' % i for i in range(5)))
>>> parts = plan_parts([path], Settings(), lines=2)
>>> [p.lines for p in parts]
[(0, 76, 1), (76, 152, 3), (152, 190, 5)]
>>> [item.source for p in parts for item in read_part(p, Settings())] == [f"{path}:{n}" for n in range(1, 6)]
True
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from newstrail.core.config import Settings
from newstrail.core.textio import not_regular
from newstrail.core.errors import UnreadableInput
from newstrail.ingest import Item, _expand, _read_file, _read_stdin, document_cap, kind_of, read_inputs
from newstrail.ingest.records import read_jsonl
from newstrail.outlets import is_web_url

__all__ = ["Part", "plan_parts", "read_part"]


@dataclass(frozen=True)
class Part:
    """One piece of a run's input: a file (``path``), a URL (``url``), standard input's
    bytes (``data``), a run of a JSON Lines file (``path`` and ``lines``: byte start,
    byte end, number of the first line), or an input that names nothing (``missing``)."""

    where: str
    path: str | None = None
    url: str | None = None
    data: bytes | None = None
    lines: tuple[int, int, int] | None = None
    missing: str = ""
    #: about how many articles the part holds: a run's line count, else 1
    size: int = 1


def plan_parts(specs: Iterable[str], settings: Settings, stdin: IO[bytes] | None = None, lines: int = 200) -> list[Part]:
    """The parts of ``specs`` in input order; a JSON Lines file of more than ``lines``
    lines is cut into runs of ``lines``. Standard input is read here (at most the cap
    :func:`~newstrail.ingest.document_cap` allows, as a plain run does)."""
    parts: list[Part] = []
    for spec in specs:
        if spec == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            parts.append(Part("<stdin>", data=stream.read(document_cap(settings) + 1)))
        elif is_web_url(spec):
            parts.append(Part(spec, url=spec))
        else:
            for where, path in _expand(spec):
                if path is None:
                    parts.append(Part(where, missing="no files in folder" if Path(spec).is_dir() else "no such file or folder"))
                else:
                    parts.extend(_file_parts(where, path, lines))
    return parts


def _file_parts(where: str, path: Path, lines: int) -> list[Part]:
    """A file as one part, or a JSON Lines file as runs of ``lines`` lines.

    A file is cut only where reading it whole and reading its runs give the same
    records under the same names: valid UTF-8, lines ending in ``\\n`` (a lone ``\\r``
    also ends a line when the file is read as text), and at least one record.
    """
    whole = [Part(where, path=str(path))]
    if not_regular(path):
        return whole
    try:
        with path.open("rb") as handle:
            if kind_of(path.name, handle.read(4096)) != "jsonl":
                return whole
            handle.seek(0)
            runs: list[Part] = []
            start = offset = 0
            first = number = 1
            records = 0
            for line in handle:
                if b"\r" in line.rstrip(b"\r\n") or (line.endswith(b"\r") and not line.endswith(b"\r\n")):
                    return whole
                line.decode("utf-8")
                records += bool(line.strip())
                offset += len(line)
                if number - first + 1 == lines:
                    runs.append(Part(where, path=str(path), lines=(start, offset, first), size=lines))
                    start, first = offset, number + 1
                number += 1
    except (OSError, UnicodeDecodeError):
        return whole  # read whole, the error is reported as a plain run reports it
    if offset > start:
        runs.append(Part(where, path=str(path), lines=(start, offset, first), size=number - first))
    return runs if len(runs) > 1 and records else whole


def read_part(part: Part, settings: Settings) -> Iterator[Item]:
    """Every article (or error) of one part, as :func:`~newstrail.ingest.read_inputs` gives them."""
    if part.missing:
        yield UnreadableInput(part.where, part.missing)
    elif part.data is not None:
        yield from _read_stdin(io.BytesIO(part.data), settings)
    elif part.url is not None:
        yield from read_inputs([part.url], settings)
    elif part.lines is None:
        assert part.path is not None
        yield from _read_file(Path(part.path), part.where, settings)
    else:
        assert part.path is not None
        start, end, first = part.lines
        with open(part.path, "rb") as handle:
            handle.seek(start)
            data = handle.read(end - start)
        # a byte-order mark is the file's first bytes: only the first run may hold one
        stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig" if start == 0 else "utf-8", newline="")
        yield from read_jsonl(stream, part.where, settings.max_input_bytes, first_line=first, whole=False)
