"""The cache of unpacked model files: kept once, read back the same, rebuilt when the
source changes or the copy is damaged, and never needed (a read-only cache only costs time)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newstrail.core import cachefiles
from newstrail.core.cachefiles import cache_folder, unpacked_arrays, unpacked_values


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cachefiles.CACHE_VARIABLE, str(folder))
    return folder


def _source(tmp_path: Path, content: bytes = b"harbour weights v1") -> Path:
    path = tmp_path / "model.bin"
    path.write_bytes(content)
    return path


def test_arrays_are_unpacked_once_and_read_back_mapped(tmp_path: Path, cache: Path) -> None:
    calls = []

    def unpack() -> dict[str, np.ndarray]:
        calls.append(1)
        return {"table": np.arange(12, dtype=np.uint8).reshape(3, 4), "classes": np.array(["en", "fr"])}

    source = _source(tmp_path)
    first = unpacked_arrays("pier", source, unpack)
    second = unpacked_arrays("pier", source, unpack)
    assert len(calls) == 1
    assert isinstance(second["table"], np.memmap) and not second["table"].flags.writeable
    assert np.array_equal(first["table"], second["table"]) and second["classes"].tolist() == ["en", "fr"]


def test_a_changed_source_is_unpacked_again(tmp_path: Path, cache: Path) -> None:
    source = _source(tmp_path)
    unpacked_arrays("pier", source, lambda: {"w": np.zeros(2)})
    source.write_bytes(b"harbour weights v2, retrained")
    assert unpacked_arrays("pier", source, lambda: {"w": np.ones(2)})["w"].tolist() == [1.0, 1.0]


def test_a_copy_missing_an_array_is_replaced_and_a_complete_one_is_left_to_its_readers(tmp_path: Path, cache: Path) -> None:
    source = _source(tmp_path)
    unpacked_arrays("pier", source, lambda: {"w": np.arange(3), "b": np.ones(1)})
    (kept,) = cache.glob("pier-*")
    (kept / "b.npy").unlink()  # a copy another process cut short: all or nothing is read
    assert sorted(unpacked_arrays("pier", source, lambda: {"w": np.arange(3), "b": np.ones(1)})) == ["b", "w"]
    assert np.load(kept / "b.npy").tolist() == [1.0]
    # a second process that unpacked at the same time keeps the first one's complete copy
    before = (kept / "w.npy").stat().st_ino
    cachefiles._keep(kept, {"w": np.arange(3), "b": np.ones(1)}, replace=False)
    assert (kept / "w.npy").stat().st_ino == before and not list(cache.glob(".pier-*"))


def test_a_damaged_copy_is_replaced(tmp_path: Path, cache: Path) -> None:
    source = _source(tmp_path)
    unpacked_arrays("pier", source, lambda: {"w": np.arange(3)})
    (kept,) = cache.glob("pier-*")
    (kept / "w.npy").write_bytes(b"not an array")
    assert unpacked_arrays("pier", source, lambda: {"w": np.arange(3)})["w"].tolist() == [0, 1, 2]
    assert np.load(kept / "w.npy").tolist() == [0, 1, 2]


def test_values_round_trip_and_a_damaged_file_is_rebuilt(tmp_path: Path, cache: Path) -> None:
    source = _source(tmp_path)
    value = {"pieces": ["▁pier", "▁ferry"], "scores": b"\x00\x01", "ids": (1, 2)}
    assert unpacked_values("vocab", source, lambda: value) == value
    assert unpacked_values("vocab", source, lambda: {"rebuilt": True}) == value  # read from the cache
    (kept,) = cache.glob("vocab-*.marshal")
    kept.write_bytes(b"\xff garbage")
    assert unpacked_values("vocab", source, lambda: {"rebuilt": True}) == {"rebuilt": True}


def test_an_unwritable_cache_only_costs_the_unpacking(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cachefiles.CACHE_VARIABLE, str(blocker / "cache"))  # no folder can be made there
    source = _source(tmp_path)
    assert unpacked_arrays("pier", source, lambda: {"w": np.arange(2)})["w"].tolist() == [0, 1]
    assert unpacked_values("vocab", source, lambda: [1, 2]) == [1, 2]


def test_the_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(cachefiles.CACHE_VARIABLE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_folder() == tmp_path / "newstrail"
    monkeypatch.setenv(cachefiles.CACHE_VARIABLE, str(tmp_path / "elsewhere"))
    assert cache_folder() == tmp_path / "elsewhere"
