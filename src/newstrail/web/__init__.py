"""The web app: ``newstrail serve``, an ASGI app (FastAPI) over the library facade (:mod:`newstrail.api`).

JSON API under ``/api`` (OpenAPI at ``/openapi.json``) and
server-rendered pages: the corpus overview, a story's timeline, an article, search,
and a form that analyses a pasted article. It needs the ``web`` extra
(``pip install 'newstrail[web]'``); this package imports FastAPI only when an app is
built, so ``import newstrail`` never loads it.

Security rules (see :mod:`newstrail.web.security`): the server binds to the one host
it is given; beyond loopback it refuses to start without a token; writes (storing
articles, importing fact-checks) need the token when one is set; request bodies and
uploads are capped; a submitted URL that resolves to a loopback, private or link-local
address is refused unless ``web.allow_private_urls`` is set.

>>> from newstrail.core.config import Settings
>>> app = create_app(Settings(db="corpus.db"))      # doctest: +SKIP
>>> serve(Settings(db="corpus.db", web_port=8080))  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

from newstrail.core.config import Settings
from newstrail.core.errors import MissingExtra

__all__ = ["TOKEN_ENV", "create_app", "serve"]

#: the environment variable ``newstrail serve`` reads the token from
TOKEN_ENV = "NEWSTRAIL_TOKEN"


def _require_extra() -> None:
    """Raise MissingExtra naming the pip line when the web extra's packages are not installed."""
    try:
        # imported only to see they are there: FastAPI costs ~0.5 s and `import newstrail` stays light
        import fastapi  # noqa: F401
        import python_multipart  # noqa: F401  (form and upload parsing)
        import uvicorn  # noqa: F401
    except ImportError as exc:
        raise MissingExtra("web", f"the web app (missing {exc.name})") from None


def create_app(settings: Settings) -> Any:
    """The ASGI app over the store ``settings.db`` names (FastAPI), with the settings' web rules."""
    _require_extra()
    from newstrail.web.app import build_app  # the web extra's packages: imported only when serving

    return build_app(settings)


def serve(settings: Settings) -> None:
    """Run the app with uvicorn on ``settings.web_host``:``settings.web_port`` until interrupted.

    Raises :class:`~newstrail.core.errors.ConfigError` when the host is not loopback and
    no token is set, before anything binds.
    """
    _require_extra()
    from newstrail.web.server import run  # the web extra's packages: imported only when serving

    run(settings)
