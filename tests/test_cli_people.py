"""The command line for people (issue 12): one --format vocabulary on every command that
prints records, progress bars only on a terminal, list, stories with headlines, export,
rhetoric over folders, stories and the store, phrase search, ambiguous id prefixes, path
typos and the calibrated fact-check threshold.

The corpus is the team's own: a fictional ferry strike told by three outlets, the
second and third crediting the first.
"""

from __future__ import annotations

import csv
import fcntl
import io
import json
import os
import pty
import struct
import subprocess
import sys
import termios
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from newstrail.cli import main
from newstrail.cli.progress import Bars, wanted
from newstrail.report.export import TABLES
from newstrail.report.formats import cell
from newstrail.report.views import ANALYSIS_COLUMNS

SHARED = ("The Lowmarsh ferry crews walked out at dawn on Tuesday after talks over night shifts collapsed, "
          "leaving 14 crossings cancelled and about 2,300 commuters stranded on the west quay. "
          "Union steward Petra Vance said the crews would stay out until the operator restored the second night crew. "
          "The operator, Tidewell Lines, called the strike \"a reckless stunt\" and said replacement crews would sail by Thursday.")

ARTICLES = {
    "ferry-first.md": ("ferry-first", "Bay Herald", "https://bayherald.example/2025/04/01/ferry-strike", "2025-04-01T07:00:00Z",
                       "Ferry Crews Walk Out Over Night Shifts", SHARED),
    "ferry-second.md": ("ferry-second", "Harbor Lantern", "https://harborlantern.example/2025/04/01/ferries", "2025-04-01T12:00:00Z",
                        "Lowmarsh Ferries Stop as Crews Strike",
                        "According to the Bay Herald, " + SHARED[0].lower() + SHARED[1:] + " Commuters queued for buses instead."),
    "ferry-third.md": ("ferry-third", "Crosswind Post", "https://crosswind.example/2025/04/02/ferry", "2025-04-02T09:00:00Z",
                       "Strike Strands Ferry Commuters", "Bay Herald reports: " + SHARED + " Talks resume on Friday."),
    "library.md": ("library-roof", "Bay Herald", "https://bayherald.example/2025/03/10/library-roof", "2025-03-10",
                   "Library Roof Repairs Begin",
                   "Workers began replacing the copper roof of the Lowmarsh public library on Monday, a job the town expects "
                   "to finish before the autumn storms. The reading rooms stay open, the librarian said."),
}

MEMO = ("Harbor Patrol Told Not To Search Ships\n\nThe so-called \"protection\" plan is a disgrace. "
        "Why would the council hide the truth from the people? Every patriot knows the answer.\n")


def _run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("people")
    src = folder / "articles"
    src.mkdir()
    for name, (ident, outlet, url, published, title, text) in ARTICLES.items():
        (src / name).write_text(f"---\nid: {ident}\noutlet: {outlet}\nurl: {url}\npublished: {published}\n---\n# {title}\n\n{text}\n",
                                encoding="utf-8")
    db = folder / "corpus.db"
    result = _run("analyze", str(src), "--db", str(db), "--set", "pipeline.detect_language=false")
    assert result.exit_code == 0, result.output
    factchecks = resources.files("newstrail") / "sample" / "factchecks" / "claims.jsonl"
    imported = _run("factchecks", "import", str(factchecks), "--db", str(db), "--no-embed")
    assert imported.exit_code == 0, imported.output
    return {"db": db, "src": src, "folder": folder}


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


# ------------------------------------------------------------------ the format vocabulary

def test_list_in_every_format(corpus):
    db = str(corpus["db"])
    text = _run("list", "--db", db).stdout.splitlines()
    assert len(text) == 4 and text[0].startswith("ferry-third") and "Strike Strands Ferry Commuters" in text[0]
    assert text[-1].startswith("library-roof")  # newest first
    records = json.loads(_run("list", "--db", db, "--format", "json").stdout)
    assert [r["id"] for r in records] == ["ferry-third", "ferry-second", "ferry-first", "library-roof"]
    assert records[0]["outlet"] == "Crosswind Post" and records[0]["published"] == "2025-04-02T09:00:00Z"
    lines = _jsonl(_run("list", "--db", db, "--format", "jsonl").stdout)
    assert lines == records
    rows = _csv(_run("list", "--db", db, "--format", "csv").stdout)
    assert [r["id"] for r in rows] == [r["id"] for r in records]
    assert set(rows[0]) == {"id", "outlet", "domain", "published", "title", "url", "story", "language"}
    assert rows[3]["title"] == "Library Roof Repairs Begin" and rows[3]["domain"] == "bayherald.example"


