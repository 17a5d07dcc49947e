"""Where an api call finds its store and its settings.

Every facade function takes ``where``: an open store (used as is, left open), a
:class:`~newstrail.core.config.Settings` (its ``db``) or a store path. Reading
functions open the store read-only, so they never create, migrate or write it.

>>> parse_sets(["link.lead_similarity=0.9", "detect_language=false", "db=x.db"])
{'lead_similarity': 0.9, 'detect_language': False, 'db': 'x.db'}
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Union

from newstrail.core.config import Settings
from newstrail.core.errors import ConfigError, StoreError
from newstrail.store import Store, open_store

#: an open store, settings naming one, or a store path
StoreLike = Union[Store, Settings, str, "os.PathLike[str]"]


@contextmanager
def opened(where: StoreLike, write: bool = False) -> Iterator[Store]:
    """The store ``where`` names: read-only unless ``write``; one given open stays open."""
    if not isinstance(where, (Settings, str, os.PathLike)):
        yield where
        return
    path = where.db if isinstance(where, Settings) else os.fspath(where)
    if not write and not os.path.exists(path):
        raise StoreError(f"{path}: no store here; run 'newstrail analyze ... --db {path}' first")
    with open_store(path, read_only=not write) as store:
        yield store


def parse_sets(sets: Iterable[str]) -> dict[str, Any]:
    """``section.key=value`` strings as settings overrides; values read as TOML when they parse."""
    out: dict[str, Any] = {}
    for item in sets:
        key, sep, raw = item.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"--set {item!r}: expected section.key=value")
        try:
            value: Any = tomllib.loads(f"v = {raw}")["v"]
        except tomllib.TOMLDecodeError:
            value = raw
        # the settings are flat for now: a section names where a key is documented
        out[key.strip().rsplit(".", 1)[-1]] = value
    return out


def build_settings(config: str | None = None, sets: Iterable[str] = (), **flags: Any) -> Settings:
    """Defaults, then ``config`` (or ./newstrail.toml), then ``--set`` values, then flags given (not ``None``)."""
    return Settings.build(config, overrides={**parse_sets(sets), **{k: v for k, v in flags.items() if v is not None}})
