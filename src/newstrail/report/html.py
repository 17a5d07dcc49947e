"""Self-contained HTML reports: an article, a story, an index of stories and articles.

The pages are rendered from Jinja templates in ``report/templates`` (autoescaped:
article text is hostile input) with the stylesheet and the story timeline SVG
inline, so a report is one file that needs no network, prints, and reads on a
phone. The web app renders the same templates: :func:`environment` gives them,
the ``_article.html``, ``_story.html`` and ``_index.html`` partials take the
context the ``*_context`` functions build, and ``page=False`` returns the
``<article>``/``<section>`` fragment without the page around it. Links between
reports go through :class:`Hrefs`: file names next to each other by default, the
app's routes when it passes its own.

>>> from newstrail.core.article import Article
>>> page = render_article_html(Article(text="Pier 9 closes. <script>alert(1)</script>", id="a1", title="<b>Pier</b>"))
>>> "<script>alert" in page, "&lt;script&gt;alert(1)&lt;/script&gt;" in page, "&lt;b&gt;Pier&lt;/b&gt;" in page
(False, True, True)
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

if TYPE_CHECKING:
    from jinja2 import Environment

from newstrail import __version__
from newstrail.core.article import Article
from newstrail.core.dates import day_of, has_time, parse_date
from newstrail.report.marks import MARK_KINDS, mark_text
from newstrail.report.marks import legend as mark_legend
from newstrail.report.timeline import ANSWERS, numbered, outlet_of, story_timeline_svg
from newstrail.report.trace import evidence_lines

#: removed-block kinds named for a reader; any other kind is shown as it is
REMOVED_LABELS = {
    "badge": "badge", "byline": "byline", "dateline": "dateline", "origin": "origin line", "share": "share prompt",
    "membership": "membership appeal", "copyright": "copyright", "disclaimer": "disclaimer", "fair-use": "fair-use notice",
    "contact": "contact", "tags": "tags", "navigation": "navigation", "related": "related links", "credit-badge": "badge",
    "disclosure": "disclosure", "kicker": "kicker",
}
_FACT_CHECK_BADGE = re.compile(r"fact[\s-]*check", re.I)
FAKE_BADGE = ("fake fact-check badge",
              "The page gives itself a 'Fact checked by' badge: that is a claim of the publisher, not a review by a fact-checker.")


def file_name(kind: str, key: str, ext: str = "html") -> str:
    """The report file of an article or story id: ids are input, so only safe characters stay,
    and an id that had others gets a hash so two ids never share a file.

    >>> file_name("article", "s1-copy5"), file_name("story", "../x", "md"), file_name("story", "story-5a1")
    ('article-s1-copy5.html', 'story-x-d6b96a97.md', 'story-5a1.html')
    """
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", key).strip(".-") or "x"
    if safe != key:
        safe += "-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]
    return f"{safe if safe.startswith(kind + '-') else kind + '-' + safe}.{ext}"  # story ids start "story-" already


@dataclass(frozen=True)
class Hrefs:
    """Where reports link to: an article's report, a story's report, the index (``None``: no link)."""

    article: Callable[[str], str | None] | None = lambda key: file_name("article", key)
    story: Callable[[str], str | None] | None = lambda key: file_name("story", key)
    index: str | None = "index.html"

    def to_article(self, key: str) -> str | None:
        return self.article(key) if self.article is not None and not key.startswith("external:") else None

    def to_story(self, key: str) -> str | None:
        return self.story(key) if self.story is not None else None


#: links between report files in one folder
FILES = Hrefs()
#: no links at all (a single report on its own)
ALONE = Hrefs(article=None, story=None, index=None)


def safe_url(url: str | None) -> bool:
    """Whether a URL from the input may be a link: http(s) only (never ``javascript:`` or ``data:``)."""
    return bool(url) and re.match(r"https?://", url or "", re.I) is not None


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja environment of the report templates (autoescaping on); the web app renders them too."""
    # imported when a report is first rendered: jinja2 costs 20 ms, and `import newstrail` stays light
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("newstrail.report", "templates"), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.globals.update(version=__version__)
    env.filters["when"] = when
    return env


