"""Helpers shared by the reader tests: fictional article text, a WARC builder and a
small web site served by a stdlib HTTP server (the ``site`` fixture in conftest.py).

Everything here is written for the tests about fictional outlets ("The Harbor
Lantern", harborlantern.example; "The Bay Herald", bayherald.example) and
fictional people and events.
"""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

#: A paragraph long enough for trafilatura to take it as an article body.
PIER_PARAGRAPH = (
    "The Porthaven harbor council voted 7 to 2 on Monday to close Pier 9 after an "
    "inspection found that 40 of its oak pilings had rotted through. Repairs are "
    "expected to take 18 months and cost 3.2 million crowns, the council said."
)
FERRY_PARAGRAPH = (
    "The Porthaven ferry crews returned to work on Thursday after the operator agreed "
    "to a new rota, ending a two-week strike that had stranded island residents and "
    "left the north quay empty for the first time in a decade."
)


def html_page(title: str, paragraphs: list[str], head: str = "", lang: str = "en") -> str:
    """A small article page: a title, a nav bar, an <article> with the paragraphs, a footer."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title} | The Harbor Lantern</title>\n{head}\n</head>\n<body>\n"
        '<nav><a href="/">Home</a> | <a href="/city">City</a> | <a href="/sport">Sport</a></nav>\n'
        f"<article>\n<h1>{title}</h1>\n{body}\n</article>\n"
        "<footer>The Harbor Lantern is a community paper in Porthaven.</footer>\n</body>\n</html>\n"
    )


# --- WARC -------------------------------------------------------------------


def build_warc(gzip: bool, pad_ferry: int = 0) -> bytes:
    """A small WARC: one request, two HTML responses and one image response.

    The HTML pages carry no date of their own, so the WARC-Date is the only date
    a reader can find. ``pad_ferry`` adds that many spaces to the second page.
    """
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)

    def response(uri: str, ctype: str, payload: bytes, date: str) -> None:
        http = StatusAndHeaders("200 OK", [("Content-Type", ctype), ("Content-Length", str(len(payload)))], protocol="HTTP/1.1")
        record = writer.create_warc_record(uri, "response", payload=io.BytesIO(payload), http_headers=http, warc_headers_dict={"WARC-Date": date})
        writer.write_record(record)

    request_http = StatusAndHeaders("GET /city/pier-9 HTTP/1.1", [("Host", "harborlantern.example")], is_http_request=True)
    writer.write_record(
        writer.create_warc_record("https://harborlantern.example/city/pier-9", "request", payload=io.BytesIO(b""), http_headers=request_http)
    )
    response(
        "https://harborlantern.example/city/pier-9",
        "text/html; charset=utf-8",
        html_page("Pier 9 Closes", [PIER_PARAGRAPH]).encode(),
        "2025-03-06T08:00:00Z",
    )
    response("https://harborlantern.example/img/pier.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(200), "2025-03-06T08:00:01Z")
    response(
        "https://harborlantern.example/city/ferry-strike-ends",
        "text/html",
        html_page("Ferry Strike Ends", [FERRY_PARAGRAPH + " " * pad_ferry]).encode(),
        "2025-03-07T09:15:00Z",
    )
    return buf.getvalue()


# --- a local web site ---------------------------------------------------------


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    at: float


@dataclass
class Site:
    """A web server on 127.0.0.1 whose routes are plain functions.

    ``routes[path](site, handler)`` answers a GET; ``hits`` records every request
    (path, headers, time) in the order the server saw them.
    """

    base: str = ""
    routes: dict[str, Callable] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self) -> list[str]:
        with self.lock:
            return [h.path for h in self.hits]

    def hits_of(self, path: str) -> list[Hit]:
        with self.lock:
            return [h for h in self.hits if h.path == path]


def send(handler: BaseHTTPRequestHandler, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8", headers: dict[str, str] | None = None) -> None:
    """Answer a request with a status, a body (with its Content-Length) and headers."""
    handler.send_response(status)
    handler.send_header("Content-Type", ctype)
    handler.send_header("Content-Length", str(len(body)))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)


class Handler(BaseHTTPRequestHandler):
    site: Site  # set on the subclass made per server

    def do_GET(self) -> None:  # noqa: N802 (stdlib name)
        with self.site.lock:
            self.site.hits.append(Hit(self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic()))
        route = self.site.routes.get(self.path.split("?", 1)[0])
        try:
            if route is None:
                send(self, 404, b"<html><body>not here</body></html>")
            else:
                route(self.site, self)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test); nothing to answer

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (stdlib signature)
        pass


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass


