"""The facade over browsing the store: list its articles, and mark the techniques of many texts.

Both only read: :func:`list_articles` filters the stored articles, and
:func:`rhetoric_texts` runs the rhetoric detector over text files, folders of
them, stored articles, a story or the whole store, one result at a time.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from newstrail.api.articles import ensure_rhetoric, rhetoric_file
from newstrail.api.session import StoreLike, opened, settings_of, store_exists, store_location
from newstrail.core.article import Article, Technique
from newstrail.core.dates import latest, parse_date
from newstrail.core.errors import ConfigError, NewstrailError, NotFound, UnreadableInput
from newstrail.core.progress import Progress, Step, counter
from newstrail.core.textio import looks_like_path
from newstrail.store import Store
from newstrail.store.rows import ArticleRow

#: the files a folder given to ``rhetoric`` contributes: plain text and Markdown
TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")


@dataclass(frozen=True)
class ListedArticle:
    """One stored article as ``newstrail list`` shows it."""

    row: ArticleRow

    def to_dict(self) -> dict[str, Any]:
        return asdict(self.row)


def _when(value: str | None, flag: str, end: bool) -> datetime | None:
    if value is None:
        return None
    moment = latest(value) if end else parse_date(value)  # --until 2025-03-06 keeps that whole day
    if moment is None:
        raise ConfigError(f"{flag} {value!r} is not a date; give one like 2025-03-06 or 2025-03-06T14:00Z")
    return moment


def list_articles(where: StoreLike, outlet: str | None = None, since: str | None = None, until: str | None = None,
                  story: str | None = None, limit: int | None = None) -> list[ListedArticle]:
    """Stored articles, newest first (undated last): of ``outlet`` (name or domain, any case),
    published from ``since`` to ``until`` (dates; a day-only ``until`` includes that day;
    with either, undated articles are left out), in ``story``; at most ``limit``.

    >>> import tempfile, os
    >>> from newstrail.api.articles import analyze
    >>> from newstrail.core.config import Settings
    >>> folder = tempfile.mkdtemp()
    >>> path = os.path.join(folder, "a.md")
    >>> _ = open(path, "w").write("---\\noutlet: Bay Herald\\npublished: 2025-03-04\\n---\\n# Pier 9 Closes\\n\\nThe harbor council voted to close Pier 9.")
    >>> settings = Settings(db=os.path.join(folder, "t.db"), detect_language=False)
    >>> _ = list(analyze([path], settings))
    >>> [(a.row.outlet, a.row.title) for a in list_articles(settings, outlet="bay herald", since="2025-03-01")]
    [('Bay Herald', 'Pier 9 Closes')]
    """
    low, high = _when(since, "--since", False), _when(until, "--until", True)
    with opened(where) as store:
        if story and not store.links.stories([story]):
            raise NotFound(f"no story {story!r} in {store.location}; list them with 'newstrail stories'")
        return [ListedArticle(row) for row in store.articles.listing(outlet, low, high, story, limit)]


@dataclass
class TextTechniques:
    """The techniques of one text: a file (offsets into the file as read) or a stored
    article (offsets into its clean text); ``computed`` when found now, not read from the store."""

    source: str
    key: str
    text: str
    techniques: list[Technique] = field(default_factory=list)
    computed: bool = True


def text_files(inputs: Sequence[str]) -> tuple[list[str], list[str], list[NewstrailError]]:
    """Split ``inputs`` into files (folders expanded to their text files, sorted), store keys,
    and errors: a folder without text files, an argument that looks like a missing file."""
    files: list[str] = []
    keys: list[str] = []
    errors: list[NewstrailError] = []
    for item in inputs:
        if os.path.isdir(item):
            found = sorted(str(p) for p in Path(item).rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
                           and not any(part.startswith(".") for part in p.relative_to(item).parts))
            files += found
            if not found:
                errors.append(UnreadableInput(item, f"a folder with no text files ({', '.join(TEXT_SUFFIXES)}) in it"))
        elif os.path.exists(item):
            files.append(item)
        elif looks_like_path(item):
            errors.append(UnreadableInput(item, "no such file (it looks like a file name, so it is not looked up in the store); check the path"))
        else:
            keys.append(item)
    return files, keys, errors


def _stored(source: str, article: Article, spans: str) -> TextTechniques:
    article, computed = ensure_rhetoric(article, spans)
    return TextTechniques(source, article.id, article.text, list(article.rhetoric), computed)


def _from_store(store: Store, keys: Sequence[str], story: str | None, everything: bool) -> tuple[int, Iterator[tuple[str, Article | NewstrailError]]]:
    """How many stored articles there are to read, and (source, article or error) for each."""
    ids = store.links.story_members(story) if story else []
    if story and not ids:
        raise NotFound(f"no story {story!r} in {store.location}; list them with 'newstrail stories'")
    total = len(keys) + len(ids) + (store.articles.count() if everything else 0)

    def each() -> Iterator[tuple[str, Article | NewstrailError]]:
        for key in keys:
            try:
                yield key, store.articles.find(key)
            except NotFound as exc:
                yield key, NotFound(f"{key}: no such file, and {exc}")
        for start in range(0, len(ids), 100):
            yield from ((a.id, a) for a in store.articles.get_many(ids[start : start + 100]))
        if everything:
            yield from ((a.id, a) for a in store.articles.iter_articles())

    return total, each()


def rhetoric_texts(where: StoreLike, inputs: Sequence[str] = (), articles: Sequence[str] = (), story: str | None = None,
                   everything: bool = False, progress: Progress | None = None, as_read: bool = False) -> Iterator[TextTechniques | NewstrailError]:
    """The techniques of every text named: ``inputs`` (text files, folders of them, else
    stored article keys), ``articles`` (keys), every article of ``story``, or
    ``everything`` stored. Yields one result or error a text: files first, then stored
    articles. The store is opened (read-only) only when something is looked up in it.
    ``progress`` hears of each text ("texts"). Files are read as articles are (cleaned
    first) unless ``as_read`` (see :func:`~newstrail.api.articles.rhetoric_file`).
    The ``rhetoric.spans`` setting (of ``where``, when it is settings) picks the span
    finder for files and for stored articles that lack techniques; stored techniques are
    shown as stored.
    """
    spans = settings_of(where).rhetoric_spans
    files, keys, errors = text_files(inputs)
    keys = [*articles, *keys]
    yield from errors
    if not (keys or story or everything):
        yield from _files(files, counter(progress, "texts", len(files)), as_read, spans)
        return
    path = store_location(where)
    if path is not None and not store_exists(path):
        yield from _files(files, counter(progress, "texts", len(files)), as_read, spans)
        yield from (NotFound(f"{key}: no such file, and no store at {path} to look it up in (give --db FILE)") for key in keys)
        if story or everything:
            yield NotFound(f"no store at {path} to read articles from; give --db FILE")
        return
    with opened(where) as store:
        total, found = _from_store(store, keys, story, everything)
        step = counter(progress, "texts", len(files) + total)
        yield from _files(files, step, as_read, spans)
        for source, item in found:
            yield item if isinstance(item, NewstrailError) else _stored(source, item, spans)
            step()



def _files(files: Sequence[str], step: Step, as_read: bool, spans: str) -> Iterator[TextTechniques | NewstrailError]:
    for path in files:
        try:
            found = rhetoric_file(path, as_read, spans)
        except NewstrailError as exc:
            yield exc
        else:
            yield TextTechniques(path, found.key, found.text, found.techniques)
        step()


__all__ = ["ListedArticle", "TextTechniques", "list_articles", "rhetoric_texts", "text_files"]
