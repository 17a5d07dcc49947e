"""Sources of Articles: files, folders, globs, stdin, URLs and feeds.

:func:`read_inputs` takes what a user typed and yields, for every article found,
an :class:`~newstrail.core.article.Article`, and for every input that failed, the
:class:`~newstrail.core.errors.InputError` that says why. It never raises for one bad
input, so a batch always goes on.

>>> from newstrail.core.config import Settings
>>> items = list(read_inputs(["no/such/file.txt"], Settings()))
>>> str(items[0])
'no/such/file.txt: no such file or folder'

The kind of a file is told by its extension, and by its first bytes when the
extension says nothing (``-`` for stdin always goes by its bytes).
"""

from __future__ import annotations

import glob
import io
import os
import re
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from newstrail.core.article import Article
from newstrail.core.config import Settings
from newstrail.core.textio import not_regular
from newstrail.core.errors import FetchError, InputError, InputTooLarge, UnreadableInput
from newstrail.outlets import is_web_url, without_credentials
from newstrail.ingest.feeds import Fetch, looks_like_feed, read_feed
from newstrail.ingest.html import article_from_html
from newstrail.ingest.kinds import sniff
from newstrail.ingest.records import read_delimited, read_json, read_jsonl
from newstrail.ingest.text import article_from_text
from newstrail.ingest.warc import read_warc

__all__ = ["Item", "document_cap", "entry_fetch", "kind_of", "read_bytes", "read_inputs", "read_url"]

Item = Article | InputError

_BY_EXTENSION = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".warc": "warc",
    ".arc": "warc",
    ".rss": "feed",
    ".atom": "feed",
}


def kind_of(name: str, head: bytes) -> str:
    """The input kind of a file from its name, else from its first bytes."""
    lower = name.lower()
    if lower.endswith((".warc.gz", ".arc.gz")):
        return "warc"
    kind = _BY_EXTENSION.get(os.path.splitext(lower)[1])
    if kind:
        return kind
    return sniff(head)


def _decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableInput(
            where,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); convert it first, e.g. iconv -f latin1 -t utf-8",
        ) from None


def read_bytes(data: bytes, where: str, settings: Settings, kind: str | None = None, url: str | None = None, fetch=None) -> Iterator[Item]:
    """Articles from an input's bytes, whose kind is given or sniffed."""
    kind = kind or sniff(data[:4096])
    cap = settings.max_input_bytes
    try:
        if kind == "warc":
            yield from read_warc(io.BytesIO(data), where, cap)
        elif kind == "feed":
            yield from read_feed(data, where, fetch=fetch, base_url=url)
        elif kind in ("json", "jsonl", "csv", "tsv"):
            stream = io.StringIO(_decode(data, where), newline="")
            if kind == "json":
                yield from read_json(stream.getvalue(), where, cap)
            elif kind == "jsonl":
                yield from read_jsonl(stream, where, cap)
            else:
                yield from read_delimited(stream, where, cap, delimiter="\t" if kind == "tsv" else ",")
        elif len(data) > cap:
            yield InputTooLarge(where, f"{len(data):,} bytes, over the {cap:,}-byte cap for one article (max_input_bytes)")
        elif kind == "html":
            yield article_from_html(data, where, url=url)
        else:
            yield article_from_text(_decode(data, where), where, fields={"url": url} if url else None)
    except InputError as exc:
        yield exc


def _expand(spec: str) -> Iterator[tuple[str, Path | None]]:
    """Files named by one path, folder or glob; (spec, None) when nothing matches.

    Folders and ``**`` globs follow symbolic links to folders, each real folder once, so
    a link that points back up (a loop) is read once, not until the path is too long.
    """
    path = Path(spec)
    if path.is_dir():
        found = False
        for full in _walk(path):
            found = True
            yield str(full), full
        if not found:
            yield spec, None
    elif path.exists() or path.is_symlink():
        yield spec, path
    elif any(ch in spec for ch in "*?["):
        matches = _recursive_glob(spec) if "**" in spec else sorted(glob.glob(spec))
        if not matches:
            yield spec, None
        for match in matches:
            if not os.path.isdir(match):  # a FIFO or device is named, then refused by _read_file
                yield match, Path(match)
    else:
        yield spec, None


