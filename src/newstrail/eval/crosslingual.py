"""Score a multilingual embedder on the cross-language probe (bench-only code).

For every ordered language pair (x, y) the 20 sentences of x (ten events and their
ten near misses) are matched against the 20 of y:

* **top-1**: the share of x's sentences whose nearest y sentence is their translation.
* **true margins**: for each translation pair, :func:`~newstrail.embeddings.match_margins`
  of that pair if it is a mutual best match (else ``-inf``: the aligner would not pair it).
* **near-miss margins**: the same question when x holds the event but not its near miss
  and y the near miss but not the event (two texts about neighbouring events): the
  margin of whatever the aligner would pair the sentence with instead (usually the
  near miss), ``-inf`` if nothing.

:func:`choose_bars` then picks the (margin, cosine) bars that best split the two.
``bench/embeddings.py --crosslingual`` prints it all; the chosen bars are copied into
:data:`newstrail.embeddings.SAME_MEANING` by hand, with the figures that chose them.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from newstrail.embeddings import MULTILINGUAL_LANGUAGES, match_margins
from newstrail.eval.crosslingual_probe import LANGUAGES, probe_rows

__all__ = ["choose_bars", "embed_probe", "pair_scores", "probe_report"]


def embed_probe(embedder: Any, languages: tuple[str, ...] = LANGUAGES) -> tuple[dict[str, np.ndarray], list[str], float]:
    """Vectors per language (rows in id order), the ids, and CPU ms per sentence."""
    rows = probe_rows()
    ids = sorted({sid for sid, _, _ in rows})
    texts = {(sid, lang): text for sid, lang, text in rows}
    flat = [texts[sid, lang] for lang in languages for sid in ids]
    embedder.encode(flat[:8])  # warm-up: thread pools, first-call allocations
    c0 = time.process_time()
    vecs = embedder.encode(flat)
    cpu_ms = 1000 * (time.process_time() - c0) / len(flat)
    by_lang = {lang: vecs[k * len(ids): (k + 1) * len(ids)] for k, lang in enumerate(languages)}
    return by_lang, ids, cpu_ms


def _accepted(sims: np.ndarray, i: int) -> tuple[int, float, float]:
    """(column, cosine, margin) the mutual-best aligner would give row i; margin -inf if none."""
    j = int(sims[i].argmax())
    if int(sims[:, j].argmax()) != i:
        return j, float(sims[i, j]), -np.inf
    return j, float(sims[i, j]), float(match_margins(sims)[i, j])


def pair_scores(x: np.ndarray, y: np.ndarray) -> dict[str, Any]:
    """top-1, and (cosine, margin) of true pairs and of near misses, for x against y.

    Rows are in probe id order: events first, then their near misses in the same order,
    so sentence i's near miss (or event) is i +- n/2.
    """
    sims = x.astype(np.float64) @ y.astype(np.float64).T
    n = len(sims)
    top1 = float((sims.argmax(axis=1) == np.arange(n)).mean())
    true, near = [], []
    for i in range(n):
        j, cos, margin = _accepted(sims, i)
        true.append((float(sims[i, i]), margin if j == i else -np.inf))
        # Text x tells event i but not its near miss; text y tells the near miss but
        # not event i: the hard case, where the aligner must not pair the two.
        twin = (i + n // 2) % n
        rows = [r for r in range(n) if r != twin]
        cols = [c for c in range(n) if c != i]
        _, cos, margin = _accepted(sims[np.ix_(rows, cols)], rows.index(i))
        near.append((cos, margin))
    return {"top1": top1, "true": true, "near": near}


def choose_bars(true: list[tuple[float, float]], near: list[tuple[float, float]]) -> dict[str, float]:
    """The (margin, cosine) bars with the most true pairs kept minus near misses let in.

    Ties go to the higher margin bar (fewer false translation edges downstream).
    """
    t, m = np.array(true), np.array(near)
    best = (-1.0, 0.0, 0.0, 0.0, 0.0)
    cos_grid = np.round(np.arange(0.0, 0.96, 0.01), 2)
    margin_grid = np.round(np.arange(0.0, 0.2, 0.005), 3)
    for cbar in cos_grid:
        for mbar in margin_grid:
            kept = float(((t[:, 0] >= cbar) & (t[:, 1] >= mbar)).mean())
            let_in = float(((m[:, 0] >= cbar) & (m[:, 1] >= mbar)).mean())
            if kept - let_in > best[0] + 1e-12 or (abs(kept - let_in - best[0]) <= 1e-12 and mbar > best[1]):
                best = (kept - let_in, float(mbar), float(cbar), kept, let_in)
    return {"youden": best[0], "min_margin": best[1], "min_cosine": best[2], "kept": best[3], "let_in": best[4]}


def _quantiles(values: list[float]) -> list[float]:
    finite = np.array([v if np.isfinite(v) else -1.0 for v in values])  # -inf (not paired) as -1
    return [float(q) for q in np.quantile(finite, [0.05, 0.5, 0.95])]


def probe_report(embedder: Any, languages: tuple[str, ...] = LANGUAGES,
                 covered: frozenset[str] | None = None) -> dict[str, Any]:
    """Per language pair (unordered, both directions pooled) and overall figures.

    The bars and the overall figures count only pairs of ``covered`` languages
    (default: :data:`~newstrail.embeddings.MULTILINGUAL_LANGUAGES` of the embedder), so
    a language the model is known to fail does not drag the bars for the others.
    """
    covered = covered if covered is not None else MULTILINGUAL_LANGUAGES.get(embedder.name, frozenset(languages))
    by_lang, _, cpu_ms = embed_probe(embedder, languages)
    pairs: dict[str, dict[str, Any]] = {}
    for a in languages:
        for b in languages:
            if a >= b:
                continue
            ab, ba = pair_scores(by_lang[a], by_lang[b]), pair_scores(by_lang[b], by_lang[a])
            true, near = ab["true"] + ba["true"], ab["near"] + ba["near"]
            pairs[f"{a}-{b}"] = {"top1": (ab["top1"] + ba["top1"]) / 2, "true": true, "near": near}
    inside = {k: v for k, v in pairs.items() if set(k.split("-")) <= covered}
    all_true = [p for v in inside.values() for p in v["true"]]
    all_near = [p for v in inside.values() for p in v["near"]]
    bars = choose_bars(all_true, all_near)
    for v in pairs.values():
        v["true_margin_q"] = _quantiles([m for _, m in v["true"]])
        v["near_margin_q"] = _quantiles([m for _, m in v["near"]])
        v["kept"] = float(np.mean([c >= bars["min_cosine"] and m >= bars["min_margin"] for c, m in v["true"]]))
        v["let_in"] = float(np.mean([c >= bars["min_cosine"] and m >= bars["min_margin"] for c, m in v["near"]]))
    return {
        "name": embedder.name, "cpu_ms": cpu_ms, "pairs": pairs, "bars": bars,
        "covered": sorted(covered & set(languages)),
        "top1": float(np.mean([v["top1"] for v in inside.values()])),
        "top1_all": float(np.mean([v["top1"] for v in pairs.values()])),
        "true_margin_q": _quantiles([m for _, m in all_true]),
        "near_margin_q": _quantiles([m for _, m in all_near]),
        "true_cos_q": _quantiles([c for c, _ in all_true]),
        "near_cos_q": _quantiles([c for c, _ in all_near]),
    }
