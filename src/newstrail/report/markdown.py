"""Markdown reports: the same contexts as the HTML reports (:mod:`newstrail.report.html`), as text.

Markdown viewers render raw HTML, so every piece of article text has its ``<``,
``>`` and ``&`` written as entities, and its Markdown punctuation escaped.

>>> md_text("a <script> *b*")
'a &lt;script&gt; \\\\*b\\\\*'
"""

from __future__ import annotations

import re
from typing import Any

from newstrail.core.article import Article
from newstrail.report.html import FILES, Hrefs, article_context, story_context

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md_text(value: Any) -> str:
    """Text made inert in Markdown: HTML entities for ``& < >``, a backslash before Markdown punctuation."""
    text = str(value if value is not None else "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _link(label: Any, href: str | None) -> str:
    return f"[{md_text(label)}](<{href}>)" if href else md_text(label)


def render_article_md(article: Article, ratings: list[dict[str, Any]] | None = None, story: dict[str, Any] | None = None,
                      hrefs: Hrefs = FILES, rhetoric_note: str = "") -> str:
    """An article's report in Markdown: metadata, story, the findings numbered in text order, fact-checks, ratings, removed blocks."""
    c = article_context(article, ratings, story, hrefs, rhetoric_note)
    a = c["a"]
    out = [f"# {md_text(a['title'] or '(untitled)')}", "",
           " · ".join(md_text(x) for x in (a["outlet"], a["published"] or "no publish date", a["language"], f"id {a['id']}") if x), ""]
    if a["url"]:
        out += [md_text(a["url"]), ""]
    s = c["story"]
    out.append(f"**Story:** {_link(s['headline'] or s['id'], s['href'])}, {s['size']} article(s); role: {md_text(s['role'] or '-')} {md_text(s['laundering'])}"
               if s else "**Story:** not linked into a story with other articles")
    counts = c["counts"]
    out += ["", f"**Findings:** {counts['claims']} check-worthy claim(s), {counts['factchecked']} already fact-checked, {counts['quotes']} quotation(s), "
            f"{counts['attributions']} attribution(s), {counts['rhetoric']} rhetoric span(s)" + (f" ({md_text(c['rhetoric_note'])})" if c["rhetoric_note"] else ""),
            "", "## Text", ""]
    out += [md_text(p) + "\n" for p in article.text.split("\n\n") if p.strip()]
    out += ["## Findings", ""]
    for n in c["marked"]["notes"]:
        out.append(f"{n['number']}. **{md_text(n['kind_name'])}** ({n['span'].start}-{n['span'].end}): {md_text(n['explanation'])}: “{md_text(n['text'])}”")
        out += [f"    - {md_text(d)}" for d in n["details"]]
    out += ["", "## Already fact-checked", ""]
    out += [f"- {md_text(m['rating'] or m['verdict'] or 'unrated')} · {md_text(m['publisher'] or 'unknown publisher')}: {_link(m['claim'], m['url'] if m['url_safe'] else None)} "
            "(matches " + ", ".join(f"finding {n['number']}, score {n['score']:.2f}" for n in m["notes"]) + ")" for m in c["matches"]] or ["No imported fact-check matches a claim of this article."]
    out += ["", "## The outlet's ratings", ""]
    out += [f"- {md_text(r['list'])} ({md_text(r['date'] or 'undated')}) on {md_text(r['site'])}: " + md_text("; ".join(f"{k}: {v}" for k, v in r["fields"].items()))
            for r in c["ratings"]] or ["No imported rating list rates this outlet."]
    out += ["", "## Removed from the text", ""]
    out += [f"- **{md_text(r['label'])}**: {md_text(r['text'])}" + (f" — {md_text(r['warning'])}" if r["warning"] else "") for r in c["removed"]] or ["Nothing was removed."]
    return "\n".join(out).rstrip() + "\n"


def render_story_md(trace: dict[str, Any], hrefs: Hrefs = FILES) -> str:
    """A story's report in Markdown: origins, hidden sources, the numbered articles, the edges with evidence, mutations."""
    c = story_context(trace, hrefs)
    s = c["story"]
    out = [f"# {md_text(s['headline'] or s['id'])}", "",
           f"story {md_text(s['id'])} · {s['size']} article(s) · {s['outlets']} outlet(s)" + (f" · {s['first']} to {s['last']}" if s["first"] else ""), "",
           "**Origin:** " + (", ".join(md_text(o["label"]) for o in c["origins"]) or "none found in the corpus")
           + (f"; credited outside the corpus (candidates): {md_text(', '.join(c['external_origins']))}" if c["external_origins"] else ""), ""]
    out += [f"- **laundering:** {md_text(x['article'])} credits {md_text(x['cites'])}, but its text comes from {md_text(x['source'])}" for x in c["laundering"]]
    out += [f"- **fact-check:** {md_text(f['article'])} rates “{md_text(f['claim'])}”: {md_text(f.get('rating') or f['verdict'])}" for f in c["factchecks"]]
    out += ["", "## Articles", "", "| # | published | outlet | title | role | took from |", "|---|---|---|---|---|---|"]
    for a in c["articles"]:
        parents = "; ".join(f"{p['label']} ({p['kinds']})" for p in a["parents"])
        role = a["role"] + (", laundering" if a["laundering"] else "")
        out.append(f"| {a['number']} | {md_text(a['published'] or 'no date')} | {md_text(a['outlet'])} | {_link(a['title'] or a['id'], a['href'])} | {md_text(role)} | {md_text(parents)} |")
    out += ["", "## How each copy took from its source", ""]
    for e in c["edges"]:
        out.append(f"- **{md_text(e['source'])} → {md_text(e['target'])}**: {md_text(e['kinds'])} (confidence {e['confidence']:.2f})")
        out += [f"    - {md_text(line)}" for line in e["evidence"]]
    out += ["", "## Mutations along the chain", ""]
    for m in c["mutations"]:
        detail = f" [{md_text(m['detail'])}]" if m["detail"] else ""
        out += [f"- **{md_text(m['type'])}** {md_text(m['source'])} → {md_text(m['target'])}{detail}",
                f"    - was ({md_text(m['from_lang'] or '?')}): {md_text(m['from_text'] or '(nothing)')}",
                f"    - now ({md_text(m['to_lang'] or '?')}): {md_text(m['to_text'] or '(nothing)')}"]
    if not c["mutations"]:
        out.append("No mutation found between copies in the same language.")
    return "\n".join(out).rstrip() + "\n"


def render_index_md(stories: list[dict[str, Any]], articles: list[dict[str, Any]], hrefs: Hrefs = FILES, title: str = "Stories and articles") -> str:
    """The index of a folder of Markdown reports: stories newest first, then articles."""
    out = [f"# {md_text(title)}", "", "## Stories, newest first", ""]
    for s in sorted(stories, key=lambda s: (s.get("last") or "", s["id"]), reverse=True):
        out.append(f"- {_link(s.get('headline') or s['id'], hrefs.to_story(s['id']))}: {s['size']} articles, {s.get('first') or '?'} to {s.get('last') or '?'}"
                   + (f", {s['laundering']} hiding their source" if s.get("laundering") else ""))
    out += ["", "## Articles", ""]
    out += [f"- {md_text(a.get('published') or 'no date')} · {md_text(a.get('outlet') or '')} · {_link(a.get('title') or a['id'], hrefs.to_article(a['id']))}" for a in articles]
    return "\n".join(out) + "\n"
