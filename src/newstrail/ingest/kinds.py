"""What kind of input a stream of bytes is, from its first bytes (the readers' dispatch).

>>> sniff(b"WARC/1.1\\r\\n"), sniff(b"<!DOCTYPE html><html>"), sniff(b'{"id": 1}'), sniff(b"Pier 9")
('warc', 'html', 'jsonl', 'text')
"""

from __future__ import annotations

import gzip
import io
import zlib

from newstrail.ingest.feeds import looks_like_feed


def sniff(head: bytes) -> str:
    """Guess the kind from content: WARC, feed, HTML, JSON Lines, else text."""
    if head[:2] == b"\x1f\x8b":
        try:  # a truncated gzip head still gives its first bytes
            head = gzip.GzipFile(fileobj=io.BytesIO(head)).read(64)
        except (OSError, EOFError, zlib.error):  # zlib.error: a gzip magic number over corrupt data
            head = b""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:512]
    if start.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    if looks_like_feed(start):
        return "feed"
    low = start.lower()
    if low.startswith((b"<!doctype html", b"<html")) or b"<body" in low or b"<head" in low:
        return "html"
    if start.startswith(b"{"):
        return "jsonl"
    return "text"
