"""The fact-check record: one reviewed claim with its verdict, as newstrail keeps it.

Every input form (ClaimReview JSON-LD, Google Fact Check Tools responses, Data
Commons feeds, CSV/TSV) is read into a :class:`FactCheck`. The verdict is the
publisher's own rating text (``rating``) plus a normalised ``verdict`` from a fixed
scale (:mod:`newstrail.core.verdicts`), so fact-checks from different publishers can be compared.

>>> fc = FactCheck(claim="The Pier 9 crane fell into the harbour.", rating="Pants on Fire!")
>>> fc.verdict, fc.id.startswith("fc-")
('false', True)
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any

from newstrail.core.dates import normalise_date
from newstrail.core.verdicts import normalise_verdict
from newstrail.store.rows import FactCheckRow


def _key(url: str | None, claim: str) -> str:
    normal = " ".join(claim.lower().split())
    return hashlib.sha256(f"{url or ''}|{normal}".encode()).hexdigest()[:16]


@dataclass
class FactCheck:
    """One reviewed claim.

    ``id`` is the record's own identifier when it has one, else derived from the URL
    and the claim text; ``key`` (URL + claim text) is what re-imports are recognised
    by when ids differ. ``rating`` is the publisher's wording, ``verdict`` its place on
    :data:`~newstrail.core.verdicts.VERDICTS`, ``rating_value``/``best_rating``/``worst_rating`` the numeric
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
        # Field by field with a copy of ``extra``: dataclasses.asdict deep-copies every
        # value and was a quarter of an import's time without the accurate model; the other fields are immutable.
        out = {name: getattr(self, name) for name in _FIELDS}
        out["extra"] = dict(self.extra)
        return out

    def to_row(self) -> FactCheckRow:
        """The record as the store keeps it."""
        return FactCheckRow(self.id, self.key, self.claim, self.verdict, self.rating, self.publisher, self.url, self.date,
                            self.language, self.source, self.to_dict())

    @classmethod
    def from_row(cls, row: FactCheckRow) -> FactCheck:
        """The record a store row keeps."""
        return cls.from_dict(row.record)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FactCheck:
        return cls(**{k: v for k, v in data.items() if k in _FIELDS})


#: the record's field names, in order (what :meth:`FactCheck.to_dict` writes)
_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(FactCheck))
