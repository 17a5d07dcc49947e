"""Check-worthiness: quality of the shipped model on held-out data, and the scorer's speed.

    .venv/bin/python bench/checkworthy.py ../shared/data/claimbuster [--model accurate] [--repeat 1] [--speed-only] [--articles N]

Prints precision, recall and F1 of the Yes class at the shipped threshold on CT24 dev
(never used in training or tuning) and on the calibration part of CT24 train (where the
threshold was chosen, so that figure is optimistic), then sentences per second of the
scorer alone and of the whole claim stage (scores, quotes, attributions, numbers and
entities) on real articles (the FakeNewsCorpus sample, 250 scraped articles; ``--news
sample`` for the bundled sample corpus), in CPU time (the machine is shared; wall
time under load is slower).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "src"))

from train_checkworthy import DEV, TRAIN, prf, read_ct24, split  # noqa: E402

from newstrail.analyze.checkworthy import MODEL_KINDS, load_model  # noqa: E402
from newstrail.api.demo import sample_corpus  # noqa: E402

NEWS = ROOT.parent / "shared" / "data" / "fakenewscorpus-sample" / "news_sample.csv"


def _row(name: str, rows, scores, threshold: float) -> str:
    y = [r[2] for r in rows]
    p, r, f1 = prf(y, [s >= threshold for s in scores])
    return f"{name:<28} {len(rows):>6} {sum(y):>5}  {p:9.3f} {r:7.3f} {f1:7.3f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data" / "claimbuster"))
    ap.add_argument("--repeat", type=int, default=3, help="passes over the sentences when timing")
    ap.add_argument("--model", default="fast", choices=MODEL_KINDS, help="the shipped model to measure (the claims.model setting)")
    ap.add_argument("--news", default=str(NEWS), help="real articles (CSV) to time the claim stage on; 'sample' for the bundled sample corpus")
    ap.add_argument("--articles", type=int, default=0, help="time the claim stage on the first N articles only (0: all)")
    ap.add_argument("--speed-only", action="store_true", help="skip the quality rows (the accurate model embeds 5,500 sentences for them)")
    args = ap.parse_args()
    data = Path(args.data)
    news = str(sample_corpus()) if args.news == "sample" else args.news
    if not Path(news).is_file():
        raise SystemExit(f"{news}: no such file; pass --news CSV or --news sample")
    model = load_model(kind=args.model)
    seed = int(model.info.get("seed", 13))
    dev = read_ct24(data / DEV)
    print(f"model: embedder {model.embedder or 'none'}, {len(model.term_weights)} terms, threshold {model.threshold:.2f}")
    if not args.speed_only:
        if args.model == "finetuned":  # its threshold was chosen on the last fifth of train by id (whole debates)
            rows = sorted(read_ct24(data / TRAIN), key=lambda r: int(r[0]))
            cal = rows[4 * -(-len(rows) // 5) :]
        else:
            _, cal = split(read_ct24(data / TRAIN), 0.2, seed)
        print(f"{'split':<28} {'sents':>6} {'yes':>5}  precision  recall      F1")
        print(_row("CT24 dev (held out)", dev, model.score([r[1] for r in dev]), model.threshold))
        print(_row("calibration (chose thr.)", cal, model.score([r[1] for r in cal]), model.threshold))

    # speed: the scorer on the dev sentences, the stage on the sample corpus's articles
    texts = [r[1] for r in dev]
    model.score(texts[:50])  # load the embedder before timing
    start = time.process_time()
    for _ in range(args.repeat):
        model.score(texts)
    scorer = args.repeat * len(texts) / (time.process_time() - start)

    from newstrail import Settings
    from newstrail.analyze.claims import ClaimStage
    from newstrail.engines.local import default_pipeline
    from newstrail.ingest import read_inputs

    pipe = default_pipeline(Settings(detect_language=False))
    before = [s for s in pipe.stages if s.name != "claims"]
    articles = []
    for item in read_inputs([news], Settings()):
        if hasattr(item, "text"):
            for stage in before:
                item = stage(item)
            articles.append(item)
    articles = articles[: args.articles] if args.articles else articles
    stage = ClaimStage(model=model)
    stage.claims(articles[0])  # the model's embedder loads on first use, not while timed
    n = sum(len(a.sentences) for a in articles)
    start = time.process_time()
    for _ in range(args.repeat):
        for a in articles:
            stage.claims(a)
    seconds = (time.process_time() - start) / args.repeat
    print(f"speed: scorer {scorer:,.0f} sentences/s ({1000 / scorer:.2f} ms a sentence); claim stage {n / seconds:,.0f} sentences/s, "
          f"{len(articles) / seconds:,.1f} articles/s, {1000 * seconds / len(articles):.1f} ms an article "
          f"({len(articles)} articles of {Path(news).name}, {n} sentences; CPU time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
