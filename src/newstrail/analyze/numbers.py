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

import functools
import re
from collections.abc import Iterator

from newstrail.core.langcode import base_language
from newstrail.core.article import Number, Span

#: the cardinal words (one home: linking reads "Nineteen" and "19" as one figure with them)
CARDINALS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_WORD_NUMBERS = {w: n for w, n in CARDINALS.items() if n} | {
    "hundred": 100, "dozen": 12, "a dozen": 12,
    "hundreds": 100, "thousands": 1000, "dozens": 12, "tens of thousands": 10000, "hundreds of thousands": 100000,
}
#: vague amounts, and the exact values each is consistent with: "hundreds of savers" is not 40 savers
VAGUE: dict[str, tuple[float, float]] = {
    "dozens": (24, 199), "hundreds": (200, 1999), "thousands": (2000, 19999),
    "tens of thousands": (20000, 199999), "hundreds of thousands": (200000, 1999999),
}
_SCALE = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3, "m": 1e6, "bn": 1e9}
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
    "minutes": ("time", "h", 1 / 60), "minute": ("time", "h", 1 / 60), "mins": ("time", "h", 1 / 60),
    "nautical miles": ("length", "km", 1.852), "nautical mile": ("length", "km", 1.852),
    "knots": ("speed", "km/h", 1.852), "knot": ("speed", "km/h", 1.852), "km/h": ("speed", "km/h", 1.0),
    "kph": ("speed", "km/h", 1.0), "mph": ("speed", "km/h", 1.609344), "miles per hour": ("speed", "km/h", 1.609344),
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
    rf"(?:\s*(?P<scale>hundred|thousand|million|billion|trillion|bn|k|m)\b)?"
    rf"(?:\s*(?P<unit>{_UNIT})(?![\w]))?"
    rf"(?:\s+(?P<cur>{_CUR})\b)?",
    re.I,
)
#: where a match of ``_PATTERN`` can start: a digit or currency sign, or a word beginning
#: as a qualifier or a number word does. Python's regex engine tries all of ``_PATTERN``'s
#: alternatives at every position; jumping from one such start to the next finds the same
#: matches in half the time (the largest part of the claims stage on figure-rich news)
_STARTS = re.compile(r"[\d$€£]|\b[%s]" % "".join(sorted({w[0] for w in (*_QUALIFIERS, *_WORD_NUMBERS)})), re.I)


def _matches(text: str) -> Iterator[re.Match[str]]:
    """``_PATTERN.finditer(text)``, faster.

    >>> [m.group(0) for m in _matches("Haber7: about 3,000 fighters, $5 m and two dozen boats")]
    ['7', 'about 3,000', '$5 m', 'two', 'dozen']
    """
    at = 0
    while start := _STARTS.search(text, at):
        match = _PATTERN.match(text, start.start())
        if match:
            yield match
            at = match.end()
        else:
            at = start.start() + 1


_MONTHS = ("Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?"
           "|Nov(?:ember)?|Dec(?:ember)?")
#: figures that are not quantities: a time of day, a calendar date (month names are
#: capitalised, so "may 14" is not read as a date)
_NOT_QUANTITY = (
    ("clock", re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?(?![\w]))?(?!\d)|\b\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?m\.?(?![\w])"
                         r"|\b(?:half past|quarter past|quarter to|twenty past|ten past|ten to)\s+\w+|\b\w+\s+o['’]clock", re.I)),
    ("date", re.compile(rf"\b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b")),
)
#: a number right after one of these names a thing ("channel 16", "Pier 9"), it counts nothing
_LABELS = frozenset("channel route pier platform gate flight line number no no. bus junction ward room article section "
                    "chapter page level berth terminal dock quay road highway exit unit block phase".split())
