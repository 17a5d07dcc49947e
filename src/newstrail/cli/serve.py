"""``newstrail serve``: the web app (the ``web`` extra) over a store."""

from __future__ import annotations

import click

from newstrail.cli import DB, _settings, main
from newstrail.web import TOKEN_ENV, serve


@main.command("serve")
@DB
@click.option("--host", default=None, help="Address to bind to, and only to. Default: 127.0.0.1 (web.host). Beyond loopback a token is required.")
@click.option("--port", type=int, default=None, help="Port to listen on. Default: 8000 (web.port).")
@click.option("--token", default=None, envvar=TOKEN_ENV, show_envvar=True,
              help=f"Token that writes (storing articles, importing fact-checks) need. Prefer the {TOKEN_ENV} variable: "
                   "a flag shows in the process list.")
@click.option("--allow-private-urls", is_flag=True, default=None,
              help="Fetch submitted URLs at loopback, private and link-local addresses (off: refused, against SSRF).")
@click.pass_context
def serve_cmd(ctx: click.Context, db: str | None, host: str | None, port: int | None, token: str | None, allow_private_urls: bool | None) -> None:
    """Serve the web app and its JSON API (OpenAPI at /openapi.json) over a store.

    Needs pip install 'newstrail[web]'. Pages: / (stories), /stories/ID, /articles/ID,
    /search, /analyze (paste an article). API: /api/...; see /docs.
    """
    settings = _settings(ctx, db=db, web_host=host, web_port=port, web_token=token, web_allow_private_urls=allow_private_urls)
    where = f"http://{'[' + settings.web_host + ']' if ':' in settings.web_host else settings.web_host}:{settings.web_port}/"
    click.echo(f"newstrail: serving {settings.db} on {where} (writes {'need the token' if settings.web_token else 'are open: loopback only'}); "
               "Ctrl-C stops", err=True)
    serve(settings)
