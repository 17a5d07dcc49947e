"""Credit cues in other languages, and outlet names across scripts (fictional outlets, our own sentences)."""

from __future__ import annotations

import pytest

from newstrail.analyze.attributions import attributions_in
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
