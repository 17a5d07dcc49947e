"""Finding techniques in a text: the learned tagger, the technique classifier, and rules.

The learned part (:mod:`.model`) marks tokens whose probability of being inside a
propaganda span is over the model's threshold; each run of such tokens is a span,
scored by its mean probability. Three rules then add what a reader is sure to notice
even when the tagger is unsure, each shown with its own cue (spans may overlap):

* scare quotes — a short quoted passage ("liberation", “friendly”), from
  :func:`newstrail.analyze.quotes.scare_quotes`;
* rhetorical questions — a sentence of the author's (not inside a quotation) that ends
  with a question mark;
* loaded words — a word of :data:`.lexicons.RULE_LOADED` (strongly charged words only).

Every span, learned or ruled, gets its technique from the classifier over its words and
sentence (a rule may fix it: a loaded word is ``Loaded_Language``), and a one-line
explanation naming the cue.

>>> found = techniques_in('Why would they hide the “liberation” of the town? It was a massacre.')
>>> [t.explanation for t in found]
['rhetorical question casting doubt', "scare quotes around 'liberation'", "emotionally charged word 'massacre'"]
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Sequence
from itertools import compress

import numpy as np

from newstrail.core.article import Span, Technique
from newstrail.analyze.quotes import MIN_QUOTE_WORDS
from newstrail.analyze.rhetoric.features import Doc, document
from newstrail.analyze.rhetoric.finetuned import load_finetuned_tagger
from newstrail.analyze.rhetoric.lexicons import CLASSES, RULE_LOADED
from newstrail.analyze.rhetoric.model import Model, load_model

__all__ = ["RULE_SCORES", "inside_probabilities", "learned_spans", "rule_spans", "span_mean", "techniques_in", "techniques_many"]

#: the score a rule gives its span when the tagger's own probability there is lower
#: technique spans kept per text, highest scores first (a real article has tens; a text of
#: one slogan repeated for 5 MB had 320,000, which its stored record had to carry)
MAX_TECHNIQUES = 2000
#: characters of a text read for techniques: the longest real articles have some 100,000;
#: the indexes of a 4.8 MB text of 1.6 million one-letter tokens took 1 GB
MAX_TEXT_CHARS = 1_000_000
#: candidate spans (learned and ruled) named per text at most, the surest first (see _surest)
MAX_CANDIDATES = 5 * MAX_TECHNIQUES
RULE_SCORES = {"scare": 0.6, "question": 0.55, "loaded": 0.4}

_WORDS = re.compile(r"\w+(?:['’\-]\w+)*")
_QUESTION_CLAUSE = re.compile(
    r"[,;:—–]\s+((?:why|how|who|what|where|when|which|is|are|was|were|do|does|did|can|could|would|will|should|"
    r"isn['’]t|aren['’]t|doesn['’]t|don['’]t|didn['’]t|wouldn['’]t)\b[^,;:—–]*\?)\W*$",
    re.I,
)


#: tokens scored at once (whole sentences, at least one): a real article is one piece; a
#: hostile text of millions of tokens is scored piece by piece, in bounded memory
PIECE_TOKENS = 50_000


def inside_probabilities(doc: Doc, model: Model) -> list[np.ndarray]:
    """Per sentence, the tagger's probability that each token is inside a span."""
    flat, bounds = _inside(doc, model), doc.bounds
    return [flat[a:b] for a, b in zip(bounds, bounds[1:])]


def _inside(doc: Doc, model: Model) -> np.ndarray:
    """The tagger's probability that each token is inside a span, all tokens in their order."""
    pieces, first, bounds = [], 0, doc.bounds
    while first < len(doc.sentences):
        stop = min(len(doc.sentences), max(first + 1, bisect.bisect_right(bounds, bounds[first] + PIECE_TOKENS) - 1))
        pieces.append(model.tagger.inside(model.emitter(doc, first, stop), np.diff(bounds[first : stop + 1])))
        first = stop
    return (pieces[0] if len(pieces) == 1 else np.concatenate(pieces)) if pieces else np.zeros(0)


