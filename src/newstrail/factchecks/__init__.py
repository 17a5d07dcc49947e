"""Fact-checks: ClaimReview import and claim matching.

- :mod:`.record`: the :class:`FactCheck` record (its verdict scale is :mod:`newstrail.core.verdicts`);
- :mod:`.claimreview`: reading every ClaimReview form (JSON-LD in HTML, JSON, JSONL,
  Google Fact Check Tools responses, Data Commons feeds, CSV/TSV);
- :mod:`.importer`: files into a store, deduplicated, embedded once;
- :mod:`.index`, :mod:`.matching`: hybrid retrieval, fusion, rerank, calibration;
- :mod:`.stage`: the analyze stage that fills ``Claim.matches``.

Nothing heavy is imported here: numpy, bm25s and the embedding models load when a
matcher is built.

>>> from newstrail.factchecks import FactCheck
>>> FactCheck(claim="Ferries to Velmora stop in winter.", rating="Mostly true").verdict
'mostly-true'
"""

from __future__ import annotations

from newstrail.core.verdicts import VERDICTS, normalise_verdict
from newstrail.factchecks.record import FactCheck

__all__ = ["VERDICTS", "FactCheck", "normalise_verdict"]
