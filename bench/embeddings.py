"""Speed, memory and a retrieval probe for both embedders (``newstrail.embeddings``).

    python bench/embeddings.py                 # both backends, 2,000 generated sentences
    python bench/embeddings.py --n 500 --kinds accurate

Each backend runs in its own child process so that its peak memory (max RSS, which
includes the interpreter and numpy, about 40 MB) is its own. Speed counts ``encode``
only, after a warm-up call; loading is timed separately. ``sent/s`` is wall-clock and
drops when other jobs share the cores (the load average is printed); ``sent/cpu-s``
divides by the CPU time the process used, all threads together, and moves less.

The probe (``bench/data/paraphrase_probe.tsv``, 40 pairs the team wrote about
fictional places) asks, for each of the 80 sentences, whether its paraphrase is the
nearest (top-1) or among the five nearest (top-5) of the 119 other texts by cosine;
each pair comes with a distractor that shares its words (place, actor) but not its
meaning, which is what a bag of token vectors is weak at.

    python bench/embeddings.py --crosslingual  # the two multilingual backends

prints, per multilingual backend, the cross-language probe of
``newstrail.eval.crosslingual_probe`` (ten fictional events and ten near misses, each in
en es ar ru de fr pt it tr id uz): top-1 retrieval per language pair, the margin
(best vs next best, :func:`newstrail.embeddings.match_margins`) of true pairs and of
near misses as 5th/50th/95th percentiles (-1 = the aligner would pair nothing), the
share kept / let in at the bars it chooses, and CPU ms a sentence.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

PROBE = Path(__file__).parent / "data" / "paraphrase_probe.tsv"

_WHO = ["The mayor of Velmora", "A spokesperson for the Kessel Courier", "Police in Doravik",
        "The health minister", "Farmers near Oranby", "The harbour council", "Local teachers",
        "An official at the national bank", "Residents of the old town", "The opposition leader"]
_DID = ["said on Monday that", "denied reports that", "warned that", "confirmed that",
        "told reporters that", "claimed in a statement that", "insisted that"]
_WHAT = ["the bridge will reopen in {n} weeks", "fuel prices rose by {n} percent last month",
         "{n} people were evacuated after the flood", "the ferry timetable will change in spring",
         "the hospital is short of {n} nurses", "the new law breaches the constitution",
         "the video was filmed {n} years ago in another country", "bread now costs twice as much",
         "the factory will cut {n} jobs", "the festival was cancelled because of the storm"]


def generated_sentences(n: int, seed: int = 7) -> list[str]:
    """``n`` varied news-like sentences (about 12-25 words) from fixed templates."""
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        s = f"{rnd.choice(_WHO)} {rnd.choice(_DID)} {rnd.choice(_WHAT).format(n=rnd.randint(2, 900))}"
        if rnd.random() < 0.4:
            s += f", and {rnd.choice(_WHO).lower()} {rnd.choice(_DID)} {rnd.choice(_WHAT).format(n=rnd.randint(2, 90))}"
        out.append(s + ".")
    return out


def run_one(kind: str, n: int, static_folder: str | None) -> dict:
    """Measure one backend in this process (called in a child process)."""
    from newstrail.embeddings import StaticEmbedder, get_embedder
    from newstrail.eval.embeddings import probe_scores, read_probe

    t0 = time.perf_counter()
    emb = StaticEmbedder(static_folder) if (kind == "fast" and static_folder) else get_embedder(kind)
    load_s = time.perf_counter() - t0
    sentences = generated_sentences(n)
    emb.encode(sentences[:16])  # warm-up: first-call allocations and thread pools
    t0, c0 = time.perf_counter(), time.process_time()
    emb.encode(sentences)
    encode_s, cpu_s = time.perf_counter() - t0, time.process_time() - c0
    probe = probe_scores(emb, read_probe(PROBE))
    return {
        "kind": kind, "name": emb.name, "dim": emb.dim, "n": n,
        "load_s": round(load_s, 2), "sentences_per_s": round(n / encode_s, 1),
        "per_cpu_s": round(n / max(cpu_s, 1e-9), 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "probe_top1": round(probe["top1"], 3), "probe_top5": round(probe["top5"], 3),
    }


def run_crosslingual(kind: str) -> dict:
    """The cross-language probe report of one backend (called in a child process)."""
    from newstrail.embeddings import get_embedder
    from newstrail.eval.crosslingual import probe_report

    report = probe_report(get_embedder(kind))
    for v in report["pairs"].values():  # the raw (cosine, margin) lists are not printed
        del v["true"], v["near"]
    report["kind"] = kind
    return report


def _q(qs: list[float]) -> str:
    return "/".join(f"{q:+.3f}" if q > -1 else " none " for q in qs)


def print_crosslingual(r: dict) -> None:
    """One backend's probe: totals, chosen bars, then one line per language pair."""
    b = r["bars"]
    print(f"== {r['kind']} ({r['name']}): {r['cpu_ms']:.2f} CPU ms a sentence; "
          f"languages counted: {' '.join(r['covered'])}")
    print(f"top-1 {r['top1']:.3f} (all 11 languages: {r['top1_all']:.3f}); margin p5/p50/p95 true "
          f"{_q(r['true_margin_q'])}, near miss {_q(r['near_margin_q'])}; cosine true "
          f"{_q(r['true_cos_q'])}, near miss {_q(r['near_cos_q'])}")
    print(f"bars chosen: margin >= {b['min_margin']}, cosine >= {b['min_cosine']}: keeps "
          f"{b['kept']:.2f} of true pairs, lets in {b['let_in']:.2f} of near misses")
    print(f"{'pair':<6} {'top-1':>5} {'true margin p5/p50/p95':>24} {'near-miss margin':>24} {'kept':>5} {'let in':>6}")
    for pair, v in r["pairs"].items():
        print(f"{pair:<6} {v['top1']:>5.2f} {_q(v['true_margin_q']):>24} {_q(v['near_margin_q']):>24} "
              f"{v['kept']:>5.2f} {v['let_in']:>6.2f}")