def _walk(root: Path) -> Iterator[Path]:
    """Every non-hidden file under ``root``, sorted, each real folder visited once."""
    seen: set[str] = set()
    for folder, dirs, files in os.walk(root, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and os.path.realpath(os.path.join(folder, d)) not in seen)
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(folder) / name


def _recursive_glob(spec: str) -> list[str]:
    """The files a ``**`` pattern names, walking from its fixed leading folders (see :func:`_walk`)."""
    parts = Path(spec).parts
    fixed = next((i for i, part in enumerate(parts) if any(ch in part for ch in "*?[")), len(parts))
    base = Path(*parts[:fixed]) if fixed else Path(".")
    pattern = _glob_pattern("/".join(parts[fixed:]))
    found = []
    for full in _walk(base):
        if pattern.fullmatch(full.relative_to(base).as_posix()):
            found.append(str(full) if fixed else full.as_posix())
    return found


def _glob_pattern(pattern: str) -> re.Pattern[str]:
    """A glob (``**/`` any folders, ``*`` and ``?`` within one name, ``[...]``) as a regex."""
    out = []
    for token in re.findall(r"\*\*/|\*\*|\*|\?|\[[^\]/]+\]|[^*?\[]+|\[", pattern):
        if token == "**/":
            out.append("(?:[^/]+/)*")
        elif token == "**":
            out.append(".*")
        elif token == "*":
            out.append("[^/]*")
        elif token == "?":
            out.append("[^/]")
        elif token.startswith("[") and len(token) > 2:
            out.append("[^" + re.escape(token[2:-1]) + "]" if token[1] == "!" else "[" + re.escape(token[1:-1]) + "]")
        else:
            out.append(re.escape(token))
    return re.compile("".join(out))


def read_inputs(specs: Iterable[str], settings: Settings, stdin=None) -> Iterator[Item]:
    """Every article (or error) from paths, folders, globs, ``-`` (stdin) and URLs."""
    fetcher = None
    try:
        for spec in specs:
            if spec == "-":
                stream = stdin if stdin is not None else sys.stdin.buffer
                yield from _read_stdin(stream, settings)
            elif is_web_url(spec):
                if fetcher is None:
                    from newstrail.ingest.web import Fetcher

                    fetcher = Fetcher(settings)
                yield from read_url(spec, settings, fetcher)
            else:
                for where, path in _expand(spec):
                    if path is None:
                        what = "no files in folder" if Path(spec).is_dir() else "no such file or folder"
                        yield UnreadableInput(where, what)
                        continue
                    yield from _read_file(path, where, settings)
    finally:
        if fetcher is not None:
            fetcher.close()


def planned_articles(specs: Iterable[str]) -> int | None:
    """How many outcomes :func:`read_inputs` will give, when that is known before reading:
    every input is a local file of one article (HTML, text) or names nothing. ``None``
    when an input may hold any number of articles (records, WARC, feeds, URLs, stdin),
    so a progress bar counts without a total rather than guess one.
    """
    total = 0
    for spec in specs:
        if spec == "-" or is_web_url(spec):
            return None
        for _where, path in _expand(spec):
            if path is not None:
                kind = _BY_EXTENSION.get(path.suffix.lower())
                if kind is None and not_regular(path):
                    kind = "text"  # a FIFO or device: refused unread (opening a FIFO would block), one outcome
                if kind is None:
                    try:
                        with path.open("rb") as handle:  # what read_inputs will sniff, from the same bytes
                            kind = kind_of(path.name, handle.read(4096))
                    except OSError:
                        kind = "text"  # unreadable: one failure outcome
                if kind not in ("html", "text"):
                    return None
            total += 1
    return total


def document_cap(settings: Settings) -> int:
    """The most bytes read whole for one input (standard input, a JSON document): four
    times ``max_input_bytes`` (at least 1 MB), since such a document may hold a few
    articles. Bigger exports go in JSON Lines, CSV or WARC files, read as streams."""
    return max(4 * settings.max_input_bytes, 1_000_000)


