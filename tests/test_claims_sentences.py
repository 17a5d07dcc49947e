"""Sentence splitting on news text: the cases the claims stage depends on.

Every sentence is written by the team about fictional places, people and outlets.
"""

from __future__ import annotations

import pytest

from newstrail.analyze.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # datelines stay with the first sentence, with or without an abbreviated month
        (
            "PORTHAVEN, March 4 (Kestrel Wire) - The harbour board voted 7-2 on Tuesday to close Pier No. 9. Repairs start in May.",
            ["PORTHAVEN, March 4 (Kestrel Wire) - The harbour board voted 7-2 on Tuesday to close Pier No. 9.", "Repairs start in May."],
        ),
        ("PORTHAVEN, Mar. 4 (Kestrel Wire) — The board met. It voted.", ["PORTHAVEN, Mar. 4 (Kestrel Wire) — The board met.", "It voted."]),
        # titles, dotted abbreviations and decimals inside a sentence
        (
            "Dr. Ilse Varga of the U.S. Coastal Survey said the pier was 3.5 m lower. She was not alone.",
            ["Dr. Ilse Varga of the U.S. Coastal Survey said the pier was 3.5 m lower.", "She was not alone."],
        ),
        ("Capt. J. R. Aune and Lt. Col. M. Storm were there. They said nothing.", ["Capt. J. R. Aune and Lt. Col. M. Storm were there.", "They said nothing."]),
        ("J.R. Aune, a Ph.D. student, spoke first. Others followed.", ["J.R. Aune, a Ph.D. student, spoke first.", "Others followed."]),
        ("The ferry costs $1.50. A season pass is €40.", ["The ferry costs $1.50.", "A season pass is €40."]),
        ("Rain fell at 6 p.m. on Monday. By 8 p.m. the quay flooded.", ["Rain fell at 6 p.m. on Monday.", "By 8 p.m. the quay flooded."]),
        # a month abbreviation ends the sentence before a word, not before a day or a year
        (
            "The figure rose to 4.2 per cent in Jan. from 3.9 per cent in Dec. The ministry blamed fuel.",
            ["The figure rose to 4.2 per cent in Jan. from 3.9 per cent in Dec.", "The ministry blamed fuel."],
        ),
        ("He moved to Porthaven in Sept. 2019. He left in 2021.", ["He moved to Porthaven in Sept. 2019.", "He left in 2021."]),
        ("The vote is set for Oct. 12. Results are due Oct. 14.", ["The vote is set for Oct. 12.", "Results are due Oct. 14."]),
        # a company suffix or "U.S." closes the sentence before a sentence-opening word only
        ("He works at Brask Ferries Inc. The firm employs 300 people.", ["He works at Brask Ferries Inc.", "The firm employs 300 people."]),
        ("Brask Ferries Inc. Chairman Tolle resigned.", ["Brask Ferries Inc. Chairman Tolle resigned."]),
        ("Most of the timber goes to the U.S. It leaves from Orvel.", ["Most of the timber goes to the U.S.", "It leaves from Orvel."]),
        # "No." before a number, including a rank
        ("Porthaven's No. 2 official resigned. Nobody replaced her.", ["Porthaven's No. 2 official resigned.", "Nobody replaced her."]),
        # quotations: several sentences inside, a tag after, single quotes too
        (
            'She said: "The pier is closed. It will stay closed until May." The council agreed.',
            ['She said: "The pier is closed.', 'It will stay closed until May."', "The council agreed."],
        ),
        ("'We tried. We failed,' she said. Then she left.", ["'We tried. We failed,' she said.", "Then she left."]),
        ("‘We tried. We failed,’ she said. Then she left.", ["‘We tried. We failed,’ she said.", "Then she left."]),
        ("The boats' hulls rotted. 'It is over,' the skipper said.", ["The boats' hulls rotted.", "'It is over,' the skipper said."]),
        ('The mayor called the tax "a disgrace." Critics disagreed.', ['The mayor called the tax "a disgrace."', "Critics disagreed."]),
        ('Is it legal? "No," said the clerk. The vote went ahead.', ["Is it legal?", '"No," said the clerk.', "The vote went ahead."]),
        (
            "“Do you know what this means?” Varga asked reporters. “It means the pier is gone.”",
            ["“Do you know what this means?” Varga asked reporters.", "“It means the pier is gone.”"],
        ),
        # brackets and ellipses
        ("The council (which met on Jan. 3) agreed. Work starts soon.", ["The council (which met on Jan. 3) agreed.", "Work starts soon."]),
        ("Fares went up 12% (from 2.10 to 2.35 crowns). Riders complained.", ["Fares went up 12% (from 2.10 to 2.35 crowns).", "Riders complained."]),
        ("He waited... Then the lights went out.", ["He waited...", "Then the lights went out."]),
    ],
)
def test_news_text(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_headline_without_full_stop_and_lists() -> None:
    text = (
        "Pier Nine Shut For Weeks\n\nThe harbour board closed Pier Nine on Monday. Key points:\n"
        "• Fares rise 4% in April.\n• Two routes close.\n* A third is under review\n1) Pilings. 2) A survey.\n— Kestrel Wire"
    )
    assert sentences(text) == [
        "Pier Nine Shut For Weeks",
        "The harbour board closed Pier Nine on Monday.",
        "Key points:",
        "• Fares rise 4% in April.",
        "• Two routes close.",
        "* A third is under review",
        "1) Pilings.",
        "2) A survey.",
        "— Kestrel Wire",
    ]
