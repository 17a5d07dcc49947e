"""Markdown (and scraped pseudo-Markdown) to plain text, with links kept as data.

Scraped articles arrive as Markdown more often than not: trafilatura renders HTML
as Markdown, and copies of pages pasted into text files carry ``[anchor](url)``.
This module turns such text into the plain ``text`` of an article and a list of
:class:`~newstrail.core.article.Link` whose spans point at the anchor words in it.

>>> text, links = markdown_to_text("Says **[the Bay Herald](https://bay.example/a)**.")
>>> text, links[0].anchor, text[links[0].span.start:links[0].span.end]
('Says the Bay Herald.', 'the Bay Herald', 'the Bay Herald')
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urljoin

import yaml

from newstrail.core.article import Link, Span
from newstrail.core.jsontext import shape_problem
from newstrail.ingest.blocks import plain_blocks
from newstrail.outlets import domain_of, is_web_url, without_credentials

#: links kept per article, the first ones (a real page has hundreds; a run-on line of
#: 5 MB had 228,000, which every later stage and the stored record would carry)
MAX_LINKS = 10_000
# Any indent: trafilatura indents a heading that follows a nested list (four spaces
# and more), which CommonMark would read as code; scraped text holds no code blocks.
_HEADING = re.compile(r"^\s*#{1,6}\s+")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
# Every scan below stops at the next "](" at the latest: that is where the next link
# candidate starts, so no character is scanned by more than one failed attempt and the
# whole text is read in linear time (a flood of "[", "](" or unclosed links included).
_NOT_CLOSER = r"\](?!\()"
# A link destination: <angle-bracketed> (how trafilatura writes URLs with spaces or
# parentheses, with ">" escaped) or bare up to the first ")".
_DEST = rf"<(?:[^>\\\n\]]|{_NOT_CLOSER}|\\.)*>|(?:[^)\n\]]|{_NOT_CLOSER})*"
# link targets and bare URLs, kept out of the emphasis rules
_MASKED = re.compile(rf"\]\((?:{_DEST})\)|(?<![\w/@.\-])https?://[^\s<>\[\]\"“”‘’()]*[^\s<>\[\]\"“”‘’()*_.,;:!?']")
_STRONG = re.compile(r"\*\*|__")
_EM_STAR = re.compile(r"(?<![\w*\\])\*(?=\S)([^*\n]*?[^\s\\])\*(?![\w*])")  # "\*" never closes
_EM_UNDER = re.compile(r"(?<![\w\\])_(?=\S)([^_\n]*?[^\s\\])_(?!\w)")
_CODE = re.compile(r"(?<!\\)`([^`\n]+)(?<!\\)`")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")
# Anchor text may hold escaped characters ("see \[1\]", "snake\_case"); trafilatura
# does not escape a backslash, so one right before the closing "](" is literal. Brackets
# inside <code> are not escaped either ("[harbor [1]](...)", "[harbor ]](...)"): a balanced
# pair, or a "]" not followed by "(", is anchor text; a lone "[" is not, so in hand-written
# Markdown "a [note] and a [link](...)" the link is "link". :func:`_anchor_start` finds
# the anchor by these rules.
# what follows "](" of a link: <angled> or bare target, an optional "title", ")"
_LINK_DEST = re.compile(
    rf"(?:<(?P<angled>(?:[^>\\\n\]]|{_NOT_CLOSER}|\\.)*)>|(?P<target>(?:[^)\s\]]|{_NOT_CLOSER})*))"
    rf"(?:\s+\"(?:[^\"\n\]]|{_NOT_CLOSER})*\")?\)"
)
_IMAGE_DEST = re.compile(rf"(?:{_DEST})\)")
# the other inline pieces; "[^>\s<]" stops an unclosed autolink at the next "<"
_OTHER = re.compile(
    r"<(?P<auto>https?://[^>\s<]+)>"  # autolink
    r"|\\(?P<escaped>[\\`*_{}\[\]()#+\-.!|>])"  # backslash escape
    r"|(?<![\w/@.\-])(?P<bare>https?://[^\s<>\[\]\"“”‘’]+)"  # a bare URL in running text
)
# what ends a sentence or a phrase, not the URL before it ("see https://bay.example/a.")
_URL_TAIL = ".,;:!?'*_"
# a name right before a bare URL in parentheses: "Bay Herald (https://bay.example/a)"
_NAME_BEFORE = re.compile(r"(?:(?<=\s)|^)(?P<name>(?:[A-Z0-9][\w'’.&-]*\s+(?:(?:of|the|de|du|la|for|on)\s+(?=[A-Z]))?)*[A-Z0-9][\w'’.&-]*)\s*\(\s*$")
# what any Markdown rule below acts on: headings, quotes, emphasis, code, links and images,
# autolinks, escapes, bare URLs; a line with none of these is plain text as it stands
_MARKUP = re.compile(r"[#>*_`\[\\<]|https?://")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_FRONT = re.compile(r"\A\ufeff?---[ \t]*\n(?P<body>.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def split_front_matter(raw: str) -> tuple[dict, str]:
    """Split a YAML front matter block off the top of a document.

    Returns ``({}, raw)`` when there is none. Raises ``ValueError`` (with the YAML
    problem) when the block is there but is not a YAML mapping.
    """
    match = _FRONT.match(raw)
    if not match:
        return {}, raw
    try:
        data = yaml.safe_load(match.group("body"))
    except yaml.YAMLError as exc:
        raise ValueError(f"front matter is not valid YAML ({str(exc).splitlines()[0]})") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ValueError("front matter must be a YAML mapping of keys to values")
    problem = shape_problem(data)
    if problem:
        raise ValueError(f"front matter is {problem}")
    return data, raw[match.end() :]


def _unwrap_emphasis(line: str) -> str:
    # Link targets are masked: underscores and stars in URLs are not emphasis, and an
    # emphasised span may hold a link ("*Posted by [A](url) in News*").
    targets = _MASKED.findall(line)
    if not targets:
        return _emphasis(line)
    restore = iter(targets)
    return re.sub("\x00", lambda _: next(restore), _emphasis(_MASKED.sub("\x00", line)))


def _emphasis(text: str) -> str:
    text = _STRONG.sub("", text)
    text = _EM_STAR.sub(r"\1", text)
    text = _EM_UNDER.sub(r"\1", text)
    return _CODE.sub(r"\1", text)


def _link_target(target: str, base_url: str | None) -> str | None:
    target = target.strip().strip("<>")
    if not target or target.startswith(("#", "javascript:", "mailto:", "tel:")):
        return None
    if not is_web_url(target):
        if not base_url:
            return None
        target = urljoin(base_url, target)
    return without_credentials(target) if is_web_url(target) else None


# a link trafilatura wrote inside another link's anchor, its brackets escaped (see unnest_anchors)
_ESCAPED_LINK = re.compile(r"\\\[(?P<words>[^\[\]\n]*?)\\\]\((?:<[^>\n]*>|[^()\s]*)\)")


def unnest_anchors(markdown: str) -> str:
    """A link inside a link's anchor reduced to its words, as Markdown made from HTML needs.

    A page may nest ``<a>`` (invalid HTML, which lxml keeps nested); trafilatura then
    writes the inner link with escaped brackets inside the outer anchor, which would
    leave "[Pier](/pier)" in the text. The outer link keeps the words.

    >>> unnest_anchors(r"[*harbor \\[Pier\\](/pier)*](https://bay.example/a) and \\[1\\](x)")
    '[*harbor Pier*](https://bay.example/a) and \\\\[1\\\\](x)'
    """
    if "\\](" not in markdown:
        return markdown

    def inner(m: re.Match[str]) -> str:
        line_end = markdown.find("\n", m.end())
        rest = markdown[m.end() : line_end if line_end >= 0 else len(markdown)]
        closer = rest.find("](")
        opener = rest.find("[")
        # inside an anchor: its closer comes before any other link opens
        return m.group("words") if closer >= 0 and (opener < 0 or opener > closer) else m.group(0)

    return _ESCAPED_LINK.sub(inner, markdown)


def join_wrapped_anchors(markdown: str) -> str:
    """Put link anchors that trafilatura wrapped over lines, blank ones included, on one line.

    In an HTML page the white space inside ``<a>`` is one space, whatever it holds; in a
    Markdown file a blank line ends the paragraph, so this is for Markdown made from HTML.

    >>> join_wrapped_anchors("[the \\n \\n Herald](https://bay.example/a)")
    '[the Herald](https://bay.example/a)'
    """
    return _join_anchors(markdown, r"\s*\n\s*", keep_blank=False)


def _join_anchors(text: str, space: str, keep_blank: bool) -> str:
    """``text`` with each link anchor that spans lines put on one line (``space`` -> " ")."""
    if "\n" not in text:
        return text
    out, last = [], 0
    for start, closer in _anchors(text):
        piece = text[start : closer + 2]
        if "\n" in piece and not (keep_blank and _BLANK_LINE.search(piece)):
            out += [text[last:start], re.sub(space, " ", piece)]
            last = closer + 2
    return "".join(out) + text[last:] if out else text


def _anchors(text: str, dest: Callable[[int, int], int | None] | None = None) -> Iterator[tuple[int, int]]:
    """(start of "[", position of "]") of each link anchor closed by "](", left to right.

    With ``dest`` (start of the anchor, position after "](" -> end of the link or
    ``None``), an anchor counts only when its destination does, and the next one starts
    after that end. A walk back from a "](" never passes the one before it, so every
    character is looked at a bounded number of times: linear time, and no list of
    brackets in memory.
    """
    floor, before = 0, 0
    closer = text.find("](")
    while closer >= 0:
        start = _anchor_start(text, closer, max(floor, before))
        end = None
        if start is not None:
            end = dest(start, closer + 2) if dest is not None else closer + 2
            if end is not None:
                yield start, closer
                floor = end
        before = closer
        closer = text.find("](", max(closer + 2, end or 0))


def _escaped(text: str, pos: int) -> bool:
    """Whether the character at ``pos`` follows an odd run of backslashes (a "]" of "](" never does:
    trafilatura leaves a backslash before it unescaped)."""
    run = pos
    while run > 0 and text[run - 1] == "\\":
        run -= 1
    return (pos - run) % 2 == 1 and not text.startswith("](", pos)


def _anchor_start(text: str, closer: int, low: int) -> int | None:
    """The leftmost "[" after ``low`` that opens an anchor closed by the "](" at ``closer``.

    Inside an anchor a "[" must open a pair closed by a "]" that is no "](", and no
    "](" may come, so the walk back stops at the first lone "[" or "](". The nearest
    "[" and "]" are found by ``rfind`` and kept until the walk passes them.
    """
    best = None
    after = "]("  # the bracket to the right of the one looked at: first the closer itself
    pos = closer
    left_open, left_close = text.rfind("[", low, pos), text.rfind("]", low, pos)
    while True:
        if left_open >= pos:
            left_open = text.rfind("[", low, pos)
        if left_close >= pos:
            left_close = text.rfind("]", low, pos)
        pos = max(left_open, left_close)
        if pos < 0:
            return best
        if _escaped(text, pos):
            continue
        if text[pos] == "]":
            if text.startswith("(", pos + 1):
                return best
            after = "]"
            continue
        best = pos
        if after != "]":  # "[" before "[" or before the closer: a lone one, the leftmost start
            return best
        after = "["


def markdown_to_text(markdown: str, base_url: str | None = None) -> tuple[str, list[Link]]:
    """Plain text (blocks separated by one blank line) and the links found in it.

    Relative link targets are resolved against ``base_url``; links without a real
    target (``#``, ``mailto:``) keep their anchor words in the text but give no
    :class:`Link`.
    """
    out: list[str] = []
    links: list[Link] = []
    length = 0
    pending_break = ""  # separator owed before the next non-blank line
    markdown = plain_blocks(markdown.replace("\r\n", "\n").replace("\r", "\n"))
    markdown = _join_anchors(markdown, r"[ \t]*\n[ \t]*", keep_blank=True)
    for raw_line in markdown.split("\n"):
        if _RULE.match(raw_line) or not raw_line.strip():
            pending_break = "\n\n" if length else ""
            continue
        if _MARKUP.search(raw_line) is None:
            # plain prose (most lines of most articles): nothing below would change it
            line = raw_line.strip()
            sep = pending_break or ("\n" if length else "")
            out += (sep, line)
            length += len(sep) + len(line)
            pending_break = ""
            continue
        line = _QUOTE.sub("", _HEADING.sub("", raw_line)).rstrip()
        line = _unwrap_emphasis(line).strip()
        if not line:
            continue
        mark = (len(out), length, len(links), pending_break)  # to undo a line that renders to nothing
        sep = pending_break or ("\n" if length else "")
        out.append(sep)
        length += len(sep)
        pending_break = ""
        last = 0
        for m in _inline(line):
            out.append(line[last : m.start()])
            length += m.start() - last
            last = m.end()
            if m.group("escaped") is not None:
                out.append(m.group("escaped"))
                length += 1
            elif m.group("auto") is not None:
                url = m.group("auto")
                if is_web_url(url):
                    links.append(Link(span=Span(length, length + len(url)), url=without_credentials(url), domain=domain_of(url), anchor=url))
                out.append(url)
                length += len(url)
            elif m.group("bare") is not None:
                url, rest = _bare_url(m.group("bare"))
                last -= len(rest)  # give back what is not the URL: "(see https://bay.example/a)."
                url = _ESCAPE.sub(r"\1", url)
                before = line[max(0, m.start() - 160) : m.start()]
                name = _NAME_BEFORE.search(before) if rest.startswith(")") else None
                if name:
                    start = length - (len(before) - name.start("name"))
                    links.append(Link(span=Span(start, start + len(name.group("name"))), url=without_credentials(url), domain=domain_of(url), anchor=name.group("name")))
                elif is_web_url(url):
                    links.append(Link(span=Span(length, length + len(url)), url=without_credentials(url), domain=domain_of(url), anchor=url))
                out.append(url)
                length += len(url)
            elif m.group("anchor") is not None:
                anchor = _ESCAPE.sub(r"\1", m.group("anchor")).strip()
                target = m.group("target") if m.group("angled") is None else _ESCAPE.sub(r"\1", m.group("angled"))
                url = _link_target(target, base_url)
                if url and anchor:
                    links.append(Link(span=Span(length, length + len(anchor)), url=url, domain=domain_of(url), anchor=anchor))
                out.append(anchor)
                length += len(anchor)
        out.append(line[last:])
        length += len(line) - last
        if not "".join(out[mark[0] + 1 :]).strip():
            # An image alone on its line: drop its separator too, or blocks get "\n\n\n".
            del out[mark[0] :], links[mark[2] :]
            length, pending_break = mark[1], mark[3]
    return "".join(out), links[:MAX_LINKS]


class _Piece:
    """A link or image found by :func:`_anchors`, read like the ``re.Match`` of the other pieces."""

    def __init__(self, start: int, end: int, **groups: str | None) -> None:
        self._span, self._groups = (start, end), groups

    def start(self) -> int:
        return self._span[0]

    def end(self) -> int:
        return self._span[1]

    def group(self, name: str) -> Any:  # str or None, as re.Match.group is typed
        return self._groups.get(name)


def _inline(line: str) -> list[_Piece]:
    """The inline pieces of a line, left to right: images, links, autolinks, escapes, bare URLs."""
    found: list[_Piece] = []

    def dest(start: int, after: int) -> int | None:
        if start and line[start - 1] == "!" and (start < 2 or line[start - 2] != "\\"):
            image = _IMAGE_DEST.match(line, after)
            if image:  # an image is dropped: a piece with no text
                found.append(_Piece(start - 1, image.end()))
                return image.end()
        link = _LINK_DEST.match(line, after)
        if link is None:
            return None
        found.append(_Piece(start, link.end(), anchor=line[start + 1 : after - 2], angled=link.group("angled"), target=link.group("target")))
        return link.end()

    for _ in _anchors(line, dest):
        pass
    pieces: list[_Piece] = []
    last = 0
    for piece in [*found, _Piece(len(line), len(line))]:
        pieces += (_Piece(m.start(), m.end(), **m.groupdict()) for m in _OTHER.finditer(line, last, piece.start()))
        pieces.append(piece)
        last = piece.end()
    return pieces[:-1]


def _bare_url(found: str) -> tuple[str, str]:
    """(the URL, what follows it) of a bare URL match: closing punctuation and a ")"
    without its "(" in the URL belong to the sentence ("(see https://bay.example/a).")."""
    url = found
    unopened = url.count(")") - url.count("(")  # counted once: a run of ")" stays linear
    while url:
        if url[-1] in _URL_TAIL:
            url = url[:-1]
        elif url[-1] == ")" and unopened > 0:
            url, unopened = url[:-1], unopened - 1
        else:
            break
    return url, found[len(url) :]


def drop_leading_block(text: str, links: list[Link]) -> tuple[str, str, list[Link]]:
    """Remove the first block (up to the first blank line); returns (block, rest, links shifted)."""
    cut = text.find("\n\n")
    if cut < 0:
        return text, "", []
    block, rest = text[:cut], text[cut + 2 :]
    shift = cut + 2
    kept = [Link(Span(ln.span.start - shift, ln.span.end - shift), ln.url, ln.domain, ln.anchor) for ln in links if ln.span.start >= shift]
    return block, rest, kept
