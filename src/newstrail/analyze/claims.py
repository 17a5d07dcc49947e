"""Claims: every sentence scored for check-worthiness, with what a checker needs beside it.

:class:`ClaimStage` gives each sentence of ``Article.sentences`` a
:class:`~newstrail.core.article.Claim`: its check-worthiness ``score`` (see
:mod:`newstrail.analyze.checkworthy`) and whether it clears the model's threshold;
the index of the quotation it sits in (``Article.quotes``) and of the attribution that
introduces it (``Article.attributions``: the credit in the same sentence, else the one
that introduces its quotation). A check-worthy claim also carries its numbers
(:func:`newstrail.analyze.numbers.find_numbers`, with value, unit and what is counted)
and its named entities (:func:`find_entities`), all with offsets into ``Article.text``.

What the stored record keeps (record size matters at 100,000 articles): with
``claims_keep = "all"`` (the default) one claim per sentence, so a reader can rank or
re-threshold every sentence, but numbers and entities only on the check-worthy ones;
with ``"checkworthy"`` only the check-worthy claims. Scores are rounded to 3 decimals.

Entities are a cheap heuristic, not a trained recogniser (spaCy's would cost about
400 sentences/s, too slow for every claim of every article): runs of capitalised words
(with "of", "the", "de", "van"... inside), minus a sentence-initial common word, labelled
with the attribution stage's name vocabulary as ``outlet``, ``organisation`` or
``person`` (a title, or two or more words), ``place`` (one word after "in", "at",
"from", "near"..., or a run with a word such as "Pier", "Cape", "Valley"), else ``name``; month and weekday names are not entities.

>>> from newstrail.core.article import Article
>>> from newstrail.analyze.sentences import SentenceStage
>>> a = SentenceStage()(Article(text="The harbour board cut fares by 12% in Porthaven on Monday. What a lovely day!"))
>>> a = ClaimStage()(a)
>>> [(a.snippet(c.span)[:20], c.checkworthy) for c in a.claims]
[('The harbour board cu', True), ('What a lovely day!', False)]
>>> [(n.value, n.unit) for n in a.claims[0].numbers], [(e.text, e.label) for e in a.claims[0].entities]
([(12.0, '%')], [('Porthaven', 'place')])
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from collections.abc import Sequence
from itertools import accumulate
from dataclasses import dataclass, field

from newstrail.analyze.checkworthy import load_model
from newstrail.analyze.gazetteer import ORGANISATION_WORDS, SERVICE_LANGUAGES, is_adjective, is_country, is_demonym
from newstrail.analyze.sentences import split_sentences
from newstrail.core.article import CELL_SEPARATOR, Article, Claim, Entity, Number, Span
from newstrail.core.errors import ConfigError
from newstrail.analyze.names import classify_source
from newstrail.analyze.numbers import find_numbers

__all__ = ["KEEP", "ClaimStage", "ScoredSentence", "find_entities", "score_text"]

#: values of the ``claims_keep`` setting
KEEP = ("all", "checkworthy")

# a capitalised word, or an all-caps one ("PORTHAVEN", "NATO"), possibly hyphenated or possessive
_CAP = r"(?:[A-Z][\w’'&.-]*)"
# small words inside a name ("Bank of the North", "Ministry for Fisheries", "Van der Berg");
# not "and", which more often joins two names than sits inside one
_LINKS = r"(?:of the|of|de|del|der|van|von|al|la|le|du|da|di|for|&)"
_RUN = re.compile(rf"{_CAP}(?:[ \t]+(?:{_LINKS}[ \t]+)?{_CAP})*")
_NOT_ENTITIES = frozenset(
    """january february march april may june july august september october november december monday tuesday
    wednesday thursday friday saturday sunday jan feb mar apr jun jul aug sep sept oct nov dec i i'm i've i'd i'll""".split()
)
# capitalised only because they start the sentence
_COMMON_STARTS = frozenset(
    """the a an it its he she they we you this that these those there his her their our my but and so yet however
    meanwhile in on at after before when while if as by for with from to of officials police critics others some many
    most no none one two three four five six seven eight nine ten all both each every several residents experts
    analysts authorities sources according last next since until under over about nearly almost more less only even
    also still then now today yesterday tomorrow here what why how who where which thank thanks yes well oh let let's
    i'm we're it's that's there's during despite although though unlike like amid following asked just yet
    both either neither because unless once whereas engineers across among within without through throughout
    beyond behind inside outside near toward towards upon against along beside between""".split()
)
_PLACE_BEFORE = re.compile(r"\b(?:in|at|from|near|to|into|across|outside|inside|off|around|towards?)\s+$", re.I)
# words that make a capitalised run a place or a structure rather than a person ("Pier Nine", "Cape Ambrel")
_PLACE_WORDS = frozenset(
    """Pier Quay Street St Road Rd Avenue Bridge Square Harbour Harbor Bay Island Islands Valley River Lake Mount
    Cape Port Station Airport Park Hall Channel Sea Coast Strait Gulf Hills Mountains Province County District
    Region Township Prefecture Republic Kingdom City Town Village Lighthouse Tower Castle Beach Peninsula North South East West
    Point Cross Head Ness Ridge Creek Falls Heights Green Common Market Row Lane Way Place Gate Docks Wharf""".split()
)
_TITLES = re.compile(r"^(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Gov|Rep|Mayor|President|Minister|Captain|Capt|Judge|Chief|Lt|Col|Sgt|Inspector|Professor)\b\.?")


def find_entities(text: str, start: int = 0, end: int | None = None, outlets: frozenset[str] = frozenset()) -> list[Entity]:
    """Named entities in ``text[start:end]`` (a sentence), with offsets into ``text``.
    ``outlets`` are the names the article credits as outlets (the attribution stage's):
    they are outlets wherever they stand, digits and all ("Kanal9", "Haberhat 24").

    >>> [(e.text, e.label) for e in find_entities("Mayor Ilse Varga told the Kestrel Wire in Porthaven on Monday that fares rose.")]
    [('Mayor Ilse Varga', 'person'), ('Kestrel Wire', 'outlet'), ('Porthaven', 'place')]
    >>> [(e.text, e.label) for e in find_entities("During Veskaland election season, the Northern Front gained.")]
    [('Veskaland', 'name'), ('Northern Front', 'organisation')]
    """
    end = len(text) if end is None else end
    first = _first_word(text, start)
    found: list[Entity] = []
    for name, pattern in _outlet_patterns(outlets) if outlets else ():
        # searched within the sentence only (pos/endpos keep the look-behind on the text
        # before it): searching text[:end] for every sentence was quadratic in the article
        if text.find(name, start, end) < 0:
            continue  # (the pattern needs the name as written: a substring search says no at less cost)
        for m in pattern.finditer(text, start, end):
            if not any(e.span.start < m.end() and m.start() < e.span.end for e in found):
                found.append(Entity(Span(m.start(), m.end()), name, "outlet"))
    credited = list(found)
    for m in _RUN.finditer(text, start, end):
        run_start = m.start()
        if credited and any(e.span.start < m.end() and run_start < e.span.end for e in credited):
            continue
        for part in _run_parts(m.group()):
            entity = _entity(text, run_start, part, first, outlets)
            if entity is not None:
                found.append(entity)
    # the runs' entities come in order: only credited names need sorting in
    return sorted(found, key=lambda e: e.span.start) if credited else found


_WORD = re.compile(r"\S+")
_LINK_WORD = re.compile(_LINKS)


@functools.lru_cache(maxsize=256)
def _outlet_patterns(outlets: frozenset[str]) -> list[tuple[str, re.Pattern[str]]]:
    """The outlet names an article credits, longest first, each with its pattern; built once
    per article (its claims share one ``outlets``), not once per sentence."""
    names = sorted({re.sub(r"^(?:the|The)\s+", "", o) for o in outlets}, key=len, reverse=True)
    return [(name, re.compile(rf"(?<![\w]){re.escape(name)}(?![\w])")) for name in names]


def _split_adjectives(words: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """A run cut at its hyphenated adjectives, which are no part of a name: "Korvia-backed
    Ostreva" is Ostreva; "ISIS-funding Saudi Arabia" is Saudi Arabia."""
    pieces: list[list[tuple[int, int, str]]] = [[]]
    for word in words:
        if is_adjective(word[2].rstrip(".,’'")):
            pieces.append([])
        else:
            pieces[-1].append(word)
    return [p for p in pieces if p]


def _split_of(words: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """A run split at "of" after a person's name: "Ilse Varga of the Coastal Survey" is two."""
    for k, (_, _, w) in enumerate(words):
        if w == "of" and k >= 2:
            left = " ".join(x[2] for x in words[:k]).rstrip(".,")
            if _classify(left) == "person":
                rest = words[k + 1 :]
                if rest and rest[0][2] == "the":
                    rest = rest[1:]
                return [words[:k], *_split_of(rest)]
    return [words]


@dataclass(frozen=True)
class _Part:
    """A name a capitalised run may hold, with what its words alone say about it; offsets
    into the run. Whether it is an entity, and of what kind, may still turn on its place
    in the sentence (see :func:`_entity`)."""

    start: int
    end: int  # of its last word, before any trailing stop or possessive
    name: str
    lone: bool  # one word read as a person's: no name when it opens the sentence
    demonyms: bool  # all demonyms: no name before a lowercase word they describe
    label: str  # or _ONE_WORD / _SEVERAL: the words before it decide


@functools.lru_cache(maxsize=16384)  # runs repeat across sentences and articles
def _run_parts(run: str) -> tuple[_Part, ...]:
    """The names a capitalised run holds: its words cut at hyphenated adjectives and at
    "of" after a person's name, each piece trimmed of common words (see :func:`_part`)."""
    words = [(w.start(), w.end(), w.group()) for w in _WORD.finditer(run)]
    parts = (_part(run, p) for piece in _split_adjectives(words) for p in _split_of(piece))
    return tuple(p for p in parts if p is not None)


def _part(run: str, words: list[tuple[int, int, str]]) -> _Part | None:
    while words and (_bare(words[0][2]) in _NOT_ENTITIES or _bare(words[0][2]) in _COMMON_STARTS):
        words = words[1:]  # "The Kestrel Wire" is the Kestrel Wire; a leading "In", "But" is no name
    while words and (_bare(words[-1][2]) in _NOT_ENTITIES or _LINK_WORD.fullmatch(words[-1][2])):
        words = words[:-1]
    if not words:
        return None
    a, b = words[0][0], words[-1][1]
    name = run[a:b].rstrip(",’'")
    if name.endswith(".") and not re.search(r"(?:^|[\s.])[A-Z]\.$", name) and not re.search(r"\.[A-Za-z]+\.$", name):
        name = name[:-1]  # the sentence's full stop, not an initial ("J.") or a dotted abbreviation ("U.S.")
    if name.endswith(("’s", "'s")):
        name = name[:-2]
    if len(name) < 2 or _TITLES.fullmatch(name):
        return None
    lone = len(words) == 1 and _classify(words[0][2].rstrip(".,")) == "person" and not is_country(words[0][2].rstrip(".,"))
    demonyms = all(is_demonym(w.rstrip(".,")) and not is_country(w.rstrip(".,")) for _, _, w in words)
    return _Part(a, b, name, lone, demonyms, _name_label(name))


def _entity(text: str, run_start: int, part: _Part, first: int, outlets: frozenset[str]) -> Entity | None:
    """The entity a part of the run at ``run_start`` names in its sentence (whose first
    word is at ``first``), or None."""
    a = run_start + part.start
    if part.lone and a == first:
        return None  # one capitalised word opening the sentence is as likely a common word ("Proof has emerged")
    if part.demonyms and _describes(text, run_start + part.end):
        return None  # "Ostrevan officials", "a local Assyrian Christian militia": who they are, not a name
    name = part.name
    if outlets and (name in outlets or f"the {name}" in outlets or f"The {name}" in outlets):
        label = "outlet"
    elif part.label == _ONE_WORD:
        label = "place" if _PLACE_BEFORE.search(text, max(0, a - 12), a) else "name"
    elif part.label == _SEVERAL:
        before = text[max(0, a - 12) : a]
        label = "organisation" if _NOT_PERSON_BEFORE.search(before) else "place" if _PLACES_BEFORE.search(before) else "person"
    else:
        label = part.label
    return Entity(Span(a, a + len(name)), name, label)


# words after a capitalised word that leave it a noun: a verb of speech, a conjunction, a preposition
_NOT_DESCRIBED = frozenset(
    """said says told and or of in on at to from by for with who which that is was were has had have are will would
    can could may might should must did does do also then again""".split()
)


_FOLLOWING = re.compile(r"[ \t]+([a-z][\w-]*)")


def _describes(text: str, end: int) -> bool:
    """Whether the word after ``end`` is a lowercase word that the capitalised words before
    it describe ("officials" in "Ostrevan officials"), not a verb or a small word."""
    following = _FOLLOWING.match(text, end, end + 40)
    return following is not None and following.group(1) not in _NOT_DESCRIBED


@functools.lru_cache(maxsize=16384)  # words repeat across sentences and articles
def _bare(word: str) -> str:
    return word.lower().removesuffix("’s").removesuffix("'s").strip("’'.,")


def _first_word(text: str, start: int) -> int:
    """Offset of the first letter of the sentence that starts at ``start`` (after quotes, bullets)."""
    i = start
    while i < len(text) and not text[i].isalnum():
        i += 1
    return i


# names repeat across an article's sentences and a corpus's articles
_classify = functools.lru_cache(maxsize=8192)(classify_source)


# last words of a street or square's name
_STREETS = frozenset("Street St Road Rd Lane Avenue Square Quay Row Way Place Gate Boulevard Drive Wharf Bridge".split())
# before a run, words that say it is no person's name: an article ("the Northern Front"),
# "so-called", a possessive
_NOT_PERSON_BEFORE = re.compile(r"\b(?:the|a|an|so-called|its|their|our)\s+$", re.I)
# before a run of several words, words that say it is a place ("near Tell Saffan")
_PLACES_BEFORE = re.compile(r"\b(?:in|at|near|into|across|outside|inside|towards?)\s+$", re.I)


# labels of a name that the words before it decide: one word ("place" after "in", "at"...,
# else "name"), several words ("organisation" after "the", "place" after "in"..., else "person")
_ONE_WORD, _SEVERAL = "?one word", "?several words"


def _name_label(name: str) -> str:
    """A name's label as far as its own words tell, else ``_ONE_WORD`` or ``_SEVERAL``."""
    if is_country(name) or name.split()[-1] in _STREETS:
        return "place"  # a street's name wins over a word that names papers ("Telegraph Lane")
    kind = _classify(name)
    if kind != "person":
        return kind
    if _TITLES.match(name):
        return "person"
    words = name.split()
    if len(words) == 1:
        return _ONE_WORD
    if words[-1].lower() in ORGANISATION_WORDS:
        return "organisation"
    if words[-1].lower() in SERVICE_LANGUAGES:
        return "outlet"  # a publication's service in one language: "Sputnova Arabic"
    if any(w in _PLACE_WORDS for w in words):
        return "place"
    return _SEVERAL


# what find_numbers can find starts with a digit, a currency sign or a number word; most
# sentences have none, and the check is much cheaper than find_numbers' own pattern. Two
# passes: a character class first, then the words on the case-folded sentence (a third of
# one ``re.I`` pattern's cost; casefold also folds what ``re.I`` matches, as "ſix" to "six")
_MAYBE_FIGURE = re.compile(r"[\d$€£]")
_MAYBE_NUMBER_WORD = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands|dozens?|half|halve[sd])\b"
)


