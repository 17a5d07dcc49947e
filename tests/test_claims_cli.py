"""`newstrail claims score FILE` and `newstrail claims ARTICLE_ID` through click's CliRunner.

All text is written by the team about fictional outlets and events.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newstrail import Article, open_store
from newstrail.cli import main

FACT = "The Porthaven harbour board raised ferry fares by 12% on Monday."
FILLER = "What a day it has been!"


@pytest.fixture
def runner():
    return CliRunner()


def _run(runner, *args, input=None):
    return runner.invoke(main, list(args), input=input, catch_exceptions=False)


def _rows(stdout: str) -> list[list[str]]:
    lines = stdout.splitlines()
    assert lines[0] == "id\tsentence\tstart\tend\tscore\tlabel\ttext"
    return [line.split("\t") for line in lines[1:]]


def test_score_tsv_with_header(runner, write):
    path = write("in.tsv", f"id\ttext\na1\t{FACT} {FILLER}\na2\tMayor Ilse Varga said 300 jobs were lost in Orvel.\n")
    result = _run(runner, "claims", "score", str(path), "--format", "tsv")
    assert result.exit_code == 0, result.output
    rows = _rows(result.stdout)
    assert [(r[0], r[1], r[5]) for r in rows] == [("a1", "0", "Yes"), ("a1", "1", "No"), ("a2", "0", "Yes")]
    assert rows[0][6] == FACT and rows[1][6] == FILLER
    start, end = int(rows[1][2]), int(rows[1][3])
    assert f"{FACT} {FILLER}"[start:end] == FILLER
    assert all(0.0 <= float(r[4]) <= 1.0 for r in rows)


def test_score_tsv_without_header_and_bad_lines(runner, write):
    path = write("in.tsv", f"a1\t{FACT}\nthis line has no tab\n\na3\t{FILLER}\n")
    result = _run(runner, "claims", "score", str(path), "--format", "tsv")
    assert result.exit_code == 1  # some input failed, the rest was scored
    assert [r[0] for r in _rows(result.stdout)] == ["a1", "a3"]
    assert f"error: {path}:2: expected id<TAB>text (no tab on this line)" in result.stderr


def test_score_jsonl_from_stdin(runner):
    lines = [json.dumps({"id": "j1", "text": f"{FACT} {FILLER}"}), "{not json", json.dumps({"id": "j2"})]
    result = _run(runner, "claims", "score", "-", "--format", "jsonl", input="\n".join(lines) + "\n")
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["id"], r["sentence"], r["label"]) for r in records] == [("j1", 0, "Yes"), ("j1", 1, "No")]
    assert records[0]["text"] == FACT and set(records[0]) == {"id", "sentence", "start", "end", "score", "label", "text"}
    assert "<stdin>:2: not valid JSON" in result.stderr and "<stdin>:3: no 'text' value" in result.stderr


def test_score_threshold_and_missing_file(runner, write, tmp_path):
    path = write("in.tsv", f"a1\t{FACT} {FILLER}\n")
    result = _run(runner, "claims", "score", str(path), "--threshold", "0", "--format", "tsv")
    assert [r[5] for r in _rows(result.stdout)] == ["Yes", "Yes"]
    missing = _run(runner, "claims", "score", str(tmp_path / "nope.tsv"))
    assert missing.exit_code == 1 and "nope.tsv: cannot be read" in missing.stderr


ARTICLE = (
    "Pier Nine shut for repairs\n\n"
    "The Porthaven harbour board voted 7-2 on Tuesday to close Pier Nine for repairs costing 2.3 million crowns. "
    "What a week it has been.\n\n"
    '"The pilings have lost a third of their strength since 2019," said harbour engineer Tove Lind.\n\n'
    "According to the Kestrel Wire, 40 fishing boats will move to Pier Six."
)


@pytest.fixture
def stored(runner, write, tmp_path):
    db = str(tmp_path / "claims.db")
    path = write("pier.md", ARTICLE)
    result = _run(runner, "analyze", str(path), "--db", db, "--no-language")
    assert result.exit_code == 0, result.output
    return db, result.stdout.split()[1]


def test_article_claims_best_first(runner, stored):
    db, article_id = stored
    short = _run(runner, "claims", article_id, "--db", db)
    spelled = _run(runner, "claims", "show", article_id, "--db", db)
    assert short.exit_code == 0, short.output
    assert short.stdout == spelled.stdout
    assert "check-worthy" in short.stdout.splitlines()[1]
    assert "What a week" not in short.stdout  # not check-worthy: only with --all
    assert "attributed to the Kestrel Wire" in short.stdout
    assert "in a quote of Tove Lind" in short.stdout
    assert "2.3 million crowns" in short.stdout
    everything = _run(runner, "claims", article_id, "--db", db, "--all")
    assert "What a week" in everything.stdout


def test_article_claims_json(runner, stored):
    db, article_id = stored
    result = _run(runner, "claims", "--db", db, article_id, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["id"] == article_id and data["sentences"] == 4  # the first line is the title, not text
    scores = [c["score"] for c in data["claims"]]
    assert scores == sorted(scores, reverse=True) and all(c["checkworthy"] for c in data["claims"])
    quoted = next(c for c in data["claims"] if c["text"].startswith('"The pilings'))
    assert quoted["speaker"] == "Tove Lind"
    credited = next(c for c in data["claims"] if c["text"].startswith("According to"))
    assert credited["numbers"][0]["what"] == "fishing boats" and credited["source"] == "the Kestrel Wire"
    one = json.loads(_run(runner, "claims", article_id, "--db", db, "--format", "json", "--limit", "1").stdout)
    assert one["claims"] == data["claims"][:1]


def test_article_stored_without_claims_is_scored_on_the_fly(runner, tmp_path):
    db = str(tmp_path / "old.db")
    with open_store(db) as store:
        store.articles.put_many([Article(text="Fares rose 12% in 2024, the board said. What a day!", id="old-one", stages=["sentences"])])
    result = _run(runner, "claims", "old-one", "--db", db)
    assert result.exit_code == 0, result.output
    assert "scored now" in result.stdout and "Fares rose 12%" in result.stdout


def test_unknown_article_and_missing_store(runner, stored, tmp_path):
    db, _ = stored
    assert _run(runner, "claims", "no-such-article", "--db", db).exit_code == 4
    assert _run(runner, "claims", "x", "--db", str(tmp_path / "none.db")).exit_code == 3
    helped = _run(runner, "claims", "--help")
    assert helped.exit_code == 0 and "score" in helped.stdout
