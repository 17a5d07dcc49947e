"""The facade over fact-checks: import ClaimReview records, list them, match claims against them."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence

from newstrail.api.session import StoreLike, opened
from newstrail.core.errors import InputError, StoreError, UnreadableInput
from newstrail.core.progress import Progress
from newstrail.core.textio import looks_like_path
from newstrail.factchecks.importer import IMPORT_KINDS, FileReport, import_files
from newstrail.factchecks.index import KINDS, ensure_vectors, load_embedder
from newstrail.factchecks.matching import Match, Matcher
from newstrail.factchecks.queries import parse_queries
from newstrail.factchecks.record import FactCheck


def import_factchecks(paths: Iterable[str], where: StoreLike, embed: bool = True,
                      on_error: Callable[[InputError], None] | None = None, progress: Progress | None = None,
                      accurate: bool = False) -> tuple[list[FileReport], int]:
    """Import fact-check files (or folders of them); returns one report per file and the store's total.
    ``progress`` hears of the files read and the claims embedded. The fast embeddings are
    computed now; the accurate model's too with ``accurate``, else at the first match."""
    with opened(where, write=True) as store:
        reports = import_files(paths, store, embed=embed, on_error=on_error, progress=progress,
                               kinds=KINDS if accurate else IMPORT_KINDS)
        return reports, store.factchecks.count()


def store_vectors(where: StoreLike, progress: Progress | None = None) -> int:
    """Compute and store the embeddings the import left to the first match; returns how many.

    >>> import os, tempfile
    >>> store_vectors(os.path.join(tempfile.mkdtemp(), "none.db"))
    0

    The one write a match makes, once per store: a store that cannot be written, or
    does not exist, is left as it is (its matcher computes them in memory).
    """
    try:
        with opened(where) as store:
            embedders = {k: e for k in KINDS if (e := load_embedder(k)) is not None}
            if not any(store.factchecks.missing_vectors(e.name) for e in embedders.values()):
                return 0
        with opened(where, write=True) as store:
            return ensure_vectors(store, embedders, progress=progress)
    except StoreError:
        return 0


def factchecks(where: StoreLike, limit: int | None = None) -> tuple[list[FactCheck], int]:
    """The imported fact-checks (the first ``limit``) and how many there are in all."""
    with opened(where) as store:
        found = []
        for number, row in enumerate(store.factchecks.iter_rows()):
            if limit is not None and number >= limit:
                break
            found.append(FactCheck.from_row(row))
        return found, store.factchecks.count()


def read_queries(query: str) -> list[tuple[str, str] | InputError]:
    """(id, text) pairs from a query file (TSV or JSONL), or the argument itself as one query.

    An argument that names no file but looks like a path (``claims.txt``, ``data/q.tsv``:
    see :func:`~newstrail.core.textio.looks_like_path`) is an error, not a query: a
    mistyped file name is never matched as text.
    """
    if os.path.isdir(query):
        raise UnreadableInput(query, "is a folder; give one query file (TSV id<TAB>text or JSONL)")
    if not os.path.isfile(query):
        if looks_like_path(query):
            raise UnreadableInput(query, "no such file (it looks like a file name, so it is not matched as text); "
                                         "check the path, or write the claim as a sentence")
        return [("query", query)]
    try:
        with open(query, encoding="utf-8-sig") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise UnreadableInput(query, f"cannot read the query file ({exc})") from exc
    return list(parse_queries(text, query))


def match_factchecks(queries: Sequence[tuple[str, str]], where: StoreLike, top: int = 5, threshold: float = 0.0,
                     lexical: bool = False, batch: int = 64, matcher: str | None = None) -> Iterator[tuple[str, str, list[Match]]]:
    """(id, text, matches) for each query, best match first; results come batch by batch,
    so memory stays flat on long query files. The first match stores the embeddings an
    import deferred (:func:`store_vectors`). ``matcher`` names a variant (``rerank``,
    ``hybrid``, ``accurate``, ``fast``, ``lexical``); by default the best installed."""
    if lexical:
        matcher = "lexical"
    if matcher != "lexical":
        store_vectors(where)
    with opened(where) as store:
        model = Matcher.from_store(store, embed=matcher != "lexical", variant=matcher)
    for start in range(0, len(queries), batch):
        chunk = queries[start : start + batch]
        for (qid, text), matches in zip(chunk, model.match_many([t for _, t in chunk], top=top, threshold=threshold), strict=True):
            yield qid, text, matches
