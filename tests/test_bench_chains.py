"""newstrail.eval.chains (a generator of corpora with known copy chains), newstrail.eval.provenance's
scoring, and the bench/provenance.py script run as users run it.

The generator is checked against its own truth with rules written here, not with
its helpers: words, runs and numbers are re-derived from the records.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from newstrail.eval import chains, provenance

ROOT = Path(__file__).resolve().parents[1]

SIZE = 300
SEED = 3
KEYS = {"id", "url", "title", "text", "published", "outlet", "author", "language"}


@pytest.fixture(scope="module")
def corpus():
    return chains.generate(SIZE, SEED, hard=False)  # the easy corpus: its tests pin what earlier figures were measured on


@pytest.fixture(scope="module")
def by_id(corpus):
    records, _ = corpus
    return {r["id"]: r for r in records}


@pytest.fixture(scope="module")
def story_of(corpus):
    _, truth = corpus
    return {a["id"]: a["story"] for a in truth["articles"]}


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def runs(text: str, n: int) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + n]) for i in range(len(w) - n + 1)}


def body(record: dict) -> list[str]:
    """The paragraphs above the outlet's boilerplate."""
    return record["text"].split("\n\n")[: -len(chains.boilerplate(record["outlet"]))]


def when(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def whole(record: dict) -> str:
    return record["text"] + "\n" + record["title"]


# --------------------------------------------------------------------------- the generator


def test_same_seed_same_corpus_other_seed_other_corpus(corpus):
    assert chains.generate(SIZE, SEED, hard=False) == corpus
    other, _ = chains.generate(SIZE, SEED + 1, hard=False)
    assert [r["text"] for r in other] != [r["text"] for r in corpus[0]]


def test_records_are_articles(corpus):
    records, _ = corpus
    assert len(records) == SIZE
    assert all(set(r) == KEYS for r in records)
    assert len({r["id"] for r in records}) == SIZE
    assert len({r["url"] for r in records}) == SIZE
    assert all(r["language"] == "en" and r["url"].split("/")[2].endswith(".example") for r in records)
    assert len({r["outlet"] for r in records}) >= 40
    for r in records:
        when(r["published"])
        paragraphs = body(r)
        assert 3 <= len(paragraphs) <= 8
        assert "\n\n" not in "".join(paragraphs) and all(p.strip() == p and p for p in paragraphs)
        assert 200 <= sum(len(p.split()) for p in paragraphs) <= 520
    mean = sum(len(" ".join(body(r)).split()) for r in records) / len(records)
    assert 300 <= mean <= 450


def test_truth_describes_the_records(corpus, by_id):
    records, truth = corpus
    assert [a["id"] for a in truth["articles"]] == [r["id"] for r in records]
    for a in truth["articles"]:
        assert by_id[a["id"]]["outlet"] == a["outlet"] and by_id[a["id"]]["published"] == a["published"]
    members = defaultdict(list)
    for a in truth["articles"]:
        members[a["story"]].append(a["id"])
    assert set(truth["origins"]) == set(members)
    for story, ids in members.items():
        (origin,) = truth["origins"][story]
        assert min(ids, key=lambda i: (by_id[i]["published"], i)) == origin
    kinds = {s["kind"] for s in truth["stories"]}
    assert kinds == {"single", "chain", "wire"}
    assert all(1 <= s["size"] <= 12 for s in truth["stories"])


def test_every_copy_has_one_parent_earlier_in_its_story(corpus, by_id, story_of):
    _, truth = corpus
    parents = defaultdict(list)
    for e in truth["edges"]:
        parents[e["to"]].append(e["from"])
        assert story_of[e["from"]] == story_of[e["to"]]
        gap = when(by_id[e["to"]]["published"]) - when(by_id[e["from"]]["published"])
        assert timedelta(0) < gap <= timedelta(days=4)
        if "syndication" in e["kinds"]:
            assert gap <= timedelta(hours=8)
    origins = {ids[0] for ids in truth["origins"].values()}
    for r in by_id:
        assert len(parents[r]) == (0 if r in origins else 1)


def test_mutations_quote_their_articles(corpus, by_id):
    _, truth = corpus
    types = {m["type"] for m in truth["mutations"]}
    assert types == {"number", "actor", "hedge", "quote", "framing"}
    for m in truth["mutations"]:
        source, copy = whole(by_id[m["from"]]), whole(by_id[m["to"]])
        assert m["from_text"] in source and m["to_text"] in copy
        assert m["from_text"] or m["to_text"]
        if m["to_text"]:
            assert m["to_text"] not in source, m
        if m["type"] == "framing":
            assert (m["from_text"], m["to_text"]) == (by_id[m["from"]]["title"], by_id[m["to"]]["title"])


def test_equal_conversions_are_equal_and_are_not_mutations(corpus, by_id):
    _, truth = corpus
    assert truth["equal_conversions"]
    mutated = {(m["from"], m["to"], m["from_text"]) for m in truth["mutations"]}
    for c in truth["equal_conversions"]:
        assert c["from_text"] in by_id[c["from"]]["text"] and c["to_text"] in by_id[c["to"]]["text"]
        assert (c["from"], c["to"], c["from_text"]) not in mutated
        before = float(re.match(r"[\d.]+", c["from_text"]).group())
        after = float(re.match(r"[\d.,]+", c["to_text"]).group().replace(",", ""))
        if c["from_text"].endswith(" km"):
            assert c["to_text"].endswith(" miles") and abs(before / 1.609344 - after) < 0.051
        elif "million" in c["from_text"]:
            assert after == before * 1_000_000
        else:
            assert "percent" in c["to_text"] and after == before


def test_distance_changes_are_not_conversions(corpus):
    _, truth = corpus
    for m in truth["mutations"]:
        if m["type"] == "number" and m["from_text"].endswith(" km") and m["to_text"].endswith(" miles"):
            km, miles = float(m["from_text"].split()[0]), float(m["to_text"].split()[0])
            assert abs(km / 1.609344 - miles) / (km / 1.609344) >= 0.06


def test_reuse_edges_share_twenty_words(corpus, by_id):
    _, truth = corpus
    reuse = [e for e in truth["edges"] if "reuse" in e["kinds"]]
    assert len(reuse) == len(truth["edges"])
    for e in reuse:
        assert runs(" ".join(body(by_id[e["from"]])), 20) & runs(" ".join(body(by_id[e["to"]])), 20), e


def test_no_story_shares_a_twelve_word_run_with_another(corpus, by_id, story_of):
    _, truth = corpus
    owners = defaultdict(set)
    for i, r in by_id.items():
        for run in runs("\n".join(body(r)), 12):
            owners[run].add(story_of[i])
    shared = {run: s for run, s in owners.items() if len(s) > 1}
    assert not shared, list(shared.items())[:3]
    singles = [s["story"] for s in truth["stories"] if s["size"] == 1]
    assert singles and any(s["looks_like"] for s in truth["stories"] if s["size"] == 1)


def test_boilerplate_is_the_same_for_every_article_of_an_outlet(corpus):
    records, _ = corpus
    seen = {}
    for r in records:
        paragraphs = r["text"].split("\n\n")
        lines = chains.boilerplate(r["outlet"])
        assert paragraphs[-len(lines) :] == lines
        assert seen.setdefault(r["outlet"], lines) == lines
        assert not any(line in p for line in lines for p in body(r))
    named = [line for lines in seen.values() for line in lines if any(o in line for o in seen)]
    assert len(named) == len(set(named))  # lines that name their outlet differ between outlets


def test_credits_name_the_parent_and_silent_copies_do_not(corpus, by_id):
    _, truth = corpus
    laundered = {x["article"] for x in truth["laundering"]}
    cues = set()
    for e in truth["edges"]:
        parent = by_id[e["from"]]["outlet"]
        names = (parent, *chains.aliases(parent))
        text = "\n".join(body(by_id[e["to"]]))
        if "syndication" in e["kinds"]:
            assert text.startswith(f"{text.split(' (')[0]} ({parent}) - ")
        elif "attribution" in e["kinds"]:
            assert e["cited_as"].lower() in {n.lower() for n in names} and e["cited_as"] in text
            cues.add(e["cue"])
        else:
            assert "silent-copy" in e["kinds"]
            assert not any(n in text for n in names), e
            if e["to"] not in laundered:
                assert not any(o in text for o in chains.OUTLET_BY_NAME)
    assert cues == set(chains.CUE_STYLES)


def test_laundered_copies_credit_an_outlet_they_did_not_take_from(corpus, by_id, story_of):
    _, truth = corpus
    assert truth["laundering"]
    edges = {(e["from"], e["to"]): e for e in truth["edges"]}
    for x in truth["laundering"]:
        edge = edges[(x["actually_from"], x["article"])]
        assert "silent-copy" in edge["kinds"]
        assert x["cites"] != by_id[x["actually_from"]]["outlet"] and x["cites"] != by_id[x["article"]]["outlet"]
        assert x["cited_as"].lower() in {n.lower() for n in (x["cites"], *chains.aliases(x["cites"]))}
        assert x["cited_as"] in "\n".join(body(by_id[x["article"]]))
        earlier = [i for i, s in story_of.items() if s == story_of[x["article"]] and by_id[i]["outlet"] == x["cites"]
                   and by_id[i]["published"] <= by_id[x["article"]]["published"]]
        assert not earlier


def test_syndicated_copies_repeat_the_wire_story(corpus, by_id):
    _, truth = corpus
    assert truth["syndication"]
    for group in truth["syndication"]:
        wire = by_id[group["origin"]]
        assert chains.OUTLET_BY_NAME[wire["outlet"]][2] == "wire"
        original = body(wire)
        assert 2 <= len(group["copies"]) <= 5
        for c in group["copies"]:
            copy = body(by_id[c])
            assert copy[0] == original[0] and f"({wire['outlet']}) - " in copy[0]
            assert copy[: len(original) - 1] == original[:-1] and abs(len(copy) - len(original)) <= 1
            assert by_id[c]["title"] == wire["title"]


def test_origins_carry_a_hedged_claim_with_figures_and_a_quote(corpus, by_id):
    _, truth = corpus
    hedges = ("appears to", "seems to", "may have", "might have", "could have", "reportedly", "allegedly", "according to preliminary figures", "according to early estimates")
    for ids in truth["origins"].values():
        text = body(by_id[ids[0]])
        claim = text[0]
        assert any(h in claim for h in hedges)
        assert re.search(r"\d km ", claim) and re.search(r"\d%", claim) and "crowns" in claim
        assert re.search(r'"[^"]+," said [A-Z]', "\n".join(text))


# --------------------------------------------------------------------------- scoring


def test_truth_as_prediction_scores_perfectly(corpus):
    _, truth = corpus
    scores = provenance.score_all(truth, provenance.truth_as_traces(truth))
    assert scores["edges"]["precision"] == scores["edges"]["recall"] == 1.0
    assert scores["edges"]["external_nodes"] == 0
    assert scores["origins"]["accuracy"] == 1.0
    assert scores["laundering"]["precision"] == scores["laundering"]["recall"] == 1.0
    for row in scores["mutations"]["per_type"].values():
        assert row["total"] and row["recall"] == row["recall_with_text"] == 1.0
    assert scores["mutations"]["precision"] == 1.0
    assert scores["equal_conversions"]["false_alarms"] == 0 and scores["equal_conversions"]["total"] > 0
    assert scores["stories"]["purity"] == scores["stories"]["completeness"] == 1.0


def _article(i: str, story: str) -> dict:
    return {"id": i, "story": story, "outlet": f"Outlet {i}", "published": f"2025-01-0{'abcdef'.index(i) + 1}T00:00:00Z"}


HAND_TRUTH = {
    "articles": [_article("a", "S1"), _article("b", "S1"), _article("c", "S1"), _article("d", "S2"), _article("e", "S2"), _article("f", "S3")],
    "edges": [
        {"from": "a", "to": "b", "kinds": ["attribution", "reuse"], "cue": "credit", "cited_as": "Outlet a"},
        {"from": "b", "to": "c", "kinds": ["silent-copy", "reuse"]},
        {"from": "d", "to": "e", "kinds": ["syndication", "attribution", "reuse"], "cue": "dateline", "cited_as": "Outlet d"},
    ],
    "origins": {"S1": ["a"], "S2": ["d"], "S3": ["f"]},
    "laundering": [{"article": "c", "cites": "X", "actually_from": "b"}],
    "mutations": [
        {"from": "a", "to": "b", "type": "number", "from_text": "45 km", "to_text": "30 miles"},
        {"from": "a", "to": "b", "type": "hedge", "from_text": "appears to show", "to_text": "shows"},
        {"from": "b", "to": "c", "type": "quote", "from_text": "", "to_text": "We knew all along"},
    ],
    "equal_conversions": [{"from": "d", "to": "e", "type": "number", "from_text": "32 km", "to_text": "19.9 miles"}],
    "syndication": [{"origin": "d", "copies": ["e"]}],
}


def _trace(story: str, ids: list[str], edges: list[tuple[str, str]], origins: list[str], laundering=(), mutations=()) -> dict:
    return {
        "story": story,
        "articles": [{"id": i, "url": None, "outlet": None, "published": None, "title": None} for i in ids],
        "edges": [{"from": f, "to": t, "kinds": ["reuse"], "evidence": [], "confidence": 0.5} for f, t in edges],
        "origins": origins,
        "laundering": list(laundering),
        "mutations": list(mutations),
    }


HAND_TRACES = [
    _trace("p1", ["a", "b", "c", "external:X"], [("a", "b"), ("a", "c"), ("external:X", "c")], ["a"],
           laundering=[{"article": "c", "cites": "X", "actually_from": "b"}],
           mutations=[
               {"edge": {"from": "a", "to": "b"}, "type": "number", "from_text": "45 km", "to_text": "30 miles"},
               {"edge": {"from": "a", "to": "b"}, "type": "actor", "from_text": "x", "to_text": "y"},
               {"edge": {"from": "a", "to": "c"}, "type": "quote", "from_text": "", "to_text": "We knew all along"},
               {"article": "b", "type": "hedge", "from_text": "appears to show", "to_text": "shows"},
           ]),
    _trace("p2", ["d", "e", "f"], [("d", "e"), ("f", "d")], ["f"],
           laundering=[{"article": "e", "cites": "Y", "actually_from": "d"}],
           mutations=[{"edge": {"from": "d", "to": "e"}, "type": "number", "from_text": "about 32 km", "to_text": "19.9 miles"}]),
]


def test_hand_made_prediction_scores():
    s = provenance.score_all(HAND_TRUTH, HAND_TRACES)
    e = s["edges"]
    assert (e["tp"], e["fp"], e["fn"]) == (2, 2, 1)  # a->c skips b: false; f->d: false; b->c missed
    assert e["precision"] == 0.5 and e["recall"] == pytest.approx(2 / 3)
    assert (e["external_edges"], e["external_nodes"]) == (1, 1)
    assert {k: (v["found"], v["total"]) for k, v in e["recall_by_class"].items()} == {
        "credited": (1, 1), "laundered": (0, 1), "syndication": (1, 1)}
    assert s["origins"] == {"correct": 1, "total": 2, "accuracy": 0.5}
    assert s["laundering"] == {"tp": 1, "fp": 1, "fn": 0, "precision": 0.5, "recall": 1.0}
    m = s["mutations"]
    assert {t: (r["found"], r["total"]) for t, r in m["per_type"].items()} == {
        "number": (1, 1), "actor": (0, 0), "hedge": (0, 1), "quote": (0, 1), "framing": (0, 0)}
    assert m["per_type"]["number"]["recall_with_text"] == 1.0 and m["per_type"]["actor"]["recall"] is None
    assert m["recall"] == pytest.approx(1 / 3)
    assert (m["predicted_on_edges"], m["precision"]) == (4, 0.25)
    assert s["equal_conversions"] == {"false_alarms": 1, "total": 1, "rate": 1.0}
    assert s["stories"]["purity"] == pytest.approx(4 / 6) and s["stories"]["completeness"] == 1.0


def test_empty_prediction_scores():
    s = provenance.score_all(HAND_TRUTH, [])
    assert s["edges"]["precision"] is None and s["edges"]["recall"] == 0.0
    assert s["origins"]["accuracy"] == 0.0 and s["laundering"]["recall"] == 0.0
    assert s["mutations"]["recall"] == 0.0 and s["equal_conversions"]["false_alarms"] == 0
    assert s["stories"]["purity"] == 1.0 and s["stories"]["completeness"] == 0.0


def test_dry_run_generates_ingests_and_describes():
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
    def dry(*extra: str) -> str:
        run = subprocess.run([sys.executable, str(ROOT / "bench" / "provenance.py"), "--dry-run", "--quality-size", "80", "--sizes", *extra],
                             capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
        assert run.returncode == 0, run.stderr
        return run.stdout

    out = dry("--easy")
    assert "quality corpus: 80 articles" in out and "80 added" in out
    assert "boilerplate left in the text of 0 of 80" in out and "easy corpus" in out
    hard = dry()
    assert "80 added" in hard and "harder corpus" in hard and "related pairs" in hard
    assert "corpus API (newstrail.corpus) not called" in out
