"""A fictional story trace of any size, for the report tests: outlets, times, edges of every kind.

Deterministic (no randomness): the same size gives the same trace, so golden files hold.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

START = datetime(2025, 4, 3, 6, 0, tzinfo=timezone.utc)

OUTLETS = ["Harbor Lantern", "Bay Wire", "Gullwing Local", "Northshore Gazette", "Tallow Post", "Meridian Wire", "Crosswind Digest",
           "Valley Courier", "Open Eyes Daily", "Pinecrest Herald", "Saltmarsh Times", "Ridge Report", "Lowtide Ledger",
           "Cinder Bulletin", "Marrow Mirror", "Quayside Chronicle", "Foghorn Press", "Kestrel Review", "Driftwood Journal",
           "Beacon Signal", "Anchor Daily", "Eastbank Record", "Copperline News", "Stillwater Voice", "Heronsgate Post"]
KINDS = [["attribution", "hyperlink"], ["reuse", "quote"], ["silent copy", "reuse"], ["translation"], ["attribution"],
         ["hyperlink"], ["syndication", "reuse", "attribution"]]


def make_trace(n: int) -> dict[str, Any]:
    """A story of ``n`` articles: a tree from one origin, an outside credit, one laundering copy, a fact-check last,
    every tenth article undated, several in the same hour."""
    articles, edges = [], []
    for i in range(n):
        moment = START + timedelta(minutes=95 * i + (i * 37) % 50)  # a burst over four days, as big stories go
        undated = i % 10 == 9
        role = "origin" if i == 0 else ("fact-check" if i == n - 1 and n > 2 else ("independent" if i % 13 == 12 else "amplifier"))
        articles.append({"id": f"a{i:02d}", "url": f"https://{OUTLETS[i % len(OUTLETS)].lower().replace(' ', '')}.example/{i}",
                         "outlet": OUTLETS[i % len(OUTLETS)], "published": None if undated else moment.strftime("%Y-%m-%dT%H:%M:00Z"),
                         "title": f"Ferry strike enters day {i + 1} as talks stall <b>{i}</b>", "language": "es" if i % 8 == 3 else "en", "role": role})
        if 0 < i and role != "independent":
            parent = (i - 1) // 2 if i % 3 else max(0, i - 3)
            if articles[parent]["role"] in ("fact-check", "independent"):
                parent = 0
            edges.append({"from": f"a{parent:02d}", "to": f"a{i:02d}", "kinds": KINDS[i % len(KINDS)], "confidence": round(0.6 + (i % 4) / 10, 3),
                          "evidence": [{"kind": "hyperlink", "anchor": OUTLETS[parent % len(OUTLETS)], "url": articles[parent]["url"]}]})
    edges.insert(0, {"from": "external:Isle Radio", "to": "a00", "kinds": ["attribution"], "confidence": 0.7,
                     "evidence": [{"kind": "attribution", "cue": "according to", "text": "according to Isle Radio", "name": "Isle Radio"}]})
    laundering = [{"article": "a02", "cites": "Isle Radio", "actually_from": "a00"}] if n > 2 else []
    articles[-1 if n == 2 else 2]["claims_factchecked"] = [{"factcheck": "fc-1", "rating": "False", "verdict": "false"}]
    mutations = [{"edge": {"from": "a00", "to": "a01"}, "type": "number", "from_text": "about 300 crew", "to_text": "over 3,000 crew",
                  "detail": "counts crew", "context": "Over 3,000 crew walked out <script>alert(1)</script>."}]
    return {"story": f"story-fixture-{n}", "articles": articles, "edges": edges, "origins": ["a00"], "external_origins": ["external:Isle Radio"],
            "amplifiers": [a["id"] for a in articles if a["role"] == "amplifier"], "roles": {a["id"]: a["role"] for a in articles},
            "laundering": laundering, "mutations": mutations, "related": [],
            "shares_quote": [{"a": "a01", "b": f"a{n - 1:02d}", "words": 9, "text": "we will sail when the pay is fair"}] if n > 2 else [],
            "factchecks": [{"article": f"a{n - 1:02d}", "factcheck": "fc-1", "claim": "Over 3,000 ferry crew are on strike.", "verdict": "false",
                            "rating": "False", "publisher": "Checkpoint Facts"}] if n > 2 else []}
