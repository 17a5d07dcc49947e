"""Fetching URLs and feeds over HTTP(S) with httpx.

A :class:`Fetcher` holds one connection pool for a batch. Every fetch has a
timeout per read, an overall deadline (``fetch_deadline``: a server that drips its
headers or body a byte a second keeps every read alive, so only a deadline ends it),
a size cap (the body is streamed and dropped past ``max_input_bytes``), a redirect
limit, a user agent that says who is asking, and retries with exponential back-off
on connection errors, timeouts, 429 and 5xx answers.

With ``fetch.public_only`` (the web app's default) every connection, redirects
included, goes only to a public address: the host is resolved once, each of its
addresses must be global (not loopback, private, link-local, reserved or
unspecified), and the socket connects to the address that was checked, so a
name that resolves differently a moment later (DNS rebinding) cannot slip past.

>>> public_address("10.0.0.7", 80)
Traceback (most recent call last):
...
newstrail.core.errors.RefusedAddress: 10.0.0.7: resolves to 10.0.0.7, a private address; fetching it is refused (fetch.public_only; newstrail serve allows it with web.allow_private_urls = true)
"""

from __future__ import annotations

import concurrent.futures
import email.utils
import ipaddress
import socket
import time
from dataclasses import dataclass
from datetime import timezone
from typing import Any

from newstrail.core.config import Settings
from newstrail.core.errors import FetchError, InputTooLarge, RefusedAddress
from newstrail.outlets import without_credentials

_RETRY_STATUS = {429, 500, 502, 503, 504}


