"""Write the cleaning page set: HTML pages and their gold article text.

    python tests/data/pages/make_pages.py

Every page is fictional (outlets, people and events made up by the team) and is
written here once as blocks: article blocks go into the page and into the gold
text; ``("x", html)`` blocks are boilerplate inside the article (a byline, a share
prompt) that go into the page only. The layout (``page_layouts.py``) adds the site's
own furniture. The gold text is what a reader calls the article: subheadings,
paragraphs, list items, table rows (cells separated by tabs), quoted tweets with
their attribution line; not the headline, byline, dateline or page furniture.
"""

from __future__ import annotations

import re
import sys
from html import escape, unescape
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from page_layouts import LAYOUTS  # noqa: E402
from page_specs import PAGES  # noqa: E402


def _plain(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html)).strip()


def render(block: tuple) -> tuple[str, str | None]:
    """(HTML, gold text or None) of one body block."""
    kind = block[0]
    if kind == "x":
        return block[1], None
    if kind == "p":
        return f"<p>{block[1]}</p>", _plain(block[1])
    if kind in ("h2", "h3", "h4"):
        return f"<{kind}>{block[1]}</{kind}>", _plain(block[1])
    if kind == "quote":
        return f"<blockquote><p>{block[1]}</p></blockquote>", _plain(block[1])
    if kind in ("ul", "ol"):
        items = "".join(f"<li>{item}</li>" for item in block[1])
        return f"<{kind}>{items}</{kind}>", "\n".join(_plain(i) for i in block[1])
    if kind == "table":
        head, *rows = block[1]
        th = "".join(f"<th>{escape(c)}</th>" for c in head)
        trs = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
        caption = f"<caption>{escape(block[2])}</caption>" if len(block) > 2 else ""
        gold = ([block[2]] if len(block) > 2 else []) + ["\t".join(r) for r in block[1]]
        return f'<table class="data">{caption}<thead><tr>{th}</tr></thead><tbody>{trs}</tbody></table>', "\n".join(gold)
    if kind == "raw_table":
        # cells written as HTML (links), no caption
        head, *rows = block[1]
        th = "".join(f"<th>{c}</th>" for c in head)
        trs = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
        return f"<table><tr>{th}</tr>{trs}</table>", "\n".join("\t".join(_plain(c) for c in r) for r in block[1])
    if kind == "tweet":
        _, text, name, handle, date = block
        html = (
            f'<blockquote class="twitter-tweet"><p lang="en" dir="ltr">{escape(text)}</p>'
            f'&mdash; {escape(name)} (@{handle}) <a href="https://twitter.example/{handle}/status/1">{escape(date)}</a></blockquote>'
        )
        return html, f"{text}\n— {name} (@{handle}) {date}"
    if kind == "entry":
        # a live-blog entry: its time, its own heading, its paragraphs
        _, time, heading, *paras = block
        inner = "".join(render(p)[0] for p in paras)
        gold = "\n\n".join(g for g in (render(p)[1] for p in paras) if g)
        return (
            f'<div class="entry"><p class="entry-time"><time>{time}</time></p><h3>{heading}</h3>{inner}</div>',
            f"{time}\n\n{_plain(heading)}\n\n{gold}",
        )
    raise ValueError(f"unknown block kind {kind!r}")


def build(out: Path = HERE) -> int:
    for page in PAGES:
        parts = [render(b) for b in page["body"]]
        body = "\n".join(html for html, _ in parts)
        gold = "\n\n".join(g for _, g in parts if g)
        folder = out / page["set"]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{page['name']}.html").write_text(LAYOUTS[page["layout"]](page, body), encoding="utf-8")
        (folder / f"{page['name']}.txt").write_text(gold + "\n", encoding="utf-8")
    return len(PAGES)


if __name__ == "__main__":
    print(f"{build()} pages written under {HERE}")
