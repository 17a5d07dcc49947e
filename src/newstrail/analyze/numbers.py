"""Numbers in text with their unit, qualifier and what they count, in comparable form.

A claim travels with its numbers, and a copy often changes them: "45 km" becomes
"28 miles", "about 3,000 fighters" becomes "over 5,000". Each :class:`Number`
carries a canonical value in a base unit per dimension (length in km, mass in kg,
money per currency, shares in percent, counts), so two numbers can be compared
across units with :func:`compare`.

>>> [(n.value, n.unit, n.what) for n in find_numbers("Sorvik lies 45 km away; about 3,000 rebel fighters hold it.")]
[(45.0, 'km', ''), (3000.0, '', 'rebel fighters')]
>>> compare(find_numbers("32 km")[0], find_numbers("19.9 miles")[0])
'equal'
>>> compare(find_numbers("32 km")[0], find_numbers("19 miles")[0])
'close'
"""

from __future__ import annotations

import re

from newstrail.core.article import Number, Span

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "a dozen": 12,
    "hundreds": 100, "thousands": 1000, "dozens": 12,
}
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3, "m": 1e6, "bn": 1e9}
#: unit as written (lower case) -> (dimension, canonical unit, factor to canonical)
UNITS: dict[str, tuple[str, str, float]] = {
    "km": ("length", "km", 1.0), "kilometres": ("length", "km", 1.0), "kilometers": ("length", "km", 1.0),
    "kilometre": ("length", "km", 1.0), "kilometer": ("length", "km", 1.0),
    "mile": ("length", "km", 1.609344), "miles": ("length", "km", 1.609344), "mi": ("length", "km", 1.609344),
    "m": ("length", "km", 0.001), "metres": ("length", "km", 0.001), "meters": ("length", "km", 0.001),
    "metre": ("length", "km", 0.001), "meter": ("length", "km", 0.001),
    "feet": ("length", "km", 0.0003048), "ft": ("length", "km", 0.0003048), "foot": ("length", "km", 0.0003048),
    "kg": ("mass", "kg", 1.0), "kilograms": ("mass", "kg", 1.0), "tonnes": ("mass", "kg", 1000.0), "tons": ("mass", "kg", 907.185),
    "pounds": ("mass", "kg", 0.453592), "lb": ("mass", "kg", 0.453592), "lbs": ("mass", "kg", 0.453592),
    "%": ("share", "%", 1.0), "percent": ("share", "%", 1.0), "per cent": ("share", "%", 1.0), "percentage points": ("share", "pp", 1.0),
    "hours": ("time", "h", 1.0), "hour": ("time", "h", 1.0), "days": ("time", "h", 24.0), "day": ("time", "h", 24.0),
    "weeks": ("time", "h", 168.0), "week": ("time", "h", 168.0), "months": ("time", "h", 730.0), "month": ("time", "h", 730.0),
    "years": ("time", "h", 8766.0), "year": ("time", "h", 8766.0),
}
_CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP"}
_CURRENCY_WORDS = {"dollars": "USD", "euros": "EUR", "pounds sterling": "GBP", "crowns": "crowns", "crown": "crowns"}
_QUALIFIERS = (
    "about", "around", "approximately", "roughly", "nearly", "almost", "some", "over", "more than", "at least",
    "up to", "less than", "fewer than", "under", "just over", "just under", "exactly", "only", "as many as", "as few as",
)
_STOP = {"the", "a", "an", "of", "in", "on", "at", "to", "and", "or", "from", "by", "for", "with", "this", "that",
         "is", "was", "were", "are", "be", "been", "has", "have", "had", "will", "would", "as", "it", "its", "per", "than", "away", "north", "south", "east", "west", "said", "say", "says", "told"}

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_WORDNUM = "|".join(sorted((re.escape(w) for w in _WORD_NUMBERS), key=len, reverse=True))
_UNIT = "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True))
_CUR = "|".join(sorted((re.escape(u) for u in _CURRENCY_WORDS), key=len, reverse=True))
_QUAL = "|".join(sorted((re.escape(q) for q in _QUALIFIERS), key=len, reverse=True))
_PATTERN = re.compile(
    rf"(?:(?P<qual>\b(?:{_QUAL}))\s+)?"
    rf"(?P<sign>[$€£])?(?:(?P<num>{_NUM})|\b(?P<word>{_WORDNUM})\b)"
    rf"(?:\s*(?P<scale>thousand|million|billion|trillion|bn|k|m)\b)?"
    rf"(?:\s*(?P<unit>{_UNIT})(?![\w]))?"
    rf"(?:\s+(?P<cur>{_CUR})\b)?",
    re.I,
)
_IN_HALF = re.compile(r"\b(?:in half|halves|halved|by half)\b", re.I)
_WHAT = re.compile(r"\s+((?:[a-z][\w-]*)(?:\s+[a-z][\w-]*)?)")




