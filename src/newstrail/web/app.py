"""The ASGI app: the JSON API (:mod:`newstrail.web.routes`), the pages (:mod:`newstrail.web.pages`), the rules.

>>> from newstrail.core.config import Settings
>>> app = build_app(Settings(db="corpus.db"))
>>> app.openapi_url, sorted(p for p in app.openapi()["paths"] if p.startswith("/api/stories"))
('/openapi.json', ['/api/stories', '/api/stories/{story_id}'])
"""

from __future__ import annotations

from fastapi import FastAPI

from newstrail import __version__
from newstrail.core.config import Settings
from newstrail.web import errors, pages, routes
from newstrail.web.security import BodyLimit
from newstrail.web.state import WebState

DESCRIPTION = """Follow a news claim's trail over a newstrail store: submit articles for analysis (stored or not),
read articles, stories and their provenance traces, search the corpus, match claims against fact-checks.

Errors are JSON: `{"status", "error", "message"}`. Writes (`POST /api/articles`, `/api/articles/upload`,
`/api/factchecks`) need `Authorization: Bearer TOKEN` when the server has a token."""


def build_app(settings: Settings) -> FastAPI:
    """The app over the store ``settings.db`` names; the store is opened per request."""
    # no /docs or /redoc: FastAPI's pages load their scripts from a CDN, and the app must work offline
    app = FastAPI(title="newstrail", version=__version__, description=DESCRIPTION, openapi_url="/openapi.json", docs_url=None, redoc_url=None)
    app.state.web = WebState(settings)
    app.add_middleware(BodyLimit, max_body=settings.web_max_body_bytes, max_upload=settings.web_max_upload_bytes)
    errors.install(app, pages.error_page)
    app.include_router(routes.router)
    app.include_router(pages.router)
    return app
