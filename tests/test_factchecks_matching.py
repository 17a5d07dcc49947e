"""Fact-check matching: ranking of paraphrases, calibration, evidence, TREC output, the CLI, analyze.

The fact-checks and queries are fictional (the town of Velmora and its neighbours).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from newstrail.api.factchecks import match_factchecks, store_vectors
from newstrail.cli import main
from newstrail.eval.factchecks import claims_file, load_split, map_at_k
from newstrail.factchecks.importer import import_files
from newstrail.factchecks.index import FactCheckIndex, load_embedder
from newstrail.factchecks.matching import FEATURES, Matcher, MatcherWeights, QueryContext
from newstrail.factchecks.record import FactCheck
from newstrail.factchecks.terms import posted_day, sentences, signed_by, terms, tidy, unsigned
from newstrail.store import open_store

CHECKS = [
    FactCheck(id="ferry", claim="Velmora's ferry crews walked out on strike on Monday.", rating="False", publisher="Saltmarsh Checks",
              url="https://saltmarshchecks.example/ferry-strike"),
    FactCheck(id="reservoir", claim="The Velmora reservoir is 90% empty after the dry summer.", rating="Exaggerated", publisher="Saltmarsh Checks"),
    FactCheck(id="kites", claim="The mayor of Velmora banned kite flying on the beach.", rating="True", publisher="Dunelight Verify"),
    FactCheck(id="vaccine", claim="A school nurse in Orrin said the flu vaccine contains tracking chips.", rating="Pants on Fire", publisher="Dunelight Verify"),
    FactCheck(id="bridge", claim="The old Orrin bridge will be demolished next spring.", rating="Mostly true", publisher="Saltmarsh Checks"),
    FactCheck(id="gulls", claim="Gulls in Velmora harbour attacked three tourists in one afternoon.", rating="Unproven", publisher="Saltmarsh Checks"),
    FactCheck(id="tram", claim="Velmora's night tram will stop running in June to save money.", rating="Half true", publisher="Dunelight Verify"),
    FactCheck(id="lighthouse", claim="The Cape Orrin lighthouse was sold to a hotel chain.", rating="False", publisher="Saltmarsh Checks"),
]

# (query, the fact-check it paraphrases): reworded, reordered, tweet-shaped
PARAPHRASES = [
    ("Ferry workers in Velmora went on strike Monday, no boats running!! https://t.co/abc", "ferry"),
    ("RT @velmora_now: #VelmoraReservoir is almost completely empty, 90 percent gone", "reservoir"),
    ("Is it true the Velmora mayor has banned people from flying kites on the beach?", "kites"),
    ("Orrin school nurse claims flu shots have tracking microchips in them", "vaccine"),
    ("They're tearing down the old bridge in Orrin next spring", "bridge"),
    ("Three tourists were attacked by gulls at Velmora harbour in a single afternoon", "gulls"),
    ("Night trams in Velmora to be cut from June as the city saves money", "tram"),
    ("A hotel chain bought the lighthouse at Cape Orrin", "lighthouse"),
]


@pytest.fixture
def filled(store):
    store.factchecks.put_many([fc.to_row() for fc in CHECKS])
    return store


@pytest.fixture(scope="module")
def embedders():
    """The shipped embedding models, where installed (they are core dependencies)."""
    return {k: e for k in ("fast", "accurate") if (e := load_embedder(k)) is not None}


def test_terms_and_tweet_tidying():
    assert tidy("RT @velmora_now: #NightTram cut https://t.co/x — Ann Bell (@annb) June 3, 2031") == "Night Tram cut"
    assert terms("The ferries weren't running") == ["ferri", "weren't", "run"]
    assert sentences("The tram stops in June. It saves money, the council said! Fine.") == ["The tram stops in June.", "It saves money, the council said!"]


def test_tweet_signature_gives_date_and_author():
    tweet = "Night trams cut from June #Velmora pic.twitter.com/x1 — Ann Bell (@annb) June 3, 2031"
    assert posted_day(tweet) == posted_day("x — A (@a) Jun. 3, 2031") == 741596  # date(2031, 6, 3).toordinal()
    assert signed_by(tweet) == "Ann Bell" and unsigned(tweet) == "Night trams cut from June #Velmora pic.twitter.com/x1"
    assert tidy("cut #Velmorapic.twitter.com/x1") == "cut Velmora"  # a picture link glued to a hashtag goes too
    assert posted_day("Night trams cut") is None and signed_by("Night trams cut") == ""
    context = QueryContext.of(tweet)
    assert context.day == 741596 and context.author == ("ann", "bell")
    assert QueryContext.of("Ann Bell says trams stop — Ann Bell (@annb) June 3, 2031").author == ()  # a name the text has adds nothing
    assert QueryContext.of("Night trams cut", when="2031-06-03T22:00:00-05:00").day == 741597  # UTC: the next day


def _twins(store):
    """One claim checked twice, six years apart, and a third check naming its author."""
    claim = "Velmora's night tram will stop running in June to save money."
    store.factchecks.put_many([FactCheck(id="tram-2025", claim=claim, rating="False", date="2025-05-02").to_row(),
                               FactCheck(id="tram-2031", claim=claim, rating="True", date="2031-06-05").to_row(),
                               *[fc.to_row() for fc in CHECKS if fc.id != "tram"]])
    return Matcher(FactCheckIndex.from_store(store, embed=False))


def test_fact_check_dated_near_the_query_ranks_first(store):
    matcher = _twins(store)
    first = [m.factcheck.id for m in matcher.match("Night trams in Velmora to be cut from June — Ann Bell (@annb) June 3, 2031", top=2)]
    assert first == ["tram-2031", "tram-2025"]
    given = matcher.match("Night trams in Velmora to be cut from June to save money", top=2, when="April 28, 2025")
    assert [m.factcheck.id for m in given] == ["tram-2025", "tram-2031"]
    undated = matcher.match_many(["Night trams in Velmora to be cut from June to save money"], top=2)[0]
    assert {m.factcheck.id for m in undated} == {"tram-2025", "tram-2031"} and undated[0].score == pytest.approx(undated[1].score)


def test_signed_author_ranks_the_check_naming_them(store):
    store.factchecks.put_many([FactCheck(id="bell", claim="Ann Bell said the Orrin bridge will close for a year.", rating="False").to_row(),
                               FactCheck(id="reed", claim="Tom Reed said the Orrin bridge will close for a year.", rating="False").to_row()])
    matcher = Matcher(FactCheckIndex.from_store(store, embed=False))
    tweet = "The Orrin bridge closes for a whole year?! — Ann Bell (@annb) June 3, 2031"
    signed, plain = ({m.factcheck.id: m.score for m in matcher.match(t, top=2)} for t in (tweet, unsigned(tweet)))
    assert signed["bell"] > signed["reed"] and signed["bell"] > plain["bell"] and plain["bell"] == pytest.approx(plain["reed"])


def test_signed_list_names_the_author_nearest_in_date_first(store):
    store.factchecks.put_many([FactCheck(id=f"bell-{y}", claim=f"Ann Bell said the pier shuts in {y}.", date=f"{y}-03-01").to_row() for y in (2024, 2030, 2031)]
                              + [FactCheck(id="other", claim="The pier shuts in 2031.", date="2031-03-01").to_row()])
    matcher = Matcher(FactCheckIndex.from_store(store, embed=False))
    context = QueryContext.of("Pier news — Ann Bell (@annb) March 2, 2031")
    rows = matcher._signed_ranking(context, {t: matcher.index.idf[t] for t in context.author})
    assert [matcher.index.ids[r] for r in rows] == ["bell-2031", "bell-2030", "bell-2024"]
    assert not len(matcher._signed_ranking(QueryContext.of("Pier news"), {}))


def test_lexical_matching_ranks_paraphrases_first(filled):
    matcher = Matcher(FactCheckIndex.from_store(filled, embed=False))
    assert matcher.variant.name == "lexical"
    hits = [matcher.match(q, top=1)[0].factcheck.id == gold for q, gold in PARAPHRASES]
    assert sum(hits) >= 7  # lexical alone misses at most the one rewording with no shared words


def test_best_matcher_ranks_every_paraphrase_first(filled, embedders):
    if "accurate" not in embedders:
        pytest.skip("the accurate embedding model is not installed")
    matcher = Matcher(FactCheckIndex.from_store(filled, embedders=embedders))
    assert "accurate" in matcher.variant.needs
    results = matcher.match_many([q for q, _ in PARAPHRASES], top=3)
    assert [r[0].factcheck.id for r in results] == [gold for _, gold in PARAPHRASES]
    # the right one is confidently above the rest
    assert all(r[0].score > 0.5 and (len(r) < 2 or r[1].score < r[0].score) for r in results)
    unrelated = matcher.match("Orchard cooperative in Brenmoor posts record apple harvest", top=1)
    assert not unrelated or unrelated[0].score < 0.5
    # vectors were stored at index build and are reused
    assert filled.factchecks.without_vectors(embedders["accurate"].name) == []


def test_long_query_is_matched_sentence_by_sentence(filled):
    matcher = Matcher(FactCheckIndex.from_store(filled, embed=False))
    paragraph = ("What a week in our towns. The weather was lovely and the market was busy on Saturday. "
                 "Meanwhile people keep saying the Cape Orrin lighthouse was sold to a hotel chain. "
                 "Also, the reservoir: is it really 90% empty after the summer?")
    ids = [m.factcheck.id for m in matcher.match(paragraph, top=2)]
    assert set(ids) == {"lighthouse", "reservoir"}
    sentence = [m.evidence["query_sentence"] for m in matcher.match(paragraph, top=2) if "query_sentence" in m.evidence]
    assert sentence and sentence[0] in paragraph and "reservoir" in sentence[0]


def test_scores_are_calibrated_probabilities_and_monotone():
    weights = MatcherWeights.load()
    assert {"lexical", "accurate", "hybrid"} <= set(weights.variants)
    col = FEATURES.index
    rng = np.random.default_rng(7)
    for variant in weights.variants.values():
        # realistic candidates: similarities in [0.2, 1], gaps <= 0, sentence or whole query
        x = np.zeros((500, len(FEATURES)))
        for name in ("bm25_rel", "overlap_q", "overlap_d", "fast_cos", "acc_cos", "adapt_cos", "rrf"):
            x[:, col(name)] = rng.uniform(0.2, 1.0, 500)
        for name in ("bm25_gap", "fast_gap", "acc_gap", "adapt_gap"):
            x[:, col(name)] = -rng.uniform(0, 0.3, 500)
        x[:, col("acc_cos2")] = x[:, col("acc_cos")] ** 2
        x[:, col("whole")] = rng.integers(0, 2, 500)
        p = variant.probability(x)
        assert ((p >= 0) & (p <= 1)).all() and p.std() > 0.01
        # a candidate more similar to the query (its cosine and its gap to the best both
        # up) never scores lower: the score orders candidates as the evidence does. The
        # accurate model's raw and adapted cosines rise together (the adapter is a
        # near-identity map), so they are raised together.
        families = (("acc_cos", "acc_gap", "adapt_cos", "adapt_gap"), ("adapt_cos", "adapt_gap"), ("fast_cos", "fast_gap"), ("bm25_rel", "bm25_gap"))
        for family in families:
            if not any(f in variant.features for f in family):
                continue
            higher = x.copy()
            for name in family:
                higher[:, col(name)] += 0.1
            higher[:, col("acc_cos2")] = higher[:, col("acc_cos")] ** 2
            assert (variant.probability(higher) >= p - 1e-9).all(), (variant.name, family)


def test_evidence_and_match_record(filled):
    matcher = Matcher(FactCheckIndex.from_store(filled, embed=False))
    [m] = matcher.match("Velmora ferry crews on strike", top=1)
    record = m.to_dict()
    assert record["factcheck"] == "ferry" and record["verdict"] == "false" and record["publisher"] == "Saltmarsh Checks"
    assert {"ferry", "crews", "strike"} <= set(record["evidence"]["shared_terms"])
    assert 0 < record["evidence"]["lexical"] <= 1.5
    fcm = m.to_factcheck_match()
    assert (fcm.factcheck, fcm.rating, fcm.url, fcm.evidence["verdict"]) == ("ferry", "False", "https://saltmarshchecks.example/ferry-strike", "false")


def test_empty_index_matches_nothing(store):
    assert Matcher(FactCheckIndex.from_store(store, embed=False)).match("anything at all") == []


# CLI -----------------------------------------------------------------------
def _run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def cli_db(tmp_path, write):
    db = str(tmp_path / "fc.db")
    rows = "\n".join(json.dumps({"id": fc.id, "claim": fc.claim, "rating": fc.rating, "publisher": fc.publisher}) for fc in CHECKS)
    path = write("checks.jsonl", rows + "\n{broken\n")
    result = _run("factchecks", "import", str(path), "--db", db, "--no-embed")
    assert result.exit_code == 1  # one record failed
    assert f"{path}: 8 added, 0 already stored, 1 failed" in result.stdout
    assert f"error: {path}:9: not valid JSON" in result.stderr
    again = _run("factchecks", "import", str(path), "--db", db, "--no-embed")
    assert f"{path}: 0 added, 8 already stored, 1 failed" in again.stdout
    return db


def test_cli_match_text_trec_and_jsonl(cli_db, write):
    text = _run("factchecks", "match", "Is the Velmora reservoir really 90% empty?", "--db", cli_db, "--lexical", "--top", "2")
    assert text.exit_code == 0
    assert text.stdout.splitlines()[1].split()[2] == "[misleading]" and "shared:" in text.stdout
    queries = write("q.tsv", "id\ttext\n" + "\n".join(f"q{i}\t{q}" for i, (q, _) in enumerate(PARAPHRASES)) + "\nbad line without tab\n")
    trec = _run("factchecks", "match", str(queries), "--db", cli_db, "--format", "trec", "--top", "3", "--lexical")
    assert trec.exit_code == 1 and f"{queries}:10: expected id<TAB>text" in trec.stderr
    lines = [ln.split() for ln in trec.stdout.splitlines()]
    assert all(len(p) == 6 and p[1] == "Q0" and p[5] == "newstrail" and 0 <= float(p[4]) <= 1 for p in lines)
    assert [p[3] for p in lines[:3]] == ["1", "2", "3"]
    firsts = {p[0]: p[2] for p in lines if p[3] == "1"}
    assert sum(firsts[f"q{i}"] == gold for i, (_, gold) in enumerate(PARAPHRASES)) >= 7
    jsonl = write("q.jsonl", json.dumps({"id": "a", "text": "A hotel chain bought the Cape Orrin lighthouse"}) + "\n")
    [record] = [json.loads(ln) for ln in _run("factchecks", "match", str(jsonl), "--db", cli_db, "--format", "jsonl", "--lexical").stdout.splitlines()]
    assert record["id"] == "a" and record["matches"][0]["factcheck"] == "lighthouse" and "evidence" in record["matches"][0]


def test_cli_match_without_factchecks(tmp_path, store):
    result = CliRunner().invoke(main, ["factchecks", "match", "x", "--db", store.location])
    assert result.exit_code == 4 and "no fact-checks imported" in result.stderr


def test_cli_list(cli_db):
    out = _run("factchecks", "list", "--db", cli_db, "--limit", "3")
    assert out.stdout.splitlines()[0].startswith("ferry") and "... 5 more" in out.stderr


# analyze ----------------------------------------------------------------------
ARTICLE = """Velmora Ferry Crews Strike, Post Claims

