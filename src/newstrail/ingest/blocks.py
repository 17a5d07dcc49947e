"""Markdown's furniture made plain, before :mod:`newstrail.ingest.markup` reads the rest.

trafilatura's Markdown keeps a page's tables as GFM pipe tables, its ``<u>``, ``<sup>``
and ``<sub>`` as inline HTML (its Markdown output always has formatting on; its
plain-text output would lose the headings and links the readers need), and flattens
a heading inside a list item onto the item's line. None of that is text: tables
become rows of cells (:func:`plain_blocks`, for all Markdown), the heading gets its own
line, and the HTML reader drops the tags with their words kept
(:func:`drop_inline_tags`: in a text file "<b>" may be what the writer typed).

>>> plain_blocks("| Ward | Share | \\n|---|---|\\n| Quayside | 51% | ")
'Ward\\tShare\\nQuayside\\t51%'
"""

from __future__ import annotations

import re

from newstrail.core.article import CELL_SEPARATOR

# GFM tables as trafilatura writes them: "| a | b | " rows, a "|---|---|" rule under a
# header row, "\|" for a pipe inside a cell.
_TABLE_ROW = re.compile(r"^\s*\|(?P<cells>.*)\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?\s*)?$")
_CELL = re.compile(r"(?<!\\)\|")
# Inline HTML that trafilatura keeps in its Markdown (<u>, <sup>, <sub>) and other
# formatting tags a pasted page may hold; only these names, so "a <b" in prose stays.
_INLINE_TAG = re.compile(r"(?<!\\)</?(?:u|sup|sub|ins|mark|small|s|del|b|i|em|strong|span|abbr|cite|q)(?:\s[^<>\n]{0,200})?/?>", re.I)
_BREAK_TAG = re.compile(r"(?<!\\)<br\s*/?>", re.I)
# trafilatura escapes a literal "<" ("5 \< 6", "a \<b> tag"); the reader's escapes stop at ">"
_ESCAPED_LT = re.compile(r"\\<")
# the fence lines of a code block (its lines are kept as text)
_FENCE = re.compile(r"^\s{0,3}(?:`{3,}|~{3,})[\w+-]*\s*$")
# A heading flattened into a list item ("- second item ### Heading"): its own line.
_INLINE_HEADING = re.compile(r"(?<=\S)[ \t]+#{2,6}[ \t]+(?=\S)")
# "— Name (@handle)[March 4, 2025](...)": an embedded tweet's credit loses its space.
_HANDLE_LINK = re.compile(r"(?<=\(@\w)(\w{0,30}\))\[")


def plain_blocks(markdown: str) -> str:
    """Markdown with its tables as plain rows and without inline HTML tags.

    A table row becomes one line, its cells separated by
    :data:`~newstrail.core.article.CELL_SEPARATOR` (empty cells at its end dropped: a
    caption row), the rule under a header row goes, and the table stands as a block of
    its own; a code block loses its fences, a heading flattened into a list item gets a
    line of its own, and an escaped ``\\<`` is a "<". One pass over the lines (linear in
    the input).

    >>> plain_blocks("Results:\\n| Ward | Share |\\n|---|---|\\n| Quayside | 51% |\\n\\nDone")
    'Results:\\n\\nWard\\tShare\\nQuayside\\t51%\\n\\nDone'
    """
    out: list[str] = []
    in_table = False
    for line in markdown.split("\n"):
        row = _TABLE_ROW.match(line)
        if row or (in_table and _TABLE_RULE.match(line)):
            if not in_table and out and out[-1].strip():
                out.append("")
            in_table = True
            if row and not _TABLE_RULE.match(line):
                cells = [c.strip() for c in _CELL.split(row.group("cells"))]
                while cells and not cells[-1]:
                    cells.pop()
                if cells:
                    out.append(CELL_SEPARATOR.join(cells))
            continue
        if in_table and line.strip():
            out.append("")
        in_table = False
        if not _FENCE.match(line):
            out.append(line)
    text = "\n".join(out)
    # each pattern only where its literal can be: a scan of every position of a text without
    # it cost a quarter of reading a JSONL article
    if "\\<" in text:
        text = _ESCAPED_LT.sub("<", text)
    if "#" in text:
        text = _INLINE_HEADING.sub("\n", text)
    return _HANDLE_LINK.sub(r"\1 [", text) if "(@" in text else text


def drop_inline_tags(markdown: str) -> str:
    """trafilatura's Markdown without its inline HTML: formatting tags dropped with their
    words kept (an escaped ``\\<b>`` is text the page showed), ``<br>`` a line break.

    >>> drop_inline_tags("H<sub>2</sub>O, <u>below</u> the limit<sup>1</sup>, a \\\\<b> tag")
    'H2O, below the limit1, a \\\\<b> tag'
    """
    if "<" not in markdown:  # most pages: no tag to look for (two case-blind scans saved)
        return markdown
    return _INLINE_TAG.sub("", _BREAK_TAG.sub("\n", markdown))
