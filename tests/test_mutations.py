"""Mutations compare statements about the same thing: one test per type, and one per
thing that is not a mutation (rounding, conversions, rates, paraphrase, a time beside a
count, a new colour quote, a fact-check). Fictional outlets, places and people."""

from __future__ import annotations

import pytest

from newstrail.analyze.numbers import compare, find_numbers
from newstrail.analyze.quotes import find_quotations
from newstrail.core.article import Article, Quote, Span
from newstrail.corpus.mutations import compare_articles, quote_mutations

LEAD = "Firefighters from Tarrowby worked through the night at the Kelmsford grain store on the edge of Brannick."
TAIL = "The Brannick council said the road past the grain store would stay closed until Friday."


def article(ident: str, body: str, title: str = "Grain store fire in Brannick") -> Article:
    text = f"{LEAD} {body} {TAIL}"
    quotes = [Quote(Span(q.span.start, q.span.end)) for q in find_quotations(text)]
    return Article(id=ident, text=text, title=title, quotes=quotes)


def types(source: Article, target: Article) -> list[tuple[str, str, str]]:
    return sorted((m.type, m.from_text, m.to_text) for m in compare_articles(source, target))


# ------------------------------------------------------------------ numbers


def test_a_changed_head_count_is_a_number_mutation():
    a = article("a", "Dozens of neighbours gathered outside the store on Tuesday evening.")
    b = article("b", "Hundreds of neighbours gathered outside the store on Tuesday evening.")
    assert types(a, b) == [("number", "Dozens", "Hundreds")]
    assert "neighbours" in compare_articles(a, b)[0].to_dict()["context"]


def test_an_inflated_figure_in_a_retold_sentence_is_found_by_place_and_head_count():
    a = article("a", "The co-operative says it employs about 240 of the roughly 300 people who work at Kelmsford Mill.")
    b = article("b", "Every grower in the valley, some 2,400 workers at Kelmsford Mill, is said to be furious.")
    assert ("number", "about 240", "some 2,400") in types(a, b)


@pytest.mark.parametrize("before, after", [
    ("Smoke reached 12,600 homes in the district.", "Smoke reached about 12,000 homes in the district."),  # flagged rounding
    ("Smoke reached 1,150 homes in the district.", "Smoke reached more than 1,100 homes in the district."),
    ("The barge was doing 12 knots when it hit the jetty.", "The barge was doing 22 km/h when it hit the jetty."),
    ("The plume drifted six nautical miles out to sea.", "The plume drifted 11 km out to sea."),
    ("Owners may claim 350 crowns a week in support.", "Owners may claim a little over 50 crowns a day in support."),
    ("Smoke reached 212 homes in the district.", "Smoke reached more than two hundred homes in the district."),
])
def test_rounding_conversions_and_rates_are_not_mutations(before, after):
    assert types(article("a", before), article("b", after)) == []


def test_a_time_of_day_is_not_compared_with_a_count():
    a = article("a", "The alarm sounded at 04:30, and 40 firefighters reached the store within the hour.")
    b = article("b", "The alarm sounded at 4.30am, and 40 firefighters reached the store within the hour.")
    assert types(a, b) == []
    clock, count = find_numbers("at 04:30 with 40 firefighters")
    assert (clock.dimension, count.dimension) == ("clock", "count")
    assert compare(clock, count) == "incomparable"


def test_counts_of_different_things_are_not_compared():
    a = article("a", "Fourteen people were treated for smoke at the Brannick clinic on Tuesday.")
    b = article("b", "Three children were treated for smoke at the Brannick clinic on Tuesday.")
    assert types(a, b) == []


def test_a_figure_stated_in_both_is_not_changed_by_another_beside_it():
    a = article("a", "The store's owners offered a rise of 3.5 percent to the night staff.")
    b = article("b", "The night staff want 6 percent against the 3.5 percent the store's owners offered.")
    assert [t for t in types(a, b) if t[0] == "number"] == []


