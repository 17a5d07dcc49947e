"""The repository of imported fact-checks (schema.org ClaimReview records).

``factchecks`` holds one row per reviewed claim (the full record as JSON beside the
columns a query needs); ``factcheck_vectors`` the embedding of each claim per model,
computed once at import so matching never re-encodes the collection.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from newstrail.core.errors import BadRecord, NotFound
from newstrail.store.rows import ADDED, EXISTS, FactCheckAt, FactCheckRow
from newstrail.store.sql_db import SQLDB, unique

if TYPE_CHECKING:
    import numpy

_COLUMNS = "id, key, claim, verdict, rating, publisher, url, date, language, source, record"


def _row(values: Sequence[Any]) -> FactCheckRow:
    fid, key, claim, verdict, rating, publisher, url, date, language, source, record = values
    return FactCheckRow(fid, key, claim, verdict, rating, publisher, url, date, language, source, json.loads(record))


class SQLFactChecks:
    """See :class:`newstrail.store.protocols.FactChecks`."""

    def __init__(self, db: SQLDB) -> None:
        self.db = db

    def _status(self, fc: FactCheckRow) -> str | BadRecord | None:
        """``EXISTS`` or a BadRecord when ``fc`` may not be added, else None."""
        row = self.db.execute("SELECT key, claim FROM factchecks WHERE id = ?", (fc.id,)).fetchone()
        if row is not None:
            if row[0] == fc.key:
                return EXISTS
            return BadRecord(fc.source or fc.id, f"id {fc.id!r} is already stored for another claim ({row[1][:60]!r}); give each fact-check a unique id")
        # Same URL and claim text: the same review under another id. Without a URL,
        # two records that carry ids of their own are two reviews of one claim.
        own_id = fc.id != f"fc-{fc.key}"
        if (fc.url or not own_id) and self.db.execute("SELECT 1 FROM factchecks WHERE key = ?", (fc.key,)).fetchone():
            return EXISTS
        return None

    def put_many(self, rows: Sequence[FactCheckRow]) -> list[str | BadRecord]:
        """Store a batch in one transaction: ``ADDED``, ``EXISTS`` or a :class:`BadRecord` per row.

        A row is already stored when its id is, or its key (URL + claim text) is and it
        has a URL or no id of its own; an id already used by a different claim is an
        error, not a silent skip.
        """
        statuses: list[str | BadRecord] = []
        with self.db.transaction():
            for fc in rows:
                status = self._status(fc)
                if status is None:
                    self.db.execute(
                        f"INSERT INTO factchecks({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (fc.id, fc.key, fc.claim, fc.verdict, fc.rating, fc.publisher, fc.url, fc.date, fc.language, fc.source,
                         json.dumps(fc.record, ensure_ascii=False)),
                    )
                    status = ADDED
                statuses.append(status)
        return statuses

    def count(self) -> int:
        """How many fact-checks are stored."""
        return int(self.db.execute("SELECT count(*) FROM factchecks").fetchone()[0])

    def state(self) -> tuple[int, int]:
        """(count, highest row number): changes whenever fact-checks are added."""
        count, top = self.db.execute("SELECT count(*), coalesce(max(rowid), 0) FROM factchecks").fetchone()
        return int(count), int(top)

    def iter_rows(self) -> Iterator[FactCheckRow]:
        """Every fact-check, in import order."""
        last = 0  # pages by rowid: a server's cursor would otherwise hold every row in memory
        while rows := self.db.execute(f"SELECT rowid, {_COLUMNS} FROM factchecks WHERE rowid > ? ORDER BY rowid LIMIT 1000", (last,)).fetchall():
            for values in rows:
                yield _row(values[1:])
            last = rows[-1][0]

    def get(self, factcheck_id: str) -> FactCheckRow:
        """The fact-check with this id; raises NotFound."""
        values = self.db.execute(f"SELECT {_COLUMNS} FROM factchecks WHERE id = ?", (factcheck_id,)).fetchone()
        if values is None:
            raise NotFound(f"no imported fact-check with id {factcheck_id!r}; see 'newstrail factchecks list'")
        return _row(values)

    def at(self, urls: Sequence[str]) -> dict[str, list[FactCheckAt]]:
        """The fact-checks published at each of ``urls`` (a review's URL may add a ``#fragment``)."""
        out: dict[str, list[FactCheckAt]] = {}
        for url in unique(u for u in urls if u):
            rows = self.db.execute(
                "SELECT id, claim, verdict, rating, publisher FROM factchecks WHERE url = ? OR substr(url, 1, CAST(? AS INTEGER)) = ? ORDER BY rowid",
                (url, len(url) + 1, url + "#"),
            ).fetchall()
            if rows:
                out[url] = [FactCheckAt(*r) for r in rows]
        return out

    def put_vectors(self, model: str, vectors: Mapping[str, numpy.ndarray]) -> None:
        """Store (or replace) the ``model`` embedding of each fact-check id, as float16."""
        import numpy as np  # lazy: importing the store stays fast

        with self.db.transaction():
            self.db.executemany(
                "INSERT INTO factcheck_vectors(factcheck, model, vector) SELECT rowid, CAST(? AS TEXT), ? FROM factchecks WHERE id = ?"
                " ON CONFLICT (model, factcheck) DO UPDATE SET vector = excluded.vector",
                [(model, np.asarray(v, dtype=np.float16).tobytes(), fid) for fid, v in vectors.items()],
            )

    def without_vectors(self, model: str) -> list[FactCheckRow]:
        """The fact-checks that have no ``model`` vector yet, in import order."""
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM factchecks f WHERE NOT EXISTS"
            " (SELECT 1 FROM factcheck_vectors v WHERE v.model = ? AND v.factcheck = f.rowid) ORDER BY rowid",
            (model,),
        ).fetchall()
        return [_row(r) for r in rows]

    def missing_vectors(self, model: str) -> int:
        """How many fact-checks have no ``model`` vector yet."""
        return int(self.db.execute(
            "SELECT count(*) FROM factchecks f WHERE NOT EXISTS"
            " (SELECT 1 FROM factcheck_vectors v WHERE v.model = ? AND v.factcheck = f.rowid)", (model,)
        ).fetchone()[0])

    def vectors(self, model: str, ids: Sequence[str]) -> numpy.ndarray | None:
        """The ``model`` vectors of ``ids`` as one float32 matrix in that order; None if any is missing."""
        import numpy as np  # lazy: importing the store stays fast

        found = dict(self.db.execute(
            "SELECT f.id, v.vector FROM factcheck_vectors v JOIN factchecks f ON f.rowid = v.factcheck WHERE v.model = ?", (model,)
        ).fetchall())
        if not ids or any(i not in found for i in ids):
            return None
        return np.stack([np.frombuffer(found[i], dtype=np.float16) for i in ids]).astype(np.float32)
