"""Publish dates as ISO 8601 strings, from whatever form an input states them in.

>>> normalise_date("November 18, 2016")
'2016-11-18'
>>> normalise_date("2025-03-04T10:00:00Z")
'2025-03-04T10:00:00+00:00'
>>> find_date("Harbor Lantern, 4 March 2025")
('Harbor Lantern', '2025-03-04')
"""

from __future__ import annotations

import re
from datetime import datetime

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
#: the spellings of a date a dateline uses; anything fancier goes through dateutil
DATE_RE = re.compile(
    rf"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
    rf"(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?)"
)
# A dateline is a short line: an optional outlet, then a date, then nothing of substance.
_DATELINE_RE = re.compile(rf"^\s*(?P<outlet>[^\n,|]{{2,80}}?)?\s*[,|\-–—]?\s*(?P<date>{DATE_RE.pattern})\s*\.?\s*$")


def normalise_date(value: object) -> str | None:
    """An ISO date (``YYYY-MM-DD``) or datetime for a date string; ``None`` if it is not one."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    from dateutil import parser  # imported here: dateutil is slow to import

    has_time = bool(re.search(r"\d{1,2}:\d{2}", text))
    try:
        parsed = parser.parse(text, default=datetime(1900, 1, 1))
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed.year < 1900:
        return None
    if has_time:
        return parsed.isoformat()
    return parsed.date().isoformat()


def find_date(line: str) -> tuple[str | None, str] | None:
    """Read a dateline (``Outlet, Month D, YYYY`` or a bare date) as ``(outlet, iso date)``.

    Returns ``None`` when the line is not a dateline; the outlet part is ``None`` when
    the line holds only a date.
    """
    match = _DATELINE_RE.match(line)
    if not match:
        return None
    iso = normalise_date(match.group("date"))
    if iso is None:
        return None
    outlet = (match.group("outlet") or "").strip(" ,|-–—") or None
    if outlet and len(outlet.split()) > 8:
        return None  # a sentence that ends in a date, not a dateline
    if outlet and outlet.lower().startswith(("updated", "published", "posted", "last modified")):
        outlet = None
    return outlet, iso
