"""The claims stage over a batch of articles gives, to the last bit, what it gives one
article at a time; the engines run it (and the fact-check stage, which reads its claims)
over the batch; an article it fails on is reported and skipped, the others kept.

Every sentence here is the team's own, about fictional places and outlets.
"""

from __future__ import annotations

import numpy as np

from newstrail import Article, Settings, StageError
from newstrail.analyze import checkworthy
from newstrail.analyze.checkworthy import SCORE_CHUNK, load_model
from newstrail.analyze.claims import ClaimStage
from newstrail.analyze.quotes import QuoteStage
from newstrail.analyze.attributions import AttributionStage
from newstrail.analyze.sentences import SentenceStage
from newstrail.embeddings import _POSITIONS, get_embedder, split_chunks
from newstrail.engines.local import over_the_batch, process_many
from newstrail.engines.stages import build_pipeline

SENTENCES = [
    "The Porthaven ferry board cut fares by 12% on Monday, the Kestrel Wire reported.",
    "“We cannot keep the night crossing,” said Mayor Ilse Varga of Velmora.",
    "What a lovely evening on the quay!",
    "Forty-two trawlers left Cape Ambrel after the storm warning was lifted.",
    "Thank you all for coming.",
    "The harbour levy rose from 4.1% to 6.3% in 2024, according to the Tollby council.",
]


def _articles(count: int) -> list[Article]:
    """Articles of a few of the sentences each; one long enough for several scoring pieces,
    one with a sentence of more tokens than the embedder adds position by position, one empty."""
    texts = [" ".join(SENTENCES[k % 6 : k % 6 + 1 + k % 4]) for k in range(count)]
    texts[1] = " ".join(SENTENCES * (SCORE_CHUNK // 3))  # over SCORE_CHUNK sentences
    texts[2] = "The survey counted " + ", ".join(f"{k} gulls at Pier {k}" for k in range(80)) + "."
    texts[3] = ""
    stages = [SentenceStage(), AttributionStage(), QuoteStage()]
    out = []
    for k, text in enumerate(texts):
        article = Article(id=f"a{k}", text=text)
        for stage in stages:
            article = stage(article)
        out.append(article)
    return out


def test_the_batch_scores_every_sentence_as_one_article_at_a_time_to_the_last_bit():
    model = load_model(kind="fast")
    texts = [[a.text[s.start : s.end] for s in a.sentences] for a in _articles(90)]
    assert len(texts[1]) > SCORE_CHUNK and max(len(c) for t in texts for c in split_chunks(t)) > _POSITIONS
    assert model.score_many(texts) == [model.score(t) for t in texts]  # exact floats, not approximate


def test_a_batch_scored_in_many_small_passes_gives_the_same_scores(monkeypatch):
    model = load_model(kind="fast")
    texts = [[a.text[s.start : s.end] for s in a.sentences] for a in _articles(30)]
    whole = model.score_many(texts)
    monkeypatch.setattr(checkworthy, "_CHARS_AT_ONCE", 300)  # a pass every few sentences
    assert model.score_many(texts) == whole == [model.score(t) for t in texts]


def test_the_claims_stage_over_a_batch_gives_what_it_gives_one_by_one():
    stage = ClaimStage()
    one = [stage(a) for a in _articles(40)]
    many = stage.process_many(_articles(40))
    assert [a.claims for a in many] == [a.claims for a in one]
    assert [a.stages for a in many] == [a.stages for a in one]
    assert sum(c.checkworthy for a in one for c in a.claims) > 10 and any(c.entities for a in one for c in a.claims)


def test_many_texts_add_their_token_rows_in_the_order_each_text_alone_adds_them():
    embedder = get_embedder("fast")
    texts = [SENTENCES[k % 6] * (1 + k % 3) for k in range(3 * _POSITIONS)] + ["", " ".join(SENTENCES * 9)]
    together = embedder.encode(texts)  # position by position (many texts)
    alone = np.vstack([embedder.encode([t]) for t in texts])  # text by text
    assert np.array_equal(together, alone)
    assert not together[-2].any() and together[-1].any()


def test_claims_and_the_factcheck_stage_run_over_the_batch_and_a_stage_in_turn_keeps_what_it_reads():
    names = [s.name for s in over_the_batch(build_pipeline(Settings()).stages)]
    assert names == ["claims", "rhetoric", "factchecks"]

    class Reader:  # a stage without a batch method that reads the claims, then one that writes them
        name, requires, assigns = "reader", ("claims",), ("meta",)

        def __call__(self, article: Article) -> Article:
            return article

    class Writer(Reader):
        name, requires, assigns = "writer", ("text",), ("claims",)

    class Other(Reader):  # a stage that touches none of the claims' fields
        name, requires, assigns = "other", ("text",), ("outlet_domain",)

    stages = [SentenceStage(), AttributionStage(), QuoteStage(), ClaimStage()]
    assert [s.name for s in over_the_batch([*stages, Reader(), Other()])] == ["claims", "reader"]  # pulled in after it
    assert [s.name for s in over_the_batch([*stages, Other(), Writer(), Reader()])] == ["claims", "writer", "reader"]
    # a stage before claims that touches its fields stays in its turn, before it
    assert [s.name for s in over_the_batch([Writer(), *stages, Other()])] == ["claims"]


def test_an_article_the_claims_stage_fails_on_in_a_batch_is_reported_and_the_others_go_on():
    articles = _articles(5)
    articles[2].sentences = ["not a sentence"]  # type: ignore[list-item]  # what a buggy earlier stage might leave
    before = [list(a.stages) for a in articles]
    done = process_many(articles, [ClaimStage()])
    assert isinstance(done[2], StageError) and "a2" in str(done[2])
    kept = [a for a in done if isinstance(a, Article)]
    assert [a.id for a in kept] == ["a0", "a1", "a3", "a4"]
    assert [a.stages for a in kept] == [[*before[k], "claims"] for k in (0, 1, 3, 4)]
    assert [a.claims for a in kept] == [ClaimStage()(a).claims for a in _articles(5) if a.id != "a2"]
