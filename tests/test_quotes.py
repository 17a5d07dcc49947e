"""Quotes: passages in quotation marks, their speakers, scare quotes kept apart.

All text is written by the team about fictional people, places and outlets.
"""

from __future__ import annotations

import pytest

from newstrail import Article, Pipeline
from newstrail.analyze.attributions import AttributionStage
from newstrail.analyze.quotes import QuoteStage, find_quotations, scare_quotes
from newstrail.analyze.sentences import SentenceStage


def run(text: str) -> Article:
    return Pipeline([SentenceStage(), AttributionStage(), QuoteStage()])(Article(text=text))


def name(speaker: str | None) -> str | None:
    """A speaker without a leading "The" that is only grammar ("The Orvel Port Authority")."""
    return speaker[4:] if speaker and speaker.startswith(("The ", "the ")) and speaker[4:5].isupper() else speaker


def quoted(article: Article) -> list[tuple[str, str | None, str | None]]:
    return [(article.snippet(q.span), name(q.speaker), q.cue) for q in article.quotes]


@pytest.mark.parametrize(
    ("text", "words", "speaker", "cue"),
    [
        ('"We will rebuild the pier before summer," said Mayor Oda Lind.', "We will rebuild the pier before summer", "Oda Lind", "said"),
        ("“The numbers simply do not add up,” Lind said.", "The numbers simply do not add up", "Lind", "said"),
        ('Harbour Master Osk Relling said: "Nobody goes on that pier until it is safe."', "Nobody goes on that pier until it is safe.", "Osk Relling", "said"),
        ('Councillor Edda Rask told the Gull Post: "The vote was rushed through in an hour."', "The vote was rushed through in an hour.", "Edda Rask", "told"),
        ('According to Dr Ilka Morrow, "the pilings will not last another winter."', "the pilings will not last another winter.", "Ilka Morrow", "according to"),
        ('The document reads: "No boat may leave the harbour after dark."', "No boat may leave the harbour after dark.", "the document", "reads"),
        ('The Orvel Port Authority wrote in a statement: "The crane failed under a normal load."', "The crane failed under a normal load.", "Orvel Port Authority", "wrote"),
        ('"The harbour is safe for small boats again," the coastguard said in a statement.', "The harbour is safe for small boats again", "the coastguard", "said"),
        ('"Nothing has been decided yet," said a spokesman for the Orvel Port Authority.', "Nothing has been decided yet", "Orvel Port Authority", "said"),
        ('"Nobody told us anything," Pia Vinter, a guesthouse owner, said after the meeting.', "Nobody told us anything", "Pia Vinter", "said"),
        ("“It is a sad day for the town,” the lead author, Dr Nina Vell, said.", "It is a sad day for the town", "Nina Vell", "said"),
    ],
)
def test_speakers(text: str, words: str, speaker: str, cue: str) -> None:
    article = run(text)
    (quote,) = article.quotes
    assert quoted(article) == [(words, speaker, cue)]
    assert quote.span.end - quote.span.start == len(words)


def test_attribution_index_points_at_the_speakers_credit() -> None:
    article = run('Police said the road was shut. "We expect it to reopen on Friday," said Inspector Tove Marr.')
    (quote,) = article.quotes
    assert quote.attribution is not None
    credit = article.attributions[quote.attribution]
    assert (credit.source, credit.cue, credit.kind) == ("Tove Marr", "said", "person")
    assert credit.span == article.sentences[1]


def test_quote_without_a_speaker() -> None:
    article = run('The sign on the gate was blunt: "Keep off the pier until further notice."')
    assert quoted(article) == [("Keep off the pier until further notice.", None, None)]
    assert article.quotes[0].attribution is None


def test_multi_sentence_quote() -> None:
    text = '"They were on the water at six. Nobody made them. That is what won it," said coach Ansa Berg.'
    article = run(text)
    assert quoted(article) == [("They were on the water at six. Nobody made them. That is what won it", "Ansa Berg", "said")]


