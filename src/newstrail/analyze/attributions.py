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
    ARABIC_STOP,
    FOREIGN_CONNECTORS,
    FOREIGN_DETERMINERS,
    FOREIGN_LEAD,
    FOREIGN_NOUNS_BEFORE,
    FOREIGN_OUTLET_STEMS,
    FOREIGN_OUTLET_WORDS,
    _FINITE,
    _LEAD_STRIP,  # noqa: F401 - not used here: quotes.py imports it, with the others, from this module
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


# ------------------------------------------------------------------ other languages

_AR_MARKS = "[\u064b-\u0652\u0640]*"
# cues whose name follows: (pattern, cue)
_FOREIGN_AFTER: list[tuple[str, str]] = [
    # es, pt, it, fr, de: "según X", "segundo X", "secondo X", "selon X", "laut X"
    (r"según(?:\s+(?:informó|informa|publicó|reportó|reporta|recoge|indicó|señaló|afirma|informaron))?", "according to"),
    (r"de\s+acuerdo\s+con|conforme\s+a", "according to"),
    (r"segundo(?:\s+(?:informou|noticiou|publicou|relatou|o\s+relato\s+de|a\s+reportagem\s+de|informações\s+d[aoe]))?|de\s+acordo\s+com|conforme", "according to"),
    (r"secondo|stando\s+a|come\s+(?:riferito|riportato|scritto|reso\s+noto)\s+da|riportato\s+da", "according to"),
    (r"selon|d['’]après|comme\s+l['’]a\s+rapporté|rapporté\s+par|cité\s+par|citée\s+par", "according to"),
    (r"laut|gemäß|nach\s+(?:Angaben|Informationen|Berichten)\s+(?:von|des|der)", "according to"),
    (r"citad[oa]s?\s+por|citad[oa]\s+pel[oa]|citando|citant|unter\s+Berufung\s+auf", "citing"),
    # "pubblicata lunedì dal quotidiano X", "publicado por X", "publié par X", "veröffentlicht von X"
    (r"(?:pubblicat[oaie]|publicad[oa]s?|publicad[oa]|publié(?:e|s|es)?|veröffentlicht)(?:\s+\w+)?\s+(?:da|dal|dalla|dallo|dai|por|pelo|pela|par|von|vom|in\s+der)", "appeared on"),
    # ru
    (r"по\s+(?:данным|информации|сообщению|сведениям|словам)|согласно(?:\s+данным)?|как\s+(?:сообщил[аои]?|сообщает|пишет|передает|передаёт)", "according to"),
    (r"со\s+ссылкой\s+на", "citing"),
    # ar: "وفقا لـ X", "وفقًا لX", "حسب X", "بحسب X", "نقلا عن X", "ذكرت X", "أفادت X"
    (rf"(?:وفق|طبق){_AR_MARKS}ا?{_AR_MARKS}\s+ل{_AR_MARKS}\s*", "according to"),
    (r"بحسب|حسب", "according to"),
    (rf"نقل{_AR_MARKS}ا?{_AR_MARKS}\s+عن", "citing"),
    (r"ذكرت|أفادت|افادت|أوردت|اوردت|نشرت", "reported"),
    # id: "menurut X", "dilansir (dari) X", "dikutip dari X"
    (r"menurut(?:\s+laporan)?|berdasarkan\s+laporan|seperti\s+(?:dilaporkan|diberitakan)\s+(?:oleh\s+)?", "according to"),
    (r"(?:seperti\s+)?dilansir(?:\s+dari)?|dikutip\s+dari|mengutip", "citing"),
]
# cues whose name comes before: "X zufolge", "X'e göre", "X'in haberine göre", "X хабар беришича"
_FOREIGN_BEFORE: list[tuple[str, str]] = [
    (r"zufolge", "according to"),
    (r"(?:haberine|haberlerine|açıklamasına|verilerine|bilgilerine|bildirdiğine|yazdığına|aktardığına|göre\s+haberine)?\s*göre", "according to"),
    (r"хабар\s+беришича|маълумот(?:лар)?ига\s+кўра|xabar\s+berishicha|ma['’]lumot(?:lar)?iga\s+ko['’]ra", "according to"),
]
# verbs with the name before ("Der Nordblatt berichtet") or after ("сообщает РИА Новости")
_FOREIGN_VERBS = (
    r"informó|informa|informaron|reportó|reporta|publicó|informou|noticiou|relatou|publicou|riporta|ha\s+riportato|riferisce|ha\s+riferito|"
    r"rapporte|a\s+rapporté|rapportait|berichtet|berichtete|berichteten|meldet|meldete|сообщает|сообщил|сообщила|сообщило|сообщили|"
    r"передает|передаёт|пишет|написал[аои]?|опубликовал[аои]?|melaporkan|memberitakan|menulis|"
    # wrote, published, took up: "Il portale X ha ripreso l'intervista", "Le site X a publié"
    r"(?:ha|hanno)\s+(?:poi\s+|anche\s+|già\s+)?(?:scritto|pubblicato|ripreso|rilanciato)|scrive|"
    r"(?:a|ont)\s+(?:ensuite\s+|aussi\s+|déjà\s+)?(?:écrit|publié|repris|relayé|évoqué)|écrit|"
    r"schrieb|schreibt|veröffentlichte|übernahm|escribió|escribe|escreveu|escreve"
)
# Turkish and Uzbek put the verb last: the name opens the sentence ("Haber Ajansı, ... bildirdi.")
_FOREIGN_VERB_LAST = r"bildirdi|aktardı|duyurdu|хабар\s+берди|маълум\s+қилди|xabar\s+berdi"
_FOREIGN_SOURCE_LINE = re.compile(
    r"^\W{0,2}(?:fuentes?|fontes?|fonte|quellen?|источники?|kaynak|sumber|المصدر|manba|манба|источник)\s*:\s*", re.I
)
_FOREIGN_CREDIT_LINE = re.compile(r"^\W{0,2}(?:cr[ée]ditos?|crédit|crediti|credito|kredit)\s*(?:[–—-]+|:)\s*", re.I)
_B, _E = r"(?<![\w\u0600-\u06ff])", r"(?![\w\u0600-\u06ff])"
#: a cheap first test: a sentence in Latin letters holds one of these words (as a
#: whitespace-split token, perhaps with punctuation) or holds no cue of another language
_FOREIGN_WORDS = _words(
    """según segundo secondo selon laut zufolge acuerdo acordo conforme stando gemäß angaben informationen berichten
    informó informa informaron reportó reporta publicó informou noticiou relatou publicou riporta riportato riferisce
    riferito rapporte rapporté rapportait berichtet berichtete berichteten meldet meldete melaporkan memberitakan menulis
    menurut berdasarkan dilansir dikutip mengutip diberitakan dilaporkan citado citada citados citadas citando citant
    berufung pubblicato pubblicata pubblicati pubblicate publicado publicada publicados publicadas publié publiée publiés
    publiées veröffentlicht scritto ripreso rilanciato scrive écrit repris relayé schrieb schreibt veröffentlichte
    übernahm escribió escribe escreveu escreve göre bildirdi aktardı duyurdu xabar berishicha ma'lumotiga
    ma'lumotlariga fuente fuentes fonte fontes quelle quellen kaynak sumber manba crédito créditos crédit crediti
    credito kredit d'après d’après"""
)
_FOREIGN_TOKENS = frozenset(
    f"{before}{word}{after}" for word in _FOREIGN_WORDS for before in ("", "(", "«", "“", '"') for after in ("", ",", ".", ":", ";", ")", "»")
)
_OTHER_SCRIPT = re.compile("[\u0400-\u04ff\u0600-\u06ff]")
_FOREIGN = re.compile(
    "|".join(
        [f"{_B}(?P<a{i}>{p}){_E if not p.endswith('*') else ''}" for i, (p, _) in enumerate(_FOREIGN_AFTER)]
        + [f"{_B}(?P<b{i}>{p}){_E}" for i, (p, _) in enumerate(_FOREIGN_BEFORE)]
        + [f"{_B}(?P<v>{_FOREIGN_VERBS}){_E}", f"{_B}(?P<l>{_FOREIGN_VERB_LAST}){_E}"]
    ),
    re.I,
)
_NAME_WORD = re.compile(r"[\w\u064b-\u0652\u0640.&'’-]*[\w]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_OUTLET_WORD_BEFORE = re.compile(
    # "l'agrégateur anglophone X", "l'aggregatore in lingua inglese X": up to three words between
    r"(?:^|[\s'’])(?:" + "|".join(sorted(re.escape(w) for w in FOREIGN_OUTLET_WORDS if not re.search(r"[\u0600-\u06ff]", w))) + r")(?:\s+[\w-]+){0,3}\s+$", re.I
)
_TURKISH_AFTER = re.compile(r"\s+(?:haber\s+)?(?:gazetesi|ajansı|sitesi|portalı|kanalı|televizyonu|dergisi)(?:n?[ei]n?|n?[ıi]n|n?[ae]|n?d[ae])?\s*$")
_SUFFIX = re.compile(r"(?:['’](?:[a-zçğıöşü]{1,5})|нинг|ning)$")


