"""Reading schema.org ClaimReview in every form users meet, into :class:`FactCheck` records.

Forms, told apart by the file's name and content:

- HTML fact-check pages: every ``<script type="application/ld+json">`` block, with
  ClaimReview objects at the top, in a list, or in an ``@graph``;
- ``.json``: one ClaimReview, a list of them, a Google Fact Check Tools API response
  (``{"claims": [{"text", "claimant", "claimReview": [...]}]}``) or a Data Commons
  style feed (``{"dataFeedElement": [{"item": [ClaimReview, ...]}]}``);
- ``.jsonl``: one object a line, in any of the shapes above, or a flat record;
- ``.csv``/``.tsv``: a header with ``id`` and ``claim`` (aliases below) and optionally
  ``rating``, ``url``, ``publisher``, ``date``, ``title``, ``language``.

:func:`read_factchecks` yields a :class:`FactCheck` per record and a
:class:`~newstrail.core.errors.BadRecord` (``file:line: reason``) per record it cannot
use, and goes on.

>>> import json, os, tempfile
>>> path = os.path.join(tempfile.mkdtemp(), "one.json")
>>> _ = open(path, "w").write(json.dumps({"@type": "ClaimReview", "claimReviewed": "Pier 9 sank.",
...     "reviewRating": {"alternateName": "False"}, "author": {"name": "Checkpoint Facts"}}))
>>> [(fc.claim, fc.verdict, fc.publisher) for fc in read_factchecks(path)]
[('Pier 9 sank.', 'false', 'Checkpoint Facts')]
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newstrail.core import jsontext
from newstrail.core.textio import not_regular
from newstrail.core.errors import BadRecord, InputError, UnreadableInput
from newstrail.factchecks.record import FactCheck

#: column names accepted for each field of a CSV/TSV or flat JSON record
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "vclaim_id", "claim_id", "identifier", "factcheck_id"),
    "claim": ("claim", "claimreviewed", "claim_reviewed", "vclaim", "claim_text", "text", "statement"),
    "rating": ("rating", "textualrating", "textual_rating", "verdict", "label", "alternatename"),
    "rating_value": ("rating_value", "ratingvalue", "score"),
    "best_rating": ("best_rating", "bestrating"),
    "worst_rating": ("worst_rating", "worstrating"),
    "url": ("url", "review_url", "link", "factcheck_url"),
    "publisher": ("publisher", "reviewer", "author", "site", "organization"),
    "date": ("date", "datepublished", "date_published", "review_date", "reviewdate", "published"),
    "title": ("title", "headline", "name"),
    "language": ("language", "lang", "inlanguage", "languagecode", "language_code"),
    "claimant": ("claimant", "claim_author", "speaker"),
}

_SCRIPT = re.compile(r"<script\b[^>]*type\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(.*?)</script\s*>", re.I | re.S)
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_CSV_SUFFIXES = {".csv": ",", ".tsv": "\t", ".tab": "\t"}


def read_factchecks(path: str | Path, max_bytes: int = 50_000_000) -> Iterator[FactCheck | InputError]:
    """Every fact-check in the file at ``path``, or an error per record it cannot read.

    A file that cannot be read at all yields one :class:`UnreadableInput`.
    """
    path = Path(path)
    name = str(path)
    refused = not_regular(path)
    if refused:
        yield UnreadableInput(name, refused)
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield UnreadableInput(name, f"{size:,} bytes, over the {max_bytes:,}-byte cap for a fact-check file; split it")
            return
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        yield UnreadableInput(name, "no such file")
        return
    except UnicodeDecodeError as exc:
        yield UnreadableInput(name, f"not valid UTF-8 (byte 0x{exc.object[exc.start]:02x} at offset {exc.start}); convert it first, e.g. iconv -f latin1 -t utf-8")
        return
    except OSError as exc:
        yield UnreadableInput(name, f"cannot read ({exc.strerror or exc})")
        return
    yield from parse_factchecks(text, name)


def parse_factchecks(text: str, name: str) -> Iterator[FactCheck | InputError]:
    """Parse ``text`` (the content of the file called ``name``) by its form; see the module doc."""
    suffix = Path(name).suffix.lower()
    head = text.lstrip()[:200].lower()
    if suffix in _HTML_SUFFIXES or head.startswith(("<!doctype", "<html")) or "<script" in head:
        yield from _from_html(text, name)
    elif suffix in _CSV_SUFFIXES:
        yield from _from_table(text, name, _CSV_SUFFIXES[suffix])
    elif suffix in (".jsonl", ".ndjson"):
        yield from _from_jsonl(text, name)
    elif head.startswith(("{", "[")):
        # A .json file (or an unnamed one that looks like JSON): JSON Lines when the
        # whole does not parse as one document but its first line does.
        try:
            data = jsontext.loads(text)
        except json.JSONDecodeError as exc:
            first = text.lstrip().split("\n", 1)[0]
            if suffix != ".json" and _parses(first):
                yield from _from_jsonl(text, name)
            else:
                yield BadRecord(f"{name}:{exc.lineno}", f"not valid JSON ({exc.msg} at column {exc.colno})")
            return
        yield from _from_document(data, text, name)
    else:
        yield UnreadableInput(name, "not a fact-check file newstrail knows: expected HTML with ClaimReview JSON-LD, .json, .jsonl, .csv or .tsv")


def _parses(line: str) -> bool:
    try:
        jsontext.loads(line)
    except json.JSONDecodeError:
        return False
    return True


# the forms ---------------------------------------------------------------------
def _from_html(text: str, name: str) -> Iterator[FactCheck | InputError]:
    found, line, counted = 0, 1, 0
    for match in _SCRIPT.finditer(text):
        line += text.count("\n", counted, match.start(1))  # counted on from the last block: linear
        counted = match.start(1)
        body = match.group(1).strip()
        # Some sites wrap JSON-LD in HTML comments or CDATA; neither is JSON.
        body = re.sub(r"^(<!--|<!\[CDATA\[)|(-->|\]\]>)$", "", body).strip()
        try:
            data = jsontext.loads(body)
        except json.JSONDecodeError as exc:
            yield BadRecord(f"{name}:{line + exc.lineno - 1}", f"JSON-LD block is not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        for item in _objects(data, name, line):
            found += 1
            yield item
    if not found:
        yield BadRecord(name, "no ClaimReview JSON-LD in this page (no <script type=\"application/ld+json\"> block with \"@type\": \"ClaimReview\")")


def _from_jsonl(text: str, name: str) -> Iterator[FactCheck | InputError]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = jsontext.loads(line)
        except json.JSONDecodeError as exc:
            yield BadRecord(f"{name}:{number}", f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        items = list(_objects(data, name, number, flat=True))
        if not items:
            yield BadRecord(f"{name}:{number}", "no ClaimReview or fact-check record in this line (need claimReviewed, or a 'claim' field)")
        yield from items


def _from_document(data: Any, text: str, name: str) -> Iterator[FactCheck | InputError]:
    """A whole .json document: find each element's line so errors can name it."""
    container, key = data, None
    if isinstance(data, dict):
        for candidate in ("dataFeedElement", "claims", "@graph", "itemListElement"):
            if isinstance(data.get(candidate), list):
                container, key = data[candidate], candidate
                break
    if isinstance(container, list):
        lines = _element_lines(text, key, len(container))
        found = 0
        for element, line in zip(container, lines, strict=True):
            items = list(_objects(element, name, line, flat=True))
            if not items:
                yield BadRecord(f"{name}:{line}", "no ClaimReview or fact-check record in this element (need claimReviewed, or a 'claim' field)")
            found += len(items)
            yield from items
        return
    items = list(_objects(data, name, 1, flat=True))
    if not items:
        yield BadRecord(f"{name}:1", "no ClaimReview in this JSON document (expected a ClaimReview, a list of them, {\"claims\": [...]} or {\"dataFeedElement\": [...]})")
    yield from items


