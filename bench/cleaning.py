"""Word-level F1 of trafilatura alone and of newstrail's clean text, on pages with gold text.

    python bench/cleaning.py [PAGES_DIR ...] [--detail]

PAGES_DIR (default: the team's page set, ``tests/data/pages``) is a folder of page
sets, or one set: ``NAME.html`` pages with their gold article text in ``NAME.txt``.
Prints, per set and over all pages, the mean F1 of (a) trafilatura with newstrail's
extraction options, as it comes and without its first line when that is a heading
("no headline": newstrail moves the headline to the title, so this column is what the
cleaner's rules alone have to beat), and (b) newstrail's ``text`` after reading and
cleaning, then for
each removal rule how many blocks it removed and how many of them were article
text, and the pages whose clean text still holds HTML tags or Markdown syntax. ``--detail`` prints per-page scores and every removal that was article text.
The scoring is in :mod:`newstrail.eval.cleaning`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from newstrail.eval.cleaning import score_sets, summary

PAGES = Path(__file__).resolve().parents[1] / "tests" / "data" / "pages"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", type=Path, default=[PAGES])
    parser.add_argument("--detail", action="store_true", help="per-page scores and wrong removals")
    args = parser.parse_args()
    for folder in args.folders:
        sets = score_sets(folder)
        result = summary(sets)
        print(f"{folder}")
        print(f"{'set':<14}{'pages':>6}{'trafilatura':>13}{'no headline':>13}{'newstrail':>11}")
        for name, row in [*result["sets"].items(), ("all pages", result["all"])]:
            print(f"{name:<14}{row['pages']:>6}{row['trafilatura']:>13.3f}{row['trafilatura_body']:>13.3f}{row['newstrail']:>11.3f}")
        print(" ".join([f"pages with markup left in text: {len(result['markup_pages'])}", *result["markup_pages"]]))
        print(f"{'rule':<14}{'removed':>8}{'article text':>14}")
        for kind, row in result["rules"].items():
            print(f"{kind:<14}{row['removed']:>8}{row['article_text']:>14}")
        if args.detail:
            for name, pages in sets.items():
                for p in pages:
                    print(f"  {name}/{p.name}: trafilatura {p.trafilatura:.3f} newstrail {p.newstrail:.3f}")
                    if p.markup:
                        print(f"    markup left: {p.markup[:5]}")
                    for kind, text in p.wrong_text:
                        print(f"    removed as {kind}: {text[:100]!r}")


if __name__ == "__main__":
    main()
