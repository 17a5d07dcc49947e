"""Shared fixtures: a settings object and a store in a temporary folder, and article text.

All article text in the tests is written by the team about fictional outlets and events.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from postgres_cluster import Cluster, start_cluster

from newstrail import Settings, open_store

PIER_STORY = """Pier 9 Closes After Inspection Finds Rotten Pilings

By Dana Reyes

The Harbor Lantern, March 6, 2025

Verified by the Open Eyes Community
The Porthaven harbor council voted 7 to 2 on Monday to close Pier 9 after an inspection found that 40 of its oak pilings had rotted through, according to [the Bay Herald](https://bayherald.example/2025/03/05/pier-nine).

"We cannot wait for a collapse to act," said councillor Mira Osei, who chairs the harbor committee. Repairs are expected to take 18 months and cost 3.2 million crowns.

Fishing crews who moored at the pier will move to the north basin, the council said in a [statement](https://porthaven.example/council/statement-114).

The original source of this article is The Bay Herald
Copyright © Dana Reyes, The Harbor Lantern, 2025

Share this story on Facebook

Become a Member of The Harbor Lantern

Disclaimer: The views in this article belong to its author alone and the Lantern accepts no liability for errors in it.
"""


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(db=str(tmp_path / "test.db"))


@pytest.fixture
def store(settings: Settings):
    with open_store(settings.db) as opened:
        yield opened


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[Cluster]:
    """A throwaway PostgreSQL server on 127.0.0.1 for the session (the tests that need one
    skip, saying why, when none can be started)."""
    cluster = start_cluster()
    yield cluster
    cluster.close()


@pytest.fixture
def postgres_url(postgres_cluster: Cluster) -> str:
    """The URL of a new, empty PostgreSQL database."""
    return postgres_cluster.new_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_location(request, tmp_path: Path) -> str:
    """A new store's location on each backend in turn: a SQLite file, then an empty PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def write(tmp_path: Path):
    """write(name, content) -> path of a new file under tmp_path (str or bytes content)."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def pier_file(write) -> Path:
    return write("pier.txt", PIER_STORY)


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory) -> Path:
    """The sample corpus analysed by ``newstrail demo`` (ratings and fact-checks imported): its store file.

    Shared by the session: tests that write copy it first (tests/web_server.py: copy_store).
    """
    from newstrail import api

    return Path(api.demo(tmp_path_factory.mktemp("sample") / "demo").db)