def crosslingual_main(kinds: list[str]) -> int:
    for kind in kinds:
        cmd = [sys.executable, __file__, "--child-crosslingual", kind]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode:
            print(done.stderr, file=sys.stderr)
            return done.returncode
        print_crosslingual(json.loads(done.stdout.strip().splitlines()[-1]))
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="speed, memory and retrieval probe of the embedders")
    ap.add_argument("--n", type=int, default=2000, help="generated sentences to encode (default 2000)")
    ap.add_argument("--kinds", default="fast,accurate", help="comma-separated backends (default both)")
    ap.add_argument("--static-folder", help="measure another static model folder instead of the shipped one")
    ap.add_argument("--crosslingual", action="store_true",
                    help="the cross-language probe of the multilingual backends instead")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--child-crosslingual", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child_crosslingual:
        print(json.dumps(run_crosslingual(args.child_crosslingual)))
        return 0
    if args.crosslingual:
        kinds = args.kinds if args.kinds != "fast,accurate" else "multilingual,multilingual-accurate"
        return crosslingual_main([k.strip() for k in kinds.split(",") if k.strip()])
    if args.child:
        print(json.dumps(run_one(args.child, args.n, args.static_folder)))
        return 0
    rows = []
    for kind in [k.strip() for k in args.kinds.split(",") if k.strip()]:
        cmd = [sys.executable, __file__, "--child", kind, "--n", str(args.n)]
        if args.static_folder:
            cmd += ["--static-folder", args.static_folder]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode:
            print(done.stderr, file=sys.stderr)
            return done.returncode
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(f"{'backend':<10} {'name':<14} {'dim':>4} {'load s':>7} {'sent/s':>9} {'sent/cpu-s':>10} {'peak MB':>8} "
          f"{'probe top-1':>11} {'top-5':>6}")
    for r in rows:
        print(f"{r['kind']:<10} {r['name']:<14} {r['dim']:>4} {r['load_s']:>7} {r['sentences_per_s']:>9,.0f} {r['per_cpu_s']:>10,.0f} "
              f"{r['peak_rss_mb']:>8} {r['probe_top1']:>11.3f} {r['probe_top5']:>6.3f}")
    load = os.getloadavg()[0]
    print(f"({args.n} generated sentences on {os.cpu_count()} cores, load average {load:.1f}; "
          f"probe: {PROBE.name}, 80 queries)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
