"""Hedges in the languages newstrail follows claims through: the words that keep a claim
soft ("may have", "предположительно", "non possiamo escludere").

A translation that drops every hedge of its source sentence states as fact what the
source only suspected: :func:`newstrail.corpus.mutations.translated_hedges` compares the
aligned sentences of a translation edge with these lists, each sentence in its own
language. The lists hold whole words and phrases (inflected forms spelled out, as
Russian, Turkish and Arabic inflect); a list that misses a hedge makes a false "dropped",
so they err on the side of more words, but never hold verbs of ability ("può", "kann",
"может": "nobody can predict it" is no hedge), only their conditionals ("potrebbe").

>>> hedges_in("Die Marine könnte das Schiff bereits freigegeben haben.", "de")
['könnte']
>>> hedges_in("Das Schiff hatte Überwachungsgeräte an Bord.", "de")
[]
"""

from __future__ import annotations

import functools
import re

from newstrail.core.langcode import base_language

HEDGES_BY_LANGUAGE: dict[str, tuple[str, ...]] = {
    "en": (
        "appears to", "appear to", "appeared to", "seems to", "seem to", "suggests", "suggest", "suggested", "may", "might",
        "could have", "would have", "reportedly", "presumed", "presumably", "supposedly", "alleged", "preliminary information", "allegedly", "possibly", "apparently", "unconfirmed", "not independently verified",
        "preliminary", "likely", "unlikely", "unclear", "probably", "perhaps", "cannot rule out", "can't rule out",
        "not a forecast", "no one can predict", "nobody can predict", "believed to", "thought to", "said to",
    ),
    "es": (
        "podría", "podrían", "sería", "serían", "habría", "habrían", "quizá", "quizás", "tal vez", "probablemente", "posiblemente",
        "al parecer", "aparentemente", "presuntamente", "supuestamente", "presunto", "presunta", "no se descarta",
        "no podemos descartar", "no descarta", "parece", "parecen", "según fuentes", "sin confirmar", "no es una previsión",
        "preliminar", "preliminares",
    ),
    "pt": (
        "poderia", "poderiam", "seria", "seriam", "teria", "teriam", "talvez", "provavelmente", "possivelmente", "aparentemente",
        "supostamente", "alegadamente", "suposto", "suposta", "não se descarta", "não podemos descartar", "parece",
        "parecem", "sem confirmação", "não é uma previsão", "preliminar", "preliminares",
    ),
    "it": (
        "potrebbe", "potrebbero", "sarebbe", "sarebbero", "avrebbe", "avrebbero", "forse", "probabilmente", "possibilmente", "sembra", "sembrano",
        "pare", "presunto", "presunta", "presumibilmente", "non possiamo escludere", "non si esclude", "non esclude",
        "non è una previsione", "nessuno sa prevedere", "ipotesi", "secondo indiscrezioni", "preliminare", "preliminari",
    ),
    "fr": (
        "pourrait", "pourraient", "serait", "seraient", "peut-être", "probablement", "possiblement", "semble", "semblent",
        "apparemment", "présumé", "présumée", "supposé", "supposée", "aurait", "auraient", "ne pas exclure",
        "ne peut exclure", "pas exclure", "ce n'est pas une prévision", "personne ne sait prévoir", "non confirmé",
        "préliminaire", "préliminaires",
    ),
    "de": (
        "könnte", "könnten", "dürfte", "dürften", "möglicherweise", "vielleicht", "wahrscheinlich", "vermutlich",
        "offenbar", "angeblich", "mutmaßlich", "soll", "sollen", "scheint", "scheinen", "nicht ausschließen",
        "nicht auszuschließen", "keine prognose", "keine vorhersage", "unbestätigt", "vorläufig", "vorläufigen",
    ),
    "ru": (
        "возможно", "вероятно", "может быть", "могли бы", "мог бы", "могла бы", "по-видимому", "якобы", "предположительно",
        "не исключено", "не исключаем", "нельзя исключать", "по неподтвержденным", "по неподтверждённым", "видимо",
        "кажется", "предполагается", "не прогноз", "предварительным", "предварительной", "предварительно", "предварительные",
    ),
    "tr": (
        "olabilir", "olabileceği", "olabileceğini", "muhtemelen", "belki", "iddia", "iddiaya", "iddiasına", "iddia edilen",
        "görünüyor", "gibi görünüyor", "ihtimal", "ihtimali", "olası", "tahmin", "sanılıyor", "düşünülüyor",
        "doğrulanmamış", "göz ardı edilemez", "ilk bilgilere", "ön bilgilere",
    ),
    "id": (
        "mungkin", "kemungkinan", "diduga", "dugaan", "tampaknya", "sepertinya", "bisa jadi", "disebut-sebut",
        "konon", "belum dikonfirmasi", "belum terkonfirmasi", "tidak dapat dikesampingkan", "diperkirakan", "informasi awal",
    ),
    "ar": (
        "ربما", "يحتمل", "يُحتمل", "من المحتمل", "محتمل", "محتملة", "يبدو", "على ما يبدو", "يعتقد", "يُعتقد",
        "مزعوم", "المزعوم", "المزعومة", "غير مؤكد", "غير مؤكدة", "لم يتم التحقق", "قد يكون", "قد تكون", "أولية", "الأولية",
    ),
    "uz": (
        "эҳтимол", "балки", "тахминан", "тахмин", "кўринади", "шекилли", "мумкин",
    ),
}


@functools.lru_cache(maxsize=32)
def _pattern(language: str) -> re.Pattern[str] | None:
    phrases = HEDGES_BY_LANGUAGE.get(language)
    if not phrases:
        return None
    alternatives = "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])")


def hedges_in(text: str, language: str | None) -> list[str]:
    """The hedges of ``language``'s list that ``text`` holds as whole words, in text order;
    ``[]`` for a language without a list (nothing can be said of it).

    >>> hedges_in("Los aviones podrían haber despegado al otro lado de la frontera.", "es-MX")
    ['podrían']
    """
    pattern = _pattern(base_language(language))
    return [] if pattern is None else pattern.findall(text.lower())


def knows(language: str | None) -> bool:
    """Whether there is a hedge list for ``language``.

    >>> knows("pt-BR"), knows("fi")
    (True, False)
    """
    return base_language(language) in HEDGES_BY_LANGUAGE
