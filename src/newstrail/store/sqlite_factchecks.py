"""SQLite tables for imported fact-checks (schema.org ClaimReview records).

``factchecks`` holds one row per reviewed claim (the full record as JSON beside the
columns a query needs); ``factcheck_vectors`` the embedding of each claim per model,
computed once at import so matching never re-encodes the collection.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from newstrail.core.errors import BadRecord, NotFound
from newstrail.store.base import ADDED, EXISTS

if TYPE_CHECKING:
    import numpy

    from newstrail.factchecks.record import FactCheck

#: schema migration 3 (see ``newstrail.store.sqlite.MIGRATIONS``)
MIGRATION = """
CREATE TABLE factchecks (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    key TEXT NOT NULL,
    claim TEXT NOT NULL,
    verdict TEXT NOT NULL,
    rating TEXT,
    publisher TEXT,
    url TEXT,
    date TEXT,
    language TEXT,
    source TEXT,
    record TEXT NOT NULL,
    added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX factchecks_key ON factchecks(key);
CREATE TABLE factcheck_vectors (
    factcheck INTEGER NOT NULL REFERENCES factchecks(rowid) ON DELETE CASCADE,
    model TEXT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (model, factcheck)
) WITHOUT ROWID;
"""


class SQLiteFactCheckTables:
    """Mixin of :class:`newstrail.store.sqlite.SQLiteStore`: the fact-check tables."""

    db: object

    def put_factchecks(self, records: Sequence[FactCheck]) -> list[str | BadRecord]:
        """Store a batch in one transaction: ``ADDED``, ``EXISTS`` or a :class:`BadRecord` per record.

        A record is already stored when its id is, or its key (URL + claim text) is and
        it has a URL or no id of its own; an id already used by a different claim is an
        error, not a silent skip.
        """
        statuses: list[str | BadRecord] = []
        with self.transaction():
            for fc in records:
                row = self.db.execute("SELECT key, claim FROM factchecks WHERE id = ?", (fc.id,)).fetchone()
                if row is not None:
                    if row[0] == fc.key:
                        statuses.append(EXISTS)
                    else:
                        statuses.append(BadRecord(fc.source or fc.id, f"id {fc.id!r} is already stored for another claim ({row[1][:60]!r}); give each fact-check a unique id"))
                    continue
                # Same URL and claim text: the same review under another id. Without a URL,
                # two records that carry ids of their own are two reviews of one claim.
                own_id = fc.id != f"fc-{fc.key}"
                if (fc.url or not own_id) and self.db.execute("SELECT 1 FROM factchecks WHERE key = ?", (fc.key,)).fetchone():
                    statuses.append(EXISTS)
                    continue
                self.db.execute(
                    "INSERT INTO factchecks(id, key, claim, verdict, rating, publisher, url, date, language, source, record)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (fc.id, fc.key, fc.claim, fc.verdict, fc.rating, fc.publisher, fc.url, fc.date, fc.language, fc.source,
                     json.dumps(fc.to_dict(), ensure_ascii=False)),
                )
                statuses.append(ADDED)
        return statuses

    def factcheck_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM factchecks").fetchone()[0]

    def factcheck_state(self) -> tuple[int, int]:
        """(count, highest row number): changes whenever fact-checks are added."""
        return tuple(self.db.execute("SELECT count(*), coalesce(max(rowid), 0) FROM factchecks").fetchone())

    def iter_factchecks(self) -> Iterator[FactCheck]:
        from newstrail.factchecks.record import FactCheck

        for (record,) in self.db.execute("SELECT record FROM factchecks ORDER BY rowid"):
            yield FactCheck.from_dict(json.loads(record))

    def get_factcheck(self, factcheck_id: str) -> FactCheck:
        from newstrail.factchecks.record import FactCheck

        row = self.db.execute("SELECT record FROM factchecks WHERE id = ?", (factcheck_id,)).fetchone()
        if row is None:
            raise NotFound(f"no imported fact-check with id {factcheck_id!r}; see 'newstrail factchecks list'")
        return FactCheck.from_dict(json.loads(row[0]))

    def put_factcheck_vectors(self, model: str, vectors: dict[str, numpy.ndarray]) -> None:
        """Store (or replace) the ``model`` embedding of each fact-check id, as float16."""
        import numpy as np

        with self.transaction():
            self.db.executemany(
                "INSERT OR REPLACE INTO factcheck_vectors(factcheck, model, vector)"
                " SELECT rowid, ?, ? FROM factchecks WHERE id = ?",
                [(model, np.asarray(v, dtype=np.float16).tobytes(), fid) for fid, v in vectors.items()],
            )

    def factchecks_without_vectors(self, model: str) -> list[tuple[str, str]]:
        """(id, text to embed) of the fact-checks that have no ``model`` vector yet."""
        from newstrail.factchecks.record import FactCheck

        rows = self.db.execute(
            "SELECT record FROM factchecks f WHERE NOT EXISTS"
            " (SELECT 1 FROM factcheck_vectors v WHERE v.model = ? AND v.factcheck = f.rowid) ORDER BY rowid",
            (model,),
        ).fetchall()
        return [(fc.id, fc.text) for fc in (FactCheck.from_dict(json.loads(r[0])) for r in rows)]

    def factcheck_vectors(self, model: str, ids: Sequence[str]) -> numpy.ndarray | None:
        """The ``model`` vectors of ``ids`` as one float32 matrix in that order; None if any is missing."""
        import numpy as np

        found = dict(self.db.execute(
            "SELECT f.id, v.vector FROM factcheck_vectors v JOIN factchecks f ON f.rowid = v.factcheck WHERE v.model = ?", (model,)
        ).fetchall())
        if not ids or any(i not in found for i in ids):
            return None
        return np.stack([np.frombuffer(found[i], dtype=np.float16) for i in ids]).astype(np.float32)

    def factchecks_at(self, urls: Sequence[str]) -> dict[str, list[dict]]:
        """The imported fact-checks published at each of ``urls`` (a review's URL may add a ``#fragment``)."""
        out: dict[str, list[dict]] = {}
        for url in dict.fromkeys(u for u in urls if u):
            rows = self.db.execute(
                "SELECT id, claim, verdict, rating, publisher FROM factchecks WHERE url = ? OR substr(url, 1, ?) = ? ORDER BY rowid",
                (url, len(url) + 1, url + "#"),
            ).fetchall()
            if rows:
                out[url] = [{"factcheck": r[0], "claim": r[1], "verdict": r[2], "rating": r[3], "publisher": r[4]} for r in rows]
        return out
