"""Credit cues of other languages than English, for the attribution stage.

The forms :mod:`newstrail.analyze.attributions` lists under "Other languages": cues whose
name follows ("según X", "по данным X", "وفقا لـX", "menurut X"), cues whose name comes
before ("X zufolge", "X'e göre", "X хабар беришича"), reporting verbs either side of the
name, and the source and credit lines. :func:`foreign_cues` gives, for one sentence, each
cue with the character span of the name it credits; the attribution stage turns the spans
into phrases and classifies them.

>>> [(cue, text[start:end], hint) for text in ["Selon l'agence Brisemer, le port a fermé."]
...  for cue, start, end, hint, _ in foreign_cues(text)]
[('according to', 'Brisemer', 'outlet')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newstrail.analyze.names import (
    ARABIC_STOP,
    FOREIGN_CONNECTORS,
    FOREIGN_DETERMINERS,
    FOREIGN_LEAD,
    FOREIGN_NOUNS_BEFORE,
    FOREIGN_OUTLET_STEMS,
    FOREIGN_OUTLET_WORDS,
    _words,
)

__all__ = ["FOREIGN_CUE_TOKENS", "foreign_cues", "has_other_script", "may_hold_foreign_cue"]

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
#: the whitespace-split, lower-cased words that may carry a cue of another language
FOREIGN_CUE_TOKENS = frozenset(
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


def foreign_cues(text: str) -> list[tuple[str, int, int, str | None, int]]:
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


def may_hold_foreign_cue(text: str, tokens: Iterable[str], other_script: bool = True) -> bool:
    """A cheap first test: whether a sentence (``tokens``: its lowercased whitespace-split
    words, or only those of them in :data:`FOREIGN_CUE_TOKENS` and any other set) may hold a cue of another language: one of their words, or letters of another
    script (``other_script=False``: the article around it has none, so it has none either;
    :func:`has_other_script` tells that once an article, instead of once a sentence).

    >>> may_hold_foreign_cue("Laut Nordblatt stieg der Pegel.", "laut nordblatt stieg der pegel.".split())
    True
    >>> may_hold_foreign_cue("The tide rose.", ["the", "tide", "rose."])
    False
    """
    return not FOREIGN_CUE_TOKENS.isdisjoint(tokens) or (other_script and has_other_script(text))


def has_other_script(text: str) -> bool:
    """Whether ``text`` holds letters of a script whose cues :func:`foreign_cues` reads
    (Cyrillic, Arabic).

    >>> has_other_script("Laut Nordblatt stieg der Pegel."), has_other_script("По данным Вестника")
    (False, True)
    """
    return _OTHER_SCRIPT.search(text) is not None
