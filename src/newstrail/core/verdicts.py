"""The one verdict scale: how a fact-checker's rating text is read.

Fact-checkers word their verdicts freely ("Pants on Fire!", "Four Pinocchios",
"Mostly False", "Falso", "Misleading"); a ClaimReview's ``alternateName`` is that
text. :func:`normalise_verdict` places it on :data:`VERDICTS`;
:func:`verdict_of` folds that scale into three families (``false``, ``mixed``,
``true``, or ``None`` when the rating is no verdict on truth) and
:func:`is_false_like` is the family an outlet profile counts: fact-checks that
found a claim false or misleading.

>>> [normalise_verdict(t) for t in ("Pants on Fire!", "Partly false", "No evidence", "Half True")]
['false', 'mostly-false', 'unproven', 'mixed']
>>> [verdict_of(t) for t in ("Pants on Fire!", "Mostly false", "Half True", "Correct", "Satire")]
['false', 'false', 'mixed', 'true', None]
>>> is_false_like("Misleading"), is_false_like("No evidence"), is_false_like("True")
(True, False, False)
"""

from __future__ import annotations

import math
import re

#: the normalised verdict scale, from worst to best, then the labels outside it
VERDICTS: tuple[str, ...] = ("false", "mostly-false", "mixed", "mostly-true", "true", "misleading", "unproven", "satire", "unrated")

#: the verdicts that say a claim is false or misleads: what an outlet profile counts
FALSE_LIKE: frozenset[str] = frozenset({"false", "mostly-false", "misleading"})

_FAMILY: dict[str, str | None] = {
    "false": "false", "mostly-false": "false", "misleading": "false",
    # "unproven" is neither confirmed nor refuted: it sits with the mixed ratings
    "mixed": "mixed", "unproven": "mixed",
    "mostly-true": "true", "true": "true",
    "satire": None, "unrated": None,
}

# Publisher wordings, checked in order: the first pattern that matches wins, so the
# qualified forms ("mostly false", "partly false", "half true") come before the bare
# ones, and "not true" is read before "true".
#
# Two readings were once made differently in two places and are settled here:
# - "No evidence" / "Unsupported" -> ``unproven``. Fact-checkers (Lead Stories, Reuters,
#   AFP) use it when a claim's author offers nothing to back it and they found nothing
#   either; it is not a finding that the claim is false, and counting it as false would
#   overstate how often an outlet was refuted.
# - "Partly false" / "Partially false" -> ``mostly-false``. It is a false-family rating
#   in practice (Meta's third-party programme and AFP label such content alongside
#   "False" and "Altered": the claim has material factual errors), not an even mix, so
#   it is false-like. "Partly true" stays ``mixed``.
_VERDICT_PATTERNS: tuple[tuple[str, str], ...] = (
    ("satire", r"satir|parod|\bjoke\b"),
    ("unproven", r"unprov|unverif|unsubstantiat|no evidence|not enough|insufficient|undetermined|unsupported"
                 r"|research in progress|can'?t be verified|cannot be verified|unclear|disputed"),
    ("mostly-false", r"mostly (false|wrong|inaccurate|incorrect)|largely (false|wrong|inaccurate)|barely true"
                     r"|mostly fake|\bmostly not\b|(partly|partially) (false|wrong|incorrect|inaccurate)"
                     r"|\b(three|3) pinocchios\b"),
    ("mostly-true", r"mostly (true|correct|accurate|right)|largely (true|correct|accurate)|broadly (true|correct|accurate)"
                    r"|\b(one|1) pinocchio\b"),
    ("mixed", r"mix|half[- ]?true|half[- ]?right|partly|partially|part true|half[- ]?truth|some truth"
              r"|\b(two|2) pinocchios\b"),
    ("misleading", r"mislead|out of context|missing context|lacks context|needs context|exaggerat|distort|spin|cherry"
                   r"|manipulat|altered|doctored|miscaptioned|decontextuali|imprecise|\btrompeur\b|\birreführend\b"),
    ("false", r"\bfalse\b|\bfake\b|pants on fire|\bwrong\b|incorrect|inaccurate|\bhoax\b|fabricat|\bscam\b|\bno\b(?! rating)"
              r"|debunk|\bmyth\b|\buntrue\b|not true|bogus|\b(four|4) pinocchios\b|\bfalso\b|\bfaux\b|\bfalsch\b"
              r"|\bbulo\b|\bengañoso\b|baseless|unfounded"),
    ("true", r"\btrue\b|\bcorrect\b|\baccurate\b|\bright\b|\byes\b|\bconfirmed\b|\bverdadero\b|\bvrai\b|\bwahr\b"
             r"|geppetto"),
    ("unrated", r"unrated|not rated|no rating|legend|opinion|outdated|explainer|labeled satire|flip"),
)


def _words(rating: str) -> str:
    return " ".join(rating.casefold().replace("_", " ").split())


def normalise_verdict(rating: str | None, value: float | None = None, best: float | None = None, worst: float | None = None) -> str:
    """Map a publisher's rating to the :data:`VERDICTS` scale.

    The text wins when it is recognised (a label already on the scale, such as
    ``mostly-false``, reads as itself); otherwise a numeric rating is placed on the
    five-step false..true scale by where ``value`` sits between ``worst`` and ``best``.

    >>> normalise_verdict("Mostly False"), normalise_verdict("Four Pinocchios"), normalise_verdict(None, 4, 5, 1)
    ('mostly-false', 'false', 'mostly-true')
    """
    text = _words(rating or "")
    if text:
        if text.replace(" ", "-") in _FAMILY:
            return text.replace(" ", "-")
        for verdict, pattern in _VERDICT_PATTERNS:
            if re.search(pattern, text):
                return verdict
    if value is not None and all(math.isfinite(v) for v in (value, best, worst) if v is not None):
        high = 5.0 if best is None else best
        low = 1.0 if worst is None else worst
        if high != low:
            position = min(max((value - low) / (high - low), 0.0), 1.0)
            return VERDICTS[min(int(position * 5), 4)]
    return "unrated"


def verdict_of(rating: str | None) -> str | None:
    """``false``, ``mixed``, ``true``, or ``None`` when the rating says none of these.

    >>> verdict_of("misleading"), verdict_of("Unproven"), verdict_of("Legend")
    ('false', 'mixed', None)
    """
    if not rating:
        return None
    return _FAMILY[normalise_verdict(rating)]


def is_false_like(rating: str | None) -> bool:
    """Whether a rating says false, mostly false, fake, misleading, pants on fire...

    >>> is_false_like("Partly false"), is_false_like("Half true")
    (True, False)
    """
    return bool(rating) and normalise_verdict(rating) in FALSE_LIKE
