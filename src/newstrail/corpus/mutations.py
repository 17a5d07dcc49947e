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

import difflib
import re
from dataclasses import dataclass

from newstrail.analyze.numbers import compare, find_numbers
from newstrail.analyze.sentences import split_sentences
from newstrail.core.article import Article

HEDGES = (
    "appears to", "appear to", "appeared to", "seems to", "seem to", "suggests", "suggest", "suggested", "may", "might",
    "could", "reportedly", "allegedly", "possibly", "apparently", "unconfirmed", "not independently verified",
    "according to preliminary", "preliminary", "claims", "claimed", "likely", "unclear", "linked to", "associated with",
)
CERTAINTY = ("confirms", "confirmed", "proves", "proved", "proof", "clearly", "shows", "showed", "reveals", "revealed",
             "exposes", "exposed", "definitely", "undeniably", "cuts", "secret", "caught")
#: nouns for who acts in a claim; a changed modifier of one is a changed actor
ACTOR_NOUNS = frozenset(
    "drones drone aircraft planes jets ships forces troops soldiers fighters rebels militia militias militants army "
    "police officials official officers officer commander commanders government ministry authorities agents spies "
    "scientists researchers experts doctors company companies council councillors mayor minister leaders groups "
    "group operatives units unit navy coalition alliance governments".split()
)
_WORD = re.compile(r"[\w'’]+|[^\w\s]")
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

    def to_dict(self) -> dict:
        out = {"edge": {"from": self.source, "to": self.target}, "type": self.type, "from_text": self.from_text, "to_text": self.to_text}
        if self.detail:
            out["detail"] = self.detail
        return out


def _sentences(article: Article) -> list[str]:
    spans = article.sentences or split_sentences(article.text)
    return [article.text[s.start : s.end] for s in spans]


def _bag(sentence: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(sentence) if w[0].isalnum() and w.lower() not in _STOP}


def pair_sentences(source: Article, target: Article, floor: float = 0.4) -> list[tuple[str, str]]:
    """Each sentence of ``target`` with its most similar sentence of ``source``.

    Similarity is the overlap coefficient of content words (shared words over the
    smaller sentence's words), so a sentence that was shortened or extended still
    pairs with its source; a pair needs at least three shared words.
    """
    left = [(s, _bag(s)) for s in _sentences(source)]
    pairs = []
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
        if best is not None and best != sentence:
            pairs.append((best, sentence))
    return pairs


def _has(phrases, text: str) -> list[str]:
    low = f" {text.lower()} "
    return [p for p in phrases if re.search(rf"(?<![\w]){re.escape(p)}(?![\w])", low)]


def _numbers(a: str, b: str, source: str, target: str) -> list[Mutation]:
    found = []
    left, right = find_numbers(a), find_numbers(b)
    used: set[int] = set()
    for nb in right:
        # pair with the same dimension, preferring the same counted noun
        options = [(na.what == nb.what, -abs(i - right.index(nb)), i, na) for i, na in enumerate(left) if i not in used and na.dimension == nb.dimension]
        if not options:
            continue
        *_, i, na = max(options, key=lambda o: o[:3])
        used.add(i)
        verdict = compare(na, nb)
        if verdict in ("different", "close"):
            detail = "close: within 10%" if verdict == "close" else ""
            if verdict == "different" and na.value == nb.value:
                detail = f"qualifier: {na.qualifier or 'none'} -> {nb.qualifier or 'none'}"
            found.append(Mutation(source, target, "number", na.text, nb.text, detail))
    return found


_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def _segments(a: str, b: str) -> list[tuple[str, str, bool]]:
    """Replaced word runs of two sentences, as (old, new, same_noun). A replaced
    modifier keeps its noun ("unidentified drones" -> "alliance drones"), so the
    change reads on its own; ``same_noun`` says that is what happened."""
    ta, tb = _WORD.findall(a.translate(_QUOTES)), _WORD.findall(b.translate(_QUOTES))
    matcher = difflib.SequenceMatcher(a=[t.lower() for t in ta], b=[t.lower() for t in tb], autojunk=False)
    out = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "replace":
            continue
        noun = i2 < len(ta) and j2 < len(tb) and ta[i2].lower() == tb[j2].lower() and ta[i2].isalpha() and ta[i2].lower() not in _STOP
        if noun:
            i2, j2 = i2 + 1, j2 + 1
        out.append((" ".join(ta[i1:i2]), " ".join(tb[j1:j2]), noun))
    return out


