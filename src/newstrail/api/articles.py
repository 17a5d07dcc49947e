"""The facade over articles: analyse, link, trace, stories, show, search, claims, rhetoric, export.

Each function takes where the store is (see :mod:`newstrail.api.session`) and
returns data; nothing prints. Only :func:`analyze`, :func:`link` and
:func:`export` (which writes a file, not the store) change anything.
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from newstrail.analyze import Pipeline
from newstrail.analyze.checkworthy import load_model
from newstrail.analyze.claims import ClaimStage, ScoredSentence, score_text
from newstrail.core.textio import not_regular, read_texts
from newstrail.analyze.attributions import AttributionStage
from newstrail.analyze.quotes import QuoteStage
from newstrail.analyze.rhetoric import RhetoricStage, techniques_in
from newstrail.analyze.sentences import SentenceStage
from newstrail.clean import Cleaner
from newstrail.analyze.outlet_facts import index_pending
from newstrail.analyze.sentences import split_sentences
from newstrail.api.session import StoreLike, opened, settings_of
from newstrail.core.article import Article, Claim, Technique
from newstrail.core.config import Settings
from newstrail.core.errors import BadRecord, ConfigError, MissingExtra, NewstrailError, UnreadableInput
from newstrail.core.progress import Progress
from newstrail.corpus import Corpus, LinkReport, Trace
from newstrail.ingest import read_inputs
from newstrail.engines.local import FAILED, Outcome
from newstrail.engines.local import analyze as run_batch
from newstrail.ratings.annotate import Ratings
from newstrail.report.json import article_record, to_json
from newstrail.store import SearchHit, Store


class Analysis:
    """One run of :func:`analyze`: iterate it for the outcomes; then read ``counts`` and ``total``."""

    def __init__(self, inputs: Iterable[str], settings: Settings, store: Store | None = None, pipeline: Pipeline | None = None,
                 stdin: IO[bytes] | None = None, progress: Progress | None = None) -> None:
        self.inputs, self.settings, self.store, self.pipeline, self.stdin = list(inputs), settings, store, pipeline, stdin
        self.progress = progress
        self.counts = {"added": 0, "exists": 0, FAILED: 0}  # counts only: memory must not grow with the corpus
        self.total = 0
        self._ratings: Ratings | None = None
        self._open: Store | None = None

    def __iter__(self) -> Iterator[Outcome]:
        with opened(self.store if self.store is not None else self.settings, write=True) as store:
            self._open = store
            for outcome in self._engine(store):
                self.counts[outcome.status] += 1
                yield outcome
            index_pending(store)  # articles stored before the outlet index: profiles read it without writing
            self.total = store.articles.count()
            self._open = self._ratings = None

    def _engine(self, store: Store) -> Iterator[Outcome]:
        """The outcomes of the engine ``settings.engine`` names (the dask one from its extra)."""
        if self.settings.engine != "dask":
            return run_batch(self.inputs, self.settings, store, pipeline=self.pipeline, stdin=self.stdin, progress=self.progress)
        if self.pipeline is not None:
            raise ConfigError("the dask engine builds its stages on the workers from the settings (pipeline.stages); "
                              "a pipeline object runs with the local engine")
        try:
            # imported only for this engine: dask and distributed are the [dask] extra, heavy to import
            from newstrail.engines import dask_engine
        except ImportError as exc:
            raise MissingExtra("dask", "the dask engine (--engine dask)") from exc
        return dask_engine.analyze(self.inputs, self.settings, store, stdin=self.stdin, progress=self.progress)

    def record(self, outcome: Outcome) -> dict[str, Any]:
        """The JSON record of an outcome's article with its source ratings (during iteration)."""
        assert self._open is not None and outcome.article is not None, "records are read while the analysis runs"
        if self._ratings is None:  # looked up at output time (see newstrail.ratings.annotate)
            self._ratings = Ratings(self._open)
        return self._ratings.add_to_record(article_record(outcome.article, outcome.status))


def analyze(inputs: Iterable[str], settings: Settings, store: Store | None = None, pipeline: Pipeline | None = None,
            stdin: IO[bytes] | None = None, progress: Progress | None = None) -> Analysis:
    """Ingest, clean, analyse, store and (with ``settings.link``) link every article of ``inputs``.

    ``store`` defaults to the one ``settings.db`` names, opened for writing;
    ``pipeline`` to the stages the settings name. Iterate the result for one
    :class:`~newstrail.engines.local.Outcome` per article or failed input.
    ``progress`` (see :mod:`newstrail.core.progress`) hears of every article analysed.
    """
    return Analysis(inputs, settings, store, pipeline, stdin, progress)


def link(where: StoreLike, progress: Progress | None = None) -> LinkReport:
    """Link every stored article not linked yet (stored with ``link = false``); ``progress`` hears of each batch."""
    with opened(where, write=True) as store:
        report = Corpus(store).link(progress=progress)  # indexes pending outlet facts too
        return report