By Ines Marlow

The Dunelight Courier, June 4, 2031

A widely shared post says that Velmora's ferry crews walked out on strike on Monday, leaving hundreds of commuters stranded. The harbour office said on Tuesday that all 14 crossings ran on time.

The ferry operator, Saltline, employs 62 crew members across three boats.
"""


def test_analyze_stores_matches_with_verdicts(tmp_path, write):
    db = str(tmp_path / "a.db")
    checks = write("checks.jsonl", "\n".join(json.dumps({"id": fc.id, "claim": fc.claim, "rating": fc.rating, "publisher": fc.publisher, "url": fc.url}) for fc in CHECKS) + "\n")
    assert _run("factchecks", "import", str(checks), "--db", db).exit_code == 0
    article = write("ferry.txt", ARTICLE)
    result = _run("analyze", str(article), "--db", db, "--format", "json")
    assert result.exit_code == 0, result.output
    [record] = json.loads(result.stdout)
    shown = json.loads(_run("show", record["id"], "--db", db, "--format", "json").stdout)
    assert "factchecks" in shown["stages"]
    matched = [(c, m) for c in shown["claims"] for m in c["matches"]]
    assert matched, [(c["checkworthy"], c["score"]) for c in shown["claims"]]
    claim, match = matched[0]
    assert match["factcheck"] == "ferry" and match["rating"] == "False" and match["evidence"]["verdict"] == "false"
    assert match["publisher"] == "Saltmarsh Checks" and match["url"] == "https://saltmarshchecks.example/ferry-strike"
    assert claim["checkworthy"] and match["score"] >= 0.5
    text = _run("show", record["id"], "--db", db).stdout
    assert "Claims already fact-checked" in text and "https://saltmarshchecks.example/ferry-strike" in text


def test_analyze_without_factchecks_has_no_stage(tmp_path, write):
    db = str(tmp_path / "b.db")
    result = _run("analyze", str(write("ferry.txt", ARTICLE)), "--db", db, "--format", "json")
    [record] = json.loads(result.stdout)
    assert "factchecks" not in record["stages"]


# training code, on tiny made-up data --------------------------------------------
def _train_module():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "scripts" / "train_matcher.py"
    spec = importlib.util.spec_from_file_location("train_matcher", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_fit_logistic_and_adapter_learn_tiny_problems():
    train = _train_module()
    rng = np.random.default_rng(3)
    x = rng.normal(size=(400, 2))
    y = (x[:, 0] - 0.5 * x[:, 1] + rng.normal(scale=0.3, size=400) > 0).astype(float)
    coef, intercept = train.fit_logistic(x, y)
    assert coef[0] > 0 > coef[1] and abs(intercept) < 0.5
    # queries whose gold documents sit along a rotated direction: the adapter finds it
    docs = rng.normal(size=(60, 8)).astype(np.float32)
    docs /= np.linalg.norm(docs, axis=1, keepdims=True)
    turn = np.linalg.qr(rng.normal(size=(8, 8)))[0].astype(np.float32)
    queries = docs[:40] @ turn.T + rng.normal(scale=0.05, size=(40, 8)).astype(np.float32)
    gold = [[i] for i in range(40)]

    def hits(w):
        return sum(int(np.argmax(docs @ (q @ w)) == g[0]) for q, g in zip(queries, gold))

    adapter = train.fit_adapter(queries, gold, docs, steps=200, negatives=20)
    assert adapter.shape == (8, 8) and hits(adapter) > hits(np.eye(8, dtype=np.float32))


def test_import_embeds_fast_now_and_accurate_at_the_first_match(tmp_path, write, embedders):
    if set(embedders) != {"fast", "accurate"}:
        pytest.skip("needs both embedding models")
    rows = "\n".join(json.dumps({"id": fc.id, "claim": fc.claim, "rating": fc.rating}) for fc in CHECKS) + "\n"
    path = str(write("checks.jsonl", rows))
    fast, accurate = embedders["fast"].name, embedders["accurate"].name
    deferred, eager = str(tmp_path / "deferred.db"), str(tmp_path / "eager.db")
    assert _run("factchecks", "import", path, "--db", deferred, "--quiet").exit_code == 0
    assert _run("factchecks", "import", path, "--db", eager, "--accurate", "--quiet").exit_code == 0
    with open_store(deferred, read_only=True) as store:
        assert (store.factchecks.missing_vectors(fast), store.factchecks.missing_vectors(accurate)) == (0, len(CHECKS))
    with open_store(eager, read_only=True) as store:
        assert store.factchecks.missing_vectors(accurate) == 0
    query = [("q", PARAPHRASES[0][0])]
    [(_, _, first)] = match_factchecks(query, deferred, top=3)
    with open_store(deferred, read_only=True) as store:
        assert store.factchecks.missing_vectors(accurate) == 0  # stored by the first match, once
        stored = store.factchecks.vectors(accurate, [fc.id for fc in CHECKS])
    with open_store(eager, read_only=True) as store:
        assert np.array_equal(stored, store.factchecks.vectors(accurate, [fc.id for fc in CHECKS]))
    [(_, _, again)] = match_factchecks(query, eager, top=3)
    assert [m.factcheck.id for m in first] == [m.factcheck.id for m in again] and first[0].factcheck.id == "ferry"
    assert store_vectors(deferred) == 0  # nothing left to store


CT22 = Path(os.environ.get("NEWSTRAIL_SHARED") or Path(__file__).resolve().parents[2] / "shared") / "data" / "checkthat2022-2a"


@pytest.mark.skipif(not (CT22 / "vclaims.jsonl").is_file(), reason="../shared/data/checkthat2022-2a is not beside the checkout")
def test_shipped_matcher_ct2022_dev_floor(tmp_path):
    """Quality gate, measured: the shipped matcher on CheckThat! 2022 2A dev (held out from its
    fit; bench/factchecks.py prints lexical 0.952 and fast 0.951 MAP@5 there, 0.882 and 0.900
    before the claims' dates and the tweets' signatures were read), imported as a
    user imports (fast embeddings only: the accurate ones cost minutes for 14,231 claims,
    and the hybrid variant's figure is bench/factchecks.py's to print)."""
    with open_store(str(tmp_path / "ct22.db")) as store:
        [report] = import_files([str(claims_file(CT22, tmp_path))], store, kinds=("fast",))
        index = FactCheckIndex.from_store(store, kinds=("fast",))
    assert report.added == 14231
    queries, gold = load_split(CT22, "dev")
    ids = list(queries)
    weights = MatcherWeights.load()
    assert weights.preference[0] == "hybrid"
    scores = {}
    for variant in ("lexical", "fast"):
        found = Matcher(index, weights=weights, variant=variant).match_many([queries[q] for q in ids], top=5)
        scores[variant] = map_at_k({q: [m.factcheck.id for m in ms] for q, ms in zip(ids, found, strict=True)}, gold, 5)
    assert len(ids) == 199 and scores["lexical"] >= 0.945 and scores["fast"] >= 0.945, scores

