"""The closing words of ``newstrail demo``: where the outputs went and what to try next."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def demo_outputs(db: Path, records: Path, traces: Path, reports: Any = None) -> str:
    """The outputs block: store, records, traces, reports, then commands to try on the store and the report to open.

    ``reports`` is the demo's :class:`~newstrail.api.reports.WrittenReports` (``main``, ``best_story``), if it wrote any.
    """
    written = ""
    if reports is not None and reports.main is not None:
        written = f"  reports:  {reports.main} (every article and story, self-contained HTML)\n"
    opening = f"\nOpen the report of the story with the most hidden sources in a browser:\n  {reports.best_story}" if reports is not None and reports.best_story else ""
    return (f"Outputs:\n  store:    {db}\n  records:  {records}\n  traces:   {traces}/ (one .txt and .json per story)\n{written}"
            f"Try:  newstrail stories --db {db}\n      newstrail trace s1-copy5 --db {db}\n      newstrail show s1-copy5 --db {db}\n"
            f"      newstrail sources show 'Open Eyes News' --db {db}"
            f"\n      newstrail factchecks match 'Cheap tea halves your diabetes risk' --db {db}"
            f"\n      newstrail report s1-copy5 --db {db} --out {Path(db).parent / 'reports'}{opening}")