def _wording(a: str, b: str, source: str, target: str) -> list[Mutation]:
    found = []
    dropped = [h for h in _has(HEDGES, a) if h not in _has(HEDGES, b)]
    added = [c for c in _has(CERTAINTY, b) if c not in _has(CERTAINTY, a)]
    if dropped or added:
        detail = "; ".join(filter(None, [f"dropped: {', '.join(dropped)}" if dropped else "", f"added: {', '.join(added)}" if added else ""]))
        found.append(Mutation(source, target, "hedge", a, b, detail))
    hedging = set(HEDGES + CERTAINTY)
    for left, right, same_noun in _segments(a, b):
        lw, rw = left.split(), right.split()
        if any(ch.isdigit() for ch in left + right) or len(lw) > 5 or len(rw) > 7:
            continue
        if {w.lower() for w in lw + rw} & hedging:
            continue
        # a name swapped in (capitalised inside the sentence), or who an actor noun
        # belongs to changed ("unidentified drones" -> "alliance drones")
        starts = (a.split()[:1] or [""])[0].strip('"“'), (b.split()[:1] or [""])[0].strip('"“')
        def names(words: list[str]) -> set[str]:
            return {w for w in words if w[:1].isupper() and w not in starts and w.lower() not in _STOP}

        new_names = names(rw) - names(lw)
        actor_noun = same_noun and (lw[-1].lower() in ACTOR_NOUNS or new_names)
        if lw and (actor_noun or (new_names and len(lw) <= 4 and len(rw) <= 4)):
            found.append(Mutation(source, target, "actor", left, right))
    return found


def _norm(text: str) -> str:
    return " ".join(w.lower() for w in _WORD.findall(text) if w[0].isalnum())


def _speaker_upstream(speaker: str | None, upstream: list[Article]) -> bool:
    if not speaker:
        return False
    names = {w.lower() for w in re.findall(r"[A-Z][\w'’-]+", speaker)} or {speaker.split()[-1].lower()}
    return any(names & {w.lower() for w in _WORD.findall(u.text)} for u in upstream)


def quote_mutations(article: Article, parent: Article, upstream: list[Article], borrowed: float) -> list[Mutation]:
    """Quotes in ``article`` that no upstream version holds: altered when one is close,
    invented when none is. New quotes in an article's own reporting are not mutations:
    only those in a copy (``borrowed``, the share of its text taken from upstream, is at
    least a third) or put in the mouth of someone the upstream versions name."""
    same_language = [u for u in upstream if u.language == article.language]
    if not same_language:
        return []
    found = []
    for quote in article.quotes:
        words = _norm(article.text[quote.span.start : quote.span.end])
        if len(words.split()) < 5 or any(words in _norm(u.text) for u in same_language):
            continue
        best, best_ratio = "", 0.0
        for u in same_language:
            for q in u.quotes:
                theirs = u.text[q.span.start : q.span.end]
                ratio = difflib.SequenceMatcher(a=_norm(theirs), b=words, autojunk=False).ratio()
                if ratio > best_ratio:
                    best, best_ratio = theirs, ratio
        text = article.text[quote.span.start : quote.span.end]
        if best_ratio >= 0.6:
            found.append(Mutation(parent.id, article.id, "quote", best, text, "altered"))
        elif borrowed >= 0.33 or _speaker_upstream(quote.speaker, same_language):
            who = f" to {quote.speaker}" if quote.speaker else ""
            found.append(Mutation(parent.id, article.id, "quote", "", text, f"invented: attributed{who}, in no upstream version"))
    return found


