"""Claims as text, TSV and JSON Lines: a stored article's claims, and loose texts scored."""

from __future__ import annotations

import textwrap
from typing import Any

from newstrail.core.article import Article
from newstrail.report.formats import View

#: the header row of ``claims score --format tsv``
SCORE_HEADER = "id\tsentence\tstart\tend\tscore\tlabel\ttext"
#: ``claims score --format``: the vocabulary, and the TSV of earlier versions
SCORE_FORMAT_HELP = {"tsv": "tab-separated rows with a header (as before csv)"}


def score_line(ident: str, s: Any) -> str:
    """One scored sentence (an ``analyze.claims.ScoredSentence``) as a TSV row (the other
    formats go through :data:`SCORE_VIEW`)."""
    clean = " ".join(s.text.split())  # a tab or newline inside would break the row
    return f"{ident}\t{s.index}\t{s.span.start}\t{s.span.end}\t{s.score:.3f}\t{'Yes' if s.checkworthy else 'No'}\t{clean}"


def _score_record(item: tuple[str, Any]) -> dict[str, Any]:
    ident, s = item
    return {"id": ident, "sentence": s.index, "start": s.span.start, "end": s.span.end, "score": s.score,
            "label": "Yes" if s.checkworthy else "No", "text": s.text}


def _score_text(item: tuple[str, Any]) -> str:
    ident, s = item
    return f"{ident}#{s.index:<3} {s.score:.2f} {'Yes' if s.checkworthy else 'No ':<3}  {' '.join(s.text.split())}"


#: one scored sentence (``(id, analyze.claims.ScoredSentence)``) of ``claims score``
SCORE_VIEW = View(record=_score_record, text=_score_text, columns=("id", "sentence", "start", "end", "score", "label", "text"))


def _details(r: dict[str, Any]) -> list[str]:
    details = []
    if r["numbers"]:
        details.append("numbers: " + "; ".join(n["text"] + (f" ({n['what']})" if n["what"] else "") for n in r["numbers"]))
    if r["entities"]:
        details.append("entities: " + ", ".join(f"{e['text']} ({e['label']})" for e in r["entities"]))
    if r["speaker"]:
        details.append(f"in a quote of {r['speaker']}")
    elif r["quote"] is not None:
        details.append("in a quote")
    if r["source"]:
        details.append(f"attributed to {r['source']} ({r['cue']})")
    if r["matches"]:
        details.append("fact-checks: " + ", ".join(f"{m['factcheck']} ({m['rating'] or '?'})" for m in r["matches"]))
    return details


#: a stored article's claims (``api.ArticleClaims``) for ``claims show``
CLAIMS_VIEW = View(record=lambda found: found.to_dict(),
                   text=lambda found: render_claims(found.article, found.rows(), found.sentences, found.computed).rstrip("\n"))


def render_claims(article: Article, rows: list[dict[str, Any]], total: int, computed: bool) -> str:
    """A stored article's claims (rows as ``claims --format json`` gives them), best first."""
    worthy = sum(1 for c in article.claims if c.checkworthy)
    note = "; scored now: the stored record has no claims" if computed else ""
    lines = [f"{article.id}  {article.title or '(untitled)'}", f"{total} sentences, {worthy} check-worthy{note}", ""]
    for i, r in enumerate(rows, start=1):
        mark = "*" if r["checkworthy"] else " "
        wrapped = textwrap.wrap(" ".join(r["text"].split()), 78) or [""]
        prefix = f"{i:>3}. {r['score']:.2f}{mark} [{r['span']['start']}-{r['span']['end']}] "
        lines.append(prefix + wrapped[0])
        lines += [" " * len(prefix) + w for w in wrapped[1:]]
        lines += [" " * 10 + d for d in _details(r)]
    if not rows:
        lines.append("(no check-worthy sentences; --all lists every sentence)")
    return "\n".join(lines) + "\n"
