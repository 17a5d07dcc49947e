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

import re
from dataclasses import dataclass
from typing import Any

from newstrail.core.article import Article, Link, Removed
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
    """A block of this ``kind`` matches ``pattern`` and is at most ``max_chars`` long."""

    kind: str
    pattern: re.Pattern[str]
    max_chars: int = 300


def _rule(kind: str, pattern: str, max_chars: int = 300, flags: int = re.I) -> Rule:
    return Rule(kind, re.compile(pattern, flags), max_chars)


_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|al|bin|da|del|and|&))*"

#: the order matters only for reporting: the first rule that matches names the kind
RULES: tuple[Rule, ...] = (
    _rule("origin", r"^(?:the\s+)?original\s+source\s+of\s+this\s+article\s+is\s+(?P<source>.+?)\.?$", 200),
    _rule("badge", r"^(?:fact[-\s]?checked|verified|reviewed|approved|certified)\s+by\s+\S.*$", 140),
    _rule("disclaimer", r"^\W*disclaimer\b", 3000),
    _rule("fair-use", r"\bfair use\b.*\bcopyright|\bcopyright.*\bfair use\b", 3000),
    _rule("copyright", r"^(?:copyright|©|\(c\)|republishing\s*:)|\ball rights reserved\b", 300),
    # a publisher's imprint: "Registered in X, company number 123"
    _rule("copyright", r"\bregistered\s+in\s+[\w\s]{2,40},?\s+(?:company|registration)\s+(?:number|no\b)", 400),
    _rule("comments", r"^\W*(?:please\s+(?:adhere\s+to|read|follow|respect|review)\s+our\s+(?:comment(?:ing)?|community)\s+(?:policy|guidelines|rules)|comments?\s+(?:are\s+moderated|policy\s*:))", 600),
    _rule("disclosure", r"\baffiliate\s+links?\b|\bsponsored\s+by\b", 300),
    # "Become a member" and newsletter prompts end many a short footer paragraph.
    _rule("membership", r"\bbecome\s+an?\s+(?:[\w-]+\s+){0,3}(?:member|supporter|patron|subscriber)s?\b|\bsubscribe\s+to\s+(?:our|the)\s+(?:[\w-]+\s+){0,2}newsletter\b|\bin\s+your\s+inbox\b.{0,80}\bsign\s+up\b|^\W*(?:never\s+miss\s+a\s+(?:story|thing|headline)\b|subscribe\s+(?:to|now|today)|sign\s+up\s+for\s+(?:our|the)\b.*\bnewsletter|support\s+(?:our|independent)\s+(?:work|journalism)|donate\s+(?:now|today)|join\s+(?:us|our\s+community)\s+(?:today|now|on))", 240),
    _rule("share", r"^(?:(?:facebook|twitter|telegram|whatsapp|e-?mail|x|linkedin|reddit|print|copy\s+link)[\s·|,/]*){2,}$|^(?:share|tweet|email|print|comment)(?:\s+(?:this|it|on|via|to|with)\b[^.]{0,80})?$|^\W*(?:share|comment|follow\s+us|like\s+us|join\s+the\s+(?:conversation|discussion)|discuss)\b.{0,80}\b(?:facebook|twitter|telegram|whatsapp|linkedin|reddit|x\.com|community\s+page|forum)\b", 200),
    _rule("contact", r"^(?:for\s+)?(?:media|press)\s+(?:inquiries|enquiries|contact)|^contact(?:\s+us)?\s*:|^\S+@\S+\.\w+$", 200),
    _rule("tags", r"^(?:region|theme|tags?|topics?|categor(?:y|ies)|filed\s+under|in-depth\s+report|keywords)\s*:", 400),
    _rule("media-credit", r"^(?:photo|image|picture|video|featured\s+image|illustration)(?:\s+(?:credit|source|by))?\s*[:/–—-]", 200),
    _rule("related", r"^(?:related|read\s+(?:more|also|next)|see\s+also|more\s+from|recommended|you\s+may\s+also\s+like)\b.{0,150}$", 200),
    _rule("advert", r"^(?:advertisement|sponsored(?:\s+content)?|ad)$", 40),
    # Names are matched case-sensitively: "By the end of the week" is prose.
    _rule("byline", rf"^(?i:by|written\s+by|posted\s+by|author|articles\s+by)\s*:?\s+(?P<names>{_NAME}(?:\s*,\s*{_NAME})*)(?:\s+(?:in|·|\||-|–)\s+[^.]*)?\s*$", 160, flags=0),
)