def _parse(match: re.Match[str]) -> tuple[float, str, str] | None:
    if match.group("num"):
        value = float(match.group("num").replace(",", ""))
    else:
        value = float(_WORD_NUMBERS[match.group("word").lower()])
    scale = (match.group("scale") or "").lower()
    if scale in ("m", "k") and match.group("unit") is None and not match.group("sign"):
        scale = scale if match.group("num") else ""
    value *= _SCALE.get(scale, 1.0)
    unit = (match.group("unit") or "").lower()
    if match.group("sign") or match.group("cur"):
        currency = _CURRENCY_SIGNS.get(match.group("sign") or "") or _CURRENCY_WORDS[(match.group("cur") or "").lower()]
        return value, currency, "money"
    if unit:
        dimension, canonical, factor = UNITS[unit]
        return value * factor, canonical, dimension
    return value, "", "count"


def find_numbers(text: str) -> list[Number]:
    """Every number in ``text`` with unit, qualifier and the words it counts."""
    found: list[Number] = []
    for match in _PATTERN.finditer(text):
        if match.group("word") and not match.group("unit") and not match.group("cur"):
            # "one of the", "two said": spelled-out small numbers count only with a noun
            following = _WHAT.match(text, match.end())
            if not following or following.group(1).split()[0].lower() in _STOP:
                continue
        parsed = _parse(match)
        if parsed is None:
            continue
        value, unit, dimension = parsed
        if dimension == "count" and match.group("num") and re.fullmatch(r"(1[89]|20)\d\d", match.group("num")):
            continue  # a year, not a quantity
        start = match.start("sign") if match.group("sign") else match.start("num") if match.group("num") else match.start("word")
        if match.group("qual"):
            start = match.start("qual")
        what = ""
        following = _WHAT.match(text, match.end())
        if following and dimension in ("count", "money", "share"):
            words = [w for w in following.group(1).split() if w.lower() not in _STOP]
            if words and words[0].lower() == following.group(1).split()[0].lower():
                what = " ".join(words).lower()
        found.append(Number(Span(start, match.end()), text[start : match.end()], value, unit, dimension, (match.group("qual") or "").lower(), what))
    for match in _IN_HALF.finditer(text):
        found.append(Number(Span(match.start(), match.end()), match.group(0), 50.0, "%", "share", "", "reduction"))
    return sorted(found, key=lambda n: n.span.start)


def compare(a: Number, b: Number) -> str:
    """``equal`` (same quantity, maybe in another unit), ``close`` (within 10%), ``different``,
    or ``incomparable`` (different dimensions or units that do not convert)."""
    if a.dimension != b.dimension or a.unit != b.unit:
        return "incomparable"
    if a.value == b.value or abs(a.value - b.value) <= 0.015 * max(abs(a.value), abs(b.value)):
        # a conversion rounded to one decimal still counts as the same quantity
        return "equal" if a.qualifier == b.qualifier or not (a.qualifier and b.qualifier) else "different"
    if abs(a.value - b.value) <= 0.10 * max(abs(a.value), abs(b.value)):
        return "close"
    return "different"
