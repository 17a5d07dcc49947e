"""`newstrail watch` against feeds and pages served by a real HTTP server on 127.0.0.1 (the ``site`` fixture).

The feed answers conditional requests as a server does: the same ETag (or a
Last-Modified no later than the one asked about) gets a 304. Every outlet, person and
event here is fictional.
"""

from __future__ import annotations

import json
import time

import pytest
from click.testing import CliRunner
from ingest_helpers import FERRY_PARAGRAPH, PIER_PARAGRAPH, html_page, send

from newstrail import api
from newstrail.cli import main
from newstrail.core.config import Settings
from newstrail.core.errors import ConfigError
from newstrail.engines.watch import NEW, POLL_FAILED, UNCHANGED
from newstrail.store import open_store

DREDGE_PARAGRAPH = (
    "The Saltbridge port authority began dredging the north channel on Tuesday after two "
    "grain barges ran aground there in a single week. The work will take 11 days and close "
    "the channel to boats longer than 30 metres, the harbourmaster Ilse Varga said."
)
PAGES = {
    "/news/pier-9": ("Pier 9 Closes", PIER_PARAGRAPH),
    "/news/ferry": ("Ferry Strike Ends", FERRY_PARAGRAPH),
    "/news/dredge": ("North Channel Dredging Begins", DREDGE_PARAGRAPH),
}
ITEM = "<item><title>{title}</title><link>{base}{path}</link><pubDate>{date}</pubDate></item>"
DATES = {"/news/pier-9": "Thu, 06 Mar 2025 09:30:00 GMT", "/news/ferry": "Fri, 07 Mar 2025 07:00:00 GMT",
         "/news/dredge": "Tue, 11 Mar 2025 08:15:00 GMT"}


class Feed:
    """A feed whose items the test changes between polls; it answers 304 to a request that
    names its current ETag, and ``fail`` answers (status, headers) before the feed is served."""

    def __init__(self, paths: list[str], etag: str = '"v1"') -> None:
        self.paths, self.etag, self.fail = paths, etag, []
        self.modified = "Tue, 11 Mar 2025 09:00:00 GMT"

    def route(self, site, handler) -> None:
        if self.fail:
            status, headers = self.fail.pop(0)
            send(handler, status, b"busy", "text/plain", headers=headers)
            return
        if handler.headers.get("If-None-Match") == self.etag:
            send(handler, 304, b"", "application/rss+xml", headers={"ETag": self.etag})
            return
        items = "".join(ITEM.format(title=PAGES[p][0], base=site.base, path=p, date=DATES[p]) for p in self.paths)
        body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>The Harbor Lantern</title>{items}</channel></rss>'
        send(handler, 200, body.encode(), "application/rss+xml", headers={"ETag": self.etag, "Last-Modified": self.modified})


@pytest.fixture
def lantern(site):
    for path, (title, paragraph) in PAGES.items():
        page = html_page(title, [paragraph]).encode()
        site.routes[path] = lambda s, handler, page=page: send(handler, 200, page)
    feed = Feed(["/news/pier-9", "/news/ferry"])
    site.routes["/rss"] = feed.route
    site.feed = feed
    return site


def _watch(site, db, *extra: str):
    args = ["watch", site.url("/rss"), *extra, "--db", str(db), "--once", "--set", "pipeline.detect_language=false",
            "--set", "fetch.retries=0"]
    return CliRunner().invoke(main, args)


def test_new_entries_are_analysed_then_an_unchanged_feed_costs_one_304(lantern, tmp_path):
    db = tmp_path / "watch.db"
    first = _watch(lantern, db)
    assert first.exit_code == 0, first.output
    assert f"{lantern.url('/rss')}: 200, 2 new entries: 2 added, 0 already stored, 0 failed; next poll in 15 min" in first.stdout
    assert lantern.paths() == ["/rss", "/news/pier-9", "/news/ferry"]
    # a second run (a restart: the validators come from the store) sends them back and gets a 304
    second = _watch(lantern, db)
    assert second.exit_code == 0, second.output
    assert ": 304 not modified; next poll in 15 min" in second.stdout
    [_, again] = lantern.hits_of("/rss")
    assert again.headers["if-none-match"] == '"v1"'
    assert again.headers["if-modified-since"] == "Tue, 11 Mar 2025 09:00:00 GMT"
    assert lantern.paths()[3:] == ["/rss"]  # no page fetched
    # a new item: only its page is fetched; the stored entries are skipped unfetched
    lantern.feed.paths.append("/news/dredge")
    lantern.feed.etag = '"v2"'
    third = _watch(lantern, db, "--format", "jsonl")
    assert third.exit_code == 0, third.output
    record = json.loads(third.stdout)
    assert (record["status"], record["http"], record["entries"], record["skipped"], record["added"]) == (NEW, 200, 1, 2, 1)
    assert lantern.paths()[4:] == ["/rss", "/news/dredge"]
    with open_store(str(db)) as store:
        assert store.articles.count() == 3
        assert store.feeds.get(lantern.url("/rss")).etag == '"v2"'


