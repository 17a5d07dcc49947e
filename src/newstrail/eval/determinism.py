"""What a store derived from its inputs, in a form two stores can be compared by.

The same inputs must give the same store whatever the batch size, an interruption
or a rerun: the credits (``cites``), shared passages (``reuse``), translations,
stories and their members, learned aliases and every stored record (less where
it was read from, which names the file). Rows are keyed by article id, never by
the store's rowids, which follow the order articles were written in.

>>> import tempfile, os
>>> from newstrail import Settings, analyze
>>> folder = tempfile.mkdtemp()
>>> path = os.path.join(folder, "a.txt")
>>> _ = open(path, "w").write("Pier 9 Closes\\n\\nThe harbor council voted on Monday to close Pier 9 for repairs.")
>>> for db in ("one.db", "two.db"):
...     _ = list(analyze([path], Settings(db=os.path.join(folder, db))))
>>> derived_tables(os.path.join(folder, "one.db")) == derived_tables(os.path.join(folder, "two.db"))
True
"""

from __future__ import annotations

import json
import os
import sqlite3
from typing import Any
from urllib.parse import quote

#: record fields that say how an article was read this time, not what it is
_RUN_FIELDS = ("source", "status", "story")


def derived_tables(path: str) -> dict[str, Any]:
    """Every derived table of the SQLite store at ``path``, sorted, by article id."""
    db = sqlite3.connect("file:" + quote(os.path.abspath(path)) + "?mode=ro", uri=True)
    try:
        ids = dict(db.execute("SELECT rowid, id FROM articles"))
        records = {}
        for article_id, record in db.execute("SELECT id, record FROM articles"):
            fields = json.loads(record)
            for name in _RUN_FIELDS:
                fields.pop(name, None)
            records[article_id] = fields
        return {
            "records": records,
            "stories": sorted(db.execute("SELECT id, story FROM articles")),
            "story_rows": sorted(db.execute("SELECT id, first_seen, last_seen, size FROM stories WHERE size > 0")),
            "cites": sorted((ids[a], key, ids.get(s)) for a, key, s in db.execute("SELECT article, outlet, source FROM cites")),
            "reuse": sorted((ids[a], ids[b], *rest) for a, b, *rest in db.execute("SELECT a, b, a_start, a_end, b_start, b_end, words FROM reuse")),
            "translations": sorted((ids[a], ids[b], *rest) for a, b, *rest in
                                   db.execute("SELECT a, b, a_start, a_end, b_start, b_end, round(cosine, 5) FROM translations")),
            "aliases": sorted(db.execute("SELECT alias, kind, text, domain, note, source FROM outlet_aliases")),
        }
    finally:
        db.close()


def differences(a: dict[str, Any], b: dict[str, Any]) -> dict[str, int]:
    """How many rows (or records) of each table differ between two :func:`derived_tables`."""
    found = {}
    for table in a:
        if table == "records":
            keys = set(a[table]) | set(b[table])
            count = sum(a[table].get(k) != b[table].get(k) for k in keys)
        else:
            count = len(set(a[table]) ^ set(b[table]))
        if count:
            found[table] = count
    return found
