"""Running the app: uvicorn on the one host and port the settings name, after the bind rule is checked."""

from __future__ import annotations

import uvicorn

from newstrail.core.config import Settings
from newstrail.web.app import build_app
from newstrail.web.security import check_bind


def server(settings: Settings) -> uvicorn.Server:
    """A uvicorn server for the app, bound (when run) to ``web.host``:``web.port`` only; refuses an open bind first."""
    check_bind(settings)
    config = uvicorn.Config(build_app(settings), host=settings.web_host, port=settings.web_port, log_level="info",
                            proxy_headers=False, server_header=False)
    return uvicorn.Server(config)


def run(settings: Settings) -> None:
    """Serve until interrupted."""
    server(settings).run()
