"""Make the store files of every earlier schema version (tests/data/stores/v1.db ... v5.db).

Run once, with the code of schema version 5 (commit 02bc3ae) on the path:
    git archive 02bc3ae src | tar -x -C /tmp/old && PYTHONPATH=/tmp/old/src python tests/data/stores/make_stores.py
It writes a full version-5 store with the old code, then for each earlier version k
a file with only the first k migrations applied and the rows copied over, as that
version stored them (the record JSON did not change between versions).
v6.db is v5.db opened once with the code of schema version 6 (commit 75c16c5, one
date form), which migrated it:
    cp v5.db v6.db && PYTHONPATH=/tmp/v6/src python -c "from newstrail.store import open_store; open_store('v6.db').close()"
then set to journal_mode=DELETE and vacuumed like the others.
Every outlet and event here is fictional.
"""

import os
import sqlite3
import sys

from newstrail.core.article import Article, Claim, FactCheckMatch, Link, Removed, Span
from newstrail.corpus import Corpus
from newstrail.factchecks.record import FactCheck
from newstrail.store import open_store
from newstrail.store.sqlite import MIGRATIONS

HERE = os.path.dirname(os.path.abspath(__file__))
TEXT = ("The Pier 9 crane at Porthaven fell into the harbour on Tuesday night, the port authority said. "
        "Nobody was hurt, but the ferry to Gull Rock will not run until the wreck is lifted. "
        "Divers from the coast guard inspected the crane on Wednesday morning and found the base had cracked.")
BLOCK = "Support the Harbor Gazette network with a monthly membership today"


def _articles() -> list[Article]:
    first = Article(
        text=TEXT, url="https://harbor-gazette.example/crane", outlet="Harbor Gazette", domain="harbor-gazette.example",
        title="Crane falls into Porthaven harbour", published="2025-03-04T21:00:00+00:00", language="en",
        removed=[Removed(kind="membership", text=BLOCK, position=3)],
        meta={"datelines": [{"outlet": "Harbor Gazette"}, {"outlet": "Lantern Daily"}]},
        claims=[Claim(span=Span(0, 93), score=0.9, checkworthy=True,
                      matches=[FactCheckMatch(factcheck="fc-crane", score=0.8, rating="False", evidence={"verdict": "false"})])],
    )
    second = Article(
        text=TEXT + " Lantern Daily reports the ferry may resume on Friday.", url="https://lantern.example/crane-copy",
        outlet="Lantern Daily", domain="lantern.example", title="Porthaven crane down", published="2025-03-05T08:00:00+00:00",
        language="en", removed=[Removed(kind="membership", text=BLOCK, position=5)],
        meta={"original_source": "Harbor Gazette"},
        links=[Link(Span(0, 10), url="https://harbor-gazette.example/crane", domain="harbor-gazette.example", anchor=TEXT[:10])],
    )
    return [first.ensure_id(), second.ensure_id()]


LATE = Article(text="The Gull Rock lighthouse keeper retired after forty winters, the Bay Courier says.",
               url="https://bay-courier.example/keeper", outlet="Bay Courier", domain="bay-courier.example",
               published="2025-03-06", removed=[Removed(kind="badge", text="Checked by the Bay Courier reader panel every week", position=1)],
               meta={"original_source": "Lantern Daily"}).ensure_id()


def make_v5(path: str) -> None:
    with open_store(path) as store:
        store.put_many(_articles())
        Corpus(store).link()
        store.add_leads([(a.id, a.published, bytes(range(8))) for a in _articles()])
        store.put_factchecks([FactCheck(claim="The Pier 9 crane fell into the harbour.", id="fc-crane", rating="False",
                                        url="https://checkers.example/crane", publisher="Checkers")])
        store.put_factcheck_vectors("toy", {"fc-crane": [0.5, 0.25, 0.0, 1.0]})
        store.put_rating_list({"name": "watch", "date": "2025-04-01", "fields": ["bias"]},
                              [{"host": "lantern.example", "domain": "lantern.example", "name": "Lantern Daily", "name_key": "lantern daily",
                                "stem": "lantern", "line": 2, "fields": {"bias": "low"}}])
        store.put_aliases([{"alias": "lanternd", "kind": "acronym", "text": "LanternD", "domain": "lantern.example"}])
        store.refresh_outlet_index()
        store.put(LATE)  # stored after the outlet index last ran: the upgrade must index it later


def copy_to_version(full: str, path: str, version: int) -> None:
    db = sqlite3.connect(path, isolation_level=None)
    for number in range(version):
        db.executescript(f"BEGIN; {MIGRATIONS[number]}; PRAGMA user_version = {number + 1}; COMMIT;")
    db.execute("ATTACH ? AS full", (full,))
    tables = [r[0] for r in db.execute("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'articles_fts%'")]
    for table in tables:
        columns = [r[1] for r in db.execute(f"PRAGMA main.table_info({table})")]
        names = ", ".join(f'"{c}"' for c in columns)
        db.execute(f"INSERT INTO main.{table}({names}) SELECT {names} FROM full.{table}")
    db.execute("DETACH full")
    db.close()


def main() -> None:
    assert len(MIGRATIONS) == 5, "run with the code of schema version 5"
    full = os.path.join(HERE, "v5.db")
    for version in range(1, 6):
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(os.path.join(HERE, f"v{version}.db{suffix}")):
                os.remove(os.path.join(HERE, f"v{version}.db{suffix}"))
    make_v5(full)
    db = sqlite3.connect(full)
    db.execute("PRAGMA journal_mode=DELETE")  # one self-contained file to commit
    db.execute("VACUUM")
    db.close()
    for version in range(1, 5):
        copy_to_version(full, os.path.join(HERE, f"v{version}.db"), version)
    print("made", ", ".join(f"v{v}.db" for v in range(1, 6)), file=sys.stderr)


if __name__ == "__main__":
    main()
