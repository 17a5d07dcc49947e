"""Attributions: every cue, kinds, negatives, spans, removed blocks, datelines, links, and
the stages over the sample corpus and the seeds.

All text here is written by the team about fictional outlets, people and places; the
seeds are read from ../shared at run time and never copied into the repository.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from newstrail import Article, Cleaner, Link, Pipeline, Settings, Span, read_inputs
from newstrail.analyze.attributions import AttributionStage, attributions_in, classify_source, outlet_key
from newstrail.analyze.quotes import QuoteStage
from newstrail.analyze.sentences import SentenceStage

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "newstrail" / "sample"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
BENCH_DATA = ROOT / "bench" / "data" / "attribution_sentences.jsonl"


def found(text: str, **kwargs) -> list[tuple[str, str, str]]:
    return [(a.source, a.cue, a.kind) for a in attributions_in(text, **kwargs)]


def has(result: list[tuple[str, str, str]], source: str, cue: str, kind: str) -> bool:
    key = outlet_key(source)
    return any(c == cue and k == kind and (key in outlet_key(s) or outlet_key(s) in key) for s, c, k in result)


# (text, [(source, cue, kind), ...]): each cue, several phrasings
CASES = [
    # according to
    ("Two trawlers were sold abroad, according to the Brenwick Observer.", [("Brenwick Observer", "according to", "outlet")]),
    ("According to the Ministry of Tides, the sea wall is sound.", [("Ministry of Tides", "according to", "organisation")]),
    ("The road will stay shut, according to police.", [("police", "according to", "organisation")]),
    ("According to Dr Ilka Morrow, who led the dive, the pilings are cracked.", [("Ilka Morrow", "according to", "person")]),
    ("Rents rose 11%, according to figures from the Orvel Housing Board.", [("Orvel Housing Board", "according to", "organisation")]),
    ("The fare is 40 crowns, according to gullpost.example.", [("gullpost.example", "according to", "outlet")]),
    # verbs, forward and inverted
    ("The Brenwick Observer reported that the mill had closed.", [("Brenwick Observer", "reported", "outlet")]),
    ("Quayside Radio says the talks have stalled.", [("Quayside Radio", "says", "outlet")]),
    ("The Lowfield Gazette wrote that the mayor had misled voters.", [("Lowfield Gazette", "wrote", "outlet")]),
    ("Councillor Edda Rask told reporters the vote was rushed.", [("Edda Rask", "told", "person")]),
    ("Keldby Rowing Club announced a new coach on Monday.", [("Keldby Rowing Club", "announced", "organisation")]),
    ("Sundvik Energy claimed that its turbines were not to blame.", [("Sundvik Energy", "claimed", "organisation")]),
    ('"We will rebuild the pier before summer," said Mayor Oda Lind.', [("Oda Lind", "said", "person")]),
    ('"The numbers do not add up," Lind said.', [("Lind", "said", "person")]),
    ("Catches fell by a fifth last year, the ministry said.", [("the ministry", "said", "organisation")]),
    ("Officials said the coast road would stay closed.", [("Officials", "said", "organisation")]),
    ("Police in Keldby said the road had reopened.", [("Police", "said", "organisation")]),
    ("Halvor Breck, who has fished here for 30 years, said the nets were cut.", [("Halvor Breck", "said", "person")]),
    ("The lead author, Dr Nina Vell, said the sample was small.", [("Nina Vell", "said", "person")]),
    ('"Nothing is decided," said a spokesman for the Orvel Port Authority.', [("Orvel Port Authority", "said", "organisation")]),
    ("As the Lowfield Gazette and Quayside Radio both reported, the vote was close.", [("Lowfield Gazette", "reported", "outlet"), ("Quayside Radio", "reported", "outlet")]),
    ("The deal was announced by the Fisheries Agency on Monday.", [("Fisheries Agency", "announced", "organisation")]),
    # X reports:
    ("Lowfield Gazette reports:", [("Lowfield Gazette", "reports:", "outlet")]),
    ("Here is what Tidebrief reports:", [("Tidebrief", "reports:", "outlet")]),
    # published
    ("Regional news site Tidebrief published photos of the damage.", [("Tidebrief", "published", "outlet")]),
    ("The Lowfield Gazette published the full letter on Sunday.", [("Lowfield Gazette", "published", "outlet")]),
    # credit
    ("Credit – Quayside Radio", [("Quayside Radio", "credit", "outlet")]),
    ("Credit: The Brenwick Observer", [("Brenwick Observer", "credit", "outlet")]),
    ("Credit — Tidebrief", [("Tidebrief", "credit", "outlet")]),
    ("Credit: Quayside Radio and the Lowfield Gazette", [("Quayside Radio", "credit", "outlet"), ("Lowfield Gazette", "credit", "outlet")]),
    # source / sources
    ("Source: Eastmere Wire", [("Eastmere Wire", "source", "outlet")]),
    ("Sources: Quayside Radio; Orvel Port Authority", [("Quayside Radio", "source", "outlet"), ("Orvel Port Authority", "source", "organisation")]),
    ("Source: Brannock University, annual survey 2024", [("Brannock University", "source", "organisation")]),
    # via
    ("The mayor has since deleted the post (via Gull Post).", [("Gull Post", "via", "outlet")]),
    ("via Tidebrief", [("Tidebrief", "via", "outlet")]),
    ("Story via the Lowfield Gazette.", [("Lowfield Gazette", "via", "outlet")]),
    # h/t, hat tip
    ("h/t Quayside Radio", [("Quayside Radio", "h/t", "outlet")]),
    ("The chart is worth a look (h/t the Brenwick Observer).", [("Brenwick Observer", "h/t", "outlet")]),
    ("Hat tip to Tidebrief for spotting the figure.", [("Tidebrief", "h/t", "outlet")]),
    ("h/t Dr Ilka Morrow, who found the error", [("Ilka Morrow", "h/t", "person")]),
    # first published / first reported
    ("The story was first reported by the Brenwick Observer.", [("Brenwick Observer", "first published", "outlet")]),
    ("The letter was first published in the Eastmere Journal in 2019.", [("Eastmere Journal", "first published", "outlet")]),
    ("As Tidebrief first reported, the pier has cracked.", [("Tidebrief", "first published", "outlet")]),
    ("It was the Lowfield Gazette that first reported the closure.", [("Lowfield Gazette", "first published", "outlet")]),
    # originally appeared / published
    ("This article originally appeared in the Eastmere Journal.", [("Eastmere Journal", "originally appeared", "outlet")]),
    ("A version of this story originally appeared on Tidebrief.", [("Tidebrief", "originally appeared", "outlet")]),
    ("This piece was originally published by the Gull Post.", [("Gull Post", "originally appeared", "outlet")]),
    # original source
    ("The original source of this article is Tidebrief", [("Tidebrief", "original source", "outlet")]),
    ("The original source of this article is Orvel Policy Centre", [("Orvel Policy Centre", "original source", "outlet")]),
    # cross-posted / republished / reprinted from
    ("Cross-posted from Tidebrief", [("Tidebrief", "cross-posted from", "outlet")]),
    ("Republished from the Gull Post.", [("Gull Post", "cross-posted from", "outlet")]),
    ("Reprinted from the Eastmere Journal with permission.", [("Eastmere Journal", "cross-posted from", "outlet")]),
    # X, citing Y
    ("Quayside Radio, citing the Orvel Port Authority, said the quay would reopen.", [("Quayside Radio", "said", "outlet"), ("Orvel Port Authority", "citing", "organisation")]),
    ("The Gull Post reported the arrest, citing police.", [("Gull Post", "reported", "outlet"), ("police", "citing", "organisation")]),
    # reported in, told an outlet
    ("Reports in the Lowfield Gazette suggest the mill will close.", [("Lowfield Gazette", "reported in", "outlet")]),
    ("According to a report in the Brenwick Observer, the bridge is unsafe.", [("Brenwick Observer", "reported in", "outlet")]),
    ("Minister Aksel Dunn told the Gull Post that the quota was final.", [("Aksel Dunn", "told", "person"), ("Gull Post", "told", "outlet")]),
    ('"It was the worst night of my life," she told Quayside Radio.', [("Quayside Radio", "told", "outlet")]),
    # contributed, supplied by, reporting by
    ("Eastmere Wire contributed to this report.", [("Eastmere Wire", "contributed", "outlet")]),
    ("This story was supplied by Eastmere Wire.", [("Eastmere Wire", "contributed", "outlet")]),
    ("Petra Dahl contributed to this report.", [("Petra Dahl", "contributed", "person")]),
    ("(Reporting by Petra Dahl and Ivo Renn; Editing by Joss Harlan)", [("Petra Dahl", "reporting by", "person"), ("Ivo Renn", "reporting by", "person")]),
    # datelines at the start of the text
    ("ORVEL (Eastmere Wire) - The ferry terminal will close for six weeks, the port authority said.", [("Eastmere Wire", "dateline", "outlet"), ("port authority", "said", "organisation")]),
    ("(Eastmere Wire) - Bread prices rose by 6% in March.", [("Eastmere Wire", "dateline", "outlet")]),
    ("KELDBY, March 3 (Quayside Radio) – Students marched on Friday.", [("Quayside Radio", "dateline", "outlet")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:48] for c in CASES])
def test_cues(text: str, expected: list[tuple[str, str, str]]) -> None:
    result = found(text)
    for source, cue, kind in expected:
        assert has(result, source, cue, kind), (source, cue, kind, result)
    assert len(result) == len(expected), result


NEGATIVES = [
    "The report said nothing new about the harbour.",
    "Everything went according to plan on the first day.",
    "The trains run according to the winter timetable.",
    "Sources of funding vary from year to year.",
    "The source of the smell remains a mystery.",
    "She reported for duty at six on Monday.",
    "The lorries travelled via the northern road.",
    "They reached Keldby via Orvel and the coast road.",
    '"It was like a wall of water," one fisherman said.',
    '"Nobody warned us," a resident told reporters.',
    "Residents said they were tired of the noise.",
    "He said nothing at all during the meeting.",
    "The study says little about older patients.",
    "The council published its budget on Monday.",
    "Ada Lunn claimed the title after a tense final round.",
    "Ilka Morrow wrote a novel about the harbour.",
    "The book was first published in 1962.",
    "The moths originally appeared in the southern valleys.",
    "The original source of the leak has not been found.",
    "The pictures were reprinted from the original glass plates.",
    "The ferry was reported missing late on Sunday.",
    "It is said to be the oldest lighthouse on the coast.",
    "Credit card payments are accepted at the kiosk.",
    "Her hat tipped over the side of the boat.",
    "The club cancelled the race, citing high winds.",
    "The schedule was supplied by the ferry company.",
    "The Gull Post's offices were flooded on Monday.",
    "Quayside Radio will broadcast the final live on Saturday.",
    "Tickets are available via keldbyferries.example.",
    "The claims were repeated by several blogs.",
    "The debate was reported in detail at the time.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_negatives(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("the Fisheries Agency", "organisation"),
        ("Corvid News Agency", "outlet"),
        ("Ministry of Tides", "organisation"),
        ("Halvard University", "organisation"),
        ("Orvel Press Office", "organisation"),
        ("Quayside Radio", "outlet"),
        ("Eastmere Wire", "outlet"),
        ("The Keldby Advertiser", "outlet"),
        ("Inside Orvel Media Center", "outlet"),
        ("Orvel Research Centre", "outlet"),
        ("Centre for Tidal Policy", "organisation"),
        ("gullpost.example", "outlet"),
        ("Ilka Morrow", "person"),
        ("the ministry", "organisation"),
        ("officials", "organisation"),
        ("VIB", "organisation"),
    ],
)
def test_classify(name: str, kind: str) -> None:
    assert classify_source(name) == kind


def test_publication_cues_make_outlets_and_titles_make_people() -> None:
    assert classify_source("Halvard University", "via") == "outlet"
    assert classify_source("Ilka Morrow", "h/t", hint="person") == "person"


def test_the_ministry_said_is_an_organisation_not_an_outlet() -> None:
    (attribution,) = attributions_in("The harbour will close, the ministry said.")
    assert (attribution.source, attribution.kind, attribution.outlet) == ("the ministry", "organisation", None)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("The Harbor Lantern", "harbor lantern"),
        ("the Gull Post's", "gull post"),
        ("  Quayside   Radio ", "quayside radio"),
        ("Crosswind-Digest", "crosswind digest"),
        ("https://www.gullpost.example/2025/a", "gullpost"),
        ("news.gullpost.co.uk", "gullpost"),
        ("VIB Español", "vib español"),
        ("", ""),
    ],
)
def test_outlet_key(name: str, key: str) -> None:
    assert outlet_key(name) == key


def test_spans_and_evidence_point_at_the_sentence() -> None:
    text = "The pier closed on Monday. Repairs will cost 2 million crowns, according to the Gull Post.\n\nPolice said the road was shut. Nobody was hurt."
    found_ = attributions_in(text)
    assert [(a.source, a.cue) for a in found_] == [("the Gull Post", "according to"), ("Police", "said")]
    for a in found_:
        assert a.where == "text"
        assert text[a.span.start : a.span.end] == a.evidence
    assert found_[0].evidence == "Repairs will cost 2 million crowns, according to the Gull Post."
    assert found_[1].evidence == "Police said the road was shut."
    assert found_[0].outlet == "gull post"


REMOVED_STORY = """Gulls Return to the Old Pier