def _maybe_number(sentence: str) -> bool:
    """Whether ``sentence`` may hold a number :func:`find_numbers` finds (no miss; a few false alarms)."""
    return _MAYBE_FIGURE.search(sentence) is not None or _MAYBE_NUMBER_WORD.search(sentence.casefold()) is not None


def _numbers(text: str, span: Span) -> list[Number]:
    """The numbers of one sentence, with offsets into the article text."""
    sentence = text[span.start : span.end]
    if not _maybe_number(sentence):
        return []
    # built field by field: dataclasses.replace cost a fifth of this function
    shift = span.start
    return [Number(Span(n.span.start + shift, n.span.end + shift), n.text, n.value, n.unit, n.dimension, n.qualifier, n.what)
            for n in find_numbers(sentence)]


class _Overlaps:
    """An article's spans (its quotations', its attributions'), sorted by start, built once
    per article: :meth:`best` gives the one that overlaps a sentence most. Most sentences
    overlap none, which the largest end so far (``reach``) tells after one bisection."""

    def __init__(self, spans: list[Span]) -> None:
        self.spans = spans
        self.starts = [s.start for s in spans]
        self.reach = list(accumulate((s.end for s in spans), max))

    def best(self, span: Span) -> int | None:
        """Index of the span that overlaps ``span`` most (the later one of a tie), or None."""
        top = bisect.bisect_right(self.starts, span.end) - 1
        if top < 0 or self.reach[top] <= span.start:
            return None  # nothing starting before the sentence ends reaches into it
        best, best_overlap = None, 0
        for i in range(top, -1, -1):
            other = self.spans[i]
            overlap = min(span.end, other.end) - max(span.start, other.start)
            if overlap > best_overlap:
                best, best_overlap = i, overlap
            if other.end <= span.start and other.start < span.start - 2000:
                break  # spans are short: nothing further back can reach this sentence
        return best


