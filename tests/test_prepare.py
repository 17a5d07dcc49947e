"""Linking's per-article inputs computed apart (corpus/prepare.py, what the Dask engine's
workers compute) and handed to ``Linker.prime``: the linker uses them instead of
computing its own, and links exactly as it does without them."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from newstrail import api
from newstrail.core.article import Passage
from newstrail.core.config import Settings
from newstrail.corpus import leads, linking
from newstrail.corpus.linking import Linker, LinkReport
from newstrail.corpus.prepare import prepare
from newstrail.corpus.reuse import align
from newstrail.eval.determinism import derived_tables, differences
from newstrail.store import open_store
from tests.test_dask_engine import copies


def _stored(folder: Path) -> Path:
    """60 copies stored and not linked."""
    path, db = folder / "copies.jsonl", folder / "stored.db"
    path.write_text("".join(json.dumps(r) + "\n" for r in copies(60)), encoding="utf-8")
    assert sum(1 for _ in api.analyze([str(path)], Settings(db=str(db), link=False))) == 60
    return db


def _link(db: Path, prepared: dict | None = None) -> LinkReport:
    """Link what ``db`` holds, 25 at a time; each chunk primed from ``prepared`` when given."""
    with open_store(str(db)) as store:
        ids = store.links.unlinked_ids(limit=1000)
        linker, report = Linker(store), LinkReport()
        for start in range(0, len(ids), 25):
            chunk = ids[start : start + 25]
            if prepared is not None:
                linker.prime({i: prepared[i] for i in chunk})
            linker.link_ids(chunk, report)
    return report


def test_primed_linking_links_as_unprimed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stored = _stored(tmp_path)
    shutil.copy(stored, tmp_path / "primed.db")
    plain = _link(stored)
    with open_store(str(tmp_path / "primed.db"), read_only=True) as store:
        prepared = prepare(store.articles.get_many(store.links.unlinked_ids(limit=1000)))  # as a worker would
    # what was handed over is used: computing a fingerprint or a lead vector here fails
    monkeypatch.setattr(linking.Fingerprint, "of", classmethod(lambda cls, text: pytest.fail("fingerprint computed by the linker")))
    monkeypatch.setattr(leads, "encode_leads", lambda articles: pytest.fail("lead vectors computed by the linker"))
    primed = _link(tmp_path / "primed.db", prepared)
    assert plain.passages > 50 and len(plain.stories) >= 6
    assert (primed.passages, primed.citations, primed.resolved, primed.stories) == (plain.passages, plain.citations, plain.resolved, plain.stories)
    assert differences(derived_tables(str(stored)), derived_tables(str(tmp_path / "primed.db"))) == {}


def test_candidates_aligned_ahead_link_as_unprimed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a worker guesses each article's candidates (from the store's index as it stands and the
    # articles before it) and aligns them: the linker aligns only the pairs guessed wrong
    stored = _stored(tmp_path)
    shutil.copy(stored, tmp_path / "ahead.db")
    calls: list[int] = []
    counted = lambda a, b, min_words: calls.append(1) or align(a, b, min_words=min_words)  # noqa: E731
    monkeypatch.setattr(linking, "align", counted)
    plain = _link(stored)
    aligned_plain = len(calls)
    with open_store(str(tmp_path / "ahead.db"), read_only=True) as store:
        ids = store.links.unlinked_ids(limit=1000)
        # in pieces of 20, each knowing the 20 before it, as the Dask engine cuts them
        prepared = {}
        for start in range(0, len(ids), 20):
            prepared |= prepare(store.articles.get_many(ids[start : start + 20]), store, ids[max(0, start - 20) : start], {})
    assert sum(len(p.aligned) for p in prepared.values()) > 100
    calls.clear()
    primed = _link(tmp_path / "ahead.db", prepared)
    assert aligned_plain > 100 and len(calls) < aligned_plain / 4
    assert (primed.passages, primed.citations, primed.resolved, primed.stories) == (plain.passages, plain.citations, plain.resolved, plain.stories)
    assert differences(derived_tables(str(stored)), derived_tables(str(tmp_path / "ahead.db"))) == {}


def test_a_wrong_guess_changes_nothing(tmp_path: Path) -> None:
    # passages handed over for a pair are used only when the linker compares that pair: a
    # guess of pairs it never compares (every article against the last one stored, which
    # nothing before it is compared with, and an id not stored) is ignored, not stored
    stored = _stored(tmp_path)
    shutil.copy(stored, tmp_path / "guessed.db")
    plain = _link(stored)
    with open_store(str(tmp_path / "guessed.db"), read_only=True) as store:
        ids = store.links.unlinked_ids(limit=1000)
        prepared = prepare(store.articles.get_many(ids))
    bogus = Passage(0, 40, 0, 40, 40)
    prepared = {i: replace(p, aligned={ids[-1]: [bogus], "no-such-article": [bogus]}) for i, p in prepared.items()}
    primed = _link(tmp_path / "guessed.db", prepared)
    assert (primed.passages, primed.stories) == (plain.passages, plain.stories)
