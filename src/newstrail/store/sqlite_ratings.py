"""SQLite tables for imported source-rating lists and outlet aliases."""

from __future__ import annotations

#: schema migration 4 (see ``newstrail.store.sqlite.MIGRATIONS``)
MIGRATION = """
SELECT 1;
"""


class SQLiteRatingTables:
    """Mixin of :class:`newstrail.store.sqlite.SQLiteStore`: the rating-list tables."""
