"""Attributions: who an article credits, in which words, and where.

For every sentence of ``Article.text`` the stage looks for the cues a news text uses to
credit a source, and for evidence kept outside the text (an "original source" line the
cleaner removed, a second dateline), and fills ``Article.attributions`` with
:class:`~newstrail.core.article.Attribution` records.

Cues (``cue`` is the short form on the left):

==================== ========================================================
according to         "according to X", "according to figures from X", "... sources in X"
said, reported, ...  "X said/says/reported/reports/wrote/writes/told/claimed/announced/
                     stated/added/noted/confirmed/warned/explained/insisted/argued/
                     revealed ...", "..., said X", '"...," X said', "X, who ..., said",
                     "was announced by X" (``cue`` is the verb as written, lowercased)
reports:             "X reports:" introducing a passage
published            "X published ..." when X is an outlet
credit               "Credit – X", "Credit: X and Y"
source               "Source: X", "Sources: X; Y"
via                  "(via X)", "via X" as a line, "... via <an outlet>"
h/t                  "h/t X", "hat tip to X"
first published      "first published/reported by X", "first published in/on X",
                     "as X first reported", "it was X that first reported"
originally appeared  "originally appeared in/on X", "originally published in/on/by X"
original source      "The original source of this article is X" (in the text, or the
                     line the cleaner removed: ``where="removed"``)
cross-posted from    "cross-posted/republished/reprinted from X"
citing               "X, citing Y" (X keeps its own verb cue)
reported in          "reports in X", "a report in X", "as reported in X"
told                 "... told X" where X is an outlet (the speaker gets ``told`` too)
hyperlink            a link whose anchor or target names an outlet (not the article's own site)
dateline             "PORTHAVEN (Meridian Wire) -" at the start of the text; a later
                     dateline the cleaner removed (``where="dateline"``)
appeared on          "appeared/circulated/surfaced on X", "was shared/posted/circulated by X", "published by X",
                     "a report by X": where a claim ran, as fact-checks, denials and corrections name it;
                     a list "X (url), Y (url) and Z (url)" credits each (an outlet when the cue's words, a
                     known name or a web address after the name say so)
contributed          "X contributed to this report", "This story was supplied by X"
reporting by         "(Reporting by A and B; Editing by C)": A and B, people
==================== ========================================================

``kind`` is ``outlet``, ``organisation`` or ``person``: outlets by the words in their
names (News, Times, Herald, Gazette, Wire, Daily, Digest, Radio, TV...), names that are
domains, a describing word ("news site Haber7") or a publication cue (credit, via, h/t,
reports:, original source...); organisations by theirs (Ministry, Council, Police,
University, Authority...) and the unnamed "the ministry said", "officials said" forms;
people by titles and roles ("Mayor", "Dr", "spokesman X") or as the remaining short
proper names. A name that a cue or link shows to be an outlet is one all through the
article. A caller that knows the corpus's outlets passes ``known_outlets`` (a
normalised name -> canonical name mapping) to force ``outlet`` for them (``outlet`` is
then the key of the canonical name), and the article's own outlet (its ``outlet``,
first dateline or domain, and their aliases) is never an attribution.

Not handled: pronoun speakers ("she said": no attribution; the quote stage resolves them
to a nearby named person), unnamed people ("one fisherman said", "the mayor said"),
single-word outlet names without a cue or link that says they are outlets ("Tidebrief
wrote" reads as a person unless ``known_outlets`` knows it), sources named only in a
later sentence.

Other languages (es, pt, it, fr, de, ru, ar, tr, id, uz in Cyrillic) have their usual
forms, with the English short cue: ``according to`` ("según X", "segundo X", "secondo
X", "selon X", "laut X", "X zufolge", "по данным X", "وفقا لـX", "X'e göre", "X'in
haberine göre", "menurut X", "X хабар беришича", "X маълумотига кўра"), ``reported``
("informó", "berichtet", "wie X berichtete", "сообщает", "ذكرت", "أفادت", "bildirdi",
"melaporkan", "ha scritto", "a publié"...), ``citing`` ("citado por", "со ссылкой на",
"نقلا عن", "dilansir", "citando"), ``appeared on`` ("pubblicata dal quotidiano X",
"publié par X") and the ``source`` and ``credit`` lines ("Fuente:", "Quelle:",
"Источник:", "Crédito:"). Publication words before a name ("la agencia", "die Zeitung",
"агентства", "وكالة", "kantor berita") or after it ("X gazetesine göre") make it an
outlet; names in Cyrillic or Arabic letters resolve to a known outlet's Latin name (see
:class:`~newstrail.outlets.resolver.OutletResolver`). Not handled there: names without
capitals other than Arabic ones, cues whose subject opens a long sentence (Turkish and
Uzbek verbs other than "bildirdi", "хабар берди"), inflected Russian names of unknown
outlets (kept as written).

>>> [(a.cue, a.source, a.kind) for a in attributions_in("Credit – Meridian Wire")]
[('credit', 'Meridian Wire', 'outlet')]
>>> [(a.cue, a.source, a.kind) for a in attributions_in("Catches fell, the ministry said.")]
[('said', 'the ministry', 'organisation')]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from newstrail.core.article import Article, Attribution, Link, Span
from newstrail.analyze.names import (
    _FINITE,
    _MEDIA_IN_DOMAIN,
    _ORG_HEADS,
    _ORG_TAILS,
    _PASSIVE,
    _PRONOUNS,
    _SKIP_BEFORE_VERB,
    PUBLICATION_CUES,
    _NP,
    _Tokens,
    _domain_label,
    _np_backward,
    _np_forward,
    _outlet_like,
    _words,
    classify_source,
    known_outlets,
    outlet_key,
)
from newstrail.analyze.foreign_cues import FOREIGN_CUE_TOKENS, foreign_cues, has_other_script, may_hold_foreign_cue
from newstrail.outlets.keys import initials, is_acronym
from newstrail.outlets.resolver import OutletResolver
from newstrail.analyze.sentences import split_sentences

__all__ = ["AttributionStage", "PUBLICATION_CUES", "attributions_in", "classify_source", "outlet_key"]


# ------------------------------------------------------------------ rules


@dataclass
class _Found:
    cue: str
    np: _NP
    kind: str
    priority: int


_VERBS = (
    "said|says|say|told|tells|reported|reports|wrote|writes|claimed|claims|announced|announces|stated|states|"
    "added|noted|notes|confirmed|confirms|warned|warns|explained|insisted|argued|revealed|published|ran"
)
# words without which a sentence holds no cue: a set test is much faster than a regex
_CUE_WORDS = frozenset(_VERBS.split("|")) | _words(
    """according credit credits source sources via h/t hat hat-tip first originally original cross-posted crossposted
    republished reprinted reposted syndicated citing quoting report reports contributed supplied provided
    distributed reporting column piece editorial op-ed post interview bulletin pointed flagged spotted described spoke
    speaking talked site website newspaper newsletter blog broadcaster tabloid magazine appeared appearing circulated
    circulating surfaced shared posted"""
)
# the cue words as whitespace-split tokens may carry punctuation: "said,", "(via", "h/t)."
_CUE_TOKENS = frozenset(
    f"{before}{word}{after}"
    for word in _CUE_WORDS
    for before in ("", "(", "“", '"', "‘", "'", "[")
    for after in ("", ",", ".", ":", ";", ")", ").", "),", '"', "”", "’", "'", ',"', ",”", '."', ".”", "?", "!", ")”", "—", "–")
)
_VERB_WORDS = frozenset(_VERBS.split("|"))
# the cue words of English and of the other languages, for one set test a sentence: most hold none
_ANY_CUE_TOKENS = _CUE_TOKENS | FOREIGN_CUE_TOKENS
_TOKEN_PUNCT = ".,;:!?()[]{}\"“”‘’'«»–—…"


def _occurrences(lowered: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """(start, end) of every whole-word occurrence of ``words`` in ``lowered``, in order."""
    found = []
    for word in words:
        at = lowered.find(word)
        while at >= 0:
            end = at + len(word)
            if (at == 0 or not lowered[at - 1].isalnum()) and (end == len(lowered) or not lowered[end].isalnum()):
                found.append((at, end))
            at = lowered.find(word, end)
    found.sort()
    return found
_ACCORDING = re.compile(
    r"\baccording\s+to\s+(?:(?:senior\s+|two\s+|several\s+)?(?:sources|a\s+source|officials|an\s+official|people|members|insiders)\s+"
    r"(?:in|at|within|inside|from)\s+|(?:the\s+)?(?:latest\s+|new\s+|official\s+|provisional\s+)?(?:figures|data|estimates|documents|records|"
    r"statistics|a\s+statement|statements|a\s+study|research|a\s+survey|a\s+poll|polling|an\s+analysis|a\s+document|"
    r"a\s+report|an\s+estimate|a\s+spokes(?:man|woman|person))\s+(?:from|by|released\s+by|published\s+by|issued\s+by|of|compiled\s+by|for)\s+)?",
    re.I,
)
_CREDIT = re.compile(r"^\W{0,2}credits?\s*(?:[–—-]+|:)\s*", re.I)
_SOURCE = re.compile(r"^\W{0,2}sources?\s*:\s*", re.I)
_VIA = re.compile(r"(?P<paren>\(\s*)?\bvia\s+", re.I)
_HT = re.compile(r"\b(?:h/t|hat[- ]?tip)\b\s*(?::|to\b|-|–)?\s*", re.I)
_FIRST = re.compile(r"\bfirst\s+(?:published|reported|broke|broken|aired|appeared|posted|revealed)\s+(?:by|in|on|at)\s+", re.I)
_ORIGINALLY = re.compile(r"\boriginally\s+(?:appeared|published|ran|posted|run|printed)\s+(?:in|on|by|at)\s+", re.I)
_ORIGINAL_SOURCE = re.compile(r"\boriginal\s+source\s*(?:of\s+this\s+(?:article|story|report|post|piece|item)\s+is|is|:)\s*", re.I)
_CROSS = re.compile(r"\b(?:cross-?posted|republished|reprinted|reposted|syndicated)\s+(?:with\s+permission\s+)?from\s+", re.I)
_CITING = re.compile(r"\b(?:citing|quoting)\s+", re.I)
_REPORTED_IN = re.compile(r"\b(?:reports?|reported|reporting|an?\s+article|a\s+story)\s+in\s+", re.I)
# cues with which an outlet refers to an earlier article of its own
_SELF_CUES = frozenset({"reported", "wrote", "revealed", "first published", "reported in"})
_EARLIER = re.compile(r"\b(?:earlier|previously|already|yesterday|last\s+(?:week|month|night|year)|on\s+this\s+site)\b", re.I)
# "X, the independent fact-checking service": an appositive that says a name is a publication
_APPOSITIVE = re.compile(
    r",\s+(?:the|an?)\s+(?:[\w-]+\s+){0,3}?(?:newspaper|paper|website|site|broadcaster|newsletter|blog|magazine|tabloid|"
    r"daily|weekly|outlet|publication|fact-checker|fact-checking\s+service|news\s+service|wire\s+service|news\s+agency)\b",
    re.I,
)
# "The specialist shipping site X, carrying ...": a sentence whose subject is a publication
# named with what it is tells what that publication said, whatever the verb
_NAMED_SUBJECT = re.compile(
    r"^\W{0,2}(?:The|A|An)\s+(?:[a-z-]+\s+){0,3}(?:site|website|newspaper|newsletter|blog|broadcaster|tabloid|magazine)\s+(?=[A-Z])"
)
# "a column in X", "a post on the blog X", "an interview with X" where X is a publication
_PIECE_IN = re.compile(r"\ban?\s+(?:column|piece|editorial|op-ed|post|blog\s+post|interview|bulletin)\s+(?:in|on|for|by)\s+", re.I)
# "pointed out to us by X", "first flagged on Saturday by X": who found it is who we took it from
_POINTED_BY = re.compile(
    r"\b(?:pointed\s+out|flagged|spotted)\s+(?:to\s+us\s+)?(?:(?:on|in|at|late|early|last)\s+(?:[\w-]+\s+){0,3}?)?by\s+", re.I
)
# "described the moment to X", "spoke to X": an interview given to a publication
_SPOKE_TO = re.compile(r"\b(?:spoke|speaking|talked|talking|described\s+(?:[\w'’-]+\s+){0,6}?)\s*to\s+", re.I)
# where a claim ran: "Versions of the claim appeared on X, Y and Z", "a post shared by X", "a
# report by X (url) misread the data"; the names are outlets when a web address follows them
_APPEARED = re.compile(
    r"\b(?:(?:appeared|appearing|circulated|circulating|surfaced)\s+(?:(?:first|also|later|widely|again)\s+)?(?:on|in)"
    r"|(?:shared|posted|circulated|published|spread)\s+(?:(?:first|also|later|widely|again|online)\s+)?"
    r"(?:(?:on|last|late|early)\s+[A-Z][a-z]+\s+|(?:yesterday|today|earlier)\s+)?by"
    r"|an?\s+(?:report|article|story|post|claim)\s+(?:published\s+)?by)\s+",
    re.I,
)
_WEB_ADDRESS_AFTER = re.compile(r"\s*\(\s*(?:https?://|www\.)", re.I)
# "appeared on Monday": a time, not where
_WHEN = _words("monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december")
_CONTRIBUTED = re.compile(r"\s+(?:staff\s+)?contributed\s+(?:to\s+(?:this|the)\s+(?:report|story|article)|reporting|additional\s+reporting)\b", re.I)
_SUPPLIED = re.compile(r"\b(?:this|the)\s+(?:story|article|report|piece|item)\s+(?:was|is|has\s+been)\s+(?:supplied|provided|contributed|distributed)\s+by\s+", re.I)
_REPORTING_BY = re.compile(r"\b(?:additional\s+)?reporting\s+by\s+", re.I)
_DATELINE = re.compile(r"^[A-ZÀ-Ý][A-ZÀ-Ý .'’-]*(?:,\s*[A-Z][a-z]+\.?\s+\d{1,2})?\s*\(|^\(")
_DATELINE_TAIL = re.compile(r"^\s*\)\s*[-–—]+\s")
#: how far into the text (characters) a paragraph may start and still open with a dateline
_DATELINE_REACH = 400
_NOT_REPORTED = re.compile(r"^\s+(?:for\s+duty|for\s+work|sick|missing|back|late|to\s+work|nothing)\b", re.I)
_PREVIOUS_WORD = re.compile(r"(?:^|\s)([a-z]+)\s+$")
# lowercase words before a verb that may still end a subject ("the council said", "X also said",
# "the Herald, which reported"); any other lowercase word means there is none to find
_SUBJECT_ENDS = _SKIP_BEFORE_VERB | _ORG_HEADS | _ORG_TAILS | _words("that which who both")
_NOUN_BEFORE = _words("the a an these those such many some several its their his her our your no any")
_NOT_SAID = re.compile(r"^\s+(?:nothing|little|no\s+more)\b", re.I)


def _find_sentence(text: str, *, at_start: bool, known: OutletResolver, other_script: bool = True) -> list[_Found]:
    """Every attribution cue in one sentence (``other_script=False``: its article holds no
    letters of the scripts foreign cues are read in)."""
    lowered = text.lower()
    dateline = at_start and text[:1] in "(ABCDEFGHIJKLMNOPQRSTUVWXYZ" and "(" in text[:80]
    split = lowered.split()
    hits = _ANY_CUE_TOKENS.intersection(split)
    # (the foreign cue words of ``split`` are all among ``hits``: the same test, on fewer words)
    foreign = foreign_cues(text) if may_hold_foreign_cue(text, hits, other_script) else []
    hits &= _CUE_TOKENS
    if not hits and not dateline and not foreign:
        return []
    sentence = _Sentence(text, lowered, known)
    for cue, start, end, hint, priority in foreign:
        sentence.add(cue, sentence.span_np(start, end, hint), priority)
    if dateline:
        sentence.dateline()
    sentence.line_cues()
    sentence.inline_cues()
    sentence.verb_cues({h.strip(_TOKEN_PUNCT) for h in hits} & _VERB_WORDS)
    return _resolve(sentence.found)


class _Sentence:
    """One sentence's cues, found rule by rule into ``found``.

    The rules test for their words in ``lowered`` by substring before running their
    patterns: most sentences hold none of them.
    """

    def __init__(self, text: str, lowered: str, known: OutletResolver) -> None:
        self.text = text
        self.lowered = lowered
        self.known = known
        self.tok = _Tokens(text)
        self.found: list[_Found] = []

    def add(self, cue: str, np: _NP | None, priority: int, *, kind_cue: str | None = None, need_outlet: bool = False) -> None:
        """Keep ``np`` as credited by ``cue``; with ``need_outlet``, only if it reads as an outlet."""
        if np is None or not np.text.strip(" -–—"):
            return
        hint = np.hint if np.hint in ("person", "outlet", "organisation") else None
        if need_outlet:
            after = self.tok.ends[np.last]
            if _WEB_ADDRESS_AFTER.match(self.text, after):
                hint = "outlet"  # "Bay Herald (https://bay.example/a)": a name given with its web address
            if not _outlet_like(np.text, hint, self.known) and not _APPOSITIVE.match(self.text, after):
                return
            kind = "outlet"
        else:
            kind = classify_source(np.text, cue if kind_cue is None else kind_cue, hint, self.known)
        self.found.append(_Found(cue, np, kind, priority))

    def forward_at(self, offset: int) -> _NP | None:
        return _np_forward(self.tok, self.tok.index_at(offset))

    def span_np(self, start: int, end: int, hint: str | None) -> _NP:
        """The phrase over the characters ``start:end`` (a name another rule delimited)."""
        first = self.tok.index_at(start)
        last = max(first, bisect.bisect_right(self.tok.starts, end - 1) - 1)
        return _NP(first, last, self.text[start:end], hint)

    def listed(self, offset: int, cue: str, priority: int, separators: str = ";,", need_outlet: bool = False) -> None:
        """Several names after a cue: "Sources: X; Y", "Credit: X and Y"."""
        tok = self.tok
        i = tok.index_at(offset)
        while i < len(tok):
            np = _np_forward(tok, i)
            if np is None:
                break
            if need_outlet and (np.text.split()[0].lower() in _WHEN or not _proper(tok, np)):
                break
            self.add(cue, np, priority, need_outlet=need_outlet)
            j = np.last + 1
            if need_outlet and j < len(tok) and tok.words[j] == "(":
                while j < len(tok) and tok.words[j] != ")":  # the name's web address
                    j += 1
                j += 1
            # skip a description after a name: "Brannock University, annual survey 2024"
            while j < len(tok) and tok.words[j] not in separators and tok.words[j] not in ("/", "|") and tok.lower[j] not in ("and", "&"):
                j += 1
            if j >= len(tok):
                break
            i = self._next_listed(j, need_outlet)

    def _next_listed(self, j: int, need_outlet: bool) -> int:
        """Where the next listed name starts, after the separator at ``j``."""
        tok = self.tok
        nxt = j + 1
        if tok.words[j] == ",":
            # a comma lists another source only when a whole name follows
            follow = _np_forward(tok, nxt)
            if follow is None or not (follow.last + 1 >= len(tok) or tok.words[follow.last + 1] in ",;.)" or (need_outlet and tok.lower[follow.last + 1] in ("(", "and", "&"))):
                k = nxt
                while k < len(tok) and tok.words[k] not in ";":
                    k += 1
                nxt = k + 1
        return nxt

    def dateline(self) -> None:
        """"PORTHAVEN (Meridian Wire) -" opening the text."""
        text = self.text
        if (m := _DATELINE.match(text)) is None:
            return
        close = text.find(")", m.end())
        if close > 0 and _DATELINE_TAIL.match(text[close:]) and close - m.end() < 80:
            np = self.forward_at(m.end())
            if np is not None and self.tok.ends[np.last] <= close:
                self.add("dateline", np, 9)

    def line_cues(self) -> None:
        """The publication cues: credit and source lines, via, h/t, first published,
        originally appeared, original source, cross-posted."""
        text, present, add, forward_at = self.text, self.lowered, self.add, self.forward_at
        if ("credit" in present or "credits" in present) and (m := _CREDIT.match(text)):
            self.listed(m.end(), "credit", 9)
        if ("source" in present or "sources" in present) and (m := _SOURCE.match(text)):
            self.listed(m.end(), "source", 9)
        if "via" in present:
            for m in _VIA.finditer(text):
                np = forward_at(m.end())
                if np is None:
                    continue
                before = text[max(0, m.start() - 12) : m.start()].strip().lower() if m.start() <= 12 else "…"
                if m.group("paren") or before in ("", "story", "found", "spotted", "seen", "image", "video", "photo", "chart", "map", "h/t", "—", "–", "-"):
                    add("via", np, 9)
                else:
                    add("via", np, 9, need_outlet=True)
        if "h/t" in present or "hat" in present:
            for m in _HT.finditer(text):
                add("h/t", forward_at(m.end()), 9)
        if "first" in present and ("by" in present or " in " in present or " on " in present or " at " in present):
            for m in _FIRST.finditer(text):
                add("first published", forward_at(m.end()), 9)
        if "originally" in present:
            for m in _ORIGINALLY.finditer(text):
                add("originally appeared", forward_at(m.end()), 9)
        if "original" in present:
            for m in _ORIGINAL_SOURCE.finditer(text):
                add("original source", forward_at(m.end()), 9)
        if "posted" in present or "republished" in present or "reprinted" in present or "syndicated" in present:
            for m in _CROSS.finditer(text):
                add("cross-posted from", forward_at(m.end()), 9)

    def inline_cues(self) -> None:
        """The cues inside a sentence's run: reported in, pointed out by, told, a named
        publication as subject, appeared on, contributed, reporting by, citing, according to."""
        text, present, add, forward_at = self.text, self.lowered, self.add, self.forward_at
        if " in " in present and ("report" in present or "article" in present or "story" in present):
            for m in _REPORTED_IN.finditer(text):
                add("reported in", forward_at(m.end()), 8, need_outlet=True)
        if " in " in present or " on " in present or " for " in present or " by " in present:
            for m in _PIECE_IN.finditer(text):
                add("reported in", forward_at(m.end()), 8, need_outlet=True)
        if " by " in present:
            for m in _POINTED_BY.finditer(text):
                add("pointed out", forward_at(m.end()), 8, need_outlet=True)
        if " to " in present:
            for m in _SPOKE_TO.finditer(text):
                add("told", forward_at(m.end()), 7, need_outlet=True)
        if (named := _NAMED_SUBJECT.match(text)) is not None:
            add("named", forward_at(named.end()), 1, kind_cue="hyperlink")
        if " on " in present or " in " in present or " by " in present:
            for m in _APPEARED.finditer(text):
                self.listed(m.end(), "appeared on", 8, need_outlet=True)
        self._contributed()
        if "citing" in present or "quoting" in present:
            for m in _CITING.finditer(text):
                add("citing", forward_at(m.end()), 8)
        if "according" in present:
            for m in _ACCORDING.finditer(text):
                rest = text[m.end() : m.end() + 16].lower()
                if rest.startswith(("a report in", "reports in", "an article in", "a story in")):
                    continue
                add("according to", forward_at(m.end()), 7)

    def _contributed(self) -> None:
        """"X contributed to this report", "supplied by X", "(Reporting by A and B)"."""
        text, present, tok = self.text, self.lowered, self.tok
        if "contributed" in present:
            for m in _CONTRIBUTED.finditer(text):
                back = _np_backward(tok, tok.index_at(m.start() + 1))
                if isinstance(back, _NP):
                    self.add("contributed", back, 9)
        if "supplied" in present or "provided" in present or "distributed" in present or "contributed" in present:
            for m in _SUPPLIED.finditer(text):
                self.add("contributed", self.forward_at(m.end()), 9)
        if "reporting" in present:
            for m in _REPORTING_BY.finditer(text):
                i = tok.index_at(m.end())
                while i < len(tok):
                    np = _np_forward(tok, i)
                    if np is None:
                        break
                    if _outlet_like(np.text, np.hint, self.known):
                        self.add("contributed", np, 9)
                    else:
                        np.hint = "person"
                        self.add("reporting by", np, 9)
                    j = np.last + 1
                    if j < len(tok) and (tok.lower[j] in ("and", "&") or tok.words[j] == ","):
                        i = j + 1
                    else:
                        break

    def verb_cues(self, verbs: set[str]) -> None:
        """"X said", "..., said X", "X reports:", "was announced by X", "... told X"."""
        if not verbs:
            return
        quoted = _quoted_ranges(self.text)
        for m_start, m_end in _occurrences(self.lowered, verbs):
            if quoted:
                k = bisect.bisect_left(quoted, (m_start, -1)) - 1
                if k >= 0 and quoted[k][0] < m_start < quoted[k][1]:
                    continue  # the verb is inside a quotation
            verb = self.text[m_start:m_end]
            if not verb.islower():
                continue  # "Said" and "SAYS" are not the verbs these rules read
            if verb == "ran":
                verb = "published"  # "The portal X ran a translation": said of an outlet only, as "published"
            after = self.text[m_end : m_end + 120]
            if self._not_a_cue(verb, after, m_start):
                continue
            self._verb(verb, after, m_start, m_end)

    def _not_a_cue(self, verb: str, after: str, m_start: int) -> bool:
        """Dead ends seen before tokenising: "reported sick", "said nothing", "claimed the
        title", "she said", "the authors say", "it was reported"."""
        if verb in ("reported", "reports") and _NOT_REPORTED.match(after):
            return True
        if verb in ("said", "says", "say") and _NOT_SAID.match(after):
            return True
        if verb in ("claimed", "claims", "wrote", "writes", "explained", "revealed", "confirmed", "confirms", "noted", "notes", "added", "adds", "stated", "states") and not _clause_follows(after):
            return True
        if verb in ("told", "tells"):
            return False
        lowered = self.lowered
        previous = _PREVIOUS_WORD.search(lowered, max(0, m_start - 24), m_start)
        if previous is not None and (self.text[previous.start(1)].islower() or previous.group(1) in _PRONOUNS):
            word = previous.group(1)
            if word in _PASSIVE:
                return not after.startswith(" by ")
            if word not in _SUBJECT_ENDS and not re.search(r"\bof\s+$", lowered[max(0, previous.start(1) - 4) : previous.start(1)]):
                return True
        return False

    def _verb(self, verb: str, after: str, m_start: int, m_end: int) -> None:
        """The name credited by one reporting verb: its subject, the name after an inverted
        or passive verb, the outlet someone told."""
        tok, add = self.tok, self.add
        vi = tok.index_at(m_start)
        if vi > 0 and tok.lower[vi - 1] in _NOUN_BEFORE and verb in ("claims", "reports", "says", "report", "reported", "published", "said"):
            return  # "The claims were repeated", "the reports say", "the said document"
        subject = _np_backward(tok, vi)
        cue = verb
        if subject == "passive":
            by = re.match(r"\s+by\s+", after)
            if by and verb not in ("said", "says", "told", "tells"):
                np = _np_forward(tok, tok.index_at(m_end + by.end()))
                if np is not None:
                    add(verb, np, 5, need_outlet=verb == "published")
            return
        if verb in ("reports", "reported") and after.lstrip().startswith(":"):
            cue = "reports:"
        if subject == "inverted":
            np = _np_forward(tok, vi + 1)
            if np is not None and verb != "published":
                add(cue, np, 5)
        elif isinstance(subject, _NP):
            self._subject(subject, verb, cue, vi)
        if verb in ("told", "tells"):
            obj = _np_forward(tok, vi + 1)
            if obj is not None:
                add("told", obj, 7, need_outlet=True)

    def _subject(self, subject: _NP, verb: str, cue: str, vi: int) -> None:
        """The subject of a reporting verb, and a second name joined to it by "and"."""
        tok, add, found = self.tok, self.add, self.found
        if subject.hint == "first" and verb in ("reported", "published", "revealed"):
            subject.hint = None
            add("first published", subject, 9)
        elif verb == "published":
            if tok.words[vi - 1] != ",":  # "VIB Español, the state broadcaster, published on 3 March": a participle
                add("published", subject, 5, need_outlet=True)
        else:
            subject.hint = None if subject.hint == "first" else subject.hint
            add(cue, subject, 6 if cue == "reports:" else 5)
        # "The Harbor Lantern and Gullwing Local both reported"
        a = subject.first - 1
        if a > 0 and tok.lower[a] in ("and", "&") and verb != "published" and _proper(tok, subject):
            other = _np_backward(tok, a)
            if isinstance(other, _NP) and _proper(tok, other):
                partner = found[-1] if found and found[-1].np is subject else None
                if partner is not None and other.hint is None and partner.kind == "outlet":
                    other.hint = "outlet"  # names joined by "and" are of one sort
                add(partner.cue if partner else cue, other, 5)
                if partner is not None and found[-1].np is other and found[-1].kind == "outlet" and partner.kind == "person" and subject.hint is None:
                    partner.kind = "outlet"


