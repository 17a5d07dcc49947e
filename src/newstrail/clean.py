"""Keep boilerplate out of the analysis, and keep it as evidence.

The cleaner looks at an article block by block (blocks are separated by a blank
line) and moves every block that is not article prose to ``Article.removed``
with the reason: share and membership prompts, copyright, disclaimer, fair-use
and contact blocks, comment policies, publishers' imprints ("Registered in ...,
company number ..."), tag lists, media credits, navigation, "related" lists, and
credit badges such as "Fact checked by ... Community". A badge is not noise to a
fact-checker: it stays in the record, it is only kept out of ``text``.

Some removed blocks are metadata: a byline ("By X", "Articles by: X"), a
dateline ("Outlet, November 18, 2016"), an origin line ("The original source of
this article is X"). They fill the article's ``authors``, ``published`` and
``outlet`` when the input did not, and ``original_source``.

>>> from newstrail.core.article import Article
>>> a = Article(text="By Dana Reyes\\n\\nThe pier closed on Monday.\\n\\nShare this story on Facebook")
>>> a = Cleaner()(a)
>>> a.text, a.authors, [r.kind for r in a.removed]
('The pier closed on Monday.', ['Dana Reyes'], ['byline', 'share'])
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from newstrail.core.article import CELL_SEPARATOR, Article, Link, Removed
from newstrail.core.dates import find_date


# Bylines and author fields join names with ";", ",", "and" or "&" (the readers use it too).
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|,|\band\b|&)\s*")


def split_authors(value: Any) -> list[str]:
    """Authors from a list or a joined string ("A and B", "A; B", "A, B")."""
    if value is None:
        return []
    items = value if isinstance(value, (list, tuple)) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("name", "")
        for name in _AUTHOR_SPLIT.split(str(item)):
            name = re.sub(r"^by\s+", "", name.strip(), flags=re.I).strip()
            if name and name not in names:
                names.append(name)
    return names


@dataclass(frozen=True)
class Rule:
    """A block of this ``kind`` matches ``pattern`` and is at most ``max_chars`` long.

    ``needles``: lowercase words one of which every match of the pattern holds, so a block
    whose lowercase holds none is passed over without running the pattern (a search for a
    pattern anywhere in a block, case-insensitive, costs ten times the look for the words).
    """

    kind: str
    pattern: re.Pattern[str]
    max_chars: int = 300
    needles: tuple[str, ...] = ()


def _rule(kind: str, pattern: str, max_chars: int = 300, flags: int = re.I, needles: tuple[str, ...] = ()) -> Rule:
    return Rule(kind, re.compile(pattern, flags), max_chars, needles)


# Letters a case-insensitive pattern takes for a Latin letter that str.lower() does not turn
# into it (Turkish İ and ı, the long s): a block holding one is searched without the needles.
_ODD_LETTERS = re.compile("[İıſ]")


_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|al|bin|da|del|and|&))*"

#: the order matters only for reporting: the first rule that matches names the kind
RULES: tuple[Rule, ...] = (
    _rule("origin", r"^(?:the\s+)?original\s+source\s+of\s+this\s+article\s+is\s+(?P<source>.+?)\.?$", 200),
    _rule("badge", r"^(?:fact[-\s]?checked|verified|reviewed|approved|certified)\s+by\s+\S.*$", 140),
    _rule("disclaimer", r"^\W*disclaimer\b", 3000),
    _rule("fair-use", r"\bfair use\b.*\bcopyright|\bcopyright.*\bfair use\b", 3000, needles=("fair use",)),
    _rule("copyright", r"^(?:copyright|©|\(c\)|republishing\s*:)|\ball rights reserved\b", 300,
          needles=("copyright", "©", "(c)", "republishing", "all rights reserved")),
    # a publisher's imprint: "Registered in X, company number 123"
    _rule("copyright", r"\bregistered\s+in\s+[\w\s]{2,40},?\s+(?:company|registration)\s+(?:number|no\b)", 400, needles=("registered",)),
    _rule("comments", r"^\W*(?:please\s+(?:adhere\s+to|read|follow|respect|review)\s+our\s+(?:comment(?:ing)?|community)\s+(?:policy|guidelines|rules)|comments?\s+(?:are\s+moderated|policy\s*:))", 600),
    _rule("disclosure", r"\baffiliate\s+links?\b|\bsponsored\s+by\b", 300, needles=("affiliate", "sponsored")),
    # "Become a member" and newsletter prompts end many a short footer paragraph.
    _rule("membership", r"\bbecome\s+an?\s+(?:[\w-]+\s+){0,3}(?:member|supporter|patron|subscriber)s?\b|\bsubscribe\s+to\s+(?:our|the)\s+(?:[\w-]+\s+){0,2}newsletter\b|\bin\s+your\s+inbox\b.{0,80}\bsign\s+up\b|^\W*(?:never\s+miss\s+a\s+(?:story|thing|headline)\b|subscribe\s+(?:to|now|today)|sign\s+up\s+for\s+(?:our|the)\b.*\bnewsletter|support\s+(?:our|independent)\s+(?:work|journalism)|donate\s+(?:now|today)|join\s+(?:us|our\s+community)\s+(?:today|now|on))", 240,
          needles=("become", "subscribe", "inbox", "never", "newsletter", "support", "donate", "join")),
    _rule("share", r"^(?:(?:facebook|twitter|telegram|whatsapp|e-?mail|x|linkedin|reddit|print|copy\s+link)[\s·|,/]*){2,}$|^(?:share|tweet|email|print|comment)(?:\s+(?:this|it|on|via|to|with)\b[^.]{0,80})?$|^\W*(?:share|comment|follow\s+us|like\s+us|join\s+the\s+(?:conversation|discussion)|discuss)\b.{0,80}\b(?:facebook|twitter|telegram|whatsapp|linkedin|reddit|x\.com|community\s+page|forum)\b", 200),
    _rule("contact", r"^(?:for\s+)?(?:media|press)\s+(?:inquiries|enquiries|contact)|^contact(?:\s+us)?\s*:|^\S+@\S+\.\w+$", 200),
    _rule("tags", r"^(?:region|theme|tags?|topics?|categor(?:y|ies)|filed\s+under|in-depth\s+report|keywords)\s*:", 400),
    _rule("media-credit", r"^(?:photo|image|picture|video|featured\s+image|illustration)(?:\s+(?:credit|source|by))?\s*[:/–—-]", 200),
    _rule("related", r"^(?:related|read\s+(?:more|also|next)|see\s+also|more\s+from|recommended|you\s+may\s+also\s+like)\b.{0,150}$", 200),
    _rule("advert", r"^(?:advertisement|sponsored(?:\s+content)?|ad)$", 40),
    # Names are matched case-sensitively: "By the end of the week" is prose.
    # "di", "por", "par", "von": the Italian, Spanish/Portuguese, French and German "by";
    # a separator may close the line ("di Giulia Ferrante ·", a date followed in the page)
    _rule("byline", rf"^(?i:by|written\s+by|posted\s+by|author|articles\s+by|di|por|par|von)\s*:?\s+(?P<names>{_NAME}(?:\s*,\s*{_NAME})*)(?:\s+(?:in|·|\||-|–)(?:\s+[^.]*)?)?\s*$", 160, flags=0),
)

# Sentence punctuation in the scripts the cleaner meets (Latin, CJK, Arabic, Devanagari):
# a line that holds one is prose, not a label.
_PUNCT = ".!?:;,/()\"。！？、，；：「」『』（）《》“”…؟،؛۔।"
# A section label: a few words without sentence punctuation or figures.
_KICKER = re.compile(rf"^(?=.{{2,40}}$)(?!(?i:via|h/t|source|credit|from|cross-posted|by)\b)[^\W\d][^{_PUNCT}\d]*(?:\s[·|]\s[^{_PUNCT}\d]+)?$")
# Scripts written without spaces say in 10 characters what a Latin label says in 40.
_WIDE = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_MAX_WIDE_KICKER = 10
# where a sentence ends: a Latin stop before a space or the end, or a CJK/Arabic/Hindi one
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|[。！？؟۔।]")
# An embedded tweet's credit ("— Mira Osei (@miraosei) March 4, 2025") is article text.
_TWEET_CREDIT = re.compile(r"^[—–-]+\s*[^\n]{0,80}\(@\w{1,30}\)")
# a table row as the readers write it, or a pipe table pasted as text
_PIPE_ROW = re.compile(r"^\|.*\|$")
# "Become a Member of The Harbor Lantern": a site asks readers to join itself.
_MEMBER_OF = re.compile(r"(?i:\bbecome\s+an?\s+(?:member|supporter|patron)\s+of\s+(?:the\s+)?)(?P<outlet>[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){0,5})")

_NAV_SEPARATORS = re.compile(r"\s[|•·»]\s")


def classify(block: str, links_in_block: int = 0) -> tuple[str, re.Match[str] | None] | None:
    """The kind of boilerplate a block is, with the rule's match, or ``None`` for prose."""
    stripped = block.strip()
    lowered = None if _ODD_LETTERS.search(stripped) else stripped.lower()
    for rule in RULES:
        if len(stripped) <= rule.max_chars:
            if rule.needles and lowered is not None and not any(n in lowered for n in rule.needles):
                continue
            match = rule.pattern.search(stripped)
            if match:
                return rule.kind, match
    if is_table(stripped):
        return None  # a table of standings or quotes is short lines without sentences, and article text
    if len(stripped) <= 200 and (len(_NAV_SEPARATORS.findall(stripped)) >= 2 or (links_in_block >= 3 and not _SENTENCE_END.search(stripped))):
        return "navigation", None
    return None


