"""`newstrail factchecks`: import ClaimReview records and match claims against them."""

from __future__ import annotations
