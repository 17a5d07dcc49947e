"""Query files for ``newstrail factchecks match``: TSV ``id<TAB>text`` or JSONL, read by
:func:`newstrail.core.textio.read_texts` with the text fields a query may be in.

>>> list(parse_queries("id\\ttext\\nq1\\tThe pier closed.\\n", "q.tsv"))
[('q1', 'The pier closed.')]
"""

from __future__ import annotations

from collections.abc import Iterator

from newstrail.core.errors import BadRecord
from newstrail.core.textio import read_texts

#: field names a JSONL query's text may have (fact-check and tweet datasets name it differently)
TEXT_FIELDS = ("text", "claim", "query", "tweet_content", "content", "sentence")


def parse_queries(text: str, name: str) -> Iterator[tuple[str, str] | BadRecord]:
    """(id, text) per query in ``text`` (the content of the file ``name``), or an error per bad line."""
    return read_texts(text.splitlines(), name, text_fields=TEXT_FIELDS)
