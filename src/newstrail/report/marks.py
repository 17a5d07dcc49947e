"""An article's text with its findings marked in place, as escaped HTML.

Claims, quotes, attributions, rhetoric spans and links are character spans into
``Article.text`` (see :mod:`newstrail.core.article`). They overlap (a quote inside
a claim, a loaded word inside the quote), so the text is cut at every span
boundary and each piece is wrapped once, with one CSS class per finding that
covers it: every kind of finding draws with its own CSS property (background,
underline, border), so overlapping findings stay visible together. Each finding
ends with a numbered marker that links to its note (the explanation, readable on
a phone and on paper); the piece's ``title`` holds the same explanations for a
mouse.

Article text is hostile input: every character of it goes through
:func:`markupsafe.escape`.

>>> from newstrail.core.article import Article, Span, Quote
>>> a = Article(text='He said "<b>no</b>" twice.', quotes=[Quote(span=Span(9, 18), speaker="He")])
>>> marked = mark_text(a)
>>> str(marked.html)
'He said &#34;<span class="m m-quote" title="quotation, said by He">&lt;b&gt;no&lt;/b&gt;</span><a class="ref" href="#note-1" id="ref-1">1</a>&#34; twice.'
>>> marked.notes[0].kind, marked.notes[0].text
('quote', '<b>no</b>')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from newstrail.core.article import Article, Span

#: the kinds of finding marked in the text, in the order the legend lists them
MARK_KINDS: tuple[tuple[str, str, str], ...] = (
    ("claim", "check-worthy claim", "a sentence stating something a fact-checker could verify; its score and any fact-check it matches are in its note"),
    ("factchecked", "claim already fact-checked", "a check-worthy claim that matches an imported fact-check"),
    ("quote", "quotation", "words in quotation marks, with the speaker when the text names one"),
    ("attribution", "attribution", "a credit to a source: 'according to X', 'X reports', 'Credit – X'"),
    ("rhetoric", "rhetoric", "a propaganda technique (SemEval-2020 task 11 scheme), with why it was marked"),
    ("link", "link", "the anchor text of an outbound hyperlink"),
)


@dataclass
class Note:
    """One marked finding: its number (the marker in the text), kind, span and explanation."""

    number: int
    kind: str
    span: Span
    text: str
    explanation: str
    details: list[str] = field(default_factory=list)


@dataclass
class MarkedText:
    """The text as HTML with findings marked, and the notes the markers link to."""

    html: Markup
    notes: list[Note]


def _claim_notes(article: Article) -> list[tuple[str, Span, str, list[str]]]:
    found = []
    for claim in article.claims:
        if not claim.checkworthy:
            continue
        details = []
        for m in claim.matches:
            verdict = m.evidence.get("verdict") or ""
            details.append(f"fact-check ({m.score:.2f}): {m.rating or verdict or 'unrated'} · {m.publisher or 'unknown publisher'}: {m.claim}")
        if claim.numbers:
            details.append("figures: " + "; ".join(n.text + (f" ({n.what})" if n.what else "") for n in claim.numbers))
        kind = "factchecked" if claim.matches else "claim"
        found.append((kind, claim.span, f"check-worthy claim, score {claim.score:.2f}", details))
    return found


def _attribution_span(article: Article, span: Span, source: str) -> Span:
    """The credited name inside the credit sentence when it is there, else the sentence."""
    at = article.text.lower().find(source.lower(), span.start, span.end) if source else -1
    return Span(at, at + len(source)) if at >= 0 else span


def _findings(article: Article) -> list[tuple[str, Span, str, list[str]]]:
    """Every finding with a span in the text: (kind, span, explanation, details)."""
    found = _claim_notes(article)
    for q in article.quotes:
        found.append(("quote", q.span, "quotation" + (f", said by {q.speaker}" if q.speaker else ", speaker not named"), []))
    seen: set[tuple[int, int, str]] = set()
    for at in article.attributions:
        if at.span is None:
            continue
        span = _attribution_span(article, at.span, at.source)
        if (span.start, span.end, at.source) in seen:  # a credit and its link name the same words: one mark
            continue
        seen.add((span.start, span.end, at.source))
        cues = sorted({a.cue for a in article.attributions if a.span == at.span and a.source == at.source})
        found.append(("attribution", span, f"credits {at.source} ({at.kind}; cue: {', '.join(cues)})", []))
    for t in article.rhetoric:
        found.append(("rhetoric", t.span, f"{t.technique.replace('_', ' ')}, score {t.score:.2f}", [t.explanation] if t.explanation else []))
    for ln in article.links:
        found.append(("link", ln.span, f"link to {ln.url}", []))
    size = len(article.text)
    return [f for f in found if 0 <= f[1].start < f[1].end <= size]


def mark_text(article: Article) -> MarkedText:
    """The article's text as escaped HTML with every finding marked; notes numbered in text order."""
    findings = sorted(_findings(article), key=lambda f: (f[1].start, -f[1].end, f[0]))
    notes = [Note(i, kind, span, article.snippet(span), why, details) for i, (kind, span, why, details) in enumerate(findings, 1)]
    text = article.text
    cuts = sorted({0, len(text), *(n.span.start for n in notes), *(n.span.end for n in notes)})
    ends: dict[int, list[Note]] = {}
    for n in notes:
        ends.setdefault(n.span.end, []).append(n)
    parts: list[str] = []
    waiting = sorted(notes, key=lambda n: n.span.start)
    active: list[Note] = []
    for start, end in zip(cuts, cuts[1:]):  # a sweep: findings open at their start, close at their end
        while waiting and waiting[0].span.start <= start:
            active.append(waiting.pop(0))
        active = [n for n in active if n.span.end > start]
        piece = str(escape(text[start:end]))
        if active:
            kinds = sorted({n.kind for n in active})
            title = " · ".join(dict.fromkeys(n.explanation for n in sorted(active, key=lambda n: n.number)))
            piece = f'<span class="m {" ".join("m-" + k for k in kinds)}" title="{escape(title)}">{piece}</span>'
        parts.append(piece)
        parts += [f'<a class="ref" href="#note-{n.number}" id="ref-{n.number}">{n.number}</a>' for n in ends.get(end, [])]
    return MarkedText(Markup("".join(parts)), notes)


def legend(notes: list[Note]) -> list[dict[str, Any]]:
    """The legend entries of the kinds present in ``notes``: kind, name, meaning, count."""
    counts: dict[str, int] = {}
    for n in notes:
        counts[n.kind] = counts.get(n.kind, 0) + 1
    return [{"kind": k, "name": name, "meaning": meaning, "count": counts[k]} for k, name, meaning in MARK_KINDS if k in counts]
