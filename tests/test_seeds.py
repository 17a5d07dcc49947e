"""The two real seed articles, read from ../shared at run time (never copied into the repo)."""

import os
from pathlib import Path

import pytest

from newstrail import Settings, analyze, open_store

# ../shared beside the checkout; NEWSTRAIL_SHARED names it for a checkout elsewhere (a worktree)
SEEDS = Path(os.environ.get("NEWSTRAIL_SHARED") or Path(__file__).resolve().parents[2] / "shared") / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the checkout")


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with open_store(str(db)) as store:
        outcomes = list(analyze([str(SEEDS)], Settings(db=str(db)), store))
    assert all(o.status == "added" for o in outcomes)
    return {Path(o.where).name[:3]: o.article for o in outcomes}


def test_cross_post_metadata_and_cruft(seeds):
    cross = seeds["003"]
    assert cross.title.startswith("The “Liberation” of Mosul")
    assert cross.outlet == "Global Research"
    assert cross.published == "2016-11-18"
    assert cross.authors == ["Mehmet Ersoy"]
    assert cross.original_source == "Inside Syria Media Center"
    assert {"outlet": "Inside Syria Media Center", "date": "2016-11-17"} in cross.datelines
    kinds = {r.kind for r in cross.removed}
    assert {"origin", "copyright", "share", "membership", "disclaimer", "fair-use", "contact", "tags", "byline", "dateline"} <= kinds
    for cruft in ("Become a Member", "Disclaimer", "fair use", "Facebook page", "media inquiries", "Region:"):
        assert cruft not in cross.text
    assert "strictly forbidden to shoot down" in cross.text


def test_badge_is_evidence_not_text(seeds):
    copy = seeds["000"]
    assert copy.title.startswith("ISIS Instructed Not To Attack")
    assert [r.kind for r in copy.removed] == ["badge"]
    assert "Fact checked by" not in copy.text
    # attributions are article text: the provenance stages need them
    assert "Credit – Sputnik Arabic" in copy.text and "True Activist reports:" in copy.text
    assert copy.language == "en"


def test_seeds_are_one_story_with_their_credits_and_shared_decree(seeds, tmp_path):
    from newstrail.corpus import Corpus

    copy, cross = seeds["000"], seeds["003"]
    assert copy.story == cross.story
    credits = {(a.source, a.cue) for a in copy.attributions + cross.attributions if a.kind == "outlet"}
    assert {("Sputnik Arabic", "credit"), ("True Activist", "reports:"), ("Inside Syria Media Center", "original source"),
            ("Inside Syria Media Center", "dateline"), ("Haber7", "published")} <= credits
    db = tmp_path / "seeds.db"
    with open_store(str(db)) as store:
        list(analyze([str(SEEDS)], Settings(db=str(db)), store))
        trace = Corpus(store).trace(article=copy.id).to_dict()
    # the same decree quoted, not one copying the other: no copy edge, a shared quotation
    assert not [e for e in trace["edges"] if {e["from"], e["to"]} == {cross.id, copy.id}]
    (shared,) = trace["shares_quote"]
    assert (shared["a"], shared["b"]) == (cross.id, copy.id) and "strictly forbidden to shoot down" in shared["text"]
    externals = {e["from"] for e in trace["edges"] if e["from"].startswith("external:")}
    assert {"external:Sputnik Arabic", "external:True Activist", "external:Inside Syria Media Center", "external:Haber7"} <= externals


def test_seeds_trace_reads_as_a_shared_quotation_with_outside_origins(seeds, tmp_path):
    from newstrail.corpus import Corpus
    from newstrail.report import render_trace

    copy, cross = seeds["000"], seeds["003"]
    db = tmp_path / "seeds.db"
    with open_store(str(db)) as store:
        list(analyze([str(SEEDS)], Settings(db=str(db)), store))
        trace = Corpus(store).trace(article=copy.id).to_dict()
    # every credited outlet outside the corpus is a candidate origin, the copy's credits too
    assert {"external:Sputnik Arabic", "external:True Activist", "external:Inside Syria Media Center", "external:Haber7"} <= set(trace["external_origins"])
    assert trace["origins"] == [cross.id]
    # never both origin and amplifier; the copy did not take from the cross-post
    assert trace["amplifiers"] == [] and trace["roles"] == {cross.id: "origin", copy.id: "independent"}
    # no mutation along a shared quotation (32 km against 19 miles is not one article rewriting the other)
    assert not [m for m in trace["mutations"] if m.get("edge", {}).get("from") == cross.id]
    text = render_trace(trace)
    assert f"{copy.id} shares a quotation with {cross.id}" in text
    tree = text.split("\n\nOrigins:")[0]
    below_cross = tree.split(cross.id, 1)[1].split("\nexternal:", 1)[0]
    assert copy.id not in below_cross  # no arrow from the cross-post to the copy
    assert "credit (credit): Credit – Sputnik Arabic" in text and "True Activist reports:" in text
    assert "external:Sputnik Arabic" in text.split("Origins:")[1].split("\n")[0]


def test_rhetoric_marks_the_scare_quotes_questions_and_loaded_words_a_reader_sees():
    from newstrail.analyze.rhetoric import techniques_in

    found = {}
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found[path.name[:3]] = [(text[t.span.start : t.span.end], t.technique, t.explanation) for t in techniques_in(text)]
    copy, cross = found["000"], found["003"]
    scare = {words for words, _, why in copy + cross if why.startswith("scare quotes")}
    assert {"Liberation", "liberation", "victory", "friendly", "Anti-ISIS"} <= scare
    questions = [words for words, _, why in copy + cross if "rhetorical question" in why]
    assert any(w.startswith("Why are US coalition planes being excluded") for w in questions)
    assert any(w.endswith("Towards Syria?") for w in questions)
    loaded = {words for words, technique, _ in copy if technique == "Loaded_Language"}
    assert {"incompetence", "complicity"} <= loaded
