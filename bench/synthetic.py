"""A generator of synthetic news articles for benchmarks: fictional outlets, places and events.

Deterministic for a given seed, so figures are repeatable. Shared by the bench
scripts; it knows nothing about how newstrail reads or analyses articles.
"""

from __future__ import annotations

import html
import json
import random
from datetime import datetime, timedelta
from pathlib import Path

OUTLETS = [
    ("The Harbor Lantern", "harborlantern.example"),
    ("Bay Herald", "bayherald.example"),
    ("Meridian Wire", "meridianwire.example"),
    ("Northgate Review", "northgatereview.example"),
    ("Coastline Monitor", "coastlinemonitor.example"),
    ("Valley Courier", "valleycourier.example"),
]
PLACES = ["Porthaven", "Gull Rock", "Eastmere", "Saltbridge", "Kestrel Point", "Lowfield", "Marrow Bay"]
SUBJECTS = ["the harbor council", "the port authority", "the ferry operator", "the regional health board",
            "the fishing cooperative", "the coast guard", "the water company", "a local school board"]
VERBS = ["approved", "postponed", "rejected", "announced", "investigated", "questioned", "funded", "suspended"]
OBJECTS = ["a plan to dredge the north channel", "new mooring fees", "repairs to the sea wall",
           "a study of shellfish beds", "an inquiry into late ferries", "a ban on night fishing",
           "the sale of the old customs house", "a flood warning system"]
CRUFT = ["Share this story on Facebook", "Become a Member of {outlet}", "Copyright © {year} {outlet}. All rights reserved.",
         "Sign up for our newsletter today"]


_SYLLABLES = "ka lo mi ren sa tor vel dun ash pel gri mor tan eb sol quin har lu bre dov".split()
_FUNCTION = "the a of in on to and for with by at from that as was were has said will".split()


def _vocabulary(size: int = 6000, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(size)]


VOCABULARY = _vocabulary()


def sentence(rng: random.Random) -> str:
    """A sentence-shaped run of words: a named place, a figure, and Zipf-distributed vocabulary
    (like real text, unrelated articles share few five-word runs)."""
    words = []
    for _ in range(rng.randint(12, 22)):
        if rng.random() < 0.35:
            words.append(rng.choice(_FUNCTION))
        else:
            words.append(VOCABULARY[min(int(rng.paretovariate(1.1)) - 1, len(VOCABULARY) - 1)] if rng.random() < 0.3 else rng.choice(VOCABULARY))
    words.insert(rng.randint(0, len(words)), f"{rng.randint(2, 900)} residents")
    return f"In {rng.choice(PLACES)}, " + " ".join(words) + "."


def article(rng: random.Random, number: int) -> dict:
    outlet, domain = rng.choice(OUTLETS)
    published = datetime(2025, 1, 1) + timedelta(hours=number * 3 + rng.randint(0, 2))
    paragraphs = [" ".join(sentence(rng) for _ in range(rng.randint(2, 4))) for _ in range(rng.randint(3, 7))]
    return {
        "id": f"synthetic-{number}",
        "url": f"https://{domain}/{published:%Y/%m/%d}/story-{number}",
        "title": f"{rng.choice(SUBJECTS).capitalize()} {rng.choice(VERBS)} {rng.choice(OBJECTS)}",
        "outlet": outlet,
        "published": published.isoformat(),
        "paragraphs": paragraphs,
        "cruft": [c.format(outlet=outlet, year=published.year) for c in rng.sample(CRUFT, 2)],
    }


def generate(count: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    return [article(rng, n) for n in range(count)]


def write_jsonl(articles: list[dict], path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for a in articles:
            text = "\n\n".join(a["paragraphs"] + a["cruft"])
            record = {k: a[k] for k in ("id", "url", "title", "outlet", "published")}
            handle.write(json.dumps({**record, "text": text}) + "\n")


def page(a: dict) -> str:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in a["paragraphs"])
    cruft = "\n".join(f"<p>{html.escape(c)}</p>" for c in a["cruft"])
    return f"""<!doctype html><html lang="en"><head><title>{html.escape(a['title'])} | {a['outlet']}</title>
<meta property="og:site_name" content="{a['outlet']}"><meta property="article:published_time" content="{a['published']}">
<link rel="canonical" href="{a['url']}"></head><body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article><h1>{html.escape(a['title'])}</h1>{body}<p>See the <a href="https://meridianwire.example/source/{a['id']}">wire report</a>.</p>{cruft}</article>
<footer>Copyright {a['outlet']}</footer></body></html>"""


def write_html(articles: list[dict], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for a in articles:
        (folder / f"{a['id']}.html").write_text(page(a), encoding="utf-8")
