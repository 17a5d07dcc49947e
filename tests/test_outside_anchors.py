"""The names and figures of a text outside its shared passages, found per run of the text
once (OutsideAnchors), are those of the text outside matched whole, as linking matched
them before; and a site's words outside its template lines are counted by running sums as
they were hole by hole. Texts are drawn from fictional words, names and tricky characters."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newstrail.corpus.boilerplate import Holes, Words
from newstrail.corpus.events import OutsideAnchors, anchors, text_outside, without_masthead

# pieces of text: names (some the outlet's own), figures, words a span may cut into, joiners
PIECES = ["Vale", "FM", "Vale FM", "the", "Quenby", "Tolland's", "O'Brien", "Ash-Marrow", "19", "1,150", "2.5", "x",
          "_", "İstanbul", "Monday", "pier", "vale.example", "vale", "@Vale", "said.", "(Carrow)", "Brackenshire"]
SEPARATORS = [" ", "  ", "\n", "\n\n", ", ", "-", "", "\t", "’", "."]
OUTLETS = [None, "", "Vale FM", "The Vale FM", "vale.example", "Carrow", "@Vale", "Vale FM ", "FM", "Vale  FM"]


@st.composite
def texts(draw) -> str:
    words = draw(st.lists(st.sampled_from(PIECES), min_size=0, max_size=30))
    return "".join(w + draw(st.sampled_from(SEPARATORS)) for w in words)


@st.composite
def spans(draw, text: str) -> list[tuple[int, int]]:
    """Spans mostly from one word edge to another (as passages run), some anywhere."""
    edges = sorted({0, len(text), *(m for m in range(1, len(text)) if text[m - 1].isspace() != text[m].isspace())})
    point = st.one_of(st.sampled_from(edges), st.integers(0, len(text)))
    cuts = draw(st.lists(st.tuples(point, point), max_size=4))
    return [(min(a, b), max(a, b)) for a, b in cuts]


@settings(max_examples=600, deadline=None)
@given(st.data())
def test_outside_anchors_are_those_of_the_text_outside_matched_whole(data):
    text, outlet = data.draw(texts()), data.draw(st.sampled_from(OUTLETS))
    cut = data.draw(spans(text))
    held = OutsideAnchors(text, outlet)
    assert held.of(cut) == anchors(without_masthead(text_outside(text, cut), outlet))
    assert held.of([]) == anchors(without_masthead(text, outlet))


def test_passages_at_word_edges_take_the_quick_way():
    text = "Vale FM said the Quenby pier shut. Divers counted 19 cracked pilings, Vale FM said, at Carrow."
    held = OutsideAnchors(text, "Vale FM")
    passage = (text.index("Divers"), text.index(", Vale FM said, at"))
    assert held._apart([(0, passage[0]), (passage[1], len(text))])
    assert held.of([passage]) == {"quenby", "carrow"}


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_words_outside_holes_counted_by_running_sums_as_one_by_one(data):
    text = data.draw(texts())
    lines, at = [], 0
    for line in text.split("\n"):
        if line.strip() and data.draw(st.booleans()):
            lines.append((at, at + len(line)))
        at += len(line) + 1
    words = Words(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    one_by_one = sum(words.count(max(start, a), min(end, b)) for a, b in lines if a < end and b > start)
    assert words.outside(start, end, Holes(words, lines)) == words.count(start, end) - one_by_one


def test_a_name_the_join_of_two_parts_spells_is_left_out_as_before():
    # the text outside a passage is "Vale" + " " + "FM said": the outlet's name, across the join
    text = "Brackenshire news from Vale quay pilots FM said on Monday."
    cut = [(text.index(" quay"), text.index("FM"))]
    held = OutsideAnchors(text, "Vale FM")
    assert not held._apart([(0, cut[0][0]), (cut[0][1], len(text))])
    assert held.of(cut) == anchors(without_masthead(text_outside(text, cut), "Vale FM")) == {"brackenshire"}
