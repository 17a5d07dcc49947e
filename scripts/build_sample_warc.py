#!/usr/bin/env python
"""Build src/newstrail/sample/corpus/archive.warc.gz from scripts/sample_warc/*.html.

Every page becomes one WARC ``response`` record whose WARC-Target-URI is the
page's ``<link rel="canonical">`` and whose WARC-Date is the page's
``article:published_time``. To make readers prove they skip what is not an
article, the archive also holds a ``warcinfo`` record, one ``request`` record
and one ``image/png`` response.

The output is deterministic: record ids are uuid5 values derived from the URL
and record type, dates come from the pages, and warcio writes gzip members
without a timestamp. Run it with the project's interpreter:

    .venv/bin/python scripts/build_sample_warc.py
"""

from __future__ import annotations

import re
import struct
import sys
import uuid
import zlib
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "scripts" / "sample_warc"
OUT = ROOT / "src" / "newstrail" / "sample" / "corpus" / "archive.warc.gz"

# A fixed namespace so record ids never change between runs.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://newstrail.example/sample-warc")

_CANONICAL = re.compile(r'<link\s+rel="canonical"\s+href="([^"]+)"', re.I)
_PUBLISHED = re.compile(r'<meta\s+property="article:published_time"\s+content="([^"]+)"', re.I)


def record_id(url: str, kind: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(NAMESPACE, kind + ' ' + url)}>"


def page_facts(html: str, name: str) -> tuple[str, str]:
    url = _CANONICAL.search(html)
    date = _PUBLISHED.search(html)
    if not url or not date:
        sys.exit(f"{name}: needs <link rel=\"canonical\"> and article:published_time")
    return url.group(1), date.group(1)


def tiny_png(width: int = 2, height: int = 2) -> bytes:
    """A valid PNG of a few grey pixels, built byte for byte (no timestamps)."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def http_date(iso: str) -> str:
    from datetime import datetime

    dt = datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ")
    return dt.strftime("%a, %d %b %Y %H:%M:%S GMT")


def main() -> None:
    pages = sorted(PAGES.glob("*.html"))
    if not pages:
        sys.exit(f"no pages in {PAGES}")
    facts = []
    for path in pages:
        html = path.read_text(encoding="utf-8")
        url, date = page_facts(html, path.name)
        facts.append((date, url, html.encode("utf-8")))
    facts.sort()

    buf = BytesIO()
    writer = WARCWriter(buf, gzip=True)

    first_date = facts[0][0]
    info = writer.create_warcinfo_record(
        "archive.warc.gz",
        {"software": "newstrail build_sample_warc.py", "format": "WARC File Format 1.1",
         "description": "Fictional sample pages for the newstrail test corpus"},
    )
    info.rec_headers.replace_header("WARC-Record-ID", record_id("archive.warc.gz", "warcinfo"))
    info.rec_headers.replace_header("WARC-Date", first_date)
    writer.write_record(info)

    for n, (date, url, body) in enumerate(facts):
        if n == 0:
            # The crawler's request for the first page: readers must skip it.
            host = url.split("/")[2]
            path = "/" + url.split("/", 3)[3]
            req_headers = StatusAndHeaders(
                f"GET {path} HTTP/1.1",
                [("Host", host), ("User-Agent", "newstrail-sample-crawler/1.0"), ("Accept", "text/html")],
                is_http_request=True,
            )
            req = writer.create_warc_record(
                url, "request", payload=BytesIO(b""), length=0, http_headers=req_headers,
                warc_headers_dict={"WARC-Record-ID": record_id(url, "request"), "WARC-Date": date},
            )
            writer.write_record(req)

        http_headers = StatusAndHeaders(
            "200 OK",
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body))),
             ("Last-Modified", http_date(date))],
            protocol="HTTP/1.1",
        )
        rec = writer.create_warc_record(
            url, "response", payload=BytesIO(body), length=len(body), http_headers=http_headers,
            warc_headers_dict={"WARC-Record-ID": record_id(url, "response"), "WARC-Date": date},
        )
        writer.write_record(rec)

        if "rowing-crew.png" in body.decode("utf-8"):
            # The photo embedded in that page: a non-HTML response to skip.
            img_url = "https://gullwinglocal.example/images/rowing-crew.png"
            png = tiny_png()
            img_headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "image/png"), ("Content-Length", str(len(png)))], protocol="HTTP/1.1",
            )
            img = writer.create_warc_record(
                img_url, "response", payload=BytesIO(png), length=len(png), http_headers=img_headers,
                warc_headers_dict={"WARC-Record-ID": record_id(img_url, "response"), "WARC-Date": date},
            )
            writer.write_record(img)

    OUT.write_bytes(buf.getvalue())
    print(f"wrote {OUT} ({len(buf.getvalue())} bytes, {len(facts)} pages)")


if __name__ == "__main__":
    main()