def when(value: str | None) -> str:
    """A stored date for a reader: the day, and the UTC time when it has one.

    >>> when("2025-03-03T09:15:00Z"), when("2025-03-06"), when(None)
    ('2025-03-03 09:15 UTC', '2025-03-06', 'no date')
    """
    if not value:
        return "no date"
    if has_time(value):
        moment = parse_date(value)
        if moment is not None:
            return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return day_of(value) or value


@lru_cache(maxsize=1)
def report_css() -> str:
    """The reports' stylesheet, inlined into every page."""
    return (resources.files("newstrail.report") / "templates" / "report.css").read_text(encoding="utf-8")


def _render(template: str, context: dict[str, Any], page: bool, hrefs: Hrefs) -> str:
    name = template if page else f"_{template}"
    return environment().get_template(name).render(css=Markup(report_css()), hrefs=hrefs, **context)


def _removed(article: Article) -> list[dict[str, Any]]:
    out = []
    for block in article.removed:
        label, warning = REMOVED_LABELS.get(block.kind, block.kind), None
        if block.kind in ("badge", "credit-badge") and _FACT_CHECK_BADGE.search(block.text):
            label, warning = FAKE_BADGE
        out.append({"kind": block.kind, "label": label, "text": block.text, "position": block.position, "warning": warning})
    return out


def article_context(article: Article, ratings: list[dict[str, Any]] | None = None, story: dict[str, Any] | None = None,
                    hrefs: Hrefs = FILES, rhetoric_note: str = "") -> dict[str, Any]:
    """What ``_article.html`` shows: the marked text and its notes, fact-checks, ratings, removed blocks, story.

    ``story`` is ``{"id", "size", "headline", "role", "laundering"}`` (see :func:`story_summary`)
    or ``None`` when the article stands alone.
    """
    marked = mark_text(article)
    names = {k: name for k, name, _ in MARK_KINDS}
    notes = [{**vars(n), "kind_name": names[n.kind]} for n in marked.notes]
    note_of = {(n.kind, n.span.start, n.span.end): n.number for n in marked.notes}
    matches: dict[str, dict[str, Any]] = {}  # one entry per fact-check, with every claim it matches
    for claim in article.claims:
        for m in claim.matches:
            entry = matches.setdefault(m.factcheck, {"claim": m.claim, "rating": m.rating, "verdict": m.evidence.get("verdict") or "",
                                                     "publisher": m.publisher, "url": m.url, "url_safe": safe_url(m.url), "notes": []})
            entry["notes"].append({"number": note_of.get(("factchecked", claim.span.start, claim.span.end)), "score": m.score})
    counts = {"claims": sum(1 for c in article.claims if c.checkworthy), "factchecked": sum(1 for c in article.claims if c.matches),
              "quotes": len(article.quotes), "attributions": len({(a.source, a.span) for a in article.attributions}),
              "rhetoric": len(article.rhetoric)}
    a = {"id": article.id, "title": article.title, "outlet": article.outlet or article.domain, "published": article.published,
         "language": article.language, "authors": article.authors, "url": article.url, "url_safe": safe_url(article.url)}
    if story is not None:
        story = {**story, "href": hrefs.to_story(story["id"])}
    links = [{"anchor": ln.anchor, "url": ln.url, "url_safe": safe_url(ln.url)} for ln in article.links]
    return {"title": article.title or article.id, "a": a, "marked": {"html": marked.html, "notes": notes}, "legend": mark_legend(marked.notes),
            "matches": list(matches.values()), "ratings": ratings or [], "story": story, "removed": _removed(article), "links": links,
            "counts": counts, "rhetoric_note": rhetoric_note}


