"""Propaganda techniques as text (the span marked in its line) or JSON Lines.

>>> from newstrail.core.article import Span, Technique
>>> t = Technique(technique="Loaded_Language", span=Span(4, 10), score=0.9, explanation="loaded word")
>>> render_rhetoric("a.txt", "a", "The brutal raid.", [t])[1:]
['  4-10  Loaded_Language  0.90  loaded word', '      The [[brutal]] raid.']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from newstrail.core.article import Technique
from newstrail.report.formats import TEXT, View, render
from newstrail.report.json import to_json

#: a span's record in json, jsonl and csv: the columns of its CSV
SPAN_COLUMNS = ("file", "article", "technique", "start", "end", "text", "score", "explanation")


def _line_of(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The line holding ``start`` and the span's offsets inside it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return text[line_start:line_end], start - line_start, min(end, line_end) - line_start


def render_rhetoric(file: str, article: str, text: str, techniques: Sequence[Technique]) -> list[str]:
    """Text lines: a heading, then each span with about 60 characters either side, on one line."""
    out = [f"{file} ({article}): {len(techniques)} span(s)"]
    for t in techniques:
        line, s, e = _line_of(text, t.span.start, t.span.end)
        left = max(0, s - 60)
        right = min(len(line), e + 60)
        shown = ("..." if left else "") + line[left:s] + "[[" + line[s:e] + "]]" + line[e:right] + ("..." if right < len(line) else "")
        out.append(f"  {t.span.start}-{t.span.end}  {t.technique}  {t.score:.2f}  {t.explanation}")
        out.append("      " + shown.replace("\r", " ").replace("\t", " "))
    return out


def span_record(file: str, article: str, text: str, t: Technique) -> dict[str, Any]:
    """One span as ``rhetoric --format jsonl`` prints it."""
    return {"file": file, "article": article, "technique": t.technique, "start": t.span.start, "end": t.span.end,
            "text": text[t.span.start : t.span.end], "score": t.score, "explanation": t.explanation}


def rhetoric_lines(fmt: str, file: str, article: str, text: str, techniques: Sequence[Technique]) -> list[str]:
    """The output of ``newstrail rhetoric`` for one text: text lines, or one JSON line per span."""
    if fmt == "text":
        return render_rhetoric(file, article, text, techniques)
    return [to_json(span_record(file, article, text, t)) for t in techniques]


SPAN_VIEW = View(record=lambda r: r, text=lambda r: "", columns=SPAN_COLUMNS)


def render_techniques(fmt: str, items: Iterable[Any]) -> Iterator[str]:
    """``newstrail rhetoric`` over many texts (``api.listing.TextTechniques``): in text, each
    text's spans marked in their lines; in json, jsonl and csv, one record a span."""
    if fmt == TEXT:
        for item in items:
            yield "\n".join(render_rhetoric(item.source, item.key, item.text, item.techniques))
        return
    spans = (span_record(item.source, item.key, item.text, t) for item in items for t in item.techniques)
    yield from render(fmt, spans, SPAN_VIEW)
