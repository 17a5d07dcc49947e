"""SQLite tables for imported fact-checks (schema.org ClaimReview records)."""

from __future__ import annotations

#: schema migration 3 (see ``newstrail.store.sqlite.MIGRATIONS``)
MIGRATION = """
SELECT 1;
"""


class SQLiteFactCheckTables:
    """Mixin of :class:`newstrail.store.sqlite.SQLiteStore`: the fact-check tables."""
