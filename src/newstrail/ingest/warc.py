"""WARC archives: every HTML response record becomes an article.

Requests, metadata records and non-HTML responses (images, scripts) are skipped
silently; an HTML response that holds no article is reported like any other page.
The record's target URI is the page's URL and its WARC-Date the fallback publish
date.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from newstrail.core.article import Article
from newstrail.core.errors import InputError, InputTooLarge, UnreadableInput
from newstrail.ingest.html import article_from_html
from newstrail.ingest.kinds import sniff
from newstrail.ingest.metadata import apply_fields


def read_warc(stream: BinaryIO, where: str, max_bytes: int) -> Iterator[Article | InputError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    # warcio reads any line of five words as an ARC header, so a text file named
    # .warc would give no records and no error: check the first bytes first.
    start = stream.tell()
    head = stream.read(4096)
    stream.seek(start)
    if sniff(head) != "warc":
        yield UnreadableInput(where, "not a WARC or ARC archive (it does not start with a WARC/ or filedesc:// record)")
        return
    try:
        for uri, here, date, body in _html_responses(ArchiveIterator(stream), where, max_bytes):
            if len(body) > max_bytes:
                yield InputTooLarge(here, f"response over the {max_bytes:,}-byte cap (max_input_bytes)")
                continue
            try:
                article = article_from_html(body, here, url=uri or None)
            except InputError as exc:
                yield exc
                continue
            if not article.published:
                apply_fields(article, {"published": date}, here)
            yield article
    except ArchiveLoadFailed as exc:
        # the first record is checked above, so this is junk after good records
        yield UnreadableInput(where, f"unreadable data after the last good WARC record ({str(exc).strip()[:120]}); the records before it were read")
    except _Damaged as exc:
        yield UnreadableInput(where, f"damaged WARC archive ({exc}); the records before it were read")


class _Damaged(Exception):
    pass


def _html_responses(records, where: str, max_bytes: int):
    """(uri, where, WARC-Date, body) of each HTML response; a body over the cap is cut
    at ``max_bytes + 1``. warcio lets its parsers' own errors (AttributeError,
    ValueError, zlib.error...) out on a damaged archive: they become :class:`_Damaged`."""
    from warcio.exceptions import ArchiveLoadFailed

    previous = None
    while True:
        try:
            record = next(records, None)
            if record is None:
                if previous is not None and getattr(previous.raw_stream, "limit", 0) > 0:
                    raise _Damaged("truncated: the last record ends before its Content-Length; the file was cut short")
                return
            previous = record
            if not record.rec_type:
                raise _Damaged("truncated or trailing data: a record without a WARC-Type at the end")
            if record.rec_type != "response":
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            here = f"{where}#{uri or record.rec_headers.get_header('WARC-Record-ID')}"
            ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
            if "html" not in ctype.lower():
                continue
            body = record.content_stream().read(max_bytes + 1)
            date = record.rec_headers.get_header("WARC-Date")
        except (ArchiveLoadFailed, _Damaged):
            raise
        except Exception as exc:  # noqa: BLE001 -- see the docstring
            raise _Damaged(f"{type(exc).__name__}: {exc}") from exc
        yield uri, here, date, body
