"""Source names: finding them in a sentence and telling what they name.

The name machinery the attribution and quote stages share:

- word lists: the words that make a name an outlet ("News", "Herald", "Wire"...), an
  organisation ("Ministry", "Council", "Police"...) or a person (titles and roles),
  and the small words that bound a name (pronouns, prepositions, determiners...);
- :func:`outlet_key`, the normalised key of an outlet name or domain (its home is
  :mod:`newstrail.outlets.keys`);
- ``_Tokens``, the word and punctuation tokens of one sentence with their offsets;
- ``_NP`` noun phrases, read forwards from a cue (``_np_forward``: "according to
  *the Kestrel Herald*") or backwards from a verb (``_np_backward``: "*Mayor Ilse
  Varga* said"), with a hint of what they name;
- :func:`classify_source`, which says whether a name is an ``outlet``, an
  ``organisation`` or a ``person``, given the corpus's known outlets (an
  :class:`~newstrail.outlets.resolver.OutletResolver`).

>>> outlet_key("The Harbor Lantern's"), classify_source("Corvid News Agency")
('harbor lantern', 'outlet')
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from newstrail.analyze.sentences import ABBREVIATIONS
from newstrail.outlets.keys import domain_label as _domain_label
from newstrail.outlets.keys import is_domain as _is_domain
from newstrail.outlets.keys import outlet_key
from newstrail.outlets.resolver import OutletResolver

__all__ = ["PUBLICATION_CUES", "classify_source", "outlet_key"]

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
    weekly agency portal publication journal show podcast programme program network wire aggregator"""
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
            if tok.lower[j] in ("on", "in") and tok.lower[j + 1 : j + 2] and tok.lower[j + 1] in _MONTHS_DAYS:
                break  # "the Gazette on Wednesday": a name ends before its date
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
    # "the maritime newsletter Bridgewatch Weekly", "the anonymous blog Fogbound Log": the
    # words before a masthead say what it is
    d = i
    while d < n and d - i < 3 and tok.is_lower(d) and low[d] not in _OUTLET_WORDS and low[d] not in _STOP:
        d += 1
    if d + 1 < n and tok.is_lower(d) and low[d] in _OUTLET_WORDS and tok.is_cap(d + 1):
        last = _cap_run_forward(tok, d + 1)
        if last > d:
            return _make_np(tok, d + 1, last, "outlet")
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


def _has_media_word(words: Sequence[str]) -> bool:
    return any(w in _MEDIA or w in FOREIGN_MEDIA for w in words) or (len(words) > 1 and words[-1] in _MEDIA_HEAD)


def known_outlets(known: OutletResolver | Mapping[str, str] | None) -> OutletResolver:
    """The resolver of known outlets: given, or built from a mapping of spellings to
    outlet names (normalised name -> canonical name).

    >>> known_outlets({"tidebrief": "Tidebrief"}).find("Tide Brief")
    'Tidebrief'
    """
    if isinstance(known, OutletResolver):
        return known
    return OutletResolver(names=known or {})


def classify_source(name: str, cue: str = "", hint: str | None = None, known: OutletResolver | Mapping[str, str] | None = None) -> str:
    """``outlet``, ``organisation`` or ``person`` for a source name met with ``cue``.

    >>> classify_source("the Fisheries Agency"), classify_source("Corvid News Agency"), classify_source("Ilse Varga")
    ('organisation', 'outlet', 'person')
    """
    if known is not None and known_outlets(known).find(name):
        return "outlet"
    if _is_domain(name):
        return "outlet"
    if hint == "person":
        return "person"
    words = [w.strip("'’").removesuffix("'s").removesuffix("’s") for w in re.findall(r"[\w'’&-]+", name.casefold())]
    media = _has_media_word(words)
    org = [w for w in words if w in _ORG or w in FOREIGN_ORG]
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


def _outlet_like(name: str, hint: str | None, known: OutletResolver) -> bool:
    """Whether a name, on its own words, is a publication (used where a cue alone is not enough)."""
    if _is_domain(name):
        return bool(known.find(name)) or bool(_MEDIA_IN_DOMAIN.search(_domain_label(name).replace("-", "")))
    return classify_source(name, "", hint if hint != "person" else "person", known) == "outlet"