@dataclass
class TraceReport:
    """A story's trace with source ratings: ``to_dict()`` is what ``trace --format json`` prints."""

    trace: Trace
    data: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return copy.deepcopy(self.data)


def trace(where: StoreLike, article: str | None = None, story: str | None = None) -> TraceReport:
    """Where a story came from and how it changed, from the story of ``article`` or ``story``."""
    with opened(where) as store:
        found = Corpus(store).trace(article=article, story=story)
        # adds keys only: the trace JSON's own keys are unchanged
        return TraceReport(found, Ratings(store).add_to_trace(found.to_dict()))


@dataclass(frozen=True)
class StoryInfo:
    """A story: its id, its size, the first and last publish dates of its articles, and the
    headline of its first published article (``article``)."""

    id: str
    size: int
    first: str | None
    last: str | None
    headline: str | None = None
    article: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "size": self.size, "first": self.first, "last": self.last, "headline": self.headline, "article": self.article}


def stories(where: StoreLike, min_size: int = 1) -> list[StoryInfo]:
    """The stories of the corpus with at least ``min_size`` articles, oldest first."""
    out = []
    with opened(where) as store:
        ids = store.links.story_ids()  # oldest first
        known = store.links.stories(ids)
        chosen = [story for story in ids if known[story].size >= min_size]
        heads = store.links.headlines(chosen)
        for story in chosen:
            info = known[story]
            article, headline = heads.get(story, (None, None))
            out.append(StoryInfo(story, info.size, info.first_seen, info.last_seen, headline, article))
    return out


@dataclass
class ShownArticle:
    """A stored article and the ratings of its source."""

    article: Article
    ratings: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {**article_record(self.article), "source_ratings": self.ratings}


def show(where: StoreLike, key: str) -> ShownArticle:
    """One stored article by id, id prefix or URL, with its source ratings."""
    with opened(where) as store:
        article = store.articles.find(key)
        return ShownArticle(article, Ratings(store).for_article(article))


def search(where: StoreLike, query: str, limit: int = 10, phrase: bool = False) -> list[SearchHit]:
    """Full-text search over stored titles and texts, best first: a "quoted phrase" in ``query``
    matches as a phrase, every other word as a word, all required; ``phrase``: the whole
    query is one phrase."""
    with opened(where) as store:
        return store.text.search(query, limit=limit, phrase=phrase)


@dataclass
class ArticleClaims:
    """A stored article's claims, best first; ``computed`` when scored now, not read from the store."""

    article: Article
    claims: list[Claim]
    sentences: int
    computed: bool

    def rows(self) -> list[dict[str, Any]]:
        return [_claim_row(self.article, c) for c in self.claims]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.article.id, "title": self.article.title, "sentences": self.sentences, "claims": self.rows()}


def claims(where: StoreLike, key: str, show_all: bool = False, limit: int | None = None) -> ArticleClaims:
    """The claims of a stored article; scored on the fly (not stored), with the settings'
    ``claims.model``, if it was stored without them."""
    with opened(where) as store:
        article = store.articles.find(key)
    computed = ensure_claims(article, settings_of(where).claims_model)
    total = len(article.sentences) or len(article.claims)
    chosen = sorted((c for c in article.claims if show_all or c.checkworthy), key=lambda c: (-c.score, c.span.start))
    return ArticleClaims(article, chosen[:limit] if limit else chosen, total, computed)


def ensure_claims(article: Article, model_kind: str = Settings.claims_model) -> bool:
    """Score the article's claims now (not stored) with the ``model_kind`` model when it was
    stored without the claims stage; whether it did.

    >>> stored = Article(id="a1", text="The harbour fee rose by 40 percent in May.")
    >>> ensure_claims(stored), [round(c.score, 2) > 0 for c in stored.claims]
    (True, [True])
    """
    if "claims" in article.stages:
        return False
    article.sentences = article.sentences or split_sentences(article.text)
    article.claims = ClaimStage(kind=model_kind).claims(article)
    return True


def _claim_row(article: Article, c: Claim) -> dict[str, Any]:
    quote = article.quotes[c.quote] if c.quote is not None and c.quote < len(article.quotes) else None
    attribution = article.attributions[c.attribution] if c.attribution is not None and c.attribution < len(article.attributions) else None
    return {
        "text": article.snippet(c.span),
        "span": {"start": c.span.start, "end": c.span.end},
        "score": c.score,
        "checkworthy": c.checkworthy,
        "numbers": [{"text": n.text, "value": n.value, "unit": n.unit, "dimension": n.dimension, "qualifier": n.qualifier, "what": n.what} for n in c.numbers],
        "entities": [{"text": e.text, "label": e.label} for e in c.entities],
        "quote": c.quote,
        "speaker": quote.speaker if quote else None,
        "attribution": c.attribution,
        "source": attribution.source if attribution else None,
        "cue": attribution.cue if attribution else None,
        "matches": [{"factcheck": m.factcheck, "score": m.score, "rating": m.rating} for m in c.matches],
    }


