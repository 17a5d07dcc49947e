"""The claims stage's cheap paths give what the plain ones gave.

The number pre-check (:func:`newstrail.analyze.claims._maybe_number`) must never miss a
sentence the single case-insensitive pattern it replaced matched (a miss would drop the
sentence's numbers); the numbers shifted into the article keep every field; an article
that credits no outlet gets the same names as before. Sentences are the team's own, about
fictional places and outlets.
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from newstrail.analyze.claims import _maybe_number, _numbers, find_entities
from newstrail.analyze.numbers import find_numbers
from newstrail.core.article import Span

# the pre-check as it was: one pattern, case-insensitive
_ONE_PATTERN = re.compile(
    r"[\d$€£]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands|dozens?|half|halve[sd])\b",
    re.I,
)

SENTENCES = [
    "The Porthaven ferry board cut fares by 12% on Monday.",
    "Forty-two boats left the harbour at Cape Ambrel.",
    "THIRTEEN fishermen were rescued near the Velmora lighthouse.",
    "Hundreds of residents queued outside the Kestrel Wire's office.",
    "The council halved the budget for the Tollby bridge.",
    "Tickets cost €30 and £25 at the Lowmarsh gate.",
    "ſix trawlers were seen off the coast.",  # a long s, which re.I folds to s
    "Someone phoned the harbour master often.",  # "one", "ten" inside words: no number
    "Mayor Ilse Varga praised the volunteers.",
    "A dozen gulls followed the Quayside ferry.",
    "The tenth report was late.",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_the_pre_check_misses_nothing_the_one_pattern_matched(sentence: str) -> None:
    if _ONE_PATTERN.search(sentence):
        assert _maybe_number(sentence)
    if not _maybe_number(sentence):
        assert find_numbers(sentence) == []


def test_the_pre_check_says_no_to_a_sentence_without_figures() -> None:
    assert not _maybe_number("Someone phoned the harbour master often.")
    assert not _maybe_number("Mayor Ilse Varga praised the volunteers.")
    assert _maybe_number("ſix trawlers were seen off the coast.")


def test_numbers_are_shifted_into_the_article_with_every_field() -> None:
    lead = "Intro line here. "
    sentence = "About 3,000 rebel fighters left Velmora, and fares rose 12% to $40."
    text = lead + sentence
    span = Span(len(lead), len(text))
    got = _numbers(text, span)
    want = [dataclasses.replace(n, span=n.span.shift(len(lead))) for n in find_numbers(sentence)]
    assert len(got) == 3
    assert got == want
    assert [text[n.span.start : n.span.end] for n in got] == [n.text for n in got]


def test_an_article_without_outlets_names_the_same_entities() -> None:
    text = "Mayor Ilse Varga told the Kestrel Wire in Porthaven on Monday that fares rose."
    plain = find_entities(text)
    assert [(e.text, e.label) for e in plain] == [("Mayor Ilse Varga", "person"), ("Kestrel Wire", "outlet"), ("Porthaven", "place")]
    credited = find_entities(text, outlets=frozenset({"Porthaven"}))
    assert [(e.text, e.label) for e in credited][-1] == ("Porthaven", "outlet")