def test_a_503_backs_off_as_retry_after_says_then_recovers(lantern, tmp_path):
    db = tmp_path / "watch.db"
    lantern.feed.fail = [(503, {"Retry-After": "1"})]
    failed = _watch(lantern, db, "--every", "0.005")  # 0.3 s between polls: the server's 1 s wins
    assert failed.exit_code == 1
    assert "failed (1 in a row): " in failed.stdout and "HTTP 503 (Retry-After: 1 s)" in failed.stdout
    assert "next poll in 1 s" in failed.stdout
    # a restart within the wait does not ask the server again
    waiting = _watch(lantern, db, "--every", "0.005")
    assert waiting.exit_code == 0, waiting.output
    assert "backing off after 1 failed poll(s): " in waiting.stdout
    assert lantern.paths() == ["/rss"]
    time.sleep(1.1)
    recovered = _watch(lantern, db, "--every", "0.005")
    assert recovered.exit_code == 0, recovered.output
    assert "200, 2 new entries: 2 added" in recovered.stdout
    with open_store(str(db)) as store:
        state = store.feeds.get(lantern.url("/rss"))
        assert (state.failures, state.error, state.retry_at) == (0, None, None)


def test_the_wait_doubles_with_each_failure_in_a_row(lantern, tmp_path):
    settings = Settings(db=str(tmp_path / "watch.db"), detect_language=False, fetch_retries=0, watch_every=0.002, watch_max_backoff=0.02)
    lantern.feed.fail = [(429, {}), (500, {}), (503, {}), (503, {})]
    polls = api.watch([lantern.url("/rss")], settings)  # every 0.12 s; the cap 1.2 s
    seen = [next(polls) for _ in range(5)]
    polls.close()
    failed = [p for p in seen if p.status == POLL_FAILED]
    assert [p.failures for p in failed] == [1, 2, 3, 4]
    assert [round(p.next_in, 2) for p in failed] == [0.24, 0.48, 0.96, 1.2]
    assert seen[-1].status == NEW and seen[-1].added == 2
    assert "HTTP 429" in failed[0].errors[0] and "HTTP 500" in failed[1].errors[0]


def test_a_malformed_feed_is_reported_and_the_watch_goes_on(lantern, tmp_path):
    lantern.routes["/broken.rss"] = lambda s, handler: send(handler, 200, b'<rss version="2.0"><channel><title>L</title><<<>>>', "application/rss+xml")
    lantern.routes["/moved.rss"] = lambda s, handler: send(handler, 200, b"<html><body>Our feed has moved.</body></html>")
    feeds = [lantern.url("/broken.rss"), lantern.url("/moved.rss"), lantern.url("/rss")]
    result = CliRunner().invoke(main, ["watch", *feeds, "--once", "--db", str(tmp_path / "w.db"), "--set", "pipeline.detect_language=false"])
    assert result.exit_code == 1
    broken, moved, good = result.stdout.splitlines()
    assert f"{feeds[0]}: failed (1 in a row): {feeds[0]}: not a readable RSS/Atom feed" in broken
    assert f"{feeds[1]}: failed (1 in a row): {feeds[1]}: HTTP 200 with 'text/html; charset=utf-8' that is no RSS/Atom feed" in moved
    assert "200, 2 new entries: 2 added" in good


def test_polls_in_one_run_find_items_added_between_them(lantern, tmp_path):
    settings = Settings(db=str(tmp_path / "watch.db"), detect_language=False, fetch_retries=0, watch_every=0.002)
    polls = api.watch([lantern.url("/rss")], settings)
    first = next(polls)
    assert (first.status, first.added) == (NEW, 2)
    assert next(polls).status == UNCHANGED
    lantern.feed.paths.append("/news/dredge")
    lantern.feed.etag = '"v2"'
    third = next(polls)
    polls.close()
    assert (third.status, third.skipped, third.added) == (NEW, 2, 1)
    with open_store(settings.db) as store:
        titles = {store.articles.get(i).title for i in store.articles.ids_for_urls([lantern.url(p) for p in PAGES]).values()}
    assert titles == {"Pier 9 Closes", "Ferry Strike Ends", "North Channel Dredging Begins"}


def test_an_entry_whose_page_failed_is_fetched_again_at_the_next_poll(lantern, tmp_path):
    db = tmp_path / "watch.db"
    lantern.feed.paths.append("/news/dredge")
    served = lantern.routes.pop("/news/dredge")  # a 404 for now
    first = _watch(lantern, db)
    assert first.exit_code == 1
    assert "2 added, 0 already stored, 1 failed" in first.stdout and "HTTP 404" in first.stderr
    lantern.routes["/news/dredge"] = served
    second = _watch(lantern, db)  # no 304: the feed was not kept as read
    assert second.exit_code == 0, second.output
    assert "200, 1 new entries (2 already stored, not fetched): 1 added" in second.stdout


def test_watch_refuses_what_is_not_a_url(tmp_path):
    with pytest.raises(ConfigError, match="not a feed URL: feed.xml"):
        api.watch(["feed.xml"], Settings(db=str(tmp_path / "w.db")))
    assert not (tmp_path / "w.db").exists()