_PER_DAY = {"day": 1.0, "week": 7.0, "month": 30.44, "year": 365.25}
_RATE = re.compile(r"\s+(?:a|an|per|each)\s+(day|week|month|year)\b", re.I)
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
        # a rate is compared per day: "500 crowns a week" is "a little over 70 crowns a day"
        rate = _RATE.match(match.string, match.end())
        if rate:
            return value / _PER_DAY[rate.group(1).lower()], f"{currency}/day", "money"
        return value, currency, "money"
    if unit:
        dimension, canonical, factor = UNITS[unit]
        return value * factor, canonical, dimension
    return value, "", "count"


def _in_name(text: str, start: int) -> bool:
    """Whether the digits at ``start`` are part of a name or code: "Haber7", "G7", "COVID-19"
    (but a "magnitude-6 quake" is a figure)."""
    before = text[max(0, start - 2) : start]
    return bool(before) and (before[-1].isalpha() or (before[-1] == "-" and len(before) == 2 and before[0].isupper()))


def find_numbers(text: str) -> list[Number]:
    """Every number in ``text`` with unit, qualifier and the words it counts.

    >>> [n.text for n in find_numbers("Haber7 and the G7 said COVID-19 cases rose by 12.")]
    ['12']
    """
    return list(_find_numbers(text))


@functools.lru_cache(maxsize=4096)
def _find_numbers(text: str) -> tuple[Number, ...]:
    # cached: a trace compares each sentence with several others
    found: list[Number] = []
    taken: list[tuple[int, int]] = []
    for dimension, pattern in _NOT_QUANTITY:
        for match in pattern.finditer(text):
            if not any(a < match.end() and match.start() < b for a, b in taken):
                taken.append(match.span())
                found.append(Number(Span(*match.span()), match.group(0), 0.0, "", dimension))
    for match in _matches(text):
        number = match.span("num") if match.group("num") else match.span("word")
        if any(a < number[1] and number[0] < b for a, b in taken) or (match.group("num") and _in_name(text, number[0])):
            continue
        if match.group("word") and not match.group("unit") and not match.group("cur"):
            # "one of the", "two said": spelled-out small numbers count only with a noun
            following = _WHAT.match(text, match.end())
            vague_of = match.group("word").lower() in VAGUE and bool(_counted(text, match.end(), "count"))
            if not vague_of and (not following or following.group(1).split()[0].lower() in _STOP):
                continue
        parsed = _parse(match)
        if parsed is None:
            continue
        value, unit, dimension = parsed
        if dimension == "count" and match.group("num") and _YEAR.fullmatch(match.group("num")):
            continue  # a year, not a quantity
        start = match.start("sign") if match.group("sign") else match.start("num") if match.group("num") else match.start("word")
        if match.group("qual"):
            start = match.start("qual")
        before = text[max(0, start - 40) : start].split()[-1:]
        if dimension == "count" and before and before[0].lower().strip("(") in _LABELS:
            dimension = "label"
        found.append(Number(Span(start, match.end()), text[start : match.end()], value, unit, dimension,
                            (match.group("qual") or "").lower(), _counted(text, match.end(), dimension)))
    for match in _IN_HALF.finditer(text):
        found.append(Number(Span(match.start(), match.end()), match.group(0), 50.0, "%", "share", "", "reduction"))
    return tuple(sorted(found, key=lambda n: n.span.start))


# compiled once: built per figure, they cost more than finding the figures
_OF = re.compile(rf"\s+of(?:\s+the)?(?:\s+(?:{_QUAL}))?(?:\s+{_NUM})?(?=\s)", re.I)
_QUALIFIER = re.compile(r"^(?:%s)\s+" % _QUAL)


def _counted(text: str, end: int, dimension: str) -> str:
    """The noun a count, money or share figure counts: "3,000 rebel fighters", "dozens of savers"."""
    if dimension not in ("count", "money", "share"):
        return ""
    # "1,150 of the roughly 1,400 people" counts people too
    of = _OF.match(text, end)
    following = _WHAT.match(text, of.end() if of else end)
    if following:
        words = [w for w in following.group(1).split() if w.lower() not in _STOP]
        if words and words[0].lower() == following.group(1).split()[0].lower():
            return " ".join(_head_phrase(words)).lower()
    return ""


