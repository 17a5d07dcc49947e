"""The facade over outlets: rating lists, aliases and outlet profiles.

Importing returns what was read (rows, skipped lines, warnings) for the caller
to show; nothing prints here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newstrail.analyze.outlet_facts import index_pending
from newstrail.api.session import StoreLike, opened
from newstrail.core.errors import ConfigError, InputError, NotFound
from newstrail.corpus.outlets import refresh_domains
from newstrail.ratings.lists import AliasFile, RatingList, read_alias_file, read_rating_list
from newstrail.ratings.profile import outlet_profile as profile_of


@dataclass
class ImportedList:
    """One rating-list file: what was read (``found``), rows it replaced, or why it could not be read."""

    path: str
    found: RatingList | None = None
    replaced: int | None = None
    error: InputError | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None or bool(self.found and self.found.skipped)


@dataclass
class ImportedAliases:
    """One alias file: what was read and how many aliases were stored."""

    path: str
    found: AliasFile
    stored: int


def import_ratings(paths: Sequence[str], where: StoreLike, name: str | None = None, date: str | None = None) -> list[ImportedList]:
    """Import rating lists, each kept under its name (``name``, else the file name without its
    extension, or with it when two files share a stem); a list imported again replaces its rows.
    One unreadable list does not stop the others."""
    if name and len(paths) > 1:
        raise ConfigError("a list name names one list; import several files without it (each takes its file name)")
    stems = Counter(Path(p).stem for p in paths)
    out = []
    with opened(where, write=True) as store:
        for path in paths:
            # sources.json and sources.csv in one command are two lists, not one replacing the other
            default = Path(path).name if stems[Path(path).stem] > 1 else None
            try:
                found = read_rating_list(path, name=name or default, date=date)
            except InputError as exc:
                out.append(ImportedList(path, error=exc))
                continue
            out.append(ImportedList(path, found, store.ratings.put_list(found.info(), found.store_rows())))
        refresh_domains(store)  # articles stored before the list named their masthead get its domain now
        index_pending(store)  # articles stored before the outlet index: profiles read it without writing
    return out


def import_aliases(paths: Sequence[str], where: StoreLike) -> list[ImportedAliases]:
    """Import alias files (old domain or masthead -> current domain)."""
    out = []
    with opened(where, write=True) as store:
        for path in paths:
            found = read_alias_file(path)
            out.append(ImportedAliases(path, found, store.ratings.put_aliases(found.aliases())))
        refresh_domains(store)  # and so do articles stored before the aliases
    return out


def aliases(where: StoreLike) -> list[dict[str, Any]]:
    """The stored aliases: alias, kind, text, domain, note, source."""
    with opened(where) as store:
        return [a.to_dict() for a in store.ratings.aliases()]


def rating_lists(where: StoreLike) -> list[dict[str, Any]]:
    """The imported rating lists: name, date, rows, layout, fields, source, imported_at."""
    with opened(where) as store:
        return [item.to_dict() for item in store.ratings.lists()]


def remove_rating_list(where: StoreLike, name: str) -> int:
    """Remove the rating list ``name``; returns how many rows it had."""
    with opened(where, write=True) as store:
        removed = store.ratings.delete_list(name)
        if removed is None:
            known = ", ".join(item.name for item in store.ratings.lists()) or "none"
            raise NotFound(f"no rating list named {name!r} in {store.location} (lists: {known})")
    return removed


def outlet_profile(where: StoreLike, query: str, max_stories: int = 300) -> dict[str, Any]:
    """Every rating of the outlet ``query`` names (domain, URL, old domain, masthead) and what the corpus shows."""
    with opened(where) as store:
        return profile_of(store, query, max_stories=max_stories)
