"""Reading the source-rating lists and alias files a user imports.

A rating list names sites and says something about each: OpenSources tags
("fake", "bias", "satire"), a watchdog's score, a newsroom's own notes. newstrail
keeps every list as given, under its name and date, and never merges or averages
lists. Readable layouts:

* CSV / TSV with a header: the site column is found by name (``domain``, ``site``,
  ``url``, ``source``, ``website``, ...) or, failing that, as the first column whose
  values are domains; a URL becomes its host. Every other column is a rating field
  (a column of row numbers, as pandas writes, is left out).
* the OpenSources layouts: JSON ``{"site": {"type", "2nd type", "3rd type",
  "Source Notes (things to know?)"}}`` and the CSV with an unnamed first column;
* generic JSON: ``{site: {fields}}``, ``{site: "rating"}``, or a list of objects with
  a site key; JSON Lines, one object a line.

A name column (``name``, ``outlet``, ``masthead``, ``publisher``...) tells which
masthead a site is, so "Harbor Lantern" in a credit resolves to its domain. A site
that does not parse is reported with its file and line and skipped; fields outside
the known vocabulary are imported, with a warning naming them.

>>> import tempfile, os
>>> path = os.path.join(tempfile.mkdtemp(), "watch.csv")
>>> _ = open(path, "w").write("site,rating\\nharborlantern.example,reliable\\nnot a domain,fake\\n")
>>> found = read_rating_list(path, date="2025-04-01")
>>> [(r["host"], r["fields"]) for r in found.rows], found.skipped
([('harborlantern.example', {'rating': 'reliable'})], ["watch.csv:3: 'not a domain' is not a domain (it contains spaces); row skipped"])
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newstrail.core import jsontext
from newstrail.core.textio import not_regular
from newstrail.core.errors import BadRecord, ConfigError, UnreadableInput
from newstrail.outlets.keys import outlet_key, site_stem
from newstrail.outlets.urls import Site, looks_like_domain, parse_site
from newstrail.store.rows import Alias, RatingListInfo, RatingRow

#: column names that hold the site, best first
SITE_COLUMNS = ("domain", "domains", "site", "website", "web site", "url", "source url", "source_url", "source", "host",
                "hostname", "homepage", "link")
#: column names that hold the outlet's name (masthead)
NAME_COLUMNS = ("name", "outlet", "outlet name", "masthead", "publisher", "site name", "site_name", "source name", "title")
#: the OpenSources fields (case-folded)
OPENSOURCES_FIELDS = ("type", "2nd type", "3rd type", "source notes (things to know?)")
#: rating fields lists commonly carry (case-folded, "_" read as " "); others are imported with a warning
KNOWN_FIELDS = frozenset(OPENSOURCES_FIELDS) | {
    "rating", "ratings", "label", "labels", "tag", "tags", "type", "types", "category", "categories", "bias", "factual",
    "factual reporting", "credibility", "reliability", "reliable", "score", "trust", "trust score", "notes", "note",
    "source notes", "comment", "comments", "reason", "active", "country", "language", "ownership", "owner",
    "verdict", "status", "flag", "flags", "description", "2nd type", "3rd type",
}
_INDEX_NAMES = ("", "index", "unnamed: 0", "id", "#")


@dataclass
class RatingList:
    """A list as read from a file: its rows and what the reader had to say about it."""

    name: str
    date: str | None
    date_from: str
    source: str
    layout: str
    fields: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def meta(self) -> dict[str, Any]:
        return {"name": self.name, "date": self.date, "date_from": self.date_from, "source": self.source,
                "layout": self.layout, "fields": self.fields}

    def info(self) -> RatingListInfo:
        """The list as the store keeps it."""
        return RatingListInfo(self.name, self.date, self.date_from, self.source, self.layout, tuple(self.fields))

    def store_rows(self) -> list[RatingRow]:
        """Its rows as the store keeps them."""
        return [RatingRow(host=r["host"], domain=r["domain"], fields=r["fields"], section=r.get("section", ""), name=r.get("name"),
                          name_key=r.get("name_key"), stem=r.get("stem"), line=r.get("line")) for r in self.rows]


#: the largest rating list read (read whole: the biggest public lists are a few MB)
MAX_LIST_BYTES = 100_000_000


def _fold(name: str) -> str:
    return " ".join(name.casefold().replace("_", " ").split())


def list_date(path: Path, date: str | None) -> tuple[str, str]:
    """The list's date and where it came from: ``--date`` as given, else the file's mtime."""
    if date:
        if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", date.strip()):
            raise ConfigError(f"--date {date!r}: give the list's date as YYYY-MM-DD (or YYYY-MM, YYYY)")
        return date.strip(), "given"
    mtime = dt.datetime.fromtimestamp(os.path.getmtime(path), tz=dt.timezone.utc)
    return mtime.date().isoformat(), "file modified"


def _read_text(path: Path) -> str:
    refused = not_regular(path)
    if refused:
        raise UnreadableInput(str(path), refused)
    try:
        size = path.stat().st_size
        if size > MAX_LIST_BYTES:
            raise UnreadableInput(str(path), f"{size:,} bytes, over the {MAX_LIST_BYTES:,}-byte cap for a rating list; split it")
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UnreadableInput(str(path), "no such file") from None
    except UnicodeDecodeError as exc:
        raise UnreadableInput(str(path), f"not valid UTF-8 ({exc.reason} at byte {exc.start}); convert it first, e.g. iconv -f latin1 -t utf-8") from None
    except OSError as exc:
        raise UnreadableInput(str(path), f"cannot read it ({exc.strerror})") from None


def read_rating_list(path: str | os.PathLike[str], name: str | None = None, date: str | None = None) -> RatingList:
    """Read a rating list in any of the layouts above.

    ``name`` defaults to the file's stem; ``date`` to the file's modification date
    (``date_from`` says which). Raises :class:`~newstrail.core.errors.UnreadableInput` or
    :class:`~newstrail.core.errors.BadRecord` when the file as a whole cannot be read.
    """
    path = Path(path)
    text = _read_text(path)
    when, date_from = list_date(path, date)
    out = RatingList(name=(name or path.stem).strip(), date=when, date_from=date_from, source=str(path), layout="")
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        _read_jsonl(path, text, out)
    elif suffix == ".json" or text.lstrip()[:1] in ("{", "["):
        _read_json(path, text, out)
    else:
        _read_table(path, text, out)
    _check_duplicates(path, out)
    if not out.rows and not out.skipped:
        out.warnings.append(f"{path.name}: no ratings in it (empty, or a header line and nothing under it)")
    return out


# tables ---------------------------------------------------------------------------
def _site_column(header: list[str], body: list[list[str]]) -> int | None:
    folded = [_fold(h) for h in header]
    for wanted in SITE_COLUMNS:
        if wanted in folded:
            return folded.index(wanted)
    for index, name in enumerate(folded):  # "outlet url", "source domain", "website address"
        if set(re.findall(r"\w+", name)) & {"domain", "url", "website", "site", "host", "hostname"}:
            return index
    for index in range(len(header)):
        values = [row[index].strip() for row in body[:50] if index < len(row) and row[index].strip()]
        good = 0
        for value in values:
            try:
                parse_site(value)
            except ValueError:
                continue
            good += "." in value
        if values and good > 0.5 * len(values):  # most of them: a list may hold a few bad sites
            return index
    return None


def _read_table(path: Path, text: str, out: RatingList) -> None:
    first = text.split("\n", 1)[0]
    delimiter = "\t" if path.suffix.lower() in (".tsv", ".tab") or "\t" in first else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    records: list[tuple[int, list[str]]] = []
    line = 1
    try:
        header = next(reader)
        line = reader.line_num + 1
        for row in reader:
            records.append((line, row))
            line = reader.line_num + 1
    except StopIteration:
        raise BadRecord(str(path), "empty file; a rating list needs a header line and one row per site") from None
    except csv.Error as exc:
        raise BadRecord(f"{path}:{line}", f"not valid CSV ({exc})") from None
    body = [row for _, row in records]
    site = _site_column(header, body)
    if site is None:
        raise BadRecord(str(path), f"no site column (columns: {', '.join(h or '(unnamed)' for h in header)}); name the column with the domains 'domain'")
    folded = [_fold(h) for h in header]
    opensources = "type" in folded and ("2nd type" in folded or "3rd type" in folded)
    out.layout = "opensources-csv" if opensources else ("tsv" if delimiter == "\t" else "csv")
    name_col = next((folded.index(n) for n in NAME_COLUMNS if n in folded and folded.index(n) != site), None)
    columns: dict[int, str] = {}
    for index, head in enumerate(header):
        if index in (site, name_col):
            continue
        values = [row[index].strip() for row in body if index < len(row) and row[index].strip()]
        if not values:
            continue  # an empty column (a trailing comma) says nothing
        if _fold(head) in _INDEX_NAMES and all(v.isdigit() for v in values):
            out.notes.append(f"column {index + 1} ({head or 'unnamed'}) holds row numbers; not imported")
            continue
        columns[index] = head.strip() or f"column {index + 1}"
    _note_fields(out, list(columns.values()), opensources)
    for line, row in records:
        if not any(cell.strip() for cell in row):
            continue
        cell = row[site].strip() if site < len(row) else ""
        fields = {columns[i]: row[i].strip() for i in columns if i < len(row) and row[i].strip()}
        masthead = row[name_col].strip() if name_col is not None and name_col < len(row) else None
        _add_row(out, f"{path.name}:{line}", line, cell, fields, masthead)


def _note_fields(out: RatingList, fields: list[str], opensources: bool) -> None:
    out.fields = fields
    known = OPENSOURCES_FIELDS if opensources else KNOWN_FIELDS
    unknown = [f for f in fields if _fold(f) not in known]
    if unknown:
        what = "the OpenSources layout" if opensources else "the usual rating fields"
        out.warnings.append(f"{out.source}: column(s) {', '.join(repr(u) for u in unknown)} are not among {what}; imported as given")
    if not opensources and fields:
        out.notes.append(f"rating fields taken from the list: {', '.join(fields)}")


def _add_row(out: RatingList, where: str, line: int | None, cell: Any, fields: dict[str, Any], masthead: str | None) -> None:
    try:
        site: Site = parse_site(str(cell) if cell is not None else "")
    except ValueError as exc:
        out.skipped.append(f"{where}: {exc}; row skipped")
        return
    row = {"host": site.host, "section": site.section, "domain": site.domain or site.host, "line": line, "fields": fields,
           "stem": site_stem(site.host)}
    if masthead:
        row["name"] = masthead
        row["name_key"] = outlet_key(masthead)
    out.rows.append(row)


def _check_duplicates(path: Path, out: RatingList) -> None:
    first: dict[tuple[str, str], int | None] = {}
    for row in out.rows:
        key = (row["host"], row["section"])
        if key in first:
            out.warnings.append(f"{path.name}:{row['line']}: {row['host']}{row['section']} is listed again (first on line {first[key]}); both rows kept")
        else:
            first[key] = row["line"]


# JSON ------------------------------------------------------------------------------
def _line_finder(text: str):
    """Line numbers of successive JSON strings in ``text`` (keys or values, in order)."""
    position, line = 0, 1  # line: the line of ``position``, counted on as it moves (linear)

    def find(value: str) -> int | None:
        nonlocal position, line
        needle = json.dumps(value, ensure_ascii=False)
        at = text.find(needle, position)
        if at < 0:
            needle = json.dumps(value)
            at = text.find(needle, position)
        if at < 0:
            return None
        found = line + text.count("\n", position, at)
        line, position = found + needle.count("\n"), at + len(needle)
        return found

    return find


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:  # keep duplicates apart so none is dropped silently
            n = 2
            while f"{key}\x00{n}" in out:
                n += 1
            key = f"{key}\x00{n}"
        out[key] = value
    return out


def _read_json(path: Path, text: str, out: RatingList) -> None:
    try:
        data = jsontext.loads(text, object_pairs_hook=_pairs)
    except json.JSONDecodeError as exc:
        raise BadRecord(f"{path}:{exc.lineno}", f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if isinstance(data, dict) and len(data) == 1 and isinstance(next(iter(data.values())), list):
        data = next(iter(data.values()))  # {"sources": [...]}
    find = _line_finder(text)
    if isinstance(data, list):
        out.layout = "json-records"
        _read_records(path, [(None, item) for item in data], out, find)
        return
    if not isinstance(data, dict):
        raise BadRecord(str(path), "a JSON rating list must be an object {site: fields} or a list of objects")
    values = [v for v in data.values()]
    keys = {_fold(k) for v in values if isinstance(v, dict) for k in v}
    opensources = "type" in keys and keys <= set(OPENSOURCES_FIELDS) | {"name"}
    out.layout = "opensources-json" if opensources else "json-mapping"
    fields: list[str] = []
    for value in values:
        names = list(value) if isinstance(value, dict) else ["rating"]
        fields += [k for k in names if k not in fields and _fold(k) not in NAME_COLUMNS]
    _note_fields(out, fields, opensources)
    for key, value in data.items():
        site = key.split("\x00")[0]
        line = find(site)
        where = f"{path.name}:{line}" if line else f"{path.name}: {site!r}"
        if isinstance(value, dict):
            masthead = next((str(v) for k, v in value.items() if _fold(k) in NAME_COLUMNS and v), None)
            row_fields = {k: _clean(v) for k, v in value.items() if _fold(k) not in NAME_COLUMNS and _clean(v) not in ("", None)}
        else:
            masthead, row_fields = None, ({"rating": _clean(value)} if _clean(value) not in ("", None) else {})
        _add_row(out, where, line, site, row_fields, masthead)


def _clean(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _read_records(path: Path, items: list[tuple[int | None, Any]], out: RatingList, find=None) -> None:
    keys: list[str] = []
    for _, item in items:
        if isinstance(item, dict):
            keys += [k for k in item if k not in keys]
    folded = [_fold(k) for k in keys]
    site_key = next((keys[folded.index(n)] for n in SITE_COLUMNS if n in folded), None)
    if site_key is None:
        raise BadRecord(str(path), f"no site key in the records (keys: {', '.join(keys) or 'none'}); name the key with the domain 'domain'")
    name_key = next((keys[folded.index(n)] for n in NAME_COLUMNS if n in folded and keys[folded.index(n)] != site_key), None)
    _note_fields(out, [k for k in keys if k not in (site_key, name_key)], False)
    for number, (line, item) in enumerate(items, 1):
        if not isinstance(item, dict):
            out.skipped.append(f"{path.name}:{line or ''} record {number}: not an object; skipped")
            continue
        cell = item.get(site_key)
        if line is None and find is not None and isinstance(cell, str):
            line = find(cell)
        where = f"{path.name}:{line}" if line else f"{path.name}: record {number}"
        fields = {k: _clean(v) for k, v in item.items() if k not in (site_key, name_key) and _clean(v) not in ("", None)}
        masthead = str(item[name_key]).strip() if name_key and item.get(name_key) else None
        _add_row(out, where, line, cell, fields, masthead)


def _read_jsonl(path: Path, text: str, out: RatingList) -> None:
    items: list[tuple[int | None, Any]] = []
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        try:
            items.append((number, jsontext.loads(raw)))
        except json.JSONDecodeError as exc:
            out.skipped.append(f"{path.name}:{number}: not valid JSON ({exc.msg}); line skipped")
    out.layout = "jsonl"
    _read_records(path, items, out)


# alias files ------------------------------------------------------------------------
ALIAS_COLUMNS = ("alias", "old", "old domain", "from", "previous", "former", "masthead", "name", "outlet")
TARGET_COLUMNS = ("domain", "new", "new domain", "to", "target", "current", "canonical")


@dataclass
class AliasFile:
    rows: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def aliases(self) -> list[Alias]:
        """Its rows as the store keeps them."""
        return [Alias(r["alias"], r["kind"], r["text"], r["domain"], r.get("note"), r.get("source")) for r in self.rows]


def read_alias_file(path: str | os.PathLike[str]) -> AliasFile:
    """Aliases the user knows: an old domain of a renamed site, or a masthead, and the
    outlet's current domain. CSV/TSV with an alias column and a domain column (a
    ``note`` column is kept), or JSON ``{alias: domain}`` or a list of objects.

    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "aliases.csv")
    >>> _ = open(path, "w").write("alias,domain,note\\nlantern-old.example,harborlantern.example,renamed 2024\\nThe Lantern,harborlantern.example,\\n")
    >>> [(r["alias"], r["kind"], r["domain"]) for r in read_alias_file(path).rows]
    [('lantern-old.example', 'domain', 'harborlantern.example'), ('name:lantern', 'name', 'harborlantern.example')]
    """
    path = Path(path)
    text = _read_text(path)
    found = AliasFile()
    items: list[tuple[int | None, str, str, str | None]] = []
    if path.suffix.lower() == ".json" or text.lstrip()[:1] in ("{", "["):
        try:
            data = jsontext.loads(text)
        except json.JSONDecodeError as exc:
            raise BadRecord(f"{path}:{exc.lineno}", f"not valid JSON ({exc.msg})") from None
        find = _line_finder(text)
        if isinstance(data, dict):
            items = [(find(k), k, v if isinstance(v, str) else "", None) for k, v in data.items()]
        elif isinstance(data, list):
            for item in data:
                if not isinstance(item, dict):
                    continue
                folded = {_fold(k): v for k, v in item.items()}
                alias = next((folded[c] for c in ALIAS_COLUMNS if folded.get(c)), "")
                target = next((folded[c] for c in TARGET_COLUMNS if folded.get(c)), "")
                items.append((find(alias) if isinstance(alias, str) and alias else None, str(alias), str(target), folded.get("note")))
        else:
            raise BadRecord(str(path), "an alias file in JSON is {alias: domain} or a list of {alias, domain} objects")
    else:
        delimiter = "\t" if path.suffix.lower() in (".tsv", ".tab") or "\t" in text.split("\n", 1)[0] else ","
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        header = [_fold(h) for h in next(reader, [])]
        alias_col = next((header.index(c) for c in ALIAS_COLUMNS if c in header), None)
        target_col = next((header.index(c) for c in TARGET_COLUMNS if c in header), None)
        if alias_col is None or target_col is None:
            raise BadRecord(str(path), f"an alias file needs an 'alias' column and a 'domain' column (columns: {', '.join(header)})")
        note_col = header.index("note") if "note" in header else None
        line = reader.line_num + 1
        for row in reader:
            if any(c.strip() for c in row):
                get = lambda i: row[i].strip() if i is not None and i < len(row) else ""  # noqa: E731
                items.append((line, get(alias_col), get(target_col), get(note_col) or None))
            line = reader.line_num + 1
    for at, alias, target, note in items:
        where = f"{path.name}:{at}" if at else f"{path.name}: {alias!r}"
        made = alias_row(alias, target, note, source=str(path))
        if isinstance(made, str):
            found.skipped.append(f"{where}: {made}; skipped")
        else:
            found.rows.append(made)
    return found


def alias_row(alias: str, target: str, note: str | None = None, source: str | None = None) -> dict[str, Any] | str:
    """One alias row for the store, or the reason it cannot be one."""
    alias = (alias or "").strip()
    if not alias:
        return "no alias given"
    try:
        domain = parse_site(target).host
    except ValueError as exc:
        return f"target {exc}"
    if looks_like_domain(alias):
        try:
            host = parse_site(alias).host
        except ValueError as exc:
            return str(exc)
        if host == domain:
            return f"{alias!r} is the domain itself"
        return {"alias": host, "kind": "domain", "text": alias, "domain": domain, "note": note, "source": source}
    key = outlet_key(alias)
    if not key:
        return f"{alias!r} is not an outlet name"
    return {"alias": "name:" + key, "kind": "name", "text": alias, "domain": domain, "note": note, "source": source}
