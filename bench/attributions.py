"""Attribution quality and speed on hand-labelled sentences.

    python bench/attributions.py [bench/data/attribution_sentences.jsonl] [--errors]

Each line of the data file is ``{"text", "attributions": [{"source", "cue", "kind"}]}``,
optionally with ``"links": [{"anchor", "url"}]`` (the anchor is found in the text) and
``"domain"`` (the text's own domain). All sentences are fictional, written by the team.

Labelling conventions: ``source`` is the name as written (titles may be left out: a
predicted "Mayor Ilse Varga" matches a gold "Ilse Varga"); ``cue`` is the short cue
(``according to``, the verb as written, ``reports:``, ``credit``, ``source``, ``via``,
``h/t``, ``first published`` (also "as X first reported"), ``originally appeared``,
``original source``, ``cross-posted from`` (also republished/reprinted from), ``citing``,
``reported in``, ``told``, ``published``, ``hyperlink``, ``dateline``, ``contributed``,
``reporting by``); unnamed people ("one fisherman said", "residents said") and pronouns
are not sources; "the ministry", "officials", "police" are organisations; a hyperlink's
source is the outlet its anchor names, else its domain.

Runs :func:`newstrail.analyze.attributions.attributions_in` on every text and prints
precision, recall and F1 of (source, kind) pairs and of (source, cue) pairs, per-cue
recall, and sentences per second. A predicted source matches a gold one when, after
:func:`outlet_key` normalisation, one contains the other; each gold pair is matched
at most once.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newstrail.analyze.attributions import attributions_in, outlet_key  # noqa: E402
from newstrail.eval.attributions import dedupe, load, match, prf  # noqa: E402

DEFAULT = ROOT / "bench" / "data" / "attribution_sentences.jsonl"


def stages_speed(passes: int) -> tuple[float, int]:
    """Articles per second of the three stages on the sample corpus's cleaned paragraphs,
    packed into articles of about 400 words (each text distinct), and their mean length."""
    from newstrail import Article, Cleaner, Settings, read_inputs
    from newstrail.analyze.attributions import AttributionStage
    from newstrail.analyze.quotes import QuoteStage
    from newstrail.analyze.sentences import SentenceStage

    corpus = [Cleaner()(a) for a in read_inputs([str(ROOT / "src" / "newstrail" / "sample" / "corpus")], Settings()) if isinstance(a, Article)]
    texts, current = [], []
    for paragraph in (p for a in corpus for p in a.text.split("\n\n")):
        current.append(paragraph)
        if sum(len(p.split()) for p in current) >= 400:
            texts.append("\n\n".join(current))
            current = []
    stages = [SentenceStage(), AttributionStage(), QuoteStage()]
    best = 0.0
    for _ in range(passes):
        start = time.perf_counter()
        for text in texts:
            article = Article(text=text)
            for stage in stages:
                article = stage(article)
        best = max(best, len(texts) / (time.perf_counter() - start))
    return best, round(sum(len(t.split()) for t in texts) / len(texts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--errors", action="store_true", help="print every sentence with a miss or a false alarm")
    parser.add_argument("--repeat", type=int, default=20, help="passes over the data for the speed figures")
    parser.add_argument("--no-stages", action="store_true", help="skip the articles-per-second figure (it reads the sample corpus)")
    args = parser.parse_args()
    rows = load(args.path)

    totals = Counter()
    cue_gold, cue_hit = Counter(), Counter()
    for row in rows:
        found = attributions_in(row["text"], links=row["_links"], domain=row.get("domain"))
        gold = row["attributions"]
        kind_pred = dedupe([(a.source, a.kind) for a in found])
        kind_gold = dedupe([(g["source"], g["kind"]) for g in gold])
        cue_pred = dedupe([(a.source, a.cue) for a in found])
        cue_gold_pairs = dedupe([(g["source"], g["cue"]) for g in gold])
        k_hits, c_hits = match(kind_pred, kind_gold), match(cue_pred, cue_gold_pairs)
        totals.update(k_pred=len(kind_pred), k_gold=len(kind_gold), k_hit=k_hits, c_pred=len(cue_pred), c_gold=len(cue_gold_pairs), c_hit=c_hits)
        for g in cue_gold_pairs:
            cue_gold[g[1]] += 1
            cue_hit[g[1]] += match(cue_pred, [g])
        if args.errors and (k_hits != len(kind_pred) or k_hits != len(kind_gold) or c_hits != len(cue_pred) or c_hits != len(cue_gold_pairs)):
            print(f"- {row['text']}\n    gold: {[(g['source'], g['cue'], g['kind']) for g in gold]}\n    got:  {[(a.source, a.cue, a.kind) for a in found]}")

    # speed: the same texts, several passes
    texts = [(row["text"], row["_links"], row.get("domain")) for row in rows]
    start = time.perf_counter()
    for _ in range(args.repeat):
        for text, links, domain in texts:
            attributions_in(text, links=links, domain=domain)
    seconds = time.perf_counter() - start

    stage_rate, stage_words = stages_speed(args.repeat) if not args.no_stages else (0.0, 0)

    negatives = sum(1 for row in rows if not row["attributions"])
    print(f"{args.path.name}: {len(rows)} sentences ({negatives} without an attribution), {totals['k_gold']} gold attributions")
    print(f"{'measure':<16}{'precision':>10}{'recall':>8}{'F1':>8}{'hits':>6}{'pred':>6}{'gold':>6}")
    for label, prefix in (("(source, kind)", "k"), ("(source, cue)", "c")):
        p, r, f = prf(totals[f"{prefix}_hit"], totals[f"{prefix}_pred"], totals[f"{prefix}_gold"])
        print(f"{label:<16}{p:>10.3f}{r:>8.3f}{f:>8.3f}{totals[prefix + '_hit']:>6}{totals[prefix + '_pred']:>6}{totals[prefix + '_gold']:>6}")
    print("recall per cue:")
    for cue in sorted(cue_gold, key=lambda c: (-cue_gold[c], c)):
        print(f"  {cue:<20}{cue_hit[cue]:>3}/{cue_gold[cue]:<3} {cue_hit[cue] / cue_gold[cue]:.2f}")
    print(f"speed: {len(rows) * args.repeat / seconds:,.0f} sentences/s (attributions_in, sentence split included, {args.repeat} passes)")
    if stage_rate:
        print(f"speed: {stage_rate:,.0f} articles/s (SentenceStage + AttributionStage + QuoteStage, sample corpus packed into {stage_words}-word articles, best pass)")


if __name__ == "__main__":
    main()
