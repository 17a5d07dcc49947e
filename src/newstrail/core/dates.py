"""Publish dates: one parser, one stored form, comparisons as instants.

Inside newstrail a date is an aware ``datetime`` in UTC. Inputs state dates in
many forms and at many offsets; :func:`parse_date` reads them all and converts
to UTC (a date without an offset is taken as UTC). What an :class:`Article`
carries in ``published`` is the stored form :func:`normalise_date` makes:

* ``YYYY-MM-DDTHH:MM:SSZ`` (:func:`to_iso`) when the input gave a time of day;
* ``YYYY-MM-DD`` when it gave a day only: such a date is midnight UTC for a
  computer but "some time that day" for a reader, and the shorter form keeps
  that precision so no output shows a time nobody stated;
* ``None`` when the input gave no date (output says "no date" / ``null``).

SQL filters and orders on :func:`instant_key` (the stored form made a full UTC
instant), which compares chronologically as a string.

>>> normalise_date("November 18, 2016")
'2016-11-18'
>>> normalise_date("2025-03-04T10:00:00+02:00")
'2025-03-04T08:00:00Z'
>>> parse_date("2025-03-04T10:00:00+02:00") < parse_date("2025-03-04T08:30:00Z")
True
>>> instant_key("2025-03-04")
'2025-03-04T00:00:00Z'
>>> find_date("Harbor Lantern, 4 March 2025")
('Harbor Lantern', '2025-03-04')
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone

UTC = timezone.utc

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
# a time of day in the text: without one, the input stated a day only
_TIME_RE = re.compile(r"\d{1,2}:\d{2}")
_DAY_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: dates before this are misreads (a bare number taken for a year), not publish dates
_EARLIEST = 1900


def _aware(moment: datetime) -> datetime | None:
    """``moment`` in UTC; a naive one is taken as UTC. ``None`` before 1900."""
    if moment.year < _EARLIEST:
        return None
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:  # an offset that pushes past year 1 or 9999
        return None


def _parse_text(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)  # the common case, and fast
    except ValueError:
        pass
    from dateutil import parser  # imported here: dateutil is slow to import

    try:
        return parser.parse(text, default=datetime(1900, 1, 1))
    except (ValueError, OverflowError, TypeError):
        return None


def parse_date(value: object) -> datetime | None:
    """An aware UTC datetime for a date in any common form; ``None`` if it is not one.

    A naive input is taken as UTC; a day without a time is midnight UTC of that day
    (:func:`has_time` tells which precision the input had).

    >>> parse_date("2025-03-06T09:00:00+02:00").isoformat()
    '2025-03-06T07:00:00+00:00'
    >>> parse_date("6 March 2025").isoformat()
    '2025-03-06T00:00:00+00:00'
    >>> parse_date("no date here") is None
    True
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return _aware(value)
    if isinstance(value, date):
        return _aware(datetime.combine(value, time()))
    text = str(value).strip()
    if not text:
        return None
    parsed = _parse_text(text)
    return _aware(parsed) if parsed is not None else None


def has_time(value: object) -> bool:
    """Whether a date as given states a time of day (else it is a day only).

    >>> has_time("2025-03-06"), has_time("2025-03-06T09:00:00Z")
    (False, True)
    """
    if isinstance(value, datetime):
        return True
    if isinstance(value, date) or value is None:
        return False
    return bool(_TIME_RE.search(str(value)))


def to_iso(moment: datetime) -> str:
    """The one stored form of an instant: UTC, to the second, ``Z``-suffixed.

    >>> to_iso(datetime(2025, 3, 6, 16, 5, tzinfo=timezone(timedelta(hours=2))))
    '2025-03-06T14:05:00Z'
    """
    aware = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return aware.strftime("%Y-%m-%dT%H:%M:%SZ")


def normalise_date(value: object) -> str | None:
    """The stored form of a date: ``to_iso`` when it has a time, ``YYYY-MM-DD`` when
    it is a day only, ``None`` if it is not a date."""
    moment = parse_date(value)
    if moment is None:
        return None
    if has_time(value):
        return to_iso(moment)
    return moment.date().isoformat()


def instant_key(value: object) -> str | None:
    """The full UTC instant of a date, in :func:`to_iso` form: what SQL filters and
    orders on. A day only is its midnight; ``None`` for no date."""
    moment = parse_date(value)
    return to_iso(moment) if moment is not None else None


def latest(value: object) -> datetime | None:
    """The last instant a date may mean: itself when it has a time, the end of its
    day when it is a day only (a day-only copy may be any hour of that day).

    >>> latest("2025-03-06").isoformat()
    '2025-03-06T23:59:59+00:00'
    """
    moment = parse_date(value)
    if moment is None or has_time(value):
        return moment
    return moment + timedelta(days=1, seconds=-1)


#: where an undated item sorts: after every dated one, as no order is claimed for it
UNDATED = datetime.max.replace(tzinfo=UTC)


def sort_key(value: object) -> datetime:
    """Where a date sorts in publishing order: its :func:`latest` instant (a day-only
    date at the end of its day), and no date after every date.

    >>> sorted(["2025-03-06T09:00:00+02:00", None, "2025-03-06", "2025-03-06T08:30:00Z"], key=sort_key)
    ['2025-03-06T09:00:00+02:00', '2025-03-06T08:30:00Z', '2025-03-06', None]
    """
    return latest(value) or UNDATED


def day_of(value: object) -> str | None:
    """The UTC day (``YYYY-MM-DD``) of a date, for display; ``None`` for no date.

    >>> day_of("2025-03-06T23:30:00-02:00")
    '2025-03-07'
    """
    if isinstance(value, str) and _DAY_RE.fullmatch(value.strip()):
        return value.strip()
    moment = parse_date(value)
    return moment.date().isoformat() if moment is not None else None


#: words that lead a date in a sentence, never an outlet's name
_DATE_WORDS = frozenset("on in at since from by as of dated date until before after".split())


def _ends_as_a_date(line: str) -> bool:
    """Whether ``line`` may be a dateline as far as its end tells: every date of ``DATE_RE``
    ends in a digit or a "Z", before which only whitespace and one stop may follow. The
    dateline pattern tries up to 80 places for the date on every line it is given (a third
    of cleaning an article); this says no at once to the paragraphs it never matches."""
    tail = line.rstrip()
    if tail.endswith("."):
        tail = tail[:-1].rstrip()
    return tail[-1:].isdigit() or tail.endswith("Z")


def find_date(line: str) -> tuple[str | None, str] | None:
    """Read a dateline (``Outlet, Month D, YYYY`` or a bare date) as ``(outlet, stored date)``.

    Returns ``None`` when the line is not a dateline; the outlet part is ``None`` when
    the line holds only a date.

    >>> find_date("Harbour Ledger, March 6, 2025")
    ('Harbour Ledger', '2025-03-06')
    >>> find_date("On March 6, 2025")
    (None, '2025-03-06')
    """
    if not _ends_as_a_date(line):
        return None
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
    # "On September 5, 2013" (a date told in a sentence's words) names no outlet
    if outlet and outlet.lower().rstrip(":") in _DATE_WORDS:
        outlet = None
    return outlet, iso
