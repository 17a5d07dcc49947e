"""Outlet profiles and rating lists: quality against a generated truth, and speed.

Quality: :mod:`newstrail.eval.chains` generates a corpus with known copy chains (silent
copies, laundered credits, syndication) among about sixty fictional outlets; the
corpus is ingested and linked, then ``sources show`` is computed for every outlet
and two of its figures are scored per article against the truth:

* articles hiding their source: the targets of silent-copy edges and the
  laundering articles of the truth;
* articles that took from others: the targets of every truth edge that comes
  from another outlet's article (or an outside outlet).

Speed: importing a generated rating list (CSV, N sites), looking up the ratings
of article URLs, and computing one outlet profile.

    .venv/bin/python bench/sources.py --articles 1000 --list-rows 100000
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from newstrail import Settings, analyze, open_store
from newstrail.eval import chains
from newstrail.ratings.annotate import Ratings
from newstrail.corpus.outlets import resolver_for
from newstrail.ratings.profile import outlet_profile
from newstrail.ratings.lists import read_rating_list


def score(predicted: set[str], truth: set[str]) -> tuple[float, float, int, int, int]:
    tp = len(predicted & truth)
    return tp / max(1, len(predicted)), tp / max(1, len(truth)), tp, len(predicted - truth), len(truth - predicted)


def quality(n_articles: int, seed: int, folder: Path) -> tuple[dict, Path]:
    # the easy corpus: its truth says who hides a source; the harder kinds (updates,
    # denials, site boilerplate...) are scored by bench/provenance.py
    records, truth = chains.generate(n_articles, seed, hard=False)
    path = folder / "corpus.jsonl"
    chains.write_jsonl(records, path)
    settings = Settings(db=str(folder / "corpus.db"))
    started = time.perf_counter()
    with open_store(settings.db) as store:
        list(analyze([str(path)], settings, store))
    ingest = time.perf_counter() - started
    outlet_of = {r["id"]: r["outlet"] for r in records}
    hiding_truth = {e["to"] for e in truth["edges"] if "silent-copy" in e["kinds"]} | {x["article"] for x in truth["laundering"]}
    took_truth = {e["to"] for e in truth["edges"]
                  if e["to"] in outlet_of and outlet_of.get(e["from"]) != outlet_of[e["to"]] and set(e["kinds"]) != {"quote"}}
    hiding, took, timings = set(), set(), []
    with open_store(settings.db) as store:
        identity = resolver_for(store)
        for outlet in truth["outlets"]:
            started = time.perf_counter()
            profile = outlet_profile(store, outlet["domain"], identity=identity)
            timings.append(time.perf_counter() - started)
            hiding |= set(profile["corpus"]["hides_sources"]["article_ids"])
            took |= set(profile["corpus"]["copies"]["article_ids"])
    return {"ingest_s": ingest, "hiding": score(hiding, hiding_truth), "took": score(took, took_truth),
            "profile_ms": (statistics.mean(timings) * 1000, max(timings) * 1000), "outlets": len(timings)}, Path(settings.db)


def speed(db: Path, rows: int, folder: Path, lookups: int) -> dict:
    rnd = random.Random(3)
    path = folder / "big-list.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("domain,name,rating,notes\n")
        for i in range(rows):
            handle.write(f"site{i}.example,Site {i},{rnd.choice(['high', 'mixed', 'low'])},generated row {i}\n")
    started = time.perf_counter()
    found = read_rating_list(path, date="2025-01-01")
    read = time.perf_counter() - started
    with open_store(str(db)) as store:
        started = time.perf_counter()
        store.ratings.put_list(found.info(), found.store_rows())
        stored = time.perf_counter() - started
        urls = [f"https://www.site{rnd.randrange(rows * 2)}.example/news/{i}" for i in range(lookups)]
        ratings = Ratings(store)
        started = time.perf_counter()
        hits = sum(bool(ratings.for_url(u)) for u in urls)
        lookup = time.perf_counter() - started
    return {"rows": len(found.rows), "read_s": read, "store_s": stored, "lookups": lookups, "hits": hits, "lookup_s": lookup}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles in the generated corpus")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--list-rows", type=int, default=100_000, help="sites in the generated rating list")
    parser.add_argument("--lookups", type=int, default=10_000, help="article URLs whose ratings are looked up")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        q, db = quality(args.articles, args.seed, folder)
        s = speed(db, args.list_rows, folder, args.lookups)
    print(f"corpus: {args.articles} generated articles (seed {args.seed}), ingested and linked in {q['ingest_s']:.1f} s; "
          f"{q['outlets']} outlets profiled")
    for name, key in (("hides its source", "hiding"), ("took from others", "took")):
        p, r, tp, fp, fn = q[key]
        print(f"  {name:<18} precision {p:.3f}  recall {r:.3f}   (tp {tp}, fp {fp}, fn {fn}; articles)")
    print(f"  profile time      mean {q['profile_ms'][0]:.0f} ms, max {q['profile_ms'][1]:.0f} ms per outlet")
    print(f"list import: {s['rows']:,} sites read in {s['read_s']:.2f} s ({s['rows'] / s['read_s']:,.0f}/s), "
          f"stored in {s['store_s']:.2f} s")
    print(f"rating lookups: {s['lookups']:,} article URLs in {s['lookup_s']:.2f} s ({s['lookups'] / s['lookup_s']:,.0f}/s; "
          f"{s['hits']:,} rated)")


if __name__ == "__main__":
    main()
