"""The opt-in fine-tuned span tagger (``rhetoric.spans = "finetuned"``): the shipped int8
ONNX model run through onnxruntime, its inputs, the setting, the stage and the CLI.

The texts are the team's own, about fictional places and people.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from newstrail import ConfigError, Settings, api
from newstrail.analyze.rhetoric import TECHNIQUES, RhetoricStage, techniques_in
from newstrail.analyze.rhetoric import finetuned
from newstrail.analyze.rhetoric.features import document
from newstrail.analyze.rhetoric.finetuned import TAGGER_DIR, FinetunedTagger, load_finetuned_tagger, pieces_of
from newstrail.cli import main
from newstrail.core.errors import StageError
from newstrail.engines.stages import build_pipeline

RANT = ("The corrupt cabal of Valdmark admirals is betraying the nation, and every patriot knows it. "
        "These shameless traitors will stop at nothing to destroy our proud harbour.")
PLAIN = "The Orrin ferry leaves the north pier at nine and returns at six, the timetable says."


def test_the_shipped_model_has_its_settings_and_data_statement():
    tagger = load_finetuned_tagger()
    assert 0 < tagger.threshold < 1 and tagger.gap >= 0
    assert len(tagger.meta["split"]["held_out"]) == 74
    assert (TAGGER_DIR / "top-int8.onnx").stat().st_size < 8_000_000  # the layers above the shared base
    assert "Propaganda Techniques Corpus" in (TAGGER_DIR / "README.md").read_text(encoding="utf-8")


def test_loaded_words_score_higher_than_plain_reporting():
    tagger = load_finetuned_tagger()
    doc = document(RANT + " " + PLAIN)
    probs = tagger.inside_probabilities(doc)
    assert len(probs) == len(doc.sentences) == 3
    assert max(p.max() for p in probs[:2]) > tagger.threshold > probs[2].max()


def test_finetuned_spans_lie_in_the_text_and_are_named_by_the_classifier():
    text = RANT + "\n\n" + PLAIN
    found = techniques_in(text, spans="finetuned")
    assert found and all(0 <= t.span.start < t.span.end <= len(text) and t.technique in TECHNIQUES for t in found)
    assert any(t.span.start < text.index("traitors") < t.span.end for t in found)
    assert not any(t.span.start >= text.index(PLAIN) for t in found)


def test_a_sentence_scores_the_same_alone_and_among_others():
    tagger = load_finetuned_tagger()
    alone = tagger.inside_probabilities(document(RANT.split(". ")[1]))[0]
    among = tagger.inside_probabilities(document(PLAIN + " " + RANT))[-1]
    assert np.array_equal(alone, among)


def test_long_sentences_are_cut_at_word_boundaries():
    tagger = load_finetuned_tagger()
    doc = document(" ".join(["unbelievably"] * 40) + ".")
    pieces = pieces_of(doc, tagger.tokenizer, limit=16)
    assert len(pieces) > 1 and all(len(p.ids) <= 16 for p in pieces)
    words = [w for p in pieces for w in p.words[1:-1]]
    assert sorted(set(words)) == list(range(len(doc.words)))  # every word, none split across pieces
    assert all(p.words[1] != q.words[-2] for p, q in zip(pieces[1:], pieces))


def test_the_setting_reaches_the_stage():
    assert Settings().rhetoric_spans == "fast"
    with pytest.raises(ConfigError, match="rhetoric.spans"):
        Settings(rhetoric_spans="large")
    stage = next(s for s in build_pipeline(Settings(rhetoric_spans="finetuned")).stages if isinstance(s, RhetoricStage))
    assert stage.spans == "finetuned"


def test_a_missing_model_says_how_to_rebuild_it(tmp_path: Path):
    with pytest.raises(StageError, match="train_rhetoric_finetune.py"):
        FinetunedTagger(tmp_path)
    (tmp_path / "meta.json").write_text(json.dumps({"threshold": 0.4, "gap": 1}), encoding="utf-8")
    tagger = FinetunedTagger(tmp_path)
    with pytest.raises(StageError, match="top-int8.onnx"):
        tagger.inside_probabilities(document(RANT))


def test_the_cli_file_and_stored_modes_agree_with_the_finetuned_spans(tmp_path: Path):
    src = tmp_path / "harbour.md"
    src.write_text("---\nid: harbour-1\ntitle: Admirals Accused\n---\n\n" + RANT + "\n\n" + PLAIN + "\n", encoding="utf-8")
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    finetuned = ["--set", "rhetoric.spans=finetuned"]
    assert runner.invoke(main, [*finetuned, "analyze", str(src), "--db", db]).exit_code == 0

    def spans(args: list[str], setting: list[str]) -> list[tuple[int, int, str]]:
        result = runner.invoke(main, [*setting, "rhetoric", *args, "--db", db, "--format", "jsonl"])
        assert result.exit_code == 0, result.stderr
        return [(r["start"], r["end"], r["technique"]) for r in map(json.loads, result.stdout.splitlines())]

    from_file, stored = spans([str(src)], finetuned), spans(["--article", "harbour-1"], [])
    assert from_file and from_file == stored
    assert from_file != spans([str(src)], [])  # the fast CRF finds other spans


def test_an_article_stored_without_techniques_gets_them_from_the_setting(tmp_path: Path):
    src = tmp_path / "harbour.md"
    src.write_text("---\nid: harbour-2\ntitle: Admirals Accused\n---\n\n" + RANT + "\n\n" + PLAIN + "\n", encoding="utf-8")
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    assert runner.invoke(main, ["analyze", str(src), "--db", db, "--no-rhetoric"]).exit_code == 0

    def spans(setting: list[str], args: list[str]) -> list[tuple[int, int]]:
        result = runner.invoke(main, [*setting, "rhetoric", *args, "--db", db, "--format", "jsonl"])
        assert result.exit_code == 0, result.stderr
        return [(r["start"], r["end"]) for r in map(json.loads, result.stdout.splitlines())]

    finetuned = ["--set", "rhetoric.spans=finetuned"]
    on_the_fly = spans(finetuned, ["--article", "harbour-2"])
    assert on_the_fly == spans(finetuned, [str(src)]) != spans([], ["--article", "harbour-2"])
    settings = Settings(db=db, rhetoric_spans="finetuned")
    assert [(t.span.start, t.span.end) for t in api.article_report(settings, "harbour-2").article.rhetoric] == on_the_fly


def test_the_runtime_needs_no_torch():
    code = ("import sys; from newstrail.analyze.rhetoric import techniques_in; "
            f"found = techniques_in({RANT!r}, spans='finetuned'); "
            "assert found and 'torch' not in sys.modules; print(len(found))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert int(out.stdout) > 0


def _training_script():
    import importlib.util

    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("train_rhetoric_finetune", root / "scripts" / "train_rhetoric_finetune.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # its module level needs no torch: only the steps import it
    return module


def test_training_labels_and_the_span_grid_score_a_perfect_tagger_perfectly():
    from newstrail.eval.rhetoric import PTCArticle

    script = _training_script()
    start = RANT.index("shameless traitors")
    article = PTCArticle("harbour-3", RANT, [("Name_Calling,Labeling", start, start + len("shameless traitors"))])
    items = script.labelled_pieces([article], load_finetuned_tagger().tokenizer)
    labels = [lab for _, _, row in items for lab in row]
    assert labels.count(-1) == 2 * len(items) and 0 < labels.count(1) < labels.count(0)
    perfect = {k: np.array([max(lab, 0) for lab in row], dtype=float) for k, (_, _, row) in enumerate(items)}
    scores = script.span_scores([article], items, perfect, [0.5], [0])
    assert scores[(0.5, 0, 0.0)] == (1.0, 1.0, 1.0)
    # the rules' loaded words outside the gold span cost precision unless the tagger vets them
    combined = script.combined_scores([article], items, perfect, (0.5, 0, 0.0), (None, 0.5))
    assert combined[0.5] == (1.0, 1.0, 1.0) and combined[None][0] < 1.0


def _tagger_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **meta) -> None:
    """Make the shipped tagger's weights with ``meta`` changed the one techniques_in loads."""
    (tmp_path / "top-int8.onnx").symlink_to(TAGGER_DIR / "top-int8.onnx")
    (tmp_path / "meta.json").write_text(json.dumps({**json.loads((TAGGER_DIR / "meta.json").read_text()), **meta}))
    monkeypatch.setattr(finetuned, "TAGGER_DIR", tmp_path)
    load_finetuned_tagger.cache_clear()


def test_the_rule_bar_drops_the_rules_spans_the_tagger_does_not_mark(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    text = "The Orrin ferry office called the delay “routine” on Tuesday, the timetable says."
    quote = (text.index("routine"), text.index("routine") + len("routine"))
    try:
        _tagger_with(tmp_path, monkeypatch, rule_bar=None)
        assert quote in [(t.span.start, t.span.end) for t in techniques_in(text, spans="finetuned")]
        probs = load_finetuned_tagger().inside(document(text))
        (tmp_path / "strict").mkdir()
        _tagger_with(tmp_path / "strict", monkeypatch, rule_bar=1.01)
        assert load_finetuned_tagger().rule_bar == 1.01 and probs.max() < 1.01
        assert quote not in [(t.span.start, t.span.end) for t in techniques_in(text, spans="finetuned")]
    finally:
        load_finetuned_tagger.cache_clear()
