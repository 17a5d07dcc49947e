"""The three fine-tuned models in one fresh process: load time, memory, CPU per input.

    .venv/bin/python bench/finetuned.py [../shared/data] [--sentences 200] [--pairs 100] [--articles 10] [--whole DIR] [--threads N]

Loads the check-worthiness model, the fact-check cross-encoder and the span tagger one
after the other (each timed from its first use: sessions, tokenizer, one input), prints
the process's peak memory after the three, then each model's CPU milliseconds per
input on real text: CT24 dev sentences (``claimbuster``), CheckThat! 2022 2A tweets each
with five Snopes claims (``checkthat2022-2a``), PTC training articles (``ptc-train``).
The models share their base (``models/minilm-base``): the first one used loads it, so the
other two load only their tops. CPU time: the machine is shared; wall time under load
is slower and noisier. The models' API is the one they had before the split, so a copy
of this file in a checkout from before it (``bench/`` beside that checkout's ``src/``)
measures the three whole models.

``--whole DIR`` then compares each model's chained parts with its whole int8 file as it
shipped before the split, call by call in this process on the same inputs (alternating
which runs first): the largest difference of their outputs and the CPU milliseconds of
each per input. DIR holds ``checkworthy.onnx``, ``matcher.onnx`` and ``tagger.onnx``,
taken from the history::

    mkdir -p /tmp/whole && for m in checkworthy-ft/model:checkworthy matcher-ce/model:matcher rhetoric-tagger/tagger:tagger; do
        git show ff31403:src/newstrail/models/${m%%:*}-int8.onnx > /tmp/whole/${m##*:}.onnx; done
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import sys
import time
from pathlib import Path

import numpy as np
import onnxruntime as ort

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newstrail.analyze.checkworthy_ft import FINETUNED_DIR, load_finetuned  # noqa: E402
from newstrail.analyze.rhetoric.features import document  # noqa: E402
from newstrail.analyze.rhetoric.finetuned import TAGGER_DIR, load_finetuned_tagger, pieces_of  # noqa: E402
from newstrail.embeddings import onnx_session  # noqa: E402
from newstrail.factchecks.rerank import CE_DIR, load_cross_encoder  # noqa: E402


def _texts(data: Path, n_sentences: int, n_pairs: int, n_articles: int):
    csv.field_size_limit(10**9)
    with open(data / "claimbuster" / "CT24_checkworthy_english_dev.tsv", encoding="utf-8") as f:
        sentences = [r[1] for r in csv.reader(f, delimiter="\t")][1 : 1 + n_sentences]
    ct22 = data / "checkthat2022-2a"
    with open(ct22 / "CT2022-Task2A-EN-Train-Dev_Queries.tsv", encoding="utf-8") as f:
        queries = [r[1] for r in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)][: max(1, n_pairs // 5)]
    with open(ct22 / "vclaims.jsonl", encoding="utf-8") as f:
        claims = [json.loads(line)["vclaim"] for _, line in zip(range(2000), f)][::400]
    articles = [p.read_text(encoding="utf-8") for p in sorted((data / "ptc-train" / "train-articles").glob("*.txt"))[:n_articles]]
    return sentences, queries, claims, articles


def _since(start: tuple[float, float]) -> str:
    return f"{(time.process_time() - start[0]) * 1000:6.0f} ms CPU, {(time.perf_counter() - start[1]) * 1000:6.0f} ms wall"


def against_whole(name: str, chained, whole_path: Path, id_lists, threads: int | None) -> None:
    """The chained session against the whole model file, call by call on ``id_lists``."""
    whole = onnx_session(ort, whole_path, threads)
    spent, worst = {"whole": 0.0, "chained": 0.0}, 0.0
    for k, ids in enumerate(id_lists):
        x = np.asarray([ids], dtype=np.int64)
        feeds = {"input_ids": x, "attention_mask": np.ones_like(x)}
        outs = {}
        for which, session in sorted({"whole": whole, "chained": chained}.items(), reverse=k % 2 == 1):
            start = time.process_time()
            outs[which] = session.run(None, feeds)[0]
            spent[which] += time.process_time() - start
        worst = max(worst, float(np.abs(outs["whole"].astype(np.float64) - outs["chained"]).max()))
    n = len(id_lists)
    print(f"{name:<23} whole {spent['whole'] * 1000 / n:5.2f}, chained {spent['chained'] * 1000 / n:5.2f} ms CPU a call "
          f"({n}); largest difference {worst:.3g}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--sentences", type=int, default=200)
    ap.add_argument("--pairs", type=int, default=100)
    ap.add_argument("--articles", type=int, default=10)
    ap.add_argument("--whole", help="a folder of the whole models as they shipped before the split (see above)")
    ap.add_argument("--threads", type=int, default=None, help="--whole: onnxruntime threads of its sessions (default: all cores)")
    args = ap.parse_args()
    sentences, queries, claims, articles = _texts(Path(args.data), args.sentences, args.pairs, args.articles)
    docs = [document(text) for text in articles]

    def clock() -> tuple[float, float]:
        return time.process_time(), time.perf_counter()

    start = clock()
    checkworthy = load_finetuned()
    checkworthy.logits(["The Orrin ferry leaves at nine."])
    print(f"load check-worthiness   {_since(start)}")
    start = clock()
    cross = load_cross_encoder()
    cross.logits("Did the Orrin ferry stop?", ["The Orrin ferry leaves at nine."])
    print(f"load cross-encoder      {_since(start)}")
    start = clock()
    tagger = load_finetuned_tagger()
    tagger.inside(document("They are cowards."))
    print(f"load span tagger        {_since(start)}")
    print(f"peak memory             {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:6.0f} MB")
    start = clock()
    checkworthy.logits(sentences)
    print(f"check-worthiness        {(time.process_time() - start[0]) * 1000 / len(sentences):6.2f} ms CPU a sentence ({len(sentences)})")
    start = clock()
    for query in queries:
        cross.logits(query, claims)
    pairs = len(queries) * len(claims)
    print(f"cross-encoder           {(time.process_time() - start[0]) * 1000 / pairs:6.2f} ms CPU a pair ({pairs})")
    start = clock()
    for doc in docs:
        tagger.inside(doc)
    print(f"span tagger             {(time.process_time() - start[0]) * 1000 / len(docs):6.1f} ms CPU an article ({len(docs)})")
    if args.whole:
        compare(Path(args.whole), (checkworthy, cross, tagger), (sentences, queries, claims, docs), args.threads)
    return 0


def compare(folder: Path, models, texts, threads: int | None) -> None:
    """:func:`against_whole` for the three models, on the texts timed above."""
    # only here: the rest of this file also runs against a checkout from before the split
    from newstrail.embeddings import BASE_PATH, ChainedSession

    (checkworthy, cross, tagger), (sentences, queries, claims, docs) = models, texts
    pairs = [(q, c) for q in queries for c in claims]
    runs = [("check-worthiness", FINETUNED_DIR, "checkworthy.onnx", [e.ids for e in checkworthy._session[1].encode_batch(sentences)]),
            ("cross-encoder", CE_DIR, "matcher.onnx", [e.ids for e in cross._session[1].encode_batch(pairs)]),
            ("span tagger (sentences)", TAGGER_DIR, "tagger.onnx", [p.ids for doc in docs for p in pieces_of(doc, tagger.tokenizer)])]
    base = onnx_session(ort, BASE_PATH, threads)
    for name, top, file, id_lists in runs:
        chained = ChainedSession(base, onnx_session(ort, top / "top-int8.onnx", threads))
        against_whole(name, chained, folder / file, id_lists, threads)


if __name__ == "__main__":
    sys.exit(main())
