"""How newstrail scales: corpora of the sizes given, into each store, and the cost of adding to them.

    python bench/scale.py 1000 10000 [--add 1000] [--postgres postgresql://USER@HOST:PORT/postgres] [--engine dask]

For every size N: N synthetic articles (``bench/synthetic.py``, JSONL) are analysed by
``newstrail analyze`` into a new store, then ``--add`` more (the same batch for every
size, published after every corpus) are added to it. Each run is a child process; the
table gives its wall clock, articles per second, CPU seconds (the child's user + system
time from ``wait4``, not the database server's), peak memory (the child's ``ru_maxrss``)
and the store's size on disk (the SQLite file with its WAL; ``pg_database_size``). The
cost of the addition is printed against the same batch into an empty store: the ratio
says how much the corpus already stored costs the batch (1.0: nothing).

Per stage (``--stages``): CPU seconds and articles per CPU-second of each per-article
stage, of storing and of linking (and, within linking, of looking for translations), measured
inside the child by a stopwatch around them
(the local engine only: another engine's stages run in its workers, whose CPU the
child's includes once they have exited; it is printed as ``workers, start, read, ids``).

``--analysed DB`` (with ``--replicate SIZE`` and ``--keep``) starts from the analysed SIZE
store an earlier run kept, and a kept replicated store is copied instead of made again: adding
the batch to 100,000 replicated articles again costs a copy and the addition.

``--postgres`` names a role that may create databases: each run gets a new one
(``newstrail_scale_*``, dropped afterwards unless ``--keep`` is given). ``--engine`` is passed to
``newstrail analyze --engine`` as it is (the default runs it without, the local engine).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import article  # noqa: E402


def articles(first: int, count: int, seed: int = 7) -> Iterator[dict]:
    """Synthetic articles ``first`` .. ``first + count - 1``, streamed (a million do not fit in memory
    as dicts); each number gets its own random stream, so an article is the same in every corpus."""
    for number in range(first, first + count):
        yield article(random.Random(seed * 1_000_003 + number), number)


def write_corpus(path: Path, first: int, count: int) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for a in articles(first, count):
            record = {k: a[k] for k in ("id", "url", "title", "outlet", "published")}
            handle.write(json.dumps({**record, "text": "\n\n".join(a["paragraphs"] + a["cruft"])}) + "\n")
    return path


# --- the child: newstrail analyze with stopwatches around its parts ----------------------------


def child(stages_out: str, argv: list[str]) -> int:
    """Run ``newstrail analyze`` (``argv``) in this process, timing each stage, storing and
    linking in CPU seconds; write them to ``stages_out`` as JSON."""
    from newstrail.cli import main
    from newstrail.corpus.linking import Linker
    from newstrail.corpus.translation import Translations
    from newstrail.engines import local

    spent: dict[str, float] = defaultdict(float)

    depth = [0]  # stage calls in progress: a batch's fallback calls process, counted once

    def stage_timed(function):  # type: ignore[no-untyped-def]
        # the engine runs a stage on one article (engines.local.process, article first), the
        # rhetoric stage on a batch of them (engines.local._stage_many, stage first)
        def wrapper(first, second):  # type: ignore[no-untyped-def]
            stage = second if function is process else first
            began = time.process_time()
            depth[0] += 1
            try:
                return function(first, second)
            finally:
                depth[0] -= 1
                if not depth[0]:
                    spent[f"stage {stage.name}"] += time.process_time() - began
        return wrapper

    def timed(name: str, function):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            began = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] += time.process_time() - began
        return wrapper

    # the bench's stopwatches around the library's own parts (this process only)
    process = local.process
    local.process = stage_timed(process)
    local._stage_many = stage_timed(local._stage_many)  # type: ignore[attr-defined]
    local._store = timed("store", local._store)  # type: ignore[attr-defined]
    Linker.link_ids = timed("link", Linker.link_ids)  # type: ignore[method-assign]
    # a part of linking, printed under it: looking for translations between languages
    Translations.find = timed("link: translations", Translations.find)  # type: ignore[method-assign]
    code = main(["analyze", *argv], standalone_mode=False) or 0  # the exit code, not raised
    Path(stages_out).write_text(json.dumps(spent))
    return code


# --- a larger corpus from a smaller one, without analysing it again ----------------------------

#: the tables that name articles by rowid, and those columns
_ROWID_COLUMNS = {
    "grams": ("article",), "links": ("article",), "cites": ("article", "source"), "reuse": ("a", "b"),
    "translations": ("a", "b"), "claim_matches": ("article",), "outlet_blocks": ("article",), "outlet_marks": ("article",),
}
_SHIFTED = "strftime('%Y-%m-%dT%H:%M:%SZ', {column}, '-{hours} hours')"


def replicate(source: str, target: str, size: int) -> None:
    """A SQLite store of ``size`` articles (a multiple of ``source``'s) made of copies of the
    analysed and linked store ``source``: each copy gets new ids, URLs, rowids and story ids,
    and dates one corpus span earlier than the copy before it (older history, as many
    articles a day), with every side table (n-gram postings, leads, passages, credits, the
    outlet index) copied alongside; n-grams the copies put in 40 articles or more become stop
    n-grams, as linking makes them."""
    import sqlite3

    shutil.copy(source, target)
    db = sqlite3.connect(target)
    count, top, first, last = db.execute("SELECT count(*), max(rowid), min(published_at), max(published_at) FROM articles").fetchone()
    if size % count:
        raise SystemExit(f"--replicate makes multiples of the corpus it copies ({count}); {size} is not one")
    hours = int(db.execute("SELECT (julianday(?) - julianday(?)) * 24", (last, first)).fetchone()[0]) + 3
    columns = [r[1] for r in db.execute("PRAGMA table_info(articles)")]
    for k in range(1, size // count):
        tag, offset = f"~{k}", k * top

        def shifted(column: str, k: int = k) -> str:
            return f"strftime('%Y-%m-%dT%H:%M:%SZ', {column}, '-{k * hours} hours')"

        new = {c: c for c in columns} | {
            "rowid": f"rowid + {offset}", "id": f"id || '{tag}'", "url": f"url || '{tag}'", "story": f"story || '{tag}'",
            "content_hash": f"content_hash || '{tag}'", "published": shifted("published"), "published_at": shifted("published_at"),
            "record": f"json_set(record, '$.id', id || '{tag}', '$.url', url || '{tag}', '$.published', {shifted('published')})",
        }
        db.execute(f"INSERT INTO articles({', '.join(columns)}) SELECT {', '.join(new[c] for c in columns)} FROM articles WHERE rowid <= ?", (top,))
        db.execute(f"INSERT INTO leads SELECT article + {offset}, {shifted('published')}, vector FROM leads WHERE article <= ?", (top,))
        db.execute(f"INSERT INTO stories SELECT id || '{tag}', {shifted('first_seen')}, {shifted('last_seen')}, size FROM stories WHERE id NOT LIKE '%~%'")
        for table, refs in _ROWID_COLUMNS.items():
            cols = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
            picked = ", ".join(f"{c} + {offset}" if c in refs else c for c in cols)
            db.execute(f"INSERT OR IGNORE INTO {table}({', '.join(cols)}) SELECT {picked} FROM {table} WHERE {refs[0]} <= ?", (top,))
        db.commit()
    db.execute("INSERT OR IGNORE INTO gram_stop SELECT hash FROM grams GROUP BY hash HAVING count(*) >= 40")
    db.commit()
    db.close()


# --- the parent ------------------------------------------------------------------------------


def run(inputs: list[str], db: str, engine: str | None, folder: Path) -> dict:
    """One ``analyze`` child: wall seconds, CPU seconds, peak memory, the CPU of each part."""
    out = folder / "stages.json"
    argv = [*inputs, "--db", db, "--quiet", "--format", "csv", *(["--engine", engine] if engine else [])]
    began = time.perf_counter()
    with open(os.devnull, "w") as sink, open(folder / "child.log", "w+") as log:
        process = subprocess.Popen([sys.executable, __file__, "--child", str(out), *argv], stdout=sink, stderr=log)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - began
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            log.seek(0)
            raise SystemExit(f"newstrail analyze {' '.join(argv)} failed (exit {os.waitstatus_to_exitcode(status)}):\n{log.read()[-3000:]}")
    return {"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024,
            "stages": json.loads(out.read_text()) if out.exists() else {}}


class Stores:
    """New stores of one backend: SQLite files in ``folder``, or databases on ``server``."""

    def __init__(self, folder: Path, server: str | None = None, keep: bool = False) -> None:
        self.folder, self.server, self.made, self.keep = folder, server, [], keep
        self.kind = "postgresql" if server else "sqlite"
        if server:
            import psycopg  # the [postgres] extra, needed for this bench only

            self.admin = psycopg.connect(server, autocommit=True)

    def new(self, name: str) -> str:
        if not self.server:
            path = self.folder / f"{name}.db"
            for old in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                old.unlink(missing_ok=True)  # a kept folder's store of an earlier run: this one starts empty
            return str(path)
        database = f"newstrail_scale_{name}"
        self.admin.execute(f'DROP DATABASE IF EXISTS "{database}"')
        self.admin.execute(f'CREATE DATABASE "{database}"')
        self.made.append(database)
        return self.server.rsplit("/", 1)[0] + "/" + database

    def size_mb(self, location: str) -> float:
        if not self.server:
            return sum(os.path.getsize(p) for p in (location, location + "-wal") if os.path.exists(p)) / 1e6
        return float(self.admin.execute("SELECT pg_database_size(%s)", (location.rsplit("/", 1)[1],)).fetchone()[0]) / 1e6

    def close(self) -> None:
        if self.server:
            for database in [] if self.keep else self.made:
                self.admin.execute(f'DROP DATABASE IF EXISTS "{database}"')
            self.admin.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--add", type=int, default=1000, help="articles added to each corpus (default 1000)")
    parser.add_argument("--postgres", help="postgresql:// URL of a role that may create databases (also runs on PostgreSQL)")
    parser.add_argument("--postgres-only", action="store_true", help="with --postgres, leave SQLite out")
    parser.add_argument("--engine", help="passed to newstrail analyze --engine (default: none given, the local engine)")
    parser.add_argument("--stages", action="store_true", help="print the CPU seconds of each stage of each run")
    parser.add_argument("--replicate", type=int, metavar="SIZE",
                        help="build the SQLite corpora larger than SIZE (one of the sizes) from copies of the analysed SIZE corpus "
                             "instead of analysing them (see replicate()); the batch is still analysed and added")
    parser.add_argument("--analysed", metavar="DB",
                        help="with --replicate: the analysed store of that size an earlier run kept (--keep: corpus_SIZE-analysed.db), "
                             "used instead of analysing the corpus again")
    parser.add_argument("--keep", help="a folder to keep the corpora and SQLite stores in (default: a temporary one); "
                                       "PostgreSQL's databases are kept too (newstrail_scale_*)")
    parser.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.exit(child(args.child[0], args.child[1:]))
    folder = Path(args.keep or tempfile.mkdtemp(prefix="newstrail-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    # the batch comes after the largest corpus, so it is published after every corpus
    batch = str(write_corpus(folder / f"add-{args.add}.jsonl", max(args.sizes), args.add))
    backends = ([] if args.postgres_only else [Stores(folder)]) + ([Stores(folder, args.postgres, keep=bool(args.keep))] if args.postgres else [])
    engine = args.engine or "local"
    print(f"{'store':<10} {'engine':<7} {'run':<12} {'articles':>9} {'wall s':>8} {'art/s':>7} {'cpu s':>8} {'art/cpu-s':>9} "
          f"{'peak MB':>8} {'store MB':>9}", flush=True)
    try:
        for stores in backends:
            empty = _line(stores, engine, f"{args.add} alone", args.add, [batch], stores.new(f"empty_{args.add}"), args, folder)
            for size in sorted(args.sizes):
                db = stores.new(f"corpus_{size}")
                if stores.kind == "sqlite" and args.analysed and size == args.replicate:
                    _upgraded(args.analysed)
                    shutil.copy(args.analysed, db)
                    print(f"{stores.kind:<10} {'-':<7} {size:<12} {size:>9} {'analysed before: ' + args.analysed:>44} {stores.size_mb(db):>9.1f}", flush=True)
                elif stores.kind == "sqlite" and args.replicate and size > args.replicate:
                    _replicated(args.analysed or str(folder / f"corpus_{args.replicate}-analysed.db"), db, size, args.keep)
                    print(f"{stores.kind:<10} {'-':<7} {size:<12} {size:>9} {'replicated from ' + str(args.replicate):>44} {stores.size_mb(db):>9.1f}", flush=True)
                else:
                    corpus = write_corpus(folder / f"corpus-{size}.jsonl", 0, size)
                    _line(stores, engine, f"{size}", size, [str(corpus)], db, args, folder)
                    if not args.keep:
                        corpus.unlink()
                    if size == args.replicate and stores.kind == "sqlite":
                        shutil.copy(db, folder / f"corpus_{size}-analysed.db")  # before anything is added to it
                added = _line(stores, engine, f"+{args.add} to {size}", args.add, [batch], db, args, folder)
                print(f"{'':<10} {'':<7} adding {args.add} to {size}: {added['cpu']:.1f} CPU s, {added['cpu'] / empty['cpu']:.2f} x the same "
                      f"{args.add} into an empty store", flush=True)
    finally:
        for stores in backends:
            stores.close()


def _upgraded(path: str) -> None:
    """Bring a kept store to this code's schema before it is copied: a migration run inside
    the timed addition would be counted as its cost."""
    from newstrail.store import open_store

    open_store(path).close()


def _replicated(source: str, target: str, size: int, keep: str | None) -> None:
    """``replicate`` ``source`` into ``target``; with ``--keep`` the replicated store is kept
    beside it (``corpus_SIZE-replicated.db``) and copied by the next run instead of made again."""
    _upgraded(source)
    kept = Path(keep or "") / f"corpus_{size}-replicated.db"
    if keep and kept.exists() and kept.stat().st_mtime > Path(source).stat().st_mtime:
        shutil.copy(kept, target)
        return
    replicate(source, target, size)
    if keep:
        shutil.copy(target, kept)


def _line(stores: Stores, engine: str, name: str, count: int, inputs: list[str], db: str, args: argparse.Namespace, folder: Path) -> dict:
    r = run(inputs, db, args.engine, folder)
    print(f"{stores.kind:<10} {engine:<7} {name:<12} {count:>9} {r['seconds']:>8.1f} {count / r['seconds']:>7.1f} {r['cpu']:>8.1f} "
          f"{count / r['cpu']:>9.1f} {r['peak_mb']:>8.0f} {stores.size_mb(db):>9.1f}", flush=True)
    if args.stages and r["stages"]:
        # the Dask engine's stages run in its workers, whose CPU the child's includes
        other = "other (start, read, ids)" if engine == "local" else "workers, start, read, ids"
        # "link: ..." is a part of "link", not counted twice
        parts = {**r["stages"], other: r["cpu"] - sum(v for k, v in r["stages"].items() if not k.startswith("link: "))}
        for part, cpu in sorted(parts.items(), key=lambda kv: -kv[1]):
            print(f"{'':<10} {'':<7}   {part:<26} {cpu:>8.1f} CPU s {count / cpu if cpu else float('inf'):>9.0f} articles/CPU-s", flush=True)
    return r


if __name__ == "__main__":
    main()
