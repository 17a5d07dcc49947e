"""The tables ``newstrail export`` writes, and their writers: JSON Lines, CSV, Parquet.

Four tables, the same columns in every format (the column list below is the
contract; lists are joined with ``"; "`` so every cell is flat):

- ``articles``: one row an article (the full record, with source ratings, is
  ``newstrail show --format json``);
- ``claims``: one row a claim (sentence) of an article;
- ``edges``: one row a provenance edge (B took content from A) of a story's trace;
- ``stories``: one row a story, with its headline, origins and amplifiers.

Parquet needs pyarrow (``pip install 'newstrail[parquet]'``); it is imported only
when a Parquet file is written.

>>> from newstrail.core.article import Article
>>> row = article_row(Article(text="Pier 9 shut.", id="a1", title="Pier", authors=["A", "B"]))
>>> row["id"], row["authors"], row["words"]
('a1', 'A; B', 3)
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Any

from newstrail.core.article import Article
from newstrail.core.errors import ConfigError, MissingExtra
from newstrail.report.json import to_json

EXPORT_FORMATS = ("jsonl", "csv", "parquet")

#: each table's columns and their types ("str", "int", "float", "bool")
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "articles": (("id", "str"), ("url", "str"), ("domain", "str"), ("outlet", "str"), ("title", "str"), ("authors", "str"),
                 ("published", "str"), ("language", "str"), ("story", "str"), ("source", "str"), ("words", "int"),
                 ("claims", "int"), ("checkworthy", "int"), ("text", "str")),
    "claims": (("article", "str"), ("sentence", "int"), ("start", "int"), ("end", "int"), ("score", "float"), ("checkworthy", "bool"),
               ("text", "str"), ("speaker", "str"), ("attributed_to", "str"), ("factchecks", "str")),
    "edges": (("story", "str"), ("from", "str"), ("to", "str"), ("kinds", "str"), ("confidence", "float")),
    "stories": (("id", "str"), ("size", "int"), ("first", "str"), ("last", "str"), ("headline", "str"), ("article", "str"),
                ("origins", "str"), ("external_origins", "str"), ("amplifiers", "str"), ("laundering", "int")),
}


def joined(values: Iterable[Any]) -> str:
    return "; ".join(str(v) for v in values)


def article_row(article: Article) -> dict[str, Any]:
    """An article's row of the ``articles`` table."""
    return {"id": article.id, "url": article.url, "domain": article.domain, "outlet": article.outlet, "title": article.title,
            "authors": joined(article.authors), "published": article.published, "language": article.language, "story": article.story,
            "source": article.source, "words": len(article.text.split()), "claims": len(article.claims),
            "checkworthy": sum(1 for c in article.claims if c.checkworthy), "text": article.text}


def claim_rows(article: Article) -> list[dict[str, Any]]:
    """An article's rows of the ``claims`` table, in text order."""
    rows = []
    for number, claim in enumerate(article.claims):
        quote = article.quotes[claim.quote] if claim.quote is not None and claim.quote < len(article.quotes) else None
        credit = article.attributions[claim.attribution] if claim.attribution is not None and claim.attribution < len(article.attributions) else None
        rows.append({"article": article.id, "sentence": number, "start": claim.span.start, "end": claim.span.end, "score": claim.score,
                     "checkworthy": claim.checkworthy, "text": article.snippet(claim.span), "speaker": quote.speaker if quote else None,
                     "attributed_to": credit.source if credit else None, "factchecks": joined(m.factcheck for m in claim.matches)})
    return rows


def trace_rows(trace: dict[str, Any], headline: str | None, first: str | None) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """A story trace's (``trace --format json``) rows of the ``edges`` table, and its ``stories`` row
    (without its dates: the store's, as ``newstrail stories`` shows them, are added by the caller)."""
    edges = [{"story": trace["story"], "from": e["from"], "to": e["to"], "kinds": joined(e["kinds"]), "confidence": e["confidence"]}
             for e in trace["edges"]]
    story = {"id": trace["story"], "size": len(trace["articles"]), "headline": headline, "article": first, "origins": joined(trace["origins"]), "external_origins": joined(trace["external_origins"]),
             "amplifiers": joined(trace["amplifiers"]), "laundering": len(trace["laundering"])}
    return edges, story


@dataclass
class Written:
    """One table written: its name, file and row count."""

    table: str
    path: str
    rows: int


class TableWriter:
    """Writes one table's rows to ``DIR/TABLE.FORMAT``, streaming (Parquet in row groups of ``group`` rows)."""

    def __init__(self, folder: str, table: str, fmt: str, group: int = 1000) -> None:
        if fmt not in EXPORT_FORMATS:
            raise ConfigError(f"export format {fmt!r} unknown; use one of {', '.join(EXPORT_FORMATS)}")
        self.table, self.fmt, self.group = table, fmt, group
        self.columns = TABLES[table]
        self.path = os.path.join(folder, f"{table}.{fmt}")
        self.rows = 0
        self.pending: list[dict[str, Any]] = []
        self.handle: IO[str] | None = None
        self.parquet: Any = None
        self.csv: Any = None
        if fmt == "parquet":
            self.arrow = _pyarrow()
            self.parquet = self.arrow["pq"].ParquetWriter(self.path, self._schema())
        else:
            self.handle = open(self.path, "w", encoding="utf-8", newline="")
            if fmt == "csv":
                self.csv = csv.writer(self.handle)
                self.csv.writerow([name for name, _ in self.columns])

    def _schema(self) -> Any:
        pa = self.arrow["pa"]
        types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
        return pa.schema([(name, types[kind]) for name, kind in self.columns])

    def write(self, rows: Sequence[dict[str, Any]]) -> None:
        for row in rows:
            values = {name: row.get(name) for name, _ in self.columns}
            if self.csv is not None:
                self.csv.writerow(["" if v is None else ("true" if v is True else "false" if v is False else v) for v in values.values()])
            elif self.handle is not None:
                self.handle.write(to_json(values) + "\n")
            else:
                self.pending.append(values)
                if len(self.pending) >= self.group:
                    self._flush()
            self.rows += 1

    def _flush(self) -> None:
        if self.pending:
            self.parquet.write_table(self.arrow["pa"].Table.from_pylist(self.pending, schema=self.parquet.schema))
            self.pending = []

    def close(self) -> Written:
        if self.parquet is not None:
            self._flush()
            self.parquet.close()
        elif self.handle is not None:
            self.handle.close()
        return Written(self.table, self.path, self.rows)


def _pyarrow() -> dict[str, Any]:
    """pyarrow and its Parquet module, or MissingExtra naming the pip line."""
    try:
        # imported here: pyarrow is an optional extra of some 100 MB, needed only for Parquet
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise MissingExtra("parquet", "export --format parquet") from exc
    return {"pa": pa, "pq": pq}
