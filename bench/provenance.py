"""Provenance quality and speed on generated corpora with known copy chains.

    python bench/provenance.py [--sizes 1000 10000 100000] [--quality-size 2000] [--seed 7]
    python bench/provenance.py --dry-run          # no corpus API: generate, ingest, print statistics
    python bench/provenance.py --easy             # the easy corpus of earlier releases (old figures)
    python bench/provenance.py --only clocks      # one kind of the harder corpus: what it alone costs

1. Quality: generates a corpus of ``--quality-size`` articles with :mod:`newstrail.eval.chains`
   (which imports nothing else of newstrail), ingests it with ``newstrail.analyze``, links it
   with ``newstrail.corpus.Corpus`` and scores every story's trace against the truth:
   edge precision/recall, origin accuracy, laundering precision/recall, mutation
   recall per type, false alarms on equal unit conversions, and pairwise story
   purity/completeness.
2. Speed: for each of ``--sizes`` generates a corpus, then ingests and links it in a
   fresh child process and prints articles per second and that process's peak RSS.

With ``--dry-run`` the corpus API is never called: the quality corpus is generated,
written, ingested and described (articles, stories, edges by kind, mutations by type,
what the cleaner did with the planted boilerplate and footers), and the speed runs
time ``newstrail.analyze`` alone. (Once ``Settings.link`` is on, analyze links as it
stores, so its time includes linking; ``Corpus.link()`` then finds nothing to do.)
``--keep DIR`` keeps the quality corpus, its truth, the database, traces and scores.

The scoring functions are pure and live in :mod:`newstrail.eval.provenance`.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from statistics import mean

from newstrail.eval.chains import HARD_KINDS, generate, write_jsonl
from newstrail.eval.provenance import edge_class, external_nodes, score_all

# --------------------------------------------------------------------------- reports


def _pct(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.3f}"


def format_scores(scores: dict) -> list[str]:
    e, o, la, mu, eq, st = (scores[k] for k in ("edges", "origins", "laundering", "mutations", "equal_conversions", "stories"))
    lines = [
        f"  edges          precision {_pct(e['precision'])}  recall {_pct(e['recall'])}   (tp {e['tp']}, fp {e['fp']}, fn {e['fn']}; "
        f"{e['external_edges']} edges to {e['external_nodes']} external nodes set aside)",
        "    recall by how the copy was made: " + ", ".join(f"{k} {_pct(v['recall']).strip()} ({v['found']}/{v['total']})" for k, v in e["recall_by_class"].items()),
        "    recall by credit cue: " + ", ".join(f"{k} {_pct(v['recall']).strip()} ({v['found']}/{v['total']})" for k, v in e["recall_by_cue"].items()),
        f"  origins        accuracy  {_pct(o['accuracy'])}   ({o['correct']} of {o['total']} stories of 2+ articles)",
        f"  laundering     precision {_pct(la['precision'])}  recall {_pct(la['recall'])}   (tp {la['tp']}, fp {la['fp']}, fn {la['fn']})",
        f"  mutations      recall    {_pct(mu['recall'])}   ({mu['found']} of {mu['total']}); precision {_pct(mu['precision'])} of {mu['predicted_on_edges']} predicted on edges",
    ]
    for t, row in mu["per_type"].items():
        lines.append(f"    {t:<8} recall {_pct(row['recall'])}  with matching text {_pct(row['recall_with_text'])}   ({row['found']}/{row['total']})")
    lines += [
        f"  equal unit conversions reported as mutations: {eq['false_alarms']} of {eq['total']}",
        f"  stories        purity    {_pct(st['purity'])}  completeness {_pct(st['completeness'])}  pair F1 {_pct(st['pair_f1'])}   (pairwise; "
        f"{st['predicted_stories']} predicted, {st['truth_stories']} true)",
    ]
    rel, bp = scores.get("related"), scores.get("boilerplate")
    if rel is not None and rel["total"]:
        lines.append(f"  related pairs  grouped   {_pct(rel['grouped_rate'])}   ({rel['grouped']} of {rel['total']}); "
                     f"given an edge (false): {rel['as_edges']}")
    if bp is not None:
        lines.append(f"  boilerplate    false edges {bp['false_edges']}, false same-story pairs {bp['false_story_pairs']}   "
                     f"(of {bp['sharing_pairs']} cross-story pairs that share only boilerplate)")
        if bp.get("false_edges_by_kind"):
            lines.append("    false edges by the kind of block shared: " + ", ".join(f"{k} {v}" for k, v in bp["false_edges_by_kind"].items()))
    return lines


def corpus_stats(records: list[dict], truth: dict) -> dict:
    sizes = Counter(s["size"] for s in truth["stories"])
    bucket = Counter()
    for size, n in sizes.items():
        bucket["1" if size == 1 else "2-3" if size <= 3 else "4-6" if size <= 6 else "7-12"] += n
    words, paras = [], []
    blocks = {b["text"] for b in truth.get("boilerplate", [])}
    for r in records:
        body = [p for p in r["text"].split("\n\n") if p not in blocks]
        paras.append(len(body))
        words.append(sum(len(p.split()) for p in body))
    laundered = {x["article"] for x in truth["laundering"]}
    return {
        "articles": len(records),
        "stories": len(truth["origins"]),
        "story_kinds": dict(Counter(s["kind"] for s in truth["stories"])),
        "story_sizes": dict(sorted(bucket.items())),
        "look_alike_stories": sum(1 for s in truth["stories"] if s["looks_like"]),
        "roles": dict(Counter(a["role"] for a in truth["articles"])),
        "outlets": len({r["outlet"] for r in records}),
        "words": (min(words), round(mean(words)), max(words)),
        "paragraphs": (min(paras), round(mean(paras), 1), max(paras)),
        "edges": len(truth["edges"]),
        "edges_by_class": dict(Counter(edge_class(e, laundered) for e in truth["edges"])),
        "edges_by_kind": dict(Counter(k for e in truth["edges"] for k in e["kinds"])),
        "credit_cues": dict(Counter(e["cue"] for e in truth["edges"] if e.get("cue") and e["cue"] != "dateline")),
        "laundering": len(truth["laundering"]),
        "syndication": (len(truth["syndication"]), sum(len(s["copies"]) for s in truth["syndication"])),
        "mutations": dict(Counter(m["type"] for m in truth["mutations"])),
        "equal_conversions": len(truth["equal_conversions"]),
        "related": dict(Counter(x["why"] for x in truth.get("related", []))),
        "undated": sum(1 for a in truth["articles"] if a["published"] is None),
        "boilerplate": dict(Counter(b["kind"] for b in truth.get("boilerplate", []))),
        "generator": truth["generator"],
    }


def format_stats(s: dict) -> list[str]:
    def kv(d: dict) -> str:
        return ", ".join(f"{k} {v}" for k, v in d.items())

    g = s["generator"]
    return [
        f"  {s['articles']} articles from {s['outlets']} outlets in {s['stories']} stories ({kv(s['story_kinds'])}); "
        f"sizes {kv(s['story_sizes'])}; {s['look_alike_stories']} reuse the town and speaker of an earlier story",
        f"  roles: {kv(s['roles'])}",
        f"  words per article min/mean/max {'/'.join(map(str, s['words']))}; paragraphs {'/'.join(map(str, s['paragraphs']))} (boilerplate lines not counted)",
        f"  edges: {s['edges']}; by how the copy was made: {kv(s['edges_by_class'])}",
        f"  edges by kind: {kv(s['edges_by_kind'])}",
        f"  credit cues: {kv(s['credit_cues'])}",
        f"  laundering: {s['laundering']}; syndication: {s['syndication'][0]} wire stories, {s['syndication'][1]} copies",
        f"  mutations: {kv(s['mutations'])}; equal unit conversions (not mutations): {s['equal_conversions']}",
        f"  related pairs (same story, no edge): {kv(s['related']) or 'none'}; undated articles: {s['undated']}",
        f"  boilerplate blocks by kind: {kv(s['boilerplate'])}",
        f"  generator ({'harder corpus: ' + ', '.join(g['hard']) if g.get('hard') else 'easy corpus (--easy)'}): {g['redrawn_stories']} stories redrawn to avoid sharing a 12-word run with an earlier story, "
        f"{g['stories_kept_with_shared_runs']} kept with one",
    ]


# --------------------------------------------------------------------------- runs


def open_corpus(store, settings):
    """``Corpus(store, settings)`` as agreed; the first version of ``newstrail.corpus`` takes
    ``Corpus(store, options=None)`` (link options, not settings), so settings go only where asked for."""
    import inspect

    from newstrail.corpus import Corpus

    params = list(inspect.signature(Corpus).parameters)
    if len(params) > 1 and params[1] == "settings":
        return Corpus(store, settings)
    return Corpus(store)


def ingest(jsonl: Path, settings, store) -> dict:
    from newstrail import analyze

    start = time.perf_counter()
    statuses = Counter(o.status for o in analyze([str(jsonl)], settings, store))
    return {"statuses": dict(statuses), "seconds": time.perf_counter() - start}


def cleaning_check(store, records: list[dict], truth: dict) -> list[str]:
    """What the cleaner did with the planted boilerplate and 'original source' footers."""
    left = read = 0
    on_page: dict[str, list[str]] = {}
    for block in truth.get("boilerplate", []):
        for article in block["articles"]:
            on_page.setdefault(article, []).append(block["text"])
    footers = {e["to"]: e["cited_as"] for e in truth["edges"] if e.get("cue") == "origin"}
    footers.update({x["article"]: x["cited_as"] for x in truth["laundering"] if x["cue"] == "origin"})
    missing = 0
    for r in records:
        try:
            article = store.articles.get(r["id"])
        except Exception:  # noqa: BLE001 - reported as missing
            missing += 1
            continue
        left += any(line in article.text for line in on_page.get(r["id"], []))
        if r["id"] in footers:
            read += article.original_source == footers[r["id"]]
    return [f"  cleaner: outlet boilerplate left in the text of {left} of {len(records) - missing} stored articles; "
            f"'The original source of this article is X' footers read into meta.original_source: {read} of {len(footers)}"
            + (f"; {missing} records not stored" if missing else "")]


def run_quality(size: int, seed: int, dry_run: bool, keep: Path | None, hard: bool | set[str] = True) -> dict | None:
    from newstrail import Settings, open_store

    start = time.perf_counter()
    records, truth = generate(size, seed, hard=hard)
    gen_s = time.perf_counter() - start
    print(f"quality corpus: {size} articles, seed {seed} (generated in {gen_s:.1f} s)")
    for line in format_stats(corpus_stats(records, truth)):
        print(line)
    with tempfile.TemporaryDirectory() as tmp:
        folder = keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        jsonl = folder / "quality.jsonl"
        write_jsonl(records, jsonl)
        (folder / "truth.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False), encoding="utf-8")
        db = folder / "quality.db"
        if db.exists():
            db.unlink()
        settings = Settings(db=str(db))
        with open_store(settings.db) as store:
            got = ingest(jsonl, settings, store)
            st = got["statuses"]
            linking = " (it links as it stores)" if analyze_links() else ""
            print(f"  newstrail.analyze{linking}: {kv_line(st)} in {got['seconds']:.1f} s ({sum(st.values()) / got['seconds']:.0f} articles/s)")
            for line in cleaning_check(store, records, truth):
                print(line)
            if dry_run:
                print("  --dry-run: corpus API (newstrail.corpus) not called")
                return None
            try:
                corpus = open_corpus(store, settings)
            except ImportError as exc:
                sys.exit(f"error: newstrail.corpus is not importable ({exc}); run with --dry-run until the corpus API lands")
            start = time.perf_counter()
            corpus.link()
            link_s = time.perf_counter() - start
            start = time.perf_counter()
            traces = [corpus.trace(story=story).to_dict() for story in corpus.stories()]
            trace_s = time.perf_counter() - start
        print(f"  link: {link_s:.1f} s; {len(traces)} traces in {trace_s:.1f} s")
        scores = score_all(truth, traces)
        for line in format_scores(scores):
            print(line)
        if keep:
            (folder / "traces.json").write_text(json.dumps(traces, indent=1, ensure_ascii=False), encoding="utf-8")
            (folder / "scores.json").write_text(json.dumps(scores, indent=1), encoding="utf-8")
        return scores


def kv_line(d: dict) -> str:
    return ", ".join(f"{v} {k}" for k, v in sorted(d.items()))


def child(jsonl: str, db: str, dry_run: bool) -> dict:
    """Run in a fresh process: ingest ``jsonl`` into ``db`` and link it; time and peak RSS."""
    from newstrail import Settings, analyze, open_store

    settings = Settings(db=db)
    start = time.perf_counter()
    with open_store(db) as store:
        statuses = Counter(o.status for o in analyze([jsonl], settings, store))
        ingest_s = time.perf_counter() - start
        link_s = None
        if not dry_run:
            start = time.perf_counter()
            open_corpus(store, settings).link()
            link_s = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    # CPU seconds beside wall seconds: on a shared machine the wall clock says little
    return {"added": statuses.get("added", 0), "failed": statuses.get("failed", 0), "ingest_s": ingest_s,
            "link_s": link_s, "peak_mb": usage.ru_maxrss / 1024, "cpu_s": usage.ru_utime + usage.ru_stime}


def analyze_links() -> bool:
    """Whether ``newstrail.analyze`` links articles as it stores them (``Settings.link``)."""
    from newstrail import Settings

    return bool(getattr(Settings(), "link", False))


def run_speed(sizes: list[int], seed: int, dry_run: bool, hard: bool | set[str] = True) -> None:
    what = "analyze only, no Corpus.link() (--dry-run)" if dry_run else "analyze, then Corpus.link()"
    inline = "analyze links as it stores (Settings.link)" if analyze_links() else "analyze does not link"
    print(f"\nspeed: {what}; {inline}; each size in a fresh child process")
    print(f"{'size':>8} {'articles':>9} {'failed':>7} {'gen s':>7} {'analyze s':>10} {'link s':>8} {'articles/s':>11} {'cpu s':>8} {'per cpu s':>10} {'peak MB':>8}")
    for size in sizes:
        start = time.perf_counter()
        records, _truth = generate(size, seed, hard=hard)
        gen_s = time.perf_counter() - start
        with tempfile.TemporaryDirectory() as tmp:
            jsonl = Path(tmp) / "corpus.jsonl"
            write_jsonl(records, jsonl)
            del records, _truth
            cmd = [sys.executable, __file__, "--child", str(jsonl), str(Path(tmp) / "corpus.db")] + (["--dry-run"] if dry_run else [])
            out = subprocess.run(cmd, capture_output=True, text=True)
        if out.returncode != 0:
            tail = (out.stderr.strip().splitlines() or ["no output"])[-1]
            print(f"{size:>8} failed in the child process: {tail}")
            continue
        r = json.loads(out.stdout.strip().splitlines()[-1])
        total = r["ingest_s"] + (r["link_s"] or 0.0)
        link = "-" if r["link_s"] is None else f"{r['link_s']:.2f}"
        print(f"{size:>8} {r['added']:>9} {r['failed']:>7} {gen_s:>7.1f} {r['ingest_s']:>10.2f} {link:>8} "
              f"{r['added'] / total:>11.0f} {r['cpu_s']:>8.1f} {r['added'] / r['cpu_s']:>10.0f} {r['peak_mb']:>8.0f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="*", type=int, default=[1000, 10000, 100000], help="corpus sizes for the speed runs (none: skip them)")
    parser.add_argument("--quality-size", type=int, default=2000, help="articles in the scored corpus (0: skip it)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dry-run", action="store_true", help="do not call the corpus API: generate, ingest and describe")
    parser.add_argument("--keep", type=Path, help="keep the quality corpus, truth, database, traces and scores in this folder")
    parser.add_argument("--easy", action="store_true", help="the easy corpus of earlier releases (no updates, denials, fact-checks, "
                        "acronym credits, local clocks or site boilerplate), to reproduce old figures")
    parser.add_argument("--only", nargs="+", choices=sorted(HARD_KINDS), help="only these kinds of the harder corpus "
                        "(what each costs the linker)")
    parser.add_argument("--child", nargs=2, metavar=("JSONL", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    hard: bool | set[str] = False if args.easy else set(args.only) if args.only else True
    if args.child:
        print(json.dumps(child(*args.child, dry_run=args.dry_run)))
        return
    if args.quality_size:
        run_quality(args.quality_size, args.seed, args.dry_run, args.keep, hard=hard)
    if args.sizes:
        run_speed(args.sizes, args.seed, args.dry_run, hard=hard)


if __name__ == "__main__":
    main()