def _read_stdin(stream, settings: Settings) -> Iterator[Item]:
    cap = document_cap(settings)
    data = stream.read(cap + 1)  # never more than the cap, whatever is piped in
    if len(data) > cap:
        yield InputTooLarge("<stdin>", f"standard input is over {cap:,} bytes (4 x max_input_bytes); save it to a .jsonl, .csv or .warc file, which are read as streams")
        return
    yield from read_bytes(data, "<stdin>", settings)


def _refusal(path: Path, where: str) -> InputError | None:
    """Why ``path`` is not read: a FIFO would block, a device (``/dev/zero``) never ends."""
    why = not_regular(path)
    return UnreadableInput(where, why) if why else None


def _read_file(path: Path, where: str, settings: Settings) -> Iterator[Item]:
    refused = _refusal(path, where)
    if refused is not None:
        yield refused
        return
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
            kind = kind_of(path.name, head)
            size = os.fstat(handle.fileno()).st_size
            # Single-article files over the cap are refused without reading them whole.
            if kind in ("html", "text") and size > settings.max_input_bytes:
                yield InputTooLarge(where, f"{size:,} bytes, over the {settings.max_input_bytes:,}-byte cap for one article (max_input_bytes)")
                return
            if kind in _STREAMED:
                handle.seek(0)
                yield from _read_stream(handle, where, settings, kind)
                return
            if size > document_cap(settings):
                yield InputTooLarge(where, f"{size:,} bytes, over the {document_cap(settings):,}-byte cap for a document read whole (4 x max_input_bytes); write it as JSON Lines, which are read as a stream")
                return
            data = head + handle.read(document_cap(settings) + 1 - len(head))
    except OSError as exc:
        yield UnreadableInput(where, f"cannot read ({exc.strerror or exc})")
        return
    yield from read_bytes(data, where, settings, kind=kind)


# Containers of many articles are read as streams, so memory follows the batch, not the file.
_STREAMED = ("warc", "jsonl", "csv", "tsv")


def _read_stream(handle, where: str, settings: Settings, kind: str) -> Iterator[Item]:
    cap = settings.max_input_bytes
    if kind == "warc":
        yield from read_warc(handle, where, cap)
        return
    stream = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    try:
        if kind == "jsonl":
            yield from read_jsonl(stream, where, cap)
        else:
            yield from read_delimited(stream, where, cap, delimiter="\t" if kind == "tsv" else ",")
    except UnicodeDecodeError as exc:
        yield UnreadableInput(where, f"not valid UTF-8 ({exc.reason}); the records before it were read; convert the file first, e.g. iconv -f latin1 -t utf-8")


def entry_fetch(settings: Settings, fetcher) -> Fetch:
    """How a feed's entries' pages are fetched with ``fetcher``: a feed and the pages of its
    entries share one deadline (``feed_deadline``), which starts now."""
    ends = time.monotonic() + settings.feed_deadline

    def fetch(link: str) -> tuple[str, bytes]:
        left = ends - time.monotonic()
        if left <= 0:
            raise FetchError(link, f"not fetched: the feed's {settings.feed_deadline:g} s are spent (feed_deadline)")
        page = fetcher.get(link, deadline=left)
        return page.url, page.body

    return fetch


def read_url(url: str, settings: Settings, fetcher) -> Iterator[Item]:
    """The articles at ``url`` (a page, a feed and its entries), fetched with ``fetcher`` (an ingest.web Fetcher)."""
    fetch = entry_fetch(settings, fetcher)
    shown = without_credentials(url)  # the name the articles and messages carry
    try:
        page = fetcher.get(url)
    except InputError as exc:
        yield exc
        return
    ctype = page.content_type.lower()
    if "rss" in ctype or "atom" in ctype or looks_like_feed(page.body[:2048]):
        kind = "feed"
    elif "html" in ctype:
        kind = "html"
    else:
        kind = None
    yield from read_bytes(page.body, shown, settings, kind=kind, url=page.url, fetch=fetch)