def _proper(tok: _Tokens, np: _NP) -> bool:
    """Whether a phrase is a proper name ("the Gull Post", not "the ministry")."""
    first = np.first + 1 if tok.lower[np.first] == "the" and np.first < np.last else np.first
    return tok.is_cap(first)


def _clause_follows(after: str) -> bool:
    """'claimed that ...', 'wrote in a statement', 'claimed the footage showed' (not 'claimed the title')."""
    words = re.findall(r"[\w'’]+|[^\w\s]", after[:80])
    if not words:
        return True
    first = words[0].lower()
    if not first.isdigit() and first not in ("the", "a", "an", "his", "her", "its", "their", "victory", "gold", "silver", "bronze", "first", "second", "third", "several", "some", "two", "three", "four", "five", "ten", "twenty", "many", "one", "books", "letters", "more", "new"):
        return True
    return any(w.lower() in _FINITE for w in words[1:6])


def _quoted_ranges(text: str) -> list[tuple[int, int]]:
    if '"' not in text and "“" not in text:
        return []
    ranges = []
    open_at = -1
    for m in re.finditer(r"[\"“”]", text):
        ch = m.group()
        if ch == "“" or (ch == '"' and open_at < 0):
            open_at = m.start()
        elif open_at >= 0:
            ranges.append((open_at, m.start()))
            open_at = -1
    return ranges