#: words after a counted noun that start what follows it, not the noun: "casualties among"
_AFTER_HEAD = frozenset(
    """among across after against along amid before behind below beneath beside between beyond during inside into
    near over since through throughout toward towards under until upon within without who whom whose which where
    when while because but nor yet so then there here now also only still already just even""".split()
)
_IRREGULAR_PLURALS = frozenset("people children men women police troops cattle staff".split())


def _head_phrase(words: list[str]) -> list[str]:
    """The counted noun phrase of up to two words: "rebel fighters", "local citizens",
    but "militants" out of "militants safe passage" and "casualties" out of "casualties
    among": a plural noun ends the phrase, and so does a preposition, an adverb or a verb form.

    >>> _head_phrase(["militants", "safe"]), _head_phrase(["rebel", "fighters"]), _head_phrase(["strange", "thing"])
    (['militants'], ['rebel', 'fighters'], ['strange', 'thing'])
    """
    if len(words) < 2:
        return words
    first, second = words[0].lower(), words[1].lower()
    plural = first in _IRREGULAR_PLURALS or (first.endswith("s") and not first.endswith(("ss", "us", "is")))
    if plural or second in _AFTER_HEAD:
        return words[:1]
    return words


#: what a qualifier allows the exact figure to be, as a share of the qualified one
_ALLOWS = {
    **{q: (0.9, 1.1) for q in ("about", "around", "approximately", "roughly", "some", "nearly", "almost", "just under", "just over")},
    **{q: (1.0, 1.5) for q in ("over", "more than", "at least")},
    **{q: (0.5, 1.0) for q in ("under", "less than", "fewer than")},
    **{q: (0.7, 1.0) for q in ("up to", "as many as")},
}


def _vague(n: Number) -> tuple[float, float] | None:
    return VAGUE.get(_QUALIFIER.sub("", n.text.lower()).strip())


def _consistent(a: Number, b: Number) -> bool | None:
    """Whether a vague or qualified figure allows the other one ("hundreds" and 240,
    "more than 1,100" and 1,150); None when neither is vague or qualified apart."""
    va, vb = _vague(a), _vague(b)
    if va or vb:
        if va and vb:
            return va == vb
        low, high = va or vb or (0.0, 0.0)
        figure = b.value if va else a.value
        return low * 0.9 <= figure <= high * 1.1
    if a.qualifier == b.qualifier or a.value == b.value:
        return None
    if a.qualifier and b.qualifier:
        # two approximations of one figure agree when each allows the other
        return abs(a.value - b.value) <= 0.1 * max(a.value, b.value)
    qualified, exact = (a, b) if a.qualifier else (b, a)
    low, high = _ALLOWS.get(qualified.qualifier, (0.9, 1.1))
    return low * qualified.value <= exact.value <= high * qualified.value


def is_number_word(word: str) -> bool:
    """A number spelled out ("Six", "dozens")."""
    return word.lower() in _WORD_NUMBERS


def compare(a: Number, b: Number) -> str:
    """``equal`` (same quantity, maybe in another unit), ``close`` (within 10%), ``different``,
    or ``incomparable`` (different dimensions or units that do not convert)."""
    if a.dimension != b.dimension or a.unit != b.unit or a.dimension in ("clock", "date", "label"):
        return "incomparable"
    consistent = _consistent(a, b)
    if consistent is not None:
        return "equal" if consistent else "different"
    if a.value == b.value or abs(a.value - b.value) <= 0.015 * max(abs(a.value), abs(b.value)):
        # a conversion rounded to one decimal still counts as the same quantity
        return "equal" if a.qualifier == b.qualifier or not (a.qualifier and b.qualifier) else "different"
    if abs(a.value - b.value) <= 0.10 * max(abs(a.value), abs(b.value)):
        return "close"
    return "different"


