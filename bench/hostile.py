"""Time and peak memory of ``analyze`` on pathological inputs at 1x, 2x and 4x their size.

    python bench/hostile.py                 # every case at 1x, 2x, 4x
    python bench/hostile.py --case quotes   # one case

Each run is a fresh child process that writes the input, then analyses it into a new
store with the default stages (rhetoric among them) and reports the
CPU seconds of the analysis and the child's peak RSS (``ru_maxrss``, which includes
the ~130 MB of Python, numpy and the models every run loads). Growth is linear when
the seconds double as the input doubles; the 4x size of every one-article case is
just under the 5,000,000-byte cap (``max_input_bytes``), the largest input a run takes.

The syndicated case stores N copies of one article under N URLs (each with its own
headline), then builds the story's trace: seconds and peak cover both, and the line
gives the trace's related pairs listed and omitted and its JSON size.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PARAGRAPH = "The harbor council of Port Alder voted on Monday to close Pier 9 for repairs after divers found rot in 40 pilings.\n\n"
UNIT = 1_200_000  # bytes of the 1x one-article inputs: 4x stays under the 5 MB cap


def _repeat(piece: str, scale: int, lead: str = PARAGRAPH) -> str:
    return lead + piece * (UNIT * scale // len(piece.encode()))  # bytes: "“" is three


#: name -> (what it is, text of the input at a scale)
CASES: dict[str, tuple[str, Callable[[int], str]]] = {
    "brackets": ("a paragraph, then '[' repeated", lambda k: _repeat("[", k)),
    "bracket-pairs": ("'[]' repeated", lambda k: _repeat("[]", k)),
    "unclosed-links": ("'[a](http://x.example/' repeated", lambda k: _repeat("[a](http://x.example/", k)),
    "open-targets": ("'[x](' repeated", lambda k: _repeat("[x](", k)),
    "rhetoric": ("a loaded sentence and a question repeated",
                 lambda k: _repeat('They are traitors and cowards! Why would anyone trust these "experts" now? ', k)),
    "no-sentences": ("'*a ' repeated: one paragraph without a full stop", lambda k: _repeat("*a ", k)),
    "quotes": ("'\"a ' repeated: quotation marks never closed", lambda k: _repeat('"a ', k)),
    "curly-quotes": ("'“a ' repeated", lambda k: _repeat("“a ", k)),
    "single-quotes": ("\"'a \" repeated: single quotes never closed", lambda k: _repeat("'a ", k)),
}
SYNDICATED = 100  # copies at 1x


def _child(case: str, scale: int) -> dict:
    from newstrail import Settings, analyze, open_store
    from newstrail.core.config import DEFAULT_STAGES

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = str(folder / "bench.db")
        if case == "syndicated":
            return _syndicated(folder, db, scale)
        path = folder / f"{case}.md"
        path.write_text(CASES[case][1](scale), encoding="utf-8")
        settings = Settings(db=db, pipeline=DEFAULT_STAGES)
        start = time.process_time()
        with open_store(db) as store:
            # statuses only, as the command keeps nothing of an outcome once it is printed
            statuses = [o.status for o in analyze([str(path)], settings, store)]
        cpu = time.process_time() - start
        return {"bytes": path.stat().st_size, "cpu_s": cpu, "peak_mb": _peak_mb(),
                "status": ",".join(statuses), "detail": ""}


def _syndicated(folder: Path, db: str, scale: int) -> dict:
    from newstrail import Settings, analyze, open_store, trace

    copies = SYNDICATED * scale
    body = "".join(PARAGRAPH.replace("40", str(40 + i)) for i in range(8))
    lines = [json.dumps({"id": f"copy{i}", "url": f"https://outlet{i}.example/2025/03/04/pier", "title": f"Pier 9 to close, edition {i}",
                         "published": f"2025-03-04T{i % 24:02d}:00:00Z", "text": body}) for i in range(copies)]
    path = folder / "copies.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    start = time.process_time()
    with open_store(db) as store:
        statuses = [o.status for o in analyze([str(path)], Settings(db=db), store)]
    found = trace(db, article="copy0").to_dict()
    cpu = time.process_time() - start
    detail = f"related {len(found['related'])} listed, {found['related_omitted']} omitted; trace JSON {len(json.dumps(found)) / 1e6:.1f} MB"
    return {"bytes": path.stat().st_size, "cpu_s": cpu, "peak_mb": _peak_mb(),
            "status": f"{statuses.count('added')} added", "detail": detail}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--case", action="append", choices=[*CASES, "syndicated"], help="only these cases (repeatable)")
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--child", nargs=2, metavar=("CASE", "SCALE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(args.child[0], int(args.child[1]))))
        return
    print(f"{'case':<15} {'scale':>5} {'bytes':>10} {'cpu s':>7} {'x 1x':>5} {'peak MB':>8}  outcome")
    for case in args.case or [*CASES, "syndicated"]:
        first = None
        for scale in args.scales:
            out = subprocess.run([sys.executable, __file__, "--child", case, str(scale)], capture_output=True, text=True)
            if out.returncode:
                print(f"{case:<15} {scale:>5}  failed: {out.stderr.strip().splitlines()[-1] if out.stderr.strip() else out.returncode}")
                continue
            r = json.loads(out.stdout)
            first = first or r["cpu_s"]
            print(f"{case:<15} {scale:>4}x {r['bytes']:>10,} {r['cpu_s']:>7.1f} {r['cpu_s'] / first:>5.1f} {r['peak_mb']:>8.0f}  {r['status']} {r['detail']}".rstrip(), flush=True)


if __name__ == "__main__":
    main()
