"""The rhetoric part: the detector on fictional text, exact offsets, the scorer, the CLI.

Every text here is written by the team about fictional outlets and events, in the
style of the articles the project is for (scare quotes, rhetorical questions, loaded
words).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from newstrail.analyze import Pipeline
from newstrail.analyze.attributions import AttributionStage
from newstrail.analyze.quotes import QuoteStage
from newstrail.analyze.rhetoric import TECHNIQUES, RhetoricStage, load_model, techniques_in
from newstrail.analyze.rhetoric.features import tokenize
from newstrail.eval.rhetoric import merge, span_prf, technique_f1
from newstrail.analyze.sentences import SentenceStage
from newstrail.core.article import Article
from newstrail.cli import main
from newstrail.api import article_key

MEMO = """Harbor Patrol Told Not To Search Ships In Leaked Memo

Evidence of a deal between the Valdmark navy and the Orrin smugglers has surfaced, as officers were told to look away in a leaked memo.

The “protection” of the coast has been going on for a month. Within this period the navy seized hundreds of fishing boats, while the real smugglers sailed past.

If the navy is so intent on guarding the coast, why would it let the cargo ships through? Why are the patrol boats kept in port?

The answer is obvious: a shameful, corrupt cabal of admirals is betraying the nation to the smugglers.
"""


def _find(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def _covering(found, start: int, end: int):
    return [t for t in found if t.span.start <= start and end <= t.span.end]


def test_model_ships_with_every_technique_and_a_held_out_split():
    model = load_model()
    assert sorted(model.techniques) == sorted(TECHNIQUES)
    split = model.meta["split"]
    assert len(split["held_out"]) >= 50 and split["train_articles"] + len(split["held_out"]) == 371
    assert 0.0 < model.threshold < 1.0


def test_scare_quotes_rhetorical_questions_and_loaded_words_show():
    found = techniques_in(MEMO)
    scare = _covering(found, *_find(MEMO, "protection"))
    assert scare and any("scare quotes around 'protection'" in t.explanation for t in scare)
    for question in ("why would it let the cargo ships through?", "Why are the patrol boats kept in port?"):
        hits = _covering(found, *_find(MEMO, question))
        assert hits, f"rhetorical question not marked: {question}"
    loaded = _covering(found, *_find(MEMO, "shameful"))
    assert loaded and any(t.technique in ("Loaded_Language", "Name_Calling,Labeling") for t in loaded)
    for t in found:
        assert t.technique in TECHNIQUES
        assert 0.0 <= t.score <= 1.0
        assert t.explanation and "\n" not in t.explanation
        assert MEMO[t.span.start : t.span.end].strip() == MEMO[t.span.start : t.span.end]


def test_plain_reporting_gets_few_marks():
    plain = (
        "The Porthaven council met on Tuesday.\n"
        "It approved a budget of 4.1 million crowns for the north basin.\n"
        "The works start in May and end in October, the harbor office said.\n"
    )
    assert len(techniques_in(plain)) <= 1


def test_offsets_are_exact_on_crlf_and_odd_whitespace():
    text = "Title line\r\n\r\nThe  \u201cliberation\u201d\tof Tarsk  was a\u00a0massacre.\r\n\r\nWho   ordered it?\r\n"
    found = techniques_in(text)
    spans = {text[t.span.start : t.span.end] for t in found}
    assert "liberation" in spans
    assert any(s.startswith("Who") and s.endswith("?") for s in spans)
    for t in found:
        piece = text[t.span.start : t.span.end]
        assert piece and not piece[0].isspace() and not piece[-1].isspace()


def test_tokens_keep_offsets():
    text = "A\r\n“so-called”  expert’s claim?"
    for tok in tokenize(text):
        assert text[tok.start : tok.end] == tok.text
    assert [t.text for t in tokenize(text)] == ["A", "“", "so-called", "”", "expert’s", "claim", "?"]


def test_stage_in_a_pipeline_and_round_trip():
    pipe = Pipeline([SentenceStage(), AttributionStage(), QuoteStage(), RhetoricStage()])
    article = pipe(Article(id="m1", text=MEMO))
    assert article.rhetoric and "rhetoric" in article.stages
    again = Article.from_dict(json.loads(json.dumps(article.to_dict())))
    assert again.rhetoric == article.rhetoric


def test_stage_requires_quotes():
    from newstrail.core.errors import StageError

    with pytest.raises(StageError):
        Pipeline([SentenceStage(), AttributionStage(), RhetoricStage()])


# ------------------------------------------------------------------ scorer


def test_span_prf_partial_overlap():
    gold = {"1": [(0, 10), (20, 30)]}
    # half of the first gold span, nothing of the second: P 1, R (0.5 + 0) / 2
    p, r, f = span_prf({"1": [(0, 5)]}, gold)
    assert (p, r) == (1.0, 0.25) and f == pytest.approx(0.4)
    # a prediction twice as long as a gold span it covers: P 0.5, R 0.5 (one of two gold)
    p, r, _ = span_prf({"1": [(15, 35)]}, gold)
    assert p == pytest.approx(0.5) and r == pytest.approx(0.5)
    # an article with predictions only counts against precision
    p, r, _ = span_prf({"1": [(0, 10), (20, 30)], "2": [(0, 4)]}, gold)
    assert p == pytest.approx(2 / 3) and r == 1.0
    assert span_prf({}, gold) == (0.0, 0.0, 0.0)


def test_overlapping_gold_spans_are_merged():
    assert merge([(5, 9), (0, 6), (12, 14)]) == [(0, 9), (12, 14)]
    p, r, _ = span_prf({"a": [(0, 9)]}, {"a": [(0, 6), (5, 9)]})
    assert p == 1.0 and r == 1.0


def test_technique_f1_is_accuracy_on_gold_spans():
    assert technique_f1(["Doubt", "Slogans", "Doubt"], ["Doubt", "Slogans", "Repetition"]) == pytest.approx(2 / 3)
    with pytest.raises(ValueError):
        technique_f1(["Doubt"], [])


# ------------------------------------------------------------------ CLI


def test_article_key_digits():
    assert article_key("/x/article701234.txt") == "701234"
    assert article_key("memo.txt") == "memo"


def test_cli_jsonl_fields_and_exact_offsets(tmp_path: Path):
    path = tmp_path / "article4242.txt"
    path.write_bytes(MEMO.replace("\n", "\r\n").encode("utf-8"))
    raw = path.read_bytes().decode("utf-8")
    result = CliRunner().invoke(main, ["rhetoric", str(path), "--format", "jsonl", "--as-read"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records
    for rec in records:
        assert {"file", "article", "technique", "start", "end", "text", "score"} <= set(rec)
        assert rec["article"] == "4242" and rec["file"] == str(path)
        assert raw[rec["start"] : rec["end"]] == rec["text"]
    assert any(rec["text"] == "protection" for rec in records)


# a site's fair-use notice under the article: a disclaimer, not the author's argument
NOTICE = ("\n\nPictures and quotations on this blog belong to their copyright holders; we reproduce them under "
          "\"fair use\", for comment and teaching, and earn nothing from them. Shocking? Absolutely not.\n")


def test_a_file_and_its_stored_article_get_one_answer_per_span(tmp_path: Path):
    src = tmp_path / "memo.md"
    src.write_text("---\nid: memo-1\ntitle: Harbor Patrol Told Not To Search Ships\n---\n\n" + MEMO.split("\n", 2)[2] + NOTICE, encoding="utf-8")
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    assert runner.invoke(main, ["analyze", str(src), "--db", db]).exit_code == 0

    def spans(args: list[str]) -> list[tuple[int, int, str, str]]:
        result = runner.invoke(main, ["rhetoric", *args, "--db", db, "--format", "jsonl"])
        assert result.exit_code == 0, result.stderr
        return [(r["start"], r["end"], r["technique"], r["text"]) for r in map(json.loads, result.stdout.splitlines())]

    from_file, stored = spans([str(src)]), spans(["--article", "memo-1"])
    assert from_file and from_file == stored
    assert not any("fair use" in text or "Shocking" in text for *_, text in from_file)
    as_read = spans([str(src), "--as-read"])
    assert any("Shocking" in text or "fair use" in text for *_, text in as_read)  # the raw file still holds it


def test_cli_text_format_marks_the_span(tmp_path: Path):
    path = tmp_path / "memo.txt"
    path.write_text(MEMO, encoding="utf-8")
    result = CliRunner().invoke(main, ["rhetoric", str(path), "--format", "text"])
    assert result.exit_code == 0, result.output
    assert "[[protection]]" in result.output
    assert "rhetorical question" in result.output


def test_cli_bad_file_reported_and_rest_goes_on(tmp_path: Path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xff broken")
    good = tmp_path / "good.txt"
    good.write_text(MEMO, encoding="utf-8")
    result = CliRunner().invoke(main, ["rhetoric", str(bad), str(good), "--db", str(tmp_path / "none.db"), "--format", "jsonl"])
    assert result.exit_code == 1
    assert f"error: {bad}: not valid UTF-8" in result.stderr
    assert result.stdout.strip() and all(json.loads(line)["file"] == str(good) for line in result.stdout.splitlines())


def test_cli_stored_article_uses_cleaned_text_and_never_writes(tmp_path: Path):
    from newstrail.store import open_store

    src = tmp_path / "memo.md"
    src.write_text("---\nid: memo-1\ntitle: Harbor Patrol Told Not To Search Ships\n---\n\n" + MEMO.split("\n", 2)[2], encoding="utf-8")
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    assert runner.invoke(main, ["analyze", str(src), "--db", db, "--no-rhetoric"]).exit_code == 0
    result = runner.invoke(main, ["rhetoric", "--article", "memo-1", "--db", db, "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    with open_store(db) as store:
        article = store.articles.find("memo-1")
    assert records and all(article.text[r["start"] : r["end"]] == r["text"] for r in records)
    # a read command: computed now, not stored (analyze with the rhetoric stage stores it)
    assert "rhetoric" not in article.stages and not article.rhetoric
    # analysed with the default stages, the stored spans are what the command printed
    stored_db = str(tmp_path / "stored.db")
    assert runner.invoke(main, ["analyze", str(src), "--db", stored_db]).exit_code == 0
    with open_store(stored_db) as store:
        analysed = store.articles.find("memo-1")
    assert "rhetoric" in analysed.stages
    assert [(t.span.start, t.span.end, t.technique) for t in analysed.rhetoric] == [(r["start"], r["end"], r["technique"]) for r in records]
    # a key that is neither a file nor stored: one error line, exit 1
    result = runner.invoke(main, ["rhetoric", "no-such-thing", "--db", db])
    assert result.exit_code == 1 and "no-such-thing" in result.stderr


# ------------------------------------------------------------------ properties

_PIECES = st.sampled_from(["The", "so-called", "“liberation”", "massacre", "?", "!", " ", "  ", "\r\n", "\n\n", "\t", "\u00a0", "why", "Why would they", ",", "\"friendly\"", "é", "’"])


@hypothesis_settings(max_examples=60, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_spans_always_lie_inside_the_text(text):
    for tok in tokenize(text):
        assert text[tok.start : tok.end] == tok.text
    for t in techniques_in(text):
        assert 0 <= t.span.start < t.span.end <= len(text)
        assert t.technique in TECHNIQUES and 0.0 <= t.score <= 1.0


def test_empty_and_blank_text():
    assert techniques_in("") == [] and techniques_in(" \r\n\t ") == []
