"""`newstrail claims`: check-worthy sentences, scored and listed."""

from __future__ import annotations
