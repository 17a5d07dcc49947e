"""Fixtures for every test and doctest of the run (tests/ and src/newstrail's examples)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from newstrail.core.cachefiles import CACHE_VARIABLE


@pytest.fixture(scope="session", autouse=True)
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Unpacked model files go to a folder of the test run, not the user's own cache (the
    first test that needs one unpacks it; the rest of the run maps it)."""
    folder = tmp_path_factory.mktemp("model-cache")
    before = os.environ.get(CACHE_VARIABLE)
    os.environ[CACHE_VARIABLE] = str(folder)
    yield folder
    if before is None:
        os.environ.pop(CACHE_VARIABLE, None)
    else:
        os.environ[CACHE_VARIABLE] = before
