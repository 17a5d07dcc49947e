"""The fact-check record: one reviewed claim with its verdict, as newstrail keeps it.

Every input form (ClaimReview JSON-LD, Google Fact Check Tools responses, Data
Commons feeds, CSV/TSV) is read into a :class:`FactCheck`. The verdict is the
publisher's own rating text (``rating``) plus a normalised ``verdict`` from a fixed
scale, so fact-checks from different publishers can be compared.

>>> fc = FactCheck(claim="The Pier 9 crane fell into the harbour.", rating="Pants on Fire!")
>>> fc.verdict, fc.id.startswith("fc-")
('false', True)
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from newstrail.core.dates import normalise_date

#: the normalised verdict scale, from worst to best, then the labels outside it
VERDICTS: tuple[str, ...] = ("false", "mostly-false", "mixed", "mostly-true", "true", "misleading", "unproven", "satire", "unrated")

# Publisher wordings, checked in order: the first pattern that matches wins, so the
# qualified forms ("mostly false", "half true") come before the bare ones.
_VERDICT_PATTERNS: tuple[tuple[str, str], ...] = (
    ("satire", r"satir|parod|\bjoke\b"),
    ("unproven", r"unprov|unverif|unsubstantiat|no evidence|not enough|insufficient|undetermined|unsupported|research in progress|can'?t be verified|cannot be verified|unclear"),
    ("mostly-false", r"mostly (false|wrong|inaccurate|incorrect)|largely (false|wrong|inaccurate)|barely true|mostly fake|\bmostly not\b"),
    ("mostly-true", r"mostly (true|correct|accurate|right)|largely (true|correct|accurate)|broadly (true|correct|accurate)"),
    ("mixed", r"mix|half[- ]?true|half[- ]?right|partly|partially|part true|half[- ]?truth|some truth|\bmixture\b"),
    ("misleading", r"mislead|out of context|missing context|lacks context|needs context|exaggerat|distort|spin|cherry|manipulat|altered|miscaptioned|decontextuali|imprecise"),
    ("false", r"\bfalse\b|\bfake\b|pants on fire|\bwrong\b|incorrect|inaccurate|\bhoax\b|fabricat|\bscam\b|\bno\b|debunk|\bmyth\b|\buntrue\b|not true|bogus|four pinocchios|\bfalso\b|\bfaux\b|\bfalsch\b|\bbulo\b|\bengañoso\b"),
    ("true", r"\btrue\b|\bcorrect\b|\baccurate\b|\bright\b|\byes\b|\bconfirmed\b|\bverdadero\b|\bvrai\b|\bwahr\b|geppetto checkmark"),
    ("unrated", r"unrated|not rated|no rating|legend|opinion|outdated|explainer|labeled satire|flip"),
)


def normalise_verdict(rating: str | None, value: float | None = None, best: float | None = None, worst: float | None = None) -> str:
    """Map a publisher's rating to the :data:`VERDICTS` scale.

    The text wins when it is recognised; otherwise a numeric rating is placed on the
    five-step false..true scale by where ``value`` sits between ``worst`` and ``best``.

    >>> normalise_verdict("Mostly False"), normalise_verdict("Four Pinocchios"), normalise_verdict(None, 4, 5, 1)
    ('mostly-false', 'false', 'mostly-true')
    """
    text = " ".join((rating or "").lower().split())
    if text:
        for verdict, pattern in _VERDICT_PATTERNS:
            if re.search(pattern, text):
                return verdict
    if value is not None:
        high = 5.0 if best is None else best
        low = 1.0 if worst is None else worst
        if high != low:
            position = min(max((value - low) / (high - low), 0.0), 1.0)
            return VERDICTS[min(int(position * 5), 4)]
    return "unrated"


def _key(url: str | None, claim: str) -> str:
    normal = " ".join(claim.lower().split())
    return hashlib.sha256(f"{url or ''}|{normal}".encode()).hexdigest()[:16]


@dataclass
class FactCheck:
    """One reviewed claim.

    ``id`` is the record's own identifier when it has one, else derived from the URL
    and the claim text; ``key`` (URL + claim text) is what re-imports are recognised
    by when ids differ. ``rating`` is the publisher's wording, ``verdict`` its place on
    :data:`VERDICTS`, ``rating_value``/``best_rating``/``worst_rating`` the numeric
    rating when the record gives one. ``source`` is the ``file:line`` it came from.
    """

    claim: str
    id: str = ""
    rating: str | None = None
    verdict: str = ""
    rating_value: float | None = None
    best_rating: float | None = None
    worst_rating: float | None = None
    publisher: str | None = None
    url: str | None = None
    date: str | None = None
    language: str | None = None
    title: str | None = None
    claimant: str | None = None
    source: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.claim = " ".join(self.claim.split())
        # the one stored date form; a date it cannot read is kept as the publisher wrote it
        self.date = normalise_date(self.date) or self.date
        if not self.id:
            self.id = f"fc-{self.key}"
        if not self.verdict:
            self.verdict = normalise_verdict(self.rating, self.rating_value, self.best_rating, self.worst_rating)

    @property
    def key(self) -> str:
        return _key(self.url, self.claim)

    @property
    def text(self) -> str:
        """What retrieval reads: the claim, and the title when it says more."""
        if self.title and self.title.strip().lower() != self.claim.lower():
            return f"{self.claim} {self.title}"
        return self.claim

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FactCheck:
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})