# an aside between commas just before a verb, opened by a participle: ", citando il
# portale tedesco,", ", citant le portail allemand,", ", unter Berufung auf ...,"
_ASIDE_BEFORE = re.compile(
    r",\s*(?:citando|citant|citing|quoting|unter\s+Berufung|ссылаясь|mengutip|alıntılayarak|atribuindo|riprendendo|reprenant)"
    r"[^,]{0,60},\s*(?:(?:poi|ensuite|dann|then|luego|depois|затем)\s+)?$",
    re.I,
)


def _foreign_word(text: str, at: int) -> tuple[int, int] | None:
    m = _NAME_WORD.match(text, at)
    return (m.start(), m.end()) if m else None


def _skip_space(text: str, at: int, chars: str = " \t\u00a0«\"“„‘'") -> int:
    while at < len(text) and text[at] in chars:
        at += 1
    return at


def _foreign_forward(text: str, at: int) -> tuple[int, int, str | None] | None:
    """(start, end, hint) of the name that starts at ``at`` in a text of any script:
    articles and publication words skipped ("la agencia Meridia", "агентства «Бриз»", "وكالة
    سبوتنيك"), then capitalised words (or, in Arabic, up to three words before a stop word)."""
    hint = None
    at = _skip_space(text, at)
    for _ in range(4):
        w = _foreign_word(text, at)
        if w is None:
            return None
        word = text[w[0] : w[1]].lower()
        bare = word[1:] if word.startswith("ل") and len(word) > 3 else word  # "لوكالة": "for the agency"
        capital = text[w[0]].isupper()
        if (word in FOREIGN_DETERMINERS and not capital) or word in ("l'", "l’"):
            at = _skip_space(text, w[1])
        elif capital and word in FOREIGN_OUTLET_WORDS and word not in FOREIGN_NOUNS_BEFORE:
            hint = "outlet"  # "Radio Clairmont", "Diario Costa": the word is part of the name
            break
        elif word in FOREIGN_OUTLET_WORDS or bare in FOREIGN_OUTLET_WORDS or word.startswith(FOREIGN_OUTLET_STEMS) or (word == "kantor" and text[w[1] : w[1] + 7].lower() == " berita"):
            hint = "outlet"
            at = _skip_space(text, w[1] + (7 if word == "kantor" else 0))
            if text[at : at + 5].lower() in ("news ",) or word in ("وكالة", "لوكالة") and text[at : at + 5] == "أنباء":
                at = _skip_space(text, at + 5)
        elif text[w[0]] == "l" and word.startswith(("l'", "l’")) and len(word) > 2:
            at += 2
        else:
            break
    quoted = at > 0 and text[at - 1] in "«\"“„"
    w = _foreign_word(text, at)
    if w is None:
        return None
    start, end = w
    if _ARABIC.search(text[start:end]):
        words = 0
        while w is not None and words < 3 and text[w[0] : w[1]] not in ARABIC_STOP:
            end = w[1]
            words += 1
            nxt = w[1]
            while nxt < len(text) and text[nxt] == " ":
                nxt += 1
            w = _foreign_word(text, nxt) if nxt > w[1] else None
        return (start, end, hint) if words else None
    if quoted:
        close = min((i for i in (text.find(c, start) for c in "»\"”“") if i > 0), default=-1)
        if 0 < close - start < 60:
            return start, close, "outlet"
    if not text[start].isupper() and not text[start].isdigit():
        return None
    end = _cap_run_end(text, end)
    if hint == "outlet":
        # "kantor berita Sanbrera, ASN": a country's agency named after it, by its acronym
        appositive = re.match(r",\s+([A-ZА-Я][A-ZА-Я0-9&]{1,7})(?=\s*(?:[,.;:)]|$))", text[end:])
        if appositive is not None:
            return end + appositive.start(1), end + appositive.end(1), hint
    return start, end, hint


