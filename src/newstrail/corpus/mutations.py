"""How a claim changed along an edge: numbers, actors, hedges, quotes, headline framing.

The two texts of an edge are compared sentence by sentence: each sentence of the
copy is paired with the most similar sentence of its source, and the differences
inside a pair are classified. Numbers are compared as quantities (a conversion
that keeps the value, 32 km as 19.9 miles, is not a change; 19 miles is "close");
a hedge ("appears to suggest", "reportedly") dropped or a certainty word
("confirms", "clearly") added is a hedge mutation; a replaced name or a replaced
modifier of the same noun ("unidentified drones" -> "alliance drones") is an actor
mutation; a quotation no upstream version holds is an invented quote, one that
is close to an upstream quotation is an altered quote; a headline that hardens is
framing.

>>> from newstrail.core.article import Article
>>> a = Article(id="a", text="The memo appears to suggest that unidentified drones flew 45 km north.")
>>> b = Article(id="b", text="The memo confirms that alliance drones flew 30 miles north.")
>>> sorted({m.type for m in compare_articles(a, b)})
['actor', 'hedge', 'number']
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import re
from dataclasses import dataclass

from newstrail.core.langcode import base_language
from newstrail.analyze.hedges import hedges_in, knows
from newstrail.analyze.numbers import PEOPLE_WORDS, compare, find_numbers, find_numbers_in, is_number_word
from newstrail.core.article import Number
from newstrail.core.errors import NewstrailError
from newstrail.embeddings import get_embedder
from newstrail.analyze.sentences import split_sentences
from newstrail.core.article import Article

HEDGES = (
    "appears to", "appear to", "appeared to", "seems to", "seem to", "suggests", "suggest", "suggested", "may", "might",
    "could have", "could be", "reportedly", "allegedly", "possibly", "apparently", "unconfirmed", "not independently verified",
    "according to preliminary", "preliminary", "claims", "claimed", "likely", "unclear", "linked to", "associated with",
    "threatens", "threatened", "threatening", "considers", "considering", "weighs", "sounds like", "what we know",
)
CERTAINTY = ("confirms", "proves", "proved", "proof", "clearly", "shows", "showed", "reveals", "revealed",
             "exposes", "exposed", "definitely", "undeniably", "secret", "caught")
#: what softens a headline beyond the hedges: it reports reports, or says what is not known
HEADLINE_HEDGES = HEDGES + ("questions", "reports of", "what we know", "examine", "look into", "looks into", "investigate")
#: what hardens a headline beyond the certainty words: an event told as about to happen, or
#: as a truth kept from the reader (a loaded verb in a headline only repeats the body's, which
#: is where a recast is reported)
HEADLINE_CERTAINTY = CERTAINTY + ("set to", "truth", "cover-up", "won't tell you", "won’t tell you", "hide", "hides",
                                  "hiding", "betrayed", "abandoned")
#: headlines of articles that check, correct or deny a claim: what they say differently
#: is the correction, not a mutation of the claim
_CHECKING = re.compile(r"^\W*(?:fact[- ]?check|reality check|correction|clarification|statement|denial|debunk|false|misleading)\b", re.I)
#: figures that measure something: times of day, dates and labels ("channel 16") are not compared
_QUANTITIES = frozenset({"count", "money", "share", "length", "mass", "time"})
#: nouns for who acts in a claim; a changed modifier of one is a changed actor
ACTOR_NOUNS = frozenset(
    "drones drone aircraft planes jets ships forces troops soldiers fighters rebels militia militias militants army "
    "police officials official officers officer commander commanders government ministry authorities agents spies "
    "scientists researchers experts doctors company companies council councillors mayor minister leaders groups "
    "group operatives units unit navy coalition alliance governments union unions coastguard managers manager staff "
    "board executives director directors society bank regulator activists protesters hackers agitators arsonists "
    "contractor operator owners".split()
)
_DETERMINERS = frozenset({"a", "an", "the", "some", "several"})
#: how many, not who: "most" -> "the majority" is a share, "Some" -> "All" a hedge of scope
_QUANTIFIERS = frozenset("most majority minority all some many few several none half every each".split())
#: names that say when, not who
_CALENDAR = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april may june "
                      "july august september october november december month week year day morning afternoon evening "
                      "night weekend today yesterday".split())
#: a name after one of these is where something happened, not who did it
_LOCATIVE = frozenset("in near at off outside inside across around towards toward into".split())
#: nouns of places: a swapped place ("off the strait" -> "at the port") is where, not who
PLACE_NOUNS = frozenset("port strait coast city town river bay island harbour harbor street road district region county "
                        "village sea quay terminal border valley square airport station".split())
#: loaded words that recast an event ("collided" -> "rammed", "taking on water" -> "sinking")
CHARGED = ("rammed", "sinking", "sank", "freeze", "frozen", "chaos", "panic", "collapse", "collapsing", "storm", "stormed",
           "slammed", "ignored", "cover-up", "betrayed", "abandoned", "shut down", "run on", "set to strike", "crash")
#: how close in meaning (cosine of the fast sentence vectors) a retold sentence must be to
#: the source sentence it is compared with; on part a of the outside set, retellings of one
#: statement score 0.75 and above, neighbouring sentences of one story mostly below 0.7
PARAPHRASE_FLOOR = 0.75
_WORD = re.compile(r"[\w'’]+|[^\w\s]")
_FUNCTION_WORDS = frozenset("i we you they he she it our their my your his her its there here this that these those "
                            "were are is was be been have has had will would can could do did not no".split())
_STOP = frozenset("the a an of in on at to and or for by with from that this is was were be been it its as".split())


@dataclass
class Mutation:
    """A change of the claim between two articles: ``from_text`` in ``source``, ``to_text`` in ``target``."""

    source: str
    target: str
    type: str  # number, actor, hedge, quote, framing
    from_text: str
    to_text: str
    detail: str = ""
    #: the target's sentence a changed figure stands in, so the figure reads with what it counts
    context: str = ""
    #: across languages: the source's sentence beside ``context``, and the language of each side
    source_context: str = ""
    languages: tuple[str, str] | None = None

    def to_dict(self) -> dict:
        out = {"edge": {"from": self.source, "to": self.target}, "type": self.type, "from_text": self.from_text, "to_text": self.to_text}
        if self.detail:
            out["detail"] = self.detail
        if self.source_context:
            out["from_context"] = self.source_context
        if self.context:
            out["context"] = self.context
        if self.languages:
            out["languages"] = {"from": self.languages[0], "to": self.languages[1]}
        return out


def _sentences(article: Article) -> list[str]:
    spans = article.sentences or split_sentences(article.text)
    return [article.text[s.start : s.end] for s in spans]


def _sentence_at(article: Article, offset: int) -> str:
    """The sentence of ``article`` around a character offset of its text."""
    for span in article.sentences or split_sentences(article.text):
        if span.start <= offset < span.end:
            return article.text[span.start : span.end].strip()
    return ""


def _bag(sentence: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(sentence) if w[0].isalnum() and w.lower() not in _STOP}


def _lexical_partners(source: Article, target: Article, floor: float) -> list[tuple[str | None, str]]:
    left = [(s, _bag(s)) for s in _sentences(source)]
    out: list[tuple[str | None, str]] = []
    for sentence in _sentences(target):
        words = _bag(sentence)
        if len(words) < 3:
            continue
        best, score = None, floor
        for other, other_words in left:
            shared = len(words & other_words)
            overlap = shared / min(len(words), len(other_words)) if shared >= 3 else 0.0
            if overlap > score:
                best, score = other, overlap
        out.append((best, sentence))
    return out


Partners = list[tuple[str | None, str]]


def pair_sentences(source: Article, target: Article, floor: float = 0.4, partners: Partners | None = None) -> list[tuple[str, str]]:
    """Each sentence of ``target`` with its most similar sentence of ``source``.

    Similarity is the overlap coefficient of content words (shared words over the
    smaller sentence's words), so a sentence that was shortened or extended still
    pairs with its source; a pair needs at least three shared words. ``partners``:
    the pairing already made at ``floor`` (:func:`retold_sentences` reads it too).
    """
    found = _lexical_partners(source, target, floor) if partners is None else partners
    return [(best, sentence) for best, sentence in found if best is not None and best != sentence]


def retold_sentences(source: Article, target: Article, floor: float = PARAPHRASE_FLOOR, partners: Partners | None = None) -> list[tuple[str, str]]:
    """Sentences of ``target`` that share too few words with any of ``source`` to pair,
    each with the ``source`` sentence closest in meaning when that is at least ``floor``
    (cosine of sentence vectors): a retelling in other words ("collided" -> "rammed").
    ``partners``: the lexical pairing at 0.4, when already made."""
    found = _lexical_partners(source, target, 0.4) if partners is None else partners
    alone = [sentence for best, sentence in found if best is None]
    theirs = _sentences(source)
    if not alone or not theirs:
        return []
    try:
        embedder = get_embedder("fast")
        mine, other = embedder.encode(alone), embedder.encode(theirs)
    except NewstrailError:
        return []  # no vectors here: lexical pairs only
    similarity = mine @ other.T
    return [(theirs[int(row.argmax())], sentence) for sentence, row in zip(alone, similarity) if float(row.max()) >= floor]


@functools.lru_cache(maxsize=64)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w])(%s)(?![\w])" % "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)))


def _has(phrases: tuple[str, ...], text: str) -> list[str]:
    """The phrases of ``phrases`` that ``text`` holds as whole words, in the order given."""
    low = f" {text.lower()} "
    if not _phrase_pattern(phrases).search(low):
        return []  # most sentences hold none: one search instead of one per phrase
    return [p for p in phrases if re.search(rf"(?<![\w]){re.escape(p)}(?![\w])", low)]


def _head(what: str) -> set[str]:
    return {w.rstrip("s") for w in what.split() if len(w) > 2}


def _same_thing(na: Number, nb: Number) -> bool:
    """Two figures of one sentence pair measure the same thing: a quantity of one dimension,
    and for counts the same counted noun ("14 people" and "40 people", not "14 hurt" and "three
    children"): a count that says nothing of what it counts is not compared."""
    if na.dimension not in _QUANTITIES or na.dimension != nb.dimension:
        return False
    return na.dimension != "count" or bool(_head(na.what) & _head(nb.what))


def _dropped_hedges(a: str, b: str, hedges: tuple[str, ...] = HEDGES) -> list[str]:
    """Hedges of ``a`` that ``b`` drops, when ``b`` keeps none: one hedge swapped for
    another ("threatens" -> "weighs", "may" -> "might") leaves the claim as soft."""
    return [] if _has(hedges, b) else _has(hedges, a)


def _same_scene(a: str, b: str) -> bool:
    """Two sentences can state figures about one thing only if the names they give agree:
    a briefing "in Glasswater" and one "in Mossgate" are two events, whatever their numbers."""
    mine, theirs = _places(a), _places(b)
    return not (mine and theirs) or bool(mine & theirs)


def _numbers(a: str, b: str, source: str, target: str) -> list[Mutation]:
    found: list[Mutation] = []
    if not _same_scene(a, b):
        return found
    left, right = find_numbers(a), find_numbers(b)
    # a figure both sentences state is not changed, whatever else stands beside it
    # ("a 6 percent rise against the 3.5 percent on offer")
    left, right = ([n for n in mine if not any(compare(n, o) == "equal" for o in other)]
                   for mine, other in ((left, right), (right, left)))
    used: set[int] = set()
    for nb in right:
        # pair with the same dimension, preferring the same counted noun
        options = [(na.what == nb.what, -abs(i - right.index(nb)), i, na) for i, na in enumerate(left)
                   if i not in used and na.dimension == nb.dimension and _same_thing(na, nb)]
        if not options:
            continue
        *_, i, na = max(options, key=lambda o: o[:3])
        used.add(i)
        verdict = compare(na, nb)
        if verdict in ("different", "close"):
            detail = "close: within 10%" if verdict == "close" else ""
            if verdict == "different" and na.value == nb.value:
                detail = f"qualifier: {na.qualifier or 'none'} -> {nb.qualifier or 'none'}"
            found.append(Mutation(source, target, "number", na.text, nb.text, detail, b.strip()))
    return found


_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def _segments(a: str, b: str) -> list[tuple[str, str, bool, bool, str]]:
    """Replaced word runs of two sentences, as (old, new, same_noun, in_slot, word before).
    A replaced modifier keeps its noun ("unidentified drones" -> "alliance drones"), so
    the run is extended by that noun to read on its own (``same_noun``); ``in_slot`` says
    the run is followed by words both sentences keep: it replaced one part of one statement."""
    ta, tb = _WORD.findall(a.translate(_QUOTES)), _WORD.findall(b.translate(_QUOTES))
    matcher = difflib.SequenceMatcher(a=[t.lower() for t in ta], b=[t.lower() for t in tb], autojunk=False)
    out = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "replace":
            continue
        slot = i2 < len(ta) and j2 < len(tb)
        noun = slot and ta[i2].lower() == tb[j2].lower() and ta[i2].isalpha() and ta[i2].lower() not in _STOP
        if noun:
            i2, j2 = i2 + 1, j2 + 1
        out.append((" ".join(ta[i1:i2]), " ".join(tb[j1:j2]), noun, slot, ta[i1 - 1].lower() if i1 else ""))
    return out


def _wording(a: str, b: str, source: str, target: str, credited: frozenset[str] = frozenset()) -> list[Mutation]:
    found = []
    dropped = _dropped_hedges(a, b)
    added = [c for c in _has(CERTAINTY, b) if c not in _has(CERTAINTY, a)]
    if dropped or added:
        detail = "; ".join(filter(None, [f"dropped: {', '.join(dropped)}" if dropped else "", f"added: {', '.join(added)}" if added else ""]))
        found.append(Mutation(source, target, "hedge", a, b, detail))
    charged = [c for c in _has(CHARGED, b) if c not in _has(CHARGED, a)]
    if charged:
        found.append(Mutation(source, target, "framing", a, b, f"recast: {', '.join(charged)}"))
    starts = (a.split()[:1] or [""])[0].strip('"“'), (b.split()[:1] or [""])[0].strip('"“')
    # hedges and auxiliaries taken out first, so a changed hedge beside the actor
    # ("a waste haulier may have dumped" -> "Varn Chemicals has dumped") leaves the actor's run alone
    for left, right, same_noun, in_slot, before in _segments(_unhedged(a), _unhedged(b)):
        # a swapped-in outlet the target credits is where it says it got the story, not who acted
        from_credit = {w.lower() for w in right.split() if w[:1].isupper()} & credited
        if before not in _LOCATIVE and not from_credit and _actor_swap(left, right, (same_noun, in_slot, before), starts):
            found.append(Mutation(source, target, "actor", left, right))
    return found


_HEDGING = re.compile(r"(?<![\w])(?:%s)(?![\w])" % "|".join(
    re.escape(p) for p in sorted(HEDGES + CERTAINTY + ("has", "have", "had"), key=len, reverse=True)), re.I)


def _unhedged(sentence: str) -> str:
    return re.sub(r"\s+", " ", _HEDGING.sub(" ", sentence))


def _retold(a: str, b: str, source: str, target: str) -> list[Mutation]:
    """What a statement retold in other words changed: its figures and a loaded word put
    in; a rewording changes too many words for a replaced run to say who changed."""
    found = _numbers(a, b, source, target)
    charged = [c for c in _has(CHARGED, b) if c not in _has(CHARGED, a)]
    if charged:
        found.append(Mutation(source, target, "framing", a, b, f"recast: {', '.join(charged)}"))
    return found


def _actor_swap(left: str, right: str, place: tuple[bool, bool, str], starts: tuple[str, str]) -> bool:
    """Whether a replaced run of words changes who acts: a name swapped in (capitalised
    inside the sentence), who an actor noun belongs to ("unidentified drones" -> "alliance
    drones"), or one actor for another ("the Coastguard said" -> "the navy said")."""
    lw, rw = left.split(), right.split()
    same_noun, in_slot, before = place
    if not lw or any(ch.isdigit() for ch in left + right) or len(lw) > 5 or len(rw) > 7:
        return False
    lowered = {w.lower() for w in lw + rw}
    if lowered & set(HEDGES + CERTAINTY) or lowered & (PLACE_NOUNS | _CALENDAR | _LOCATIVE):
        return False
    if not all(w[0].isalnum() or w in ("'", "’", "-") for w in lw + rw):
        return False  # a run across a clause break is a rewording, not one noun phrase

    def names(words: list[str]) -> set[str]:
        return {w for w in words if w[:1].isupper() and w.isalpha() and w not in starts and w.lower() not in _STOP
                and not is_number_word(w)}

    def who(words: list[str]) -> set[str]:
        return names(words) | {w.lower() for w in words if w.lower() in ACTOR_NOUNS}

    new_names = names(rw) - names(lw)
    if same_noun and (lw[-1].lower() in ACTOR_NOUNS or new_names):
        return True
    # a whole noun phrase swapped in the same slot ("a cable fault caused" -> "the grid
    # operator caused"): its determiner changed with it
    clause = lowered & (_FUNCTION_WORDS | {"said", "says", "told", "that", "and", "or", "but"})  # a clause, not a noun phrase

    def nouny(words: list[str]) -> bool:
        return any(w.lower() not in _STOP | _DETERMINERS | _QUANTIFIERS and w[0].isalpha() for w in words)

    # ... or after a determiner both keep and before the verb both keep ("a mystery illness
    # sickened" -> "a laboratory leak sickened"); a noun before a preposition ("the bill at",
    # "a press briefing in") is more often a synonym than a new actor
    determined = (before in _DETERMINERS and same_noun) or {lw[0].lower(), rw[0].lower()} & _DETERMINERS
    if in_slot and determined and len(lw) <= 5 and len(rw) <= 5 and not clause and nouny(lw) and nouny(rw):
        return True
    if new_names and len(lw) <= 4 and len(rw) <= 4 and (who(lw) or lw[0].lower() in _DETERMINERS):
        return True
    return bool(who(lw)) and bool({w.lower() for w in who(rw)} - {w.lower() for w in who(lw)} & ACTOR_NOUNS)


def _norm(text: str) -> str:
    return " ".join(w.lower() for w in _WORD.findall(text) if w[0].isalnum())


def _speaker_upstream(speaker: str | None, upstream: list[Article]) -> bool:
    if not speaker:
        return False
    names = {w.lower() for w in re.findall(r"[A-Z][\w'’-]+", speaker)} or {speaker.split()[-1].lower()}
    return any(names & {w.lower() for w in _WORD.findall(u.text)} for u in upstream)


#: what makes a new quotation a new claim: it blames, or says something was hidden or
#: meant. New quotes that only add colour ("we've sold out of candles") are the article's
#: own reporting, not a change of the claim it carries.
ACCUSING = ("to blame", "is behind", "are behind", "was behind", "who is behind", "responsible for", "caused", "deliberate",
            "deliberately", "planned", "no accident", "covered up", "covered this up", "cover-up", "kept this quiet",
            "kept quiet", "hid", "hidden", "hiding", "lied", "lying", "knew", "have known", "warned", "nobody listened",
            "no one listened", "ignored", "sabotage", "sabotaged")


def _closest_quote(words: str, upstream: list[Article]) -> tuple[str, float]:
    """The upstream quotation closest to ``words`` and how close (0 to 1). One that
    starts with the same two words and then goes elsewhere ("prepare for difficult
    conversations" -> "prepare for a run on the branches") is the same quotation altered."""
    best, best_ratio = "", 0.0
    for u in upstream:
        for q in u.quotes:
            theirs = u.text[q.span.start : q.span.end]
            mine = _norm(theirs)
            ratio = difflib.SequenceMatcher(a=mine, b=words, autojunk=False).ratio()
            lead = mine.split()[:2]
            if len(mine.split()) >= 3 and lead == words.split()[:2] and set(lead) - _FUNCTION_WORDS:
                ratio = max(ratio, 0.6)
            if ratio > best_ratio:
                best, best_ratio = theirs, ratio
    return best, best_ratio


def quote_mutations(article: Article, parent: Article, upstream: list[Article], borrowed: float) -> list[Mutation]:
    """Quotes in ``article`` that no upstream version holds: altered when one is close,
    invented when none is. New quotes in an article's own reporting are not mutations:
    only those in a copy (``borrowed``, the share of its text taken from upstream, is at
    least a third) or put in the mouth of someone the upstream versions name, and only
    when they accuse (:data:`ACCUSING`)."""
    same_language = [u for u in upstream if u.language == article.language]
    if not same_language or checks_claims(article):
        return []
    found = []
    for quote in article.quotes:
        words = _norm(article.text[quote.span.start : quote.span.end])
        if len(words.split()) < 5 or any(words in _norm(u.text) for u in same_language):
            continue
        best, best_ratio = _closest_quote(words, same_language)
        text = article.text[quote.span.start : quote.span.end]
        if best_ratio >= 0.6:
            found.append(Mutation(parent.id, article.id, "quote", best, text, "altered"))
        elif (borrowed >= 0.33 or _speaker_upstream(quote.speaker, same_language)) and _has(ACCUSING, text):
            who = f" to {quote.speaker}" if quote.speaker else ""
            found.append(Mutation(parent.id, article.id, "quote", "", text, f"invented: attributed{who}, in no upstream version"))
    return found


def counted_numbers(source: Article, target: Article) -> list[Mutation]:
    """Numbers that count the same thing ("rebel fighters") anywhere in both texts but
    differ: a paraphrase can move a figure to another sentence and still change it.
    Only a noun the source counts once is taken to be one thing, and only where the two
    sentences do not name different places or people."""
    left: dict[str, list] = {}
    for n in find_numbers(source.text):
        if n.what and n.dimension in ("count", "money", "share"):
            left.setdefault(n.what, []).append(n)
    found = []
    for nb in find_numbers(target.text):
        options = left.get(nb.what) if nb.what else None
        if not options or len(options) > 1 or compare(options[0], nb) not in ("different", "close"):
            continue
        na = options[0]
        there, here = _sentence_at(source, na.span.start), _sentence_at(target, nb.span.start)
        if _same_scene(there, here):
            found.append(Mutation(source.id, target.id, "number", na.text, nb.text, f"counts {nb.what}", here))
    return found


_NAME = re.compile(r"(?<![\w'’])[A-Z][\w'’-]+")


def _places(sentence: str) -> set[str]:
    """Capitalised words inside a sentence (its first word left out): the places and names it is about."""
    names = _NAME.findall(sentence)
    first = _NAME.match(sentence.lstrip("\"“‘'( "))
    return {n for n in names if not (first and n == first.group(0) and sentence.lstrip("\"“‘'( ").startswith(n))}


#: nouns that count people: a head count about the same place is one figure, whatever the
#: noun ("1,150 of the 1,400 people employed at Gantry Quay" -> "11,500 workers at Gantry Quay")
#: (not subgroups: "three children" may be some of "14 people", not a new figure for them)
PERSONS = frozenset("people persons workers members staff employees passengers residents savers customers dockers crew "
                    "fishermen patients voters protesters".split())


def _placed(number: Number) -> bool:
    """A figure ``placed_numbers`` compares: a distance, a duration or a head count."""
    if number.dimension in ("length", "time"):
        return True
    return number.dimension == "count" and bool(set(number.what.split()[:1]) & PERSONS)


def _slip(a: Number, b: Number) -> bool:
    """Same digits, another order of magnitude (1,150 -> 11,500): a figure inflated, not a new one."""
    digits = [f"{n.value:.0f}".rstrip("0") for n in (a, b)]
    return digits[0] == digits[1] and a.value != b.value


def placed_numbers(source: Article, target: Article) -> list[Mutation]:
    """Distances, durations and head counts stated about the same named places in both texts that differ.

    A retelling often rewords the whole sentence around a figure ("Tarrow village lying
    32 km of Corvale" -> "the village of Tarrow, some 19 miles out of Corvale"), so the
    sentences do not pair; two measurements of one dimension in sentences that share two
    or more names are taken to measure the same thing.
    """
    left = [(n, _places(s)) for s in _sentences(source) for n in find_numbers(s) if _placed(n)]
    if not left:
        return []
    right = [(n, _places(s), s) for s in _sentences(target) for n in find_numbers(s) if _placed(n)]
    found: list[Mutation] = []
    reported: list = []
    for nb, names, sentence in right:
        options = [(na, theirs) for na, theirs in left if na.dimension == nb.dimension and len(names & theirs) >= 2]
        if not options or any(compare(na, nb) == "equal" for na, _ in options):
            continue
        na, theirs = max(options, key=lambda o: _slip(o[0], nb))
        # a target that still states the source's figure only mentions another one beside it
        # (a fact-check quoting the claim it corrects); "45 km (28 miles)" is one figure, said once
        if any(compare(na, other) == "equal" for other, _, _ in right) or any(compare(nb, r) == "equal" for r in reported):
            continue
        verdict = compare(na, nb)
        if verdict in ("different", "close"):
            detail = ("close: within 10%; " if verdict == "close" else "") + f"about {', '.join(sorted(names & theirs))}"
            found.append(Mutation(source.id, target.id, "number", na.text, nb.text, detail, sentence.strip()))
            reported.append(nb)
    return found


#: an earthquake's magnitude, before its figure in most languages ("magnitude-6", "магнитудой
#: 7", "der Stärke 6", "بقوة 6") and after it in Turkish ("6 büyüklüğünde")
_MAGNITUDE_BEFORE = re.compile(
    r"(?:magnitude|magnitud|magnitudo|stärke|магнитуд\w*|kekuatan|بقوة|بشدة|richter)[\s-]*(?:of\s+|de\s+|di\s+)?$", re.I)
_MAGNITUDE_AFTER = re.compile(r"^\s*(?:büyüklüğünde|magnitude|magnitudo|балл\w*|richter)", re.I)


def _magnitude(sentence: str, number: Number) -> bool:
    """Whether a figure of ``sentence`` is a magnitude (a scale, counted in no noun)."""
    return bool(_MAGNITUDE_BEFORE.search(sentence[max(0, number.span.start - 24) : number.span.start])
                or _MAGNITUDE_AFTER.match(sentence[number.span.end : number.span.end + 16]))


def _as_magnitude(sentence: str, number: Number) -> Number:
    # counts are compared across languages only by the noun they count; a magnitude counts none
    return dataclasses.replace(number, what="magnitude") if number.dimension == "count" and _magnitude(sentence, number) else number


def _counts_alike(na: Number, nb: Number) -> bool:
    """Two figures of an aligned sentence pair in two languages measure one thing: one
    dimension and unit family; counts only when both count people (the counted nouns are
    in different languages, so only head counts are known to be alike)."""
    if na.dimension not in _QUANTITIES or na.dimension != nb.dimension or na.unit != nb.unit:
        return False
    if na.dimension != "count":
        return True
    if na.what == "magnitude" or nb.what == "magnitude":
        return na.what == nb.what
    people = [bool(set(n.what.split()[:1]) & (PEOPLE_WORDS | PERSONS)) for n in (na, nb)]
    return all(people)


def _index(sentences: list[str], text: str) -> int | None:
    text = text.strip()
    for i, sentence in enumerate(sentences):
        if text and (text in sentence or sentence.strip() in text) and sentence.strip():
            return i
    return None


def _gap_pairs(source: Article, target: Article, pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Sentences the alignment left out, paired by their place between aligned ones: a
    translation keeps the order of its source, and a sentence whose figure was changed
    may align too weakly to be kept ("about 18 km" -> "only 8 km"). A gap of up to two
    sentences on each side is compared as one passage."""
    left, right = _sentences(source), _sentences(target)
    anchors = sorted({(i, j) for a, b in pairs if (i := _index(left, a)) is not None and (j := _index(right, b)) is not None})
    out = []
    for (i0, j0), (i1, j1) in zip(anchors, anchors[1:]):
        if 2 <= i1 - i0 <= 3 and 2 <= j1 - j0 <= 3:
            out.append((" ".join(left[i0 + 1 : i1]), " ".join(right[j0 + 1 : j1])))
    return out


def translated_numbers(source: Article, target: Article, pairs: list[tuple[str, str]]) -> list[Mutation]:
    """Figures changed in translation: the aligned sentence pairs of a ``translation`` edge
    (source sentence, target sentence) compared figure by figure, each read in its own
    language ("32 km" = "19,9 millas" is no change; "1,150" -> "11.500" is a mutation).
    Each mutation carries both sentences and the language of each."""
    langs = (source.language or "", target.language or "")
    found: list[Mutation] = []
    for a, b in pairs + _gap_pairs(source, target, pairs):
        left = [_as_magnitude(a, n) for n in find_numbers_in(a, source.language) if n.dimension in _QUANTITIES]
        right = [_as_magnitude(b, n) for n in find_numbers_in(b, target.language) if n.dimension in _QUANTITIES]
        # a figure both sentences state is not changed, whatever stands beside it ("12 km (7.5 miles)")
        left, right = ([n for n in mine if not any(compare(n, o) == "equal" for o in other)]
                       for mine, other in ((left, right), (right, left)))
        used: set[int] = set()
        for j, nb in enumerate(right):
            options = [(_slip(na, nb), -abs(i - j), i, na) for i, na in enumerate(left) if i not in used and _counts_alike(na, nb)]
            if not options:
                continue
            *_, i, na = max(options, key=lambda o: o[:3])
            used.add(i)
            verdict = compare(na, nb)
            if verdict in ("different", "close"):
                detail = f"{langs[0] or '?'} -> {langs[1] or '?'}" + ("; close: within 10%" if verdict == "close" else "")
                if verdict == "different" and na.value == nb.value:
                    detail += f"; qualifier: {na.qualifier or 'none'} -> {nb.qualifier or 'none'}"
                found.append(Mutation(source.id, target.id, "number", na.text, nb.text, detail, b.strip(), a.strip(), langs))
    return found


_QUOTED = re.compile(r"[«“„\"‹‚'](.+?)[»”“\"›‘']")


def translated_hedges(source: Article, target: Article, pairs: list[tuple[str, str]]) -> list[Mutation]:
    """Hedges dropped in translation: an aligned sentence pair whose source sentence holds a
    hedge of its language ("may have taken off", "предположительно") and whose translation
    holds none of its own. Inside a quotation both sides keep, it is the quotation that
    changed (type ``quote``): words put in someone's mouth, firmer than they were said."""
    if not (knows(source.language) and knows(target.language)):
        return []
    langs = (source.language or "", target.language or "")
    found: list[Mutation] = []
    for a, b in pairs:
        dropped = hedges_in(a, source.language)
        if not dropped or hedges_in(b, target.language):
            continue
        quoted = [q for q in _QUOTED.findall(a) if hedges_in(q, source.language)]
        kind = "quote" if quoted and _QUOTED.search(b) else "hedge"
        detail = f"{langs[0] or '?'} -> {langs[1] or '?'}; dropped: {', '.join(dict.fromkeys(dropped))}"
        found.append(Mutation(source.id, target.id, kind, a.strip(), b.strip(), detail, b.strip(), a.strip(), langs))
    return found


def compare_articles(source: Article, target: Article, numbers_only: bool = False,
                     pairs: list[tuple[str, str]] | None = None) -> list[Mutation]:
    """Mutations along the edge ``source -> target``.

    ``numbers_only`` compares just the figures: for two articles that quote the same
    words without copying one another, a figure that differs is still worth showing,
    while their wording differs by nature. Across languages only the figures and the
    hedges of the aligned sentence ``pairs`` (a translation edge's evidence) are compared.
    """
    if base_language(source.language) and base_language(target.language) and base_language(source.language) != base_language(target.language):
        hedges = [] if numbers_only or checks_claims(target) else translated_hedges(source, target, pairs or [])
        return translated_numbers(source, target, pairs or []) + hedges
    if checks_claims(target):
        return []
    found: dict[tuple[str, str, str], Mutation] = {}
    credited = frozenset(w.lower() for c in target.attributions if c.kind == "outlet" for w in c.source.split() if w[:1].isupper())
    # one lexical pairing serves both the paired and the retold sentences
    partners = _lexical_partners(source, target, 0.4)
    paired = [
        m
        for a, b in pair_sentences(source, target, partners=partners)
        for m in _numbers(a, b, source.id, target.id) + ([] if numbers_only else _wording(a, b, source.id, target.id, credited))
    ]
    retold = [] if numbers_only else [m for a, b in retold_sentences(source, target, partners=partners) for m in _retold(a, b, source.id, target.id)]
    for mutation in paired + retold + counted_numbers(source, target) + placed_numbers(source, target):
        # one figure reported once, whichever comparison found it first
        found.setdefault((mutation.type, mutation.from_text, mutation.to_text), mutation)
    framing = None if numbers_only else headline_change(source, target)
    return list(found.values()) + ([framing] if framing else [])


def checks_claims(article: Article) -> bool:
    """A fact-check, correction or denial, told by its headline."""
    return bool(article.title and _CHECKING.match(article.title))


def headline_change(source: Article, target: Article) -> Mutation | None:
    """A re-framed headline: reworded beyond small edits, with what hardened if anything."""
    if not source.title or not target.title:
        return None
    ratio = difflib.SequenceMatcher(a=_norm(source.title), b=_norm(target.title), autojunk=False).ratio()
    if ratio >= 0.85:
        return None
    hardened = _dropped_hedges(source.title, target.title, HEADLINE_HEDGES) + [
        c for c in _has(HEADLINE_CERTAINTY, target.title) if c not in _has(HEADLINE_CERTAINTY, source.title)
    ]
    if not hardened:
        return None  # a headline reworded at the same strength is an honest rewrite
    detail = f"headline hardened: {', '.join(hardened)}"
    return Mutation(source.id, target.id, "framing", source.title, target.title, detail)
