"""Attributions: who an article credits, in which words, and where.

For every sentence of ``Article.text`` the stage looks for the cues a news text uses to
credit a source, and for evidence kept outside the text (an "original source" line the
cleaner removed, a second dateline), and fills ``Article.attributions`` with
:class:`~newstrail.article.Attribution` records.

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
later sentence, and languages other than English.

>>> [(a.cue, a.source, a.kind) for a in attributions_in("Credit – Meridian Wire")]
[('credit', 'Meridian Wire', 'outlet')]
>>> [(a.cue, a.source, a.kind) for a in attributions_in("Catches fell, the ministry said.")]
[('said', 'the ministry', 'organisation')]
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..article import Article, Attribution, Link, Span
from .sentences import ABBREVIATIONS, split_sentences

__all__ = ["AttributionStage", "PUBLICATION_CUES", "attributions_in", "classify_source", "outlet_key"]

#: cues that only ever credit a publication
PUBLICATION_CUES: frozenset[str] = frozenset(
    {"credit", "reports:", "via", "h/t", "original source", "cross-posted from", "first published", "originally appeared", "hyperlink", "dateline", "contributed"}
)

# --------------------------------------------------------------------------- words


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# words that make a name a publication, anywhere in it
_MEDIA = _words(
    """news newspaper newspapers times post herald gazette wire tribune journal daily digest media press tv
    radio broadcasting broadcaster dispatch courier chronicle telegraph observer monitor review weekly
    magazine newsletter bulletin examiner inquirer sentinel ledger lantern signal network channel fm
    online insider newswire newsroom"""
)
# the same words inside a domain label ("kestrelherald.example")
_MEDIA_IN_DOMAIN = re.compile(
    r"news|herald|times|post|gazette|wire|tribune|journal|daily|digest|media|press|radio|broadcast|dispatch|courier|"
    r"chronicle|telegraph|observer|monitor|review|weekly|magazine|bulletin|ledger|lantern|signal|^tv|tv$"
)
# words that make a name a publication only as its last word ("Orvel Star", not "Star Energy")
_MEDIA_HEAD = _words("advertiser echo argus clarion bugle courant enquirer recorder mercury gleaner packet standard mirror express record globe star sun mail leader independent")
# words that make a name an organisation
_ORG = _words(
    """ministry ministries council councils police government governments department departments dept authority
    authorities university universities institute institutes institution company companies board boards
    committee committees army navy court courts office offices bureau bureaus bureaux agency agencies commission
    coastguard guard party union unions federation association foundation trust bank banks group club society
    cooperative co-operative hospital school academy college library museum service services fund inc ltd corp
    corporation plc gmbh holdings industries energy rail railway railways airlines airways ferries shipping
    motors lines chamber parliament senate assembly municipality administration directorate inspectorate regulator
    prosecutors prosecution officials command forces front compact alliance mission brigade militia centre
    center secretariat embassy consulate church laboratory lab labs observatory operator firm cabinet council's
    ministry's police's government's department's"""
)
# lowercase heads of an unnamed organisation source: "the transport ministry said"
_ORG_HEADS = _words(
    """ministry council police government department authority authorities bureau coastguard army navy court
    office board committee company university institute agency commission officials prosecutors union unions
    federation inspectorate regulator operator service military administration municipality cabinet parliament
    guard militia firm prosecution embassy secretariat ministries"""
)
# nouns after an organisation word that still name it: "police sources", "ministry figures"
_ORG_TAILS = _words("sources source officials official spokesman spokeswoman spokesperson figures data statement statements estimates insiders")
_PREPOSITIONS = _words("in at from of for with near outside inside by across around via to into through over under")
_PRONOUNS = _words(
    """he she they it we i you who which that this these those one someone somebody everyone everybody nobody
    anyone anybody none nothing something everything there here what whoever"""
)
# capitalised sentence-initial words that name no one: "Residents said"
_GENERIC = _words(
    """residents witnesses analysts experts critics locals neighbours neighbors villagers fishermen parents
    teachers doctors scientists researchers economists observers campaigners protesters activists people
    others sources many some several both reports studies documents traders shoppers farmers users readers
    viewers supporters opponents members staff workers passengers rescuers officers crews families owners
    organisers organizers leaders lawmakers politicians diplomats investigators engineers divers skippers
    having yet still all most few each either neither another councillors councilors ministers mps senators
    lawmakers legislators judges governors mayors diplomats"""
)
# titles before a personal name, stripped from the source
_TITLES = _words(
    """dr dr. mr mr. mrs mrs. ms ms. mx prof prof. professor sir dame lord lady mayor councillor councilor cllr
    minister senator sen sen. governor gov gov. president premier chancellor judge justice lieutenant lt lt.
    captain capt capt. colonel col col. general gen gen. major sergeant sgt sgt. commander admiral inspector
    detective constable officer chief superintendent skipper coach father rev rev. reverend sister rabbi
    imam bishop economist deputy spokesman spokeswoman spokesperson director chairman chairwoman ceo mp mep
    rep rep. representative ambassador secretary commissioner prosecutor attorney dean principal headteacher
    stroke cox"""
)
_TWO_WORD_TITLES = frozenset({("harbour", "master"), ("harbor", "master"), ("prime", "minister"), ("chief", "executive"), ("lead", "author")})
# lowercase words before a name that say it is a person: "skipper Halvor Breck"
_ROLES = _TITLES | _words(
    """author authors librarian engineer ecologist biologist scientist researcher analyst editor reporter
    correspondent founder owner manager chair head lead senior executive official officials spokesmen agent
    activist campaigner resident farmer fisherman teacher doctor nurse lawyer historian leader member pilot
    driver student expert consultant adviser advisor aide worker volunteer organiser organizer
    master harbour harbor chief deputy assistant associate former"""
)
# lowercase words before a name that say it is a publication: "news site Haber7"
_OUTLET_WORDS = _words(
    """site website newspaper paper broadcaster newsletter blog channel station magazine outlet tabloid daily
    weekly agency portal publication journal show podcast programme program network wire"""
)
_CONNECTORS = _words("of for the de del della di da das do dos la le les van von der den du al el y on upon & und")
_LEAD_STRIP = _words(
    """as yesterday today tonight meanwhile however but and now earlier later separately also still then last
    on in at by this that monday tuesday wednesday thursday friday saturday sunday so while when after
    before since although though if because instead indeed even only finally first"""
)
_MONTHS_DAYS = _words(
    """january february march april may june july august september october november december jan feb mar apr
    jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday"""
)
_SKIP_BEFORE_VERB = _words(
    """has have had also later previously earlier then first recently already once again publicly separately
    privately originally itself himself herself themselves officially quickly repeatedly reportedly now
    initially yesterday today tonight since last week month year night morning afternoon evening this on
    monday tuesday wednesday thursday friday saturday sunday further subsequently itself late still even never
    only just clearly explicitly simply both all either openly"""
)
_PASSIVE = _words("is was were are be been being having 's to")
_FINITE = _words("is was were are had has have would will could can should showed shows did does might must may")
_DETERMINERS = _words("the a an its their his her two three four several some senior local top")

# ------------------------------------------------------------------ normalising


def _domain_label(value: str) -> str:
    """'https://www.kestrelherald.example/x' -> 'kestrelherald'."""
    host = re.sub(r"^[a-z]+://", "", value.strip().lower()).split("/")[0].split(":")[0]
    labels = [p for p in host.split(".") if p and p != "www"]
    if len(labels) >= 2:
        labels = labels[:-1]
        if len(labels) >= 2 and labels[-1] in ("co", "com", "org", "net", "gov", "ac", "or", "ne"):
            labels = labels[:-1]
    return labels[-1] if labels else host


_DOMAIN_RE = re.compile(r"^(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}(?:/\S*)?$", re.I)


def _is_domain(value: str) -> bool:
    return " " not in value.strip() and bool(_DOMAIN_RE.match(value.strip())) and any(c.isalpha() for c in value.split(".")[0])


@functools.lru_cache(maxsize=4096)
def outlet_key(name: str | None) -> str:
    """The normalised key of an outlet name: case-folded, a leading "the", possessive
    's and punctuation dropped, spaces collapsed; a domain gives its name label.

    >>> outlet_key("The Harbor Lantern's"), outlet_key("https://www.kestrelherald.example/a")
    ('harbor lantern', 'kestrelherald')
    """
    if not name:
        return ""
    value = name.strip()
    if _is_domain(value):
        return _domain_label(value)
    value = value.casefold().replace("’", "'")
    value = re.sub(r"'s\b", "", value)
    value = re.sub(r"[^\w\s]|_", " ", value)
    value = " ".join(value.split())
    if value.startswith("the "):
        value = value[4:]
    return value


# ------------------------------------------------------------------ tokens


_TOKEN = re.compile(r"[^\W_](?:[\w'’&./-]*[^\W_])?['’]?|[^\w\s]")


class _Tokens:
    """Word and punctuation tokens of one sentence, with their offsets (made on first use)."""

    starts: list[int]
    ends: list[int]
    words: list[str]
    lower: list[str]

    def __init__(self, text: str) -> None:
        self.text = text

    def __getattr__(self, name: str):
        if name in ("starts", "words", "lower"):
            self._tokenize()
        elif name == "ends":
            self.ends = [a + len(w) for a, w in zip(self.starts, self.words)]
        else:
            raise AttributeError(name)
        return self.__dict__[name]

    def _tokenize(self) -> None:
        text = self.text
        words = _TOKEN.findall(text)
        starts = []
        pos = 0
        find = text.find
        for w in words:
            pos = find(w, pos)
            starts.append(pos)
            pos += len(w)
        self.words, self.starts, self.lower = words, starts, [w.lower() for w in words]

    def __len__(self) -> int:
        return len(self.words)

    def index_at(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return bisect.bisect_left(self.starts, offset)

    def is_word(self, i: int) -> bool:
        return 0 <= i < len(self.words) and self.words[i][0].isalnum()

    def is_cap(self, i: int) -> bool:
        if not 0 <= i < len(self.words):
            return False
        w = self.words[i]
        c = w[0]
        if c.isupper():
            return True
        if not c.isalnum():
            return False
        return (c.isdigit() and any(ch.isalpha() for ch in w)) or ("." in w and _is_domain(w))

    def is_lower(self, i: int) -> bool:
        return self.is_word(i) and self.words[i][0].islower()


def _possessive(word: str) -> bool:
    return word.endswith(("'s", "’s"))


def _bare(word: str) -> str:
    return word[:-2] if _possessive(word) else word.rstrip("'’")


@dataclass
class _NP:
    """A source noun phrase: tokens [first, last] of a sentence, with hints."""

    first: int
    last: int
    text: str
    hint: str | None = None  # "person", "outlet", "organisation"


def _make_np(tok: _Tokens, first: int, last: int, hint: str | None = None) -> _NP | None:
    if first > last:
        return None
    words = tok.lower[first : last + 1]
    # titles: "Mayor Ilse Varga" -> person "Ilse Varga"
    strip = 0
    while strip < len(words) - 1:
        if (words[strip], words[strip + 1]) in _TWO_WORD_TITLES and strip < len(words) - 2:
            strip += 2
        elif words[strip] in _TITLES and tok.is_cap(first + strip):
            strip += 1
        else:
            break
    if strip and all(tok.is_cap(i) for i in range(first + strip, last + 1)):
        hint = "person"
        first += strip
    if first > last:
        return None
    start, end = tok.starts[first], tok.ends[last]
    text = tok.text[start:end]
    if _possessive(tok.words[last]):
        text = text[:-2]
    text = text.rstrip("'’")
    if text.lower() in _MONTHS_DAYS or all(w in _MONTHS_DAYS or w.isdigit() for w in tok.lower[first : last + 1]):
        return None
    return _NP(first, last, text, hint)


def _cap_run_forward(tok: _Tokens, i: int) -> int:
    """Last index of the proper-name run that starts at ``i`` (or ``i - 1`` if none)."""
    n = len(tok)
    j = i
    last = i - 1
    while j < n:
        if tok.is_cap(j):
            last = j
            if _possessive(tok.words[j]):
                break
            # absorb the point of an initial or abbreviation: "A. Li", "Dr. Varga"
            if j + 1 < n and tok.words[j + 1] == "." and (len(tok.words[j]) == 1 or tok.lower[j] in ABBREVIATIONS) and tok.is_cap(j + 2):
                j += 2
                continue
            j += 1
        elif tok.lower[j] in _CONNECTORS and last >= i and (tok.is_cap(j + 1) or (tok.lower[j + 1 : j + 2] == ["the"] and tok.is_cap(j + 2))):
            j += 1
        else:
            break
    return last


def _np_forward(tok: _Tokens, i: int, depth: int = 0) -> _NP | None:
    """The source named at token ``i``: "the Kestrel Herald", "police", "Dr Ines Koval",
    "two ministry officials", "a spokesman for the Port Authority", "kestrel.example"."""
    n = len(tok)
    if i >= n or depth > 2:
        return None
    low = tok.lower
    if low[i] in ("our", "my", "your", "we", "us"):
        return None
    det = i
    if low[i] in ("the", "a", "an"):
        i += 1
    if i >= n or not tok.is_word(i):
        return None
    if _is_domain(tok.words[i]):
        return _make_np(tok, i, i, "outlet")
    # an unnamed organisation: "police", "the transport ministry", "two ministry officials"
    j = i
    while j < n and low[j] in _DETERMINERS and j - i < 2:
        j += 1
    k = j
    while k < n and k - j < 4 and tok.is_word(k) and low[k] not in _PRONOUNS and low[k] not in _STOP:
        head = _bare(low[k])
        if tok.is_lower(k) and head in _ORG_HEADS:
            # the longest run of heads: "ministry officials", "police union"
            while k + 1 < n and tok.is_lower(k + 1) and _bare(low[k + 1]) in _ORG_HEADS and not _possessive(tok.words[k]):
                k += 1
            if k + 1 < n and tok.is_lower(k + 1) and not _possessive(tok.words[k]) and low[k + 1] not in _STOP and low[k + 1] not in _ORG_TAILS:
                return None  # "court documents", "council website": a thing, not the body
            first = det if low[det] == "the" else i
            return _make_np(tok, first, k, "organisation")
        if _possessive(tok.words[k]) or not (tok.is_lower(k) or tok.is_cap(k)):
            break
        k += 1
    # a spokesman for X, officials at X
    k = i
    roles = 0
    while k < n and tok.is_lower(k) and low[k] in _ROLES and roles < 4:
        k += 1
        roles += 1
    if roles and k < n and low[k] in ("for", "at", "of", "from") and depth < 2:
        inner = _np_forward(tok, k + 1, depth + 1)
        if inner is not None:
            return inner
        return None
    # a proper name, perhaps after role words: "councillor Maren Tolle"
    start = k if roles else i
    last = _cap_run_forward(tok, start)
    if last < start:
        return None
    hint = "person" if roles else None
    # a person "of" an organisation: "Dr Selma Varga of the Department" -> the person
    text_words = low[start : last + 1]
    if "of" in text_words:
        cut = start + text_words.index("of")
        before = _make_np(tok, start, cut - 1)
        if before is not None and (hint == "person" or before.hint == "person"):
            before.hint = "person"
            return before
    first = det if (low[det] == "the" and det < start) else start
    np = _make_np(tok, first, last, hint)
    if np is not None and np.hint is None:
        np.hint = _descriptor(tok, first)
    return np


_STOP = _words(
    """that which who whom whose and or but nor in on at to from with by as about after before than then
    when where while if because is was were are be been has have had said says say told reported reports
    wrote writes claimed announced added noted confirmed warned explained would will could can should may
    might must did does do not no its it they he she his her their them this these those there here"""
)


_ORG_WORDS_BEFORE = _words(
    """company firm operator charity group association club union authority carrier airline bank insurer retailer
    supermarket chain manufacturer developer producer shipowner shipyard cooperative party nonprofit ngo regulator
    body organisation organization institute university council ministry department utility lender brewery"""
)


def _descriptor(tok: _Tokens, first: int) -> str | None:
    """What the word before a name says it is: "news site Haber7", "skipper Halvor Breck",
    "ferry company Brask Lines"."""
    if first > 0 and tok.is_lower(first - 1):
        before = tok.lower[first - 1]
        if before in _OUTLET_WORDS:
            return "outlet"
        if before in _ROLES:
            return "person"
        if before in _ORG_WORDS_BEFORE:
            return "organisation"
    return None


def _np_backward(tok: _Tokens, end: int) -> _NP | str | None:
    """The subject ending just before token ``end``: an :class:`_NP`, ``"pronoun"``,
    ``"inverted"`` (the speaker comes after the verb), ``"passive"`` or ``None``."""
    low = tok.lower
    e = end - 1
    skipped_first = False
    # adverbs and times between subject and verb: "X has also said", "X on Monday said"
    while e >= 0 and tok.is_word(e) and low[e] in _SKIP_BEFORE_VERB and not tok.is_cap(e) or (e >= 0 and low[e] in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday") and e > 0 and low[e - 1] == "on"):
        if low[e] == "first":
            skipped_first = True
        e -= 1
    if e < 0:
        return None
    if low[e] in _PASSIVE:
        return "passive"
    word = tok.words[e]
    if word in ('"', "”", "’", "'", "»"):
        return "inverted"
    if word == ",":
        if e >= 1 and tok.words[e - 1] in ('"', "”", "’", "'", "»"):
            return "inverted"
        # apposition: "Maren Tolle, who chairs the committee, said" / "The lead author, Dr Varga, said"
        c = e - 1
        while c >= 0 and tok.words[c] not in (",", '"', "“", "”", "(", ")", ";", ":") and e - c < 18:
            c -= 1
        if c < 0 or tok.words[c] != ",":
            return None
        segment = _np_backward(tok, e)
        if isinstance(segment, _NP) and tok.is_cap(segment.first) and all(tok.lower[x] in _TITLES or (x + 1 < len(tok) and (tok.lower[x], tok.lower[x + 1]) in _TWO_WORD_TITLES) or (x > 0 and (tok.lower[x - 1], tok.lower[x]) in _TWO_WORD_TITLES) for x in range(c + 1, segment.first)):
            before = _np_backward(tok, c)
            if not isinstance(before, _NP) or tok.is_lower(before.last):
                return segment
        return _np_backward(tok, c)
    if not tok.is_word(e):
        return None
    if tok.is_lower(e):
        head = _bare(low[e])
        if low[e] in ("that", "which", "who") and e > 0:
            # "It was the Herald that first reported", "the Herald, which reported"
            a = e - 1 if tok.words[e - 1] != "," else e - 2
            antecedent = _np_backward(tok, a + 1) if a >= 0 and tok.is_word(a) else None
            if isinstance(antecedent, _NP):
                if skipped_first:
                    antecedent.hint = antecedent.hint or "first"
                return antecedent
            return "pronoun"
        if low[e] in _PRONOUNS:
            return "pronoun"
        if head in _ORG_TAILS and e > 0 and tok.is_word(e - 1) and _bare(low[e - 1]) in (_ORG_HEADS | _ORG):
            return _np_backward(tok, e)  # "Police sources told" -> police
        if head not in _ORG_HEADS:
            if e >= 2 and low[e - 1] == "of" and tok.is_lower(e - 2) and _bare(low[e - 2]) in _ORG_HEADS:
                body = _np_backward(tok, e - 1)  # "the ministry of fisheries said"
                if isinstance(body, _NP):
                    return _make_np(tok, body.first, e, "organisation")
            return None
        f = e
        while f - 1 >= 0 and e - f < 4 and tok.is_word(f - 1) and low[f - 1] not in _STOP and low[f - 1] not in _PRONOUNS:
            if low[f - 1] in _DETERMINERS or low[f - 1] in _LEAD_STRIP and tok.is_cap(f - 1):
                break
            f -= 1
        if f - 1 >= 0 and low[f - 1] in ("the", "a", "an") and tok.is_word(f - 1):
            f -= 1
        return _make_np(tok, f, e, "organisation")
    if not tok.is_cap(e):
        return None
    # a proper name, read backwards
    f = e
    while f - 1 >= 0:
        if tok.is_cap(f - 1) and not _possessive(tok.words[f - 1]):
            f -= 1
        elif low[f - 1] in _CONNECTORS and low[f - 1] != "the" and f - 2 >= 0 and tok.is_cap(f - 2):
            f -= 1
        elif tok.words[f - 1] == "." and f - 2 >= 0 and (len(tok.words[f - 2]) == 1 or low[f - 2] in ABBREVIATIONS) and tok.is_cap(f - 2):
            f -= 1
        else:
            break
    # leading words that are not part of the name: "Yesterday Radio Sandmoor", "As the Courier"
    while f < e and low[f] in _LEAD_STRIP and (f == 0 or not tok.is_word(f - 1) or low[f - 1] in _LEAD_STRIP):
        f += 1
    if f - 1 >= 0 and low[f - 1] == "the":
        f -= 1
    if all(low[x] in _LEAD_STRIP or low[x] in _DETERMINERS for x in range(f, e + 1)):
        return None
    np = _make_np(tok, f, e)
    if np is None:
        return None
    p = f - 1
    while p >= 0 and p >= f - 2 and tok.is_lower(p) and low[p] not in _PREPOSITIONS and low[p] not in _STOP and low[p] not in _ROLES and low[p] not in _OUTLET_WORDS and low[p] not in _ORG_WORDS_BEFORE:
        p -= 1  # "in northern Dravia"
    if p >= 0 and low[p] in _PREPOSITIONS and (p == f - 1 or tok.is_lower(f - 1)):
        # the name is the object of a preposition: "Police in Keldby said", "a spokeswoman for X said"
        f = min(f, p + 1) if p == f - 1 else f
        before = _np_backward(tok, p)
        if isinstance(before, _NP) and tok.is_cap(before.first) and not (before.first == before.last and _bare(low[before.first]) in (_ORG_HEADS | _ORG_TAILS | _GENERIC)):
            return before
        if p == f - 1 and low[p] in ("at", "from", "for", "of", "with", "by") and classify_source(np.text, "", np.hint or _descriptor(tok, f)) in ("organisation", "outlet"):
            np.hint = np.hint or _descriptor(tok, f)
            return np
        return before if isinstance(before, _NP) else None
    if np.first == np.last and low[np.first] in _GENERIC | _PRONOUNS:
        return "pronoun" if low[np.first] in _PRONOUNS else None
    if np.hint is None:
        np.hint = _descriptor(tok, f)
    if skipped_first:
        np.hint = np.hint or "first"
    return np


# ------------------------------------------------------------------ classifying


@dataclass
class _Outlets:
    """Known outlet names: normalised key -> canonical name, also matched without spaces."""

    by_key: dict[str, str] = field(default_factory=dict)
    by_squeezed: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, known: Mapping[str, str] | None) -> _Outlets:
        outlets = cls()
        for name, canonical in (known or {}).items():
            for variant in (name, canonical):
                key = outlet_key(variant)
                if key:
                    outlets.by_key.setdefault(key, canonical)
                    outlets.by_squeezed.setdefault(key.replace(" ", ""), canonical)
        return outlets

    def find(self, name: str) -> str | None:
        key = outlet_key(name)
        if not key:
            return None
        return self.by_key.get(key) or self.by_squeezed.get(key.replace(" ", ""))


_NO_OUTLETS = _Outlets()


def _has_media_word(words: Sequence[str]) -> bool:
    return any(w in _MEDIA for w in words) or (len(words) > 1 and words[-1] in _MEDIA_HEAD)


def classify_source(name: str, cue: str = "", hint: str | None = None, known: _Outlets | Mapping[str, str] | None = None) -> str:
    """``outlet``, ``organisation`` or ``person`` for a source name met with ``cue``.

    >>> classify_source("the Fisheries Agency"), classify_source("Corvid News Agency"), classify_source("Ilse Varga")
    ('organisation', 'outlet', 'person')
    """
    outlets = known if isinstance(known, _Outlets) else _Outlets.build(known)
    if outlets.by_key and outlets.find(name):
        return "outlet"
    if _is_domain(name):
        return "outlet"
    if hint == "person":
        return "person"
    words = [w.strip("'’").removesuffix("'s").removesuffix("’s") for w in re.findall(r"[\w'’&-]+", name.casefold())]
    media = _has_media_word(words)
    org = [w for w in words if w in _ORG]
    if cue in PUBLICATION_CUES and cue != "contributed":
        return "outlet"
    if media:
        last_org = words[-1] in _ORG if words else False
        if not org:
            return "outlet"
        if words[-1] in ("centre", "center", "agency", "network", "service", "group", "trust", "corporation", "company", "association"):
            return "outlet"
        if not last_org:
            return "outlet"
        return "organisation"
    if org:
        if words[-1] in ("centre", "center") and any(w in ("research", "media", "studies", "news") for w in words):
            return "outlet"
        return "organisation"
    if hint == "outlet":
        return "outlet"
    if hint == "organisation" or name[:1].islower() or (words and words[0] == "the"):
        return "organisation"
    if re.fullmatch(r"[A-Z0-9&]{2,8}", name) or re.fullmatch(r"(?!Mc|Mac|De|Van|Von|La|Le|Di|Da|O')[A-Z][a-z]+[A-Z]\w*", name):
        return "outlet" if cue in ("source", "contributed") else "organisation"  # "VIB", "WikiLeaks"
    if cue in ("contributed", "source"):
        proper = [w for w in name.split() if w[:1].isupper()]
        return "person" if cue == "contributed" and 2 <= len(proper) <= 3 and len(proper) == len(name.split()) else "outlet"
    return "person"


def _outlet_like(name: str, hint: str | None, known: _Outlets) -> bool:
    """Whether a name, on its own words, is a publication (used where a cue alone is not enough)."""
    if _is_domain(name):
        return bool(known.find(name)) or bool(_MEDIA_IN_DOMAIN.search(_domain_label(name).replace("-", "")))
    return classify_source(name, "", hint if hint != "person" else "person", known) == "outlet"


# ------------------------------------------------------------------ rules


@dataclass
class _Found:
    cue: str
    np: _NP
    kind: str
    priority: int


_VERBS = (
    "said|says|say|told|tells|reported|reports|wrote|writes|claimed|claims|announced|announces|stated|states|"
    "added|noted|notes|confirmed|confirms|warned|warns|explained|insisted|argued|revealed|published"
)
# words without which a sentence holds no cue: a set test is much faster than a regex
_CUE_WORDS = frozenset(_VERBS.split("|")) | _words(
    """according credit credits source sources via h/t hat hat-tip first originally original cross-posted crossposted
    republished reprinted reposted syndicated citing quoting report reports contributed supplied provided
    distributed reporting"""
)
# the cue words as whitespace-split tokens may carry punctuation: "said,", "(via", "h/t)."
_CUE_TOKENS = frozenset(
    f"{before}{word}{after}"
    for word in _CUE_WORDS
    for before in ("", "(", "“", '"', "‘", "'", "[")
    for after in ("", ",", ".", ":", ";", ")", ").", "),", '"', "”", "’", "'", ',"', ",”", '."', ".”", "?", "!", ")”", "—", "–")
)
_VERB_WORDS = frozenset(_VERBS.split("|"))
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
_CONTRIBUTED = re.compile(r"\s+(?:staff\s+)?contributed\s+(?:to\s+(?:this|the)\s+(?:report|story|article)|reporting|additional\s+reporting)\b", re.I)
_SUPPLIED = re.compile(r"\b(?:this|the)\s+(?:story|article|report|piece|item)\s+(?:was|is|has\s+been)\s+(?:supplied|provided|contributed|distributed)\s+by\s+", re.I)
_REPORTING_BY = re.compile(r"\b(?:additional\s+)?reporting\s+by\s+", re.I)
_DATELINE = re.compile(r"^[A-ZÀ-Ý][A-ZÀ-Ý .'’-]*(?:,\s*[A-Z][a-z]+\.?\s+\d{1,2})?\s*\(|^\(")
_DATELINE_TAIL = re.compile(r"^\s*\)\s*[-–—]+\s")
_NOT_REPORTED = re.compile(r"^\s+(?:for\s+duty|for\s+work|sick|missing|back|late|to\s+work|nothing)\b", re.I)
_PREVIOUS_WORD = re.compile(r"(?:^|\s)([a-z]+)\s+$")
# lowercase words before a verb that may still end a subject ("the council said", "X also said",
# "the Herald, which reported"); any other lowercase word means there is none to find
_SUBJECT_ENDS = _SKIP_BEFORE_VERB | _ORG_HEADS | _ORG_TAILS | _words("that which who both")
_NOUN_BEFORE = _words("the a an these those such many some several its their his her our your no any")
_NOT_SAID = re.compile(r"^\s+(?:nothing|little|no\s+more)\b", re.I)


def _find_sentence(text: str, *, at_start: bool, known: _Outlets) -> list[_Found]:
    """Every attribution cue in one sentence."""
    lowered = text.lower()
    dateline = at_start and text[:1] in "(ABCDEFGHIJKLMNOPQRSTUVWXYZ" and "(" in text[:80]
    hits = _CUE_TOKENS.intersection(lowered.split())
    if not hits and not dateline:
        return []
    present = lowered  # the rules below test for their words by substring
    verbs = {h.strip(_TOKEN_PUNCT) for h in hits} & _VERB_WORDS
    tok = _Tokens(text)
    found: list[_Found] = []

    def add(cue: str, np: _NP | None, priority: int, *, kind_cue: str | None = None, need_outlet: bool = False) -> None:
        if np is None or not np.text.strip(" -–—"):
            return
        hint = np.hint if np.hint in ("person", "outlet", "organisation") else None
        if need_outlet:
            if not _outlet_like(np.text, hint, known):
                return
            kind = "outlet"
        else:
            kind = classify_source(np.text, cue if kind_cue is None else kind_cue, hint, known)
        found.append(_Found(cue, np, kind, priority))

    def forward_at(offset: int) -> _NP | None:
        return _np_forward(tok, tok.index_at(offset))

    def listed(offset: int, cue: str, priority: int, separators: str = ";,") -> None:
        """Several names after a cue: "Sources: X; Y", "Credit: X and Y"."""
        i = tok.index_at(offset)
        while i < len(tok):
            np = _np_forward(tok, i)
            if np is None:
                break
            add(cue, np, priority)
            j = np.last + 1
            # skip a description after a name: "Brannock University, annual survey 2024"
            while j < len(tok) and tok.words[j] not in separators and tok.words[j] not in ("/", "|") and tok.lower[j] not in ("and", "&"):
                j += 1
            if j >= len(tok):
                break
            nxt = j + 1
            if tok.words[j] == ",":
                # a comma lists another source only when a whole name follows
                follow = _np_forward(tok, nxt)
                if follow is None or not (follow.last + 1 >= len(tok) or tok.words[follow.last + 1] in ",;.)"):
                    k = nxt
                    while k < len(tok) and tok.words[k] not in ";":
                        k += 1
                    nxt = k + 1
            i = nxt

    # ---- publication cues
    if dateline and (m := _DATELINE.match(text)):
        close = text.find(")", m.end())
        if close > 0 and _DATELINE_TAIL.match(text[close:]) and close - m.end() < 80:
            np = forward_at(m.end())
            if np is not None and tok.ends[np.last] <= close:
                add("dateline", np, 9)
    if ("credit" in present or "credits" in present) and (m := _CREDIT.match(text)):
        listed(m.end(), "credit", 9)
    if ("source" in present or "sources" in present) and (m := _SOURCE.match(text)):
        listed(m.end(), "source", 9)
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
    if " in " in present and ("report" in present or "article" in present or "story" in present):
        for m in _REPORTED_IN.finditer(text):
            add("reported in", forward_at(m.end()), 8, need_outlet=True)
    if "contributed" in present:
        for m in _CONTRIBUTED.finditer(text):
            np = _np_backward(tok, tok.index_at(m.start() + 1))
            if isinstance(np, _NP):
                add("contributed", np, 9)
    if "supplied" in present or "provided" in present or "distributed" in present or "contributed" in present:
        for m in _SUPPLIED.finditer(text):
            add("contributed", forward_at(m.end()), 9)
    if "reporting" in present:
        for m in _REPORTING_BY.finditer(text):
            i = tok.index_at(m.end())
            while i < len(tok):
                np = _np_forward(tok, i)
                if np is None:
                    break
                if _outlet_like(np.text, np.hint, known):
                    add("contributed", np, 9)
                else:
                    np.hint = "person"
                    add("reporting by", np, 9)
                j = np.last + 1
                if j < len(tok) and (tok.lower[j] in ("and", "&") or tok.words[j] == ","):
                    i = j + 1
                else:
                    break
    if "citing" in present or "quoting" in present:
        for m in _CITING.finditer(text):
            add("citing", forward_at(m.end()), 8)
    if "according" in present:
        for m in _ACCORDING.finditer(text):
            rest = text[m.end() : m.end() + 16].lower()
            if rest.startswith(("a report in", "reports in", "an article in", "a story in")):
                continue
            add("according to", forward_at(m.end()), 7)
    # ---- verbs
    quoted = _quoted_ranges(text) if verbs else []
    for m_start, m_end in _occurrences(lowered, verbs):
        if quoted:
            k = bisect.bisect_left(quoted, (m_start, -1)) - 1
            if k >= 0 and quoted[k][0] < m_start < quoted[k][1]:
                continue  # the verb is inside a quotation
        verb = text[m_start:m_end]
        if not verb.islower():
            continue  # "Said" and "SAYS" are not the verbs these rules read
        after = text[m_end : m_end + 120]
        if verb in ("reported", "reports") and _NOT_REPORTED.match(after):
            continue
        if verb in ("said", "says", "say") and _NOT_SAID.match(after):
            continue
        if verb in ("claimed", "claims", "wrote", "writes", "explained", "revealed", "confirmed", "confirms", "noted", "notes", "added", "adds", "stated", "states") and not _clause_follows(after):
            continue
        if verb not in ("told", "tells"):
            # dead ends seen without tokenising: "she said", "the authors say", "it was reported"
            previous = _PREVIOUS_WORD.search(lowered, max(0, m_start - 24), m_start)
            if previous is not None and (text[previous.start(1)].islower() or previous.group(1) in _PRONOUNS):
                word = previous.group(1)
                if word in _PASSIVE:
                    if not after.startswith(" by "):
                        continue
                elif word not in _SUBJECT_ENDS and not re.search(r"\bof\s+$", lowered[max(0, previous.start(1) - 4) : previous.start(1)]):
                    continue
        vi = tok.index_at(m_start)
        if vi > 0 and tok.lower[vi - 1] in _NOUN_BEFORE and verb in ("claims", "reports", "says", "report", "reported", "published", "said"):
            continue  # "The claims were repeated", "the reports say", "the said document"
        subject = _np_backward(tok, vi)
        cue = verb
        if subject == "passive":
            by = re.match(r"\s+by\s+", after)
            if by and verb not in ("said", "says", "told", "tells"):
                np = _np_forward(tok, tok.index_at(m_end + by.end()))
                if np is not None:
                    add(verb, np, 5, need_outlet=verb == "published")
            continue
        if verb in ("reports", "reported") and after.lstrip().startswith(":"):
            cue = "reports:"
        if subject == "inverted":
            np = _np_forward(tok, vi + 1)
            if np is not None and verb != "published":
                add(cue, np, 5)
        elif isinstance(subject, _NP):
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
        if verb in ("told", "tells"):
            obj = _np_forward(tok, vi + 1)
            if obj is not None:
                add("told", obj, 7, need_outlet=True)
    return _resolve(found)


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


def _link_source(text: str, link: Link, own_domain: str | None, known: _Outlets) -> tuple[str, str] | None:
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
    maps normalised outlet names (see :func:`outlet_key`) to canonical names; a source
    found there is an outlet, and its ``outlet`` key is that of the canonical name.
    """

    name: str = "attributions"
    requires: tuple[str, ...] = ("text", "sentences")
    assigns: tuple[str, ...] = ("attributions",)
    known_outlets: Mapping[str, str] | None = None

    def __post_init__(self) -> None:
        self._known = _Outlets.build(self.known_outlets) if self.known_outlets else _NO_OUTLETS

    def __call__(self, article: Article) -> Article:
        article.attributions = self.find(article)
        article.stages.append(self.name)
        return article

    # -- the parts

    def _key(self, source: str, kind: str) -> str | None:
        if kind != "outlet":
            return None
        canonical = self._known.find(source) if self._known.by_key else None
        return outlet_key(canonical or source)

    def _own(self, article: Article) -> tuple[set[str], str | None]:
        own: set[str] = set()
        for name in (article.outlet, (article.meta.get("datelines") or [{}])[0].get("outlet") if article.meta.get("datelines") else None):
            if name:
                own.add(outlet_key(name))
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
        canonical = self._known.find(source) if self._known.by_key else None
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

        def emit(cue: str, source: str, kind: str, span: Span | None, evidence: str, where: str = "text", link: str | None = None) -> None:
            source = source.strip()
            if kind != "person" and self._known.by_key and self._known.find(source):
                kind = "outlet"
            key = self._key(source, kind)
            if self._is_own(key, source, own):
                return
            out.append(Attribution(cue=cue, source=source, kind=kind, span=span, outlet=key, link=link, evidence=evidence, where=where))

        # links, grouped by the sentence they sit in
        starts = [s.start for s in sentences]
        links_in: dict[int, list[Link]] = {}
        for ln in article.links:
            at = bisect.bisect_right(starts, ln.span.start) - 1
            if at >= 0 and ln.span.start < sentences[at].end:
                links_in.setdefault(at, []).append(ln)

        for index, span in enumerate(sentences):
            sentence = text[span.start : span.end]
            for f in _find_sentence(sentence, at_start=(index == 0), known=self._known):
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
        if not origins and article.meta.get("original_source"):
            name = str(article.meta["original_source"])
            emit("original source", name, "outlet", None, f"The original source of this article is {name}", "removed")
        removed_datelines = [r for r in article.removed if r.kind == "dateline"]
        for index, entry in enumerate(article.meta.get("datelines") or []):
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
    known_outlets: Mapping[str, str] | None = None,
    outlet: str | None = None,
    domain: str | None = None,
) -> list[Attribution]:
    """The attributions in a raw text (sentences split here), for quick use and tests.

    ``links`` are :class:`~newstrail.article.Link` records whose spans point into
    ``text``; ``outlet`` and ``domain`` name the text's own outlet, which is never an
    attribution.
    """
    article = Article(text=text, links=list(links), outlet=outlet, domain=domain)
    article.sentences = split_sentences(text)
    return AttributionStage(known_outlets=known_outlets).find(article)
