"""Sentence splitting: abbreviations, initials, decimals, quotations, datelines, lists.

All text is written by the team about fictional places, people and outlets.
"""

from __future__ import annotations

import pytest

from newstrail import Article, Pipeline
from newstrail.analyze.sentences import SentenceStage, split_sentences


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # abbreviations and titles
        (
            "Mr. Tolle met Dr. Koval and Gen. Aune on Jan. 5 at the St. Brannock quay. The talks ran late.",
            ["Mr. Tolle met Dr. Koval and Gen. Aune on Jan. 5 at the St. Brannock quay.", "The talks ran late."],
        ),
        (
            "Brask Ferries Inc. and Orvel Shipping Co. signed the deal vs. all advice. Prof. Storm objected.",
            ["Brask Ferries Inc. and Orvel Shipping Co. signed the deal vs. all advice.", "Prof. Storm objected."],
        ),
        (
            "The ferry leaves at 9 a.m. Passengers should arrive early.",
            ["The ferry leaves at 9 a.m. Passengers should arrive early."],
        ),
        ("Sen. Quist, Rep. Harlan and Gov. Lind voted no. Jr. staff stayed home.", ["Sen. Quist, Rep. Harlan and Gov. Lind voted no.", "Jr. staff stayed home."]),
        ("Exports to the U.S. Fell by a third, e.g. fish and timber.", ["Exports to the U.S. Fell by a third, e.g. fish and timber."]),
        # single-letter initials
        ("The report was written by A. Li and J. R. Varga. It runs to 40 pages.", ["The report was written by A. Li and J. R. Varga.", "It runs to 40 pages."]),
        # decimals and figures
        ("Prices rose 3.2% in March. They fell 0.4 points in April.", ["Prices rose 3.2% in March.", "They fell 0.4 points in April."]),
        ("The quay cost 2.3 million crowns. 40 boats use it.", ["The quay cost 2.3 million crowns.", "40 boats use it."]),
        # "No." only before a number
        ("Berth No. 5 was closed. No. That was berth six.", ["Berth No. 5 was closed.", "No.", "That was berth six."]),
        # quotations
        ("'We will go,' she said. Then they left.", ["'We will go,' she said.", "Then they left."]),
        ('"We tried. We failed," she said. Then she left.', ['"We tried. We failed," she said.', "Then she left."]),
        ('"Why now?" Varga asked. Nobody answered.', ['"Why now?" Varga asked.', "Nobody answered."]),
        ('"Is it safe?" asked one skipper. It was not.', ['"Is it safe?" asked one skipper.', "It was not."]),
        ('The memo reads: "Do not fire on any drone." The council met.', ['The memo reads: "Do not fire on any drone."', "The council met."]),
        ("“We adjusted. We checked twice.” The team stopped there.", ["“We adjusted.", "We checked twice.”", "The team stopped there."]),
        # opening marks and brackets start a sentence
        ('The pier shut. "Nobody goes on it," she said.', ["The pier shut.", '"Nobody goes on it," she said.']),
        ("The pier shut (again). (A survey follows.) Boats moved.", ["The pier shut (again).", "(A survey follows.)", "Boats moved."]),
        # datelines stay with the first sentence
        (
            "ORVEL, Jan. 5 (Eastfold Wire) - The ferry terminal closed. It will reopen in May.",
            ["ORVEL, Jan. 5 (Eastfold Wire) - The ferry terminal closed.", "It will reopen in May."],
        ),
        # a lowercase word after a point does not start a sentence
        ("The vote was 9 vs. 4 in favour. the clerk counted twice.", ["The vote was 9 vs. 4 in favour. the clerk counted twice."]),
        # exclamation and question marks
        ("What a storm! Will the pier hold? Nobody knows.", ["What a storm!", "Will the pier hold?", "Nobody knows."]),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_every_newline_is_a_boundary() -> None:
    text = "The gulls left the pier. Credit – Radio Sandmoor\nKestrel Herald reports:\n\nThe colony returned on Saturday."
    assert sentences(text) == ["The gulls left the pier.", "Credit – Radio Sandmoor", "Kestrel Herald reports:", "The colony returned on Saturday."]


def test_lists() -> None:
    text = "The council agreed three things:\n1. New pilings. They arrive in May.\n2. A survey.\n- Paper: Storm A, et al. Coastal Review, 2024."
    assert sentences(text) == [
        "The council agreed three things:",
        "1. New pilings.",
        "They arrive in May.",
        "2. A survey.",
        "- Paper: Storm A, et al. Coastal Review, 2024.",
    ]


def test_spans_are_stripped_ordered_and_cover_the_text() -> None:
    text = "  First line here.   Second one!  \n\n\t(Third, in brackets.)  Fourth?\n“Fifth,” she said.  "
    spans = split_sentences(text)
    assert [text[s.start : s.end] for s in spans] == ["First line here.", "Second one!", "(Third, in brackets.)", "Fourth?", "“Fifth,” she said."]
    for a, b in zip(spans, spans[1:]):
        assert a.end <= b.start
    covered = set()
    for s in spans:
        piece = text[s.start : s.end]
        assert piece == piece.strip()
        covered.update(range(s.start, s.end))
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)


def test_empty_and_blank() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\n \t") == []
    assert sentences("No final point") == ["No final point"]


def test_stage_contract() -> None:
    stage = SentenceStage()
    assert (stage.name, stage.requires, stage.assigns) == ("sentences", ("text",), ("sentences",))
    article = Pipeline([stage])(Article(text="The pier shut. Boats moved."))
    assert [article.snippet(s) for s in article.sentences] == ["The pier shut.", "Boats moved."]
    assert article.stages == ["sentences"]
