"""Propaganda techniques as character spans (the SemEval-2020 task 11 scheme).

Fourteen techniques, named as in the Propaganda Techniques Corpus: ``Loaded_Language``,
``Name_Calling,Labeling``, ``Repetition``, ``Exaggeration,Minimisation``, ``Doubt``,
``Appeal_to_fear-prejudice``, ``Flag-Waving``, ``Causal_Oversimplification``,
``Slogans``, ``Appeal_to_Authority``, ``Black-and-White_Fallacy``,
``Thought-terminating_Cliches``, ``Whataboutism,Straw_Men,Red_Herring``,
``Bandwagon,Reductio_ad_hitlerum``.

:func:`techniques_in` finds them in a raw text (offsets into the text exactly as
given); :class:`RhetoricStage` fills ``Article.rhetoric`` from the article's cleaned
text, sentences and quotes. The parts: :mod:`.lexicons` (the word lists),
:mod:`.features` (tokens and features), :mod:`.model` (the shipped CRF tagger and
technique classifier, run in numpy), :mod:`.emissions` and :mod:`.classify` (the tagger's
and the classifier's scores from per-word-type sums, the same as the features' strings
give), :mod:`.detector` (learned spans plus the rules for
scare quotes, rhetorical questions and loaded words), :mod:`.scoring` (the task's
measures and corpus reader).

>>> [(t.technique, t.explanation) for t in techniques_in("They call it a “liberation”.") if t.span.start == 16]
[('Name_Calling,Labeling', "scare quotes around 'liberation'")]
"""

from __future__ import annotations

from dataclasses import dataclass

from newstrail.core.article import Article
from newstrail.analyze.rhetoric.detector import techniques_in, techniques_many
from newstrail.analyze.rhetoric.model import load_model

__all__ = ["TECHNIQUES", "RhetoricStage", "load_model", "techniques_in", "techniques_many"]

#: the fourteen technique names of the scheme
TECHNIQUES: tuple[str, ...] = (
    "Appeal_to_Authority",
    "Appeal_to_fear-prejudice",
    "Bandwagon,Reductio_ad_hitlerum",
    "Black-and-White_Fallacy",
    "Causal_Oversimplification",
    "Doubt",
    "Exaggeration,Minimisation",
    "Flag-Waving",
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Slogans",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
)


@dataclass
class RhetoricStage:
    """Per-article stage: ``Article.rhetoric``, the techniques in the cleaned text.

    Requires ``text``, ``sentences`` and ``quotes`` (the scare quotes are found with
    the quote stage's rules); assigns ``rhetoric``.

    >>> from newstrail.core.article import Article
    >>> from newstrail.analyze.sentences import SentenceStage
    >>> a = RhetoricStage()(SentenceStage()(Article(id="x", text="A brutal, shameful massacre.")))
    >>> a.rhetoric[0].technique
    'Loaded_Language'
    """

    name: str = "rhetoric"
    requires: tuple[str, ...] = ("text", "sentences", "quotes")
    assigns: tuple[str, ...] = ("rhetoric",)
    #: what finds the spans: "fast" (the CRF) or "finetuned" (the MiniLM tagger); the ``rhetoric.spans`` setting
    spans: str = "fast"

    def __call__(self, article: Article) -> Article:
        article.rhetoric = techniques_in(article.text, article.sentences or None, spans=self.spans)
        article.stages.append(self.name)
        return article

    def process_many(self, articles: list[Article]) -> list[Article]:
        """The stage over a batch of articles: what calling it on each gives, the tagger's numpy
        work done once for the batch (:func:`techniques_many`). Nothing is assigned until all
        are found, so an article that makes it raise leaves the batch as it was (the engine
        then runs the articles one by one to tell which failed).

        >>> from newstrail.core.article import Article
        >>> from newstrail.analyze.sentences import SentenceStage
        >>> done = RhetoricStage().process_many([SentenceStage()(Article(id=i, text=t)) for i, t in (("a", "A vile plot."), ("b", "Calm."))])
        >>> [[t.technique for t in a.rhetoric] for a in done]
        [['Loaded_Language'], []]
        """
        if self.spans != "fast":  # the fine-tuned tagger reads one article at a time
            found = [techniques_in(a.text, a.sentences or None, spans=self.spans) for a in articles]
        else:
            found = techniques_many([(a.text, a.sentences or None, None) for a in articles])
        for article, techniques in zip(articles, found):
            article.rhetoric = techniques
            article.stages.append(self.name)
        return articles
