"""Fact-check import: every ClaimReview form, verdicts, dedupe, malformed records with file:line.

All fact-checks here are fictional (invented outlets, towns and claims).
"""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newstrail.core.errors import BadRecord, InputError, UnreadableInput
from newstrail.factchecks.claimreview import read_factchecks
from newstrail.factchecks.importer import IMPORT_KINDS, import_files
from newstrail.factchecks.index import load_embedder
from newstrail.core.verdicts import VERDICTS, normalise_verdict
from newstrail.factchecks.record import FactCheck

REVIEW = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://saltmarshchecks.example/2031/ferry-strike",
    "name": "No, the Velmora ferry crews are not on strike",
    "claimReviewed": "Ferry crews in Velmora walked out on strike on Monday.",
    "datePublished": "2031-05-02",
    "inLanguage": {"@type": "Language", "name": "en"},
    "author": {"@type": "Organization", "name": "Saltmarsh Checks"},
    "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Bryn Tallow"}},
    "reviewRating": {"@type": "Rating", "ratingValue": "2", "bestRating": "5", "worstRating": "1", "alternateName": "Mostly False"},
}

PAGE = """<!doctype html>
<html><head><title>Ferry strike? | Saltmarsh Checks</title>
<script type="application/ld+json">{"@type": "BreadcrumbList", "itemListElement": []}</script>
<script type="application/ld+json">
%s
</script>
</head><body><p>Our ruling: mostly false.</p></body></html>
""" % json.dumps(REVIEW, indent=1)


def _ok(items):
    return [i for i in items if isinstance(i, FactCheck)]


def _errors(items):
    return [i for i in items if isinstance(i, InputError)]


def test_html_json_ld(write):
    path = write("check.html", PAGE)
    [fc] = list(read_factchecks(path))
    assert fc.claim == "Ferry crews in Velmora walked out on strike on Monday."
    assert (fc.rating, fc.verdict) == ("Mostly False", "mostly-false")
    assert (fc.rating_value, fc.best_rating, fc.worst_rating) == (2.0, 5.0, 1.0)
    assert fc.publisher == "Saltmarsh Checks" and fc.claimant == "Bryn Tallow"
    assert fc.url == "https://saltmarshchecks.example/2031/ferry-strike"
    assert (fc.date, fc.language, fc.title) == ("2031-05-02", "en", "No, the Velmora ferry crews are not on strike")
    assert fc.source == f"{path}:4"  # the line where the JSON-LD block starts


