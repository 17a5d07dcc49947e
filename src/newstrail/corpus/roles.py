"""What each article does in its story: starts it, passes it on, or answers it.

A trace names one role per article:

* ``fact-check``, ``debunk``, ``correction``, ``denial``: the article answers the
  claim (rates it, refutes it, corrects its own outlet's report, or is the statement
  of the body the claim is about). These articles name and link what they answer, so
  the graph has edges into them, but they do not spread the claim: they are never
  amplifiers, and what they say differently is not a mutation.
* ``origin``: a corpus article where the story starts (no copy edge from another
  corpus article feeds it).
* ``amplifier``: an article that took the story from another article of the corpus
  by a copy link (a credit, a link or shared text; not a shared quotation alone).
* ``independent``: in the story but fed by no corpus article, and not where it starts:
  it tells the same event in its own words or credits only outlets outside the corpus.

The answering roles are read from the title, the URL path and the opening of the text,
by kind of cue (a "Fact check:" or "Reality check:" label, a "Correction:" label or an
"earlier version of this article" note, a "Statement:" label or a denial verb in the
title); they are English cues: other languages fall back to the structural roles.

>>> answer_role("Fact check: the mayor did not ban kites", "", "")
'fact-check'
>>> answer_role("Correction: the ferry was not sinking", "", "")
'correction'
>>> answer_role("Harbour reopens after storm", "https://x.example/news/harbour", "The harbour reopened on Monday.") is None
True
"""

from __future__ import annotations

import re

ANSWER_ROLES = ("fact-check", "debunk", "correction", "denial")
#: characters of the text's opening read for a role cue: a label or note stands at the top
OPENING = 400

_TITLE_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("correction", re.compile(r"^\W*(correction|clarification|corrected|editor'?s note)\b", re.I)),
    ("fact-check", re.compile(r"^\W*(fact[- ]?check|reality check|claim check)\b|\b(fact[- ]?check|reality check)\s*:", re.I)),
    ("debunk", re.compile(r"\b(debunk(ed|ing)?|hoax|myth)\b|^\W*no,\s", re.I)),
    ("denial", re.compile(r"^\W*(statement|press release|official statement)\s*:|\b(den(y|ies|ied)|rejects? (claims?|reports?|rumou?rs?))\b", re.I)),
]
_URL_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("fact-check", re.compile(r"/(fact-?checks?|reality-check|factcheck)(/|-)", re.I)),
    ("correction", re.compile(r"/corrections?(/|-)", re.I)),
]
_TEXT_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("correction", re.compile(r"\b(an earlier version of this (article|story|report)|this (article|story|report) has been corrected|we (wrongly|incorrectly) reported)\b", re.I)),
    ("fact-check", re.compile(r"\b(our verdict|verdict|our rating|rating)\s*:\s*(false|misleading|mostly false|partly false|true|mostly true|half true|"
                              r"unproven|unsupported|exaggerated|missing context|incorrect|inaccurate|mixture)\b", re.I)),
]


def answer_role(title: str | None, url: str | None, text: str | None) -> str | None:
    """``fact-check``, ``debunk``, ``correction`` or ``denial`` when the article answers a
    claim by its own label; ``None`` for an article that reports or retells."""
    for role, cue in _TITLE_CUES:
        if title and cue.search(title):
            return role
    for role, cue in _URL_CUES:
        if url and cue.search(url):
            return role
    opening = (text or "")[:OPENING]
    for role, cue in _TEXT_CUES:
        if cue.search(opening):
            return role
    return None
