"""Query files for ``newstrail factchecks match``: TSV ``id<TAB>text`` or JSONL ``{"id", "text"}``.

>>> list(parse_queries("id\\ttext\\nq1\\tThe pier closed.\\n", "q.tsv"))
[('q1', 'The pier closed.')]
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from newstrail.core.errors import BadRecord, InputError

#: field names a JSONL query's text may have
TEXT_FIELDS = ("text", "claim", "query", "tweet_content", "content", "sentence")


def parse_queries(text: str, name: str) -> Iterator[tuple[str, str] | InputError]:
    """(id, text) per query in ``text`` (the content of the file ``name``), or an error per bad line."""
    jsonl = Path(name).suffix.lower() in (".jsonl", ".ndjson", ".json") or text.lstrip().startswith("{")
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if jsonl:
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                yield BadRecord(f"{name}:{number}", f"not valid JSON ({exc.msg} at column {exc.colno})")
                continue
            body = next((data[f] for f in TEXT_FIELDS if isinstance(data, dict) and isinstance(data.get(f), str) and data[f].strip()), None)
            if body is None:
                yield BadRecord(f"{name}:{number}", f"no query text (give one of the fields {', '.join(TEXT_FIELDS)})")
                continue
            yield str(data.get("id", number)), body
        else:
            qid, tab, body = line.partition("\t")
            if number == 1 and qid.strip().lower() in ("", "id", "qid", "tweet_id", "query_id"):
                continue  # the header
            if not tab or not body.strip():
                yield BadRecord(f"{name}:{number}", "expected id<TAB>text")
                continue
            yield qid.strip(), body.strip()
