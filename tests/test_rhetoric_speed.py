"""The rhetoric stage's fast paths give what the definitions they replace give.

Training writes feature strings (``token_features``, ``span_features``) and the CRF is a
plain forward-backward; at run time the tagger's scores are summed per word type
(``Emitter``), the passes run over all sentences at once (``SpanTagger.inside``) and span
techniques come from per-word feature rows (``SpanScorer``). Each is checked here against
the definition, on text the team wrote about fictional places (with the awkward bits: a
"|" token, quotation marks, questions, exclamations, repeats, a one-word sentence, a
sentence cut inside a word).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from newstrail.analyze.rhetoric import classify, emissions, load_model
from newstrail.analyze.rhetoric.classify import SpanScorer
from newstrail.analyze.rhetoric.detector import learned_spans
from newstrail.analyze.rhetoric.emissions import Emitter
from newstrail.analyze.rhetoric.features import document, span_features, token_features, tokenize
from newstrail.analyze.rhetoric.lexicons import CLICHES
from newstrail.core.article import Span

TEXTS = [
    "Why would the Orrin council hide the “liberation” of the harbour? Nobody believes it!\n\n"
    "The shameful, corrupt cabal of admirals betrays the nation. The nation deserves better. The nation!",
    "Wait.\nA | B || C: the ferry levy rose to 4 crowns, said Councillor Ana Brask, \"a brutal, disgraceful betrayal\".",
    "EXTREMELY dangerous invaders flood the valley, the Tidewater Bulletin warns -- very, very dangerous.",
    "",
    "   \n\n  ",
]


def _reference_inside(tagger, features: list[list[str]]) -> np.ndarray:
    """P(inside) of one sentence in log space, the textbook way."""
    e = tagger.emissions(features)
    t = tagger.transitions
    n, k = e.shape
    fwd, bwd = np.zeros((n, k)), np.zeros((n, k))
    fwd[0] = e[0]
    for i in range(1, n):
        fwd[i] = np.logaddexp.reduce(fwd[i - 1][:, None] + t, axis=0) + e[i]
    for i in range(n - 2, -1, -1):
        bwd[i] = np.logaddexp.reduce(t + (e[i + 1] + bwd[i + 1])[None, :], axis=1)
    marg = fwd + bwd
    marg = np.exp(marg - np.logaddexp.reduce(marg, axis=1, keepdims=True))
    return marg[:, tagger.inside_labels].sum(axis=1)


@pytest.mark.parametrize("text", TEXTS)
def test_emissions_and_marginals_equal_the_feature_strings(text):
    model = load_model()
    doc = document(text)
    fresh = Emitter(model.tagger.index, model.tagger.weights, model.clusters)
    flat = fresh(doc)
    assert np.array_equal(flat, fresh(doc))  # a second look, from the kept word types, is the same
    inside = model.tagger.inside(flat, np.diff(doc.bounds))
    for i in range(len(doc.sentences)):
        a, b = doc.bounds[i], doc.bounds[i + 1]
        features = token_features(doc, i, model.clusters)
        assert len(features) == b - a
        if features:
            assert np.allclose(flat[a:b], model.tagger.emissions(features), rtol=0, atol=1e-9)
            assert np.allclose(inside[a:b], _reference_inside(model.tagger, features), rtol=0, atol=1e-9)


def test_the_word_type_table_starts_again_when_full(monkeypatch):
    model = load_model()
    monkeypatch.setattr(emissions, "MAX_TYPES", 12)
    emitter = Emitter(model.tagger.index, model.tagger.weights, model.clusters)
    for text in TEXTS[:3]:
        doc = document(text)
        scores = emitter(doc)
        assert len(emitter.types) <= max(12, len(set(doc.words)))
        expected = np.concatenate([model.tagger.emissions(token_features(doc, i, model.clusters)) for i in range(len(doc.sentences))
                                   if doc.bounds[i + 1] > doc.bounds[i]])
        assert np.allclose(scores, expected, rtol=0, atol=1e-9)


def test_a_sentence_cut_inside_a_word_is_tokenised_on_its_own():
    text = "The harbour master's ledger was sealed. Don't ask."
    cut = text.index("'s")  # a sentence edge inside "master's"
    spans = [Span(0, cut), Span(cut, 39), Span(40, len(text))]
    doc = document(text, spans)
    for i, s in enumerate(spans):
        assert doc.tokens[i] == tokenize(text, s.start, s.end)
    assert doc.sentence_words(0)[-1] == "master" and doc.sentence_words(1)[0] == "'"


@pytest.mark.parametrize("text", TEXTS[:3])
def test_span_scores_equal_the_feature_dicts(text):
    model = load_model()
    doc = document(text)
    spans = [(t.start, t.end, doc.sentence_of(t.start)) for t in tokenize(text)[::3]]
    spans += [(doc.sentences[i].start, doc.sentences[i].end, i) for i in range(len(doc.sentences))]
    spans.append((0, len(text), None))
    fast = model.scorer.scores(doc, spans)
    for row, (start, end, sent) in zip(fast, spans):
        assert np.allclose(row, model.classifier.scores(span_features(doc, start, end, sent, model.clusters)), rtol=0, atol=1e-9)


@hypothesis_settings(max_examples=40, deadline=None)
@given(st.text(alphabet="ab |“”\"'?!.,\n-’", max_size=80))
def test_odd_texts_score_as_their_feature_strings(text):
    model = load_model()
    doc = document(text)
    flat = model.emitter(doc)
    for i in range(len(doc.sentences)):
        features = token_features(doc, i, model.clusters)
        if features:
            assert np.allclose(flat[doc.bounds[i] : doc.bounds[i + 1]], model.tagger.emissions(features), rtol=0, atol=1e-9)


@hypothesis_settings(max_examples=60, deadline=None)
@given(st.text(alphabet="ab |“\"'?.\n-’", max_size=60), st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)), max_size=5))
def test_a_documents_sentences_hold_their_own_tokens(text, cuts):
    # sentences as given, in order: with gaps between them, overlapping, or cut inside a word
    spans = sorted(Span(min(a, len(text)), min(a + n, len(text))) for a, n in cuts)
    doc = document(text, spans)
    assert doc.bounds[-1] == len(doc.words) == len(doc.starts) == len(doc.ends)
    for i, s in enumerate(spans):
        assert doc.tokens[i] == tokenize(text, s.start, s.end)


def test_learned_spans_join_runs_within_a_sentence_and_trim_punctuation():
    doc = document("A b c. D e f g.", [Span(0, 6), Span(7, 15)])
    assert doc.bounds == [0, 4, 9]
    probs = [np.array([0.9, 0.1, 0.8, 0.9]), np.array([0.95, 0.2, 0.2, 0.7, 0.9])]
    # gap 1 joins "A" and "c ." over "b"; no run crosses the sentence edge; the full stops are trimmed
    spans = learned_spans(doc, probs, 0.5, gap=1)
    assert [(s, e, i) for s, e, _, i in spans] == [(0, 5, 0), (7, 8, 1), (13, 14, 1)]
    assert spans[0][2] == pytest.approx(0.6)
    # hysteresis: only the run that reaches 0.92 somewhere is kept
    assert [(s, e) for s, e, _, _ in learned_spans(doc, probs, 0.5, gap=1, keep=0.92)] == [(7, 8)]
    assert learned_spans(doc, [np.zeros(4), np.zeros(5)], 0.5) == []


def test_the_span_scorers_word_tables_start_again_when_full(monkeypatch):
    model = load_model()
    fresh = SpanScorer(model.classifier, model.clusters)
    monkeypatch.setattr(classify, "MAX_WORDS", 5)
    scorer = SpanScorer(model.classifier, model.clusters)
    for text in (TEXTS[0], TEXTS[1], TEXTS[0]):  # each text meets tables another filled past the bound
        doc = document(text)
        spans = [(s.start, s.end, i) for i, s in enumerate(doc.sentences)]
        assert np.allclose(scorer.scores(doc, spans), fresh.scores(doc, spans), rtol=0, atol=1e-12)
        assert len(scorer.types) == len(set(doc.words))  # the tables hold this text's words alone
        assert len(scorer.lows) == len(set(doc.lower))


def test_a_spans_cliche_is_found_through_the_articles_cliches():
    # a span's lower-cased text holds a cliché only if the article's does: no cliché holds a
    # sigma, the one letter whose lower case depends on the letter after it
    assert not any(set(c) & set("σςΣ") for c in CLICHES)
    text = "The Orrin council said the levy stays. Enough is enough, said the harbour master."
    doc = document(text)
    start = text.index("Enough")
    assert doc.cliches == ["enough is enough"]
    assert "cliche" in span_features(doc, start, start + 16, 1)
    assert "cliche" not in span_features(doc, 0, 16, 0)
    assert document("A calm day at the ferry.").cliches == []


def test_the_sentence_flags_of_training_are_the_documents_marks():
    doc = document("Who knew?” The ferry sank! Calm (really?) again. Fine.")
    asks, exclaims = doc.marks
    assert asks.tolist() == [True, False, False, False] and exclaims.tolist() == [False, True, False, False]
    for i in range(len(doc.sentences)):
        flags = [f for f in token_features(doc, i)[0] if f in ("sent?", "sent!", "title")]
        assert flags == [f for f, on in (("sent?", asks[i]), ("sent!", exclaims[i]), ("title", i == 0)) if on]