# ------------------------------------------------------------------ other languages

#: words before a name, in es, pt, it, fr, de, ru, ar, tr, id and uz, that say it is a publication
#: ("la agencia X", "das Portal X", "агентства X", "وكالة X", "kantor berita X"); Russian
#: and Uzbek words by their stems, as they inflect
FOREIGN_OUTLET_WORDS = _words(
    """agencia diario periódico periodico cadena portal sitio web medio canal emisora revista semanario
    agência agencia jornal site revista emissora canal portal
    agenzia quotidiano giornale testata sito emittente rivista settimanale canale portale aggregatore
    agence journal quotidien site chaîne chaine hebdomadaire magazine média media radio télévision agrégateur
    agentur nachrichtenagentur zeitung tageszeitung portal nachrichtenportal onlineportal sender fernsehsender
    magazin nachrichtenmagazin blatt wochenzeitung newsportal
    وكالة قناة صحيفة جريدة موقع شبكة إذاعة اذاعة مجلة
    ajans ajansı gazete gazetesi sitesi portalı kanalı
    kantor berita situs harian laman portal media koran majalah stasiun televisi surat kabar
    агентлиги нашри сайти газетаси телеканали"""
)
#: stems of Russian and Uzbek publication words in any case ("агентства", "издании", "телеканалу")
FOREIGN_OUTLET_STEMS = ("агентств", "информагентств", "издани", "газет", "телеканал", "портал", "сайт", "радиостанци", "журнал", "агентлиг", "нашр")
#: small words before a name in other languages: articles and their contractions
FOREIGN_DETERMINERS = _words(
    """el la los las lo del al o a os as do da dos das no na il l' gli i dello della dei degli le les du des
    un una um uma der die das dem den des eines einer ein the"""
)
#: publication words that German writes capitalised before a name ("die Zeitung Nordblatt")
FOREIGN_NOUNS_BEFORE = _words("zeitung tageszeitung agentur nachrichtenagentur sender fernsehsender nachrichtenportal onlineportal magazin nachrichtenmagazin wochenzeitung newsportal portal")
#: words that open a clause before a name and are no part of it ("Wie der Bote berichtete")
FOREIGN_LEAD = _words("wie como comme come as según segundo secondo selon laut также как")
#: words that make a name a publication in other languages ("Correio do Vale", "Вестник Залива")
FOREIGN_MEDIA = _words(
    """noticias notícias noticiero diario diário jornal correio folha gazeta gaceta heraldo crónica notizie giornale
    gazzetta corriere cronaca quotidien courrier dépêche nouvelles zeitung kurier bote blatt nachrichten rundschau
    anzeiger tagblatt presse вестник новости газета известия haber haberleri postası gazetesi ajansı kabar warta
    berita harian хабарлари ахборот"""
)
#: words that make a name an organisation in other languages ("Servicio de Fronteras", "Пограничная служба")
FOREIGN_ORG = _words(
    """servicio serviço servizio ministerio ministério ministero ministère ministerium behörde polizei policía polícia
    polizia guardia guarda gendarmerie ejército exército esercito armée armee marinha marina armada regierung gobierno
    governo gouvernement ayuntamiento prefeitura comune mairie universidad universidade università université universität
    instituto istituto institut pressestelle grenzschutz grenzschutzes bundesamt amt ministeriums polizeit
    институт министерство министерства служба службы полиция правительство ведомство университет пресс-служба
    kementerian dinas kepolisian pemerintah universitas badan lembaga bakanlığı bakanlık emniyet valiliği üniversitesi
    hükümet enstitüsü وزارة هيئة لهيئة الشرطة الحكومة جامعة معهد مصلحة وزير بيان"""
)
#: small words inside a name ("Voz de la Costa", "Radio Voce del Porto", "Stimme von Dravia")
FOREIGN_CONNECTORS = _words("de del de la di da do dos das della dello des du von der al el y e et und и i ve dan")
#: Arabic words that end a name (the conjunction "that", prepositions, relatives)
ARABIC_STOP = _words("أن ان إن بأن فإن وأن وإن أنه إنه قد كان حيث في من عن على الى إلى التي الذي الذين مع حول بعد قبل خلال و أو امس أمس اليوم يوم لكن كما")
