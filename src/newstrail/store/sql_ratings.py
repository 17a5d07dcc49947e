"""The repository of source-rating lists, outlet aliases, and the outlet index.

A rating list is kept as the user gave it: one row per site with its fields as a
JSON object, under the list's name and date; importing a list of the same name
again replaces its rows. The outlet index (``outlet_blocks``, ``outlet_marks``)
records, per article, the template blocks and cross-post lines ("The original
source of this article is X", a second dateline) that tie outlets into networks;
callers compute them (hashes, outlet keys) and write them when articles are stored.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from newstrail.store.rows import Alias, ArticleMark, ListedSite, OutletFacts, RatingListInfo, RatingRow, SharedBlock
from newstrail.store.sql_db import SQLDB, chunks, marks, unique

_LIST_COLUMNS = "l.name, l.date, l.date_from, l.source, l.layout, l.fields, l.imported_at"
_ALIAS_COLUMNS = ("alias", "kind", "text", "domain", "note", "source")


def _list(row: Sequence[Any]) -> RatingListInfo:
    name, date, date_from, source, layout, fields, imported_at, rows = row
    return RatingListInfo(name, date, date_from, source, layout, tuple(json.loads(fields)), imported_at, rows)


class SQLRatings:
    """See :class:`newstrail.store.protocols.Ratings`."""

    def __init__(self, db: SQLDB) -> None:
        self.db = db

    # rating lists ------------------------------------------------------------------
    def put_list(self, meta: RatingListInfo, rows: Iterable[RatingRow]) -> int | None:
        """Store a list and its rows, replacing the rows of a list of the same name.
        Returns how many rows the replaced list had, or ``None``."""
        with self.db.transaction():
            previous = self.delete_list(meta.name)
            list_id = self.db.execute(
                "INSERT INTO rating_lists(name, date, date_from, source, layout, fields) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                (meta.name, meta.date, meta.date_from, meta.source, meta.layout, json.dumps(list(meta.fields), ensure_ascii=False)),
            ).fetchone()[0]
            self.db.executemany(
                "INSERT INTO ratings(list, host, section, domain, name, name_key, stem, line, fields) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(list_id, r.host, r.section, r.domain, r.name, r.name_key, r.stem, r.line, json.dumps(r.fields, ensure_ascii=False)) for r in rows],
            )
        return previous

    def delete_list(self, name: str) -> int | None:
        """Remove a list and its rows; returns how many rows it had, or ``None`` if unknown."""
        with self.db.transaction():
            row = self.db.execute("SELECT id FROM rating_lists WHERE name = ?", (name,)).fetchone()
            if row is None:
                return None
            count = self.db.execute("DELETE FROM ratings WHERE list = ?", (row[0],)).rowcount
            self.db.execute("DELETE FROM rating_lists WHERE id = ?", (row[0],))
        return count

    def lists(self) -> list[RatingListInfo]:
        """Every imported list with its row count, by name."""
        rows = self.db.execute(
            f"SELECT {_LIST_COLUMNS}, (SELECT count(*) FROM ratings r WHERE r.list = l.id) FROM rating_lists l ORDER BY l.name"
        ).fetchall()
        return [_list(r) for r in rows]

    def rows_for(self, hosts: Sequence[str] = (), domains: Sequence[str] = ()) -> list[RatingRow]:
        """Rows whose host is one of ``hosts`` or whose registered domain is one of
        ``domains``, each with its list's name and date, ordered by list then line."""
        found: dict[tuple[str, int], RatingRow] = {}
        select = ("SELECT l.name, l.date, l.date_from, r.host, r.section, r.domain, r.name, r.name_key, r.stem, r.line, r.fields, r.rowid"
                  " FROM ratings r JOIN rating_lists l ON l.id = r.list WHERE r.{column} IN ({{}})")
        for column, values in (("host", hosts), ("domain", domains)):
            for row in self.db.select_in(select.format(column=column), values):
                found[(row[0], row[-1])] = RatingRow(
                    list=row[0], date=row[1], date_from=row[2], host=row[3], section=row[4], domain=row[5], name=row[6],
                    name_key=row[7], stem=row[8], line=row[9], fields=json.loads(row[10]),
                )
        return sorted(found.values(), key=lambda r: (r.list, r.line or 0, r.host))

    def listed_sites(self) -> list[ListedSite]:
        """Every distinct site the rating lists name (what the outlet resolver reads)."""
        rows = self.db.execute("SELECT name, host, domain, section, stem, name_key FROM ratings GROUP BY name, host, domain, section, stem, name_key ORDER BY min(rowid)").fetchall()
        return [ListedSite(*r) for r in rows]

    # aliases -------------------------------------------------------------------------
    def put_aliases(self, rows: Iterable[Alias]) -> int:
        """Store aliases; a known alias is replaced. Returns how many."""
        values = [(r.alias, r.kind, r.text, r.domain, r.note, r.source) for r in rows]
        with self.db.transaction():
            self.db.executemany(f"INSERT INTO outlet_aliases({', '.join(_ALIAS_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (alias) DO UPDATE SET "
                                + ", ".join(f"{c} = excluded.{c}" for c in _ALIAS_COLUMNS[1:]), values)
        return len(values)

    def aliases(self) -> list[Alias]:
        """Every alias, by domain then alias."""
        return [Alias(*r) for r in self.db.execute(f"SELECT {', '.join(_ALIAS_COLUMNS)} FROM outlet_aliases ORDER BY domain, alias")]

    # the outlet index ----------------------------------------------------------------
    def index_outlets(self, facts: Sequence[OutletFacts]) -> None:
        """Keep the template blocks and cross-post lines of stored articles; an article
        indexed already is left as it is, so indexing twice adds nothing."""
        with self.db.transaction():  # the flags are read under the write lock: another writer may have indexed them
            rowids = self.db.rowids(f.article for f in facts)
            pending = dict(self.db.select_in("SELECT rowid, outlet_indexed FROM articles WHERE rowid IN ({})", rowids.values()))
            todo: list[tuple[int, OutletFacts]] = []
            for item in facts:
                rowid = rowids.get(item.article)
                if rowid is None or pending.get(rowid):
                    continue
                pending[rowid] = 1  # the same article twice in one call
                todo.append((rowid, item))
            # one statement per table for the batch: a server's round trip costs more than a row
            self.db.executemany("INSERT INTO outlet_blocks(hash, article, kind) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                                [(b.hash, rowid, b.kind) for rowid, item in todo for b in item.blocks])
            self.db.executemany("INSERT INTO outlet_block_texts(hash, kind, text) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                                [(b.hash, b.kind, b.text) for _, item in todo for b in item.blocks])
            self.db.executemany("INSERT INTO outlet_marks(article, kind, name, key) VALUES (?, ?, ?, ?)",
                                [(rowid, m.kind, m.name, m.key) for rowid, item in todo for m in item.marks])
            for chunk in chunks([rowid for rowid, _ in todo]):
                self.db.execute(f"UPDATE articles SET outlet_indexed = 1 WHERE rowid IN ({marks(chunk)})", chunk)

    def unindexed_ids(self, limit: int = 1000) -> list[str]:
        """Stored articles whose outlet facts are not indexed yet, oldest first."""
        return [r[0] for r in self.db.execute("SELECT id FROM articles WHERE outlet_indexed = 0 ORDER BY rowid LIMIT ?", (limit,))]

    def blocks_shared(self, ids: Sequence[str]) -> list[SharedBlock]:
        """Template blocks these articles share with articles outside them."""
        rowids = self.db.rowids(ids)
        own = set(rowids.values())
        rows = [r for r in self.db.select_in(
            "SELECT mine.article, other.article, t.kind, t.text FROM outlet_blocks mine"
            " JOIN outlet_blocks other ON other.hash = mine.hash AND other.article != mine.article"
            " JOIN outlet_block_texts t ON t.hash = mine.hash WHERE mine.article IN ({}) ORDER BY mine.article, mine.hash, other.article",
            sorted(own),
        ) if r[1] not in own]
        names = self.db.ids({r[1] for r in rows} | own)
        return [SharedBlock(names[a], names[b], kind, text) for a, b, kind, text in rows]

    def marks_of(self, ids: Sequence[str]) -> list[ArticleMark]:
        """The cross-post lines of these articles."""
        rows = self.db.select_in("SELECT a.id, m.kind, m.name FROM outlet_marks m JOIN articles a ON a.rowid = m.article WHERE a.id IN ({}) ORDER BY a.id, m.rowid", ids)
        return [ArticleMark(*r) for r in rows]

    def marks_naming(self, keys: Sequence[str]) -> list[ArticleMark]:
        """Cross-post lines naming an outlet with one of these keys."""
        rows = self.db.select_in("SELECT a.id, m.kind, m.name FROM outlet_marks m JOIN articles a ON a.rowid = m.article WHERE m.key IN ({}) ORDER BY m.key, m.rowid", keys)
        return [ArticleMark(*r) for r in rows]
