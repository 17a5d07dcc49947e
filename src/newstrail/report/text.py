"""Terminal text: one summary line per article, and a readable view of one article.

>>> from newstrail.core.article import Article
>>> summary_line(Article(text="a b c", id="a1", outlet="Lantern", title="Pier", published="2025-03-04"), "added")
'added   a1                Lantern · 2025-03-04 · Pier  (3 words, 0 links, 0 removed)'
"""

from __future__ import annotations

import textwrap

from newstrail.core.article import Article


def summary_line(article: Article, status: str) -> str:
    parts = [p for p in (article.outlet or article.domain, article.published, article.title) if p]
    head = " · ".join(parts) or article.source
    counts = f"{len(article.text.split())} words, {len(article.links)} links, {len(article.removed)} removed"
    return f"{status:<7} {article.id:<17} {head}  ({counts})"


def render_article(article: Article, width: int = 88) -> str:
    """A readable view of a stored article: metadata, text, links, removed blocks."""
    lines = [article.title or "(untitled)", "=" * min(width, len(article.title or "(untitled)"))]
    fields = [
        ("id", article.id),
        ("outlet", article.outlet),
        ("domain", article.domain),
        ("url", article.url),
        ("published", article.published),
        ("authors", ", ".join(article.authors)),
        ("language", article.language),
        ("source", article.source),
        ("stages", ", ".join(article.stages)),
    ]
    lines += [f"{name:>10}: {value}" for name, value in fields if value]
    if not article.published:
        lines.append(f"{'published':>10}: no date")  # say so: a missing date is a finding too
    for key, value in sorted(article.meta_view().items()):
        lines.append(f"{'meta.' + key:>10}: {value}")
    lines.append("")
    for para in article.text.split("\n\n"):
        lines += textwrap.wrap(para, width) or [""]
        lines.append("")
    if article.links:
        lines.append("Links:")
        lines += [f"  [{ln.span.start}:{ln.span.end}] {ln.anchor} -> {ln.url}" for ln in article.links]
        lines.append("")
    if article.removed:
        lines.append("Removed as boilerplate (kept as evidence):")
        for block in article.removed:
            short = " ".join(block.text.split())
            lines.append(f"  {block.kind:<12} @{block.position}: {textwrap.shorten(short, width - 20)}")
    matched = [(claim, match) for claim in article.claims for match in claim.matches]
    if matched:
        lines += ["", "Claims already fact-checked (score: calibrated match probability):"]
        for claim, match in matched:
            lines.append(f"  \"{textwrap.shorten(article.snippet(claim.span), width - 6)}\"")
            lines.append(f"    {match.score:.2f}  {match.rating or match.evidence.get('verdict', '')} · {match.publisher or ''} · {match.url or match.factcheck}")
    return "\n".join(lines).rstrip() + "\n"
