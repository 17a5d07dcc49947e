"""The training code on tiny data, and the numpy decoder against CRFsuite's own.

Needs the ``train`` extra (python-crfsuite, scikit-learn); skipped without it. The
data is a handful of sentences the team wrote; nothing here reads the real corpus.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

pycrfsuite = pytest.importorskip("pycrfsuite")
pytest.importorskip("sklearn")

from newstrail.analyze.rhetoric.features import document, span_features  # noqa: E402
from newstrail.analyze.rhetoric.model import Model, read_model  # noqa: E402
from newstrail.eval.rhetoric import PTCArticle  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def _train_module():
    spec = importlib.util.spec_from_file_location("train_rhetoric", ROOT / "scripts" / "train_rhetoric.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TEXTS = [
    ("The Harbor Board Betrays Porthaven\n\nThe so-called reform is a shameful betrayal of every fisher.\nThe vote was held on Monday.\n",
     ["so-called reform", "shameful betrayal"]),
    ("Ferry Fares Rise\n\nWhy would the council hide the figures?\nFares rose by two crowns in April.\n",
     ["Why would the council hide the figures?"]),
    ("Pier Works Begin\n\nThe corrupt cabal at the town hall lied again.\nWorks begin in May.\n",
     ["corrupt cabal", "lied again"]),
    ("Market Day Moves\n\nThe market moves to the north basin.\nTraders welcomed the shaded stalls.\n", []),
]


def _articles() -> list[PTCArticle]:
    out = []
    for n, (text, marked) in enumerate(TEXTS):
        labels = []
        for m in marked:
            start = text.index(m)
            technique = "Doubt" if m.endswith("?") else ("Name_Calling,Labeling" if "cabal" in m or "so-called" in m else "Loaded_Language")
            labels.append((technique, start, start + len(m)))
        out.append(PTCArticle(str(900 + n), text, labels))
    return out


def test_split_is_fixed_and_disjoint():
    tr = _train_module()
    ids = [str(i) for i in range(100)]
    train, held = tr.split(ids)
    assert len(held) == 20 and not set(train) & set(held)
    assert tr.split(list(reversed(ids))) == (train, held)


def test_numpy_marginals_match_crfsuite_and_training_round_trips(tmp_path: Path):
    tr = _train_module()
    articles = _articles()
    docs = {a.id: document(a.text) for a in articles}
    seqs = [s for a in articles for s in tr.sequences(a, docs[a.id], {})]
    assert any("B" in labels for _, labels in seqs)
    tagger = tr.train_tagger(seqs, 0.0, 0.01, 50)

    # the same sequences through CRFsuite's own tagger give the same marginals
    trainer = pycrfsuite.Trainer(verbose=False)
    for feats, labels in seqs:
        trainer.append(feats, labels)
    trainer.set_params({"c1": 0.0, "c2": 0.01, "max_iterations": 50, "feature.possible_transitions": True})
    path = str(tmp_path / "m.crfsuite")
    trainer.train(path)
    ref = pycrfsuite.Tagger()
    ref.open(path)
    for feats, _ in seqs:
        ref.set(feats)
        expected = np.array([1.0 - ref.marginal("O", t) for t in range(len(feats))])
        assert np.allclose(tagger.inside_probability(feats), expected, atol=1e-4)

    X, y = tr.tc_examples(articles, docs, {})
    clf = tr.train_classifier(X, y, 1.0)
    model = Model(tagger, clf, {"threshold": 0.5, "gap": 0}, {})
    scores = tr.evaluate(model, articles, docs, [0.5], rules=False)
    assert scores["learned@0.5"][2] > 0.5  # it learns its own training data
    assert scores["tc"] > 0.5


def test_main_writes_a_loadable_model(tmp_path: Path, monkeypatch):
    tr = _train_module()
    data = tmp_path / "ptc"
    (data / "train-articles").mkdir(parents=True)
    lines = []
    for a in _articles():
        (data / "train-articles" / f"article{a.id}.txt").write_text(a.text, encoding="utf-8", newline="")
        lines += [f"{a.id}\t{t}\t{s}\t{e}" for t, s, e in a.labels]
    # enough articles that the held-out fifth leaves some to train on
    for k in range(4, 10):
        text, _ = TEXTS[k % 4]
        (data / "train-articles" / f"article{900 + k}.txt").write_text(text, encoding="utf-8", newline="")
        lines += [f"{900 + k}\t{t}\t{s}\t{e}" for t, s, e in _articles()[k % 4].labels]
    (data / "train-task2-TC.labels").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "model"
    assert tr.main([str(data), "--out", str(out), "--folds", "0", "--iterations", "20", "--clusters", "0"]) == 0
    model = read_model(out)
    assert len(model.meta["split"]["held_out"]) == 2
    assert not (out / "clusters.json").exists() and model.clusters == {}
    # the classifier alone, again: C and per-technique offsets chosen out of fold; the tagger kept
    tagger_bytes = (out / "tagger.npz").read_bytes()
    assert tr.main([str(data), "--out", str(out), "--techniques-only", "--folds", "2", "--C", "0.5", "1.0"]) == 0
    again = read_model(out)
    assert (out / "tagger.npz").read_bytes() == tagger_bytes
    assert again.meta["params"]["C"] in (0.5, 1.0)
    assert set(again.meta["technique_offsets"]) == set(again.techniques)
    # the retrained classifier, with its offsets folded into the intercepts, scores spans at run
    # time (the per-word-type scorer) as its reference path over span_features does
    doc, start = document(TEXTS[2][0]), TEXTS[2][0].index("corrupt cabal")
    reference = again.classifier.classes[int(again.classifier.probabilities(span_features(doc, start, start + 13, 2, again.clusters)).argmax())]
    assert again.scorer.techniques(doc, [(start, start + 13, 2)]) == [reference]


def test_technique_offsets_fix_a_biased_classifier():
    tr = _train_module()
    # out-of-fold scores that favour class 0; the truth is class 1 for the middle-scored spans
    scores = np.array([[2.0, 0.0], [1.0, 0.5], [0.9, 0.6], [0.0, 2.0]])
    truth = np.array([0, 1, 1, 1])
    bias = tr.technique_biases(scores, truth)
    assert ((scores + bias).argmax(axis=1) == truth).all()
    assert (scores.argmax(axis=1) == truth).mean() == 0.5
