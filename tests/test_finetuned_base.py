"""The three fine-tuned models (check-worthiness, span tagger, fact-check cross-encoder)
share one base file: embeddings and layers 0-1 of all-MiniLM-L6-v2, loaded once a
process; each model's own file holds only the layers above and its head.

The pinned outputs below were computed with the whole int8 models as they shipped before
the split (``scripts/split_onnx.py`` checked the chained parts equal to them, bit for bit,
on 400 CT24 sentences, 200 CT2022 pairs and 25 PTC articles); the margin only allows for
onnxruntime's float kernels differing by CPU. The last tests run ``scripts/split_onnx.py``
on a whole model put together from the shipped parts (``onnx``, in the test extra).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newstrail import embeddings
from newstrail.analyze.checkworthy_ft import FINETUNED_DIR, load_finetuned
from newstrail.analyze.rhetoric.finetuned import TAGGER_DIR, load_finetuned_tagger
from newstrail.core.errors import StageError
from newstrail.embeddings import BASE_PATH, HIDDEN, ChainedSession, finetuned_parts, first_outputs
from newstrail.factchecks.rerank import CE_DIR, load_cross_encoder

#: the whole models' outputs before the split (one sentence or pair a call)
BEFORE = {
    "Unemployment in Porthaven rose from 4.1% to 6.3% in 2024.": 4.358968,
    "Thank you all so much.": -4.380803,
    ("Did the crane at Pier 9 fall into the harbour?", "A crane fell into the harbour at Pier 9."): 3.856154,
    ("Did the crane at Pier 9 fall into the harbour?", "Velmora's ferries stop running in winter."): -3.104874,
}
#: the tagger's inside probability of each id of "[CLS] They are traitors and cowards. [SEP]"
TAGGER_BEFORE = [0.540711, 0.471473, 0.534389, 0.646154, 0.624822, 0.638525, 0.672592, 0.622062, 0.14364, 0.417176]


def _sessions():
    return [load_finetuned()._session[0], load_cross_encoder()._session[0], load_finetuned_tagger()._parts[0]]


def test_the_three_models_chain_their_tops_on_one_base_session():
    sessions = _sessions()
    assert all(isinstance(s, ChainedSession) for s in sessions)
    assert sessions[0].base is sessions[1].base is sessions[2].base
    for s in sessions:
        assert {HIDDEN, "attention_bias"} <= {i.name for i in s.top.get_inputs()} <= {HIDDEN, "attention_bias", "attention_mask"}
    tops = [FINETUNED_DIR / "top-int8.onnx", CE_DIR / "top-int8.onnx", TAGGER_DIR / "top-int8.onnx"]
    sizes = [p.stat().st_size for p in tops]
    # the base is the embeddings (11.7 MB in int8) and two layers; a top four layers and a head
    assert BASE_PATH.stat().st_size < 16_000_000 and max(sizes) < 8_000_000
    assert BASE_PATH.stat().st_size + sum(sizes) < 40_000_000


def test_the_chained_parts_give_what_the_whole_models_gave():
    sentences = [t for t in BEFORE if isinstance(t, str)]
    got = load_finetuned().logits(sentences)
    np.testing.assert_allclose(got, [BEFORE[t] for t in sentences], atol=1e-3)
    query, claims = next(t for t in BEFORE if isinstance(t, tuple))[0], [t[1] for t in BEFORE if isinstance(t, tuple)]
    got = load_cross_encoder().logits(query, claims)
    np.testing.assert_allclose(got, [BEFORE[(query, c)] for c in claims], atol=1e-3)
    tagger = load_finetuned_tagger()
    ids = tagger.tokenizer.encode("They are traitors and cowards.").ids
    np.testing.assert_allclose(first_outputs(tagger._parts[0], [ids])[0], TAGGER_BEFORE, atol=1e-4)


def test_a_whole_model_file_runs_alone(tmp_path: Path):
    # the base itself takes input_ids: a file that does not read hidden states is not chained
    session, tokenizer = finetuned_parts(BASE_PATH, "base", "reinstall", 64)
    assert not isinstance(session, ChainedSession)
    ids = tokenizer.encode("The Orrin ferry leaves at nine.").ids
    hidden = first_outputs(session, [ids])[0]
    assert hidden.shape == (len(ids), 384)


def test_a_missing_base_says_how_to_fix_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(embeddings, "BASE_PATH", tmp_path / "base-int8.onnx")
    embeddings._base_session.cache_clear()
    try:
        with pytest.raises(StageError, match="shared base is missing; reinstall"):
            finetuned_parts(FINETUNED_DIR / "top-int8.onnx", "fine-tuned check-worthiness model", "retrain", 64)
    finally:
        embeddings._base_session.cache_clear()


def _whole_model(top_path: Path):
    """A whole int8 model as the training scripts export it, put together again from the
    shipped base and a top (``onnx``, in the test extra; nothing at run time needs it)."""
    onnx = pytest.importorskip("onnx")
    base, top = onnx.load(str(BASE_PATH)), onnx.load(str(top_path))
    graph = onnx.helper.make_graph(
        list(base.graph.node) + list(top.graph.node), "whole", list(base.graph.input), list(top.graph.output),
        list(base.graph.initializer) + list(top.graph.initializer),
        value_info=list(base.graph.value_info) + list(base.graph.output) + list(top.graph.value_info))
    return onnx.helper.make_model(graph, opset_imports=base.opset_import, ir_version=base.ir_version)


def _split_script():
    import importlib.util

    spec = importlib.util.spec_from_file_location("split_onnx", Path(__file__).resolve().parents[1] / "scripts" / "split_onnx.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_split_script_cuts_a_whole_model_into_the_shipped_base_and_an_equal_top(tmp_path: Path):
    onnx = pytest.importorskip("onnx")
    split_onnx = _split_script()
    whole = tmp_path / "model-int8.onnx"
    onnx.save(_whole_model(FINETUNED_DIR / "top-int8.onnx"), str(whole))
    drift = split_onnx.split_files([(whole, tmp_path / "top-int8.onnx")], BASE_PATH)
    assert drift == {str(whole): 0.0}
    top = onnx.load(str(tmp_path / "top-int8.onnx"))
    assert [i.name for i in top.graph.input] == [HIDDEN, "attention_bias", "attention_mask"]
    base, _ = split_onnx.split(onnx.load(str(whole)))
    assert split_onnx.signature(base) == split_onnx.signature(onnx.load(str(BASE_PATH)))


def test_the_split_script_refuses_a_model_whose_lower_layers_were_trained(tmp_path: Path):
    onnx = pytest.importorskip("onnx")
    model = _whole_model(FINETUNED_DIR / "top-int8.onnx")
    lower = next(i for i in model.graph.initializer if "layer.0.attention.self.query.bias" in i.name)
    values = onnx.numpy_helper.to_array(lower).copy()
    values[0] += 0.5  # as if layer 0 had been fine-tuned
    lower.CopyFrom(onnx.numpy_helper.from_array(values, lower.name))
    onnx.save(model, str(tmp_path / "model-int8.onnx"))
    with pytest.raises(SystemExit, match="keep them frozen"):
        _split_script().split_files([(tmp_path / "model-int8.onnx", tmp_path / "top-int8.onnx")], BASE_PATH)