def test_html_graph_and_bad_block(write):
    graph = {"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "x"}, REVIEW, {**REVIEW, "url": "https://saltmarshchecks.example/2031/b", "claimReviewed": "The Velmora bridge is closed."}]}
    path = write("graph.html", f"<html><head>\n<script type='application/ld+json'>{json.dumps(graph)}</script>\n<script type=\"application/ld+json\">{{broken</script></head></html>")
    items = list(read_factchecks(path))
    assert [fc.claim for fc in _ok(items)] == ["Ferry crews in Velmora walked out on strike on Monday.", "The Velmora bridge is closed."]
    [error] = _errors(items)
    assert str(error).startswith(f"{path}:3: JSON-LD block is not valid JSON")


def test_html_without_claimreview(write):
    path = write("plain.html", "<html><head><title>x</title></head><body>Hello</body></html>")
    [error] = list(read_factchecks(path))
    assert isinstance(error, BadRecord) and "no ClaimReview JSON-LD" in str(error)


def test_json_list_reports_the_line_of_a_bad_element(write):
    second = {**REVIEW, "claimReviewed": "Velmora's mayor banned kites.", "url": "https://saltmarshchecks.example/kites"}
    bad = {"@type": "ClaimReview", "reviewRating": {"alternateName": "False"}}
    text = "[\n" + ",\n".join(json.dumps(x) for x in (REVIEW, bad, second)) + "\n]\n"
    path = write("list.json", text)
    items = list(read_factchecks(path))
    assert len(_ok(items)) == 2
    [error] = _errors(items)
    assert str(error).startswith(f"{path}:3: ClaimReview without claimReviewed")


def test_google_fact_check_tools_response(write):
    response = {"claims": [
        {"text": "Velmora's reservoir is 90% empty.", "claimant": "a viral post", "claimDate": "2031-06-01T00:00:00Z",
         "claimReview": [
             {"publisher": {"name": "Saltmarsh Checks", "site": "saltmarshchecks.example"}, "url": "https://saltmarshchecks.example/reservoir",
              "title": "The reservoir is at 61%", "reviewDate": "2031-06-03T00:00:00Z", "textualRating": "Exaggerated", "languageCode": "en"},
             {"publisher": {"name": "Dunelight Verifica"}, "url": "https://dunelight.example/embalse", "textualRating": "Falso", "languageCode": "es"},
         ]},
        {"claimant": "nobody", "claimReview": [{"url": "https://x.example"}]},
    ], "nextPageToken": "abc"}
    path = write("google.json", json.dumps(response, indent=2))
    items = list(read_factchecks(path))
    first, second = _ok(items)
    assert (first.claim, first.publisher, first.verdict, first.date, first.claimant) == (
        "Velmora's reservoir is 90% empty.", "Saltmarsh Checks", "misleading", "2031-06-03T00:00:00Z", "a viral post")
    assert (second.language, second.verdict) == ("es", "false")
    [error] = _errors(items)
    assert "claim without 'text'" in str(error) and str(error).startswith(f"{path}:")


def test_data_feed(write):
    feed = {"@context": "https://schema.org", "@type": "DataFeed", "dataFeedElement": [
        {"@type": "DataFeedItem", "item": [REVIEW]},
        {"@type": "DataFeedItem", "item": [{**REVIEW, "url": "https://saltmarshchecks.example/owls", "claimReviewed": "Owls nest in the Velmora clock tower.",
                                            "reviewRating": {"alternateName": "True"}}]},
    ]}
    path = write("feed.json", json.dumps(feed, indent=2))
    items = _ok(read_factchecks(path))
    assert [fc.verdict for fc in items] == ["mostly-false", "true"]
    assert items[1].source.startswith(f"{path}:") and items[1].source != f"{path}:1"


def test_jsonl_mixed_shapes_and_bad_lines(write):
    lines = [
        json.dumps(REVIEW),
        json.dumps({"id": "sc-9", "claim": "The Velmora tram runs all night.", "rating": "Half true", "publisher": "Saltmarsh Checks", "rating_value": 3}),
        "{not json",
        json.dumps({"id": "sc-10", "rating": "False"}),
        "",
        json.dumps({"claim": "Velmora gulls steal chips.", "rating_value": "lots"}),
    ]
    path = write("checks.jsonl", "\n".join(lines) + "\n")
    items = list(read_factchecks(path))
    ok = _ok(items)
    assert [fc.id for fc in ok][1] == "sc-9" and ok[1].verdict == "mixed" and ok[1].rating_value == 3.0
    reasons = {str(e).split(": ", 1)[0]: str(e) for e in _errors(items)}
    assert set(reasons) == {f"{path}:3", f"{path}:4", f"{path}:6"}
    assert "not valid JSON" in reasons[f"{path}:3"] and "is not a number" in reasons[f"{path}:6"]


def test_csv_and_tsv(write):
    csv_path = write("ratings.csv", 'id,claim,rating,url,publisher,date,title,desk\n'
                     'r1,"Velmora\'s lighthouse is 200 years old, locals say.",True,https://a.example/1,Saltmarsh Checks,2031-01-02,Old light,history\n'
                     'r2,,False,https://a.example/2,Saltmarsh Checks,2031-01-03,,\n'
                     'r3,"The harbour, ""deep"" as it is, froze.",Pants on Fire!\n')
    items = list(read_factchecks(csv_path))
    first, third = _ok(items)
    assert (first.id, first.verdict, first.title, first.extra) == ("r1", "true", "Old light", {"desk": "history"})
    assert third.claim == 'The harbour, "deep" as it is, froze.' and third.verdict == "false"
    [error] = _errors(items)
    assert str(error) == f"{csv_path}:3: no claim text (the 'claim' field is empty)"
    # a pandas-style TSV: unnamed index column, CheckThat-like names, quotes left alone
    tsv_path = write("claims.tsv", '\tvclaim\ttitle\n0\tThe "Velmora Vow" was signed in 1820.\tWas the Vow signed in 1820?\n1\tGulls outnumber people.\t\n'
                     '2\t"A ferry captain said\nthe harbour froze."\tFrozen harbour\n3\tLast one.\tEnd\n')
    ok = _ok(read_factchecks(tsv_path))
    assert [(fc.id, fc.claim) for fc in ok] == [("0", 'The "Velmora Vow" was signed in 1820.'), ("1", "Gulls outnumber people."),
                                                ("2", "A ferry captain said the harbour froze."), ("3", "Last one.")]
    assert [fc.source for fc in ok][2:] == [f"{tsv_path}:4", f"{tsv_path}:6"]  # a quoted line break spans two lines


def test_table_without_claim_column(write):
    path = write("x.csv", "id,statement_text\n1,hello\n")
    [error] = list(read_factchecks(path))
    assert str(error).startswith(f"{path}:1: no claim column (columns: id, statement_text)")


def test_unreadable_files(write, tmp_path):
    assert isinstance(next(read_factchecks(tmp_path / "missing.json")), UnreadableInput)
    bad = write("latin.jsonl", b'{"claim": "caf\xe9"}\n')
    assert "not valid UTF-8" in str(next(read_factchecks(bad)))
    assert "not a fact-check file" in str(next(read_factchecks(write("notes.txt", "just words"))))


@pytest.mark.parametrize(("rating", "verdict"), [
    ("False", "false"), ("Pants on Fire!", "false"), ("Mostly False", "mostly-false"), ("Barely True", "mostly-false"),
    ("Half True", "mixed"), ("Mixture", "mixed"), ("Mostly True", "mostly-true"), ("Correct", "true"),
    ("Missing context", "misleading"), ("Unproven", "unproven"), ("Satire", "satire"), ("Legend", "unrated"), ("", "unrated"),
])
def test_verdicts(rating, verdict):
    assert normalise_verdict(rating) == verdict


@given(st.floats(min_value=0, max_value=10), st.floats(min_value=0, max_value=10))
def test_numeric_verdict_is_on_the_scale_and_monotone(a, b):
    low, high = sorted((a, b))
    scale = VERDICTS[:5]
    assert scale.index(normalise_verdict(None, low, 10, 0)) <= scale.index(normalise_verdict(None, high, 10, 0))


@given(st.text(min_size=1, max_size=40).filter(str.strip), st.one_of(st.none(), st.text(max_size=10)))
def test_record_round_trip(claim, rating):
    fc = FactCheck(claim=claim, rating=rating, url="https://a.example/x", rating_value=2.0)
    assert FactCheck.from_dict(json.loads(json.dumps(fc.to_dict()))) == fc


def test_import_dedupes_and_counts(store, write):
    jsonl = write("a.jsonl", json.dumps(REVIEW) + "\n" + json.dumps({"id": "sc-1", "claim": "Velmora's tram runs all night.", "rating": "False"}) + "\n{oops\n")
    page = write("a.html", PAGE)  # the same review as the first JSONL line, on its page
    first = import_files([str(jsonl)], store, embed=False)
    assert (first[0].added, first[0].exists, first[0].failed) == (2, 0, 1)
    assert str(first[0].errors[0]).startswith(f"{jsonl}:3:")
    again = import_files([str(jsonl), str(page)], store, embed=False)
    assert [(r.added, r.exists) for r in again] == [(0, 2), (0, 1)]
    assert store.factchecks.count() == 2
    fc = FactCheck.from_row(store.factchecks.get("sc-1"))
    assert fc.verdict == "false" and fc.source == f"{jsonl}:2"


def test_same_claim_under_two_own_ids_without_url_is_kept_twice(store, write):
    path = write("two.tsv", "id\tclaim\ttitle\n7\tVelmora's well is poisoned.\tIs the well poisoned?\n8\tVelmora's well is poisoned.\tWell rumour returns\n")
    [report] = import_files([str(path)], store, embed=False)
    assert (report.added, report.exists) == (2, 0)


def test_import_refuses_an_id_reused_for_another_claim(store, write):
    import_files([str(write("a.csv", "id,claim\nk1,Velmora has two bridges.\n"))], store, embed=False)
    [report] = import_files([str(write("b.csv", "id,claim\nk1,Velmora has no bridges.\n"))], store, embed=False)
    assert report.added == 0 and "already stored for another claim" in str(report.errors[0])


def test_import_folder_and_missing_path(store, write, tmp_path):
    write("checks/one.jsonl", json.dumps({"claim": "Velmora's well is poisoned.", "rating": "False"}) + "\n")
    write("checks/skip.txt", "not a fact-check")
    reports = import_files([str(tmp_path / "checks"), str(tmp_path / "nope.json")], store, embed=False)
    assert [(r.path.endswith("one.jsonl"), r.added) for r in reports][0] == (True, 1)
    assert reports[-1].failed == 1 and "no such file" in str(reports[-1].errors[0])


def test_vectors_stored_once(store):
    import numpy as np

    store.factchecks.put_many([FactCheck(claim="Velmora's well is poisoned.", id="w1").to_row(), FactCheck(claim="Velmora has two bridges.", id="b1").to_row()])
    assert [row.id for row in store.factchecks.without_vectors("m")] == ["w1", "b1"]
    assert store.factchecks.missing_vectors("m") == 2
    store.factchecks.put_vectors("m", {"w1": np.array([0.6, 0.8]), "b1": np.array([1.0, 0.0])})
    assert store.factchecks.without_vectors("m") == [] and store.factchecks.missing_vectors("m") == 0
    matrix = store.factchecks.vectors("m", ["b1", "w1"])
    assert matrix.dtype == np.float32 and np.allclose(matrix, [[1, 0], [0.6, 0.8]], atol=1e-3)
    assert store.factchecks.vectors("other", ["w1"]) is None


def test_sample_factchecks_parse_cleanly():
    from newstrail.api import sample_corpus

    folder = sample_corpus().parent / "factchecks"
    items = [i for p in sorted(folder.iterdir()) if p.suffix != ".md" for i in read_factchecks(p)]
    assert _errors(items) == []
    assert len(_ok(items)) >= 10 and {fc.verdict for fc in _ok(items)} >= {"false", "misleading", "true"}


def test_import_speed_floor(store, write):
    """Issue 14's floor: at least 400 claims per CPU-second, the import's embeddings included
    (bench/factcheck_import.py measured about 7,900 on 10,375 real claims)."""
    embedder = load_embedder(IMPORT_KINDS[0])
    if embedder is None:
        pytest.skip("the fast embedding model is not installed")
    towns, things = ["Velmora", "Orrin", "Saltmarsh", "Dunelight", "Cape Brask"], ["ferry", "tram", "bridge", "reservoir", "lighthouse", "school"]
    rows = [f"v{i}\tThe {things[i % 6]} of {towns[i % 5]} closed {i % 28 + 1} times in {2000 + i % 31}, officials say.\tDid the {things[i % 6]} close?"
            for i in range(3000)]
    path = write("claims.tsv", "id\tclaim\ttitle\n" + "\n".join(rows) + "\n")
    started = time.process_time()
    [report] = import_files([str(path)], store)
    cpu = time.process_time() - started
    assert report.added == 3000 and store.factchecks.missing_vectors(embedder.name) == 0
    assert report.added / cpu >= 400, f"{report.added / cpu:.0f} claims per CPU-second"
