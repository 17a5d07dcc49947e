"""Check-worthiness features, the shipped model's behaviour, and the claims stage.

Every sentence and article is written by the team about fictional places, people and outlets.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstrail import Article, Pipeline, Settings
from newstrail.analyze.attributions import AttributionStage
from newstrail.analyze.checkworthy import FEATURES, CheckworthyModel, embedder_for, features, load_model, model_path, terms
from newstrail.analyze.claims import ClaimStage, find_entities, score_text
from newstrail.core.textio import read_texts
from newstrail.analyze.quotes import QuoteStage
from newstrail.analyze.sentences import SentenceStage
from newstrail.engines.stages import REGISTRY, StageContext
from newstrail.core.article import Claim, Entity, Number, Span
from newstrail.core.errors import BadRecord, ConfigError, StageError

PAIRS = Path(__file__).parent / "data" / "checkworthy_pairs.tsv"


def feature(sentence: str, name: str) -> float:
    return dict(zip(FEATURES, features(sentence), strict=True))[name]


# ------------------------------------------------------------------ features


@pytest.mark.parametrize(
    ("sentence", "name", "value"),
    [
        ("Fares rose 12% in 2023.", "percent", 1.0),
        ("Fares rose twelve per cent.", "percent", 1.0),
        ("Fares rose a lot.", "percent", 0.0),
        ("The quay cost $4 million.", "money", 1.0),
        ("The quay was expensive.", "money", 0.0),
        ("The pier closed in 1987.", "year", 1.0),
        ("The pier closed in 1987.", "has_digit", 1.0),
        ("The pier closed on Tuesday.", "date_word", 1.0),
        ("Mayor Ilse Varga met the Kestrel Wire.", "capitalised", 4 / 6),
        ("Police said the fire was arson, according to the report.", "reporting", 1.0),
        ("The line closed because of the storm.", "causal", 1.0),
        ("Exports doubled and prices fell.", "change", 2 / 3),
        ("I think my plan is good.", "first_singular", 2 / 3),
        ("We know our town.", "first_plural", 2 / 3),
        ("You know your rights.", "second_person", 2 / 3),
        ("We should be proud.", "opinion", 2 / 3),
        ("It might perhaps rain.", "hedge", 1.0),
        ("Will the pier hold?", "question", 1.0),
        ('"Will the pier hold?" she asked.', "question", 0.0),
        ("Thank you, thank you!", "filler", 2 / 3),
        ("Thank you, thank you!", "exclamation", 1.0),
        ("It didn't happen.", "negation", 1.0),
        ("Thank you.", "short", 1.0),
    ],
)
def test_features(sentence: str, name: str, value: float) -> None:
    assert feature(sentence, name) == pytest.approx(value)


def test_features_are_bounded_and_complete() -> None:
    for sentence in ("", "!!!", "The harbour board voted 7-2 on Tuesday to close Pier Nine, the Kestrel Wire reported.", "1 2 3 4 5 6 7 8 9 10"):
        values = features(sentence)
        assert len(values) == len(FEATURES)
        assert all(0.0 <= v <= 1.0 for name, v in zip(FEATURES, values) if name != "log_words")


def test_terms_fold_figures_and_pair_words() -> None:
    assert terms("In 2024 fares rose 12.5%") == {"in", "<year>", "fares", "rose", "<num>", "%", "in <year>", "<year> fares", "fares rose", "rose <num>", "<num> %"}
    assert terms("") == set()


# One sentence per trap: figures, years, signs, contractions, first and second person,
# hedges, questions, quotation marks, an empty and a sign-only sentence, a repeated pair.
BATCH_SENTENCES = [
    "The Porthaven harbour board cut ferry fares by 12.5% in 2024, the Kestrel Wire reported.",
    "I don't think we'll ever see $3,000 rebates again, perhaps not before 1999 or 2101!",
    "Why would you believe them?", '"It was a disaster," she said.', "", "!!!", "% $ € £ ? !",
    "Taxes rose rose rose and rose, per cent by per cent, according to the survey data.",
    "Thank you all.", "Unemployment fell from 4.1 to 3.9 percent, the lowest since records began.",
]


@settings(deadline=None)  # the first example loads the model
# whitespace the embedder's chunks split at (space, no-break, ideographic, newline) and some
# they do not (form feed, U+0085), signs a capital may follow, a capital that lowers to two letters
@given(st.lists(st.text(alphabet=st.sampled_from(list("ab19 $%?!'’\"n't.,-TPx\xa0\u3000\n\x0c\x85(“İ")), max_size=40), min_size=1, max_size=6))
def test_batch_features_and_terms_agree_with_the_reference(sentences: list[str]) -> None:
    """The numpy batch path scores exactly what :func:`features` and :func:`terms` describe
    (it counts per whitespace-separated chunk, kept once per process, and sums the chunks)."""
    model = load_model()
    for batch in (BATCH_SENTENCES, sentences):
        rows, sums = model._batch.features_and_terms(batch)
        assert rows.tolist() == [features(s) for s in batch]
        assert sums.tolist() == pytest.approx([sum(model.term_weights.get(t, 0.0) for t in terms(s)) for s in batch], abs=1e-9)


def test_a_new_model_scores_sentences_without_words_first() -> None:
    """The per-chunk table starts empty: a first batch with no chunk at all (empty or blank
    sentences) is scored as the reference features say, and later batches still are."""
    model = CheckworthyModel(0.0, 0.5, [0.0] * len(FEATURES), [1.0] * len(FEATURES), [0.1] * len(FEATURES), {"fares": 1.0, "fares rose": 0.5})
    for batch in (["", " \t"], ["Fares rose 5%.", "", "fares  rose"]):
        rows, sums = model._batch.features_and_terms(batch)
        assert rows.tolist() == [features(s) for s in batch]
        assert sums.tolist() == pytest.approx([sum(model.term_weights.get(t, 0.0) for t in terms(s)) for s in batch], abs=1e-9)


# ------------------------------------------------------------------ the shipped model


def _pairs() -> list[tuple[str, str]]:
    with PAIRS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    assert rows[0] == ["checkable", "not_checkable"]
    return [(a, b) for a, b in rows[1:]]


@pytest.mark.parametrize("kind", ["fast", "accurate", "finetuned"])
def test_shipped_model_ranks_checkable_sentences_above_opinion_and_filler(kind: str) -> None:
    model = load_model(kind=kind)
    pairs = _pairs()
    assert len(pairs) >= 30
    good = model.score([a for a, _ in pairs])
    bad = model.score([b for _, b in pairs])
    ranked = sum(g > b for g, b in zip(good, bad)) / len(pairs)
    labelled = (sum(g >= model.threshold for g in good) + sum(b < model.threshold for b in bad)) / (2 * len(pairs))
    # floors pinned a little under what the shipped models do (fast and accurate: 1.00 and 0.98), so a worse model fails
    assert ranked >= 0.93, ranked
    assert labelled >= 0.9, labelled


@pytest.mark.parametrize(("kind", "embedder", "dims"), [("fast", "static-minilm", 256), ("accurate", "static-minilm+minilm-int8", 640)])
def test_shipped_model_file_is_consistent(kind: str, embedder: str, dims: int) -> None:
    model = load_model(kind=kind)
    assert model.embedder == embedder and len(model.embedding_weights) == dims
    assert 0.05 <= model.threshold <= 0.95
    assert len(model.feature_weights) == len(FEATURES) == len(model.feature_mean) == len(model.feature_scale)
    assert model.info["dev"]["f1"] > 0.8  # what the training run measured on CT24 dev (held out)
    assert model_path(kind).stat().st_size < 5_000_000
    scores = model.score(["The fund lost 40% of its value in 2023.", "Thank you."])
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert model.score([]) == []


def test_model_round_trips_through_its_file(tmp_path) -> None:
    model = load_model()
    path = tmp_path / "model.json"
    path.write_text(json.dumps(model.to_dict()), encoding="utf-8")
    again = load_model(str(path))
    sentences = ["Fares rose 12% in 2024.", "What a day!"]
    assert again.score(sentences) == pytest.approx(model.score(sentences))


def test_model_from_other_features_is_refused(tmp_path) -> None:
    data = load_model().to_dict()
    data["features"] = data["features"][:-1]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(StageError, match="retrain"):
        load_model(str(path))
    with pytest.raises(StageError, match="no check-worthiness model"):
        load_model(str(tmp_path / "missing.json"))


def test_a_model_over_joined_embedders_checks_its_probe(tmp_path) -> None:
    data = load_model(kind="accurate").to_dict()
    assert len(embedder_for(data["embedder"]).encode(["Fares rose 12% in 2024."])[0]) == len(data["embedding_weights"])
    data["embedding_probe"]["vector"] = [-v for v in data["embedding_probe"]["vector"]]  # as if the vectors were rebuilt
    path = tmp_path / "rebuilt.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(StageError, match="embeddings changed"):
        load_model(str(path)).score(["Fares rose 12% in 2024."])


def test_a_tiny_model_scores_by_its_weights() -> None:
    zeros = [0.0] * len(FEATURES)
    model = CheckworthyModel(bias=-1.0, threshold=0.5, feature_mean=zeros, feature_scale=[1.0] * len(FEATURES), feature_weights=zeros, term_weights={"rose": 3.0})
    high, low = model.score(["Fares rose.", "Fares fell."])
    assert high == pytest.approx(1 / (1 + 2.718281828 ** -2.0), rel=1e-6)
    assert low == pytest.approx(1 / (1 + 2.718281828), rel=1e-6)


# ------------------------------------------------------------------ entities


def test_entities() -> None:
    text = "Mayor Ilse Varga of the Porthaven Harbour Board told the Kestrel Wire on Monday that Brask Ferries cut 14 routes in Orvel."
    found = [(e.text, e.label) for e in find_entities(text)]
    assert found == [("Mayor Ilse Varga", "person"), ("Porthaven Harbour Board", "organisation"), ("Kestrel Wire", "outlet"), ("Brask Ferries", "organisation"), ("Orvel", "place")]
    for e in find_entities(text):
        assert text[e.span.start : e.span.end] == e.text


def test_entities_skip_sentence_openers_months_and_split_names() -> None:
    text = "Proof emerged in March that the Northern Compact and the Lowland Front shared drones."
    assert [e.text for e in find_entities(text)] == ["Northern Compact", "Lowland Front"]
    assert [e.text for e in find_entities("Dr. Ilse Varga of the U.S. Coastal Survey left.")] == ["Dr. Ilse Varga", "U.S. Coastal Survey"]
    assert [e.text for e in find_entities("The Bank of the North lent 4 million crowns.")] == ["Bank of the North"]


@pytest.mark.parametrize("text, expected", [
    # a credited outlet is an outlet wherever it stands, digits and all; its digits are no figure
    ("Turkish news site Kanal9 published papers signed by a commander called Abu Serhan.",
     [("Kanal9", "outlet"), ("Abu Serhan", "person")]),
    # an opening preposition, a hyphenated adjective and a demonym are no part of a name
    ("During Veskaland election season, the Korvia-backed Northern Front hired Ostrevan advisers.",
     [("Veskaland", "name"), ("Northern Front", "organisation")]),
    # an article or "so-called" before a run, or an organisation's word at its end, says it is no person
    ("The militia took papers from a so-called Southern Caliphate centre run by the Nineveh Ridge Protection Unit.",
     [("Southern Caliphate", "organisation"), ("Nineveh Ridge Protection Unit", "organisation")]),
    # countries, streets, places after "near"
    ("Saudi Arabia and Taiwan sent envoys to Telegraph Lane, near Tell Saffan.",
     [("Saudi Arabia", "place"), ("Taiwan", "place"), ("Telegraph Lane", "place"), ("Tell Saffan", "place")]),
])
def test_entities_read_right(text: str, expected: list[tuple[str, str]]) -> None:
    outlets = frozenset({"Kanal9"}) if "Kanal9" in text else frozenset()
    assert [(e.text, e.label) for e in find_entities(text, outlets=outlets)] == expected


def test_a_run_read_once_still_takes_its_kind_from_each_sentence() -> None:
    # the words of a run are read once and kept; what stands around it is read each time
    text = ("Orvel voted. Fares rose in Orvel. The Selka Vossen crew sailed. Crews met Selka Vossen at dawn. "
            "Staff sailed into Selka Vossen on Friday. Then Ostrevan officials met. Aid went to Ostrevan.")
    sentences = [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", text)]
    found = [[(e.text, e.label, e.span.start) for e in find_entities(text, a, b)] for a, b in sentences]
    at = text.index
    assert found == [
        [],  # one word opening its sentence may be a common word
        [("Orvel", "place", at("Orvel.", 20))],
        [("Selka Vossen", "organisation", at("Selka"))],
        [("Selka Vossen", "person", at("Selka", 50))],
        [("Selka Vossen", "place", at("Selka", 80))],
        [],  # a demonym before the lowercase word it describes
        [("Ostrevan", "place", at("Ostrevan."))],
    ]
    # credited, the same name is an outlet wherever it stands
    assert [(e.text, e.label) for e in find_entities(text, *sentences[3], outlets=frozenset({"Selka Vossen"}))] == [("Selka Vossen", "outlet")]


def test_a_credit_line_is_no_claim_and_names_keep_one_kind_in_an_article() -> None:
    article = _analysed("Aid convoy reaches Dalmarsk.\n\nThe army said on Tuesday that 40 people had died in Dalmarsk since March.\n\n"
                        "Despite this, Dalmarsk received 300 tonnes of food and 12 doctors on Wednesday, officials said.\n\n"
                        "The Kestrel Wire reports:")
    credit = [c for c in article.claims if article.snippet(c.span).startswith("The Kestrel Wire reports")]
    assert credit and not credit[0].checkworthy
    named = [(article.snippet(c.span)[:8], e.text, e.label) for c in article.claims for e in c.entities if e.text == "Dalmarsk"]
    # "in Dalmarsk" says place; "Despite this, Dalmarsk received" alone would not
    assert named == [("The army", "Dalmarsk", "place"), ("Despite ", "Dalmarsk", "place")]
    assert find_entities("Despite this, Dalmarsk received 300 tonnes of food.")[0].label == "name"


# ------------------------------------------------------------------ the stage

ARTICLE = (
    "Porthaven votes to close Pier Nine\n\n"
    "The Porthaven harbour board voted 7-2 on Tuesday to close Pier Nine for repairs costing 2.3 million crowns. "
    "What a week it has been.\n\n"
    '"The pilings have lost a third of their strength since 2019," said harbour engineer Tove Lind.\n\n'
    "According to the Kestrel Wire, 40 fishing boats will move to Pier Six. "
    "We wish them all the best."
)


def _analysed(text: str = ARTICLE, **kwargs) -> Article:
    pipe = Pipeline([SentenceStage(), AttributionStage(), QuoteStage(), ClaimStage(**kwargs)])
    return pipe(Article(text=text, id="pier-nine"))


def test_the_claims_model_setting_picks_the_accurate_model() -> None:
    settings = Settings.build(sets=["claims.model=accurate"])
    stage = REGISTRY["claims"](settings, StageContext())
    article = stage(_analysed())
    assert stage.model is load_model(kind="accurate") and stage.model is not load_model()
    by_text = {article.snippet(c.span): c for c in article.claims}
    assert by_text["The Porthaven harbour board voted 7-2 on Tuesday to close Pier Nine for repairs costing 2.3 million crowns."].checkworthy
    assert not by_text["What a week it has been."].checkworthy
    with pytest.raises(ConfigError, match="claims.model"):
        Settings.build(sets=["claims.model=huge"])
    with pytest.raises(ConfigError, match="unknown check-worthiness model"):
        load_model(kind="huge")


def test_the_claims_model_setting_picks_the_finetuned_model(tmp_path) -> None:
    settings = Settings.build(sets=["claims.model=finetuned"])
    stage = REGISTRY["claims"](settings, StageContext())
    article = stage(_analysed())
    assert stage.model is load_model(kind="finetuned") and stage.model.info["frozen_below_layer"] >= 1
    by_text = {article.snippet(c.span): c for c in article.claims}
    assert by_text["The Porthaven harbour board voted 7-2 on Tuesday to close Pier Nine for repairs costing 2.3 million crowns."].checkworthy
    assert not by_text["What a week it has been."].checkworthy
    # a sentence scores the same alone and beside others (int8 layers quantise per call: one sentence a call)
    model = stage.model
    alone = model.score(["Ferry fares rose 12% in 2024."])[0]
    assert alone == model.score(["The board met on Tuesday to discuss the long list of repairs the pier needs before winter.", "Ferry fares rose 12% in 2024."])[1]
    with pytest.raises(StageError, match="train_checkworthy_finetune"):
        load_model(str(tmp_path), kind="finetuned")


def test_stage_contract() -> None:
    stage = ClaimStage()
    assert (stage.name, stage.requires, stage.assigns) == ("claims", ("text", "sentences", "attributions", "quotes"), ("claims",))
    with pytest.raises(ConfigError, match="claims_keep"):
        ClaimStage(keep="some")


def test_stage_scores_every_sentence_and_fills_checkworthy_ones() -> None:
    article = _analysed()
    assert article.stages[-1] == "claims"
    assert [c.span for c in article.claims] == article.sentences
    by_text = {article.snippet(c.span): c for c in article.claims}
    vote = by_text["The Porthaven harbour board voted 7-2 on Tuesday to close Pier Nine for repairs costing 2.3 million crowns."]
    filler = by_text["What a week it has been."]
    wish = by_text["We wish them all the best."]
    assert vote.checkworthy and not filler.checkworthy and not wish.checkworthy
    assert vote.score > filler.score and vote.score > wish.score
    assert not filler.numbers and not filler.entities  # kept light: details only on check-worthy claims
    money = [n for n in vote.numbers if n.dimension == "money"]
    assert money and money[0].value == 2.3e6 and money[0].unit == "crowns"
    for n in vote.numbers:
        assert article.text[n.span.start : n.span.end] == n.text  # offsets point into the article text
    assert [(e.text, e.label) for e in vote.entities] == [("Porthaven", "name"), ("Pier Nine", "place")]


def test_stage_links_quotes_and_attributions() -> None:
    article = _analysed()
    by_text = {article.snippet(c.span): c for c in article.claims}
    quoted = next(c for t, c in by_text.items() if t.startswith('"The pilings'))
    assert quoted.checkworthy
    assert quoted.quote is not None and article.quotes[quoted.quote].speaker == "Tove Lind"
    assert [(e.text, e.label) for e in quoted.entities] == [("Tove Lind", "person")]
    credited = next(c for t, c in by_text.items() if t.startswith("According to the Kestrel Wire"))
    assert credited.attribution is not None
    assert article.attributions[credited.attribution].outlet == "kestrel wire"
    assert [n.value for n in credited.numbers] == [40.0]
    assert [n.what for n in credited.numbers] == ["fishing boats"]
    plain = by_text["What a week it has been."]
    assert plain.quote is None and plain.attribution is None


def test_keep_checkworthy_and_threshold() -> None:
    every = _analysed()
    kept = _analysed(keep="checkworthy")
    assert [c.span for c in kept.claims] == [c.span for c in every.claims if c.checkworthy]
    assert all(c.checkworthy for c in _analysed(threshold=0.0).claims)
    assert not any(c.checkworthy for c in _analysed(threshold=1.0).claims)


def test_empty_article() -> None:
    assert ClaimStage()(Article(text="")).claims == []


def test_default_pipeline_runs_claims_after_quotes(tmp_path) -> None:
    from newstrail import Settings
    from newstrail.engines.local import default_pipeline

    names = default_pipeline(Settings()).names
    assert names.index("claims") == names.index("quotes") + 1
    with pytest.raises(ConfigError):
        default_pipeline(Settings(claims_keep="nothing"))


# ------------------------------------------------------------------ the record

_spans = st.tuples(st.integers(0, 500), st.integers(0, 100)).map(lambda t: Span(t[0], t[0] + t[1]))
_numbers = st.builds(Number, span=_spans, text=st.text(max_size=8), value=st.floats(allow_nan=False, allow_infinity=False), unit=st.sampled_from(["", "%", "km", "crowns"]), what=st.text(max_size=8))
_entities = st.builds(Entity, span=_spans, text=st.text(max_size=10), label=st.sampled_from(["person", "place", "name"]))
_claims = st.builds(
    Claim,
    span=_spans,
    score=st.floats(0, 1),
    checkworthy=st.booleans(),
    numbers=st.lists(_numbers, max_size=3),
    entities=st.lists(_entities, max_size=3),
    quote=st.none() | st.integers(0, 5),
    attribution=st.none() | st.integers(0, 5),
)


@given(st.lists(_claims, max_size=4))
def test_claims_round_trip_through_the_record(claims) -> None:
    article = Article(text="x" * 600, id="a1", claims=claims)
    again = Article.from_dict(json.loads(json.dumps(article.to_dict())))
    assert again.claims == claims


def test_analysed_article_round_trips() -> None:
    article = _analysed()
    assert Article.from_dict(json.loads(json.dumps(article.to_dict()))) == article


# ------------------------------------------------------------------ loose texts


def test_score_text() -> None:
    scored = score_text("Fares rose 12% in 2024, the board said. Thanks, everyone!")
    assert [s.index for s in scored] == [0, 1]
    assert [s.checkworthy for s in scored] == [True, False]
    assert scored[1].text == "Thanks, everyone!" and scored[1].span == Span(40, 57)


def test_read_texts_tsv_with_and_without_header() -> None:
    assert list(read_texts(["a1\tPier Nine shut.", "a2\tFares rose."], "x.tsv")) == [("a1", "Pier Nine shut."), ("a2", "Fares rose.")]
    assert list(read_texts(["text\tid", "Pier Nine shut.\ta1"], "x.tsv")) == [("a1", "Pier Nine shut.")]
    items = list(read_texts(["id\ttext", "a1\tPier Nine shut.", "no tab here", "", "a3\t  ", "a4\tFares rose.\r\n"], "x.tsv"))
    assert items[0] == ("a1", "Pier Nine shut.") and items[-1] == ("a4", "Fares rose.")
    errors = [str(e) for e in items if isinstance(e, BadRecord)]
    assert errors == ["x.tsv:3: expected id<TAB>text (no tab on this line); put a tab between the id and the text", "x.tsv:5: empty text for id 'a3'"]


def test_read_texts_jsonl() -> None:
    lines = ['{"id": "j1", "text": "Pier Nine shut."}', "{oops", '["a list"]', '{"id": 7, "text": "Fares rose."}', '{"text": "No id here."}']
    items = list(read_texts(lines, "x.jsonl"))
    assert [i for i in items if not isinstance(i, BadRecord)] == [("j1", "Pier Nine shut."), ("7", "Fares rose."), ("5", "No id here.")]
    assert [str(e).split(":")[1] for e in items if isinstance(e, BadRecord)] == ["2", "3"]


def test_one_reader_for_claims_queries_and_the_bench(tmp_path) -> None:
    from newstrail.eval.factchecks import read_queries
    from newstrail.factchecks.queries import parse_queries

    rows = "tweet_id\ttweet_content\n101\tThe Velmora dam holds 90% less water.\n\n102\tFerries\tstop in winter.\nbroken\n"
    path = tmp_path / "tweets.queries.tsv"
    path.write_text(rows, encoding="utf-8")
    parsed = list(parse_queries(rows, str(path)))
    assert parsed[:2] == [("101", "The Velmora dam holds 90% less water."), ("102", "Ferries\tstop in winter.")]
    assert str(parsed[2]) == f"{path}:5: expected id<TAB>text (no tab on this line); put a tab between the id and the text"
    assert read_queries(path) == dict(parsed[:2])
    assert list(read_texts(rows.splitlines(), "x.tsv"))[:2] == parsed[:2]
    jsonl = ['{"id": "q1", "claim": "Pier 9 shut."}', '{"id": "q2", "note": "none"}']
    assert list(parse_queries("\n".join(jsonl), "q.txt"))[0] == ("q1", "Pier 9 shut.")
    assert "give one of the fields text, claim" in str(list(parse_queries("\n".join(jsonl), "q.txt"))[1])


@given(st.lists(_claims, max_size=4))
def test_the_record_as_json_is_the_record(claims) -> None:
    """``to_json`` (one orjson pass, what the store writes) says what ``to_dict`` says, key order too."""
    article = Article(text="x" * 600, id="a1", claims=claims, original_source="Bay Herald", meta={"desk": "night", "n": [1, 2.5]})
    data = article.to_dict()
    assert json.loads(article.to_json()) == data
    assert list(json.loads(article.to_json())) == list(data)
    del data["text"]
    assert json.loads(article.to_json(text=False)) == data


def test_the_record_as_json_falls_back_where_orjson_refuses() -> None:
    # an integer beyond 64 bits and a lone surrogate: json writes them, orjson does not
    for meta in ({"serial": 2**70}, {"note": "half \udc80 a pair"}):
        article = Article(text="The pier closed.", id="a1", meta=meta)
        assert article.to_json() == json.dumps(article.to_dict(), ensure_ascii=False)
