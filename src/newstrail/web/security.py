"""The web app's security rules: where it may bind, who may write, how much a request may send.

- **Bind**: only to ``web.host``. A host beyond loopback (``0.0.0.0``, a LAN address, a
  name that resolves beyond 127.0.0.0/8 and ::1) needs ``web.token``; :func:`check_bind`
  refuses to start otherwise.
- **Writes** (storing articles, importing fact-checks) need ``Authorization: Bearer
  TOKEN`` (or the ``token`` field of a page's form) when a token is set: 401 without
  one, 403 with a wrong one (compared in constant time).
- **Forms** posted from another site's page are refused (:func:`check_same_origin`).
- **Size**: :class:`BodyLimit` answers 413 to a body over ``web.max_body_bytes``
  (``web.max_upload_bytes`` for multipart uploads), by its Content-Length before
  reading, and by counting as it reads when the length is not declared.
- **URLs** submitted for fetching go through the fetcher with ``fetch.public_only``
  (see :mod:`newstrail.ingest.web`) unless ``web.allow_private_urls``.

>>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("0.0.0.0"), is_loopback("192.168.1.4")
(True, True, False, False)
>>> check_bind(Settings(web_host="0.0.0.0"))
Traceback (most recent call last):
...
newstrail.core.errors.ConfigError: refusing to serve on 0.0.0.0 without a token: anyone who can reach it could write to the store; set NEWSTRAIL_TOKEN (or --token), or bind to 127.0.0.1
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import socket
from typing import Any

from starlette.exceptions import HTTPException

from newstrail.core.config import Settings
from newstrail.core.errors import ConfigError
from newstrail.web import TOKEN_ENV
from newstrail.web.errors import payload



def is_loopback(host: str) -> bool:
    """Whether every address ``host`` names is a loopback address (a name is resolved)."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        pass
    try:
        found = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (socket.gaierror, UnicodeError):
        return False
    return bool(found) and all(ipaddress.ip_address(str(a).split("%")[0]).is_loopback for a in found)


def check_bind(settings: Settings) -> None:
    """Raise ConfigError when the app would listen beyond loopback without a token."""
    if not settings.web_token and not is_loopback(settings.web_host):
        raise ConfigError(f"refusing to serve on {settings.web_host} without a token: anyone who can reach it could write "
                          f"to the store; set {TOKEN_ENV} (or --token), or bind to 127.0.0.1")


def check_token(settings: Settings, authorization: str | None, form_token: str | None = None) -> None:
    """Allow a write: no token set, or ``Bearer TOKEN`` (or the form's token) matches it; else 401/403."""
    if not settings.web_token:
        return
    given = form_token
    if authorization:
        scheme, _, value = authorization.partition(" ")
        given = value.strip() if scheme.lower() == "bearer" else None
    if not given:
        raise HTTPException(401, "this server needs a token to write: send 'Authorization: Bearer TOKEN' (on a page: fill in the token)",
                            headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.encode("utf-8"), settings.web_token.encode("utf-8")):
        raise HTTPException(403, "the token is wrong")


def check_same_origin(origin: str | None, host: str | None) -> None:
    """Refuse a form posted from another site (403): a page elsewhere must not make a reader's
    browser store articles on a server without a token (cross-site request forgery).

    Browsers send ``Origin`` with every form POST; a request without one (a script, curl) passes.

    >>> check_same_origin("http://127.0.0.1:8000", "127.0.0.1:8000")
    >>> check_same_origin("https://elsewhere.example", "127.0.0.1:8000")
    Traceback (most recent call last):
    ...
    starlette.exceptions.HTTPException: 403: a form posted from https://elsewhere.example is refused: forms are taken only from this server's own pages
    """
    if origin is None:
        return
    if origin == "null" or origin.split("://", 1)[-1].rstrip("/") != (host or ""):
        raise HTTPException(403, f"a form posted from {origin} is refused: forms are taken only from this server's own pages")


class BodyTooLarge(HTTPException):
    """A request body over the cap (FastAPI passes HTTPExceptions through its body parsing)."""

    def __init__(self, limit: int, setting: str) -> None:
        super().__init__(413, f"request body over the {limit:,}-byte cap ({setting}); send less, or raise {setting}")


class BodyLimit:
    """ASGI middleware: 413 for a body over the cap, declared or counted while it is read."""

    def __init__(self, app: Any, max_body: int, max_upload: int) -> None:
        self.app, self.max_body, self.max_upload = app, max_body, max_upload

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        upload = headers.get(b"content-type", b"").lower().startswith(b"multipart/")
        limit, setting = (self.max_upload, "web.max_upload_bytes") if upload else (self.max_body, "web.max_body_bytes")
        declared = headers.get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            await _refuse(send, BodyTooLarge(limit, setting))
            return
        seen = 0

        async def counted() -> Any:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit, setting)
            return message

        await self.app(scope, counted, send)


async def _refuse(send: Any, error: HTTPException) -> None:
    body = json.dumps(payload(error.status_code, error.detail)).encode("utf-8")
    await send({"type": "http.response.start", "status": error.status_code,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