@dataclass
class ClaimStage:
    """Per-article stage: ``Article.claims``, one scored claim per sentence (see the module doc).

    Requires ``text``, ``sentences``, ``attributions`` and ``quotes``; assigns ``claims``.
    ``threshold`` overrides the model's own (chosen on held-out data); ``keep`` is
    ``all`` or ``checkworthy``; ``model`` is a :class:`~newstrail.analyze.checkworthy.CheckworthyModel`
    (default: the shipped one of ``kind``, ``fast`` or ``accurate``, loaded on first use).
    """

    threshold: float | None = None
    keep: str = "all"
    model: object | None = field(default=None, repr=False, compare=False)
    kind: str = "fast"
    name: str = "claims"
    requires: tuple[str, ...] = ("text", "sentences", "attributions", "quotes")
    assigns: tuple[str, ...] = ("claims",)

    def __post_init__(self) -> None:
        if self.keep not in KEEP:
            raise ConfigError(f"claims_keep={self.keep!r}: use one of {', '.join(KEEP)}")

    def _model(self):
        if self.model is None:
            self.model = load_model(kind=self.kind)
        return self.model

    def __call__(self, article: Article) -> Article:
        article.claims = self.claims(article)
        article.stages.append(self.name)
        return article

    def process_many(self, articles: list[Article]) -> list[Article]:
        """The same over a batch: the sentences of all the articles scored at once (the
        features, the embeddings and their products in a few passes), to the last bit what
        one article at a time gives. Changes no article when it raises.

        >>> from newstrail.analyze.sentences import SentenceStage
        >>> done = ClaimStage().process_many([SentenceStage()(Article(text=t)) for t in ("Fares rose 12% in 2024.", "Thanks!")])
        >>> [[c.checkworthy for c in a.claims] for a in done]
        [[True], [False]]
        """
        many = getattr(self._model(), "score_many", None)  # (the fine-tuned model scores an article at a time)
        scores: Sequence[list[float] | None] = [None] * len(articles)  # None: claims() scores its article
        if many is not None:
            scores = many([[a.text[s.start : s.end] for s in a.sentences] for a in articles])
        found = [self.claims(a, s) for a, s in zip(articles, scores, strict=True)]
        for article, claims in zip(articles, found):
            article.claims = claims
            article.stages.append(self.name)
        return articles

    def claims(self, article: Article, scores: list[float] | None = None) -> list[Claim]:
        """The claims of ``article``; ``scores``: its sentences' check-worthiness, when the caller scored them."""
        text = article.text
        sentences = article.sentences
        if not sentences:
            return []
        model = self._model()
        threshold = model.threshold if self.threshold is None else self.threshold
        if scores is None:
            scores = model.score([text[s.start : s.end] for s in sentences])
        quotes = sorted(range(len(article.quotes)), key=lambda i: article.quotes[i].span.start)
        in_quotes = _Overlaps([article.quotes[i].span for i in quotes])
        attributed = sorted((a.span.start, i) for i, a in enumerate(article.attributions) if a.span is not None)
        in_attributions = _Overlaps([article.attributions[i].span for _, i in attributed])  # type: ignore[misc]
        outlets = frozenset(a.source for a in article.attributions if a.kind == "outlet") | frozenset(filter(None, [article.outlet]))
        credited = {w for a in article.attributions for w in _NAME_WORDS.findall(a.source.lower())}
        out: list[Claim] = []
        for span, score in zip(sentences, scores, strict=True):
            # a credit line or a table row (cells in a line: figures to read) is no statement to check
            sentence = text[span.start : span.end]
            worthy = score >= threshold and CELL_SEPARATOR not in sentence and not _credit_line(sentence, credited)
            if not worthy and self.keep == "checkworthy":
                continue
            k = in_quotes.best(span)
            quote = quotes[k] if k is not None else None
            j = in_attributions.best(span)
            attribution = attributed[j][1] if j is not None else None
            if attribution is None and quote is not None:
                attribution = article.quotes[quote].attribution
            claim = Claim(span=span, score=round(score, 3), checkworthy=worthy, quote=quote, attribution=attribution)
            if worthy:
                claim.numbers = _numbers(text, span)
                claim.entities = find_entities(text, span.start, span.end, outlets)
            out.append(claim)
        return _consistent(out)


