"""Linking's per-article inputs computed apart (corpus/prepare.py, what the Dask engine's
workers compute) and handed to ``Linker.prime``: the linker uses them instead of
computing its own, and links exactly as it does without them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from newstrail import api
from newstrail.core.config import Settings
from newstrail.corpus import leads, linking
from newstrail.corpus.linking import Linker, LinkReport
from newstrail.corpus.prepare import prepare
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
