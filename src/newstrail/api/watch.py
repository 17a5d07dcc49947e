"""The facade over watching feeds: :func:`watch` polls them into the store and returns what each poll found."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from newstrail.api.session import StoreLike, opened
from newstrail.core.config import Settings
from newstrail.engines.watch import Poll
from newstrail.engines.watch import watch as run_watch
from newstrail.core.errors import ConfigError
from newstrail.outlets import is_web_url

__all__ = ["Poll", "watch"]


def watch(feeds: Sequence[str], settings: Settings, store: StoreLike | None = None, once: bool = False) -> Iterator[Poll]:
    """Poll the RSS/Atom feeds at ``feeds`` every ``settings.watch_every`` minutes,
    analysing, storing and linking their new entries; one :class:`Poll` per feed polled.
    Runs until the caller stops iterating, or after one round with ``once``. The store
    (default: the one ``settings.db`` names) keeps each feed's validators and back-off.

    >>> polls = watch(["https://bayherald.example/rss"], Settings(db="watched.db"), once=True)  # doctest: +SKIP
    >>> [p.status for p in polls]  # doctest: +SKIP
    ['new']
    """
    wrong = [f for f in feeds if not is_web_url(f)]
    if wrong:  # told before the store is opened, not at the first poll
        raise ConfigError(f"not a feed URL: {', '.join(wrong)}; watch takes http(s) URLs of RSS/Atom feeds")
    return _polls(feeds, settings, store if store is not None else settings, once)


def _polls(feeds: Sequence[str], settings: Settings, where: StoreLike, once: bool) -> Iterator[Poll]:
    with opened(where, write=True) as store:
        yield from run_watch(feeds, settings, store, once=once)
