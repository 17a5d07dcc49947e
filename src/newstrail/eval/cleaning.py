"""Score the cleaner on HTML pages with gold article text (``bench/cleaning.py``).

A page set is a folder of ``NAME.html`` pages, each with its gold text in
``NAME.txt``; a folder of such folders is several sets. Each page is scored twice,
by word-level F1 against its gold text: (a) trafilatura alone, called with
newstrail's options (:data:`~newstrail.ingest.html.EXTRACT_OPTIONS`), also without
its first line when that is a heading (the headline, which newstrail keeps as the
title, so that the cleaner's own part shows), and (b) the article's ``text`` after
newstrail's reader and :class:`~newstrail.clean.Cleaner`.
Every block the cleaner removed is checked against the gold text: a removal that
is a line of the article (or four words and more of one) counts against its rule.

>>> round(word_f1("the pier closed", "The pier closed on Monday"), 2)
0.75
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from newstrail.clean import Cleaner
from newstrail.ingest.html import EXTRACT_OPTIONS, article_from_html

# what Markdown or HTML looks like when it is left in text: a tag, a heading mark, a
# table rule or pipe row, strong emphasis, a link's target
_MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]*)?/?>|^\s*#{1,6}\s|^\s*\|.*\|\s*$|\|\s*-{3,}|\*\*|\]\(", re.M)
_HEADLINE = re.compile(r"\A\s*#{1,6}\s[^\n]*")
# Han and kana one character a word (those scripts put no spaces between words),
# every other script by its runs of letters and figures.
_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W_]+")


def tokens(text: str) -> list[str]:
    """The words of ``text``, lower-cased, as the scores count them."""
    return _TOKEN.findall(text.lower())


def word_f1(found: str, gold: str) -> float:
    """F1 of the words of ``found`` against those of ``gold`` (as bags of words)."""
    a, b = Counter(tokens(found)), Counter(tokens(gold))
    common = sum((a & b).values())
    if not common:
        return 1.0 if not a and not b else 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def is_article_text(removed: str, gold: str) -> bool:
    """Whether a removed block is article text: each of at least half its lines is the
    whole of a gold line, or four words and more running in one.

    >>> is_article_text("Harbor\\t11.2\\nRoads\\t9.8", "Text.\\nHarbor 11.2\\nRoads 9.8"), is_article_text("Share this", "Text.")
    (True, False)
    """
    gold_lines = [" " + " ".join(tokens(line)) + " " for line in gold.splitlines()]
    lines = [words for words in (tokens(line) for line in removed.splitlines()) if words]
    found = sum(_in_gold(words, gold_lines) for words in lines)
    return bool(lines) and 2 * found >= len(lines)


def _in_gold(words: list[str], gold_lines: list[str]) -> bool:
    needle = " " + " ".join(words) + " "
    return any(needle == hay or (len(words) >= 4 and needle in hay) for hay in gold_lines)


@dataclass
class PageScore:
    """One page's scores and the cleaner's removals, right and wrong, by rule."""

    name: str
    trafilatura: float
    newstrail: float
    #: trafilatura alone with its first line taken off when that is a heading (the
    #: headline, which newstrail's reader moves to ``title``)
    trafilatura_body: float = 0.0
    wrong: Counter[str] = field(default_factory=Counter)
    right: Counter[str] = field(default_factory=Counter)
    wrong_text: list[tuple[str, str]] = field(default_factory=list)
    #: pieces of markup left in the clean text
    markup: list[str] = field(default_factory=list)


def score_page(html_path: Path) -> PageScore:
    """Score one page against the gold text beside it."""
    import trafilatura  # heavy; the reader imports it lazily too
    from trafilatura.utils import load_html

    html = html_path.read_bytes()
    gold = html_path.with_suffix(".txt").read_text(encoding="utf-8")
    alone = trafilatura.extract(load_html(html), **EXTRACT_OPTIONS) or ""
    article = Cleaner()(article_from_html(html, str(html_path)))
    page = PageScore(html_path.stem, word_f1(alone, gold), word_f1(article.text, gold), word_f1(_HEADLINE.sub("", alone, count=1), gold))
    page.markup = [m.group(0) for m in _MARKUP.finditer(article.text)]
    for removed in article.removed:
        if is_article_text(removed.text, gold):
            page.wrong[removed.kind] += 1
            page.wrong_text.append((removed.kind, removed.text))
        else:
            page.right[removed.kind] += 1
    return page


def page_sets(root: Path) -> dict[str, list[Path]]:
    """Set name -> its pages: ``root`` itself when it holds pages, else its subfolders."""
    own = sorted(p for p in root.glob("*.html") if p.with_suffix(".txt").is_file())
    if own:
        return {root.name: own}
    found = {d.name: sorted(p for p in d.glob("*.html") if p.with_suffix(".txt").is_file()) for d in sorted(root.iterdir()) if d.is_dir()}
    return {name: pages for name, pages in found.items() if pages}


def score_sets(root: Path) -> dict[str, list[PageScore]]:
    """Every page of every set under ``root``, scored."""
    return {name: [score_page(p) for p in pages] for name, pages in page_sets(root).items()}


def mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _means(pages: list[PageScore]) -> dict:
    return {
        "pages": len(pages),
        "trafilatura": mean([p.trafilatura for p in pages]),
        "trafilatura_body": mean([p.trafilatura_body for p in pages]),
        "newstrail": mean([p.newstrail for p in pages]),
    }


def summary(sets: dict[str, list[PageScore]]) -> dict:
    """Mean F1 per set and over all pages, and removals per rule (article text or not).

    ``{"sets": {name: {"pages", "trafilatura", "trafilatura_body", "newstrail"}}, "all": {...}, "markup_pages": [...],
    "rules": {kind: {"removed", "article_text"}}}`` (``markup_pages``: pages whose clean
    text still holds HTML tags or Markdown syntax)
    """
    pages = [p for ps in sets.values() for p in ps]
    rules: dict[str, dict[str, int]] = {}
    for p in pages:
        for kind in set(p.wrong) | set(p.right):
            rule = rules.setdefault(kind, {"removed": 0, "article_text": 0})
            rule["removed"] += p.wrong[kind] + p.right[kind]
            rule["article_text"] += p.wrong[kind]
    return {
        "sets": {
            name: _means(ps)
            for name, ps in sets.items()
        },
        "all": _means(pages),
        "markup_pages": sorted(p.name for p in pages if p.markup),
        "rules": dict(sorted(rules.items())),
    }