def _cap_run_end(text: str, end: int) -> int:
    """The end of the capitalised name whose first word ends at ``end``."""
    while True:
        nxt = _skip_space(text, end, " ")
        w = _foreign_word(text, nxt)
        if w is None or nxt == end:
            break
        word = text[w[0] : w[1]]
        if word[0].isupper() or word[0].isdigit():
            end = w[1]
        elif word.lower() in FOREIGN_CONNECTORS:
            w2 = _foreign_word(text, _skip_space(text, w[1], " "))
            if w2 is None or not text[w2[0]].isupper():
                break
            end = w2[1]
        else:
            break
    return end


def _foreign_backward(text: str, end: int) -> tuple[int, int, str | None] | None:
    """(start, end, hint) of the capitalised name that ends just before ``end``, a Turkish
    case ending after an apostrophe or an Uzbek genitive left out ("Meridia'nın" -> "Meridia")."""
    e = end
    while e > 0 and text[e - 1] in " \t\u00a0»\"”,":
        e -= 1
    hint = None
    after = _TURKISH_AFTER.search(text[:e])
    if after is not None:  # "X gazetesine göre", "X haber sitesinin haberine göre"
        e, hint = after.start(), "outlet"
    m = re.search(r"[\w.&'’-]+$", text[:e])
    if m is None:
        return None
    word = m.group()
    suffix = _SUFFIX.search(word)
    if suffix and suffix.start() > 0:
        e = m.start() + suffix.start()
    if not text[m.start()].isupper():
        return None
    start = m.start()
    while True:
        before = re.search(r"([\w.&'’-]+)\s+$", text[:start])
        if before is None:
            break
        word = before.group(1)
        if word[0].isupper() or (word.lower() in FOREIGN_CONNECTORS and re.search(r"[A-ZА-ЯЎҚҒҲ][\w.&'’-]*\s+$", text[: before.start(1)])):
            start = before.start(1)
        else:
            break
    hint = "outlet" if hint or _OUTLET_WORD_BEFORE.search(text[:start]) else None
    # German nouns are capitalised: "Die Zeitung Nordblatt berichtet", "Die Polizei meldete"
    while True:
        w = _foreign_word(text, start)
        if w is None or w[1] >= e:
            break
        word = text[w[0] : w[1]].lower()
        if word in FOREIGN_DETERMINERS or word in FOREIGN_LEAD:
            start = _skip_space(text, w[1], " ")
        elif word in FOREIGN_OUTLET_WORDS:
            start, hint = _skip_space(text, w[1], " "), "outlet"
        else:
            break
    if start >= e or text[start : e].lower() in FOREIGN_DETERMINERS | FOREIGN_OUTLET_WORDS:
        return None
    return start, e, hint