def is_table(block: str) -> bool:
    """Whether ``block`` is a table: every line a row (cells separated by a tab, or a
    "| a | b |" pipe row) but for a caption on the first line.

    >>> is_table("Standings\\nTeam\\tPoints\\nGulls\\t27"), is_table("Home | World | Sport")
    (True, False)
    """
    lines = [ln.strip() for ln in block.strip().split("\n")]
    rows = [bool(CELL_SEPARATOR in ln or _PIPE_ROW.match(ln)) for ln in lines]
    return all(rows[1:]) and (rows[0] or len(rows) > 1)


def _is_bare_date(block: str) -> bool:
    """A one-line block that is a date and nothing else (no outlet)."""
    if "\n" in block:
        return False
    found = is_dateline(block)
    return found is not None and found[0] is None


def is_kicker(line: str) -> bool:
    """Whether a line reads as a section label ("Town hall", "政治"): a few words
    without figures or sentence punctuation in any script the cleaner knows.

    >>> is_kicker("Town hall"), is_kicker("「仕方がない」と話す乗客もいた。"), is_kicker("لماذا الآن؟")
    (True, False, False)
    """
    return CELL_SEPARATOR not in line and bool(_KICKER.match(line)) and len(_WIDE.findall(line)) <= _MAX_WIDE_KICKER