def test_list_filters(corpus):
    db = str(corpus["db"])

    def ids(*args: str) -> list[str]:
        return [r["id"] for r in _jsonl(_run("list", "--db", db, "--format", "jsonl", *args).stdout)]

    assert ids("--outlet", "bay herald") == ["ferry-first", "library-roof"]
    assert ids("--outlet", "crosswind.example") == ["ferry-third"]
    assert ids("--since", "2025-04-01", "--until", "2025-04-01") == ["ferry-second", "ferry-first"]
    story = _jsonl(_run("list", "--db", db, "--format", "jsonl", "--outlet", "Harbor Lantern").stdout)[0]["story"]
    assert sorted(ids("--story", story)) == ["ferry-first", "ferry-second", "ferry-third"]
    bad = _run("list", "--db", db, "--since", "last tuesday-ish")
    assert bad.exit_code == 2 and "--since" in bad.stderr and "not a date" in bad.stderr


def test_stories_show_headlines_and_dates_in_every_format(corpus):
    db = str(corpus["db"])
    text = _run("stories", "--db", db).stdout
    assert "Ferry Crews Walk Out Over Night Shifts" in text and "2025-04-01 .. 2025-04-02" in text
    [story] = json.loads(_run("stories", "--db", db, "--format", "json").stdout)
    assert story["size"] == 3 and story["headline"] == "Ferry Crews Walk Out Over Night Shifts" and story["article"] == "ferry-first"
    assert story["first"].startswith("2025-04-01") and story["last"].startswith("2025-04-02")
    assert _jsonl(_run("stories", "--db", db, "--format", "jsonl").stdout) == [story]
    [row] = _csv(_run("stories", "--db", db, "--format", "csv").stdout)
    assert row["id"] == story["id"] and row["size"] == "3" and row["headline"] == story["headline"]
    assert len(_jsonl(_run("stories", "--db", db, "--format", "jsonl", "--min-size", "1").stdout)) == 2


def test_search_phrase_and_words(corpus):
    db = str(corpus["db"])
    words = {h["id"] for h in _jsonl(_run("search", "night crews", "--db", db, "--format", "jsonl").stdout)}
    assert words == {"ferry-first", "ferry-second", "ferry-third"}  # both words, anywhere
    phrase = _run("search", '"night crews"', "--db", db, "--format", "jsonl")
    assert phrase.exit_code == 4 and "matches" in phrase.stderr  # the words never stand together
    together = _jsonl(_run("search", '"talks resume" ferry', "--db", db, "--format", "jsonl").stdout)
    assert [h["id"] for h in together] == ["ferry-third"]
    flag = _jsonl(_run("search", "copper roof", "--phrase", "--db", db, "--format", "jsonl").stdout)
    assert [h["id"] for h in flag] == ["library-roof"] and "[copper roof]" in flag[0]["snippet"]
    rows = _csv(_run("search", "copper", "--db", db, "--format", "csv").stdout)
    assert rows[0]["id"] == "library-roof" and float(rows[0]["score"]) > 0
    listed = json.loads(_run("search", "copper", "--db", db, "--format", "json").stdout)
    assert listed[0]["title"] == "Library Roof Repairs Begin"


def test_show_and_trace_formats(corpus):
    db = str(corpus["db"])
    shown = json.loads(_run("show", "ferry-second", "--db", db, "--format", "json").stdout)
    assert shown["id"] == "ferry-second" and "source_ratings" in shown
    assert _jsonl(_run("show", "ferry-second", "--db", db, "--format", "jsonl").stdout) == [shown]
    trace = json.loads(_run("trace", "ferry-third", "--db", db, "--format", "json").stdout)
    assert trace["origins"] == ["ferry-first"] and {e["to"] for e in trace["edges"]} == {"ferry-second", "ferry-third"}
    assert _jsonl(_run("trace", "ferry-third", "--db", db, "--format", "jsonl").stdout) == [trace]
    assert "ferry-first" in _run("trace", "ferry-third", "--db", db).stdout


