"""The repository of watched feeds: what ``newstrail watch`` keeps between polls and restarts."""

from __future__ import annotations

from newstrail.store.rows import FeedState
from newstrail.store.sql_db import SQLDB

_COLUMNS = "url, etag, last_modified, checked_at, failures, error, retry_at"


class SQLFeeds:
    """See :class:`newstrail.store.protocols.Feeds`."""

    def __init__(self, db: SQLDB) -> None:
        self.db = db

    def get(self, url: str) -> FeedState | None:
        """The state of the feed at ``url``, or None when it was never polled."""
        row = self.db.execute(f"SELECT {_COLUMNS} FROM feeds WHERE url = ?", (url,)).fetchone()
        return FeedState(*row) if row else None

    def put(self, state: FeedState) -> None:
        """Keep (or replace) the state of a feed."""
        with self.db.transaction():
            self.db.execute(
                f"INSERT INTO feeds({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET"
                " etag = excluded.etag, last_modified = excluded.last_modified, checked_at = excluded.checked_at,"
                " failures = excluded.failures, error = excluded.error, retry_at = excluded.retry_at",
                (state.url, state.etag, state.last_modified, state.checked_at, state.failures, state.error, state.retry_at),
            )
