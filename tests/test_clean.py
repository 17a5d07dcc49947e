"""The cleaner keeps prose, removes cruft with its reason, and never loses a link."""

import random

import pytest

from newstrail import Article, Link, Span, clean
from newstrail.clean import RULES, classify
from newstrail.ingest.text import article_from_text


@pytest.mark.parametrize(
    "block, kind",
    [
        ("Share this story on Telegram", "share"),
        ("Comment on Harbor Lantern stories on our Facebook page", "share"),
        ("Become a Supporter of The Bay Herald", "membership"),
        ("Sign up for our free morning newsletter", "membership"),
        ("Copyright © 2025 The Bay Herald. All rights reserved.", "copyright"),
        ("Disclaimer: opinions here are the writer's own and the Herald takes no responsibility for them.", "disclaimer"),
        ("This site contains copyrighted material which we share under fair use for education.", "fair-use"),
        ("For press enquiries: desk@bayherald.example", "contact"),
        ("Region: Northern Coast", "tags"),
        ("Topics: Harbors, Councils", "tags"),
        ("Photo credit: Porthaven Port Authority", "media-credit"),
        ("Read more: Ferry fares rise again", "related"),
        ("Advertisement", "advert"),
        ("Fact checked by The Open Eyes Community", "badge"),
        ("The original source of this article is The Bay Herald", "origin"),
        ("By Dana Reyes and Omar Haddad", "byline"),
        ("Home | World | Harbor | Sport", "navigation"),
    ],
)
def test_boilerplate_kinds(block, kind):
    assert classify(block)[0] == kind


@pytest.mark.parametrize(
    "block",
    [
        "The council said the copyright on the harbor maps had expired in 1990, so the plans could be published.",
        "By the end of the week, the ferry crews had moved to the north basin.",
        "Share prices of the Porthaven Shipping Company fell 4 percent on Friday after the pier closed.",
        "Residents were told to subscribe to emergency text alerts, the mayor said, as the storm approached the coast and the harbor flooded.",
        '"We cannot wait for a collapse to act," said councillor Mira Osei.',
    ],
)
def test_prose_is_kept(block):
    assert classify(block) is None


def test_links_follow_their_anchor_through_cleaning():
    raw = (
        "Ferry Late\n\nShare this on Facebook\n\n"
        "The ferry ran late, [the Bay Herald](https://bayherald.example/a) reported.\n\n"
        "Become a Member today\n\nCrews blamed [fog](https://weather.example/fog) in the strait."
    )
    article = clean(article_from_text(raw, "x.md"))
    assert article.text == "The ferry ran late, the Bay Herald reported.\n\nCrews blamed fog in the strait."
    assert [article.snippet(ln.span) for ln in article.links] == ["the Bay Herald", "fog"]
    assert [r.kind for r in article.removed] == ["share", "membership"]
    # removed blocks remember where they stood in the clean text
    assert article.removed[1].position == article.text.index("Crews")


def test_link_inside_removed_block_is_dropped_from_links():
    article = Article(
        text="The pier closed on Monday after the vote.\n\nFollow us on Twitter",
        links=[Link(Span(57, 64), "https://twitter.example/lantern", "twitter.example", "Twitter")],
    )
    assert clean(article).links == []


def test_dateline_after_publisher_is_provenance_not_outlet():
    raw = (
        "Drone Memo\n\nBy Ilse Varga\n\nThe Northgate Review, May 2, 2025\n\nCoastline Monitor 1 May 2025\n\n"
        "A memo said to come from the garrison ordered crews not to fire at any drone over the bay."
    )
    article = clean(article_from_text(raw, "x.txt"))
    assert article.outlet == "The Northgate Review"
    assert article.published == "2025-05-02"
    assert article.datelines[1] == {"outlet": "Coastline Monitor", "date": "2025-05-01"}
    assert article.text.startswith("A memo said")


def test_metadata_given_by_input_wins_over_text():
    raw = "---\noutlet: Bay Herald\npublished: 2025-01-01\n---\nBy Ann Lo\n\nThe Lantern, March 3, 2025\n\nThe ferry ran forty minutes late in the fog."
    article = clean(article_from_text(raw, "x.md"))
    assert article.outlet == "Bay Herald" and article.published == "2025-01-01"
    assert article.authors == ["Ann Lo"]


def _classify_without_needles(block: str):
    stripped = block.strip()
    for rule in RULES:
        if len(stripped) <= rule.max_chars:
            match = rule.pattern.search(stripped)
            if match:
                return rule.kind, match.group()
    return None


def test_rules_passed_over_by_their_needles_would_not_have_matched() -> None:
    """A rule's needles only skip blocks its pattern cannot match: the same kinds as running
    every pattern, on blocks made of the rules' own words in any case, the letters a
    case-insensitive pattern reads as Latin ones (İ ı ſ), and prose."""
    rng = random.Random(11)
    words = ["fair use", "FAIR USE", "copyright", "COPYRİGHT", "copyrıght", "© 2026", "(C)", "all rights reserved", "AlL RiGhTs",
             "registered in Velmora, company number 4", "REGISTERED IN", "affiliate links", "aﬀiliate", "sponſored by", "Sponsored By",
             "become a member", "subscribe to our newsletter", "in your inbox", "sign up", "never miss a story", "Support our work",
             "donate now", "join us today", "Jöin us today", "the harbour board", "fares", "rose", ".", ",", "\n", "İ", "ı", "ſ"]
    blocks = [" ".join(rng.choice(words) for _ in range(rng.randrange(1, 9))) for _ in range(3000)]
    matched = 0
    for block in blocks:
        got, expected = classify(block), _classify_without_needles(block)
        if expected is None:
            assert got is None or got[1] is None, block  # prose, or navigation (no rule)
        else:
            matched += 1
            assert got is not None and got[1] is not None and (got[0], got[1].group()) == expected, block
    assert matched > 300  # the blocks do match rules, through odd letters too
