"""Where an api call finds its store and its settings.

Every facade function takes ``where``: an open store (used as is, left open), a
:class:`~newstrail.core.config.Settings` (its ``db``) or a store path. Reading
functions open the store read-only, so they never create, migrate or write it.

>>> build_settings(None, ["factchecks.threshold=0.7"], db="x.db").factcheck_threshold
0.7
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Union

from newstrail.core.config import DEFAULT_BUSY_TIMEOUT, Settings
from newstrail.core.errors import ConfigError, StoreError
from newstrail.store import Store, is_store_url, open_store

#: an open store, settings naming one, or a store path or postgresql:// URL
StoreLike = Union[Store, Settings, str, "os.PathLike[str]"]


def store_location(where: StoreLike) -> str | None:
    """The file or URL a StoreLike names; ``None`` for a store given open.

    >>> store_location(Settings(db="corpus.db")), store_location("other.db")
    ('corpus.db', 'other.db')
    """
    if isinstance(where, Settings):
        return where.db
    if isinstance(where, (str, os.PathLike)):
        return os.fspath(where)
    return None


def settings_of(where: StoreLike) -> Settings:
    """The settings ``where`` carries when it is settings, else the defaults: what choices
    made on the fly (``claims.model`` for claims scored now, ``rhetoric.spans`` for
    techniques found now) follow.

    >>> settings_of(Settings(claims_model="accurate")).claims_model, settings_of("corpus.db").rhetoric_spans
    ('accurate', 'fast')
    """
    return where if isinstance(where, Settings) else Settings()


@contextmanager
def opened(where: StoreLike, write: bool = False) -> Iterator[Store]:
    """The store ``where`` names: read-only unless ``write``; one given open stays open."""
    path = store_location(where)
    if path is None:
        assert not isinstance(where, (Settings, str, os.PathLike))
        yield where
        return
    if not write and not store_exists(path):
        raise StoreError(f"{path}: no store here; run 'newstrail analyze ... --db {path}' first")
    with open_store(path, read_only=not write, busy_timeout=where.busy_timeout if isinstance(where, Settings) else DEFAULT_BUSY_TIMEOUT) as store:
        yield store


def store_exists(location: str) -> bool:
    """Whether a store may be opened for reading at ``location``: a SQLite file that exists,
    or a server URL (whether its database holds a store is known once it is opened).

    >>> store_exists("no/such/folder/corpus.db"), store_exists("postgresql://newstrail@127.0.0.1/corpus")
    (False, True)
    """
    return is_store_url(location) or os.path.exists(location)


def build_settings(config: str | None = None, sets: Iterable[str] = (), **flags: Any) -> Settings:
    """Defaults, then ``config`` (or ./newstrail.toml), then flags given (not ``None``), then ``--set`` values."""
    return Settings.build(config, overrides=flags, sets=tuple(sets))