# --- figures in other languages -------------------------------------------------------------
#: Arabic-Indic and Eastern Arabic (Persian) digits, and the Arabic decimal and thousands signs,
#: read as Western ones (one character for one: spans stay where they were)
_DIGIT_MAP = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬٪", "01234567890123456789.,%")
#: languages that write a decimal comma and dot or space thousands ("1.150", "1 150", "3,5")
DECIMAL_COMMA = frozenset("es pt it fr de ru tr id uz ar nl pl ro".split())
#: unit words by language (lower case) -> a unit of :data:`UNITS`
_UNIT_WORDS: dict[str, str] = {
    **dict.fromkeys("км км. كم كيلومتر كيلومترا كيلومترات kilómetros kilómetro kilometros quilómetros quilômetros "
                    "quilómetro quilômetro chilometri chilometro kilometer kilometern kilomètres kilomètre kilometre "
                    "kilometre kilometreden километров километра километр километре chaqirim".split(), "km"),
    **dict.fromkeys("millas milla milhas milha miglia miglio meilen meile milles миль мили миля ميل أميال ميلا".split(), "miles"),
    **dict.fromkeys("metros metro metri mètres mètre meter metern метров метра метр متر مترا أمتار".split(), "m"),
    **dict.fromkeys("toneladas tonnellate tonnen tonnes тонн тонны طن ton".split(), "tonnes"),
    **dict.fromkeys("kilogramos quilos chili kilogramm килограммов кг كغ كيلوغرام".split(), "kg"),
    **dict.fromkeys("por ciento por cento per cento pour cent prozent процентов процента процент persen % في المئة "
                    "بالمئة بالمائة في المائة foiz".split(), "%"),
    **dict.fromkeys("horas ore heures stunden часов часа час ساعات ساعة saat jam soat".split(), "hours"),
    **dict.fromkeys("días dias giorni jours tage tagen дней дня يوما أيام gün hari kun".split(), "days"),
    **dict.fromkeys("años anos anni ans jahre jahren лет года سنوات عاما yıl tahun yil".split(), "years"),
    **dict.fromkeys("nudos nós nodi nœuds knoten узлов узла عقدة".split(), "knots"),
    **dict.fromkeys("km/h км/ч كم/ساعة".split(), "km/h"),
    "millas náuticas": "nautical miles", "milhas náuticas": "nautical miles", "miglia nautiche": "nautical miles",
    "milles nautiques": "nautical miles", "seemeilen": "nautical miles", "морских миль": "nautical miles",
    "deniz mili": "nautical miles", "mil laut": "nautical miles", "ميل بحري": "nautical miles", "أميال بحرية": "nautical miles",
}
#: scale words by language ("2 mil", "3,5 millones", "150 тысяч", "2 juta")
_SCALE_WORDS: dict[str, float] = {
    **dict.fromkeys("mil mila mille tausend тысяч тысячи тысяча тыс. bin ribu ming ألف آلاف".split(), 1e3),
    **dict.fromkeys("millones millón milhões milhão milioni milione millions million millionen million миллионов "
                    "миллиона миллион млн milyon juta million مليون ملايين".split(), 1e6),
    "mil millones": 1e9,
    **dict.fromkeys("bilhões bilhão miliardi miliardo milliards milliard milliarden milliarde "
                    "миллиардов миллиарда миллиард млрд milyar miliar مليار".split(), 1e9),
}
_CURRENCY_INTL = {
    **dict.fromkeys("dólares dólar dollari dollaro dollars dollar долларов доллара доллар دولار دولارا dolar "
                    "доллар".split(), "USD"),
    **dict.fromkeys("euros euro евро يورو avro".split(), "EUR"),
}
#: a share written before its figure (Turkish "yüzde 40", "%40")
_SHARE_BEFORE = re.compile(r"(?:yüzde|%)\s*$", re.I)
#: people counted, in each language: a head count is one figure whatever the noun
PEOPLE_WORDS = frozenset(
    "people persons personas persona pessoas pessoa persone persona personnes personen menschen человек людей "
    "شخص أشخاص شخصا kişi insan orang odam kishi киши одам".split()
    + "workers trabajadores trabalhadores lavoratori operai travailleurs arbeiter beschäftigte рабочих работников "
      "عامل عمال işçi pekerja ishchi".split()
    + "residents residentes vecinos moradores residenti abitanti habitants einwohner bewohner жителей سكان sakin warga aholi".split()
    + "passengers pasajeros passageiros passeggeri passagers passagiere пассажиров ركاب yolcu penumpang yo'lovchi".split()
    + "injured heridos feridos feriti blessés verletzte раненых جرحى yaralı terluka".split()
    + "dead muertos mortos morti morts tote погибших قتلى ölü tewas".split()
)
_INTL_WORD_NUMBERS = {
    "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10,
    "doce": 12, "veinte": 20, "cien": 100, "dois": 2, "duas": 2, "três": 3, "quatro": 4, "sete": 7, "oito": 8,
    "nove": 9, "dez": 10, "doze": 12, "vinte": 20, "due": 2, "tre": 3, "quattro": 4, "sei": 6, "sette": 7, "otto": 8,
    "dieci": 10, "dodici": 12, "venti": 20, "cento": 100, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "douze": 12, "vingt": 20, "cent": 100, "zwei": 2, "drei": 3, "vier": 4,
    "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "zwölf": 12, "zwanzig": 20, "hundert": 100,
    "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9,
    "десять": 10, "двенадцать": 12, "двадцать": 20, "сто": 100,
}
_INTL_QUALIFIERS = {
    **dict.fromkeys("unos unas unos aproximadamente cerca de alrededor de casi cerca de aproximadamente quase "
                    "circa quasi environ près de presque etwa rund ungefähr fast около почти примерно порядка "
                    "حوالي نحو قرابة yaklaşık yaklaşik kira-kira sekitar hampir taxminan qariyb".split(), "about"),
    **dict.fromkeys(["más de", "mais de", "oltre", "più di", "plus de", "mehr als", "über", "более", "свыше", "больше",
                     "أكثر من", "fazla", "lebih dari", "dan ortiq"], "over"),
    **dict.fromkeys(["menos de", "meno di", "moins de", "weniger als", "unter", "менее", "меньше", "أقل من",
                     "kurang dari"], "under"),
    **dict.fromkeys(["hasta", "até", "fino a", "jusqu'à", "bis zu", "до", "حتى", "hingga", "gacha"], "up to"),
}