# A section label: a few words without sentence punctuation or figures.
_KICKER = re.compile(r"^(?=.{2,40}$)(?!(?i:via|h/t|source|credit|from|cross-posted|by)\b)[^\W\d][^.!?:;,/()\"\d]*(?:\s[·|]\s[^.!?:;,/()\"\d]+)?$")
# "Become a Member of The Harbor Lantern": a site asks readers to join itself.
_MEMBER_OF = re.compile(r"(?i:\bbecome\s+an?\s+(?:member|supporter|patron)\s+of\s+(?:the\s+)?)(?P<outlet>[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){0,5})")

_NAV_SEPARATORS = re.compile(r"\s[|•·»]\s")


def classify(block: str, links_in_block: int = 0) -> tuple[str, re.Match[str] | None] | None:
    """The kind of boilerplate a block is, with the rule's match, or ``None`` for prose."""
    stripped = block.strip()
    for rule in RULES:
        if len(stripped) <= rule.max_chars:
            match = rule.pattern.search(stripped)
            if match:
                return rule.kind, match
    if len(stripped) <= 200 and (len(_NAV_SEPARATORS.findall(stripped)) >= 2 or (links_in_block >= 3 and not re.search(r"[.!?]\s", stripped))):
        return "navigation", None
    return None


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
        kept: list[str] = []
        kept_links: list[Link] = []
        datelines: list[dict[str, str | None]] = []
        length = 0
        for index, (start, end) in enumerate(blocks):
            near_edge = index < self.edge_blocks or index >= len(blocks) - self.edge_blocks
            for unit_start, unit_end, kind in self._units(article, start, end, near_edge, datelines):
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
                    for ln in article.links
                    if unit_start <= ln.span.start and ln.span.end <= unit_end
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

    def _units(self, article: Article, start: int, end: int, near_edge: bool, datelines: list):
        """(start, end, kind) pieces of one block: the whole block if it is boilerplate,
        else its prose with boilerplate lines peeled off its top and bottom (a badge
        or byline glued to the first paragraph, a copyright line under an origin line)."""
        links = sum(start <= ln.span.start and ln.span.end <= end for ln in article.links)
        kind = self._kind(article.text[start:end], links, near_edge, article, datelines)
        if kind is not None or "\n" not in article.text[start:end]:
            return [(start, end, kind)]
        lines = [(m.start() + start, m.end() + start) for m in re.finditer(r"[^\n]+", article.text[start:end])]
        head: list[tuple[int, int, str | None]] = []
        tail: list[tuple[int, int, str | None]] = []
        while lines and (kind := self._kind(article.text[lines[0][0] : lines[0][1]], 0, near_edge, article, datelines)):
            head.append((*lines.pop(0), kind))
        while lines and (kind := self._kind(article.text[lines[-1][0] : lines[-1][1]], 0, near_edge, article, datelines)):
            tail.insert(0, (*lines.pop(), kind))
        body = [(lines[0][0], lines[-1][1], None)] if lines else []
        return head + body + tail

    def _kind(self, block: str, links: int, near_edge: bool, article: Article, datelines: list) -> str | None:
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
            if not article.removed and not datelines and _KICKER.match(block) and not find_date(block):
                return "kicker"  # a section label above the first paragraph ("Town hall")
            dateline = find_date(block)
            if dateline is not None:
                datelines.append({"outlet": dateline[0], "date": dateline[1]})
                return "dateline"
        return None


def _blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) of each block: runs of text between blank lines, stripped."""
    spans = []
    for match in re.finditer(r"(?:[^\n]|\n(?!\s*\n))+", text):
        start, end = match.start(), match.end()
        block = match.group(0)
        lead = len(block) - len(block.lstrip())
        trail = len(block) - len(block.rstrip())
        if end - trail > start + lead:
            spans.append((start + lead, end - trail))
    return spans


def clean(article: Article) -> Article:
    """Clean one article with the default rules (a shortcut for ``Cleaner()(article)``)."""
    return Cleaner()(article)