def _element_lines(text: str, key: str | None, count: int) -> list[int]:
    """The line on which each element of the document's main array starts."""
    if key is None:
        start = text.find("[")
    else:
        match = re.search(r'"' + re.escape(key) + r'"\s*:\s*\[', text)
        start = match.end() - 1 if match else -1
    lines: list[int] = []
    if start >= 0:
        decoder, pos = json.JSONDecoder(), start + 1
        line, counted = 1, 0
        try:
            while len(lines) < count:
                while text[pos] in " \t\r\n,":
                    pos += 1
                line += text.count("\n", counted, pos)  # on from the last record: linear in the file
                counted = pos
                lines.append(line)
                _, pos = decoder.raw_decode(text, pos)
        except (IndexError, json.JSONDecodeError):
            pass
    return (lines + [1] * count)[:count]


def _from_table(text: str, name: str, delimiter: str) -> Iterator[FactCheck | InputError]:
    # CSV quoting in both: pandas and spreadsheet exports quote a field that holds a
    # line break or starts with a quotation mark; marks inside a field stay as written.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        yield BadRecord(name, "empty file: expected a header line with at least 'claim'")
        return
    names = [h.strip().lower() for h in header]
    if names and names[0] == "":
        names[0] = "id"  # a pandas export: the index column has no name
    columns: dict[str, int] = {}
    for fieldname, aliases in COLUMNS.items():
        for alias in aliases:
            if alias in names and names.index(alias) not in columns.values():
                columns[fieldname] = names.index(alias)
                break
    if "claim" not in columns:
        yield BadRecord(f"{name}:1", f"no claim column (columns: {', '.join(header)}); name the claim text column 'claim'")
        return
    line = reader.line_num
    for row in reader:
        start, line = line + 1, reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(names) and delimiter == "\t":
            # A tab inside the last column: keep it in that column, not lost.
            row = row[: len(names) - 1] + ["\t".join(row[len(names) - 1 :])]
        values = {f: row[i].strip() for f, i in columns.items() if i < len(row) and row[i].strip()}
        if len(row) < len(names):
            missing = [header[i] for i in range(len(row), len(names))]
            if "claim" not in values:
                yield BadRecord(f"{name}:{start}", f"{len(row)} fields, the header has {len(names)} (missing {', '.join(missing)})")
                continue
        extra = {header[i]: row[i] for i in range(min(len(row), len(header))) if i not in columns.values() and header[i].strip()}
        yield from _flat(values, extra, f"{name}:{start}")