def render_article_html(article: Article, ratings: list[dict[str, Any]] | None = None, story: dict[str, Any] | None = None,
                        hrefs: Hrefs = ALONE, page: bool = True, rhetoric_note: str = "") -> str:
    """An article's report as a self-contained HTML page (``page=False``: the ``<article>`` fragment).

    ``ratings`` are the outlet's rating-list rows (``ShownArticle.ratings``); ``story``
    a :func:`story_summary` of the story it belongs to.
    """
    return _render("article.html", article_context(article, ratings, story, hrefs, rhetoric_note), page, hrefs)


def headline(trace: dict[str, Any]) -> str | None:
    """A story's headline: its first origin's title, else its earliest article's."""
    entry = _headline_entry(trace)
    return entry.get("title") if entry else None


def _headline_entry(trace: dict[str, Any]) -> dict[str, Any] | None:
    entries = {a["id"]: a for a in trace["articles"]}
    for origin in trace.get("origins", []):
        if entries.get(origin, {}).get("title"):
            return entries[origin]
    return next((a for a in numbered(trace) if a.get("title")), None)


def story_summary(trace: dict[str, Any], article: str | None = None) -> dict[str, Any]:
    """The story in brief for an article's report: id, size, headline, the article's role, what it launders."""
    outlets = {a["id"]: outlet_of(a) for a in trace["articles"]}
    laundering = next((f"(credits {x['cites']}; its text comes from {outlets.get(x['actually_from'], x['actually_from'])}, article {x['actually_from']})"
                       for x in trace.get("laundering", []) if x["article"] == article), "")
    return {"id": trace["story"], "size": len(trace["articles"]), "headline": headline(trace),
            "role": trace.get("roles", {}).get(article or "", ""), "laundering": laundering}


def _label(node: str, numbers: dict[str, int], entries: dict[str, dict[str, Any]]) -> str:
    if node.startswith("external:"):
        return f"{node.removeprefix('external:')} (outside the corpus)"
    entry = entries.get(node, {})
    return f"{numbers.get(node, '?')}. {outlet_of(entry)}" if entry else node


