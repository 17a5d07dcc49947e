"""Credit cues in other languages, and outlet names across scripts (fictional outlets, our own sentences)."""

from __future__ import annotations

import pytest

from newstrail.analyze.attributions import attributions_in
from newstrail.analyze.language import detect_language
from newstrail.corpus.translation import MIN_LANGUAGE_SCORE
from newstrail.outlets.keys import latin, skeleton
from newstrail.outlets.resolver import OutletResolver

CASES = {
    "es": ("Según informó la agencia Brisamar Noticias, el muelle norte cerró el lunes.", "according to", "Brisamar Noticias"),
    "es-citado": ("La cifra de heridos fue citada por Radio Pampa Sur.", "citing", "Radio Pampa Sur"),
    "pt": ("Segundo o jornal Correio do Vale, a ponte velha ficará fechada até março.", "according to", "Correio do Vale"),
    "pt-informou": ("A Folha Ribeirinha informou que a ponte velha ficará fechada.", "reported", "Folha Ribeirinha"),
    "it": ("Secondo l'agenzia Notizie Lagunari, il traghetto è rimasto in porto.", "according to", "Notizie Lagunari"),
    "fr": ("Selon le quotidien Le Phare de Brume, la digue a cédé dans la nuit.", "according to", "Le Phare de Brume"),
    "de": ("Laut der Zeitung Nordblatt ist die Brücke seit Montag gesperrt.", "according to", "Nordblatt"),
    "de-zufolge": ("Dem Kurier Talheim zufolge wurden zwei Fähren beschädigt.", "according to", "Kurier Talheim"),
    "de-wie": ("Wie der Talheimer Bote berichtete, bleibt die Brücke gesperrt.", "reported", "Talheimer Bote"),
    "ru": ("По данным агентства «Бриз», паром остался в порту.", "according to", "Бриз"),
    "ru-soobshchaet": ("Об этом сообщает Вестник Залива.", "reported", "Вестник Залива"),
    "ru-ssylka": ("Газета Волна со ссылкой на агентство Северный Луч пишет о закрытии моста.", "citing", "Северный Луч"),
    "ar": ("وفقا لوكالة النجم الساحلي فإن الميناء أغلق.", "according to", "النجم الساحلي"),
    "ar-naqlan": ("نقلا عن قناة النهر، قال المسؤول إن الجسر مغلق.", "citing", "النهر"),
    "ar-dhakarat": ("ذكرت صحيفة الفجر أن الجسر مغلق.", "reported", "الفجر"),
    "tr": ("Liman Haber'in haberine göre köprü pazartesi kapatıldı.", "according to", "Liman Haber"),
    "tr-bildirdi": ("Körfez Postası, köprünün kapatıldığını bildirdi.", "reported", "Körfez Postası"),
    "id": ("Menurut kantor berita Kabar Pesisir, jembatan itu ditutup sejak Senin.", "according to", "Kabar Pesisir"),
    "id-dilansir": ("Seperti dilansir dari Warta Teluk, tiga kapal rusak.", "citing", "Warta Teluk"),
    "uz": ("Соҳил Хабарлари хабар беришича, кўприк ёпилди.", "according to", "Соҳил Хабарлари"),
    "uz-malumot": ("Соҳил Хабарларининг маълумотига кўра, кўприк ёпилди.", "according to", "Соҳил Хабарлари"),
    # the subject before an aside between commas, then the verb
    "it-aside": ("L'aggregatore in lingua inglese Brezzanet, citando il portale tedesco, ha poi scritto di un'onda alta tre metri.",
                 "reported", "Brezzanet"),
    "fr-aside": ("L'agrégateur anglophone Brezzanet, citant le portail allemand, a ensuite évoqué une vague de trois mètres.",
                 "reported", "Brezzanet"),
    "source-es": ("Fuente: Brisamar Noticias", "source", "Brisamar Noticias"),
    "source-de": ("Quelle: Nordblatt", "source", "Nordblatt"),
    "source-ru": ("Источник: Вестник Залива", "source", "Вестник Залива"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_credit_cue_in_each_language(case: str) -> None:
    text, cue, source = CASES[case]
    found = [(a.cue, a.source, a.kind) for a in attributions_in(text)]
    assert (cue, source, "outlet") in found, found


def test_known_outlet_in_another_script_is_that_outlet() -> None:
    resolver = OutletResolver([("Sputnik", "sputnik.example"), ("Kestrel Herald", "kestrelherald.example")])
    assert latin("Спутник") == "sputnik"
    assert skeleton(latin("سبوتنيك")) == skeleton("sputnik")
    for name in ("Спутник", "سبوتنيك", "Sputnik", "Спутника"):
        assert resolver.find(name) == "Sputnik", name
        assert resolver.corpus_outlets(name) == ["Sputnik"], name
    assert resolver.find("Мир") is None
    found = attributions_in("ذكرت وكالة سبوتنيك أن الجسر مغلق.", known_outlets=resolver)
    assert [(a.source, a.kind, a.outlet) for a in found] == [("سبوتنيك", "outlet", "sputnik")]
    found = attributions_in("Об этом сообщает Спутник.", known_outlets=resolver)
    assert [(a.source, a.outlet) for a in found] == [("Спутник", "sputnik")]


def test_english_sentences_keep_their_cues() -> None:
    assert [(a.cue, a.source) for a in attributions_in("Second, the pier closed, the Kestrel Herald reported.")] == [("reported", "the Kestrel Herald")]
    assert attributions_in("Conforming to the rules, the laut-speaker was loud.") == []


@pytest.mark.parametrize("text, cue, source", [
    ("In the interview, published on Monday by the daily Corriere di Brezza, the engineer said the dam was sound.",
     "appeared on", "Corriere di Brezza"),
    ("The German portal Nordblatt Aktuell ran a translation of the interview without naming the source.",
     "published", "Nordblatt Aktuell"),
])
def test_english_credits_with_a_time_or_ran(text: str, cue: str, source: str) -> None:
    found = [(a.cue, a.source, a.kind) for a in attributions_in(text)]
    assert (cue, source, "outlet") in found, found


def test_a_person_who_ran_is_no_credit() -> None:
    assert attributions_in("Councillor Ada Merrow ran for mayor in 2019 and lost by forty votes.") == []


@pytest.mark.parametrize("lang, text", [
    ("id", "Jembatan tua di pelabuhan Kalimaya ditutup sejak Senin setelah petugas menemukan retakan pada dua tiangnya. "
           "Kendaraan berat harus memutar lewat jalan lingkar, yang menambah waktu perjalanan sekitar dua puluh menit, "
           "kata kepala dinas perhubungan kota kepada wartawan."),
    ("pt", "A ponte velha do porto de Vila Serena está fechada desde segunda-feira, depois de os técnicos encontrarem "
           "fissuras em dois pilares. Os camiões têm de seguir pela estrada de contorno, o que acrescenta cerca de vinte "
           "minutos à viagem, disse o responsável municipal pelos transportes."),
])
def test_language_of_texts_the_small_model_is_unsure_of(lang: str, text: str) -> None:
    found, score = detect_language(text)
    assert found == lang
    assert score >= 0.7


def test_two_readings_of_made_up_words_are_not_trusted() -> None:
    # made-up words (the synthetic bench's) the small model calls Italian at 0.77 and langid.py
    # English at 0.61: a language translation linking must not trust (it starts at 0.7)
    text = ("In Eastmere, dovtordovka dovtorren rendun quindovren salolo dovmorbre velmorquin katoreblo the "
            "dunpellutor grisolbre a 394 residents at tanquin by lusolsol of breveltorhar at solquin. In Saltbridge, "
            "with of solbresa grilo lusolsol for the dunpelash breloharlo will from in 81 residents and lusolsol bremi. "
            "In Gull Rock, was renrendunren 425 residents at lupelmorka lusolsol rendun pelkalobre grisolbre brekalolu "
            "quinvelka milo kabreashdun has milolovel.")
    found, score = detect_language(text)
    assert found == "it" and score < MIN_LANGUAGE_SCORE