# ------------------------------------------------------------------ hedges, actors, framing


def test_a_dropped_hedge_is_a_hedge_mutation_but_a_swapped_one_is_not():
    a = article("a", "The owners may close the store for good at the end of the month.")
    assert [t[0] for t in types(a, article("b", "The owners will close the store for good at the end of the month."))] == ["hedge"]
    assert types(a, article("c", "The owners might close the store for good at the end of the month.")) == []


def test_a_swapped_actor_is_an_actor_mutation():
    a = article("a", "The blaze was started by a faulty dryer in the east wing, the Tarrowby Fire Service said.")
    b = article("b", "The blaze was started by local activists in the east wing, the Tarrowby Fire Service said.")
    assert [t[0] for t in types(a, b)] == ["actor"]
    c = article("c", "Crews were called after the coastguard said smoke was drifting over the estuary.")
    d = article("d", "Crews were called after the navy said smoke was drifting over the estuary.")
    assert [t[0] for t in types(c, d)] == ["actor"]


def test_a_swapped_place_or_day_is_not_an_actor():
    a = article("a", "A second crew from Elmsby Fire Station arrived on Tuesday to relieve the first.")
    b = article("b", "A second crew from Elmsby Fire Station arrived on Wednesday to relieve the first.")
    assert types(a, b) == []
    c = article("c", "Ash from the fire was found in Harwick gardens after the wind turned.")
    d = article("d", "Ash from the fire was found in Oldmere gardens after the wind turned.")
    assert types(c, d) == []


def test_a_hardened_headline_is_framing_a_reworded_one_is_not():
    a = article("a", "Crews kept the fire from spreading to the mill next door.", title="Questions remain over Brannick grain store fire")
    b = article("b", "Crews kept the fire from spreading to the mill next door.", title="Brannick grain store cover-up exposed")
    assert [t[0] for t in types(a, b)] == ["framing"]
    c = article("c", "Crews kept the fire from spreading to the mill next door.", title="Fire guts Brannick grain store")
    d = article("d", "Crews kept the fire from spreading to the mill next door.", title="Brannick grain store gutted by fire")
    assert types(c, d) == []


def test_a_statement_retold_with_a_loaded_verb_is_framing():
    a = article("a", "A delivery lorry and a farm tractor collided in thick fog on the Brannick road before dawn, police said.")
    b = article("b", "In dense fog before dawn a delivery lorry rammed a farm tractor on the road into Brannick, police said.")
    found = types(a, b)
    assert [t[0] for t in found] == ["framing"]


def test_a_fact_check_gets_no_mutations():
    a = article("a", "The owners may close the store for good at the end of the month.")
    b = article("b", "Claim: the owners will close the store for good. The owners said no such plan exists.",
                title="Fact check: the Kelmsford store is not closing")
    assert compare_articles(a, b) == []


# ------------------------------------------------------------------ quotes


def test_an_altered_quote_that_keeps_its_opening_is_a_quote_mutation():
    a = article("a", 'The manager said staff should "prepare for a long clean-up" over the weekend.')
    b = article("b", 'The manager said staff should "prepare for the store to be sold" over the weekend.')
    found = quote_mutations(b, a, [a], borrowed=0.9)
    assert [(m.type, m.detail) for m in found] == [("quote", "altered")]


def test_a_new_colour_quote_is_not_a_mutation_but_a_new_accusation_is():
    a = article("a", "The manager said the night shift had been sent home early.")
    colour = article("b", 'The manager said the night shift had been sent home early. "We had just finished the '
                          'last delivery of the day," one driver said.')
    assert quote_mutations(colour, a, [a], borrowed=0.9) == []
    accusing = article("c", 'The manager said the night shift had been sent home early. "The owners knew the dryer '
                            'was faulty and said nothing to anyone," one driver said.')
    assert [m.detail.split(":")[0] for m in quote_mutations(accusing, a, [a], borrowed=0.9)] == ["invented"]
