"""The stage registry: each per-article stage by name, built from settings and a read-only context.

``Settings.pipeline`` lists stage names; :func:`build_pipeline` turns them into a
checked :class:`~newstrail.analyze.Pipeline`. Building never writes and never
embeds: stages that need what the store knows (its outlets, its fact-checks)
read it through a :class:`StageContext`, and the fact-check stage loads its
index on first use, read-only, and only if the store holds fact-checks.

The registry lives here rather than in :mod:`newstrail.analyze` because two of
its stages come from layers above analyze (fact-checks) or need a store.

>>> from newstrail.core.config import Settings
>>> pipe = build_pipeline(Settings(pipeline=("clean", "sentences", "attributions", "quotes", "rhetoric")))
>>> pipe.names
['clean', 'sentences', 'attributions', 'quotes', 'rhetoric']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType

from newstrail.analyze import Pipeline, Stage
from newstrail.analyze.attributions import AttributionStage
from newstrail.analyze.body import BodyCheck
from newstrail.analyze.claims import ClaimStage
from newstrail.analyze.language import LanguageStage
from newstrail.analyze.outlet import OutletStage
from newstrail.analyze.quotes import QuoteStage
from newstrail.analyze.sentences import SentenceStage
from newstrail.clean import Cleaner
from newstrail.core.config import STAGE_NAMES, Settings
from newstrail.core.errors import ConfigError
from newstrail.factchecks.matching import Matcher
from newstrail.factchecks.stage import FactCheckStage
from newstrail.outlets.resolver import OutletResolver
from newstrail.store import Store

#: stages that need a store to be worth running; :func:`store_free` leaves them out
STORE_BOUND: frozenset[str] = frozenset({"factchecks", "outlet"})


class StageContext:
    """What stages may know of the store, read-only: its outlets and its fact-checks.

    Without a store (``StageContext()``) the outlet stage starts knowing no
    outlet and the fact-check stage has nothing to match. ``known_outlets``
    (an outlet resolver, or normalised name -> outlet name) replaces what the
    store would say.
    """

    def __init__(self, store: Store | None = None, known_outlets: OutletResolver | Mapping[str, str] | None = None) -> None:
        self._store = store
        self._known = known_outlets
        self._resolver: OutletResolver | None = None

    def outlet_resolver(self) -> OutletResolver:
        """The one resolver of this pipeline, over the store's outlets, aliases and lists: the
        attribution and outlet stages share it, so both know the outlets the run has met."""
        if self._resolver is None:
            if isinstance(self._known, OutletResolver):
                self._resolver = self._known
            elif self._known is not None or self._store is None:
                self._resolver = OutletResolver(names=self._known or {})
            else:
                # imported here: newstrail.corpus loads numpy, and `import newstrail` stays light
                from newstrail.corpus.outlets import resolver_for

                self._resolver = resolver_for(self._store)
        return self._resolver

    def factcheck_loader(self, settings: Settings) -> Callable[[], Matcher | None]:
        """A callable that reads the store's fact-checks into a matcher, or gives ``None`` when there are none."""
        store = self._store

        def load() -> Matcher | None:
            if store is None or not store.factchecks.count():  # an empty store costs nothing: no index, no models
                return None
            return Matcher.from_store(store, variant=settings.factcheck_matcher, write=False)

        return load


#: a stage factory: settings and context in, a stage out (``None``: the settings turn it off)
Factory = Callable[[Settings, StageContext], "Stage | None"]


def _rhetoric(settings: Settings, context: StageContext) -> Stage | None:
    if not settings.rhetoric:
        return None
    # imported here because its models pull in numpy: `import newstrail` stays light
    from newstrail.analyze.rhetoric import RhetoricStage

    return RhetoricStage(spans=settings.rhetoric_spans)


REGISTRY: Mapping[str, Factory] = MappingProxyType({
    "clean": lambda settings, context: Cleaner(),
    "body-check": lambda settings, context: BodyCheck(settings.min_text_chars),
    "language": lambda settings, context: LanguageStage() if settings.detect_language else None,
    "sentences": lambda settings, context: SentenceStage(),
    "attributions": lambda settings, context: AttributionStage(known_outlets=context.outlet_resolver()),
    "quotes": lambda settings, context: QuoteStage(),
    "claims": lambda settings, context: ClaimStage(keep=settings.claims_keep, kind=settings.claims_model),
    "rhetoric": _rhetoric,
    "factchecks": lambda settings, context: FactCheckStage(threshold=settings.factcheck_threshold, load=context.factcheck_loader(settings)),
    "outlet": lambda settings, context: OutletStage(context.outlet_resolver()),
})
if tuple(REGISTRY) != STAGE_NAMES:  # the settings validate stage names against STAGE_NAMES
    raise RuntimeError("the stage registry and core.config.STAGE_NAMES disagree")


def build_pipeline(settings: Settings, context: StageContext | None = None, names: Sequence[str] | None = None) -> Pipeline:
    """The pipeline of ``names`` (default ``settings.pipeline``), each stage built by its factory.

    Raises :class:`~newstrail.core.errors.ConfigError` for an unknown name and
    :class:`~newstrail.core.errors.StageError` when a stage needs a field no
    earlier stage assigns.
    """
    context = context if context is not None else StageContext()
    stages: list[Stage] = []
    for name in settings.pipeline if names is None else names:
        factory = REGISTRY.get(name)
        if factory is None:
            raise ConfigError(f"setting pipeline.stages: unknown stage {name!r}; known: {', '.join(REGISTRY)}")
        stage = factory(settings, context)
        if stage is not None:
            stages.append(stage)
    return Pipeline(stages)


def store_free(settings: Settings) -> list[str]:
    """The names of ``settings.pipeline`` that need no store."""
    return [name for name in settings.pipeline if name not in STORE_BOUND]