def learned_spans(doc: Doc, probs: Sequence[np.ndarray] | np.ndarray, threshold: float, gap: int = 0,
                  keep: float = 0.0) -> list[tuple[int, int, float, int]]:
    """``(start, end, score, sentence)`` of every run of tokens with ``probs`` over ``threshold``
    (``probs`` per sentence, as :func:`inside_probabilities` gives them, or one array over all tokens).

    Runs in one sentence at most ``gap`` tokens apart are joined (annotators mark whole
    phrases where the tagger may dip for a word); a run is kept only when some token in
    it reaches ``keep`` (hysteresis: a weak run next to nothing is noise); a run of
    punctuation alone is no span.
    """
    flat = probs if isinstance(probs, np.ndarray) else np.concatenate(probs) if len(probs) else np.zeros(0)
    over = np.flatnonzero(flat > threshold)
    if not len(over):
        return []
    # the runs of all sentences at once: a run starts where the sentence changes or the step
    # from the token before over the threshold is more than gap + 1
    sentence = np.searchsorted(np.asarray(doc.bounds), over, side="right") - 1
    head = np.ones(len(over), dtype=bool)
    head[1:] = (np.diff(over) > gap + 1) | (sentence[1:] != sentence[:-1])
    heads = np.flatnonzero(head)
    lasts = np.append(heads[1:], len(over)) - 1
    words, starts, ends, out = doc.words, doc.starts, doc.ends, []
    for a, b, i in zip(over[heads].tolist(), over[lasts].tolist(), sentence[heads].tolist()):
        # trim punctuation at the edges: spans start and end on words
        while a <= b and not words[a][0].isalnum() and words[a] not in "“\"‘'":
            a += 1
        while b >= a and not words[b][0].isalnum() and words[b] not in "”\"’'?!":
            b -= 1
        if a <= b:
            p = flat[a : b + 1]
            values = p.tolist()
            # (a run that starts on a word, as most do, holds one)
            if max(values) >= keep and (words[a][0].isalnum() or any(words[k][0].isalnum() for k in range(a + 1, b + 1))):
                out.append((starts[a], ends[b], _mean(values, p), i))
    return out


def _mean(values: list[float], array: np.ndarray) -> float:
    """The mean of ``values`` (``array`` as a list) as numpy gives it: numpy adds fewer than
    eight numbers in order, as Python's sum does (in a tenth of the time), and more pairwise
    (``np.add.reduce``, what ``array.mean()`` divides, without its wrapper's few microseconds)."""
    return sum(values) / len(values) if len(values) < 8 else float(_ADD(array)) / len(values)


_ADD = np.add.reduce


def rule_spans(doc: Doc, scare: Sequence[Span] | None = None) -> list[tuple[int, int, str, str]]:
    """``(start, end, rule, explanation)`` of the rule layer (see the module docstring)."""
    out = []
    # the scare quotes are the short quotations the document already found (as scare_quotes would)
    spans = [(s.start, s.end) for s in scare] if scare is not None else [(s, e) for s, e, words in doc.quoted if words < MIN_QUOTE_WORDS]
    for start, end in spans:
        word = doc.text[start:end]
        if _WORDS.search(word):
            out.append((start, end, "scare", f"scare quotes around '{word}'"))
    text = doc.text
    for s in doc.sentences if "?" in text else ():
        # a sentence that ends with "?" (white space aside), found without slicing every sentence
        q = text.rfind("?", s.start, s.end)
        if q < 0 or (q + 1 < s.end and not text[q + 1 : s.end].isspace()):
            continue
        sent = text[s.start : s.end]
        if len(_WORDS.findall(sent)) >= 3 and not doc.in_long_quote(s.start, s.end - 1):
            # "If X is so sure, why would it ...?": the question is the clause that asks
            clause = _QUESTION_CLAUSE.search(sent)
            start = s.start + clause.start(1) if clause else s.start
            out.append((start, s.end, "question", "rhetorical question"))
    # the loaded words of this text (every one starts with a letter, so is among the counted
    # words), then their places: one C-level pass over the tokens, none when there are none
    loaded = RULE_LOADED.intersection(doc.counts)
    for k in compress(range(len(doc.lower)), map(loaded.__contains__, doc.lower)) if loaded else ():
        start, end = doc.starts[k], doc.ends[k]
        if not doc.in_long_quote(start, end):
            out.append((start, end, "loaded", f"emotionally charged word '{doc.words[k]}'"))
    return out


#: the explanation of each technique whose explanation quotes its span and names no word of it
_SAYS = {
    "Name_Calling,Labeling": "label attached to a person or group",
    "Appeal_to_fear-prejudice": "appeal to fear",
    "Flag-Waving": "appeal to the nation or group",
    "Causal_Oversimplification": "one cause for a complex outcome",
    "Slogans": "slogan",
    "Appeal_to_Authority": "leans on an authority",
    "Black-and-White_Fallacy": "only two options offered",
    "Thought-terminating_Cliches": "phrase that ends the discussion",
    "Whataboutism,Straw_Men,Red_Herring": "deflects or distorts the argument",
    "Bandwagon,Reductio_ad_hitlerum": "appeal to the crowd or guilt by association",
}


