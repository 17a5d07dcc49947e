"""Where the time of ``newstrail analyze`` goes, stage by stage, on real news text.

    .venv/bin/python bench/stages.py [--articles 2000] [--rhetoric] [--profile STAGE ...] [--keep DIR]

The FakeNewsCorpus sample (``../shared/data/fakenewscorpus-sample/news_sample.csv``,
250 scraped articles) is cycled to ``--articles`` records with light edits, so copies
exist as in a real feed: each copy gets its own id, URL and date, and every other copy
drops a paragraph and changes a figure. The records are read as ``analyze`` reads a
JSONL file, then each stage of the default pipeline (rhetoric among them) runs over
all of them (the claims and rhetoric stages a batch of ``settings.batch_size`` at a time, as the engines run them), timed in CPU seconds, then they are stored and linked as ``analyze``
stores and links them. One process, one core; the table gives CPU milliseconds per
article and each part's share, so the costly stages can be named (issue 14 asks for this
profile before anything is made faster). Measuring only: nothing here is tuned on it.
``--profile claims`` (repeatable) also runs cProfile, on CPU time, over that stage's loop and
prints its costliest functions by their own time, after the table; ``--profile link`` profiles
the linking. ``--keep DIR`` copies the store as it was before linking to ``DIR/unlinked.db``
(to link it again, profiled or changed, without running the stages); ``--relink DIR`` does that:
it links a copy of ``DIR/unlinked.db`` in the order its articles were stored (as ``analyze``
links them) and prints the link row alone (with ``--profile link``, its profile); ``--relink DIR
--primed inputs|aligned`` links it as the Dask engine's client does, each chunk primed with what
its workers compute, and prints both sides' CPU seconds.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import io
import json
import os
import pstats
import random
import re
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from contextlib import closing
from pathlib import Path

from newstrail import Settings
from newstrail.core.article import Article
from newstrail.corpus import linking
from newstrail.corpus.linking import UNREAD, Linker, LinkReport
from newstrail.corpus.prepare import Held, Prepared, prepare
from newstrail.engines.local import LINK_CHUNK, STORE_CHUNK, assign_ids, process_many
from newstrail.engines.stages import StageContext, build_pipeline
from newstrail.ingest import read_inputs
from newstrail.store import open_store, write_in_turns

SHARED = Path(os.environ.get("NEWSTRAIL_SHARED") or Path(__file__).resolve().parents[2] / "shared")
SAMPLE = SHARED / "data" / "fakenewscorpus-sample" / "news_sample.csv"


def records(n: int, seed: int = 7) -> list[dict]:
    """``n`` records cycled from the sample, every copy with its own id, URL and date."""
    csv.field_size_limit(10**9)
    with open(SAMPLE, encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["content"].strip()]
    rng = random.Random(seed)
    out = []
    for i in range(n):
        row = rows[i % len(rows)]
        text = row["content"]
        if i >= len(rows) and i % 2:
            paragraphs = text.split("\n\n")
            if len(paragraphs) > 3:
                del paragraphs[rng.randrange(1, len(paragraphs) - 1)]
            text = re.sub(r"\b(\d{2,})\b", lambda m: str(int(m.group(1)) + 1), "\n\n".join(paragraphs), count=1)
        out.append({"id": f"{row['id']}-{i}", "url": f"https://{row['domain'] or 'site.example'}/{row['id']}/{i}",
                    "title": row["title"], "text": text, "published": f"2018-01-{1 + (i // len(rows)) % 28:02d}T{i % 24:02d}:00:00Z"})
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--rhetoric", action="store_true", help="time the rhetoric stage too (it is in the default pipeline now: "
                        "this only adds it where a settings file left it out)")
    parser.add_argument("--profile", action="append", default=[], metavar="STAGE",
                        help="profile this stage's loop (cProfile on CPU time), or 'link' the linking; may repeat")
    parser.add_argument("--keep", metavar="DIR", help="copy the store, as it was before linking, to DIR/unlinked.db")
    parser.add_argument("--relink", metavar="DIR", help="only link a copy of DIR/unlinked.db (kept by --keep)")
    parser.add_argument("--primed", choices=("inputs", "aligned"), help="with --relink: link chunk by chunk, each primed as the Dask engine "
                        "primes it (per-article inputs; with their candidates aligned), computed here and timed apart as the workers' part")
    args = parser.parse_args()
    if args.primed:
        if not args.relink:
            parser.error("--primed goes with --relink DIR")
        return relink_primed(Path(args.relink) / "unlinked.db", args.primed == "aligned")
    if args.relink:
        return relink(Path(args.relink) / "unlinked.db", "link" in args.profile)
    if not SAMPLE.is_file():
        print(f"needs {SAMPLE}", file=sys.stderr)
        return 2
    folder = Path(tempfile.mkdtemp(prefix="newstrail-stages-"))
    path = folder / "corpus.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records(args.articles)), encoding="utf-8")
    settings = Settings(db=str(folder / "s.db"))
    times: dict[str, float] = {}
    started = time.process_time()
    articles = [a for a in read_inputs([str(path)], settings) if not hasattr(a, "where")]
    times["read (JSONL reader)"] = time.process_time() - started
    words = sum(len(a.text.split()) for a in articles)
    with open_store(settings.db) as store:
        names = list(settings.pipeline) + (["rhetoric"] if args.rhetoric and "rhetoric" not in settings.pipeline else [])
        pipeline = build_pipeline(settings, StageContext(store), names=names)
        profiles: dict[str, cProfile.Profile] = {}
        for stage in pipeline.stages:
            if stage.name in args.profile:  # (its row then includes the profiler's own cost)
                profiles[stage.name] = cProfile.Profile(time.process_time)
                profiles[stage.name].enable()
            started = time.process_time()
            articles = batched(stage, articles, settings.batch_size)
            times[f"stage {stage.name}"] = time.process_time() - started
            if stage.name in profiles:
                profiles[stage.name].disable()
        started = time.process_time()
        assign_ids(articles, store, {})
        write_in_turns(store, [articles[i : i + STORE_CHUNK] for i in range(0, len(articles), STORE_CHUNK)], store.articles.put_many)
        times["store"] = time.process_time() - started
        if args.keep:
            Path(args.keep).mkdir(parents=True, exist_ok=True)
            with closing(sqlite3.connect(settings.db)) as db:
                db.execute("VACUUM INTO ?", (str(Path(args.keep) / "unlinked.db"),))
        times["link"], profiler = linked(store, [a.id for a in articles], "link" in args.profile)
        if profiler:
            profiles["link"] = profiler
    print_table(len(articles), times, words, profiles)
    return 0


def batched(stage, articles: list, size: int) -> list:
    """``stage`` over ``articles``, ``size`` (``settings.batch_size``) at a time: a stage with a
    ``process_many`` method (claims, rhetoric: the engines run them last, over each batch) takes
    each batch at once, any other stage one article at a time."""
    out = [done for k in range(0, len(articles), size) for done in process_many(articles[k : k + size], [stage])]
    failed = [str(a) for a in out if not isinstance(a, Article)]
    if failed:
        raise SystemExit(f"stage {stage.name} failed on {len(failed)} articles, the first: {failed[0]}")
    return out


def linked(store, ids: list[str], profile: bool) -> tuple[float, cProfile.Profile | None]:
    """Link ``ids`` as analyze links them; the CPU seconds it took, and its profile if asked."""
    profiler = cProfile.Profile(time.process_time) if profile else None
    if profiler:
        profiler.enable()
    started = time.process_time()
    Linker(store).link_ids(ids, LinkReport())  # as analyze links
    seconds = time.process_time() - started
    if profiler:
        profiler.disable()
    return seconds, profiler


def copied(kept: Path) -> Path | None:
    """A copy of the store ``--keep`` kept, to link again (None, said why, when there is none)."""
    if not kept.is_file():
        print(f"needs {kept} (made by --keep)", file=sys.stderr)
        return None
    copy = Path(tempfile.mkdtemp(prefix="newstrail-relink-")) / "s.db"
    with closing(sqlite3.connect(kept)) as db:
        db.execute("VACUUM INTO ?", (str(copy),))
    return copy


def relink(kept: Path, profile: bool) -> int:
    """Link a copy of a store kept by ``--keep`` and print the link row."""
    copy = copied(kept)
    if copy is None:
        return 2
    with open_store(str(copy)) as store:
        ids = store.links.unlinked_ids(limit=store.articles.count())  # in the order they were stored
        seconds, profiler = linked(store, ids, profile)
    print(f"{len(ids)} stored articles of {kept}, linked again: {seconds:.1f} CPU s")
    print_table(len(ids), {"link": seconds}, None, {"link": profiler} if profiler else {})
    return 0


def relink_primed(kept: Path, aligned: bool) -> int:
    """Link a copy of a store kept by ``--keep`` in the Dask engine's chunks, each primed with
    what its workers compute (:func:`newstrail.corpus.prepare.prepare`, in one piece per
    worker of two, with the ids before it); print the CPU seconds of each side, how many
    pairs the linker aligned itself, and what it found."""
    # the Dask engine's constants: imported only here, as the [dask] extra may be missing
    from newstrail.engines.dask_engine import LINK_AHEAD

    copy = copied(kept)
    if copy is None:
        return 2
    counted: Counter[str] = Counter()
    aligning = linking.align
    linking.align = lambda a, b, min_words: counted.update(["pairs"]) or aligning(a, b, min_words=min_words)  # type: ignore[assignment]
    with open_store(str(copy)) as store, open_store(str(copy), read_only=True) as reader:
        ids = store.links.unlinked_ids(limit=store.articles.count())
        chunks = [ids[start : start + LINK_CHUNK] for start in range(0, len(ids), LINK_CHUNK)]
        linker, report = Linker(store), LinkReport()
        held: dict[str, Held] = {}
        client = workers = 0.0
        for k, chunk in enumerate(chunks):
            started = time.process_time()
            before = [i for c in chunks[max(0, k - LINK_AHEAD) : k] for i in c]
            prepared: dict[str, Prepared] = {}
            size = -(-len(chunk) // 2)
            for start in range(0, len(chunk), size):
                piece = reader.articles.get_many(chunk[start : start + size], without=UNREAD)
                prepared |= prepare(piece, reader if aligned else None, before + chunk[:start], held)
            workers += time.process_time() - started
            started = time.process_time()
            linker.prime(prepared)
            linker.link_ids(chunk, report)
            client += time.process_time() - started
    print(f"{len(ids)} stored articles of {kept}, linked again primed with {'inputs and aligned candidates' if aligned else 'inputs'}: "
          f"client {client:.1f} CPU s, workers' part {workers:.1f} CPU s, pairs the client aligned {counted['pairs']}, "
          f"{report.passages} passages, {len(report.stories)} stories")
    return 0


def print_table(n: int, times: dict[str, float], words: int | None, profiles: dict[str, cProfile.Profile]) -> None:
    total = sum(times.values())
    if words is not None:
        print(f"{n} articles ({words / n:.0f} words on average) from {SAMPLE.name}, cycled with edits; "
              f"{total:.1f} CPU s in all, {n / total:.0f} articles per CPU-second")
    print(f"{'part':<24} {'ms/article':>10} {'share':>6}")
    for part, seconds in times.items():
        print(f"{part:<24} {1000 * seconds / n:>10.2f} {100 * seconds / total:>5.0f}%")
    for name, profile in profiles.items():
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(12)
        top = out.getvalue()
        part = name if name == "link" else f"stage {name}"
        print(f"\n{part}, the costliest functions by their own CPU time:\n{top[top.index('   ncalls'):].rstrip()}")


if __name__ == "__main__":
    sys.exit(main())
