"""`newstrail rhetoric`: propaganda techniques as character spans."""

from __future__ import annotations
