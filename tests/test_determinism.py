"""The same inputs give the same store whatever the batch size, an interruption or a rerun
(issue 16, point 7): credits, shared passages, stories, learned aliases, every record and
every story's edges are compared exactly.

The corpus is the chains generator's (copies, credits, syndication, updates, site
boilerplate), a third of it without URLs so outlets are known by masthead only, and
two records the team wrote: a masthead-only outlet, "The Gull", and a later article
crediting it by its one-word name, which reads as a person's unless the outlet is known.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newstrail import Settings, api
from newstrail.eval import chains
from newstrail.eval.determinism import derived_tables, differences

GULL = [
    {"outlet": "The Gull", "title": "Lighthouse keeper retires after 40 years", "published": "2025-01-05T08:00:00Z",
     "text": "Lighthouse keeper retires after 40 years\n\nOrla Penhale, who kept the Skerrow light for 40 years, handed over "
             "the keys on Saturday. The harbour trust said the lamp will be run from the mainland from March, and the "
             "cottage will become a small museum about the coast guard."},
    {"url": "https://bayherald.example/2025/01/06/skerrow", "outlet": "Bay Herald", "title": "Skerrow light goes remote",
     "published": "2025-01-06T09:00:00Z",
     "text": "Skerrow light goes remote\n\nGull wrote on Saturday that Orla Penhale had handed over the keys to the Skerrow "
             "light after 40 years. The harbour trust confirmed the lamp will be run from the mainland from March."},
]


def corpus_lines(n: int = 120, seed: int = 11) -> list[str]:
    """The generated corpus (a third without URL or id) with the Gull pair in its first part."""
    records, _ = chains.generate(n, seed, hard=True)
    for i, record in enumerate(records):
        if i % 3 == 0:
            record.pop("url", None)
            record.pop("id", None)
    records[5:5] = [GULL[0]]
    records[60:60] = [GULL[1]]
    return [json.dumps(r, ensure_ascii=False) for r in records]


def run(paths: list[str], db: Path, batch_size: int = 200, stop_after: int | None = None) -> None:
    """Analyse ``paths`` into ``db``; ``stop_after`` outcomes, the run is abandoned (as a crash would)."""
    settings = Settings(db=str(db), batch_size=batch_size)
    for count, _ in enumerate(api.analyze(paths, settings), start=1):
        if stop_after is not None and count >= stop_after:
            break


def snapshot(db: Path) -> dict:
    """The derived tables and the edges of every story (what ``trace`` draws)."""
    tables = derived_tables(str(db))
    edges = {}
    for story in api.stories(str(db), min_size=2):
        trace = api.trace(str(db), story=story.id).to_dict()
        edges[story.id] = sorted((e["from"], e["to"], tuple(sorted(e["kinds"]))) for e in trace["edges"])
    return {**tables, "edges": edges}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    folder = tmp_path_factory.mktemp("determinism")
    lines = corpus_lines()
    path = folder / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, lines


@pytest.fixture(scope="module")
def reference(corpus: tuple[Path, list[str]], tmp_path_factory: pytest.TempPathFactory) -> dict:
    db = tmp_path_factory.mktemp("reference") / "ref.db"
    run([str(corpus[0])], db)
    return snapshot(db)


def test_reference_holds_links_and_the_gull_credit(reference: dict) -> None:
    # a comparison of empty tables would prove nothing
    assert len(reference["cites"]) > 20 and len(reference["reuse"]) > 100 and len(reference["edges"]) > 10
    herald = next(r for r in reference["records"].values() if r.get("url") == GULL[1]["url"])
    assert [(a["source"], a["kind"]) for a in herald["attributions"]] == [("Gull", "outlet")]


@pytest.mark.parametrize("batch_size", [1, 7])
def test_batch_size_changes_nothing(corpus, reference, tmp_path, batch_size) -> None:
    db = tmp_path / "b.db"
    run([str(corpus[0])], db, batch_size=batch_size)
    got = snapshot(db)
    assert differences(reference, got) == {}
    assert got["edges"] == reference["edges"]


def test_interrupted_then_resumed_run_gives_the_same_store(corpus, reference, tmp_path) -> None:
    db = tmp_path / "r.db"
    # a crash in the middle of the third batch: two batches committed, the third lost
    run([str(corpus[0])], db, batch_size=20, stop_after=50)
    stored = derived_tables(str(db))["records"]
    assert 0 < len(stored) < len(corpus[1])
    run([str(corpus[0])], db)
    got = snapshot(db)
    assert differences(reference, got) == {}
    assert got["edges"] == reference["edges"]


def test_a_run_split_across_inputs_matches_one_run(corpus, reference, tmp_path) -> None:
    # the first part stored by one command (the Gull only, not its credit), the rest by
    # another: the credit is read as an outlet's in both, as in the single run
    path, lines = corpus
    first = tmp_path / "first.jsonl"
    first.write_text("\n".join(lines[:30]) + "\n", encoding="utf-8")
    db = tmp_path / "s.db"
    run([str(first)], db)
    run([str(path)], db)
    got = snapshot(db)
    assert differences(reference, got) == {}
    assert got["edges"] == reference["edges"]