def counted_numbers(source: Article, target: Article) -> list[Mutation]:
    """Numbers that count the same thing ("rebel fighters") anywhere in both texts but
    differ: a paraphrase can move a figure to another sentence and still change it."""
    left: dict[str, list] = {}
    for n in find_numbers(source.text):
        if n.what and n.dimension in ("count", "money", "share"):
            left.setdefault(n.what, []).append(n)
    found = []
    for nb in find_numbers(target.text):
        options = left.get(nb.what) if nb.what else None
        if not options or any(compare(na, nb) == "equal" for na in options):
            continue
        na = options[0]
        if compare(na, nb) in ("different", "close"):
            found.append(Mutation(source.id, target.id, "number", na.text, nb.text, f"counts {nb.what}"))
    return found


_NAME = re.compile(r"(?<![\w'’])[A-Z][\w'’-]+")


def _places(sentence: str) -> set[str]:
    """Capitalised words inside a sentence (its first word left out): the places and names it is about."""
    names = _NAME.findall(sentence)
    first = _NAME.match(sentence.lstrip("\"“‘'( "))
    return {n for n in names if not (first and n == first.group(0) and sentence.lstrip("\"“‘'( ").startswith(n))}


def placed_numbers(source: Article, target: Article) -> list[Mutation]:
    """Distances and durations stated about the same named places in both texts that differ.

    A retelling often rewords the whole sentence around a figure ("Bakhdida city situated
    32 km of Mosul" -> "the city of Bakhdida, 19 miles from the city of Mosul"), so the
    sentences do not pair; two measurements of one dimension in sentences that share two
    or more names are taken to measure the same thing.
    """
    left = [(n, _places(s)) for s in _sentences(source) for n in find_numbers(s) if n.dimension in ("length", "time")]
    if not left:
        return []
    right = [(n, _places(s)) for s in _sentences(target) for n in find_numbers(s) if n.dimension in ("length", "time")]
    found: list[Mutation] = []
    reported: list = []
    for nb, names in right:
        options = [(na, theirs) for na, theirs in left if na.dimension == nb.dimension and len(names & theirs) >= 2]
        if not options or any(compare(na, nb) == "equal" for na, _ in options):
            continue
        na, theirs = options[0]
        # a target that still states the source's figure only mentions another one beside it
        # (a fact-check quoting the claim it corrects); "45 km (28 miles)" is one figure, said once
        if any(compare(na, other) == "equal" for other, _ in right) or any(compare(nb, r) == "equal" for r in reported):
            continue
        verdict = compare(na, nb)
        if verdict in ("different", "close"):
            detail = ("close: within 10%; " if verdict == "close" else "") + f"about {', '.join(sorted(names & theirs))}"
            found.append(Mutation(source.id, target.id, "number", na.text, nb.text, detail))
            reported.append(nb)
    return found


def compare_articles(source: Article, target: Article, numbers_only: bool = False) -> list[Mutation]:
    """Mutations along the edge ``source -> target`` (same language only).

    ``numbers_only`` compares just the figures: for two articles that quote the same
    words without copying one another, a figure that differs is still worth showing,
    while their wording differs by nature.
    """
    if source.language and target.language and source.language != target.language:
        return []
    found: dict[tuple[str, str, str], Mutation] = {}
    paired = [
        m
        for a, b in pair_sentences(source, target)
        for m in _numbers(a, b, source.id, target.id) + ([] if numbers_only else _wording(a, b, source.id, target.id))
    ]
    for mutation in paired + counted_numbers(source, target) + placed_numbers(source, target):
        # one figure reported once, whichever comparison found it first
        found.setdefault((mutation.type, mutation.from_text, mutation.to_text), mutation)
    framing = None if numbers_only else headline_change(source, target)
    return list(found.values()) + ([framing] if framing else [])


def headline_change(source: Article, target: Article) -> Mutation | None:
    """A re-framed headline: reworded beyond small edits, with what hardened if anything."""
    if not source.title or not target.title:
        return None
    ratio = difflib.SequenceMatcher(a=_norm(source.title), b=_norm(target.title), autojunk=False).ratio()
    if ratio >= 0.85:
        return None
    hardened = [h for h in _has(HEDGES, source.title) if h not in _has(HEDGES, target.title)] + [
        c for c in _has(CERTAINTY, target.title) if c not in _has(CERTAINTY, source.title)
    ]
    detail = f"headline hardened: {', '.join(hardened)}" if hardened else "headline reworded"
    return Mutation(source.id, target.id, "framing", source.title, target.title, detail)