def test_analyze_formats(corpus, tmp_path):
    src = corpus["src"] / "library.md"
    db = str(tmp_path / "a.db")
    rows = _csv(_run("analyze", str(src), "--db", db, "--format", "csv").stdout)
    assert rows == [{**rows[0], "status": "added", "id": "library-roof", "outlet": "Bay Herald"}]
    assert rows[0]["domain"] == "bayherald.example" and rows[0]["published"] == "2025-03-10"
    again = json.loads(_run("analyze", str(src), "--db", db, "--format", "json").stdout)
    assert [r["status"] for r in again] == ["exists"] and again[0]["text"].startswith("Workers began")
    assert _jsonl(_run("analyze", str(src), "--db", db, "--format", "jsonl").stdout)[0]["id"] == "library-roof"


def test_analyze_csv_rows_are_the_records_columns(corpus, tmp_path):
    # the CSV rows are built from the columns alone, not from the whole record: same cells
    rows = _csv(_run("analyze", str(corpus["src"]), "--db", str(tmp_path / "csv.db"), "--format", "csv").stdout)
    records = _jsonl(_run("analyze", str(corpus["src"]), "--db", str(tmp_path / "jsonl.db"), "--format", "jsonl").stdout)
    assert len(rows) == len(records) == len(ARTICLES)
    assert rows == [{c: cell(r.get(c)) for c in ANALYSIS_COLUMNS} for r in records]
    assert {r["id"] for r in rows} == {ident for ident, *_ in ARTICLES.values()} and {r["language"] for r in rows} == {"en"}


def test_claims_formats(corpus, tmp_path):
    db = str(corpus["db"])
    found = json.loads(_run("claims", "ferry-first", "--db", db, "--format", "json").stdout)
    assert found["id"] == "ferry-first" and found["claims"]
    assert _jsonl(_run("claims", "ferry-first", "--db", db, "--format", "jsonl").stdout) == [found]
    sentences = tmp_path / "s.tsv"
    sentences.write_text("id\ttext\nq1\tThe council closed 14 crossings on Tuesday. I love ferries.\n", encoding="utf-8")
    rows = _csv(_run("claims", "score", str(sentences), "--format", "csv").stdout)
    assert [r["sentence"] for r in rows] == ["0", "1"] and rows[0]["label"] in ("Yes", "No") and 0 <= float(rows[0]["score"]) <= 1
    records = json.loads(_run("claims", "score", str(sentences), "--format", "json").stdout)
    assert [r["text"] for r in records] == [r["text"] for r in rows]
    text = _run("claims", "score", str(sentences)).stdout.splitlines()
    assert text[0].startswith("q1#0") and "14 crossings" in text[0]
    # the claims.model setting picks the accurate model, which takes the closure for a claim
    # (0.39 over its threshold 0.33; the fast model gives it 0.16, under its 0.30)
    accurate = _csv(_run("claims", "score", str(sentences), "--format", "csv", "--set", "claims.model=accurate").stdout)
    assert [r["label"] for r in accurate] == ["Yes", "No"]
    assert [r["score"] for r in accurate] != [r["score"] for r in rows]


def test_factchecks_list_formats(corpus):
    db = str(corpus["db"])
    records = json.loads(_run("factchecks", "list", "--db", db, "--format", "json").stdout)
    assert records and {"id", "verdict", "publisher", "claim", "url"} <= set(records[0])
    rows = _csv(_run("factchecks", "list", "--db", db, "--format", "csv").stdout)
    assert [r["id"] for r in rows] == [r["id"] for r in records]
    assert _jsonl(_run("factchecks", "list", "--db", db, "--format", "jsonl").stdout) == records