@dataclass
class Page:
    url: str  # after redirects
    content_type: str
    body: bytes
    #: 304 when a conditional request found the page unchanged (the body is then empty)
    status: int = 200
    #: the validators the server gave (``ETag``, ``Last-Modified``), for the next conditional request
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Validators:
    """What a conditional request sends: the page is fetched only if it changed since."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        """The request headers: ``If-None-Match`` and ``If-Modified-Since``.

        >>> Validators('"v2"', "Mon, 07 Dec 2026 10:00:00 GMT").headers()
        {'If-None-Match': '"v2"', 'If-Modified-Since': 'Mon, 07 Dec 2026 10:00:00 GMT'}
        """
        out = {}
        if self.etag:
            out["If-None-Match"] = self.etag
        if self.last_modified:
            out["If-Modified-Since"] = self.last_modified
        return out


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """The seconds a ``Retry-After`` header asks to wait (a number, or an HTTP date), or None.

    >>> retry_after("120"), retry_after("soon"), retry_after(None)
    (120.0, None, None)
    >>> retry_after("Mon, 07 Dec 2026 10:02:00 GMT", now=1796637600.0)
    120.0
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class Fetcher:
    """HTTP client for a batch; use as a context manager or call :meth:`close`.

    >>> with Fetcher(Settings()) as fetch:  # doctest: +SKIP
    ...     page = fetch.get("https://harbor.example/a")
    """

    def __init__(self, settings: Settings) -> None:
        import httpx

        self._httpx = httpx
        self.settings = settings
        self.client = self._client()
        # fetches run in a worker so the caller can stop waiting at the deadline
        self._worker = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="newstrail-fetch")

    def _client(self) -> Any:
        httpx = self._httpx
        return httpx.Client(
            transport=_public_transport() if self.settings.fetch_public_only else None,
            timeout=httpx.Timeout(self.settings.fetch_timeout),
            follow_redirects=True,
            max_redirects=self.settings.max_redirects,
            headers={"User-Agent": self.settings.user_agent, "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,*/*;q=0.5"},
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()
        self._worker.shutdown(wait=False)

    def get(self, url: str, deadline: float | None = None, since: Validators | None = None) -> Page:
        """Fetch ``url`` within ``deadline`` seconds (default ``fetch_deadline``), retries
        included; raises :class:`FetchError` (with the server's ``Retry-After``, if it gave
        one) or :class:`InputTooLarge`. With ``since``, the request is conditional: an
        unchanged page comes back as status 304 with no body."""
        limit = self.settings.fetch_deadline if deadline is None else min(deadline, self.settings.fetch_deadline)
        ends = time.monotonic() + limit
        job = self._worker.submit(self._get_retrying, url, ends, since.headers() if since else {})
        shown = without_credentials(url)
        try:
            return job.result(timeout=limit)
        except concurrent.futures.TimeoutError:
            # Closing the pool closes the socket the worker waits on, so it stops too;
            # the next fetch gets a fresh pool.
            stuck, self.client = self.client, self._client()
            stuck.close()
            raise FetchError(shown, f"not done after {limit:g} s (fetch_deadline): the server answers too slowly") from None

    def _get_retrying(self, url: str, ends: float, headers: dict[str, str]) -> Page:
        httpx = self._httpx
        shown = without_credentials(url)  # what messages name: never the user name or password
        pause = self.settings.fetch_backoff
        attempts = self.settings.fetch_retries + 1
        last, made, wait = "no attempt made", 0, None
        for attempt in range(attempts):
            if attempt:
                pause = max(pause, wait or 0.0)  # the server's Retry-After, when longer
                if time.monotonic() + pause >= ends:
                    break
                time.sleep(pause)
                pause *= 2
            made += 1
            try:
                return self._get_once(url, ends, headers)
            except RefusedAddress as exc:  # raised for a host: name the URL asked for
                raise RefusedAddress(shown, exc.reason) from None
            except _Retry as exc:
                last, wait = str(exc), exc.retry_after
            except httpx.TooManyRedirects:
                raise FetchError(shown, f"more than {self.settings.max_redirects} redirects (max_redirects)") from None
            except httpx.UnsupportedProtocol as exc:  # a TransportError, but no retry can fix it
                raise FetchError(shown, f"not a web URL ({exc})") from None
            except httpx.TimeoutException:
                last = f"timed out after {self.settings.fetch_timeout:g} s (fetch_timeout)"
            except httpx.TransportError as exc:
                last = f"connection failed ({type(exc).__name__}: {exc})"
            except httpx.InvalidURL as exc:
                raise FetchError(shown, f"invalid URL ({exc})") from None
        raise FetchError(shown, f"{last}; gave up after {made} attempt(s)", retry_after=wait)

    def _get_once(self, url: str, ends: float, headers: dict[str, str]) -> Page:
        cap = self.settings.max_input_bytes
        shown = without_credentials(url)
        with self.client.stream("GET", url, headers=headers) as response:
            if response.status_code in _RETRY_STATUS:
                asked = retry_after(response.headers.get("Retry-After"))
                raise _Retry(f"HTTP {response.status_code}" + (f" (Retry-After: {asked:g} s)" if asked is not None else ""), asked)
            final = without_credentials(str(response.url))
            if response.status_code == 304 and headers:
                return Page(final, response.headers.get("Content-Type", ""), b"", 304, *_validators(response.headers))
            if response.status_code >= 400:
                raise FetchError(shown, f"HTTP {response.status_code} {response.reason_phrase}")
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > cap:
                raise InputTooLarge(shown, f"{int(declared):,} bytes declared, over the {cap:,}-byte cap (max_input_bytes)")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                if time.monotonic() > ends:
                    raise FetchError(shown, f"body not done within {self.settings.fetch_deadline:g} s (fetch_deadline): the server answers too slowly")
                size += len(chunk)
                if size > cap:
                    raise InputTooLarge(shown, f"body over the {cap:,}-byte cap (max_input_bytes)")
                chunks.append(chunk)
            return Page(final, response.headers.get("Content-Type", ""), b"".join(chunks), response.status_code, *_validators(response.headers))


def _validators(headers: Any) -> tuple[str | None, str | None]:
    return headers.get("ETag"), headers.get("Last-Modified")


class _Retry(Exception):
    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def _kind_of_address(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why ``ip`` is not a public address (``None`` when it is)."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for kind in ("loopback", "link_local", "private", "multicast", "unspecified", "reserved"):
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    return None if ip.is_global else "non-public"


def public_address(host: str, port: int) -> str:
    """The first address ``host`` resolves to, when every one of them is public; else RefusedAddress.

    >>> public_address("127.0.0.1", 80)
    Traceback (most recent call last):
    ...
    newstrail.core.errors.RefusedAddress: 127.0.0.1: resolves to 127.0.0.1, a loopback address; fetching it is refused (fetch.public_only; newstrail serve allows it with web.allow_private_urls = true)
    """
    try:
        found = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(host, f"cannot resolve the host ({exc})") from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in found))
    for address in addresses:
        why = _kind_of_address(ipaddress.ip_address(address.split("%")[0]))
        if why:
            raise RefusedAddress(host, f"resolves to {address}, a {why} address; fetching it is refused "
                                       "(fetch.public_only; newstrail serve allows it with web.allow_private_urls = true)")
    return addresses[0]


def _public_transport() -> Any:
    """An httpx transport whose every connection goes to a checked public address."""
    import httpcore
    import httpx

    class PublicOnly(httpcore.SyncBackend):
        def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                        socket_options: Any = None) -> httpcore.NetworkStream:
            # TLS still checks the certificate against the URL's host name (httpcore passes it as SNI)
            return super().connect_tcp(public_address(host, port), port, timeout, local_address, socket_options)

    transport = httpx.HTTPTransport()
    # httpx takes no network backend of its own; its pool is rebuilt around ours (the same defaults)
    transport._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(), network_backend=PublicOnly())
    return transport