def _mutations(trace: dict[str, Any], label: Callable[[str], str], entries: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    order = {a["id"]: i for i, a in enumerate(numbered(trace))}
    for m in sorted(trace.get("mutations", []), key=lambda m: (order.get(m.get("edge", {}).get("to", ""), 0), m["type"])):
        edge = m.get("edge") or {"from": m.get("article", ""), "to": m.get("article", "")}
        langs = m.get("languages") or {}
        out.append({"type": m["type"], "detail": m.get("detail"), "source": label(edge["from"]), "target": label(edge["to"]),
                    "from_text": m.get("from_text"), "to_text": m.get("to_text"), "context": m.get("context"), "from_context": m.get("from_context"),
                    "from_lang": langs.get("from") or entries.get(edge["from"], {}).get("language"),
                    "to_lang": langs.get("to") or entries.get(edge["to"], {}).get("language")})
    return out


def story_context(trace: dict[str, Any], hrefs: Hrefs = FILES) -> dict[str, Any]:
    """What ``_story.html`` shows: the timeline, the numbered articles, edges with evidence, mutations, answers."""
    ordered = numbered(trace)
    numbers = {a["id"]: i for i, a in enumerate(ordered, 1)}
    entries = {a["id"]: a for a in trace["articles"]}

    def label(node: str) -> str:
        return _label(node, numbers, entries)

    laundered = {x["article"] for x in trace.get("laundering", [])}
    parents: dict[str, list[dict[str, str]]] = {}
    for e in trace["edges"]:
        parents.setdefault(e["to"], []).append({"label": label(e["from"]), "kinds": ", ".join(e["kinds"])})
    articles = [{"number": numbers[a["id"]], "id": a["id"], "href": hrefs.to_article(a["id"]), "outlet": outlet_of(a), "published": a.get("published"),
                 "title": a.get("title"), "language": a.get("language"), "role": a.get("role") or trace.get("roles", {}).get(a["id"], ""),
                 "laundering": a["id"] in laundered, "answer": a.get("role") in ANSWERS, "parents": parents.get(a["id"], []),
                 "factchecked": [] if a.get("role") in ANSWERS else [f.get("rating") or f.get("verdict") or "unrated" for f in a.get("claims_factchecked", [])]}
                for a in ordered]
    edges = sorted(trace["edges"], key=lambda e: (numbers.get(e["to"], 0), numbers.get(e["from"], 0), e["from"]))
    days = sorted(d for d in (day_of(a.get("published")) for a in ordered) if d)
    lead = _headline_entry(trace) or {}
    story = {"id": trace["story"], "size": len(ordered), "headline": lead.get("title"), "headline_lang": lead.get("language"), "first": days[0] if days else None,
             "last": days[-1] if days else None, "undated": len(ordered) - len(days), "outlets": len({outlet_of(a) for a in ordered})}
    outlets: dict[str, list[dict[str, Any]]] = {}
    for a in ordered:
        outlets.setdefault(outlet_of(a), a.get("ratings", []))
    return {
        "title": story["headline"] or story["id"], "story": story, "articles": articles,
        "svg": Markup(story_timeline_svg(trace, hrefs.to_article)),
        "origins": [{"label": label(o), "href": hrefs.to_article(o)} for o in trace.get("origins", [])],
        "external_origins": [x.removeprefix("external:") for x in trace.get("external_origins", [])],
        "laundering": [{"article": label(x["article"]), "cites": x["cites"], "source": label(x["actually_from"])} for x in trace.get("laundering", [])],
        # the publisher is named only when it is not the outlet the label already names
        "factchecks": [{**f, "article": label(f["article"]), "publisher": None if f.get("publisher") and label(f["article"]).endswith(f". {f['publisher']}") else f.get("publisher")}
                       for f in trace.get("factchecks", [])],
        "edges": [{"source": label(e["from"]), "target": label(e["to"]), "kinds": ", ".join(e["kinds"]), "confidence": e.get("confidence", 0.0),
                   "evidence": evidence_lines(e)} for e in edges],
        "mutations": _mutations(trace, label, entries),
        "shares_quote": [{**q, "a": label(q["a"]), "b": label(q["b"])} for q in trace.get("shares_quote", [])],
        "related": [{**r, "a": label(r["a"]), "b": label(r["b"])} for r in trace.get("related", [])],
        "outlets": [{"name": name, "ratings": rows} for name, rows in outlets.items()] if any("ratings" in a for a in ordered) else [],
    }


def render_story_html(trace: dict[str, Any], hrefs: Hrefs = ALONE, page: bool = True) -> str:
    """A story's report as a self-contained HTML page: timeline SVG, articles, evidence, mutations side by side.

    ``trace`` is the JSON form of a trace (``api.trace(...).to_dict()``, ratings included when present).
    """
    return _render("story.html", story_context(trace, hrefs), page, hrefs)


def render_index_html(stories: list[dict[str, Any]], articles: list[dict[str, Any]], hrefs: Hrefs = FILES, title: str = "Stories and articles",
                      page: bool = True) -> str:
    """The index of a report folder: ``stories`` (``id``, ``size``, ``first``, ``last``, ``headline``, ``laundering``: how many hide their source), newest first,
    and ``articles`` (``id``, ``outlet``, ``published``, ``title``), each linked to its report."""
    ordered = sorted(stories, key=lambda s: (s.get("last") or "", s["id"]), reverse=True)
    context = {"title": title, "stories": [{**s, "href": hrefs.to_story(s["id"])} for s in ordered],
               "articles": [{**a, "href": hrefs.to_article(a["id"])} for a in articles]}
    return _render("index.html", context, page, hrefs)