def test_pipeline_and_sources_formats(corpus, tmp_path):
    stages = _jsonl(_run("pipeline", "--format", "jsonl").stdout)
    assert stages[0]["name"] == "clean" and "requires" in stages[0]
    assert [r["name"] for r in _csv(_run("pipeline", "--format", "csv").stdout)] == [s["name"] for s in stages]
    profile = _jsonl(_run("sources", "show", "Bay Herald", "--db", str(corpus["db"]), "--format", "jsonl").stdout)
    assert len(profile) == 1 and isinstance(profile[0], dict)
    db = str(tmp_path / "aliases.db")
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("alias,domain,note\nOld Herald,bayherald.example,renamed in 2020\n", encoding="utf-8")
    assert _run("sources", "aliases", str(aliases), "--db", db).exit_code == 0
    [row] = _csv(_run("sources", "aliases", "--db", db, "--format", "csv").stdout)
    assert row["text"] == "Old Herald" and row["domain"] == "bayherald.example" and row["note"] == "renamed in 2020"
    assert _jsonl(_run("sources", "aliases", "--db", db, "--format", "jsonl").stdout)[0]["domain"] == "bayherald.example"
    ratings = tmp_path / "watchdog.csv"
    ratings.write_text("domain,rating\nbayherald.example,reliable\ncrosswind.example,mixed\n", encoding="utf-8")
    assert _run("sources", "import", str(ratings), "--db", db, "--date", "2025-01-31").exit_code == 0
    [listed] = _csv(_run("sources", "list", "--db", db, "--format", "csv").stdout)
    assert (listed["name"], listed["date"], listed["rows"]) == ("watchdog", "2025-01-31", "2")
    assert _jsonl(_run("sources", "list", "--db", db, "--format", "jsonl").stdout)[0]["fields"] == ["rating"]
    assert json.loads(_run("sources", "list", "--db", db, "--format", "json").stdout)["aliases"] == 1


def test_every_record_command_documents_the_vocabulary():
    commands = [["analyze"], ["list"], ["stories"], ["search"], ["show"], ["trace"], ["rhetoric"], ["pipeline"],
                ["claims", "show"], ["claims", "score"], ["factchecks", "list"], ["factchecks", "match"], ["sources", "list"], ["sources", "show"],
                ["sources", "aliases"]]
    for command in commands:
        helped = _run(*command, "--help").stdout
        squashed = " ".join(helped.split())
        assert "Output: text (default) for people" in squashed and "jsonl: one JSON record a line" in squashed, command
    assert "trec:" in " ".join(_run("factchecks", "match", "--help").stdout.split())


# ------------------------------------------------------------------ rhetoric over many texts

def test_rhetoric_over_a_folder_a_story_and_the_store(corpus, tmp_path):
    folder = tmp_path / "memos"
    (folder / "nested").mkdir(parents=True)
    (folder / "memo1.txt").write_text(MEMO, encoding="utf-8")
    (folder / "nested" / "memo2.txt").write_text(MEMO, encoding="utf-8")
    (folder / "image.png").write_bytes(b"\x89PNG")
    spans = _jsonl(_run("rhetoric", str(folder), "--format", "jsonl", "--as-read").stdout)
    assert {s["file"] for s in spans} == {str(folder / "memo1.txt"), str(folder / "nested" / "memo2.txt")}
    assert all(MEMO[s["start"] : s["end"]] == s["text"] for s in spans)  # --as-read: offsets into the files
    rows = _csv(_run("rhetoric", str(folder), "--format", "csv", "--as-read").stdout)
    assert len(rows) == len(spans) and set(rows[0]) == {"file", "article", "technique", "start", "end", "text", "score", "explanation"}
    db = str(corpus["db"])
    story = json.loads(_run("stories", "--db", db, "--format", "json").stdout)[0]["id"]
    by_story = json.loads(_run("rhetoric", "--story", story, "--db", db, "--format", "json").stdout)
    assert {s["article"] for s in by_story} <= {"ferry-first", "ferry-second", "ferry-third"}
    assert any(s["text"] == "a reckless stunt" or "reckless" in s["text"] for s in by_story)
    everything = _run("rhetoric", "--all", "--db", db)
    assert everything.exit_code == 0
    assert all(f"({ident})" in everything.stdout for ident in ("ferry-first", "ferry-second", "ferry-third", "library-roof"))


def test_rhetoric_path_typo_is_an_error_not_a_lookup(corpus):
    result = _run("rhetoric", "memo-typo.txt", "--db", str(corpus["db"]))
    assert result.exit_code == 1 and "memo-typo.txt: no such file" in result.stderr and "not looked up" in result.stderr


# ------------------------------------------------------------------ ids, paths, thresholds

