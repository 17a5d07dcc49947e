"""Rating lists and aliases as text: what an import read, and what the store holds.

>>> alias_line({"text": "Old Lantern", "domain": "lantern.example", "kind": "masthead", "note": None})
'Old Lantern                              -> lantern.example  [masthead]'
"""

from __future__ import annotations

from typing import Any

from newstrail.ratings.lists import RatingList


def list_import_messages(found: RatingList, replaced: int | None) -> tuple[list[str], str]:
    """(lines for standard error, the summary line) of one imported rating list."""
    errors = [f"warning: {m}" for m in found.warnings] + [f"error: {m}" for m in found.skipped] + [f"note: {m}" for m in found.notes]
    again = f"; replaced the {replaced} rows imported before under this name" if replaced is not None else ""
    dated = "--date" if found.date_from == "given" else "the file modification date; set it with --date"
    return errors, (f"{found.name}: {len(found.rows)} sites imported ({found.layout}), {len(found.skipped)} skipped; "
                    f"dated {found.date} ({dated}){again}")


def alias_import_line(path: str, stored: int, skipped: int) -> str:
    return f"{path}: {stored} aliases imported, {skipped} skipped"


def alias_line(row: dict[str, Any]) -> str:
    """One stored alias: its text, the domain it names, its kind and note."""
    note = f"  ({row['note']})" if row.get("note") else ""
    return f"{row['text']:<40} -> {row['domain']}  [{row['kind']}]{note}"


def rating_list_lines(item: dict[str, Any]) -> str:
    """One imported list: name, date, size, layout and fields, then where it came from."""
    return (f"{item['name']:<28} {item['date'] or 'undated':<10} {item['rows']:>6} sites  {item['layout']:<16} "
            f"fields: {', '.join(item['fields'])}\n{'':<28} from {item['source']} (imported {item['imported_at']})")
