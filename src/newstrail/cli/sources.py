"""`newstrail sources`: outlet identity, imported rating lists and what the corpus shows."""

from __future__ import annotations
