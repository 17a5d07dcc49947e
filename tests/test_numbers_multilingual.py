"""Figures in each language's forms, and figures compared along a translation edge.
Every sentence here is fictional and written for these tests."""

from __future__ import annotations

import pytest

from newstrail.analyze.numbers import compare, find_numbers, find_numbers_in
from newstrail.core.article import Article
from newstrail.corpus.mutations import compare_articles, translated_numbers


def _read(text: str, language: str) -> list[tuple[float, str, str]]:
    return [(round(n.value, 3), n.unit, n.dimension) for n in find_numbers_in(text, language)]


@pytest.mark.parametrize(
    "text, language, expected",
    [
        # Arabic-Indic digits
        ("قال المسؤول إن المخزن يقع على بعد ١٨ كم من القرية", "ar", [(18.0, "km", "length")]),
        # Eastern Arabic (Persian) digits
        ("وصل ۳۲ شخصا إلى الميناء", "ar", [(32.0, "", "count")]),
        # Western digits with an Arabic unit word
        ("على بعد 7.5 كيلومترات من الشاطئ", "ar", [(7.5, "km", "length")]),
        ("La granja está a unos 12 kilómetros del río Sorlán", "es", [(12.0, "km", "length")]),
        ("O barco parou a 40 quilómetros da costa", "pt", [(40.0, "km", "length")]),
        ("Il villaggio dista 9 chilometri dal lago", "it", [(9.0, "km", "length")]),
        ("Le phare se trouve à 6 kilomètres du port", "fr", [(6.0, "km", "length")]),
        ("Die Brücke liegt 3,5 Kilometer vor der Stadt", "de", [(3.5, "km", "length")]),
        ("Паром остановился в 15 км от берега", "ru", [(15.0, "km", "length")]),
        ("Köprü kasabaya 22 kilometre uzaklıkta", "tr", [(22.0, "km", "length")]),
        ("Desa itu berjarak 5 kilometer dari pantai", "id", [(5.0, "km", "length")]),
        ("Кўприк шаҳардан 11 км узоқликда жойлашган", "uz", [(11.0, "km", "length")]),
        ("El camión recorrió 20 millas", "es", [(32.187, "km", "length")]),
    ],
)
def test_units_in_each_language(text, language, expected):
    assert _read(text, language) == expected


def test_decimal_comma_and_dot_or_space_thousands():
    assert [n.value for n in find_numbers_in("Llegaron 1.150 personas", "es")] == [1150.0]
    assert [n.value for n in find_numbers_in("Пришли 1 150 человек", "ru")] == [1150.0]
    assert [(n.value, n.unit) for n in find_numbers_in("Die Preise stiegen um 3,5 Prozent", "de")] == [(3.5, "%")]
    assert [(n.value, n.unit) for n in find_numbers_in("Fiyatlar yüzde 12 arttı", "tr")] == [(12.0, "%")]
    assert [(n.value, n.unit) for n in find_numbers_in("La obra costó 150.000 euros", "es")] == [(150000.0, "EUR")]
    assert [n.value for n in find_numbers_in("Sebanyak 2 juta orang menonton", "id")] == [2e6]
    # English reads as before: "1.150" is a decimal there, commas group thousands
    assert [n.value for n in find_numbers_in("about 1,150 people", "en")] == [n.value for n in find_numbers("about 1,150 people")]


def test_number_words_and_people_counts():
    found = find_numbers_in("Acudieron dos mil personas a la plaza", "es")
    assert [(n.value, n.what) for n in found] == [(2000.0, "people")]
    assert [n.value for n in find_numbers_in("Mil vecinos firmaron", "es")] == [1000.0]
    assert [(n.value, n.what) for n in find_numbers_in("Zwölf Menschen wurden gerettet", "de")] == [(12.0, "people")]
    assert find_numbers_in("Los dos alcaldes hablaron", "es") == []  # a small word alone is no figure


def test_conversions_compare_across_languages():
    km = find_numbers_in("a 32 kilómetros", "es")[0]
    assert compare(km, find_numbers("19.9 miles")[0]) == "equal"
    assert compare(km, find_numbers("19 miles")[0]) == "close"


EN = ("Fire crews in Lomarra said 1,150 residents left their homes on Sunday. "
      "The blaze started 32 km north of the town, in dry pine forest. "
      "Officials expect the road to reopen on Wednesday.")
ES = ("Los bomberos de Lomarra dijeron que 11.500 residentes abandonaron sus casas el domingo. "
      "El incendio comenzó a 19,9 millas al norte de la ciudad, en un pinar seco. "
      "Las autoridades esperan reabrir la carretera el miércoles.")


