"""Stages over a batch of articles: the rhetoric stage's batch path gives what it gives one by
one, and an article a stage fails on in a batch is reported and skipped, the others kept.

Every article here is written by the team about fictional outlets and events.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newstrail import Article, Settings, StageError, analyze, open_store
from newstrail.analyze import Pipeline
from newstrail.analyze.rhetoric import RhetoricStage, load_model, techniques_in, techniques_many
from newstrail.analyze.rhetoric import classify
from newstrail.analyze.rhetoric.detector import PIECE_TOKENS, _inside, _inside_many
from newstrail.analyze.rhetoric.features import document
from newstrail.analyze.sentences import SentenceStage
from newstrail.engines.local import process_many
from newstrail.engines.stages import StageContext, build_pipeline

TEXTS = [
    "Harbor Ferries Raise Fares\n\nThe Saltmarsh council voted on Tuesday to raise the ferry levy. "
    "Critics called it a shameful, disgraceful betrayal of island families. Why would the council hide the “review”?",
    "Pier 9 reopened on Monday after repairs to nineteen pilings, the Tidewater Bulletin reports.",
    "",
    "!!! ??? ...",
    "“This is the end of our village,” said Ana Brask, who has fished from Carrow for forty years. "
    "The so-called “consultation” lasted one afternoon. A brutal, catastrophic decision, and they know it!",
    "Stop the levy now. Stop the levy now. Stop the levy now.",
]


def _articles(texts: list[str]) -> list[Article]:
    return [SentenceStage()(Article(id=f"a{k}", text=text)) for k, text in enumerate(texts)]


def _key(article: Article) -> list[tuple[int, int, str, float, str]]:
    return [(t.span.start, t.span.end, t.technique, t.score, t.explanation) for t in article.rhetoric]


def test_the_rhetoric_batch_gives_what_one_by_one_gives():
    stage = RhetoricStage()
    one = [stage(a) for a in _articles(TEXTS)]
    many = stage.process_many(_articles(TEXTS))
    assert [_key(a) for a in many] == [_key(a) for a in one]
    assert any(_key(a) for a in one)  # (the texts hold techniques to compare)
    assert all(a.stages[-1] == "rhetoric" for a in many)
    # the same through techniques_many, sentences split there
    assert [[(t.span, t.technique, t.score) for t in found] for found in techniques_many([(t, None, None) for t in TEXTS])] == \
        [[(t.span, t.technique, t.score) for t in techniques_in(t)] for t in TEXTS]


def test_the_batched_probabilities_match_one_by_one_and_a_long_text_goes_alone():
    model = load_model()
    long_text = "The vile levy failed again. " * (PIECE_TOKENS // 5)  # over PIECE_TOKENS tokens: scored alone
    docs = [document(text) for text in [*TEXTS, long_text]]
    assert len(docs[-1].words) > PIECE_TOKENS
    for alone, together in zip([_inside(d, model) for d in docs], _inside_many(docs, model)):
        assert alone.shape == together.shape
        assert np.allclose(alone, together, rtol=0, atol=1e-9)


def test_the_spans_of_many_texts_are_named_as_each_text_alone_to_the_last_bit(monkeypatch):
    model = load_model()
    docs = [document(text) for text in TEXTS]
    asked = []
    for doc in docs:
        # every sentence whole, its first word, and a span read with no sentence (a rule's place
        # between sentences); a text of no sentence asks nothing
        spans = [(s.start, s.end, i) for i, s in enumerate(doc.sentences)]
        spans += [(doc.starts[0], doc.ends[0], 0), (0, len(doc.text), None)] if doc.words else []
        asked.append((doc, spans))
    alone = [model.scorer.scores(doc, spans) if spans else np.zeros((0, len(model.classifier.classes))) for doc, spans in asked]
    together = np.concatenate(alone)
    flat = [(doc, span) for doc, spans in asked for span in spans]
    assert len(flat) > 20 and any(not spans for _, spans in asked)
    assert np.array_equal(model.scorer._scores(flat), together)  # one product over all the texts
    named = [model.scorer.techniques(doc, spans) for doc, spans in asked]
    assert len({t for names in named for t in names}) > 1  # (the spans are named differently)
    assert model.scorer.techniques_many(asked) == named
    # split over several products (a batch of thousands of spans): the same names
    monkeypatch.setattr(classify, "BATCH", 3)
    assert model.scorer.techniques_many(asked) == named
    assert model.scorer.techniques_many([]) == []


@dataclass
class Fussy:
    """A stage that fails on an article whose text mentions a kraken, one by one and in a batch."""

    name: str = "fussy"
    requires: tuple[str, ...] = ("text",)
    assigns: tuple[str, ...] = ("meta",)
    batches: int = 0

    def __call__(self, article: Article) -> Article:
        if "kraken" in article.text:
            raise ValueError("no krakens")
        article.meta["fussy"] = True
        article.stages.append(self.name)
        return article

    def process_many(self, articles: list[Article]) -> list[Article]:
        self.batches += 1
        if any("kraken" in a.text for a in articles):
            raise ValueError("no krakens")
        return [self(a) for a in articles]


def test_a_failing_article_in_a_batch_is_reported_and_the_others_go_on():
    fussy = Fussy()
    texts = ["The pier closed.", "A kraken was sighted off Carrow.", "The pier reopened."]
    done = process_many(_articles(texts), [fussy, RhetoricStage()])
    assert fussy.batches == 1  # tried at once, then one by one to find the kraken
    assert isinstance(done[1], StageError) and "a1" in str(done[1]) and "no krakens" in str(done[1])
    kept = [a for a in done if isinstance(a, Article)]
    assert [a.id for a in kept] == ["a0", "a2"]
    assert [a.meta.get("fussy") for a in kept] == [True, True]
    assert [a.stages[-1] for a in kept] == ["rhetoric", "rhetoric"]
    # a batch without a kraken is taken at once
    assert all(isinstance(a, Article) for a in process_many(_articles(texts[::2]), [fussy]))
    assert fussy.batches == 2


def test_analyze_in_batches_stores_what_one_at_a_time_stores_and_fails_only_the_bad_article(tmp_path: Path):
    feed = tmp_path / "feed.jsonl"
    rows = [{"id": f"n{k}", "title": f"Story {k}", "text": text} for k, text in enumerate(TEXTS + ["A kraken ate the ferry timetable."]) if text.strip()]
    feed.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    stored = {}
    for size in (1, 3):
        settings = Settings(db=str(tmp_path / f"b{size}.db"), batch_size=size, min_text_chars=0)
        with open_store(settings.db) as store:
            pipeline = Pipeline([*build_pipeline(settings, StageContext(store)).stages, Fussy()])
            outcomes = list(analyze([str(feed)], settings, store, pipeline=pipeline))
        assert [o.status for o in outcomes].count("failed") == 1
        failed = next(o for o in outcomes if o.status == "failed")
        assert "no krakens" in str(failed.error)
        stored[size] = {o.article.id: (_key(o.article), o.article.stages) for o in outcomes if o.article is not None}
        # rhetoric ran last, over the batch, and its name is in its place among the stages, as
        # the pipeline run on an article alone puts it
        alone = pipeline(Article(id="x", text=TEXTS[0])).stages
        assert alone[-2:] == ["rhetoric", "fussy"] and all(names == alone for _, names in stored[size].values())
    assert stored[1] == stored[3] and len(stored[3]) == len(rows) - 1
    assert any(found for found, _ in stored[3].values())


def test_a_failing_batch_leaves_every_article_as_it_was_in_both_span_modes():
    # one by one again after a failed batch must not name the stage twice on the articles before
    for spans in ("fast", "finetuned"):
        stage = RhetoricStage(spans=spans)
        good, bad = _articles(["A shameful, disgraceful betrayal of the island.", "Calm seas."])
        bad.sentences = ["not a sentence"]  # type: ignore[list-item]  # what a buggy earlier stage might leave
        try:
            stage.process_many([good, bad])
        except Exception:  # noqa: BLE001 — which exception the bad article raises is not the point
            pass
        else:
            raise AssertionError("the bad article should make the batch raise")
        assert good.stages == ["sentences"] and good.rhetoric == []
        done = process_many([good, bad], [stage])
        assert isinstance(done[0], Article) and done[0].stages == ["sentences", "rhetoric"]
        assert isinstance(done[1], StageError)


@dataclass
class Silent:
    """A batch stage that sometimes does not name itself (as a stage that skips an article may)."""

    name: str = "silent"
    requires: tuple[str, ...] = ("text",)
    assigns: tuple[str, ...] = ("meta",)

    def __call__(self, article: Article) -> Article:
        article.meta["silent"] = True
        if "pier" in article.text:
            article.stages.append(self.name)
        return article

    def process_many(self, articles: list[Article]) -> list[Article]:
        return [self(a) for a in articles]


@dataclass
class Tag:
    """A stage run in its turn (no batch method) that names itself."""

    name: str = "tag"
    requires: tuple[str, ...] = ("text",)
    assigns: tuple[str, ...] = ()

    def __call__(self, article: Article) -> Article:
        article.stages.append(self.name)
        return article


def test_names_of_stages_run_over_the_batch_go_back_in_their_places():
    stages = [SentenceStage(), Silent(), RhetoricStage(), Tag()]
    for text in ("The pier closed.", "The ferry closed."):
        alone = Tag()(RhetoricStage()(Silent()(SentenceStage()(Article(id="x", text=text))))).stages
        assert alone[-2:] == ["rhetoric", "tag"]
        done = process_many([Article(id="a", text=text), Article(id="b", text=text)], stages)
        assert [a.stages for a in done if isinstance(a, Article)] == [alone, alone]
