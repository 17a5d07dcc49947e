"""Sentence splitting: every sentence of ``Article.text`` as a :class:`Span`.

Rules, in plain words:

* every newline is a boundary (paragraphs, list items, lines such as "X reports:");
* inside a line, a sentence ends at ``.``, ``!`` or ``?`` (with any closing quotes or
  brackets after them) followed by whitespace and an uppercase letter, a digit or an
  opening quote or bracket;
* except after an abbreviation ("Mr.", "Gen.", "vs.", "No. 5"), a single-letter
  initial ("A. Li"), a list number at the start of a line ("1. First"), or inside a
  quotation (double or single marks) that the sentence carries on after (``"We tried.
  We failed," she said.`` is one sentence, as is ``"Why now?" Farrow asked.``);
* an abbreviated month ends the sentence unless a day or year follows ("on Jan. 5",
  "in Dec. The ministry..."); a company suffix or dotted abbreviation ("Inc.", "Ltd.",
  "U.S.", "p.m.") ends it only before a word that opens sentences ("Brask Ferries Inc.
  The firm...", but "the U.S. Coastal Survey", "9 a.m. Passengers").

Decimals ("3.2") never split, as no whitespace follows the point. Spans never start
or end with whitespace. A sentence longer than :data:`MAX_SENTENCE_CHARS` (a run-on
table, text without full stops, a hostile input) is cut into pieces of at most that
length at the last white space before the limit, so the stages that work sentence by
sentence (claims, rhetoric) stay linear in the text and bounded in memory.

>>> text = 'Mr. Li met Dr. A. Varga at 9 a.m. on Jan. 5. Prices rose 3.2%.\\nX reports:'
>>> [text[s.start:s.end] for s in split_sentences(text)]
['Mr. Li met Dr. A. Varga at 9 a.m. on Jan. 5.', 'Prices rose 3.2%.', 'X reports:']
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from newstrail.core.article import Article, Span

__all__ = ["ABBREVIATIONS", "MAX_SENTENCE_CHARS", "SentenceStage", "split_sentences"]

#: words that end with a point without ending the sentence (compared case-insensitively)
ABBREVIATIONS: frozenset[str] = frozenset(
    """mr mrs ms mx dr st gen sen gov rep prof jan feb mar apr jun jul aug sep sept oct nov dec
    vs etc inc ltd co corp jr sr lt col capt cpl sgt maj brig adm cmdr supt insp rev hon
    mt ft ave rd blvd dept univ assn approx est fig figs vol pp cf al messrs mme mlle""".split()
)
# "No." is an abbreviation only before a number ("No. 5"); "No. That is wrong." ends.
_NUMBER_ABBREVIATIONS = frozenset({"no", "nos", "nr", "art", "p"})
# months are abbreviated before a day or a year ("Jan. 5", "Sept. 2019"); before a word
# they end the sentence ("...from 3.9 per cent in Dec. The ministry blamed fuel.")
_MONTHS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
# abbreviations that often close a sentence ("Brask Ferries Inc.", "the U.S."): they end it
# when the next word is one that starts sentences, not a name ("Inc. The firm", "U.S. Fell")
_CLOSING_ABBREVIATIONS = frozenset("inc ltd co corp plc etc jr sr al".split())
_STARTERS = frozenset(
    """the a an it its he she they we i you this that these those there his her their our my
    but and so yet however meanwhile in on at after before when while if as by for with
    officials police critics others some many most no none one two three""".split()
)

#: the longest sentence kept whole; longer runs are cut (real sentences stay far below)
MAX_SENTENCE_CHARS = 2000

_OPENERS = "\"“‘'«([¿¡"
_CLOSERS = "\"”’'»)]"
# sentence-final punctuation, any closers, then whitespace (within a line)
_CANDIDATE = re.compile(r"[.!?]+[\"”’'»)\]]*(?=[ \t\u00a0]+(\S))")
_LINE = re.compile(r"[^\n]+")
_WORD_BEFORE = re.compile(r"([\w.'’-]*)$")
_DOTTED = re.compile(r"^(?:[^\W\d_]\.)+[^\W\d_]?$")
_SPEECH_VERB = (
    r"(?:said|says|say|asked|asks|told|tells|added|adds|wrote|writes|replied|shouted|"
    r"cried|explained|insisted|continued|recalled|warned|noted|laughed|admitted|agreed|whispered|"
    r"declared|stated|claimed|argued|joked|answered|responded|concluded)"
)
# what may follow a quotation that the sentence carries on after: '"Why?" Farrow asked.'
_TAG_AFTER = re.compile(
    rf"^\s*(?:(?:[A-Z][\w'’.-]*\s+){{1,5}}|(?:the|a|an|one|his|her|their)\s+(?:[\w'’-]+\s+){{0,3}}){_SPEECH_VERB}\b"
    rf"|^\s*{_SPEECH_VERB}\b"
)


def _next_word(line: str, index: int) -> str:
    m = re.match(r"[\w’'-]+", line[index:].lstrip(_OPENERS))
    return m.group() if m else ""


def _ends_quotes(line: str, punct_start: int, quotes: list[tuple[int, int]]) -> bool:
    """False when the point sits inside a quotation the sentence carries on after."""
    return all(not (o < punct_start <= c) or not _carried_on(line, c) for o, c in quotes)


def _single_quote_ranges(line: str) -> list[tuple[int, int]]:
    """(open, close) offsets of single-quoted passages: ‘...’ and '...'.

    An opening mark follows the line start, a space or an opening bracket and comes before
    a letter; a closing mark is not followed by a letter, so apostrophes ("don’t",
    "the boats’ hulls" with no quotation open) are not taken for quotation marks.
    """
    ranges = []
    open_at = -1
    for m in re.finditer(r"[‘’']", line):
        i = m.start()
        before = line[i - 1] if i else " "
        after = line[i + 1] if i + 1 < len(line) else " "
        if open_at < 0:
            if (before.isspace() or before in "([\"“") and after.isalnum():
                open_at = i
        elif not after.isalnum() and not before.isspace() and m.group() in "’'":
            ranges.append((open_at, i))
            open_at = -1
    return ranges


def _quote_ranges(line: str) -> list[tuple[int, int]]:
    """(open, close) offsets of quoted passages in one line, paired in order.

    Double quotes first; single-quoted passages are added where they do not overlap
    one, so '"He said 'no.' Then..."' keeps its outer quotation.
    """
    doubles = _double_quote_ranges(line) if ('"' in line or "“" in line or "«" in line) else []
    if "'" not in line and "‘" not in line:
        return doubles
    singles = [r for r in _single_quote_ranges(line) if not any(o <= r[0] <= c for o, c in doubles)]
    return sorted(doubles + singles)


def _double_quote_ranges(line: str) -> list[tuple[int, int]]:
    """(open, close) offsets of double-quoted passages in one line, paired in order."""
    ranges = []
    open_at = -1
    for m in re.finditer(r"[\"“”«»]", line):
        ch = m.group()
        if ch in "“«":
            open_at = m.start()
        elif ch in "”»":
            if open_at >= 0:
                ranges.append((open_at, m.start()))
                open_at = -1
        elif open_at < 0:  # straight quote opening
            open_at = m.start()
        else:
            ranges.append((open_at, m.start()))
            open_at = -1
    return ranges


def _carried_on(line: str, close: int) -> bool:
    """Whether the sentence carries on after the quotation that closes at ``close``."""
    before = line[:close].rstrip()
    last = before[-1:] if before else ""
    after = line[close + 1 :]
    if last not in ".!?":
        # '"..., she said.' or a quotation that is part of a longer sentence
        return True
    stripped = after.lstrip()
    if not stripped:
        return False
    if stripped[0].islower() or stripped[0] in ",;:–—-":
        return True
    return bool(_TAG_AFTER.match(after))


def _is_boundary(line: str, punct_start: int, punct_end: int, next_index: int, quotes: list[tuple[int, int]]) -> bool:
    if next_index >= len(line):
        return False
    nxt = line[next_index]
    if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS):
        return False
    marks = line[punct_start:punct_end].rstrip()
    if marks.startswith(".") and not marks.startswith(".."):
        before = _WORD_BEFORE.search(line, max(0, punct_start - 30), punct_start)
        word = before.group(1) if before else ""  # the pattern matches the empty word, so always found
        bare = word.lstrip("'’-(").lower()
        if bare in _MONTHS:
            return not nxt.isdigit()
        if bare in _CLOSING_ABBREVIATIONS or ("." in bare and _DOTTED.match(bare + ".")):
            return _next_word(line, next_index).lower() in _STARTERS and _ends_quotes(line, punct_start, quotes)
        if bare in ABBREVIATIONS:
            return False
        if bare in _NUMBER_ABBREVIATIONS and nxt.isdigit():
            return False
        if len(bare) == 1 and bare.isalpha():
            return False  # an initial: "A. Li"
        if bare.isdigit() and not line[: punct_start - len(word)].strip():
            return False  # "1. First item" at the start of a line
    k = bisect.bisect_left(quotes, (punct_start, -1)) - 1  # the last quotation opened before the mark
    for open_at, close in quotes[max(0, k) : k + 1]:
        if open_at < punct_start and close >= punct_start:
            # the punctuation is inside the quotation (or just before its closing mark)
            closes_here = close < punct_end
            if not closes_here:
                if _carried_on(line, close):
                    return False
            elif _carried_on(line, close) and not line[close + 1 : punct_end].strip(_CLOSERS + " \t"):
                return False
            break
    return True


def split_sentences(text: str) -> list[Span]:
    """Spans of every sentence of ``text`` (see the module docstring for the rules)."""
    spans: list[Span] = []
    for line_match in _LINE.finditer(text):
        line = line_match.group()
        base = line_match.start()
        quotes = _quote_ranges(line)
        start = 0
        for m in _CANDIDATE.finditer(line):
            punct_end = m.end()
            if _is_boundary(line, m.start(), punct_end, m.start(1), quotes):
                _add(spans, line, base, start, punct_end)
                start = m.start(1)
        _add(spans, line, base, start, len(line))
    return spans


def _add(spans: list[Span], line: str, base: int, start: int, end: int) -> None:
    while end - start > MAX_SENTENCE_CHARS:
        cut = _cut(line, start, start + MAX_SENTENCE_CHARS)
        _add(spans, line, base, start, cut)
        start = cut
    piece = line[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        spans.append(Span(base + start + lead, base + start + lead + len(stripped)))


def _cut(line: str, start: int, limit: int) -> int:
    """Where to cut an over-long sentence: after the last white space before ``limit``
    in its second half, else at ``limit`` (a run without spaces)."""
    space = max(line.rfind(" ", start, limit), line.rfind("\t", start, limit), line.rfind("\u00a0", start, limit))
    return space + 1 if space > start + MAX_SENTENCE_CHARS // 2 else limit


@dataclass
class SentenceStage:
    """Per-article stage: ``Article.sentences``, a span for every sentence of ``text``.

    Requires ``text``; assigns ``sentences``.
    """

    name: str = "sentences"
    requires: tuple[str, ...] = ("text",)
    assigns: tuple[str, ...] = ("sentences",)

    def __call__(self, article: Article) -> Article:
        article.sentences = split_sentences(article.text)
        article.stages.append(self.name)
        return article
