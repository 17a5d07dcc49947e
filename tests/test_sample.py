"""The sample corpus through the demo: every article lands with the metadata its text states."""

import json
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from newstrail import open_store
from newstrail.cli import main
from newstrail.outlets import canonical_url

TRUTH = json.loads((resources.files("newstrail") / "sample" / "truth.json").read_text(encoding="utf-8"))
# Outlets the text of these articles never names in a form a reader can recognise.
UNSTATED_OUTLET = {"s3-crosswind", "s5-crosswind"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo") / "out"
    result = CliRunner().invoke(main, ["demo", "--out", str(out)], catch_exceptions=False)
    return out, result


def _stored(out: Path):
    with open_store(str(out / "newstrail.db")) as store:
        return list(store.articles.iter_articles())


def _match(articles, truth):
    for article in articles:
        if article.id == truth["id"] or article.url == canonical_url(truth["url"]) or article.source.endswith(truth["file"]):
            return article
    raise AssertionError(f"{truth['id']} ({truth['file']}) was not stored")


def test_demo_runs_and_says_where_outputs_went(demo):
    out, result = demo
    assert result.exit_code == 0, result.output
    assert f"store:    {out / 'newstrail.db'}" in result.output
    records = (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(records) == len(TRUTH["articles"]) == 40
    assert "40 added, 0 already stored, 0 failed" in result.stderr


def test_every_article_with_its_metadata(demo):
    articles = _stored(demo[0])
    aliases = {o["name"]: {o["name"], *o.get("aliases", [])} for o in TRUTH["outlets"]}
    for truth in TRUTH["articles"]:
        article = _match(articles, truth)
        assert article.language == truth["language"], truth["id"]
        assert article.published[:10] == truth["published"][:10], truth["id"]
        if truth["id"] in UNSTATED_OUTLET:
            assert article.outlet is None
        else:
            assert article.outlet in aliases[truth["outlet"]], truth["id"]
        assert len(article.text) > 300 and article.title, truth["id"]


def test_every_input_kind_is_represented(demo):
    sources = {Path(a.source.split("#")[0].split(":")[0]).suffix for a in _stored(demo[0])}
    assert {".html", ".txt", ".md", ".jsonl", ".csv", ".tsv", ".rss", ".atom", ".gz"} <= sources


def test_badge_and_origin_are_evidence(demo):
    articles = _stored(demo[0])
    copy6 = _match(articles, next(t for t in TRUTH["articles"] if t["id"] == "s1-copy6"))
    assert "badge" in [r.kind for r in copy6.removed]
    copy4 = _match(articles, next(t for t in TRUTH["articles"] if t["id"] == "s1-copy4"))
    assert copy4.original_source == "Awake Signal"


def test_demo_shows_what_the_laundered_copy_claims_and_how_it_argues(demo):
    out, result = demo
    text = result.output
    # the copy that credits Freehold Dispatch while its text comes from the Clarity Research Centre
    assert "credits Freehold Dispatch, but its text comes from" in text
    claims = text[text.index("claims, best first") : text.index("argues (newstrail rhetoric")]
    assert "fact-checks: https://checkpointfacts.example/" in claims and "(False)" in claims
    rhetoric = text[text.index("argues (newstrail rhetoric") : text.index("Outputs:")]
    assert "span(s)" in rhetoric and "[[" in rhetoric


def test_a_fact_check_in_a_story_is_named_and_its_corrections_are_no_mutations(demo):
    out, _ = demo
    traces = [json.loads(p.read_text(encoding="utf-8")) for p in (out / "traces").glob("*.json")]
    memo = next(t for t in traces if any(a["url"] and "sorvik-memo" in a["url"] for a in t["articles"] if "checkpointfacts" in (a["url"] or "")))
    (review,) = [f for f in memo["factchecks"] if "Sorvik" in f["claim"]]
    checker = review["article"]
    assert review["rating"] == "False" and review["publisher"] == "Checkpoint Facts"
    assert any(e["to"] == checker for e in memo["edges"])  # still in the graph: it quotes and links the copies
    assert not [m for m in memo["mutations"] if m["edge"]["to"] == checker]