def _foreign_cues(text: str) -> list[tuple[str, int, int, str | None, int]]:
    """(cue, name start, name end, hint, priority) of every credit cue of another language in
    one sentence."""
    out: list[tuple[str, int, int, str | None, int]] = []
    for m in _FOREIGN.finditer(text):
        group = m.lastgroup or ""
        found = None
        if group.startswith("a"):
            cue = _FOREIGN_AFTER[int(group[1:])][1]
            found = _foreign_forward(text, m.end())
            if found is not None and cue == "reported" and not _ARABIC.search(text[found[0] : found[1]]):
                found = None
        elif group.startswith("b"):
            cue = _FOREIGN_BEFORE[int(group[1:])][1]
            found = _foreign_backward(text, m.start())
        elif group in ("v", "l") and not text[m.start()].islower():
            continue  # "Écrit Daily": a verb is written in small letters
        elif group == "v":
            cue = "reported"
            found = _foreign_backward(text, m.start())
            if found is not None and "," in text[found[1] : m.start()]:
                # "..., informó Radio Brisa", "... у Залива, сообщила газета Волна": the name follows
                found = _foreign_forward(text, m.end()) or (found if found[0] > 0 or found[2] else None)
            if found is None and (aside := _ASIDE_BEFORE.search(text, 0, m.start())) is not None:
                # "L'aggregatore Pulsegrid, citando il portale tedesco, ha poi scritto": the
                # subject stands before an aside between commas
                found = _foreign_backward(text, aside.start())
            if found is None:
                found = _foreign_forward(text, m.end())
        elif group == "l":
            cue = "reported"
            first = _foreign_forward(text, 0)
            if first is not None and re.match(r"\s*,", text[first[1] :]):
                found = first
        if found is not None and found[1] > found[0]:
            out.append((cue, found[0], found[1], found[2], 7))
    for line, cue in ((_FOREIGN_SOURCE_LINE, "source"), (_FOREIGN_CREDIT_LINE, "credit")):
        if (head := line.match(text)) is not None:
            at = head.end()
            while (found := _foreign_forward(text, at)) is not None:
                out.append((cue, found[0], found[1], "outlet", 9))
                sep = re.match(r"\s*(?:[,;/|]|\s(?:y|e|et|und|и|ve|dan|و)\s)\s*", text[found[1] :])
                if sep is None:
                    break
                at = found[1] + sep.end()
    return out


