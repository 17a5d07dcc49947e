"""Watching feeds: poll each one, analyse what is new, back off when it fails.

:func:`watch` polls every feed once a round, sleeps until the next one is due and goes
again (``once``: one round, for tests and cron). A poll asks for the feed with the
validators of its last answer (``If-None-Match``, ``If-Modified-Since``), so an
unchanged feed costs one 304 and nothing else. A changed one is read; entries whose
link is already stored are skipped before their page is fetched, and the rest are
analysed, stored and linked as ``analyze`` does (:func:`~newstrail.engines.local.analyze_items`).

What a feed's last answer said (its validators, the failed polls in a row, the last
error, when to poll it again) is kept in the store (``store.feeds``), so a restarted
watch sends the same conditional requests and keeps backing off. A failed poll (no
answer, an HTTP error, 429 or 503, an answer that is no RSS/Atom feed) is reported and
the watch goes on; that feed is polled again after ``every * 2**failures`` minutes, at
most ``watch.max_backoff``, and never before the server's ``Retry-After``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone

from newstrail.analyze import Pipeline
from newstrail.core.article import Article
from newstrail.core.config import Settings
from newstrail.core.dates import to_iso
from newstrail.core.errors import FetchError, InputError, NoArticleText, UnreadableInput
from newstrail.engines.local import FAILED, analyze_items
from newstrail.engines.stages import StageContext, build_pipeline
from newstrail.ingest import entry_fetch
from newstrail.ingest.feeds import looks_like_feed, read_feed
from newstrail.ingest.web import Fetcher, Page, Validators
from newstrail.outlets import without_credentials
from newstrail.outlets.urls import canonical_url
from newstrail.store import Store
from newstrail.store.rows import FeedState

__all__ = ["NEW", "UNCHANGED", "POLL_FAILED", "WAITING", "Poll", "Watcher", "next_wait", "watch"]

#: what a poll found: new entries read, the feed unchanged (304), the poll failed, or the
#: feed not polled (backing off after failures)
NEW, UNCHANGED, POLL_FAILED, WAITING = "new", "unchanged", "failed", "waiting"

#: the longest Retry-After honoured, in seconds: a day (a server asking for more is asked again then)
MAX_RETRY_AFTER = 86400.0


@dataclass
class Poll:
    """One poll of one feed: what it found and when the feed is polled again (``next_in`` seconds)."""

    feed: str
    at: str
    status: str
    http: int | None = None
    #: entries read (articles and failed entries), not counting those skipped as stored
    entries: int = 0
    #: entries whose link was already stored: not fetched
    skipped: int = 0
    added: int = 0
    exists: int = 0
    failed: int = 0
    #: failed polls in a row (0 after a good one)
    failures: int = 0
    #: what failed: the feed's error, or each failed entry's
    errors: list[str] = field(default_factory=list)
    next_in: float = 0.0


def next_wait(failures: int, every: float, cap: float, retry_after: float | None = None) -> float:
    """Seconds until a feed is polled again, after ``failures`` failed polls in a row:
    ``every``, doubled on each failure up to ``cap`` (or ``every`` when that is longer),
    and never sooner than the server's ``retry_after``.

    >>> next_wait(0, 900, 14400), next_wait(1, 900, 14400), next_wait(3, 900, 14400), next_wait(9, 900, 14400)
    (900, 1800, 7200, 14400)
    >>> next_wait(1, 900, 14400, retry_after=3600.0)
    3600.0
    """
    if failures <= 0:
        return every
    wait = min(max(cap, every), every * 2 ** min(failures, 30))
    return max(wait, min(retry_after, MAX_RETRY_AFTER)) if retry_after is not None else wait


class Watcher:
    """Polls feeds into one store, with one HTTP client and one pipeline; use as a context manager.

    >>> from newstrail.store import open_store
    >>> import tempfile, os
    >>> with open_store(os.path.join(tempfile.mkdtemp(), "w.db")) as store, Watcher(Settings(), store, every=900) as watcher:  # doctest: +SKIP
    ...     poll = watcher.poll("https://bayherald.example/rss")
    """

    def __init__(self, settings: Settings, store: Store, every: float, clock: Callable[[], float] = time.time) -> None:
        self.settings, self.store, self.every, self.clock = settings, store, every, clock
        self.cap = settings.watch_max_backoff * 60
        self.fetcher = Fetcher(settings)
        self._pipeline: Pipeline | None = None

    def __enter__(self) -> Watcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.fetcher.close()

    @property
    def pipeline(self) -> Pipeline:
        # built once a watch (it loads the models), over what the store knew at the first new entry
        if self._pipeline is None:
            self._pipeline = build_pipeline(self.settings, StageContext(self.store))
        return self._pipeline

    def poll(self, url: str) -> Poll:
        """Poll the feed at ``url`` once, unless it is backing off; store what is new."""
        now = self.clock()
        at = to_iso(datetime.fromtimestamp(now, timezone.utc))
        state = self.store.feeds.get(url) or FeedState(url)
        if state.retry_at is not None and now < state.retry_at:
            return Poll(url, at, WAITING, failures=state.failures, errors=[state.error] if state.error else [], next_in=state.retry_at - now)
        try:
            page = self.fetcher.get(url, since=Validators(state.etag, state.last_modified))
        except FetchError as exc:
            return self._failed(state, at, now, exc, exc.retry_after)
        except InputError as exc:  # too large
            return self._failed(state, at, now, exc)
        if page.status == 304:
            self.store.feeds.put(replace(state, checked_at=at, failures=0, error=None, retry_at=None))
            return Poll(url, at, UNCHANGED, http=304, next_in=self.every)
        return self._read(state, page, at, now)

    def _read(self, state: FeedState, page: Page, at: str, now: float) -> Poll:
        """Analyse the entries of a feed's new answer that are not stored yet."""
        shown = without_credentials(state.url)
        if not looks_like_feed(page.body):
            what = "an empty body" if not page.body.strip() else f"'{page.content_type or 'no content type'}' that is no RSS/Atom feed"
            return self._failed(state, at, now, UnreadableInput(shown, f"HTTP {page.status} with {what}; is this the feed's URL?"))
        poll = Poll(state.url, at, NEW, http=page.status, next_in=self.every)
        problem: list[InputError] = []

        def seen(link: str) -> bool:
            stored = bool(self.store.articles.ids_for_urls(list({link, canonical_url(link) or link})))
            poll.skipped += stored
            return stored

        def entries() -> Iterator[Article | InputError]:
            for item in read_feed(page.body, shown, fetch=entry_fetch(self.settings, self.fetcher), base_url=page.url, seen=seen):
                if isinstance(item, InputError) and item.where == shown:
                    if not isinstance(item, NoArticleText):  # an empty feed is nothing new, not a failure
                        problem.append(item)
                    return
                yield item

        refetch = False
        for outcome in analyze_items(entries(), self.settings, self.store, self.pipeline):
            poll.entries += 1
            if outcome.status == FAILED:
                poll.failed += 1
                poll.errors.append(str(outcome.error))
                refetch |= isinstance(outcome.error, FetchError)
            elif outcome.status == "added":
                poll.added += 1
            else:
                poll.exists += 1
        if problem:
            return self._failed(state, at, now, problem[0])
        # an entry whose page could not be fetched is tried again at the next poll: the feed
        # is then asked for whole (no validators), its stored entries skipped
        etag, modified = (None, None) if refetch else (page.etag, page.last_modified)
        self.store.feeds.put(FeedState(state.url, etag, modified, at, 0, None, None))
        return poll

    def _failed(self, state: FeedState, at: str, now: float, error: InputError, retry_after: float | None = None) -> Poll:
        failures = state.failures + 1
        wait = next_wait(failures, self.every, self.cap, retry_after)
        self.store.feeds.put(replace(state, checked_at=at, failures=failures, error=str(error), retry_at=now + wait))
        return Poll(state.url, at, POLL_FAILED, failures=failures, errors=[str(error)], next_in=wait)


def watch(feeds: Sequence[str], settings: Settings, store: Store, once: bool = False,
          sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.time) -> Iterator[Poll]:
    """Poll ``feeds`` every ``watch.every`` minutes until the caller stops iterating (or, with
    ``once``, after one round); one :class:`Poll` per feed polled.

    The first round polls every feed (one backing off reports ``waiting``); then each is
    polled when it is due, the loop sleeping until the next one is.
    """
    seconds = settings.watch_every * 60
    feeds = list(dict.fromkeys(feeds))
    with Watcher(settings, store, seconds, clock) as watcher:
        due = dict.fromkeys(feeds, clock())
        while True:
            for url in feeds:
                if due[url] <= clock():
                    poll = watcher.poll(url)
                    due[url] = clock() + poll.next_in
                    yield poll
            if once:
                return
            sleep(max(0.0, min(due.values()) - clock()))