By Irma Vell

Tidewater Post, March 9, 2025

Gull Post 8 March 2025

The gulls came back to the old pier on Saturday, harbour staff said. The colony had left after the storm.

Credit – Quayside Radio

The original source of this article is Gull Post
Copyright © Irma Vell, Gull Post, 2025
"""


def test_removed_origin_and_later_dateline() -> None:
    article = Pipeline([Cleaner(), SentenceStage(), AttributionStage()])(Article(text=REMOVED_STORY))
    assert article.outlet == "Tidewater Post"
    rows = [(a.cue, a.source, a.kind, a.where, a.span) for a in article.attributions]
    assert ("credit", "Quayside Radio", "outlet", "text", article.sentences[-1]) in rows
    origin = next(a for a in article.attributions if a.cue == "original source")
    assert (origin.source, origin.kind, origin.where, origin.span, origin.outlet) == ("Gull Post", "outlet", "removed", None, "gull post")
    assert origin.evidence == "The original source of this article is Gull Post"
    dateline = next(a for a in article.attributions if a.cue == "dateline")
    assert (dateline.source, dateline.where, dateline.span, dateline.evidence) == ("Gull Post", "dateline", None, "Gull Post 8 March 2025")
    # the first dateline names the article's own outlet: not an attribution
    assert not any(a.source == "Tidewater Post" for a in article.attributions)


def test_in_text_dateline_of_the_own_outlet_is_not_an_attribution() -> None:
    text = "ORVEL (Eastmere Wire) - The ferry terminal closed on Monday."
    assert found(text, outlet="Eastmere Wire") == []
    assert found(text, outlet="Gull Post") == [("Eastmere Wire", "dateline", "outlet")]


def link(text: str, anchor: str, url: str) -> Link:
    start = text.index(anchor)
    return Link(Span(start, start + len(anchor)), url)


def test_hyperlinks() -> None:
    text = (
        "The ferry operator lost two routes, the Gull Post reported. "
        "The figures were first spotted by a local blog. "
        "The council explained its decision in a statement. "
        "We covered the vote last week."
    )
    links = [
        link(text, "the Gull Post reported", "https://gullpost.example/2025/ferry"),
        link(text, "a local blog", "https://www.quaysidenews.example/figures"),
        link(text, "statement", "https://keldby-council.example/statements/12"),
        link(text, "covered the vote", "https://lowfieldgazette.example/vote"),
    ]
    result = attributions_in(text, links=links, domain="lowfieldgazette.example")
    hyper = [(a.source, a.kind, a.link, a.outlet) for a in result if a.cue == "hyperlink"]
    assert hyper == [
        ("the Gull Post", "outlet", "https://gullpost.example/2025/ferry", "gull post"),
        ("quaysidenews.example", "outlet", "https://www.quaysidenews.example/figures", "quaysidenews"),
    ]
    assert ("Gull Post", "reported") in [(a.source.removeprefix("the "), a.cue) for a in result]
    # every attribution carries the span of the sentence its link sits in
    for a in result:
        assert text[a.span.start : a.span.end] == a.evidence


def test_hyperlink_anchor_naming_the_target_site() -> None:
    text = "Read the full story at Gullwing Local"
    links = [link(text, "Gullwing Local", "https://gullwinglocal.example/news/pier")]
    assert [(a.cue, a.source, a.kind) for a in attributions_in(text, links=links)] == [("hyperlink", "Gullwing Local", "outlet")]


def test_known_outlets_force_outlets_and_drop_the_own_outlet() -> None:
    known = {"tidebrief": "Tidebrief", "gull post": "The Gull Post", "the post": "The Gull Post"}
    text = "Tidebrief wrote that the plant would close. The Post said it had seen the plans."
    assert found(text) == [("Tidebrief", "wrote", "person"), ("The Post", "said", "outlet")]
    result = attributions_in(text, known_outlets=known)
    assert [(a.source, a.kind, a.outlet) for a in result] == [("Tidebrief", "outlet", "tidebrief"), ("The Post", "outlet", "gull post")]
    # in the Gull Post's own article, "The Post said" is not a credit
    assert [a.source for a in attributions_in(text, known_outlets=known, outlet="The Gull Post")] == ["Tidebrief"]


def test_a_name_shown_to_be_an_outlet_is_one_throughout() -> None:
    text = "Gullwing Local notes that no town charges a levy."
    links = [link(text, "Gullwing Local", "https://gullwinglocal.example/levy")]
    assert {(a.cue, a.kind) for a in attributions_in(text, links=links)} == {("notes", "outlet"), ("hyperlink", "outlet")}


def test_stage_contract() -> None:
    stage = AttributionStage()
    assert (stage.name, stage.requires, stage.assigns) == ("attributions", ("text", "sentences"), ("attributions",))
    article = Pipeline([SentenceStage(), stage])(Article(text="Police said the pier was shut."))
    assert article.stages == ["sentences", "attributions"]
    assert [(a.source, a.cue) for a in article.attributions] == [("Police", "said")]


# ------------------------------------------------------------------ the sample corpus and the seeds


def pipeline() -> Pipeline:
    return Pipeline([Cleaner(), SentenceStage(), AttributionStage(), QuoteStage()])


@pytest.fixture(scope="module")
def sample_articles() -> list[Article]:
    items = list(read_inputs([str(SAMPLE / "corpus")], Settings()))
    assert all(isinstance(item, Article) for item in items), [str(i) for i in items if not isinstance(i, Article)]
    pipe = pipeline()
    return [pipe(item) for item in items]


def test_sample_corpus_runs_through_the_stages(sample_articles: list[Article]) -> None:
    assert len(sample_articles) == 40
    for article in sample_articles:
        assert article.stages[-3:] == ["sentences", "attributions", "quotes"]
        for a in article.attributions:
            assert a.kind in ("outlet", "organisation", "person")
            assert a.source.strip() == a.source and a.source
            assert (a.outlet is not None) == (a.kind == "outlet")
            if a.span is None:
                assert a.where in ("removed", "dateline") and a.evidence
            else:
                assert a.span in article.sentences
                assert article.snippet(a.span) == a.evidence
        for q in article.quotes:
            assert 0 <= q.span.start < q.span.end <= len(article.text)
            assert q.attribution is None or 0 <= q.attribution < len(article.attributions)


def by_file(articles: list[Article], name: str) -> Article:
    return next(a for a in articles if a.source.endswith(name) or name in a.source)


def test_sample_credits(sample_articles: list[Article]) -> None:
    copy2 = by_file(sample_articles, "crosswind-2025-03-04-captured-rebel-memo.md")
    assert ("credit", "VIB Español", "outlet") in [(a.cue, a.source, a.kind) for a in copy2.attributions]
    copy3 = by_file(sample_articles, "awakesignal-2025-03-05-rebels-ordered-alliance-drones.html")
    assert ("reports:", "Crosswind Digest") in [(a.cue, a.source) for a in copy3.attributions]
    copy4 = by_file(sample_articles, "clarityresearch-2025-03-06-sorvik-valley-compact.txt")
    assert {(a.cue, a.source, a.where) for a in copy4.attributions} >= {("original source", "Awake Signal", "removed"), ("dateline", "Awake Signal", "dateline")}
    pier = by_file(sample_articles, "crosswind-2025-03-13-porthaven-pier-nine.txt")
    assert ("via", "Gullwing Local") in [(a.cue, a.source) for a in pier.attributions]
    ledger = by_file(sample_articles, "crosswind-2025-03-19-food-prices-egg-costs.txt")
    assert ("cross-posted from", "Ledgerline") in [(a.cue, a.source) for a in ledger.attributions]


def test_known_outlets_from_the_sample_truth() -> None:
    truth = json.loads((SAMPLE / "truth.json").read_text(encoding="utf-8"))
    known = {outlet_key(n): o["name"] for o in truth["outlets"] for n in [o["name"], o["domain"], *o["aliases"]]}
    pipe = Pipeline([Cleaner(), SentenceStage(), AttributionStage(known_outlets=known)])
    (article,) = [pipe(a) for a in read_inputs([str(SAMPLE / "corpus" / "html" / "harborlantern-2025-03-21-council-visitor-levy-study.html")], Settings())]
    outlets = {a.outlet for a in article.attributions if a.kind == "outlet"}
    assert "gullwing local" in outlets
    # "The Lantern reported last November" is the Harbor Lantern speaking of itself
    assert "harbor lantern" not in outlets


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the checkout")
    pipe = pipeline()
    return {Path(a.source).name[:3]: pipe(a) for a in read_inputs([str(SEEDS)], Settings()) if isinstance(a, Article)}


def test_seed_000_credits(seeds: dict[str, Article]) -> None:
    rows = [(a.cue, a.source, a.kind) for a in seeds["000"].attributions]
    assert ("credit", "Sputnik Arabic", "outlet") in rows
    assert ("reports:", "True Activist", "outlet") in rows


def test_seed_003_credits(seeds: dict[str, Article]) -> None:
    rows = [(a.cue, a.source, a.kind, a.where) for a in seeds["003"].attributions]
    assert ("original source", "Inside Syria Media Center", "outlet", "removed") in rows
    assert ("dateline", "Inside Syria Media Center", "outlet", "dateline") in rows
    assert ("published", "Haber7", "outlet", "text") in rows


# ------------------------------------------------------------------ the benchmark data is what it says


def test_bench_data_is_well_formed() -> None:
    rows = [json.loads(line) for line in BENCH_DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 170
    assert sum(1 for r in rows if not r["attributions"]) >= 40
    cues = Counter(g["cue"] for r in rows for g in r["attributions"])
    for cue in ("according to", "said", "reports:", "credit", "source", "via", "h/t", "first published", "originally appeared",
                "original source", "cross-posted from", "citing", "reported in", "told", "hyperlink", "dateline", "contributed",
                "reporting by", "published"):
        assert cues[cue] >= 3, cue
    for r in rows:
        assert all(g["kind"] in ("outlet", "person", "organisation") for g in r["attributions"])
        for ln in r.get("links", []):
            assert ln["anchor"] in r["text"]


# ------------------------------------------------------------------ where a claim ran


def _cited(text: str, **kw) -> list[tuple[str, str, str]]:
    from newstrail.ingest.markup import markdown_to_text

    clean, links = markdown_to_text(text)
    return [(a.cue, a.source, a.kind) for a in attributions_in(clean, links=links, **kw)]


def test_a_fact_check_listing_where_a_claim_appeared_credits_each_outlet() -> None:
    rows = _cited(
        "Copies of the Kestrel Quay rumour appeared on Brindle Voice (https://brindlevoice.example/1/quay), "
        "Osier Ledger (https://osierledger.example/2/quay) and Tallow Desk (https://tallowdesk.example/3/quay) from Tuesday."
    )
    assert [r for r in rows if r[0] == "appeared on"] == [
        ("appeared on", "Brindle Voice", "outlet"),
        ("appeared on", "Osier Ledger", "outlet"),
        ("appeared on", "Tallow Desk", "outlet"),
    ]
    assert {r[1] for r in rows if r[0] == "hyperlink"} == {"Brindle Voice", "Osier Ledger", "Tallow Desk"}


@pytest.mark.parametrize(
    "sentence, source",
    [
        ("The doctored photo was shared by Pellbrook News before it was taken down.", "Pellbrook News"),
        ("The rumour circulated widely on the Wrenfield Post and elsewhere.", "the Wrenfield Post"),
        ("The figures were published by the Harbor Gazette last week.", "the Harbor Gazette"),
        ("A report by the Ashby Courier (https://ashbycourier.example/x) misread the early data, a spokesperson said.", "the Ashby Courier"),
        ("The same false claim surfaced on Dunmarsh Daily on Friday.", "Dunmarsh Daily"),
    ],
)
def test_where_a_claim_ran_is_a_credit(sentence: str, source: str) -> None:
    assert ("appeared on", source, "outlet") in _cited(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The claim appeared on Monday in Velden.",
        "He appeared in court in Velden on Friday.",
        "The video circulated on social media for days.",
        "The letter was shared by Mayor Ines Tolland with reporters.",
    ],
)
def test_where_a_claim_ran_needs_a_publication(sentence: str) -> None:
    assert not [r for r in _cited(sentence) if r[0] == "appeared on"]