def _find_sentence(text: str, *, at_start: bool, known: OutletResolver) -> list[_Found]:
    """Every attribution cue in one sentence."""
    lowered = text.lower()
    dateline = at_start and text[:1] in "(ABCDEFGHIJKLMNOPQRSTUVWXYZ" and "(" in text[:80]
    split = lowered.split()
    hits = _CUE_TOKENS.intersection(split)
    foreign = _foreign_cues(text) if not _FOREIGN_TOKENS.isdisjoint(split) or _OTHER_SCRIPT.search(text) else []
    if not hits and not dateline and not foreign:
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
            after = tok.ends[np.last]
            if _WEB_ADDRESS_AFTER.match(text, after):
                hint = "outlet"  # "Bay Herald (https://bay.example/a)": a name given with its web address
            if not _outlet_like(np.text, hint, known) and not _APPOSITIVE.match(text, after):
                return
            kind = "outlet"
        else:
            kind = classify_source(np.text, cue if kind_cue is None else kind_cue, hint, known)
        found.append(_Found(cue, np, kind, priority))

    def forward_at(offset: int) -> _NP | None:
        return _np_forward(tok, tok.index_at(offset))

    def listed(offset: int, cue: str, priority: int, separators: str = ";,", need_outlet: bool = False) -> None:
        """Several names after a cue: "Sources: X; Y", "Credit: X and Y"."""
        i = tok.index_at(offset)
        while i < len(tok):
            np = _np_forward(tok, i)
            if np is None:
                break
            if need_outlet and (np.text.split()[0].lower() in _WHEN or not _proper(tok, np)):
                break
            add(cue, np, priority, need_outlet=need_outlet)
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
            nxt = j + 1
            if tok.words[j] == ",":
                # a comma lists another source only when a whole name follows
                follow = _np_forward(tok, nxt)
                if follow is None or not (follow.last + 1 >= len(tok) or tok.words[follow.last + 1] in ",;.)" or (need_outlet and tok.lower[follow.last + 1] in ("(", "and", "&"))):
                    k = nxt
                    while k < len(tok) and tok.words[k] not in ";":
                        k += 1
                    nxt = k + 1
            i = nxt

    # ---- other languages
    for cue, start, end, hint, priority in foreign:
        first = tok.index_at(start)
        last = max(first, bisect.bisect_right(tok.starts, end - 1) - 1)
        add(cue, _NP(first, last, text[start:end], hint), priority)
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
    if " in " in present or " on " in present or " for " in present or " by " in present:
        for m in _PIECE_IN.finditer(text):
            add("reported in", forward_at(m.end()), 8, need_outlet=True)
    if " by " in present:
        for m in _POINTED_BY.finditer(text):
            add("pointed out", forward_at(m.end()), 8, need_outlet=True)
    if " to " in present:
        for m in _SPOKE_TO.finditer(text):
            add("told", forward_at(m.end()), 7, need_outlet=True)
    if (m := _NAMED_SUBJECT.match(text)) is not None:
        add("named", forward_at(m.end()), 1, kind_cue="hyperlink")
    if " on " in present or " in " in present or " by " in present:
        for m in _APPEARED.finditer(text):
            listed(m.end(), "appeared on", 8, need_outlet=True)
    if "contributed" in present:
        for m in _CONTRIBUTED.finditer(text):
            back = _np_backward(tok, tok.index_at(m.start() + 1))
            if isinstance(back, _NP):
                add("contributed", back, 9)
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
        if verb == "ran":
            verb = "published"  # "The portal X ran a translation": said of an outlet only, as "published"
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

        for index, span in enumerate(sentences):
            sentence = text[span.start : span.end]
            # a dateline opens the body, which a title, a byline or a date line may precede
            at_start = index == 0 or (span.start < _DATELINE_REACH and text[: span.start].rstrip(" \t").endswith("\n"))
            for f in _find_sentence(sentence, at_start=at_start, known=self._known):
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
