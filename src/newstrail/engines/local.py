"""The batch runner: ingest -> clean -> per-article stages -> store.

:func:`analyze` is the library's main job and what ``newstrail analyze`` calls.
It yields one :class:`Outcome` per article or failed input, in input order. A
failure is reported and skipped. Articles are analysed ``settings.batch_size`` at a
time (:func:`process_many`: one by one through the stages, the claims, rhetoric and
fact-check stages then over the whole batch), and stored in input order, in transactions
that commit every half second: a crash loses at most the batch in flight, and another
writer waits at most about that long. Once every article of the run is stored, they are
linked one by one in input order (see :func:`_link`), so what is stored does not depend on the batch size or on
where a run was interrupted. A rerun skips what is already stored before analysing
it, links what an interrupted run left unlinked, and resumes.

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

import gc
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
import json
import weakref
from itertools import chain
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from newstrail.analyze import Pipeline, Stage
from newstrail.analyze.body import BodyCheck
from newstrail.analyze.outlet_facts import index_outlets
from newstrail.core.article import Article, article_id_for
from newstrail.core.config import Settings
from newstrail.core.errors import InputError, NewstrailError, StageError
from newstrail.core.jsontext import shape_problem
from newstrail.engines.stages import StageContext, build_pipeline, store_free
from newstrail.core.progress import Progress, Step, counter
from newstrail.ingest import planned_articles, read_inputs
from newstrail.outlets.resolver import OutletResolver
from newstrail.store import Store, write_in_turns

if TYPE_CHECKING:
    from newstrail.corpus.prepare import Prepared

__all__ = ["FAILED", "BodyCheck", "Outcome", "analyze", "analyze_items", "assign_ids", "default_pipeline", "prepare", "prepare_many", "process",
           "over_the_batch", "process_many", "store_outcomes", "stored_already"]

FAILED = "failed"


@dataclass
class Outcome:
    """What happened to one article or input: ``added``, ``exists`` or ``failed``."""

    where: str
    status: str
    article: Article | None = None
    error: NewstrailError | None = None


#: non-empty once this process has frozen the collector's view of the loaded models (:func:`analyze_items`)
_FROZEN: list[bool] = []


def default_pipeline(settings: Settings, known_outlets: OutletResolver | Mapping[str, str] | None = None, factchecks: Stage | None = None) -> Pipeline:
    """The stages of ``settings.pipeline`` that need no store, plus ``factchecks`` if given.

    ``known_outlets`` (an outlet resolver, or normalised name -> outlet name, e.g.
    the outlets a store already holds) lets the attribution stage recognise
    one-word mastheads and wire acronyms. With
    a store, :func:`~newstrail.engines.stages.build_pipeline` builds them all.
    """
    pipe = build_pipeline(settings, StageContext(known_outlets=known_outlets), names=store_free(settings))
    return Pipeline([*pipe.stages, factchecks]) if factchecks is not None else pipe


def process(article: Article, pipeline: Callable[[Article], Article]) -> Article:
    """Run one article through the stages; a crash in a stage becomes a StageError."""
    try:
        article = pipeline(article)
    except NewstrailError:
        raise
    except Exception as exc:  # a bug in one stage must not end the batch
        raise StageError(f"{article.source or article.id}: a stage failed ({type(exc).__name__}: {exc})") from exc
    return article


def process_many(articles: Sequence[Article], stages: Sequence[Stage]) -> list[Article | NewstrailError]:
    """Run ``articles`` through ``stages``: each article through them in order, one article
    after another, as :func:`process` runs them (a stage that learns from the articles
    before, the outlet stage, sees them in input order), except the stages that run over the
    batch (:func:`over_the_batch`: claims, rhetoric, and fact-checks, which read the claims):
    they run last, in their order, each over all the articles at once (a stage without a
    ``process_many`` method one article after another), their names put back in their places
    in each article's ``stages``. An article a stage fails on is its error in the list, in its
    place, and goes no further; when ``process_many`` raises, that stage runs again over the
    articles one by one, so only the article at fault fails. (Such a failure comes after the
    stages run in turn went over the article: the outlet stage has learned from it.)

    >>> from newstrail.analyze.sentences import SentenceStage
    >>> done = process_many([Article(id="a", text="The pier closed."), Article(id="b", text="It reopened.")], [SentenceStage()])
    >>> [len(a.sentences) for a in done]
    [1, 1]
    """
    later = over_the_batch(stages)
    out: list[Article | NewstrailError] = []
    places: list[list[int]] = []  # per article, where each of ``later`` would have put its name in ``stages``
    for article in articles:
        place: list[int] = []
        places.append(place)
        try:
            for stage in stages:
                if any(stage is s for s in later):
                    place.append(len(article.stages))
                else:
                    article = process(article, stage)
        except NewstrailError as exc:
            out.append(exc)
        else:
            out.append(article)
    put_back = [0] * len(out)  # per article, the names of ``later`` already put back before its places
    for j, stage in enumerate(later):
        live = [(k, a) for k, a in enumerate(out) if isinstance(a, Article)]
        for (k, _), done in zip(live, _stage_many(stage, [a for _, a in live])):
            if isinstance(done, Article) and done.stages and done.stages[-1] == stage.name:
                done.stages.insert(places[k][j] + put_back[k], done.stages.pop())
                put_back[k] += 1
            out[k] = done
    return out


def over_the_batch(stages: Sequence[Stage]) -> list[Stage]:
    """The stages that run after all the others, in their order, over a whole batch: each
    stage with a ``process_many`` method, and each later stage that reads or writes a field
    one of them writes, or writes a field one of them reads (the fact-check stage reads the
    claims), which then runs after it over the batch too. The stages left to run in their
    turn touch none of their fields, so running them first changes nothing.

    >>> from newstrail.analyze.claims import ClaimStage
    >>> from newstrail.analyze.sentences import SentenceStage
    >>> from newstrail.factchecks.stage import FactCheckStage
    >>> [s.name for s in over_the_batch([SentenceStage(), ClaimStage(), FactCheckStage()])]
    ['claims', 'factchecks']
    """
    batched = [getattr(s, "process_many", None) is not None for s in stages]
    for k, stage in enumerate(stages):
        for j in range(k + 1, len(stages)) if batched[k] else ():
            batched[j] = batched[j] or _touches(stage, stages[j])
    return [s for s, b in zip(stages, batched) if b]


def _touches(first: Stage, then: Stage) -> bool:
    """Whether ``then``, run after ``first``, reads or writes a field ``first`` writes, or writes one it reads."""
    return bool(set(first.assigns) & {*then.requires, *then.assigns} or set(first.requires) & set(then.assigns))


def _stage_many(stage: Stage, articles: list[Article]) -> list[Article | NewstrailError]:
    """``stage`` over ``articles``: at once when it can, else (or when that raises) one at a time."""
    many = getattr(stage, "process_many", None)
    if many is not None and len(articles) > 1:
        try:
            return list(many(articles))
        except Exception:  # which article is at fault, the pass below tells (and reports)
            pass
    out: list[Article | NewstrailError] = []
    for article in articles:
        try:
            out.append(process(article, stage))
        except NewstrailError as exc:
            out.append(exc)
    return out


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


def stored_already(article: Article, fallback: str, store: Store) -> str | None:
    """The id of the stored article ``article`` is, told before any stage runs, or None.

    An article is stored when its URL is, or its fallback id (from its URL, or from
    its text as read when it has none) is: ids never change, so a rerun finds each
    article it stored. An input id held by an article without a URL is left to the
    store to judge after cleaning (None here).

    >>> import tempfile, os
    >>> from newstrail.store import open_store
    >>> a = Article(text="The pier closed.", url="https://harbor.example/a").ensure_id()
    >>> with open_store(os.path.join(tempfile.mkdtemp(), "s.db")) as store:
    ...     before = stored_already(a, a.id, store)
    ...     _ = store.articles.put(a)
    ...     before, stored_already(a, a.id, store) == a.id
    (None, True)
    """
    if article.url:
        at_url = store.articles.ids_for_urls([article.url])
        if article.url in at_url:
            return at_url[article.url]
    refs = store.articles.refs(list(dict.fromkeys([fallback, article.id])))
    if fallback in refs:
        return fallback
    holder = refs.get(article.id)
    if holder is not None and (holder.url or article.url) and holder.url == article.url:
        return article.id
    return None


#: articles a store call writes at once (one statement per table for them, not per article)
STORE_CHUNK = 32


def _store(ready: list[Outcome], store: Store) -> None:
    """Store ``ready`` articles in order, a few at a time, in write turns (see
    :func:`~newstrail.store.write_in_turns`): another writer never waits long, and each
    article is stored whole or not at all."""

    def write(chunk: list[Outcome]) -> None:
        statuses = store.articles.put_many([o.article for o in chunk if o.article is not None])
        for outcome, status in zip(chunk, statuses, strict=True):
            outcome.status = status
        added = [o.article for o, status in zip(chunk, statuses) if status == "added" and o.article is not None]
        if added:
            index_outlets(store, added)  # the outlet index is written with the articles, never by a read

    write_in_turns(store, [ready[i : i + STORE_CHUNK] for i in range(0, len(ready), STORE_CHUNK)], write)


#: articles linked per call of the linker (and per progress step)
LINK_CHUNK = 200

#: linking's per-article inputs of each chunk of ids to link, in order: the Dask engine's
#: workers compute them (:func:`newstrail.corpus.prepare.prepare`) while the client links
Preparer = Callable[[Sequence[list[str]]], Iterable[Mapping[str, "Prepared"]]]


def _link(ids: list[str], store: Store, progress: Progress | None, preparer: Preparer | None = None) -> dict[str, str | None]:
    """Link the run's articles once all of them are stored, one at a time in input order,
    in write turns; their stories. ``preparer`` hands over what linking computes of each
    article on its own (see :meth:`~newstrail.corpus.linking.Linker.prime`).

    Linking after storing makes what is linked independent of the batch size and of
    where a run was interrupted (a rerun links what the first run stored and left
    unlinked, in the same order), and lets what is learned from a site's articles (its
    template lines: a comment policy, a footer) be learned from all of them before any
    of its articles is compared with another.
    """
    # imported only when linking: it pulls in numpy, and `import newstrail` stays light
    from newstrail.corpus.linking import Linker, LinkReport

    if not ids:
        return {}
    linker, report = Linker(store), LinkReport()
    step = counter(progress, "articles linked", len(ids))
    chunks = [ids[start : start + LINK_CHUNK] for start in range(0, len(ids), LINK_CHUNK)]
    for chunk, prepared in zip(chunks, preparer(chunks) if preparer is not None else ({} for _ in chunks), strict=True):
        linker.prime(prepared)
        linker.link_ids(chunk, report)
        step(len(chunk))
    return store.links.stories_of(ids)


def _writable(ready: list[Outcome]) -> list[Outcome]:
    """The outcomes whose article the store can write; the others are failed with the reason.

    An article's record is JSON; one that cannot be written (nested deeper than the
    encoder goes, a value JSON has no form for) would raise inside a write turn and end
    the run with the turn rolled back, so it is found before any write and reported on
    its own.
    """
    kept = []
    for outcome in ready:
        assert outcome.article is not None
        problem = shape_problem(outcome.article.meta)
        if problem is None:
            try:
                json.dumps(outcome.article.meta, ensure_ascii=False, allow_nan=False)
            except (ValueError, TypeError, RecursionError) as exc:
                problem = f"cannot be stored ({type(exc).__name__}: {exc})"
        if problem is None:
            kept.append(outcome)
        else:
            outcome.status, outcome.error = FAILED, StageError(f"{outcome.where}: record's extra fields {problem}; record skipped")
            outcome.article = None
    return kept


def analyze(inputs: Iterable[str], settings: Settings, store: Store, pipeline: Pipeline | None = None, stdin: IO[bytes] | None = None,
            progress: Progress | None = None) -> Iterator[Outcome]:
    """Ingest, analyse and store every article named by ``inputs``.

    Without ``pipeline``, the stages of ``settings.pipeline`` are built over what
    ``store`` knows; building reads the store and never writes to it. An article
    already stored (see :func:`stored_already`) is not analysed again. ``progress``
    hears of every article analysed ("articles"; the total when the inputs tell it,
    see :func:`~newstrail.ingest.planned_articles`), then of every article linked.
    Outcomes come as their batch is stored; an article's ``story`` is set once the run
    has linked, when the iteration ends (read stories after consuming it).
    """
    inputs = list(inputs)
    step = counter(progress, "articles", planned_articles(inputs))
    return analyze_items(read_inputs(inputs, settings, stdin=stdin), settings, store, pipeline, progress, step)


def analyze_items(items: Iterable[Article | InputError], settings: Settings, store: Store, pipeline: Pipeline | None = None,
                  progress: Progress | None = None, step: Step | None = None) -> Iterator[Outcome]:
    """Analyse and store articles already read (a submitted text, a fetched page); errors become failed outcomes.

    ``step`` is called once per article or error read (see :func:`~newstrail.core.progress.counter`);
    ``progress`` hears of the linking at the end.
    """
    if pipeline is None:
        pipeline = build_pipeline(settings, StageContext(store))
    stages = pipeline.stages

    def prepared() -> Iterator[tuple[Outcome, str | None]]:
        # a batch at a time: a stage that works on many articles at once (rhetoric) gets the batch
        chunk: list[Article | InputError] = []
        for item in chain(items, [None]):  # (None: the end, where the last chunk goes)
            if item is not None:
                chunk.append(item)
            if chunk and (item is None or len(chunk) >= settings.batch_size):
                for ready in prepare_many(chunk, store, stages):
                    yield ready
                    if step is not None:
                        step()
                chunk = []
                if not _FROZEN:
                    # the first batch loaded the stages' models: the collector need not look
                    # through their objects again at every full collection of the run. Once
                    # a process: a server or watcher calls this at every submission or poll,
                    # and freezing again would keep whatever garbage is alive then forever
                    gc.freeze()
                    _FROZEN.append(True)

    return store_outcomes(prepared(), settings, store, progress)


def prepare(item: Article | InputError, store: Store, analysed: Callable[[Article], Article],
            fallback: str | None = None) -> tuple[Outcome, str | None]:
    """The outcome of one item read, before it is stored: failed, already stored
    (``exists``, no stage run), or ``ready`` with ``analysed(item)``; and the id its URL
    or text as read gives it (see :func:`assign_ids`), for a ready one.

    ``analysed`` runs the stages (or hands over what another process ran them on: the
    Dask engine's workers, which send the id and ``fallback`` of the item as read); a
    :class:`NewstrailError` it raises fails the item.
    """
    outcome, fallback = _checked(item, store, fallback)
    if outcome is not None:
        return outcome, None
    assert isinstance(item, Article)
    try:
        return Outcome(item.source, "ready", article=analysed(item)), fallback
    except NewstrailError as exc:
        return Outcome(getattr(exc, "where", item.source), FAILED, article=None, error=exc), None


def prepare_many(items: Sequence[Article | InputError], store: Store, stages: Sequence[Stage]) -> list[tuple[Outcome, str | None]]:
    """:func:`prepare` of each of ``items``, the stages run over the ones not yet stored
    together (:func:`process_many`: a batch-minded stage takes them at once)."""
    checked = [_checked(item, store) for item in items]
    ready = [item for item, (outcome, _) in zip(items, checked) if outcome is None and isinstance(item, Article)]
    results = iter(process_many(ready, stages))
    out: list[tuple[Outcome, str | None]] = []
    for item, (outcome, fallback) in zip(items, checked):
        if outcome is not None:
            out.append((outcome, None))
            continue
        assert isinstance(item, Article)
        done = next(results)
        if isinstance(done, Article):
            out.append((Outcome(item.source, "ready", article=done), fallback))
        else:
            out.append((Outcome(getattr(done, "where", item.source), FAILED, article=None, error=done), None))
    return out


def _checked(item: Article | InputError, store: Store, fallback: str | None = None) -> tuple[Outcome | None, str]:
    """The outcome of an item known before any stage runs (failed as read, or stored already),
    else ``None``; and the item's fallback id (see :func:`prepare`)."""
    if isinstance(item, InputError):
        return Outcome(item.where, FAILED, error=item), ""
    # The id is fixed from the text as read, so a better cleaner later keeps ids stable.
    item.ensure_id()
    fallback = fallback or article_id_for(item.url, item.text)
    known = stored_already(item, fallback, store)
    if known is not None:
        # a rerun costs a lookup per stored article, not the stages
        return Outcome(item.source, "exists", article=store.articles.get(known)), fallback
    return None, fallback


def store_outcomes(prepared: Iterable[tuple[Outcome, str | None]], settings: Settings, store: Store,
                   progress: Progress | None = None, preparer: Preparer | None = None) -> Iterator[Outcome]:
    """Store the ready articles of ``prepared`` (from :func:`prepare`, in input order) in
    batches of ``settings.batch_size``, yield every outcome as its batch is stored, then
    link the run's articles (see :func:`_link`, which ``preparer`` is handed to);
    ``progress`` hears of the linking."""
    pending: list[Outcome] = []
    derived: dict[int, str] = {}
    # the run's articles to link once all are stored, in input order, and the ones handed
    # out, which get their story then (the caller may still hold them)
    to_link: list[str] = []
    handed: weakref.WeakValueDictionary[str, Article] = weakref.WeakValueDictionary()

    def flush() -> list[Outcome]:
        ready = _writable([o for o in pending if o.article is not None and o.status == "ready"])
        articles = [o.article for o in ready if o.article is not None]
        if articles:
            assign_ids(articles, store, derived)
            _store(ready, store)
        stored = [o.article for o in pending if o.article is not None and o.status != FAILED]
        if stored:
            stories = store.links.stories_of([a.id for a in stored])
            # unlinked, not story-less: linking another article puts its stored neighbours in
            # its story before they are linked (another process may have stored them)
            unlinked = set(store.links.unlinked_among([a.id for a in stored])) if settings.link else set()
            for outcome in pending:
                article = outcome.article
                if article is None or outcome.status == FAILED:
                    continue
                article.story = stories.get(article.id)
                # added now, or stored by an interrupted run and never linked: linked at the end
                if article.id in unlinked and article.id not in handed:
                    to_link.append(article.id)
                handed[article.id] = article
        done = list(pending)
        pending.clear()
        derived.clear()
        return done

    for outcome, fallback in prepared:
        pending.append(outcome)
        if outcome.article is not None and fallback is not None:
            derived[id(outcome.article)] = fallback
        if sum(o.status == "ready" for o in pending) >= settings.batch_size or len(pending) >= 10 * settings.batch_size:
            yield from flush()
    yield from flush()
    for article_id, story in _link(to_link, store, progress, preparer).items():
        if (held := handed.get(article_id)) is not None:
            held.story = story
