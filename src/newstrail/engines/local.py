"""The batch runner: ingest -> clean -> per-article stages -> store.

:func:`analyze` is the library's main job and what ``newstrail analyze`` calls.
It yields one :class:`Outcome` per article or failed input, in input order. A
failure is reported and skipped; articles are written in transactions of
``settings.batch_size``, so a crash loses at most the batch in flight, and a
rerun skips what is already stored and resumes.

>>> import tempfile, os
>>> from newstrail.store import open_store
>>> folder = tempfile.mkdtemp()
>>> path = os.path.join(folder, "a.txt")
>>> _ = open(path, "w").write("Pier 9 Closes\\n\\nThe harbor council voted on Monday to close Pier 9 for repairs.")
>>> with open_store(os.path.join(folder, "t.db")) as store:
...     [o.status for o in analyze([path], Settings(), store)]
['added']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import IO

from newstrail.analyze import Pipeline, Stage
from newstrail.analyze.body import BodyCheck
from newstrail.analyze.outlet_facts import index_outlets
from newstrail.core.article import Article, article_id_for
from newstrail.core.config import Settings
from newstrail.core.errors import InputError, NewstrailError, StageError
from newstrail.engines.stages import StageContext, build_pipeline, store_free
from newstrail.core.progress import Progress, counter
from newstrail.ingest import planned_articles, read_inputs
from newstrail.outlets.resolver import OutletResolver
from newstrail.store import Store

__all__ = ["FAILED", "BodyCheck", "Outcome", "analyze", "assign_ids", "default_pipeline", "process"]

FAILED = "failed"


@dataclass
class Outcome:
    """What happened to one article or input: ``added``, ``exists`` or ``failed``."""

    where: str
    status: str
    article: Article | None = None
    error: NewstrailError | None = None


def default_pipeline(settings: Settings, known_outlets: OutletResolver | Mapping[str, str] | None = None, factchecks: Stage | None = None) -> Pipeline:
    """The stages of ``settings.pipeline`` that need no store, plus ``factchecks`` if given.

    ``known_outlets`` (an outlet resolver, or normalised name -> outlet name, e.g.
    the outlets a store already holds) lets the attribution stage recognise
    one-word mastheads and wire acronyms. With
    a store, :func:`~newstrail.engines.stages.build_pipeline` builds them all.
    """
    pipe = build_pipeline(settings, StageContext(known_outlets=known_outlets), names=store_free(settings))
    return Pipeline([*pipe.stages, factchecks]) if factchecks is not None else pipe


def process(article: Article, pipeline: Pipeline) -> Article:
    """Run one article through the stages; a crash in a stage becomes a StageError."""
    try:
        article = pipeline(article)
    except NewstrailError:
        raise
    except Exception as exc:  # a bug in one stage must not end the batch
        raise StageError(f"{article.source or article.id}: a stage failed ({type(exc).__name__}: {exc})") from exc
    return article


def _same_article(a: Article, b: Article) -> bool:
    """Whether two articles are one: the same canonical URL, or with no URL the same text."""
    if a.url or b.url:
        return a.url == b.url
    return a.content_hash == b.content_hash


def assign_ids(articles: Sequence[Article], store: Store, derived: dict[int, str]) -> None:
    """Keep each input's own id where it is free or already holds the same article.

    When an input's id is taken by a different article (two CSV exports that
    both number their rows 1, 2, 3...), the article gets ``derived[id(article)]``,
    the id from its URL or its text as read, so both are kept, and re-running
    either input finds its articles again.
    """
    given = [a for a in articles if a.input_id and a.id == a.input_id]
    holders = {a.id: a for a in store.articles.get_many(list(dict.fromkeys(a.id for a in given)))}
    for article in given:
        holder = holders.get(article.id)
        if holder is not None and not _same_article(holder, article):
            article.id = derived[id(article)]
        else:
            holders.setdefault(article.id, article)  # a later input in this batch with the same id is compared to it


def analyze(inputs: Iterable[str], settings: Settings, store: Store, pipeline: Pipeline | None = None, stdin: IO[bytes] | None = None,
            progress: Progress | None = None) -> Iterator[Outcome]:
    """Ingest, analyse and store every article named by ``inputs``.

    Without ``pipeline``, the stages of ``settings.pipeline`` are built over what
    ``store`` knows; building reads the store and never writes to it. ``progress``
    hears of every article analysed ("articles"; the total when the inputs tell it,
    see :func:`~newstrail.ingest.planned_articles`).
    """
    inputs = list(inputs)
    step = counter(progress, "articles", planned_articles(inputs))
    if pipeline is None:
        pipeline = build_pipeline(settings, StageContext(store))
    pending: list[Outcome] = []
    derived: dict[int, str] = {}
    link: Callable[[list[Article]], None] | None = None
    if settings.link:
        # imported only when linking: it pulls in numpy, and `import newstrail` stays light
        from newstrail.corpus.linking import Linker, LinkReport

        linker, report = Linker(store), LinkReport()

        def link(added: list[Article]) -> None:
            linker.link_batch(added, report)

    def flush() -> list[Outcome]:
        ready = [o for o in pending if o.article is not None and o.status != FAILED]
        articles = [o.article for o in ready if o.article is not None]
        if articles:
            assign_ids(articles, store, derived)
            with store.transaction():  # stored and linked together, or not at all
                for outcome, status in zip(ready, store.articles.put_many(articles), strict=True):
                    outcome.status = status
                added = [o.article for o in ready if o.status == "added" and o.article is not None]
                index_outlets(store, added)  # the outlet index is written with the articles, never by a read
                if link is not None and added:
                    link(added)
            stories = store.links.stories_of([a.id for a in articles])
            for article in articles:
                article.story = stories.get(article.id)
        done = list(pending)
        pending.clear()
        derived.clear()
        return done

    for item in read_inputs(inputs, settings, stdin=stdin):
        if isinstance(item, InputError):
            pending.append(Outcome(item.where, FAILED, error=item))
        else:
            # The id is fixed from the text as read, so a better cleaner later keeps ids stable.
            item.ensure_id()
            fallback = article_id_for(item.url, item.text)
            try:
                article = process(item, pipeline)
                derived[id(article)] = fallback
                pending.append(Outcome(item.source, "ready", article=article))
            except NewstrailError as exc:
                pending.append(Outcome(getattr(exc, "where", item.source), FAILED, article=None, error=exc))
        step()
        if sum(o.article is not None for o in pending) >= settings.batch_size:
            yield from flush()
    yield from flush()