def _explain(doc: Doc, technique: str, start: int, end: int) -> str:
    text = doc.text[start:end]
    short = text if len(text) <= 40 else text[:37].rstrip() + "..."
    says = _SAYS.get(technique)
    if says is not None:
        return f"{says}: '{short}'"
    if technique == "Repetition":
        n = doc.occurrences(text.lower(), start, end)
        return f"repeats '{short}' ({n} times in the text)" if n > 1 else f"repeats the words of '{short}'"
    if technique == "Doubt":
        return "rhetorical question casting doubt" if text.rstrip().endswith("?") else f"casts doubt: '{short}'"
    words = [w for w in doc.span_words(start, end) if w[0].isalnum()]
    low = list(map(str.lower, words))

    def cue(words_of: frozenset[str]) -> str | None:
        """The first of the span's words (as written) whose lower case ``words_of`` holds."""
        return next(compress(words, map(words_of.__contains__, low)), None)

    if technique == "Loaded_Language":
        w = cue(RULE_LOADED) or cue(CLASSES["label"])
        return f"emotionally charged word '{w}'" if w else f"emotionally charged wording '{short}'"
    if technique == "Exaggeration,Minimisation":
        w = cue(CLASSES["intens"])
        return f"exaggeration ('{w}')" if w else f"exaggerates or minimises: '{short}'"
    return f"{technique}: '{short}'"


def techniques_in(
    text: str,
    sentences: Sequence[Span] | None = None,
    scare: Sequence[Span] | None = None,
    model: Model | None = None,
    rules: bool = True,
    spans: str = "fast",
) -> list[Technique]:
    """Propaganda techniques in ``text``: spans with offsets into ``text`` exactly as given.

    ``sentences`` and ``scare`` (the scare quotes) are computed when not given. Only the
    first :data:`MAX_TEXT_CHARS` characters are read. ``spans`` picks what finds the
    learned spans: ``"fast"`` the model's CRF, ``"finetuned"`` the fine-tuned MiniLM
    tagger (:mod:`.finetuned`); the model's classifier names them either way.

    >>> [t.technique for t in techniques_in("It was a massacre.")]
    ['Loaded_Language']
    """
    model = model or load_model()
    doc, scare = _read(text, sentences, scare)
    if spans == "finetuned":
        tagger = load_finetuned_tagger()
        probs = tagger.inside(doc, _inside(doc, model) if tagger.mix else None)
        learned = learned_spans(doc, probs, tagger.threshold, tagger.gap)
        return _techniques(doc, model, probs, learned, scare, rules, tagger.rule_bar)
    probs = _inside(doc, model)
    learned = learned_spans(doc, probs, model.threshold, model.gap, model.keep)
    return _techniques(doc, model, probs, learned, scare, rules)


def techniques_many(texts: Sequence[tuple[str, Sequence[Span] | None, Sequence[Span] | None]],
                    model: Model | None = None) -> list[list[Technique]]:
    """:func:`techniques_in` of each ``(text, sentences, scare)`` (the fast spans, the rules on),
    the tagger's numpy work done once for them all: one emission pass and one forward-backward
    over the sentences of every text (a batch of articles costs fewer numpy calls than its
    articles one by one). The techniques are those :func:`techniques_in` gives each text.

    >>> [[t.technique for t in found] for found in techniques_many([("It was a massacre.", None, None), ("Calm.", None, None)])]
    [['Loaded_Language'], []]
    """
    model = model or load_model()
    read = [_read(text, sentences, scare) for text, sentences, scare in texts]
    docs = [doc for doc, _ in read]
    every = []
    for (doc, scare), probs in zip(read, _inside_many(docs, model)):
        learned = learned_spans(doc, probs, model.threshold, model.gap, model.keep)
        every.append((doc, probs, *_candidates(doc, probs, learned, scare, True)))
    # the spans of every text named at once (one product for them all, as for the tagger)
    named = model.scorer.techniques_many([(doc, _spans(asked)) for doc, _, _, _, asked in every])
    return [_named(doc, probs, learned, ruled, dict(zip(asked, names)), True)
            for (doc, probs, learned, ruled, asked), names in zip(every, named)]


def _read(text: str, sentences: Sequence[Span] | None, scare: Sequence[Span] | None) -> tuple[Doc, Sequence[Span] | None]:
    """The document of ``text`` (its first :data:`MAX_TEXT_CHARS` characters) and the scare quotes in them."""
    if len(text) > MAX_TEXT_CHARS:
        # offsets stay those of the whole text; only what lies in the first part is read
        text = text[:MAX_TEXT_CHARS]
        sentences = [s for s in sentences if s.end <= MAX_TEXT_CHARS] if sentences is not None else None
        scare = [s for s in scare if s.end <= MAX_TEXT_CHARS] if scare is not None else None
    return document(text, sentences), scare


