"""What the app keeps between requests: its settings, the claim index, the write lock."""

from __future__ import annotations

import threading

from fastapi import Header, Request

from newstrail import api
from newstrail.core.config import Settings
from newstrail.web.security import check_token


class WebState:
    """The app's settings (as given, and as submissions are analysed) and what outlives a request.

    Submissions run the rhetoric stage even where the settings leave it out of ``analyze``
    (a reader of one article wants it) and fetch URLs with ``fetch.public_only`` unless
    ``web.allow_private_urls``.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        public_only = settings.fetch_public_only or not settings.web_allow_private_urls
        self.analysis = api.with_stage(settings, "rhetoric").replace(rhetoric=True, fetch_public_only=public_only)
        self.claims = api.ClaimSearch(settings)
        #: one write at a time: SQLite has one writer, and a second would wait on its lock anyway
        self.write_lock = threading.Lock()


def web_state(request: Request) -> WebState:
    """The app's state (a FastAPI dependency)."""
    state: WebState = request.app.state.web
    return state


def writer(request: Request, authorization: str | None = Header(default=None, description="Bearer TOKEN, when the server has a token")) -> WebState:
    """The app's state for a request that writes: checks the token first (a FastAPI dependency)."""
    state = web_state(request)
    check_token(state.settings, authorization)
    return state
