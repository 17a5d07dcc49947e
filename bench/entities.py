"""Entity labels of the claim stage on the team's hand-labelled sentences.

    python bench/entities.py [FIXTURE] [--errors]

FIXTURE defaults to tests/data/entities/mentions.jsonl (fictional sentences written by
the team: outlets, people, organisations, places and look-alikes). Scoring in
:mod:`newstrail.eval.entities`.
"""

from __future__ import annotations

import argparse
import os

from newstrail.eval.entities import load, score_sentences

FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "entities", "mentions.jsonl")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("fixture", nargs="?", default=FIXTURE)
    parser.add_argument("--errors", action="store_true", help="list every wrong label, false mention and miss")
    args = parser.parse_args()
    sentences = load(args.fixture)
    s = score_sentences(sentences)
    lookalikes = sum(len(x.get("none", [])) for x in sentences)
    print(f"entities: {len(sentences)} sentences, {s['gold']} named mentions, {lookalikes} look-alikes")
    print(f"precision {s['precision']:.3f}  recall {s['recall']:.3f}  ({s['predicted']} predicted, {s['false']} not names, "
          f"{s['untyped']} names of unknown kind)")
    if args.errors:
        print("\n".join(s["errors"]))


if __name__ == "__main__":
    main()
