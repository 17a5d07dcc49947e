"""The library facade and the thin CLI give the same answers; read commands never write."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from newstrail import api
from newstrail.cli import main
from newstrail.core.config import Settings
from newstrail.core.errors import ConfigError, StoreError
from newstrail.store import open_store


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> api.DemoResult:
    return api.demo(tmp_path_factory.mktemp("facade") / "demo")


def _run(*args: str) -> object:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_cli_trace_json_is_the_library_trace(demo):
    key = demo.shown["laundering"][0]["article"]
    result = _run("trace", key, "--db", str(demo.db), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == api.trace(str(demo.db), article=key).to_dict()
    assert "external_outlets" in api.trace(Settings(db=str(demo.db)), article=key).to_dict()


def test_cli_show_and_claims_json_are_the_library_ones(demo):
    key = demo.shown["laundering"][0]["article"]
    shown = _run("show", key, "--db", str(demo.db), "--format", "json")
    assert json.loads(shown.stdout) == api.show(str(demo.db), key).to_dict()
    claims = _run("claims", key, "--db", str(demo.db), "--format", "json")
    assert json.loads(claims.stdout) == api.claims(str(demo.db), key).to_dict()


def _fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


@pytest.fixture
def frozen_store(demo, tmp_path):
    """A copy of the demo store in a folder made read-only, file and folder."""
    folder = tmp_path / "frozen"
    folder.mkdir()
    db = folder / "newstrail.db"
    shutil.copy(demo.db, db)
    db.chmod(stat.S_IRUSR | stat.S_IRGRP)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    yield db
    folder.chmod(stat.S_IRWXU)
    db.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_read_commands_succeed_on_a_read_only_store_and_leave_it_unchanged(demo, frozen_store):
    before = _fingerprint(frozen_store)
    key = demo.shown["laundering"][0]["article"]
    db = str(frozen_store)
    commands = [
        ("trace", key), ("trace", key, "--format", "json"), ("stories",), ("show", key), ("search", "harbor"),
        ("sources", "show", "Open Eyes News"), ("sources", "list"), ("sources", "aliases"),
        ("claims", key), ("claims", "show", key, "--all"), ("rhetoric", "--article", key, "--format", "text"),
        ("factchecks", "list"), ("factchecks", "match", "Cheap tea halves your diabetes risk", "--lexical"),
    ]
    for command in commands:
        result = _run(*command, "--db", db)
        assert result.exit_code == 0, (command, result.output)
    assert _fingerprint(frozen_store) == before
    # a WAL reader may leave SQLite's shared-memory files where it can (root can), never a frame of data
    assert set(os.listdir(frozen_store.parent)) <= {"newstrail.db", "newstrail.db-wal", "newstrail.db-shm"}
    wal = frozen_store.parent / "newstrail.db-wal"
    assert not wal.exists() or wal.stat().st_size == 0


def test_a_read_only_store_refuses_writes_and_is_never_created(demo, tmp_path):
    copy = tmp_path / "copy.db"
    shutil.copy(demo.db, copy)
    before = _fingerprint(copy)
    with open_store(str(copy), read_only=True) as store, pytest.raises(Exception, match="readonly|read-only"):
        store.ratings.delete_list("coastwatch-media-audit")
    assert _fingerprint(copy) == before
    with pytest.raises(StoreError):
        open_store(str(tmp_path / "absent.db"), read_only=True)
    assert not (tmp_path / "absent.db").exists()


def test_demo_refuses_a_folder_holding_a_strangers_file(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "thesis.txt").write_text("three years of work", encoding="utf-8")
    result = CliRunner().invoke(main, ["demo", "--out", str(folder)])
    assert result.exit_code == 2 and "did not make" in result.stderr
    assert (folder / "thesis.txt").read_text(encoding="utf-8") == "three years of work"
    with pytest.raises(ConfigError):
        api.demo(folder)


def test_demo_replaces_its_own_folder(demo):
    (demo.folder / "stale.txt").write_text("left by the demo's user", encoding="utf-8")
    again = api.demo(demo.folder)
    assert not (again.folder / "stale.txt").exists() and (again.folder / ".newstrail-demo").exists()
    assert again.counts["added"] == again.total > 0


def test_link_command_links_what_analyze_stored_unlinked(tmp_path):
    text = tmp_path / "pier.txt"
    text.write_text("Pier 9 Closes\n\nThe harbor council of Saltmarsh voted on Monday to close Pier 9 for repairs until spring.",
                    encoding="utf-8")
    db = str(tmp_path / "s.db")
    assert _run("analyze", str(text), "--db", db, "--set", "link=false", "--no-language").exit_code == 0
    (article,) = open_store(db, read_only=True).articles.iter_articles()
    assert _run("trace", article.id, "--db", db).exit_code == 4  # not linked yet: nothing to trace
    linked = _run("link", "--db", db)
    assert linked.exit_code == 0 and linked.stdout.startswith("1 articles linked")
    assert _run("trace", article.id, "--db", db).exit_code == 0


def test_config_and_set_are_accepted_on_every_command(tmp_path):
    conf = tmp_path / "team.toml"
    conf.write_text(f'[newstrail]\ndb = "{tmp_path / "team.db"}"\n', encoding="utf-8")
    text = tmp_path / "pier.txt"
    text.write_text("Pier 9 Closes\n\nThe harbor council of Saltmarsh voted on Monday to close Pier 9 for repairs.", encoding="utf-8")
    assert _run("analyze", str(text), "--config", str(conf), "--set", "detect_language=false").exit_code == 0
    assert (tmp_path / "team.db").exists()
    result = _run("stories", "--min-size", "1", "--config", str(conf))
    assert result.exit_code == 0 and "1 articles" in result.stdout
    listed = _run("sources", "list", "--config", str(conf))
    assert listed.exit_code == 0 and str(tmp_path / "team.db") in listed.stdout
    # --set wins over the file; a section prefix names where the key is documented
    other = tmp_path / "other.db"
    assert _run("analyze", str(text), "--config", str(conf), "--set", f"store.db={other}").exit_code == 0 and other.exists()
    bad = CliRunner().invoke(main, ["stories", "--set", "no_such_setting=1"])
    assert bad.exit_code == 2 and "no_such_setting" in bad.stderr


def test_api_export_writes_rated_records(demo, tmp_path):
    out = tmp_path / "all.jsonl"
    assert api.export(str(demo.db), out) == demo.total
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert "source_ratings" in first