def test_quote_continued_into_the_next_paragraph() -> None:
    text = (
        'Mayor Oda Lind said: "We looked at every option for the old pier. None of them was cheap.\n\n'
        '"In the end we chose the one that keeps the fleet working," she said.'
    )
    article = run(text)
    (quote,) = article.quotes
    inside = article.snippet(quote.span)
    assert inside.startswith("We looked at every option") and inside.endswith("keeps the fleet working")
    assert "\n\n" in inside
    assert quote.speaker == "Oda Lind"


def test_unclosed_quote_does_not_swallow_the_next_paragraph() -> None:
    text = 'The memo said "do not fire on the drones.\n\nThe council met on Monday and "agreed a modest visitor levy" for the summer.'
    assert [text[q.span.start : q.span.end] for q in find_quotations(text)] == ["agreed a modest visitor levy"]


def test_scare_quotes_are_not_quotes() -> None:
    text = "The “liberation” of the harbour was a “friendly” takeover, \"modest\" in scale, said the Gull Post."
    article = run(text)
    assert article.quotes == []
    assert [text[s.start : s.end] for s in scare_quotes(text)] == ["liberation", "friendly", "modest"]


def test_four_words_make_a_quote() -> None:
    text = 'She called it "less than a coffee" and left. He called it "cheap".'
    article = run(text)
    assert [article.snippet(q.span) for q in article.quotes] == ["less than a coffee"]
    assert [text[s.start : s.end] for s in scare_quotes(text)] == ["cheap"]


def test_single_quotes_and_apostrophes() -> None:
    text = "It's the pilots' union's call, not the council's. Skipper Ida Holm said 'we will sail at dawn whatever happens' and left. The ’90s were calmer."
    passages = [(text[q.span.start : q.span.end], q.words) for q in find_quotations(text)]
    assert passages == [("we will sail at dawn whatever happens", 7)]
    article = run(text)
    assert quoted(article) == [("we will sail at dawn whatever happens", "Ida Holm", "said")]


def test_pronoun_resolves_to_the_person_just_named() -> None:
    text = (
        "Harbour Master Osk Relling said the pier would stay shut. "
        '"Nobody goes on it until an engineer says so," she told the Gull Post.'
    )
    article = run(text)
    (quote,) = article.quotes
    assert (quote.speaker, quote.cue) == ("Osk Relling", "told")
    assert article.attributions[quote.attribution].source == "Osk Relling"


def test_pronoun_resolves_to_a_titled_name_without_a_credit() -> None:
    text = (
        "Lieutenant Rasmus Dell of the coastguard praised the crew. "
        '"They stayed with the boat and kept the radio on," he told reporters.'
    )
    (quote,) = run(text).quotes
    assert quote.speaker == "Rasmus Dell"


def test_a_quote_standing_alone_goes_on_from_the_one_before() -> None:
    text = '"You could feel the deck move underfoot," said skipper Ansel Dorn. "Nobody wanted to hang about out there."'
    article = run(text)
    assert quoted(article) == [
        ("You could feel the deck move underfoot", "Ansel Dorn", "said"),
        ("Nobody wanted to hang about out there.", "Ansel Dorn", "said"),
    ]


def test_a_quote_after_a_line_ending_in_a_colon() -> None:
    text = 'The text of the order reads:\n\n“Firing on any drone that crosses the valley is prohibited.”'
    assert quoted(run(text)) == [("Firing on any drone that crosses the valley is prohibited.", "the text of the order", "reads")]


def test_partial_quote_inside_a_reported_sentence() -> None:
    text = 'Benno Rahl, who chairs the guesthouse group, said his members were "not against a conversation" but worried.'
    assert quoted(run(text)) == [("not against a conversation", "Benno Rahl", "said")]


def test_guillemets() -> None:
    text = "«Queda prohibido disparar contra cualquier dron», dice la orden."
    (quote,) = run(text).quotes
    assert text[quote.span.start : quote.span.end] == "Queda prohibido disparar contra cualquier dron"


def test_stage_contract() -> None:
    stage = QuoteStage()
    assert (stage.name, stage.requires, stage.assigns) == ("quotes", ("text", "sentences", "attributions"), ("quotes",))
    assert run("No quotation marks here at all.").quotes == []
