"""newstrail: follow a news claim's trail.

The small public API (the facade is :mod:`newstrail.api`)::

    import newstrail
    settings = newstrail.Settings(db="corpus.db")
    for outcome in newstrail.analyze(["articles/"], settings):
        print(outcome.status, outcome.article.title if outcome.article else outcome.error)
    print(newstrail.trace(settings, "some-article-id").to_dict())

Importing newstrail is cheap: parsers, models and HTTP clients load inside the
functions that need them, and the facade's functions load on first use.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any

from newstrail.analyze import LanguageStage, Pipeline, Stage
from newstrail.core.article import Article, Attribution, Claim, Entity, FactCheckMatch, Link, Number, Quote, Removed, Span, Technique
from newstrail.engines.local import Outcome, default_pipeline
from newstrail.clean import Cleaner, clean
from newstrail.core.config import Settings
from newstrail.core.errors import (
    BadRecord,
    ConfigError,
    FetchError,
    InputError,
    InputTooLarge,
    MissingExtra,
    NewstrailError,
    NoArticleText,
    NotFound,
    StageError,
    StoreError,
    UnreadableInput,
)
from newstrail.ingest import read_inputs
from newstrail.store import Store, open_store

if TYPE_CHECKING:
    from newstrail.api import Analysis

__version__ = "0.1.0"

#: the facade's functions, exported here and imported on first use: the facade
#: reaches the corpus and rhetoric modules, which load numpy
_FACADE = frozenset({
    "claims", "demo", "export", "import_aliases", "import_factchecks", "import_ratings", "link",
    "match_factchecks", "outlet_profile", "rhetoric", "search", "show", "stories", "trace",
})


def analyze(inputs: Iterable[str], settings: Settings, store: Store | None = None, pipeline: Pipeline | None = None,
            stdin: IO[str] | None = None) -> Analysis:
    """Ingest, analyse, store and link articles: :func:`newstrail.api.analyze`.

    Bound here rather than through ``__getattr__``: the name would otherwise be the
    ``newstrail.analyze`` subpackage, which is imported above.
    """
    facade = importlib.import_module("newstrail.api")
    return facade.analyze(inputs, settings, store=store, pipeline=pipeline, stdin=stdin)


def __getattr__(name: str) -> Any:
    if name in _FACADE:
        return getattr(importlib.import_module("newstrail.api"), name)
    raise AttributeError(f"module 'newstrail' has no attribute {name!r}")

__all__ = [
    "Article",
    "Attribution",
    "BadRecord",
    "Claim",
    "Cleaner",
    "ConfigError",
    "Entity",
    "FactCheckMatch",
    "FetchError",
    "InputError",
    "InputTooLarge",
    "LanguageStage",
    "Link",
    "MissingExtra",
    "NewstrailError",
    "NoArticleText",
    "NotFound",
    "Number",
    "Outcome",
    "Pipeline",
    "Quote",
    "Removed",
    "Settings",
    "Span",
    "Stage",
    "StageError",
    "Store",
    "StoreError",
    "Technique",
    "UnreadableInput",
    "analyze",
    "claims",
    "clean",
    "default_pipeline",
    "demo",
    "export",
    "import_aliases",
    "import_factchecks",
    "import_ratings",
    "link",
    "match_factchecks",
    "open_store",
    "outlet_profile",
    "read_inputs",
    "rhetoric",
    "search",
    "show",
    "stories",
    "trace",
]
