"""Fetching URLs and feeds over HTTP(S) with httpx.

A :class:`Fetcher` holds one connection pool for a batch. Every fetch has a
timeout, a size cap (the body is streamed and dropped past ``max_input_bytes``),
a redirect limit, a user agent that says who is asking, and retries with
exponential back-off on connection errors, timeouts, 429 and 5xx answers.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from newstrail.core.config import Settings
from newstrail.core.errors import FetchError, InputTooLarge

_RETRY_STATUS = {429, 500, 502, 503, 504}


@dataclass
class Page:
    url: str  # after redirects
    content_type: str
    body: bytes


class Fetcher:
    """HTTP client for a batch; use as a context manager or call :meth:`close`.

    >>> with Fetcher(Settings()) as fetch:  # doctest: +SKIP
    ...     page = fetch.get("https://harbor.example/a")
    """

    def __init__(self, settings: Settings) -> None:
        import httpx

        self._httpx = httpx
        self.settings = settings
        self.client = httpx.Client(
            timeout=httpx.Timeout(settings.fetch_timeout),
            follow_redirects=True,
            max_redirects=settings.max_redirects,
            headers={"User-Agent": settings.user_agent, "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,*/*;q=0.5"},
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def get(self, url: str) -> Page:
        """Fetch ``url``; raises :class:`FetchError` or :class:`InputTooLarge`."""
        httpx = self._httpx
        pause = self.settings.fetch_backoff
        attempts = self.settings.fetch_retries + 1
        last = "no attempt made"
        for attempt in range(attempts):
            if attempt:
                time.sleep(pause)
                pause *= 2
            try:
                return self._get_once(url)
            except _Retry as exc:
                last = str(exc)
            except httpx.TooManyRedirects:
                raise FetchError(url, f"more than {self.settings.max_redirects} redirects (max_redirects)") from None
            except httpx.UnsupportedProtocol as exc:  # a TransportError, but no retry can fix it
                raise FetchError(url, f"not a web URL ({exc})") from None
            except httpx.TimeoutException:
                last = f"timed out after {self.settings.fetch_timeout:g} s (fetch_timeout)"
            except httpx.TransportError as exc:
                last = f"connection failed ({type(exc).__name__}: {exc})"
            except httpx.InvalidURL as exc:
                raise FetchError(url, f"invalid URL ({exc})") from None
        raise FetchError(url, f"{last}; gave up after {attempts} attempt(s)")

    def _get_once(self, url: str) -> Page:
        cap = self.settings.max_input_bytes
        with self.client.stream("GET", url) as response:
            if response.status_code in _RETRY_STATUS:
                raise _Retry(f"HTTP {response.status_code}")
            if response.status_code >= 400:
                raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}")
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > cap:
                raise InputTooLarge(url, f"{int(declared):,} bytes declared, over the {cap:,}-byte cap (max_input_bytes)")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > cap:
                    raise InputTooLarge(url, f"body over the {cap:,}-byte cap (max_input_bytes)")
                chunks.append(chunk)
            return Page(str(response.url), response.headers.get("Content-Type", ""), b"".join(chunks))


class _Retry(Exception):
    pass
