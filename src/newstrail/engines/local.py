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

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from newstrail.analyze import LanguageStage, Pipeline
from newstrail.core.article import Article
from newstrail.clean import Cleaner
from newstrail.core.config import Settings
from newstrail.core.errors import InputError, NewstrailError, NoArticleText, StageError
from newstrail.ingest import read_inputs
from newstrail.store import Store

FAILED = "failed"


@dataclass
class Outcome:
    """What happened to one article or input: ``added``, ``exists`` or ``failed``."""

    where: str
    status: str
    article: Article | None = None
    error: NewstrailError | None = None


@dataclass
class BodyCheck:
    """Per-article stage: refuse an article whose clean text is too short to be one."""

    min_chars: int
    name: str = "body-check"
    requires: tuple[str, ...] = ("text",)
    assigns: tuple[str, ...] = ()

    def __call__(self, article: Article) -> Article:
        if len(article.text.strip()) < self.min_chars:
            removed = f" ({len(article.removed)} boilerplate blocks removed)" if article.removed else ""
            raise NoArticleText(article.source or article.id, f"only {len(article.text.strip())} characters of article text after cleaning{removed}; below min_text_chars={self.min_chars}")
        return article


def default_pipeline(settings: Settings, known_outlets: dict[str, str] | None = None, factchecks=None) -> Pipeline:
    """The per-article stages ``analyze`` runs unless told otherwise.

    ``known_outlets`` (normalised name -> outlet name, e.g. the outlets a store
    already holds) lets the attribution stage recognise one-word mastheads.
    """
    from newstrail.analyze.attributions import AttributionStage
    from newstrail.analyze.claims import ClaimStage
    from newstrail.analyze.quotes import QuoteStage
    from newstrail.analyze.sentences import SentenceStage

    stages = [Cleaner(), BodyCheck(settings.min_text_chars)]
    if settings.detect_language:
        stages.append(LanguageStage())
    stages += [SentenceStage(), AttributionStage(known_outlets=known_outlets or None), QuoteStage()]
    stages.append(ClaimStage(keep=settings.claims_keep))
    if factchecks is not None:
        # a FactCheckStage (newstrail.factchecks.stage): matches the claims just found
        stages.append(factchecks)
    return Pipeline(stages)


def process(article: Article, pipeline: Pipeline) -> Article:
    """Run one article through the stages; a crash in a stage becomes a StageError."""
    try:
        article = pipeline(article)
    except NewstrailError:
        raise
    except Exception as exc:  # a bug in one stage must not end the batch
        raise StageError(f"{article.source or article.id}: a stage failed ({type(exc).__name__}: {exc})") from exc
    return article


def analyze(inputs: Iterable[str], settings: Settings, store: Store, pipeline: Pipeline | None = None, stdin=None) -> Iterator[Outcome]:
    """Ingest, analyse and store every article named by ``inputs``."""
    if pipeline is None:
        from newstrail.analyze.attributions import outlet_key

        known = {outlet_key(outlet): outlet for outlet, _ in store.outlet_names()}
        factchecks = None
        if store.factcheck_count():  # an empty store costs nothing: no index, no models
            from newstrail.factchecks.stage import FactCheckStage

            factchecks = FactCheckStage.from_store(store, threshold=settings.factcheck_threshold, variant=settings.factcheck_matcher)
        pipeline = default_pipeline(settings, known_outlets=known, factchecks=factchecks)
        from newstrail.outlets.identity import OutletIdentity, OutletStage

        # every article gets its outlet's domain: from its URL, else from its masthead when known
        pipeline = Pipeline([*pipeline.stages, OutletStage(OutletIdentity.from_store(store))])
    pending: list[Outcome] = []
    linker = None
    if settings.link:
        from newstrail.corpus.linking import Linker, LinkReport

        linker, report = Linker(store), LinkReport()

    def flush() -> list[Outcome]:
        ready = [o for o in pending if o.article is not None and o.status != FAILED]
        if ready:
            with store.transaction():  # stored and linked together, or not at all
                for outcome, status in zip(ready, store.put_many([o.article for o in ready]), strict=True):
                    outcome.status = status
                added = [o.article for o in ready if o.status == "added"]
                if linker is not None and added:
                    linker.link_batch(added, report)
            stories = store.stories_of([o.article.id for o in ready])
            for outcome in ready:
                outcome.article.story = stories.get(outcome.article.id)
        done = list(pending)
        pending.clear()
        return done

    for item in read_inputs(inputs, settings, stdin=stdin):
        if isinstance(item, InputError):
            pending.append(Outcome(item.where, FAILED, error=item))
        else:
            # The id is fixed from the text as read, so a better cleaner later keeps ids stable.
            item.ensure_id()
            try:
                pending.append(Outcome(item.source, "ready", article=process(item, pipeline)))
            except NewstrailError as exc:
                pending.append(Outcome(getattr(exc, "where", item.source), FAILED, article=None, error=exc))
        if sum(o.article is not None for o in pending) >= settings.batch_size:
            yield from flush()
    yield from flush()