def test_ambiguous_prefix_lists_the_candidates(corpus):
    db = str(corpus["db"])
    result = _run("show", "ferry", "--db", db)
    assert result.exit_code == 4
    assert "'ferry' is ambiguous: 3 stored articles" in result.stderr
    for ident in ("ferry-first", "ferry-second", "ferry-third"):
        assert ident in result.stderr
    assert "not found" not in result.stderr.lower()
    assert json.loads(_run("show", "ferry-f", "--db", db, "--format", "json").stdout)["id"] == "ferry-first"  # unique prefix
    assert "ambiguous" in _run("trace", "ferry", "--db", db).stderr
    assert "ambiguous" in _run("claims", "ferry", "--db", db).stderr


def test_factchecks_match_path_typo_is_an_error(corpus, tmp_path):
    db = str(corpus["db"])
    result = _run("factchecks", "match", "claimz.txt", "--db", db)
    assert result.exit_code == 1 and "claimz.txt: no such file" in result.stderr and not result.stdout
    folder = _run("factchecks", "match", str(tmp_path), "--db", db)
    assert folder.exit_code == 1 and "is a folder" in folder.stderr


def test_factchecks_match_threshold_and_all(corpus):
    db = str(corpus["db"])
    strong = "Two cups of sea-buckthorn tea a day cut the risk of type 2 diabetes in half, a Halvard University study shows."
    shown = _jsonl(_run("factchecks", "match", strong, "--db", db, "--format", "jsonl", "--lexical").stdout)[0]["matches"]
    assert shown and all(m["score"] >= 0.4 for m in shown) and "sea-buckthorn" in shown[0]["claim"].lower()
    unrelated = "The ferry crews walked out over night shifts."
    none = _run("factchecks", "match", unrelated, "--db", db, "--lexical")
    assert none.exit_code == 0 and "no match scoring 0.40 or more; --all shows" in none.stdout
    every = _jsonl(_run("factchecks", "match", unrelated, "--db", db, "--format", "jsonl", "--lexical", "--all").stdout)[0]["matches"]
    assert every and min(m["score"] for m in every) < 0.4
    rows = _csv(_run("factchecks", "match", unrelated, "--db", db, "--format", "csv", "--lexical", "--all").stdout)
    assert [int(r["rank"]) for r in rows] == list(range(1, len(every) + 1)) and rows[0]["factcheck"] == every[0]["factcheck"]
    lowered = _jsonl(_run("factchecks", "match", unrelated, "--db", db, "--format", "jsonl", "--lexical", "--threshold", "0").stdout)
    assert lowered[0]["matches"] == every
    trec = _run("factchecks", "match", unrelated, "--db", db, "--format", "trec", "--lexical").stdout.splitlines()
    assert [line.split()[2] for line in trec] == [m["factcheck"] for m in every]  # a run for a scorer: every candidate


# ------------------------------------------------------------------ export