# objects -----------------------------------------------------------------------
def _objects(data: Any, name: str, line: int, flat: bool = False) -> Iterator[FactCheck | InputError]:
    """Every fact-check inside one parsed JSON value (recursing through wrappers)."""
    where = f"{name}:{line}"
    if isinstance(data, list):
        for item in data:
            yield from _objects(item, name, line, flat)
        return
    if not isinstance(data, dict):
        return
    kinds = _types(data)
    if "claimreview" in kinds:
        yield _claim_review(data, where)
    elif "claimReview" in data and isinstance(data.get("claimReview"), list):
        yield from _google_claim(data, where)
    elif "@graph" in data or "dataFeedElement" in data or "item" in data or "claims" in data or "itemListElement" in data:
        for key in ("@graph", "dataFeedElement", "item", "claims", "itemListElement"):
            if key in data:
                yield from _objects(data[key], name, line, flat)
    elif flat and not kinds and any(k.lower() in COLUMNS["claim"] for k in data):
        values: dict[str, Any] = {}
        used: set[str] = set()
        lowered = {k.lower(): k for k in data}
        for fieldname, aliases in COLUMNS.items():
            for alias in aliases:
                if alias in lowered and lowered[alias] not in used and data[lowered[alias]] not in (None, ""):
                    values[fieldname] = data[lowered[alias]]
                    used.add(lowered[alias])
                    break
        extra = {k: v for k, v in data.items() if k not in used}
        yield from _flat(values, extra, where)


def _types(data: dict[str, Any]) -> set[str]:
    kind = data.get("@type", [])
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).rsplit("/", 1)[-1].lower() for k in kinds}


