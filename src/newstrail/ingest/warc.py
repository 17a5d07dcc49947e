"""WARC archives: every HTML response record becomes an article.

Requests, metadata records and non-HTML responses (images, scripts) are skipped
silently; an HTML response that holds no article is reported like any other page.
The record's target URI is the page's URL and its WARC-Date the fallback publish
date.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from ..article import Article
from ..errors import InputError, InputTooLarge, UnreadableInput
from .html import article_from_html
from .metadata import apply_fields


def read_warc(stream: BinaryIO, where: str, max_bytes: int) -> Iterator[Article | InputError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response":
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            here = f"{where}#{uri or record.rec_headers.get_header('WARC-Record-ID')}"
            ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
            if "html" not in ctype.lower():
                continue
            body = record.content_stream().read(max_bytes + 1)
            if len(body) > max_bytes:
                yield InputTooLarge(here, f"response over the {max_bytes:,}-byte cap (max_input_bytes)")
                continue
            fields = {"published": record.rec_headers.get_header("WARC-Date")}
            try:
                article = article_from_html(body, here, url=uri or None)
            except InputError as exc:
                yield exc
                continue
            if not article.published:
                apply_fields(article, fields, here)
            yield article
    except ArchiveLoadFailed as exc:
        yield UnreadableInput(where, f"not a readable WARC archive ({str(exc).strip()})")