def _resolve(found: list[_Found]) -> list[_Found]:
    """One attribution per name: where two cues claim overlapping words, the stronger wins
    (a name told something and the outlet it was told to may share no words, so two
    ``told`` never clash)."""
    found.sort(key=lambda f: -f.priority)
    claimed: dict[int, str] = {}
    kept: list[_Found] = []
    for f in found:
        tokens = range(f.np.first, f.np.last + 1)
        if any(i in claimed and not (f.cue == "told" and claimed[i] == "told") for i in tokens):
            continue
        for i in tokens:
            claimed[i] = f.cue
        kept.append(f)
    kept.sort(key=lambda f: (f.np.first, f.cue))
    return kept


# ------------------------------------------------------------------ links


#: the longest evidence kept with a credit: a longer sentence is cut around the credited name
MAX_EVIDENCE = 600


def _clip(evidence: str, name: str) -> str:
    """``evidence`` cut to :data:`MAX_EVIDENCE` characters around ``name`` (only text longer
    than any real sentence is cut)."""
    if len(evidence) <= MAX_EVIDENCE:
        return evidence
    at = max(0, evidence.find(name))
    start = max(0, min(at - MAX_EVIDENCE // 2, len(evidence) - MAX_EVIDENCE))
    return evidence[start : start + MAX_EVIDENCE]


def _link_source(text: str, link: Link, own_domain: str | None, known: OutletResolver) -> tuple[str, str] | None:
    """(source, kind) of a hyperlink that names an outlet, else ``None``."""
    domain = (link.domain or _registered(link.url)).lower()
    if not domain or not link.url.lower().startswith(("http://", "https://", "www.")):
        return None
    if own_domain and (domain == own_domain or domain.endswith("." + own_domain) or own_domain.endswith("." + domain)):
        return None
    anchor = text[link.span.start : link.span.end] if link.span.end <= len(text) else link.anchor
    label = _domain_label(domain)
    squeezed_label = label.replace("-", "")
    tok = _Tokens(anchor)
    i = 0
    while i < len(tok):
        if tok.is_cap(i):
            np = _np_forward(tok, i if i == 0 or tok.lower[i - 1] != "the" else i - 1)
            if np is not None:
                key = outlet_key(np.text).replace(" ", "")
                kind = classify_source(np.text, "", np.hint, known)
                names_site = len(key) >= 4 and (key in squeezed_label or squeezed_label in key)
                if kind == "outlet" or (names_site and kind != "organisation"):
                    return np.text, "outlet"
                i = np.last + 1
                continue
        i += 1
    if known.find(domain) or known.find(label) or _MEDIA_IN_DOMAIN.search(squeezed_label):
        return domain, "outlet"
    return None


def _registered(url: str) -> str:
    host = re.sub(r"^[a-z]+://", "", url.strip().lower()).split("/")[0].split(":")[0]
    return host[4:] if host.startswith("www.") else host


# ------------------------------------------------------------------ the stage


@dataclass
class AttributionStage:
    """Per-article stage: ``Article.attributions`` from the text, its links, removed
    "original source" blocks and later datelines.

    Requires ``text`` and ``sentences``; assigns ``attributions``. ``known_outlets``
    is the corpus's :class:`~newstrail.outlets.resolver.OutletResolver` (or a mapping
    of normalised outlet names, see :func:`outlet_key`, to canonical names); a source
    it knows (by name, spelling, domain or a unique acronym) is an outlet, and its
    ``outlet`` key is that of the canonical name.
    """

    name: str = "attributions"
    # also reads the cleaner's ``datelines`` and ``original_source`` when it ran (empty otherwise)
    requires: tuple[str, ...] = ("text", "sentences")
    assigns: tuple[str, ...] = ("attributions",)
    known_outlets: OutletResolver | Mapping[str, str] | None = None

    def __post_init__(self) -> None:
        self._known = known_outlets(self.known_outlets)

    def __call__(self, article: Article) -> Article:
        article.attributions = self.find(article)
        article.stages.append(self.name)
        return article

    # -- the parts

    def _key(self, source: str, kind: str) -> str | None:
        if kind != "outlet":
            return None
        canonical = self._known.find(source)
        return outlet_key(canonical or source)

    def _own(self, article: Article) -> tuple[set[str], str | None]:
        own: set[str] = set()
        # the first dateline names the article's own outlet only when nothing else does: a
        # paper printing "PORTAVEY (NWS) —" over a wire story credits the wire
        dateline = article.datelines[0].get("outlet") if article.datelines and not (article.outlet or article.domain) else None
        for name in (article.outlet, dateline):
            if name:
                own.add(outlet_key(name))
                own |= initials(name)
                canonical = self._known.find(name)
                if canonical:
                    own.add(outlet_key(canonical))
        domain = (article.domain or "").lower() or None
        if domain:
            own.add(_domain_label(domain))
            canonical = self._known.find(domain)
            if canonical:
                own.add(outlet_key(canonical))
        return {k for k in own if k}, domain

    def _is_own(self, key: str | None, source: str, own: set[str]) -> bool:
        if not own:
            return False
        keys = {key or "", outlet_key(source)}
        canonical = self._known.find(source)
        if canonical:
            keys.add(outlet_key(canonical))
        for k in keys:
            if not k:
                continue
            squeezed = k.replace(" ", "")
            for o in own:
                if k == o or squeezed == o.replace(" ", ""):
                    return True
                # "the Gazette" in a Northshore Gazette article
                if len(k) >= 4 and (o.endswith(" " + k) or o.startswith(k + " ")):
                    return True
        return False

    def find(self, article: Article) -> list[Attribution]:
        text = article.text
        sentences = article.sentences or split_sentences(text)
        own, own_domain = self._own(article)
        out: list[Attribution] = []

        seen: set[tuple] = set()

        def emit(cue: str, source: str, kind: str, span: Span | None, evidence: str, where: str = "text", link: str | None = None) -> None:
            source = source.strip()
            # the same credit twice in one sentence (one link repeated) says nothing new, and a
            # run-on sentence of thousands of links must not store its text once per link
            if (cue, source, span, link) in seen:
                return
            seen.add((cue, source, span, link))
            evidence = _clip(evidence, source)
            if kind != "person" and self._known.find(source):
                kind = "outlet"
            key = self._key(source, kind)
            if self._is_own(key, source, own):
                # "As NWS reported earlier": the outlet's own earlier article is a source too
                if (kind == "outlet" or is_acronym(source)) and cue in _SELF_CUES and _EARLIER.search(evidence):
                    out.append(Attribution(cue=cue, source=source, kind="outlet", span=span, outlet=outlet_key(source), link=link, evidence=evidence, where="own"))
                return
            out.append(Attribution(cue=cue, source=source, kind=kind, span=span, outlet=key, link=link, evidence=evidence, where=where))

        # links, grouped by the sentence they sit in
        starts = [s.start for s in sentences]
        links_in: dict[int, list[Link]] = {}
        for ln in article.links:
            at = bisect.bisect_right(starts, ln.span.start) - 1
            if at >= 0 and ln.span.start < sentences[at].end:
                links_in.setdefault(at, []).append(ln)

        other_script = has_other_script(text)  # once an article: most have none, and then no sentence has
        for index, span in enumerate(sentences):
            sentence = text[span.start : span.end]
            # a dateline opens the body, which a title, a byline or a date line may precede
            at_start = index == 0 or (span.start < _DATELINE_REACH and text[: span.start].rstrip(" \t").endswith("\n"))
            for f in _find_sentence(sentence, at_start=at_start, known=self._known, other_script=other_script):
                emit(f.cue, f.np.text, f.kind, span, sentence)
            for ln in links_in.get(index, ()):
                found = _link_source(text, ln, own_domain, self._known)
                if found is not None:
                    emit("hyperlink", found[0], found[1], span, sentence, link=ln.url)

        # evidence the cleaner moved out of the text
        origins = [r for r in article.removed if r.kind == "origin"]
        for block in origins:
            for f in _find_sentence(block.text.strip(), at_start=False, known=self._known):
                if f.cue == "original source":
                    emit(f.cue, f.np.text, f.kind, None, block.text, "removed")
        if not origins and article.original_source:
            name = article.original_source
            emit("original source", name, "outlet", None, f"The original source of this article is {name}", "removed")
        removed_datelines = [r for r in article.removed if r.kind == "dateline"]
        for index, entry in enumerate(article.datelines):
            if index == 0 or not isinstance(entry, Mapping) or not entry.get("outlet"):
                continue
            evidence = removed_datelines[index].text if index < len(removed_datelines) else " ".join(str(v) for v in (entry.get("outlet"), entry.get("date")) if v)
            emit("dateline", str(entry["outlet"]), "outlet", None, evidence, "dateline")
        return self._consistent(out, own)

    def _consistent(self, found: list[Attribution], own: set[str]) -> list[Attribution]:
        """A name that one cue or link shows to be an outlet is an outlet all through the
        article ("Gullwing Local notes" beside a link to gullwinglocal.example)."""
        outlets = {a.outlet.replace(" ", "") for a in found if a.kind == "outlet" and a.outlet}
        if not outlets:
            return found
        kept = []
        for a in found:
            if a.kind == "person":
                key = outlet_key(a.source)
                if key and key.replace(" ", "") in outlets:
                    a.kind, a.outlet = "outlet", self._key(a.source, "outlet")
                    if self._is_own(a.outlet, a.source, own):
                        continue
            kept.append(a)
        return kept


def attributions_in(
    text: str,
    *,
    links: Iterable[Link] = (),
    known_outlets: OutletResolver | Mapping[str, str] | None = None,
    outlet: str | None = None,
    domain: str | None = None,
) -> list[Attribution]:
    """The attributions in a raw text (sentences split here), for quick use and tests.

    ``links`` are :class:`~newstrail.core.article.Link` records whose spans point into
    ``text``; ``outlet`` and ``domain`` name the text's own outlet, which is never an
    attribution.
    """
    article = Article(text=text, links=list(links), outlet=outlet, domain=domain)
    article.sentences = split_sentences(text)
    return AttributionStage(known_outlets=known_outlets).find(article)