def _alternation(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_INTL_NUM = r"(?:\d{1,3}(?:[.\u00a0\u202f ]\d{3})+(?![.]?\d)|\d+)(?:[,.]\d+)?"
_INTL_PATTERN = re.compile(
    rf"(?:(?<![\w])(?P<qual>{_alternation(_INTL_QUALIFIERS)})\s+)?"
    rf"(?P<sign>[$€£])?(?:(?P<num>{_INTL_NUM})|(?<![\w])(?P<word>{_alternation(_INTL_WORD_NUMBERS)}|mil|mille)(?![\w]))"
    rf"(?:\s*(?P<scale>{_alternation(_SCALE_WORDS)})(?![\w]))?"
    rf"(?:\s*(?P<unit>{_alternation(set(_UNIT_WORDS) | set(UNITS))})(?![\w]))?"
    rf"(?:\s+(?:de\s+|di\s+|d['’])?(?P<cur>{_alternation(_CURRENCY_INTL)})(?![\w]))?",
    re.I,
)
_INTL_WHAT = re.compile(r"\s+(?:(?:de|di|d['’]|of)\s+)?([^\W\d_][\w'-]*)")
#: a year written after "en / in / em / nel / в / في" is not a count
_YEAR = re.compile(r"(1[89]|20)\d\d")


def _intl_number(raw: str, comma_decimal: bool) -> float:
    raw = re.sub(r"[\u00a0\u202f ]", "", raw)
    if comma_decimal:
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", raw) or "," in raw:
            return float(raw.replace(".", "").replace(",", "."))
        return float(raw)  # a decimal point ("7.5") where no thousands group reads
    return float(raw.replace(",", ""))


@functools.lru_cache(maxsize=4096)
def _find_numbers_in(text: str, language: str) -> tuple[Number, ...]:
    """:func:`find_numbers` for a text in ``language`` (base code), not English."""
    plain = text.translate(_DIGIT_MAP)
    found: list[Number] = []
    taken: list[tuple[int, int]] = []
    english = list(_find_numbers(plain))
    # times of day and dates as English finds them ("14:30"); the rest read here
    for n in english:
        if n.dimension in ("clock", "date"):
            found.append(Number(n.span, text[n.span.start : n.span.end], 0.0, "", n.dimension))
            taken.append((n.span.start, n.span.end))
    comma_decimal = language in DECIMAL_COMMA
    for match in _INTL_PATTERN.finditer(plain):
        num = match.span("num") if match.group("num") else match.span("word")
        if num[0] == num[1] or any(a < num[1] and num[0] < b for a, b in taken) or (match.group("num") and _in_name(plain, num[0])):
            continue
        if match.group("num"):
            raw = match.group("num")
            if not comma_decimal and re.search(r"[.\s]\d{3}", raw):
                continue
            value = _intl_number(raw, comma_decimal)
        else:
            word = match.group("word").lower()
            value = 1000.0 if word in ("mil", "mille") else float(_INTL_WORD_NUMBERS[word])
            if word in ("mil", "mille") and match.group("scale"):
                continue
        scale = (match.group("scale") or "").lower()
        value *= _SCALE_WORDS.get(scale, 1.0)
        unit_word = (match.group("unit") or "").lower()
        unit = _UNIT_WORDS.get(unit_word, unit_word)
        before = plain[max(0, match.start() - 8) : match.start()]
        if not unit and _SHARE_BEFORE.search(before):
            unit = "%"
        start = match.start("sign") if match.group("sign") else num[0]
        if match.group("qual"):
            start = match.start("qual")
        qualifier = _INTL_QUALIFIERS.get((match.group("qual") or "").lower(), "")
        if match.group("sign") or match.group("cur"):
            currency = _CURRENCY_SIGNS.get(match.group("sign") or "") or _CURRENCY_INTL[(match.group("cur") or "").lower()]
            value_unit, dimension = currency, "money"
        elif unit in UNITS:
            dimension, value_unit, factor = UNITS[unit]
            value *= factor
        else:
            if match.group("word") and not scale:
                following = _INTL_WHAT.match(plain, match.end())
                thousand = match.group("word").lower() in ("mil", "mille")
                if not following or not (thousand or following.group(1).lower() in PEOPLE_WORDS):
                    continue  # "dos" alone is not a figure; "dos personas" is
            if match.group("num") and not scale and _YEAR.fullmatch(match.group("num")):
                continue
            value_unit, dimension = "", "count"
        what = ""
        if dimension in ("count", "money"):
            following = _INTL_WHAT.match(plain, match.end())
            if following:
                what = following.group(1).lower()
                what = "people" if what in PEOPLE_WORDS else what
        found.append(Number(Span(start, match.end()), text[start : match.end()], value, value_unit, dimension, qualifier, what))
        taken.append((start, match.end()))
    return tuple(sorted(found, key=lambda n: n.span.start))


def find_numbers_in(text: str, language: str | None) -> list[Number]:
    """Every number of ``text`` read in its ``language`` (BCP-47; English or unknown reads as
    :func:`find_numbers`): Arabic-Indic digits, a decimal comma and dot or space thousands where
    the language writes them, unit, scale and currency words, small number words.

    >>> [(n.value, n.unit) for n in find_numbers_in("a unos 18 kilómetros; 1.150 personas; 3,5 millones", "es")]
    [(18.0, 'km'), (1150.0, ''), (3500000.0, '')]
    >>> [(n.value, n.unit) for n in find_numbers_in("على بعد ١٨ كم", "ar")]
    [(18.0, 'km')]
    """
    base = base_language(language)
    if base in ("", "en"):
        return list(_find_numbers(text))
    return list(_find_numbers_in(text, base))
