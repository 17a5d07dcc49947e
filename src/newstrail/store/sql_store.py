"""What the SQL stores share: the six repositories over one connection, and the transaction."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Self

from newstrail.core.errors import StoreError
from newstrail.store.sql_articles import SQLArticles, SQLText
from newstrail.store.sql_db import SQLDB
from newstrail.store.sql_factchecks import SQLFactChecks
from newstrail.store.sql_feeds import SQLFeeds
from newstrail.store.sql_links import SQLLinks
from newstrail.store.sql_ratings import SQLRatings


class SQLStore:
    """A store over one :class:`SQLDB`: the six repositories and one transaction around them
    (see :class:`newstrail.store.protocols.Store`); a backend opens the connection and migrates."""

    location: str
    read_only: bool
    _db: SQLDB
    _articles: SQLArticles
    _text: SQLText
    _links: SQLLinks
    _factchecks: SQLFactChecks
    _ratings: SQLRatings
    _feeds: SQLFeeds

    def _open_repositories(self, text: SQLText) -> None:
        self._articles = SQLArticles(self._db, self.location)
        self._text = text
        self._links = SQLLinks(self._db)
        self._factchecks = SQLFactChecks(self._db)
        self._ratings = SQLRatings(self._db)
        self._feeds = SQLFeeds(self._db)

    @property
    def articles(self) -> SQLArticles:
        return self._articles

    @property
    def text(self) -> SQLText:
        return self._text

    @property
    def links(self) -> SQLLinks:
        return self._links

    @property
    def factchecks(self) -> SQLFactChecks:
        return self._factchecks

    @property
    def ratings(self) -> SQLRatings:
        return self._ratings

    @property
    def feeds(self) -> SQLFeeds:
        return self._feeds

    def transaction(self) -> AbstractContextManager[None]:
        """One atomic unit of writes; nested uses join the outer transaction."""
        return self._db.transaction()

    @property
    def schema_version(self) -> int:
        raise NotImplementedError

    def _check_version(self, latest: int) -> None:
        """Refuse a schema newer than ``latest``; upgrade an older one, unless read-only."""
        version = self.schema_version
        if version > latest:
            raise StoreError(f"{self.location}: schema version {version} is newer than this newstrail knows ({latest}); upgrade newstrail")
        if version == latest:
            return
        if self.read_only:
            raise StoreError(f"{self.location}: schema version {version}, this newstrail reads version {latest}; "
                             "run a command that writes (e.g. 'newstrail link') on it once to upgrade it")
        self._upgrade(version)

    def _upgrade(self, version: int) -> None:
        """Apply the migrations after ``version``."""
        raise NotImplementedError

    def close(self) -> None:
        """Release the connection."""
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