def _inside_many(docs: Sequence[Doc], model: Model) -> list[np.ndarray]:
    """:func:`_inside` of each of ``docs``: documents of :data:`PIECE_TOKENS` tokens together
    scored at once (a longer one alone, piece by piece)."""
    out: list[np.ndarray] = [np.zeros(0)] * len(docs)
    group: list[int] = []
    tokens = 0
    for k in [*range(len(docs)), None]:  # (None: the end, where the last group is scored)
        size = len(docs[k].words) if k is not None else 0
        if group and (k is None or tokens + size > PIECE_TOKENS):
            together = [docs[i] for i in group]
            lengths = np.concatenate([np.diff(d.bounds) for d in together])
            flat = model.tagger.inside(model.emitter.many(together), lengths)
            for i, part in zip(group, np.split(flat, np.cumsum([len(d.words) for d in together])[:-1])):
                out[i] = part
            group, tokens = [], 0
        if k is not None and size > PIECE_TOKENS:
            out[k] = _inside(docs[k], model)
        elif k is not None:
            group.append(k)
            tokens += size
    return out


def _techniques(doc: Doc, model: Model, probs: np.ndarray, learned: list[tuple[int, int, float, int]],
                scare: Sequence[Span] | None, rules: bool, rule_bar: float | None = None) -> list[Technique]:
    """The techniques of ``doc``: its ``learned`` spans (``probs`` the tagger's, every token's)
    and, with ``rules``, the rule layer's, each named and explained; with ``rule_bar``, only
    the rule spans whose mean probability in ``probs`` reaches it."""
    learned, ruled, asked = _candidates(doc, probs, learned, scare, rules, rule_bar)
    named = dict(zip(asked, model.scorer.techniques(doc, _spans(asked))))
    return _named(doc, probs, learned, ruled, named, rules)


def _candidates(doc: Doc, probs: np.ndarray, learned: list[tuple[int, int, float, int]], scare: Sequence[Span] | None,
                rules: bool, rule_bar: float | None = None) -> tuple[list[tuple[int, int, float, int]], list[tuple[int, int, str, str]], dict[tuple[int, int], int | None]]:
    """The spans of ``doc`` to name (see :func:`_techniques`): the learned and the ruled ones kept
    (:func:`_surest`), and the sentence of each place the classifier names (:func:`_asked`)."""
    ruled = rule_spans(doc, scare) if rules else []
    if rule_bar is not None:
        # the fine-tuned tagger vets the rules' spans too: a scare quote, question or loaded
        # word it does not mark is dropped (on the dev fold the rules' extra spans cost
        # precision: span F1 0.423 with all of them against 0.448)
        ruled = [r for r in ruled if span_mean(doc, probs, r[0], r[1]) >= rule_bar]
    learned, ruled = _surest(doc, probs, learned, ruled)
    return learned, ruled, _asked(doc, learned, ruled)


def _named(doc: Doc, probs: np.ndarray, learned: list[tuple[int, int, float, int]], ruled: list[tuple[int, int, str, str]],
           named: dict[tuple[int, int], str], rules: bool) -> list[Technique]:
    """The techniques of ``learned`` and ``ruled`` spans, ``named`` the classifier's technique of each place asked."""
    out: list[Technique] = []
    for start, end, score, sent in learned:
        technique = named[(start, end)]
        out.append(Technique(Span(start, end), technique, round(min(1.0, score), 3), _explain(doc, technique, start, end)))
    if rules:
        # spans may overlap, as in the corpus: a scare quote or a question inside a longer
        # learned span is still shown with its own cue; a loaded word is dropped only when
        # a learned Loaded_Language span around it already names it
        # (nested spans change no SI score: the scorer merges overlapping predictions)
        at = {(t.span.start, t.span.end): t for t in out}
        covers: _Cover | None = None
        for start, end, rule, why in ruled:
            score = _rule_score(doc, probs, start, end, rule)
            same = at.get((start, end))
            if same is not None:
                # the tagger found the very span: the rule names its cue
                if rule != "loaded" or same.technique == "Loaded_Language":
                    same.explanation = why if not (rule == "question" and same.technique == "Doubt") else "rhetorical question casting doubt"
                    same.score = max(same.score, score)
                continue
            technique = "Loaded_Language" if rule == "loaded" else named[(start, end)]
            if rule == "loaded":
                # loaded words come last among the rules, so the spans that may name them are all in
                # ``out`` now; a loaded word added here covers no other word
                covers = covers or _Cover([t.span for t in out if t.technique == technique])
                if covers.holds(start, end):
                    continue  # the covering span's explanation already names the word
            if why == "rhetorical question" and technique == "Doubt":
                why = "rhetorical question casting doubt"
            at[(start, end)] = Technique(Span(start, end), technique, score, why)
            out.append(at[(start, end)])
    if len(out) > MAX_TECHNIQUES:  # no article has that many: keep the surest, in text order
        out = sorted(out, key=lambda t: (-t.score, t.span.start))[:MAX_TECHNIQUES]
    out.sort(key=lambda t: (t.span.start, t.span.end, t.technique))
    return out


