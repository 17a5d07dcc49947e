"""Two small per-article costs, in CPU microseconds, on the records ``bench/stages.py`` makes.

    .venv/bin/python bench/repeated_checks.py [--articles 1000]

1. The check for a 19-digit run in each stored record (a long integer, which json reads where
   orjson rounds) that every decoded record goes through: the regular expression it was, the
   byte-table test it is, and orjson's decoding beside them for scale.
2. The attribution stage's first test of each sentence for cue words: English and foreign cue
   words as two set tests (before) or one (now), over every sentence of the articles.

Each figure is the best of three passes, the old and new ways in turns (the machine is shared).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stages import records  # noqa: E402  (the same records as the stage table)

from newstrail import Settings  # noqa: E402
from newstrail.analyze.attributions import _ANY_CUE_TOKENS, _CUE_TOKENS  # noqa: E402
from newstrail.analyze.foreign_cues import may_hold_foreign_cue  # noqa: E402
from newstrail.engines.local import process_many  # noqa: E402
from newstrail.engines.stages import build_pipeline  # noqa: E402
from newstrail.ingest import read_inputs  # noqa: E402
from newstrail.store.sql_articles import _long_digits, _record  # noqa: E402

_OLD_LONG_DIGITS = re.compile(r"\d{19}")


def best_us(items: Sequence, work: Callable[[object], object]) -> float:
    """The best of three passes of ``work`` over ``items``, CPU microseconds per item."""
    times = []
    for _ in range(3):
        start = time.process_time()
        for item in items:
            work(item)
        times.append(time.process_time() - start)
    return min(times) / len(items) * 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "records.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records(args.articles)), encoding="utf-8")
        articles = [a for a in read_inputs([str(path)], settings) if not hasattr(a, "where")]
    done = process_many(articles, build_pipeline(settings).stages)
    stored = [_record(a) for a in done if not isinstance(a, Exception)]
    size = sum(map(len, stored)) / len(stored)
    print(f"{len(stored)} stored records of {size:.0f} characters on average, us a record:")
    print(f"  19-digit check, regular expression (before): {best_us(stored, _OLD_LONG_DIGITS.search):.0f}")
    print(f"  19-digit check, byte table (now):            {best_us(stored, _long_digits):.0f}")
    print(f"  orjson.loads of the record:                  {best_us(stored, orjson.loads):.0f}")
    analysed = [a for a in done if not isinstance(a, Exception)]
    sentences = [a.text[x.start : x.end] for a in analysed for x in a.sentences]
    per_article = len(sentences) / len(analysed)
    # (as the stage runs them on an article without letters of another script: ``other_script`` False)
    before = best_us(sentences, _two_cue_tests) * per_article
    now = best_us(sentences, _one_cue_test) * per_article
    print(f"cue-word tests of {len(sentences)} sentences, us an article: two sets (before) {before:.0f}, one (now) {now:.0f}")
    return 0


def _two_cue_tests(text: str) -> object:
    split = text.lower().split()
    return _CUE_TOKENS.intersection(split), may_hold_foreign_cue(text, split, False)


def _one_cue_test(text: str) -> object:
    hits = _ANY_CUE_TOKENS.intersection(text.lower().split())
    foreign = may_hold_foreign_cue(text, hits, False)
    return hits & _CUE_TOKENS, foreign


if __name__ == "__main__":
    raise SystemExit(main())
