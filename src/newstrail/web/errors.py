"""How the web app tells errors: JSON ``{"status", "error", "message"}`` under ``/api``, an HTML page elsewhere.

Library errors map to HTTP statuses in one place (:data:`STATUSES`, the first
match wins, subclasses first), as the command line maps them to exit codes.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException

from newstrail.core.errors import ConfigError, InputError, InputTooLarge, MissingExtra, NewstrailError, NotFound, RefusedAddress, StoreError

#: library error class -> HTTP status; the first match in order wins
STATUSES: tuple[tuple[type[NewstrailError], int], ...] = (
    (NotFound, 404),
    (StoreError, 503),
    (ConfigError, 400),
    (RefusedAddress, 403),
    (InputTooLarge, 413),
    (InputError, 422),
    (MissingExtra, 501),
    (NewstrailError, 500),
)
_NAMES = {400: "bad request", 401: "unauthorized", 403: "forbidden", 404: "not found", 405: "method not allowed",
          413: "too large", 422: "unprocessable", 500: "server error", 501: "not available", 503: "unavailable"}
log = logging.getLogger("newstrail.web")


def status_for(error: NewstrailError) -> int:
    """The HTTP status of a library error.

    >>> status_for(NotFound("no article 'x'")), status_for(RefusedAddress("http://10.0.0.1/", "private"))
    (404, 403)
    """
    return next(code for kind, code in STATUSES if isinstance(error, kind))


def payload(status: int, message: str) -> dict[str, Any]:
    """The JSON body of an error response.

    >>> payload(404, "no article 'x'")
    {'status': 404, 'error': 'not found', 'message': "no article 'x'"}
    """
    return {"status": status, "error": _NAMES.get(status, "error"), "message": message}


def install(app: FastAPI, page: Any) -> None:
    """Register the handlers; ``page(request, status, message)`` renders the HTML error page."""

    def respond(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Any:
        db = request.app.state.web.settings.db
        message = message.replace(db, os.path.basename(db))  # the server's folders are nobody else's business
        if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
            return JSONResponse(payload(status, message), status_code=status, headers=headers)
        return page(request, status, message)

    @app.exception_handler(NewstrailError)
    async def library_error(request: Request, exc: NewstrailError) -> Any:
        return respond(request, status_for(exc), str(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Any:
        return respond(request, exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Any:
        problems = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors())
        return respond(request, 422, f"the request does not fit: {problems}")

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Any:
        log.exception("unexpected error on %s", request.url.path)
        return respond(request, 500, f"unexpected error ({type(exc).__name__}); the server log has the details")