def test_translation_edge_reports_changed_figure_not_converted_one():
    en = Article(EN, id="en1", language="en")
    es = Article(ES, id="es1", language="es")
    sentences = [(a + ".", b + ".") for a, b in zip(EN.split(". "), ES.split(". "))]
    found = compare_articles(en, es, pairs=sentences)
    assert [(m.type, m.from_text, m.to_text) for m in found] == [("number", "1,150", "11.500")]
    out = found[0].to_dict()
    assert out["languages"] == {"from": "en", "to": "es"}
    assert "Lomarra said 1,150" in out["from_context"] and "11.500 residentes" in out["context"]
    # the same edge with a close figure: 32 km -> 19 miles
    close = translated_numbers(en, es, [("The blaze started 32 km north.", "El incendio comenzó a 19 millas al norte.")])
    assert [(m.from_text, m.to_text, "close" in m.detail) for m in close] == [("32 km", "19 millas", True)]


def test_a_sentence_left_out_of_the_alignment_is_compared_by_its_place():
    en = Article(EN, id="en1", language="en")
    es = Article(ES.replace("19,9 millas", "8 millas"), id="es1", language="es")
    s_en, s_es = EN.split(". "), es.text.split(". ")
    pairs = [(s_en[0] + ".", s_es[0] + "."), (s_en[2], s_es[2])]
    found = compare_articles(en, es, pairs=pairs)
    assert ("32 km", "8 millas") in [(m.from_text, m.to_text) for m in found]


def test_a_magnitude_changed_in_translation_is_a_mutation_and_a_kept_one_is_not():
    en = Article(id="en", language="en", text="x")
    ru = Article(id="ru", language="ru", text="x")
    pair = ("Geologists warn that a magnitude-6 tremor could hit Ostrava Vale.", "Геологи предупреждают, что в долине Острава произойдёт землетрясение магнитудой 7.")
    found = translated_numbers(en, ru, [pair])
    assert [(m.from_text, m.to_text, m.languages) for m in found] == [("6", "7", ("en", "ru"))]
    kept = ("Geologists warn that a magnitude-6 tremor could hit Ostrava Vale.", "Геологи предупреждают о землетрясении магнитудой 6 в долине Острава.")
    assert translated_numbers(en, ru, [kept]) == []
    # a magnitude is not a count of anything else in the sentence
    other = ("A magnitude-6 tremor shook the vale.", "В долине пострадали 7 домов.")
    assert translated_numbers(en, ru, [other]) == []


@pytest.mark.parametrize("source, target, pair, kind", [
    ("en", "tr", ("Harbour officials said the tanker may have lost power before it ran aground.",
                  "Liman yetkilileri, tankerin karaya oturmadan önce güç kaybettiğini açıkladı."), "hedge"),
    ("ru", "de", ("На борту были обнаружены, предположительно, приборы для подводной съёмки.",
                  "An Bord wurden Geräte für Unterwasseraufnahmen gefunden."), "hedge"),
    ("it", "de", ("«Non possiamo escludere una frana nei prossimi anni», ha detto la geologa.",
                  "„Ein Erdrutsch wird in den kommenden Jahren kommen“, sagte die Geologin."), "quote"),
])
def test_a_hedge_dropped_in_translation(source, target, pair, kind):
    a, b = Article(id="a", language=source, text=pair[0]), Article(id="b", language=target, text=pair[1])
    found = compare_articles(a, b, pairs=[pair])
    assert [(m.type, m.languages) for m in found] == [(kind, (source, target))]
    assert found[0].from_text == pair[0] and found[0].to_text == pair[1]


@pytest.mark.parametrize("source, target, pair", [
    # the hedge kept in the other language's words
    ("ru", "en", ("На борту были обнаружены, предположительно, приборы для подводной съёмки.",
                  "What is presumed to be underwater filming equipment was found on board.")),
    ("ru", "es", ("На борту были обнаружены, предположительно, приборы для подводной съёмки.",
                  "A bordo se halló lo que sería equipo de filmación submarina.")),
    # "can" is no hedge: "nobody can predict it" stays what it was
    ("it", "en", ("Nessuno può prevedere un terremoto.", "Nobody is able to predict an earthquake.")),
    # a language without a list says nothing
    ("en", "fi", ("The tanker may have lost power.", "Tankkeri menetti virran.")),
])
def test_a_hedge_kept_or_unknowable_is_no_mutation(source, target, pair):
    a, b = Article(id="a", language=source, text=pair[0]), Article(id="b", language=target, text=pair[1])
    assert compare_articles(a, b, pairs=[pair]) == []