def is_dateline(line: str) -> tuple[str | None, str] | None:
    """``(outlet, date)`` when a line is a dateline; a tweet's credit line is not one.

    >>> is_dateline("The Harbor Lantern, March 6, 2025"), is_dateline("— Mira Osei (@miraosei) March 4, 2025")
    (('The Harbor Lantern', '2025-03-06'), None)
    """
    return None if _TWEET_CREDIT.match(line) else find_date(line)


@dataclass
class Cleaner:
    """Per-article stage: move boilerplate blocks from ``text`` to ``removed``.

    Requires ``text``; assigns ``text``, ``links``, ``removed`` and, where the
    input left them empty, ``authors``, ``published`` and ``outlet``.
    """

    name: str = "clean"
    requires: tuple[str, ...] = ("text",)
    assigns: tuple[str, ...] = ("text", "links", "removed", "authors", "published", "outlet", "datelines", "original_source", "outlet_from_footer")
    #: a dateline or byline is only metadata near the top or bottom of the article
    edge_blocks: int = 6

    def __call__(self, article: Article) -> Article:
        blocks = _blocks(article.text)
        # links by start, so each block finds its own by bisect: a page of many short
        # blocks and many links costs blocks + links, not blocks x links
        order = sorted(range(len(article.links)), key=lambda i: article.links[i].span.start)
        starts = (order, [article.links[i].span.start for i in order])
        footer = self._footer_start(article, blocks, starts)
        # Dates standing alone as two blocks and more head the parts of a timeline: between
        # paragraphs they are text ("March 3, 2025"), not the article's dateline.
        dates = [_is_bare_date(article.text[s:e]) for s, e in blocks]
        timeline = sum(dates) >= 2
        kept: list[str] = []
        kept_links: list[Link] = []
        datelines: list[dict[str, str | None]] = []
        length = 0
        for index, (start, end) in enumerate(blocks):
            near_edge = index < self.edge_blocks or index >= len(blocks) - self.edge_blocks
            # A label stands above the first paragraph or below the last one ("Town hall",
            # "Vale FM News"); between paragraphs a short line is a subheading.
            place = "footer" if index >= footer else "top" if not kept and near_edge else "edge" if near_edge else "middle"
            if timeline and dates[index] and place == "edge":
                place = "middle"
            for unit_start, unit_end, kind in self._units(article, start, end, place, datelines, starts):
                if kind is not None:
                    # position: where the next kept text will start
                    at = length + 2 if kept else 0
                    article.removed.append(Removed(kind=kind, text=article.text[unit_start:unit_end], position=at))
                    continue
                if kept:
                    length += 2
                shift = length - unit_start
                kept.append(article.text[unit_start:unit_end])
                kept_links.extend(
                    Link(ln.span.shift(shift), ln.url, ln.domain, ln.anchor)
                    for ln in _within(article.links, starts, unit_start, unit_end)
                )
                length += unit_end - unit_start
        if datelines:
            # The first dateline names the publisher; later ones (a cross-post's
            # "Original Outlet 17 November") are provenance evidence.
            article.datelines = datelines
            article.outlet = article.outlet or datelines[0]["outlet"]
            article.published = article.published or datelines[0]["date"]
        # Last resort: the outlet whose membership the footer sells.
        article.outlet = article.outlet or article.outlet_from_footer
        article.text = "\n\n".join(kept)
        article.links = kept_links
        article.stages.append(self.name)
        return article

    def _footer_start(self, article: Article, blocks: list[tuple[int, int]], starts: tuple[list[int], list[int]]) -> int:
        """Index of the first block below the last paragraph of prose (at most
        :attr:`edge_blocks` from the end, never the first block)."""
        last = 0
        for index in range(len(blocks) - 1, max(len(blocks) - self.edge_blocks, 0) - 1, -1):
            start, end = blocks[index]
            block = article.text[start:end]
            links = len(_within(article.links, starts, start, end))
            if classify(block, links) is None and ("\n" in block or not (is_kicker(block) or is_dateline(block))):
                last = index
                break
        return max(last + 1, len(blocks) - self.edge_blocks, 1)

    def _units(self, article: Article, start: int, end: int, place: str, datelines: list, starts: tuple[list[int], list[int]]):
        """(start, end, kind) pieces of one block: the whole block if it is boilerplate,
        else its prose with boilerplate lines peeled off its top and bottom (a badge
        or byline glued to the first paragraph, a copyright line under an origin line)."""
        links = len(_within(article.links, starts, start, end))
        kind = self._kind(article.text[start:end], links, place, article, datelines)
        if kind is not None or "\n" not in article.text[start:end] or is_table(article.text[start:end]):
            return [(start, end, kind)]
        lines = [(m.start() + start, m.end() + start) for m in re.finditer(r"[^\n]+", article.text[start:end])]
        head: list[tuple[int, int, str | None]] = []
        tail: list[tuple[int, int, str | None]] = []
        while lines and (kind := self._kind(article.text[lines[0][0] : lines[0][1]], 0, place, article, datelines)):
            head.append((*lines.pop(0), kind))
        # below a sentence of the first paragraph a short line is a subheading, not a label
        # (below a headline it is one: "Vale FM News")
        if place == "top" and lines and _SENTENCE_END.search(article.text[lines[0][0] : lines[-1][1]]):
            place = "edge"
        while lines and (kind := self._kind(article.text[lines[-1][0] : lines[-1][1]], 0, place, article, datelines)):
            tail.insert(0, (*lines.pop(), kind))
        body = [(lines[0][0], lines[-1][1], None)] if lines else []
        return head + body + tail

    def _kind(self, block: str, links: int, place: str, article: Article, datelines: list) -> str | None:
        """The kind of boilerplate ``block`` is where it stands (``place``: "top" above
        the first kept paragraph, "edge" in the first or last blocks, "footer" below the
        last paragraph, "middle"), filling the article's metadata from it; ``None`` for prose."""
        near_edge = place != "middle"
        found = classify(block, links)
        if found is not None:
            kind, match = found
            if kind == "byline" and match is not None:
                if not near_edge:
                    return None
                if not article.authors:
                    article.authors = split_authors(match.group("names"))
            elif kind == "membership" and not article.outlet and (member := _MEMBER_OF.search(block)):
                article.outlet_from_footer = article.outlet_from_footer or member.group("outlet")
            elif kind == "origin" and match is not None:
                article.original_source = article.original_source or match.group("source").strip()
            return kind
        if near_edge and "\n" not in block:
            label = is_kicker(block) and not find_date(block)
            if label and (place == "footer" or (place == "top" and not article.removed and not datelines)):
                return "kicker"  # a section label above the first paragraph, a sign-off below the last
            dateline = is_dateline(block)
            if dateline is not None:
                datelines.append({"outlet": dateline[0], "date": dateline[1]})
                return "dateline"
        return None


def _within(links: list[Link], by_start: tuple[list[int], list[int]], start: int, end: int) -> list[Link]:
    """The links that lie inside ``start..end``, in their own order; ``by_start`` is their
    indexes sorted by start and those starts."""
    order, starts = by_start
    found = sorted(order[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)])
    return [links[i] for i in found if links[i].span.end <= end]


# a newline that ends a block: only horizontal white space up to the next newline
_BLOCK_BREAK = re.compile(r"\n(?=[^\S\n]*\n)")


def _blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) of each block: runs of text between blank lines, stripped.

    Found from the breaks, not by one pattern repeated over the block: a regex repeat
    keeps state for every character it repeats over (hundreds of MB for a 5 MB block).
    """
    spans = []
    start = 0
    for cut in [m.start() for m in _BLOCK_BREAK.finditer(text)] + [len(text)]:
        block = text[start:cut]
        lead = len(block) - len(block.lstrip())
        trail = len(block) - len(block.rstrip())
        if cut - trail > start + lead:
            spans.append((start + lead, cut - trail))
        start = cut + 1
    return spans


def clean(article: Article) -> Article:
    """Clean one article with the default rules (a shortcut for ``Cleaner()(article)``)."""
    return Cleaner()(article)