_CREDIT_WORDS = frozenset("reports reported report writes wrote says said via source sources credit credits h t hat tip according to by from".split())


_NAME_WORDS = re.compile(r"[^\W\d_][\w'’-]*")


def _credit_line(sentence: str, credited: set[str]) -> bool:
    """A sentence that only names a source ("True Activist reports:", "Credit – Sputnova
    Arabic") claims nothing: it is a credit, read by the attribution stage. ``credited``:
    the words of the names the article credits."""
    if not credited:
        return False  # no credit in the article: no sentence of it is a credit line
    lowered = sentence.lower()
    if not any(w in lowered for w in credited):
        return False  # no credited word in it (a substring test per word: most sentences go here)
    words = _NAME_WORDS.findall(lowered)
    if not words or len(words) > 12:
        return False
    if not credited & set(words):
        return False
    return len([w for w in words if w not in credited and w not in _CREDIT_WORDS and w != "the"]) <= 1


def _consistent(claims: list[Claim]) -> list[Claim]:
    """One name, one kind across an article: a name the sentence alone could not type
    ("Mosul" opening a sentence) takes the kind it has elsewhere in the article."""
    kinds: dict[str, str] = {}
    for claim in claims:
        for entity in claim.entities:
            if entity.label != "name":
                kinds.setdefault(entity.text, entity.label)
    if not kinds:
        return claims  # no typed name to lend
    for claim in claims:
        if any(e.label == "name" and e.text in kinds for e in claim.entities):
            claim.entities = [dataclasses.replace(e, label=kinds[e.text]) if e.label == "name" and e.text in kinds else e for e in claim.entities]
    return claims


# ------------------------------------------------------------ scoring loose texts


@dataclass(frozen=True)
class ScoredSentence:
    """One sentence of a scored text: its index, offsets in the text, score and label."""

    index: int
    span: Span
    text: str
    score: float
    checkworthy: bool


def score_text(text: str, model=None, threshold: float | None = None) -> list[ScoredSentence]:
    """Split ``text`` into sentences and score each (``model``: default the shipped one).

    >>> [(s.index, s.checkworthy) for s in score_text("Fares rose 12% in 2024, the board said. Thanks, everyone!")]
    [(0, True), (1, False)]
    """
    model = model or load_model()
    threshold = model.threshold if threshold is None else threshold
    spans = split_sentences(text)
    scores = model.score([text[s.start : s.end] for s in spans])
    return [ScoredSentence(i, sp, text[sp.start : sp.end], round(sc, 3), sc >= threshold) for i, (sp, sc) in enumerate(zip(spans, scores, strict=True))]