def score_claims(lines: Iterable[str], where: str, threshold: float | None = None,
                 model_kind: str = "fast") -> Iterator[tuple[str, list[ScoredSentence]] | BadRecord]:
    """Score every sentence of loose texts (TSV or JSONL lines read from ``where``) with the
    shipped model of ``model_kind`` (the ``claims.model`` setting); bad lines come as BadRecord."""
    model = load_model(kind=model_kind)
    for item in read_texts(lines, where):
        yield item if isinstance(item, BadRecord) else (item[0], score_text(item[1], model, threshold))


@dataclass
class ArticleRhetoric:
    """The propaganda techniques of a stored article; ``computed`` when found now, not read from the store."""

    article: Article
    techniques: list[Technique] = field(default_factory=list)
    computed: bool = False


def ensure_rhetoric(article: Article, spans: str = Settings.rhetoric_spans) -> tuple[Article, bool]:
    """The article with its techniques, found now (not stored) when it was stored without the
    rhetoric stage, and whether they were; what a report, a listing and ``rhetoric`` show alike.
    ``spans`` is the span finder used then (the ``rhetoric.spans`` setting).

    >>> stored = Article(id="a1", text="A plain sentence.", stages=["rhetoric"])
    >>> ensure_rhetoric(stored)[1]
    False
    """
    stage = RhetoricStage(spans=spans)
    if stage.name in article.stages:
        return article, False
    return stage(article), True


def rhetoric(where: StoreLike, key: str) -> ArticleRhetoric:
    """A stored article's techniques; computed on the fly, not stored, when its record lacks them
    (``analyze`` with the rhetoric stage is the way to store them)."""
    with opened(where) as store:
        article = store.articles.find(key)
    article, computed = ensure_rhetoric(article, settings_of(where).rhetoric_spans)
    return ArticleRhetoric(article, list(article.rhetoric), computed)


def article_key(path: str) -> str:
    """The article id a file name gives: its first run of digits, else its stem.

    >>> article_key("data/article111111112.txt"), article_key("notes.txt")
    ('111111112', 'notes')
    """
    stem = os.path.splitext(os.path.basename(path))[0]
    m = re.search(r"\d+", stem)
    return m.group() if m else stem


def read_text_file(path: str) -> str:
    """The file's text exactly as read: no newline or whitespace normalisation (offsets point into it)."""
    refused = not_regular(path)
    if refused:
        raise UnreadableInput(path, refused)
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return handle.read()
    except UnicodeDecodeError as exc:
        raise UnreadableInput(path, f"not valid UTF-8 (byte 0x{exc.object[exc.start]:02x} at offset {exc.start}); convert it first, e.g. iconv -f latin1 -t utf-8") from exc
    except OSError as exc:
        raise UnreadableInput(path, f"cannot be read ({exc.strerror or exc})") from exc


@dataclass
class TextRhetoric:
    """The propaganda techniques of a plain text file; offsets are characters into ``text`` as read."""

    path: str
    key: str
    text: str
    techniques: list[Technique]


def _before_rhetoric() -> Pipeline:
    """What a text goes through before its techniques are read, as when it is analysed
    and stored: the cleaner (a fair-use notice or a share prompt is no argument of the
    author's), the sentences and the quotes the rhetoric stage reads."""
    return Pipeline([Cleaner(), SentenceStage(), AttributionStage(), QuoteStage()])


def rhetoric_file(path: str, as_read: bool = False, spans: str = Settings.rhetoric_spans) -> TextRhetoric:
    """The techniques of the plain text file at ``path``, keyed by :func:`article_key`:
    found in its clean text as for a stored article (one span, one answer, in both
    modes); offsets are into that clean text, which ``text`` holds. ``as_read`` reads
    the file exactly as it is instead (offsets into the file, boilerplate and all: what
    the SemEval task's scorer wants). ``spans``: the span finder (``rhetoric.spans``)."""
    raw = read_text_file(path)  # a clear error for a file that cannot be read as UTF-8 text
    if as_read:
        return TextRhetoric(path, article_key(path), raw, techniques_in(raw, spans=spans))
    item = next(iter(read_inputs([path], Settings())), None)
    if item is None:
        raise UnreadableInput(path, "holds no text")
    if isinstance(item, NewstrailError):
        raise item
    article = RhetoricStage(spans=spans)(_before_rhetoric()(item))
    return TextRhetoric(path, article_key(path), article.text, list(article.rhetoric))


def export(where: StoreLike, path: str | os.PathLike[str]) -> int:
    """Write every stored article as one JSON record a line (with source ratings) to ``path``; returns how many."""
    count = 0
    with opened(where) as store, open(path, "w", encoding="utf-8") as handle:
        rated = Ratings(store)
        for article in store.articles.iter_articles():
            handle.write(to_json(rated.add_to_record(article_record(article))) + "\n")
            count += 1
    return count
