"""`newstrail watch`: poll RSS/Atom feeds and analyse what is new."""

from __future__ import annotations

import click

from newstrail import api
from newstrail.cli import DB, OK, SOME_FAILED, _settings, format_option, main
from newstrail.engines.watch import NEW, POLL_FAILED
from newstrail.report.formats import FLAT
from newstrail.report.watch import POLL_VIEW, render


@main.command("watch")
@click.argument("feeds", nargs=-1, required=True)
@click.option("--every", type=click.FloatRange(min=0, min_open=True), default=None, metavar="MINUTES",
              help="Minutes between two polls of a feed. Default: watch.every (15).")
@click.option("--once", is_flag=True, help="Poll each feed once and stop (for cron, and tests).")
@DB
@format_option(FLAT)
@click.pass_context
def watch_cmd(ctx: click.Context, feeds: tuple[str, ...], every: float | None, once: bool, db: str | None, fmt: str) -> None:
    """Poll the RSS/Atom FEEDS (URLs) and analyse their new entries into the store.

    Each poll is a conditional request (the feed's last ETag and Last-Modified, kept
    in the store, so a restart keeps them): an unchanged feed costs one 304. Entries
    already stored are skipped before their page is fetched; the rest are analysed,
    stored and linked as 'analyze' does. A feed that fails (no answer, an HTTP error,
    429 or 503, no RSS/Atom in the answer) is reported and polled again later: the
    wait doubles with each failure in a row, up to watch.max_backoff, and never comes
    before the server's Retry-After. One line a poll; failed entries on standard error.
    Stop it with Ctrl-C. With --once the exit code is 1 when a poll or an entry failed.
    """
    settings = _settings(ctx, db=db, watch_every=every)
    failed = False

    def polls():
        nonlocal failed
        for poll in api.watch(list(feeds), settings, once=once):
            failed |= poll.status == POLL_FAILED or poll.failed > 0
            if poll.status == NEW:  # the failed entries (a failed poll's error is on its line)
                for error in poll.errors:
                    click.echo(f"error: {error}", err=True)
            yield poll

    try:
        for line in render(fmt, polls(), POLL_VIEW):
            click.echo(line)
    except KeyboardInterrupt:
        click.echo("watch stopped", err=True)
        ctx.exit(OK)
    ctx.exit(SOME_FAILED if failed else OK)