def _rule_score(doc: Doc, probs: np.ndarray, start: int, end: int, rule: str) -> float:
    """A rule span's score: the rule's own, or the tagger's mean probability over the span's
    tokens when that is higher."""
    return round(min(1.0, max(RULE_SCORES[rule], span_mean(doc, probs, start, end))), 3)


def span_mean(doc: Doc, probs: np.ndarray, start: int, end: int) -> float:
    """The tagger's mean probability over the tokens starting in ``start..end`` of one
    sentence (0 when none does).

    >>> doc = document("Vile lies again.")
    >>> span_mean(doc, np.array([0.8, 0.4, 0.0, 0.0]), 0, 9)
    0.6000000000000001
    """
    at_sent = doc.sentence_of(start)
    if at_sent is None:
        return 0.0
    lo, hi = doc.bounds[at_sent], doc.bounds[at_sent + 1]
    first, stop = bisect.bisect_left(doc.starts, start, lo, hi), bisect.bisect_left(doc.starts, end, lo, hi)
    if stop <= first:
        return 0.0
    inside = probs[first:stop]
    return _mean(inside.tolist(), inside)


def _surest(doc: Doc, probs: np.ndarray, learned: list[tuple[int, int, float, int]],
            ruled: list[tuple[int, int, str, str]]) -> tuple[list[tuple[int, int, float, int]], list[tuple[int, int, str, str]]]:
    """At most :data:`MAX_CANDIDATES` spans to name, the surest first chosen (each list kept
    in its order): a text of 800,000 scare quotes would otherwise have every one classified
    (1.6 GB at the input cap) before the :data:`MAX_TECHNIQUES` kept were chosen. A text
    with fewer candidates, every real article, is not touched."""
    if len(learned) + len(ruled) <= MAX_CANDIDATES:
        return learned, ruled
    ranked = [(-round(min(1.0, score), 3), start, 0, i) for i, (start, _, score, _) in enumerate(learned)]
    ranked += [(-_rule_score(doc, probs, start, end, rule), start, 1, i) for i, (start, end, rule, _) in enumerate(ruled)]
    kept = heapq.nsmallest(MAX_CANDIDATES, ranked)
    chosen = ({i for _, _, which, i in kept if which == 0}, {i for _, _, which, i in kept if which == 1})
    return [x for i, x in enumerate(learned) if i in chosen[0]], [x for i, x in enumerate(ruled) if i in chosen[1]]


def _asked(doc: Doc, learned: list[tuple[int, int, float, int]], ruled: list[tuple[int, int, str, str]]) -> dict[tuple[int, int], int | None]:
    """The places the classifier names, each with its sentence: every learned span and every
    scare quote or question at a place no span before it holds (a loaded word is Loaded_Language)."""
    asked: dict[tuple[int, int], int | None] = {(start, end): sent for start, end, _, sent in learned}
    for start, end, rule, _ in ruled:
        if rule != "loaded" and (start, end) not in asked:
            asked[(start, end)] = doc.sentence_of(start)
    return asked


def _spans(asked: dict[tuple[int, int], int | None]) -> list[tuple[int, int, int | None]]:
    """``(start, end, sentence)`` of each place of :func:`_asked`, as the scorer takes them."""
    return [(s, e, sent) for (s, e), sent in asked.items()]


class _Cover:
    """Spans sorted by start with the furthest end so far: whether one holds ``start..end`` by bisect."""

    def __init__(self, spans: Sequence[Span]) -> None:
        ordered = sorted((s.start, s.end) for s in spans)
        self.starts = [s for s, _ in ordered]
        self.reach: list[int] = []
        for _, e in ordered:
            self.reach.append(max(e, self.reach[-1]) if self.reach else e)

    def holds(self, start: int, end: int) -> bool:
        k = bisect.bisect_right(self.starts, start)
        return bool(k) and self.reach[k - 1] >= end