def _name(value: Any) -> str | None:
    """The name of a schema.org Thing given as a string, an object or a list of them."""
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value) if n]
        return ", ".join(names) or None
    if isinstance(value, dict):
        for key in ("name", "alternateName", "legalName", "url"):
            if isinstance(value.get(key), str) and value[key].strip():
                return value[key].strip()
        return None
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _number(value: Any, where: str, what: str) -> float | None:
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise BadRecord(where, f"{what} {value!r} is not a number") from None
    if not math.isfinite(number):  # "NaN", "inf": float() takes them, no scale can place them
        raise BadRecord(where, f"{what} {value!r} is not a finite number; give a number or leave it out")
    return number


def _claim_review(data: dict[str, Any], where: str) -> FactCheck | InputError:
    item: dict[str, Any] = data["itemReviewed"] if isinstance(data.get("itemReviewed"), dict) else {}
    claim = data.get("claimReviewed") or item.get("name") or item.get("text") or ""
    if not isinstance(claim, str) or not claim.strip():
        return BadRecord(where, "ClaimReview without claimReviewed (or itemReviewed.name): nothing to match against")
    rating: dict[str, Any] = data["reviewRating"] if isinstance(data.get("reviewRating"), dict) else {}
    try:
        value = _number(rating.get("ratingValue"), where, "ratingValue")
        best = _number(rating.get("bestRating"), where, "bestRating")
        worst = _number(rating.get("worstRating"), where, "worstRating")
    except BadRecord as exc:
        return exc
    author = data.get("author") or data.get("publisher")
    claimant = item.get("author")
    date = data.get("datePublished") or data.get("dateCreated") or item.get("datePublished")
    return FactCheck(
        claim=claim,
        id=str(data.get("@id") or data.get("identifier") or ""),
        rating=_name({"name": rating.get("alternateName") or rating.get("name") or ""}) if rating else None,
        rating_value=value,
        best_rating=best,
        worst_rating=worst,
        publisher=_name(author),
        url=data.get("url") if isinstance(data.get("url"), str) else None,
        date=str(date) if date else None,
        language=_name(data.get("inLanguage")),
        title=data.get("name") or data.get("headline") or None,
        claimant=_name(claimant),
        source=where,
    )


def _google_claim(data: dict[str, Any], where: str) -> Iterator[FactCheck | InputError]:
    """One claim of a Google Fact Check Tools response: a record per review of it."""
    claim = data.get("text")
    if not isinstance(claim, str) or not claim.strip():
        yield BadRecord(where, "claim without 'text' in a Fact Check Tools response")
        return
    reviews = [r for r in data["claimReview"] if isinstance(r, dict)]
    if not reviews:
        yield BadRecord(where, "claim without any claimReview entry")
    for review in reviews:
        yield FactCheck(
            claim=claim,
            rating=review.get("textualRating"),
            publisher=_name(review.get("publisher")),
            url=review.get("url"),
            date=review.get("reviewDate") or data.get("claimDate"),
            language=review.get("languageCode"),
            title=review.get("title"),
            claimant=data.get("claimant"),
            source=where,
        )


def _flat(values: dict[str, Any], extra: dict[str, Any], where: str) -> Iterator[FactCheck | InputError]:
    claim = values.get("claim")
    if not isinstance(claim, str) or not claim.strip():
        yield BadRecord(where, "no claim text (the 'claim' field is empty)")
        return
    try:
        numbers = {k: _number(values.get(k), where, k) for k in ("rating_value", "best_rating", "worst_rating")}
    except BadRecord as exc:
        yield exc
        return
    text = {k: (str(values[k]) if values.get(k) not in (None, "") else None) for k in ("id", "rating", "url", "publisher", "date", "title", "language", "claimant")}
    if isinstance(values.get("publisher"), (dict, list)):
        text["publisher"] = _name(values["publisher"])
    yield FactCheck(claim=claim, id=text["id"] or "", rating=text["rating"], url=text["url"], publisher=text["publisher"],
                    date=text["date"], title=text["title"], language=text["language"], claimant=text["claimant"],
                    rating_value=numbers["rating_value"], best_rating=numbers["best_rating"], worst_rating=numbers["worst_rating"],
                    source=where, extra=extra)
