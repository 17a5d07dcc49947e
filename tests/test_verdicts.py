"""The one verdict scale: the rulings that once disagreed, and the families agree with the scale."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newstrail.core.verdicts import FALSE_LIKE, VERDICTS, is_false_like, normalise_verdict, verdict_of
from newstrail.factchecks.record import FactCheck


@pytest.mark.parametrize(("rating", "verdict"), [
    # once "false" in one normaliser and "unproven" in the other
    ("No evidence", "unproven"), ("Unsupported", "unproven"), ("Disputed", "unproven"),
    # once "false" in one and "mixed" in the other
    ("Partly false", "mostly-false"), ("Partially False", "mostly-false"), ("Partly true", "mixed"),
    ("Two Pinocchios", "mixed"), ("Three Pinocchios", "mostly-false"), ("Four Pinocchios", "false"),
    ("Baseless", "false"), ("Unfounded", "false"), ("Doctored", "misleading"), ("Trompeur", "misleading"),
    ("No rating", "unrated"), ("Not true", "false"), ("mostly-false", "mostly-false"), ("MOSTLY_TRUE", "mostly-true"),
])
def test_settled_readings(rating, verdict):
    assert normalise_verdict(rating) == verdict


def test_false_like_is_the_false_family():
    assert FALSE_LIKE == {v for v in VERDICTS if verdict_of(v) == "false"}
    assert is_false_like("Partly false") and not is_false_like("No evidence") and not is_false_like("Unproven")
    assert not is_false_like(None) and not is_false_like("")


def test_record_and_profile_read_a_rating_the_same_way():
    for rating in ("No evidence", "Partly false", "Half true", "Pants on Fire!", "Correct", "Satire"):
        fc = FactCheck(claim="The Velmora ferry sails at dawn.", rating=rating)
        assert verdict_of(fc.verdict) == verdict_of(rating), rating


@given(st.text(max_size=30))
def test_every_text_lands_on_the_scale(text):
    assert normalise_verdict(text) in VERDICTS
    assert verdict_of(text) in {"false", "mixed", "true", None}
