"""The Dask engine gives what the local engine gives (issue 13): the same outcomes printed,
the same records (claims, quotes, numbers, attributions...), the same credits, shared
passages, translations, aliases and stories, and the same edges in every story.

The input is the determinism corpus (copies, credits, syndication, masthead-only
outlets known by what earlier articles taught the resolver), with a bad record and a
missing file, and the sample corpus (HTML, Markdown, text, records, a WARC archive,
feeds; a Spanish and a German version of English articles). The cluster is a real
LocalCluster of two worker processes on 127.0.0.1; the batch size is small so the
inputs are cut into many parts and the outlet facts cross parts.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newstrail import engines
from newstrail.cli import main
from newstrail.core.config import Settings
from newstrail.eval.determinism import differences
from newstrail.ingest import read_inputs
from newstrail.ingest.parts import plan_parts, read_part
from tests.test_determinism import corpus_lines, snapshot

pytest.importorskip("distributed", reason="the [dask] extra (dask, distributed) is not installed")

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "newstrail" / "sample" / "corpus"
COPIES = Path(__file__).resolve().parent / "data" / "copies" / "articles.json"


def copies(n: int) -> list[dict]:
    """``n`` records cycled from the team's fictional articles: each copy by another outlet
    (most with a footer of their own), every other one a paragraph short and a figure
    changed, a credit to the first outlet now and then, a few without URL."""
    fixture = json.loads(COPIES.read_text(encoding="utf-8"))
    articles = fixture["articles"]
    outlets = [(town, f"{town} {paper}") for paper in fixture["papers"] for town in fixture["towns"]]
    records = []
    for i in range(n):
        base, round_ = articles[i % len(articles)], i // len(articles)
        town, outlet = outlets[round_ % len(outlets)]
        paragraphs = base["text"].split("\n\n")
        if round_ and i % 2:
            del paragraphs[1 + round_ % (len(paragraphs) - 1)]
            paragraphs = re.sub(r"\b(\d{2,})\b", lambda m: str(int(m.group(1)) + round_), "\n\n".join(paragraphs), count=1).split("\n\n")
        if round_ and i % 5 == 0:
            paragraphs.insert(1, f"The {outlets[0][1]} first reported the news.")
        if round_ % 3:
            paragraphs.append(fixture["footer"].format(outlet=outlet, town=town))
        record = {"title": base["title"], "text": "\n\n".join(paragraphs), "outlet": outlet,
                  "published": f"2025-03-{1 + round_ % 20:02d}T{i % 24:02d}:00:00Z"}
        if i % 7:
            record |= {"id": f"copy-{i}", "url": f"https://{outlet.lower().replace(' ', '')}.example/news/{i}"}
        records.append(record)
    return records


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("dask-inputs")
    lines = corpus_lines(90)
    lines.insert(33, '{"title": "no body at all"}')  # a bad record: reported, skipped
    lines.insert(47, "[1, 2]")
    path = folder / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(path), str(SAMPLE), str(folder / "missing.txt")]


def analyse(inputs: list[str], db: Path, *engine: str) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(main, ["analyze", *inputs, "--db", str(db), "--format", "jsonl", "-q", "--set", "pipeline.batch_size=20", *engine])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, [json.loads(line) for line in result.stdout.splitlines()]


def test_dask_engine_equals_local_engine(inputs: list[str], tmp_path: Path) -> None:
    code, printed = analyse(inputs, tmp_path / "local.db")
    dask_code, dask_printed = analyse(inputs, tmp_path / "dask.db", "--engine", "dask", "--workers", "2")
    reference, got = snapshot(tmp_path / "local.db"), snapshot(tmp_path / "dask.db")
    # a comparison of thin results would prove little: copies, credits, stories, translations
    assert len(reference["records"]) > 100 and len(reference["reuse"]) > 50 and len(reference["cites"]) > 10
    assert len(reference["edges"]) > 10 and reference["translations"]
    assert code == dask_code == 1  # some inputs failed
    assert dask_printed == printed  # every outcome, in input order: status, record, claims, ratings
    assert differences(reference, got) == {}
    for story, edges in reference["edges"].items():
        assert got["edges"][story] == edges, story
    assert got["records"] == reference["records"]


def test_a_corpus_of_copies_links_as_on_the_local_engine(tmp_path: Path) -> None:
    # linking's per-article inputs come from the workers here (Linker.prime): the copies,
    # credits, site footers and same-story leads must give the same passages and stories
    path = tmp_path / "copies.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in copies(200)), encoding="utf-8")
    code, printed = analyse([str(path)], tmp_path / "local.db")
    dask_code, dask_printed = analyse([str(path)], tmp_path / "dask.db", "--engine", "dask", "--workers", "2")
    reference, got = snapshot(tmp_path / "local.db"), snapshot(tmp_path / "dask.db")
    assert code == dask_code == 0 and len(printed) == 200
    assert len(reference["reuse"]) > 300 and len(reference["edges"]) >= 6 and len(reference["cites"]) > 10
    assert dask_printed == printed
    assert differences(reference, got) == {}
    assert got["edges"] == reference["edges"]


def test_linking_in_many_partitions_links_as_the_local_engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # linking's chunks of 40: each is prepared in two pieces, one per worker, whose candidates
    # are guessed and aligned on the workers while the client links the chunks before; every
    # story has copies in every chunk, the credited first report lies chunks back, and the
    # store's index the workers read grows as the client links
    monkeypatch.setattr(engines.local, "LINK_CHUNK", 40)
    path = tmp_path / "copies.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in copies(360)), encoding="utf-8")
    code, printed = analyse([str(path)], tmp_path / "local.db")
    dask_code, dask_printed = analyse([str(path)], tmp_path / "dask.db", "--engine", "dask", "--workers", "2", "--set", "engine.align_ahead=true")
    reference, got = snapshot(tmp_path / "local.db"), snapshot(tmp_path / "dask.db")
    assert code == dask_code == 0 and len(printed) == 360
    assert len(reference["reuse"]) > 500 and len(reference["edges"]) >= 6
    assert dask_printed == printed
    assert differences(reference, got) == {}
    assert got["edges"] == reference["edges"] and got["records"] == reference["records"]


def test_a_rerun_on_dask_finds_everything_stored(inputs: list[str], tmp_path: Path) -> None:
    db = tmp_path / "rerun.db"
    analyse(inputs[:1], db)
    first = snapshot(db)
    code, printed = analyse(inputs[:1], db, "--engine", "dask", "--workers", "1")
    assert {p.get("status") for p in printed} == {"exists"} and code == 1  # the two bad records fail again
    assert differences(first, snapshot(db)) == {}


def test_parts_read_as_the_whole_inputs(inputs: list[str], tmp_path: Path) -> None:
    crlf = tmp_path / "crlf.jsonl"
    crlf.write_bytes(b'\xef\xbb\xbf{"text": "One pier closed for the winter storms."}\r\n\r\n{"text": "Two piers closed."}\r\n' * 4)
    specs = [*inputs, str(crlf)]
    settings = Settings()
    whole = [(type(i).__name__, str(i) if isinstance(i, Exception) else (i.source, i.title, i.text)) for i in read_inputs(specs, settings)]
    parts = plan_parts(specs, settings, lines=7)
    assert sum(p.lines is not None for p in parts) > 10  # the corpus was cut
    pieces = [(type(i).__name__, str(i) if isinstance(i, Exception) else (i.source, i.title, i.text)) for p in parts for i in read_part(p, settings)]
    assert pieces == whole


def test_missing_extra_names_the_pip_line(inputs: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if the [dask] extra were not installed
    monkeypatch.delitem(sys.modules, "newstrail.engines.dask_engine", raising=False)
    monkeypatch.delattr(engines, "dask_engine", raising=False)  # imported by the tests before: import it again
    result = CliRunner().invoke(main, ["analyze", inputs[0], "--db", str(tmp_path / "x.db"), "--engine", "dask"])
    assert result.exit_code == 5
    assert "pip install 'newstrail[dask]'" in result.output


def test_dask_engine_on_postgresql_equals_local_on_sqlite(postgres_url: str, tmp_path: Path) -> None:
    # the workers open the PostgreSQL store read-only for its fact-checks; the client writes
    inputs = [str(SAMPLE / "text"), str(SAMPLE / "markdown"), str(SAMPLE / "html")]
    code, printed = analyse(inputs, tmp_path / "local.db")
    result = CliRunner().invoke(main, ["analyze", *inputs, "--db", postgres_url, "--format", "jsonl", "-q", "--engine", "dask", "--workers", "2"])
    assert result.exit_code == code == 0, result.output
    assert [json.loads(line) for line in result.stdout.splitlines()] == printed and len(printed) > 15
    stories = [CliRunner().invoke(main, ["stories", "--db", db, "--format", "json"]).stdout for db in (str(tmp_path / "local.db"), postgres_url)]
    assert stories[0] == stories[1] and len(json.loads(stories[0])) >= 3


def test_a_scheduler_that_does_not_answer_is_reported(inputs: list[str], tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["analyze", inputs[0], "--db", str(tmp_path / "x.db"), "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2, result.output
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.output and "leave out --scheduler" in result.output
