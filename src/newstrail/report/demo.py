"""The closing words of ``newstrail demo``: where the outputs went, what to try next, the report to open."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def demo_outputs(db: Path, records: Path, traces: Path, reports: Any = None, prog: str = "newstrail") -> str:
    """The outputs block: store, records, traces, reports, then the commands to try on the
    store, typed with ``prog`` (the path of a newstrail not on PATH, with how to activate
    its venv), and the report to open.

    ``reports`` is the demo's :class:`~newstrail.api.reports.WrittenReports` (``main``, ``best_story``), if it wrote any.

    >>> print(demo_outputs(Path("d/n.db"), Path("d/a.jsonl"), Path("d/traces"), prog=".venv/bin/newstrail").splitlines()[5])
    Try next (newstrail is not on your PATH: run it as .venv/bin/newstrail, or first: source .venv/bin/activate):
    """
    written = ""
    if reports is not None and reports.main is not None:
        written = f"  reports:  {reports.main} (every article and story, self-contained HTML)\n"
    opening = f"\n\nOpen the report of the story with the most hidden sources in a browser:\n  {reports.best_story}" if reports is not None and reports.best_story else ""
    where = ""
    if prog != "newstrail":
        where = f" (newstrail is not on your PATH: run it as {prog}, or first: source {os.path.join(os.path.dirname(prog), 'activate')})"
    tries = [f"stories --db {db}", f"list --db {db}", f"trace s1-copy5 --db {db}", f"show s1-copy5 --db {db}",
             f"sources show 'Open Eyes News' --db {db}", f"factchecks match 'Cheap tea halves your diabetes risk' --db {db}",
             f"report s1-copy5 --db {db} --out {Path(db).parent / 'reports'}",
             f"export --format csv --out {Path(db).parent / 'tables'} --db {db}"]
    return (f"Outputs:\n  store:    {db}\n  records:  {records}\n  traces:   {traces}/ (one .txt and .json per story)\n{written}\n"
            f"Try next{where}:\n" + "\n".join(f"  {prog} {t}" for t in tries) + opening)
