"""The CLI through click's CliRunner: formats, exit codes, the default store, stdin."""

import json

import pytest
from click.testing import CliRunner

from newstrail.cli import EXIT_CODES, main


@pytest.fixture
def runner():
    return CliRunner()


def _run(runner, *args, input=None):
    return runner.invoke(main, list(args), input=input, catch_exceptions=False)


def test_analyze_text_then_show(runner, pier_file, tmp_path):
    db = str(tmp_path / "cli.db")
    result = _run(runner, "analyze", str(pier_file), "--db", db)
    assert result.exit_code == 0, result.output
    line = result.stdout.splitlines()[0]
    assert line.startswith("added") and "The Harbor Lantern · 2025-03-06 · Pier 9 Closes" in line
    assert "1 added, 0 already stored, 0 failed" in result.stderr
    article_id = line.split()[1]
    shown = _run(runner, "show", article_id, "--db", db)
    assert shown.exit_code == 0
    assert "councillor Mira Osei" in shown.stdout
    assert "badge" in shown.stdout and "Verified by the Open Eyes Community" in shown.stdout


def test_json_and_jsonl_records(runner, pier_file, write, tmp_path):
    db = str(tmp_path / "cli.db")
    second = write("b.md", "---\nid: ferry-1\ntitle: Ferry Late\noutlet: Bay Herald\n---\nThe Porthaven ferry ran forty minutes late on Tuesday in thick fog.")
    out = _run(runner, "analyze", str(pier_file), str(second), "--db", db, "--format", "json")
    records = json.loads(out.stdout)
    assert [r["status"] for r in records] == ["added", "added"]
    assert records[1]["id"] == "ferry-1" and records[1]["outlet"] == "Bay Herald"
    again = _run(runner, "analyze", str(pier_file), str(second), "--db", db, "--format", "jsonl")
    lines = [json.loads(x) for x in again.stdout.splitlines()]
    assert [r["status"] for r in lines] == ["exists", "exists"]
    assert lines[0]["links"][0]["url"] == "https://bayherald.example/2025/03/05/pier-nine"
    shown = json.loads(_run(runner, "show", "ferry-1", "--db", db, "--format", "json").stdout)
    assert shown["title"] == "Ferry Late"


def test_default_store_is_newstrail_db_in_working_folder(runner, pier_file, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert _run(runner, "analyze", str(pier_file)).exit_code == 0
    assert (tmp_path / "newstrail.db").exists()


def test_stdin(runner, tmp_path):
    db = str(tmp_path / "cli.db")
    text = "Gull Rock Light Goes Dark\n\nThe Gull Rock lighthouse went dark on Sunday night for the first time in ninety years."
    result = _run(runner, "analyze", "-", "--db", db, input=text)
    assert result.exit_code == 0
    assert "Gull Rock Light Goes Dark" in result.stdout


def test_some_inputs_failed_exit_code(runner, pier_file, write, tmp_path):
    bad = write("bad.csv", "id,headline\n1,Nothing here\n")
    result = _run(runner, "analyze", str(pier_file), str(bad), "--db", str(tmp_path / "x.db"))
    assert result.exit_code == 1
    assert "bad.csv: no text column (columns: id, headline)" in result.stderr
    assert "1 added, 0 already stored, 1 failed" in result.stderr


def test_show_unknown_and_missing_store(runner, pier_file, tmp_path):
    db = str(tmp_path / "x.db")
    assert _run(runner, "show", "abc", "--db", db).exit_code == 3  # no store yet
    _run(runner, "analyze", str(pier_file), "--db", db)
    result = _run(runner, "show", "not-an-id", "--db", db)
    assert result.exit_code == 4
    assert "no stored article" in result.stderr


def test_bad_config_is_a_usage_error(runner, pier_file, tmp_path):
    conf = tmp_path / "c.toml"
    conf.write_text("[newstrail]\nspeed = 'fast'\n")
    result = _run(runner, "--config", str(conf), "analyze", str(pier_file))
    assert result.exit_code == 2
    assert "unknown setting(s) speed" in result.stderr


def test_search(runner, pier_file, tmp_path):
    db = str(tmp_path / "x.db")
    _run(runner, "analyze", str(pier_file), "--db", db)
    result = _run(runner, "search", "pilings", "--db", db)
    assert result.exit_code == 0 and "[pilings]" in result.stdout
    assert _run(runner, "search", "zeppelin", "--db", db).exit_code == 4


def test_exit_codes_are_distinct():
    codes = [code for _, code in EXIT_CODES]
    assert len(set(codes)) == len(codes)
