"""Score the shipped rhetoric model on its held-out PTC articles.

    .venv/bin/python bench/rhetoric.py ../shared/data/ptc-train

Prints span identification P/R/F1 with the task's partial-overlap credit (the
organisers' SI measure, :func:`newstrail.eval.rhetoric.span_prf`) for the
whole output of :func:`newstrail.techniques_in` (learned spans and rules) and for the
learned spans alone; technique micro-F1 on the gold spans; per-technique counts
(gold, predicted on gold spans, correct); both F1s on five parts of the held-out
articles (the spread by article); and speed. The held-out ids are the ones
listed in the model's ``meta.json``, which training never read.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newstrail.analyze.rhetoric.detector import inside_probabilities, learned_spans, techniques_in  # noqa: E402
from newstrail.analyze.rhetoric.features import document, span_features  # noqa: E402
from newstrail.analyze.rhetoric.finetuned import load_finetuned_tagger  # noqa: E402
from newstrail.analyze.rhetoric.model import load_model  # noqa: E402
from newstrail.eval.rhetoric import read_ptc, span_prf, technique_f1  # noqa: E402


#: the held-out articles are also scored in this many parts (by article) for the spread
FOLDS = 5


def folds_of(articles) -> list[set[str]]:
    """The held-out article ids in :data:`FOLDS` parts: every FOLDS-th id in sorted order."""
    ids = sorted(a.id for a in articles)
    return [set(ids[k::FOLDS]) for k in range(FOLDS)]


def fold_spread(articles, predicted, gold) -> list[float]:
    """Span F1 on each part of :func:`folds_of`."""
    return [span_prf({k: predicted[k] for k in fold}, {k: gold[k] for k in fold})[2] for fold in folds_of(articles)]


def span_rows(kind: str, articles, docs, gold, model) -> tuple[float, float]:
    """Print the span P/R/F1 rows of one span finder (``fast``: the CRF; ``finetuned``: the
    MiniLM tagger) and its spread over the folds; return its wall and CPU seconds."""
    t0, c0 = time.perf_counter(), time.process_time()
    combined = {a.id: techniques_in(a.text, model=model, spans=kind) for a in articles}
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    if kind == "finetuned":
        tagger = load_finetuned_tagger()
        learned = {k: [(s, e) for s, e, _, _ in learned_spans(d, tagger.inside_probabilities(d, inside_probabilities(d, model)), tagger.threshold, tagger.gap)] for k, d in docs.items()}
    else:
        learned = {k: [(s, e) for s, e, _, _ in learned_spans(d, inside_probabilities(d, model), model.threshold)] for k, d in docs.items()}
    print(f"{'span identification, ' + kind + ' spans':<40} {'P':>6} {'R':>6} {'F1':>6} {'spans':>6}")
    for name, pred in (("combined output (learned + rules)", {k: [(t.span.start, t.span.end) for t in v] for k, v in combined.items()}),
                       ("learned spans alone", learned)):
        p, r, f = span_prf(pred, gold)
        print(f"{name:<40} {p:6.3f} {r:6.3f} {f:6.3f} {sum(len(v) for v in pred.values()):6d}")
    spread = fold_spread(articles, {k: [(t.span.start, t.span.end) for t in v] for k, v in combined.items()}, gold)
    print(f"  combined span F1 over {FOLDS} folds of the held-out articles (by article): " + " ".join(f"{f:.3f}" for f in spread)
          + f" (min {min(spread):.3f}, max {max(spread):.3f})")
    return seconds, cpu


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data" / "ptc-train"))
    ap.add_argument("--model", default=None, help="a model folder (default: the shipped one)")
    ap.add_argument("--spans", nargs="+", default=["fast", "finetuned"], choices=["fast", "finetuned"],
                    help="span finders to score (default both: the CRF and the fine-tuned MiniLM tagger)")
    args = ap.parse_args(argv)

    model = load_model(args.model)
    held = set(model.meta["split"]["held_out"])
    articles = [a for a in read_ptc(args.data) if a.id in held]
    if len(articles) != len(held):
        print(f"warning: {len(held) - len(articles)} held-out articles missing from {args.data}", file=sys.stderr)
    gold = {a.id: a.spans for a in articles}

    print(f"held-out: {len(articles)} PTC articles, {sum(len(g) for g in gold.values())} gold spans (merged), "
          f"{sum(len(a.labels) for a in articles)} technique labels")
    docs = {a.id: document(a.text) for a in articles}
    speed = {kind: span_rows(kind, articles, docs, gold, model) for kind in args.spans}
    truth, guess, owner = [], [], []
    for a in articles:
        doc = docs[a.id]
        for technique, s, e in a.labels:
            sent = next((i for i, sp in enumerate(doc.sentences) if sp.start <= s < sp.end), None)
            probs = model.classifier.probabilities(span_features(doc, s, e, sent, model.clusters))
            truth.append(technique)
            guess.append(model.classifier.classes[int(probs.argmax())])
            owner.append(a.id)
    print(f"technique classification on gold spans: micro-F1 {technique_f1(guess, truth):.3f} ({len(truth)} spans)")
    parts = [[k for k, o in enumerate(owner) if o in fold] for fold in folds_of(articles)]
    spread = [technique_f1([guess[k] for k in part], [truth[k] for k in part]) for part in parts]
    print(f"  technique micro-F1 over the same {FOLDS} folds: " + " ".join(f"{f:.3f}" for f in spread)
          + f" (min {min(spread):.3f}, max {max(spread):.3f})")
    g, p, c = Counter(truth), Counter(guess), Counter(t for t, q in zip(truth, guess) if t == q)
    print(f"  {'technique':<36} {'gold':>5} {'pred':>5} {'right':>5}")
    for name in sorted(g, key=lambda n: -g[n]):
        print(f"  {name:<36} {g[name]:5d} {p[name]:5d} {c[name]:5d}")
    chars = sum(len(a.text) for a in articles)
    for kind, (seconds, cpu) in speed.items():
        print(f"speed ({kind} spans): {len(articles) / seconds:.1f} articles/s wall, {len(articles) / cpu:.1f} per CPU-second, "
              f"{1000 * cpu / len(articles):.1f} CPU-ms an article, {chars / cpu / 1000:.0f}k characters per CPU-second "
              f"(techniques_in, one process, load average {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