def test_export_csv_reads_back(corpus, tmp_path):
    out = tmp_path / "tables"
    result = _run("export", "--format", "csv", "--out", str(out), "--db", str(corpus["db"]))
    assert result.exit_code == 0, result.output
    tables = {}
    for name, columns in TABLES.items():
        with open(out / f"{name}.csv", encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            assert tuple(reader.fieldnames or ()) == tuple(c for c, _ in columns)
            tables[name] = list(reader)
    assert sorted(r["id"] for r in tables["articles"]) == ["ferry-first", "ferry-second", "ferry-third", "library-roof"]
    lantern = next(r for r in tables["articles"] if r["id"] == "ferry-second")
    assert lantern["outlet"] == "Harbor Lantern" and lantern["text"].startswith("According to the Bay Herald") and int(lantern["words"]) > 50
    assert {r["article"] for r in tables["claims"]} == {r["id"] for r in tables["articles"]}
    assert all(r["checkworthy"] in ("true", "false") for r in tables["claims"])
    assert {(r["from"], r["to"]) for r in tables["edges"]} >= {("ferry-first", "ferry-second"), ("ferry-first", "ferry-third")}
    ferry = next(r for r in tables["stories"] if r["size"] == "3")
    assert ferry["origins"] == "ferry-first" and ferry["headline"] == "Ferry Crews Walk Out Over Night Shifts"
    assert f"{out / 'articles.csv'}: 4 articles" in result.stdout


def test_export_jsonl_and_parquet_agree(corpus, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    db = str(corpus["db"])
    assert _run("export", "--out", str(tmp_path / "j"), "--db", db).exit_code == 0  # jsonl is the default
    assert _run("export", "--format", "parquet", "--out", str(tmp_path / "p"), "--db", db).exit_code == 0
    for name in TABLES:
        lines = _jsonl((tmp_path / "j" / f"{name}.jsonl").read_text(encoding="utf-8"))
        table = pq.read_table(tmp_path / "p" / f"{name}.parquet")
        assert table.column_names == [c for c, _ in TABLES[name]]
        assert table.to_pylist() == lines, name


def test_export_parquet_without_pyarrow_names_the_pip_line(corpus, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if not installed: importing it raises ImportError
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    result = _run("export", "--format", "parquet", "--out", str(tmp_path / "p"), "--db", str(corpus["db"]))
    assert result.exit_code == 5 and "pip install 'newstrail[parquet]'" in result.stderr


# ------------------------------------------------------------------ progress

def test_no_progress_bar_when_stderr_is_not_a_terminal(corpus, tmp_path):
    result = _run("analyze", str(corpus["src"]), "--db", str(tmp_path / "p.db"), "--set", "pipeline.detect_language=false")
    assert result.exit_code == 0
    assert "\r" not in result.stderr and "%|" not in result.stderr and "articles:" not in result.stderr
    assert result.stderr.strip().splitlines() == [f"4 added, 0 already stored, 0 failed; 4 articles in {tmp_path / 'p.db'}"]
    assert wanted(False, io.StringIO()) is False and wanted(True, sys.stderr) is False


def test_bars_count_with_a_total_and_time_left():
    stream = io.StringIO()
    with Bars(enabled=True, stream=stream) as bars:
        for done in range(4):
            bars("articles", done, 3 if done < 4 else None)
        bars("claims embedded (fast)", 10, None)
    drawn = stream.getvalue()
    assert "articles: 100%" in drawn and "3/3" in drawn and "<" in drawn  # elapsed<left
    assert "claims embedded (fast): 10" in drawn


def _on_terminal(*args: str, cwd: Path) -> str:
    """Run newstrail with its standard error on a pseudo-terminal; what the terminal showed."""
    main_fd, child_fd = pty.openpty()
    fcntl.ioctl(child_fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a terminal 100 columns wide
    code = "import sys; from newstrail.cli import main; sys.exit(main())"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "COLUMNS": "100"}
    proc = subprocess.run([sys.executable, "-c", code, *args], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=child_fd,
                          cwd=cwd, env=env, timeout=300)
    os.close(child_fd)
    shown = b""
    while True:
        try:
            chunk = os.read(main_fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(main_fd)
    assert proc.returncode == 0, shown
    return shown.decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_and_quiet_turns_it_off(corpus, tmp_path):
    common = ("analyze", str(corpus["src"]), "--set", "pipeline.detect_language=false", "--set", "link.enabled=false")
    drawn = _on_terminal(*common, "--db", str(tmp_path / "t.db"), cwd=tmp_path)
    assert "articles: 100%" in drawn and "4/4" in drawn
    quiet = _on_terminal(*common, "--db", str(tmp_path / "q.db"), "--quiet", cwd=tmp_path)
    assert "articles:" not in quiet and "4 added" in quiet


# ------------------------------------------------------------------ the demo's closing words

def test_demo_names_the_commands_to_try_with_the_path_it_was_run_by(tmp_path):
    """scripts/demo.sh runs .venv/bin/newstrail, whose folder is not on PATH: what to try next says so."""
    bin_dir = tmp_path / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    script = bin_dir / "newstrail"
    script.write_text(f"#!{sys.executable}\nimport sys\nfrom newstrail.cli import main\nsys.exit(main())\n", encoding="utf-8")
    script.chmod(0o755)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(["venv/bin/newstrail", "demo", "--out", "demo"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.rstrip().splitlines()
    tail = lines[next(i for i, line in enumerate(lines) if line.startswith("Try next")):]
    assert tail[0] == "Try next (newstrail is not on your PATH: run it as venv/bin/newstrail, or first: source venv/bin/activate):"
    assert tail[1] == "  venv/bin/newstrail stories --db demo/newstrail.db"
    listed = subprocess.run(["venv/bin/newstrail", *tail[2].split()[1:]], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0 and len(listed.stdout.splitlines()) > 10  # the command it names runs as printed
