"""Quotes: passages in quotation marks, who said them, and the attribution that says so.

Quotation marks: straight ``"..."``, curly ``“...”``, guillemets ``«...»``, and single
``‘...’`` / ``'...'`` when they open before a word and close after one (so apostrophes in
"it's", "pilots' union" or "’90s" are not taken for quotes). A quotation may span
several sentences, and may go on into the next paragraph by the convention that the
paragraph starts with an opening mark while the previous one left its quotation
unclosed; its span then runs from the first opening mark to the last closing one.

A passage of four words or more is a :class:`~newstrail.core.article.Quote`; shorter ones
("liberation", “friendly”) are scare quotes, given by :func:`scare_quotes` for the
rhetoric stages.

The speaker comes from the sentence around the quotation or the one before it:
``"...," said X``, ``"...," X said``, ``X said: "..."``, ``X told Y: "..."``,
``according to X, "..."``, ``The document reads: "..."`` (speaker "the document"),
``X wrote in a statement: "..."``, and a line ending in a colon ("The text of the decree
reads:") before a quotation that starts a paragraph. A pronoun ("she said") is resolved
to the person credited in that sentence or the two before it, or named there with a title
or role ("Lieutenant Rasmus Odell"); a quotation standing alone in the sentence after
another takes that one's speaker (same paragraph only). ``cue`` is the
verb; ``attribution`` is the index in ``Article.attributions`` of the attribution that
credits the speaker in the sentence carrying the speech tag (for a pronoun, the one that
named the person it stands for; a quotation standing alone after another by the same
speaker shares that one's).

Not handled: nested quotations are part of the outer one; speakers named only further
away than the adjacent sentence; quotes set off by dashes or as block quotes without marks.

>>> text = 'The “liberation” of the town, a “friendly” visit.'
>>> [text[s.start:s.end] for s in scare_quotes(text)]
['liberation', 'friendly']
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from newstrail.core.article import Article, Attribution, Quote, Span
from newstrail.analyze.names import _LEAD_STRIP, _NP, _PRONOUNS, _np_backward, _np_forward, _Tokens, classify_source
from newstrail.analyze.sentences import split_sentences

__all__ = ["MIN_QUOTE_WORDS", "QuoteStage", "find_quotations", "scare_quotes"]

#: passages shorter than this are scare quotes, not quotes
MIN_QUOTE_WORDS = 4

_WORD = re.compile(r"\w+(?:['’]\w+)*")
_DOUBLE = re.compile(r"[\"“”«»]")


@dataclass(frozen=True)
class Quotation:
    """A quoted passage: ``span`` covers the words inside the marks; ``open`` and
    ``close`` are the offsets of the outer marks."""

    span: Span
    open: int
    close: int
    words: int


def _opens(text: str, i: int, line_start: int, line_end: int) -> bool:
    """Whether a straight double quote at ``i`` (on the line ``line_start..line_end``) reads as an opening mark."""
    before = text[i - 1] if i > line_start else " "
    after = text[i + 1] if i + 1 < line_end else " "
    if after.isspace():
        return False
    return before.isspace() or before in "([{—–-/:;,“‘'" or i == line_start


def _content(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The words between two marks: whitespace and a trailing comma trimmed."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    return (start, end) if end > start else None


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _opens_paragraph(text: str, pos: int, after: int) -> bool:
    """Whether the mark at ``pos`` is the first thing in the first non-empty line after offset ``after``."""
    between = text[after:pos]
    return "\n" in between and not between.strip()


def find_quotations(text: str) -> list[Quotation]:
    """Every quoted passage of ``text``, long or short, in order."""
    found: list[Quotation] = []
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    open_line_end = 0
    line = (0, -1)  # the line of the last mark, found once per line: marks on a long line stay linear
    for m in _DOUBLE.finditer(text):
        pos = m.start()
        ch = m.group()
        if pos > line[1]:
            line = (text.rfind("\n", 0, pos) + 1, _line_end(text, pos))
        if open_at is not None and pos > open_line_end:
            # the quotation's paragraph ended unclosed: it goes on only if this paragraph opens with a mark
            if ch in "\"“«" and _opens_paragraph(text, pos, open_line_end):
                open_line_end = line[1]
                continue
            open_at = None
        if ch in "“«":
            open_at = pos
            open_line_end = line[1]
        elif ch in "”»":
            if open_at is not None:
                _record(text, found, open_at, pos)
                regions.append((open_at, pos))
                open_at = None
        elif open_at is None:
            if _opens(text, pos, *line):
                open_at = pos
                open_line_end = line[1]
        else:
            _record(text, found, open_at, pos)
            regions.append((open_at, pos))
            open_at = None
    if "‘" in text or "'" in text:
        _single_quotes(text, regions, found)
    found.sort(key=lambda q: q.open)
    return found


def _record(text: str, found: list[Quotation], open_at: int, close: int) -> None:
    inner = _content(text, open_at + 1, close)
    if inner is not None:
        words = len(_WORD.findall(text, inner[0], inner[1]))
        if words:
            found.append(Quotation(Span(*inner), open_at, close, words))


_SINGLE_MARK = re.compile(r"[‘']")
#: the longest single-quoted passage looked for, in characters
_SINGLE_REACH = 1000
#: how far before an opening mark or after a closing one the speech tag is looked for
_TAG_REACH = 300
# characters after which a single mark opens a quotation (or the start of a line)
_SINGLE_OPEN_AFTER = frozenset(" \t\n([{—–-“\"/")
# a single closing mark: after a non-space, before a non-letter (not the ’ of "it’s")
_SINGLE_CLOSE = re.compile(r"(?<=\S)[’'](?![^\W_])")


def _single_quotes(text: str, regions: list[tuple[int, int]], found: list[Quotation]) -> None:
    position = clear = 0
    n = len(text)
    for opening in _SINGLE_MARK.finditer(text):
        i = opening.start()
        # an opening mark: after a space or bracket (or at the start), before a letter
        if i < position or (i > 0 and text[i - 1] not in _SINGLE_OPEN_AFTER) or i + 1 >= n or not text[i + 1].isalpha():
            continue
        k = bisect.bisect_left(regions, (i, -1)) - 1
        if k >= 0 and regions[k][0] < i < regions[k][1]:
            continue  # inside a double-quoted passage
        end = text.find("\n", i, i + _SINGLE_REACH)  # the line's end, looked for no further than the reach
        end = min(len(text), i + _SINGLE_REACH) if end < 0 else end
        close = -1
        candidates = 0
        # no closing mark lies before ``clear`` (a search that found none): start past it, so
        # a line of openings without closings is read once, not once per opening
        for closing in _SINGLE_CLOSE.finditer(text, max(i + 2, clear), end):
            candidates += 1
            j = closing.start()
            if any(ch in text[i + 1 : j] for ch in "\"“”"):
                break
            # "the pilots' union" inside a longer passage: a plural possessive is not the end
            if text[j - 1] == "s" and text[j + 1 : j + 2] == " " and text[j + 2 : j + 3].islower() and _SINGLE_CLOSE.search(text, j + 1, end):
                continue
            close = j
            break
        if not candidates:
            clear = end
        if close > 0:
            _record(text, found, i, close)
            position = close + 1


def scare_quotes(text: str) -> list[Span]:
    """Spans of the short quoted passages (under four words): "liberation", “friendly”."""
    return [q.span for q in find_quotations(text) if q.words < MIN_QUOTE_WORDS]


# ------------------------------------------------------------------ speakers

_SPEECH = (
    r"said|says|say|told|tells|added|adds|wrote|writes|asked|asks|explained|explains|insisted|warned|warns|"
    r"continued|recalled|admitted|replied|stated|states|declared|noted|notes|argued|claimed|claims|concluded|"
    r"confirmed|announced|reported|reports|reads|read|admits|insists|tweeted|posted|shouted|cried|added"
)
_AFTER_INVERTED = re.compile(rf"^[\s,]*(?:—|–|-)?\s*(?P<verb>{_SPEECH})\b", re.I)
_AFTER_SUBJECT = re.compile(rf"^[\s,]*(?:—|–|-)?\s*(?P<subject>[^\"“”.!?;:]{{1,90}}?)\s+(?:has\s+|had\s+|also\s+|later\s+|then\s+)?(?P<verb>{_SPEECH})\b")
_BEFORE = re.compile(rf"\b(?P<verb>{_SPEECH})\b(?P<rest>[^\"“”]{{0,80}}?)[:,]\s*$")
_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<name>[^,\"“”]{1,80}),\s*$", re.I)
_DOCUMENT = re.compile(
    r"(?P<subject>\b(?:the|this|that|a|an|one|its|his|her|their)\s+(?:[\w’'-]+\s+){0,4}?(?:document|documents|memo|order|decree|"
    r"letter|text|statement|report|note|sign|law|post|tweet|message|notice|email|e-mail|leaflet|ruling|judgment|"
    r"judgement|directive|instruction|instructions|caption|headline|banner|press\s+release|release|paper|papers|"
    r"transcript|minutes|summary|passage|page|entry|will|warrant|indictment|complaint|petition|sentence|verdict|"
    r"bill|motion|resolution|agreement|contract|treaty|manifesto|communiqu[eé])(?:\s+of\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?)?)"
    r"\s+(?:itself\s+)?(?P<verb>reads|read|says|said|states|stated|declares|declared)\b[^\"“”]{0,40}?[:,]?\s*$",
    re.I,
)
# words that show the text after a quotation is a new clause, not its speech tag
_CLAUSE_WORDS = frozenset("but and or while because that which who when after before about being to if as so than".split())
_EMBEDDED = re.compile(rf"\b(?P<verb>{_SPEECH})\b(?P<rest>[^\"“”]{{0,160}})$")
_NOT_NAMES = _LEAD_STRIP | _PRONOUNS | frozenset(
    "among during despite under over with without within for from speaking according although while when since until unlike like as at in on by".split()
)


@dataclass
class _Tag:
    speaker: str | None
    cue: str
    sentence: Span | None
    pronoun: bool = False


def _subject_before(tag_text: str, verb_start: int) -> tuple[str | None, bool]:
    """(speaker, is_pronoun) of the words before a speech verb in ``tag_text``."""
    tok = _Tokens(tag_text)
    subject = _np_backward(tok, tok.index_at(verb_start))
    if isinstance(subject, _NP):
        return subject.text, False
    if subject == "pronoun":
        m = re.search(r"([\w’']+)\W*$", tag_text[:verb_start])
        return (m.group(1) if m else None), True
    return None, False


def _speaker_after(text: str, close: int, limit: int) -> _Tag | None:
    """'"...," said X' / '"...," X said' after the closing mark at ``close``."""
    tail = text[close + 1 : min(limit, close + 1 + _TAG_REACH)]
    if not tail or not (tail[:1].isspace() or tail[:1] in ",—–-"):
        return None
    if (m := _AFTER_INVERTED.match(tail)) is not None:
        tok = _Tokens(tail)
        np = _np_forward(tok, tok.index_at(m.end()))
        return _Tag(np.text if np else None, m.group("verb").lower(), None)
    if (m := _AFTER_SUBJECT.match(tail)) is not None:
        words = [w.lower() for w in re.findall(r"[\w’']+", m.group("subject"))]
        if len(words) > 9 or any(w in _CLAUSE_WORDS for w in words):
            return None  # '"not against a conversation" but worried about being asked'
        speaker, pronoun = _subject_before(tail, m.start("verb"))
        if speaker is None and not pronoun:
            # "the officer is said to have told colleagues": a speaker the text does not name
            return _Tag(None, m.group("verb").lower(), None)
        return _Tag(speaker, m.group("verb").lower(), None, pronoun)
    return None


def _speaker_before(before: str) -> _Tag | None:
    """'X said: "...', 'according to X, "...', 'The document reads: "...' before an opening mark."""
    # only what follows the last quotation: '"We tried," she said, "but ..."'
    cut = max(before.rfind('"'), before.rfind("”"), before.rfind("“"))
    segment = before[cut + 1 :] if cut >= 0 else before
    if not segment.strip():
        return None
    if (m := _DOCUMENT.search(segment)) is not None:
        subject = m.group("subject")
        return _Tag(subject[:1].lower() + subject[1:], m.group("verb").lower(), None)
    if (m := _ACCORDING.search(segment)) is not None:
        tok = _Tokens(m.group("name"))
        np = _np_forward(tok, 0)
        return _Tag(np.text if np else None, "according to", None)
    if (m := _BEFORE.search(segment)) is not None:
        speaker, pronoun = _subject_before(segment, m.start("verb"))
        if speaker is None and not pronoun and m.group("verb").lower() in ("told", "tells", "said", "says", "wrote", "writes"):
            # '"... ," said X:' is rare; an object after "told" is not the speaker
            return _Tag(None, m.group("verb").lower(), None)
        return _Tag(speaker, m.group("verb").lower(), None, pronoun)
    # a partial quotation inside a reported sentence: 'X said his members were "not against it"'
    for m in reversed(list(_EMBEDDED.finditer(segment))):
        speaker, pronoun = _subject_before(segment, m.start("verb"))
        if speaker is not None or pronoun:
            return _Tag(speaker, m.group("verb").lower(), None, pronoun)
    return None


def _named_person_near(text: str, sentences: Sequence[Span], index: int, back: int = 2) -> str | None:
    """The nearest person the sentences before ``index`` name with a title or role
    ("Lieutenant Rasmus Odell", "Dr Henrike Saal"), or as the subject they open with."""
    for k in range(index - 1, max(-1, index - 1 - back), -1):
        sentence = text[sentences[k].start : sentences[k].end]
        tok = _Tokens(sentence)
        best = None
        i = 0
        while i < len(tok):
            if tok.is_cap(i) and tok.lower[i] not in _NOT_NAMES:
                np = _np_forward(tok, i)
                if np is not None:
                    if np.hint == "person" or (i == 0 and classify_source(np.text, "", np.hint) == "person" and len(np.text.split()) <= 3):
                        best = np.text
                    i = max(i, np.last) + 1
                    continue
            i += 1
        if best:
            return best
    return None


@dataclass
class QuoteStage:
    """Per-article stage: ``Article.quotes``, the quoted passages of four words or more.

    Requires ``text``, ``sentences`` and ``attributions``; assigns ``quotes``.
    """

    name: str = "quotes"
    requires: tuple[str, ...] = ("text", "sentences", "attributions")
    assigns: tuple[str, ...] = ("quotes",)
    min_words: int = MIN_QUOTE_WORDS

    def __call__(self, article: Article) -> Article:
        article.quotes = self.find(article)
        article.stages.append(self.name)
        return article

    def find(self, article: Article) -> list[Quote]:
        text = article.text
        if '"' not in text and "“" not in text and "«" not in text and "‘" not in text and "'" not in text:
            return []
        sentences = article.sentences or split_sentences(text)
        starts = [s.start for s in sentences]
        quotes: list[Quote] = []
        previous: tuple[Quote, int] | None = None  # the last quote and the sentence it closed in
        by_sentence: dict[Span, list[int]] = {}
        for i, a in enumerate(article.attributions):
            if a.span is not None:
                by_sentence.setdefault(a.span, []).append(i)
        for q in find_quotations(text):
            if q.words < self.min_words:
                continue
            open_index = max(0, bisect.bisect_right(starts, q.open) - 1)
            close_index = max(0, bisect.bisect_right(starts, q.close) - 1)
            quote = Quote(span=q.span)
            tag = self._tag(text, sentences, q, open_index, close_index)
            # sentence spans are stripped: a quotation starts one when its mark is the first character
            starts_sentence = not sentences or q.open == sentences[open_index].start
            if tag is not None:
                quote.cue = tag.cue
                quote.speaker = tag.speaker
                quote.attribution = _attribution_for(article.attributions, by_sentence, tag.sentence, tag.speaker)
                if tag.pronoun:
                    quote.speaker, person = _resolve_pronoun(text, sentences, article.attributions, by_sentence, open_index, q.open)
                    if quote.attribution is None:
                        quote.attribution = person
            elif starts_sentence and sentences:
                # a quotation standing alone goes on from the sentence before it
                same_paragraph = open_index > 0 and "\n" not in text[sentences[open_index - 1].end : q.open]
                if previous is not None and previous[1] == open_index - 1 and same_paragraph and previous[0].speaker:
                    quote.speaker, quote.cue, quote.attribution = previous[0].speaker, previous[0].cue, previous[0].attribution
                elif same_paragraph:
                    for i in by_sentence.get(sentences[open_index - 1], ()):
                        a = article.attributions[i]
                        if a.kind == "person":
                            quote.speaker, quote.cue, quote.attribution = a.source, a.cue, i
            quotes.append(quote)
            previous = (quote, close_index)
        return quotes

    def _tag(self, text: str, sentences: Sequence[Span], q: Quotation, open_index: int, close_index: int) -> _Tag | None:
        whole = Span(0, len(text))
        close_sentence = sentences[close_index] if sentences else whole
        open_sentence = sentences[open_index] if sentences else whole
        after = _speaker_after(text, q.close, close_sentence.end)
        if after is not None:
            after.sentence = close_sentence
            if after.speaker and not after.pronoun:
                return after
        before = _speaker_before(text[max(open_sentence.start, q.open - _TAG_REACH) : q.open])
        if before is not None:
            before.sentence = open_sentence
        for tag in (after, before):
            if tag is not None and tag.speaker and not tag.pronoun:
                return tag
        for tag in (after, before):
            if tag is not None:
                return tag
        # a line just before that ends with a colon: "The text of the decree reads:"
        if not text[open_sentence.start : q.open].strip() and open_index > 0:
            previous = sentences[open_index - 1]
            prev_text = text[previous.start : previous.end]
            if prev_text.rstrip().endswith(":") and not text[previous.end : q.open].strip():
                tag = _speaker_before(prev_text[-_TAG_REACH:])
                if tag is not None:
                    tag.sentence = previous
                    return tag
        return None


def _resolve_pronoun(
    text: str, sentences: Sequence[Span], attributions: Sequence[Attribution], by_sentence: dict[Span, list[int]], index: int, before: int
) -> tuple[str | None, int | None]:
    """(speaker, attribution index) for "she said": the person credited in this sentence
    before the quotation, else the person credited or named in each sentence before it."""
    for k in range(index, max(-1, index - 3), -1):
        if not sentences:
            break
        sentence = sentences[k]
        best = None
        if k == index and sentence.end - sentence.start > 2000:
            continue  # a runaway "sentence": only the ones before it are searched
        for i in by_sentence.get(sentence, ()):
            a = attributions[i]
            if a.kind == "person" and (k < index or a.evidence.find(a.source) < before - sentence.start):
                best = i
        if best is not None:
            return attributions[best].source, best
        if k < index:
            named = _named_person_near(text, sentences, k + 1, back=1)
            if named:
                return named, None
    return None, None


def _attribution_for(attributions: Sequence[Attribution], by_sentence: dict[Span, list[int]], sentence: Span | None, speaker: str | None) -> int | None:
    """Index of the attribution in ``sentence`` that credits ``speaker``."""
    if sentence is None or not speaker:
        return None
    low = speaker.lower()
    candidates = by_sentence.get(sentence, ())
    if len(candidates) > 64:
        # a runaway "sentence" with many credits: only an exact name match is looked for
        return next((i for i in candidates if attributions[i].source.lower() == low), None)
    for i in candidates:
        a = attributions[i]
        if a.cue not in ("hyperlink", "dateline"):
            source = a.source.lower()
            if source and (source in low or low in source):
                return i
    return None
