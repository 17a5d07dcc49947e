"""Ingestion speed and peak memory: N generated articles from JSONL and from HTML files.

    python bench/ingest.py 1000 5000

For each N and each input kind it generates the corpus in a temporary folder,
runs the default pipeline (read, clean, language id, store in SQLite) in a fresh
child process, and prints articles per second and that process's peak RSS.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import generate, write_html, write_jsonl  # noqa: E402


def measure(inputs: str, db: str) -> dict:
    """Run in a child process: analyze ``inputs`` into ``db``, report time and peak RSS."""
    from newstrail import Settings, analyze, open_store

    start = time.perf_counter()
    with open_store(db) as store:
        statuses = [o.status for o in analyze([inputs], Settings(db=db), store)]
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    # CPU seconds too: on a shared machine the wall clock says little
    return {"added": statuses.count("added"), "failed": statuses.count("failed"), "seconds": seconds,
            "cpu_s": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[1000])
    parser.add_argument("--child", nargs=2, metavar=("INPUTS", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(*args.child)))
        return
    print(f"{'kind':<6} {'articles':>9} {'failed':>7} {'seconds':>8} {'articles/s':>11} {'cpu s':>7} {'per cpu s':>10} {'peak MB':>8}")
    for size in args.sizes:
        articles = generate(size)
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            write_jsonl(articles, folder / "corpus.jsonl")
            write_html(articles, folder / "html")
            for kind, inputs in (("jsonl", folder / "corpus.jsonl"), ("html", folder / "html")):
                db = folder / f"{kind}.db"
                out = subprocess.run([sys.executable, __file__, "--child", str(inputs), str(db)], capture_output=True, text=True, check=True)
                r = json.loads(out.stdout)
                print(f"{kind:<6} {r['added']:>9} {r['failed']:>7} {r['seconds']:>8.2f} {r['added'] / r['seconds']:>11.0f} {r['cpu_s']:>7.1f} {r['added'] / r['cpu_s']:>10.0f} {r['peak_mb']:>8.0f}")


if __name__ == "__main__":
    main()
