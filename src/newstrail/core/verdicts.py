"""Which fact-check ratings say a claim is false.

Fact-checkers word their verdicts freely ("Pants on Fire!", "Four Pinocchios",
"Mostly False", "Falso", "Misleading"); a ClaimReview's ``alternateName`` is that
text. :func:`verdict_of` sorts such a text into ``false``, ``mixed``, ``true`` or
``None`` (unknown), so an outlet profile can count the articles whose claims match
fact-checks that found them false or misleading. Matches that carry a normalised
verdict of their own keep it.

>>> [verdict_of(t) for t in ("Pants on Fire!", "Mostly false", "Half True", "Correct", "Satire")]
['false', 'false', 'mixed', 'true', None]
>>> is_false_like("Misleading"), is_false_like("True")
(True, False)
"""

from __future__ import annotations

import re

# checked in this order: "not true" and "mostly false" must win over "true"
_FALSE = (
    r"pants on fire", r"\bfalse\b", r"\bfalso\b", r"\bfaux\b", r"\bfalsch\b", r"\bfake\b", r"\bhoax\b", r"\bfabricated\b",
    r"\bmisleading\b", r"\bengañoso\b", r"\btrompeur\b", r"\birreführend\b", r"\bincorrect\b", r"\binaccurate\b",
    r"\bwrong\b", r"\bbaseless\b", r"\bunfounded\b", r"\bdebunked\b", r"\bnot true\b", r"\buntrue\b",
    r"\bno evidence\b", r"\bunsupported\b", r"\bdistort", r"\bmanipulated\b", r"\bdoctored\b", r"\bscam\b",
    r"\bfour pinocchios\b", r"\bthree pinocchios\b", r"\b[34] pinocchios\b", r"\bmostly false\b",
    r"\bmissing context\b", r"\bout of context\b", r"\bexaggerat", r"\bpartly false\b", r"\bpartially false\b",
)
_MIXED = (r"\bhalf[- ]true\b", r"\bmixture\b", r"\bmixed\b", r"\bunproven\b", r"\bunverified\b", r"\bneeds context\b",
          r"\bhalf[- ]truth\b", r"\btwo pinocchios\b", r"\b2 pinocchios\b", r"\bdisputed\b")
_TRUE = (r"\btrue\b", r"\bcorrect\b", r"\baccurate\b", r"\bverdadero\b", r"\bvrai\b", r"\bwahr\b", r"\bconfirmed\b",
         r"\bgeppetto\b")
#: wording a matcher may store as its normalised verdict
_NORMAL = {"false": "false", "mostly-false": "false", "misleading": "false", "mixed": "mixed", "true": "true", "mostly-true": "true"}


def verdict_of(rating: str | None) -> str | None:
    """``false``, ``mixed``, ``true``, or ``None`` when the wording says none of these."""
    if not rating:
        return None
    text = " ".join(rating.casefold().replace("_", " ").split())
    if text in _NORMAL:
        return _NORMAL[text]
    if re.search(r"\bmostly true\b", text):
        return "true"
    for verdict, patterns in (("mixed", _MIXED[:1]), ("false", _FALSE), ("mixed", _MIXED), ("true", _TRUE)):
        if any(re.search(p, text) for p in patterns):
            return verdict
    return None


def is_false_like(rating: str | None) -> bool:
    """Whether a rating says false, mostly false, fake, misleading, pants on fire..."""
    return verdict_of(rating) == "false"
