"""The closing words of ``newstrail demo``: where the outputs went and what to try next."""

from __future__ import annotations

from pathlib import Path


def demo_outputs(db: Path, records: Path, traces: Path) -> str:
    """The outputs block: store, records, traces, then commands to try on the store."""
    return (f"Outputs:\n  store:    {db}\n  records:  {records}\n  traces:   {traces}/ (one .txt and .json per story)\n"
            f"Try:  newstrail stories --db {db}\n      newstrail trace s1-copy5 --db {db}\n      newstrail show s1-copy5 --db {db}\n"
            f"      newstrail sources show 'Open Eyes News' --db {db}"
            f"\n      newstrail factchecks match 'Cheap tea halves your diabetes risk' --db {db}")
