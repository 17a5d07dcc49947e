"""Importing fact-check files into a store: parse, dedupe, write in transactions, embed once.

>>> import json, os, tempfile
>>> from newstrail.store import open_store
>>> folder = tempfile.mkdtemp()
>>> path = os.path.join(folder, "checks.jsonl")
>>> _ = open(path, "w").write(json.dumps({"id": "c1", "claim": "Pier 9 sank.", "rating": "False"}) + "\\n")
>>> with open_store(os.path.join(folder, "t.db")) as store:
...     first = import_files([path], store, embed=False)
...     again = import_files([path], store, embed=False)
>>> (first[0].added, again[0].added, again[0].exists)
(1, 0, 1)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newstrail.core.errors import InputError, UnreadableInput
from newstrail.core.progress import Progress, counter
from newstrail.store import ADDED, EXISTS, Store
from newstrail.factchecks.claimreview import read_factchecks
from newstrail.factchecks.index import KINDS, ensure_vectors, load_embedder
from newstrail.factchecks.record import FactCheck

#: the embeddings an import computes by default: the fast model's, which analyze's default
#: matcher uses (about 0.1 ms a claim). The accurate model's cost about 10 ms of CPU a
#: claim (bench/factcheck_import.py), so they are computed when a matcher first needs
#: them (``factchecks match`` stores them then) or at import with ``kinds=KINDS``.
IMPORT_KINDS: tuple[str, ...] = ("fast",)

#: file names a folder import picks up
SUFFIXES = (".json", ".jsonl", ".ndjson", ".csv", ".tsv", ".tab", ".html", ".htm", ".xhtml")


@dataclass
class FileReport:
    """What one file gave: records added, already stored, and the errors (``file:line: reason``)."""

    path: str
    added: int = 0
    exists: int = 0
    errors: list[InputError] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.errors)


def expand(paths: Iterable[str]) -> list[str]:
    """Files as given; folders replaced by the fact-check files inside them (sorted, recursive)."""
    out: list[str] = []
    for path in paths:
        p = Path(path)
        if p.is_dir():
            out += sorted(str(f) for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES and not f.name.startswith("."))
        else:
            out.append(path)
    return out


def import_files(paths: Iterable[str], store: Store, embed: bool = True, batch_size: int = 500,
                 on_error: Callable[[InputError], None] | None = None, progress: Progress | None = None,
                 kinds: Sequence[str] = IMPORT_KINDS) -> list[FileReport]:
    """Read every fact-check of ``paths`` into ``store``; one :class:`FileReport` per file.

    Records go in transactions of ``batch_size``; a bad record is reported (and passed
    to ``on_error`` as it happens) and skipped. With ``embed``, the claims added get
    their embeddings of ``kinds`` (default :data:`IMPORT_KINDS`; :data:`KINDS` adds the
    accurate model's) stored, so matching never computes them again.
    ``progress`` hears of the records read ("fact-checks read", no total: a file holds
    any number), then of the claims embedded (with the total).
    """
    reports: list[FileReport] = []
    step = counter(progress, "fact-checks read", None)
    for path in expand(paths):
        report = FileReport(path)
        reports.append(report)
        pending: list[FactCheck] = []

        def fail(error: InputError, report: FileReport = report) -> None:
            report.errors.append(error)
            if on_error is not None:
                on_error(error)

        def flush(pending: list[FactCheck] = pending, report: FileReport = report) -> None:
            for status in store.factchecks.put_many([fc.to_row() for fc in pending]):
                if status == ADDED:
                    report.added += 1
                elif status == EXISTS:
                    report.exists += 1
                elif isinstance(status, InputError):
                    fail(status)
            pending.clear()

        if not Path(path).exists():
            fail(UnreadableInput(path, "no such file or folder"))
            continue
        for item in read_factchecks(path):
            step()
            if isinstance(item, InputError):
                fail(item)
                continue
            pending.append(item)
            if len(pending) >= batch_size:
                flush()
        flush()
    if embed and any(r.added for r in reports):
        embedders = {k: e for k in kinds if k in KINDS and (e := load_embedder(k)) is not None}
        ensure_vectors(store, embedders, progress=progress)
    return reports
