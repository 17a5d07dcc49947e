"""newstrail: follow a news claim's trail.

The small public API::

    from newstrail import Settings, analyze, open_store
    with open_store("corpus.db") as store:
        for outcome in analyze(["articles/"], Settings(), store):
            print(outcome.status, outcome.article.title if outcome.article else outcome.error)

Importing newstrail is cheap: parsers, models and HTTP clients load inside the
functions that need them.
"""

from __future__ import annotations

from newstrail.analyze import LanguageStage, Pipeline, Stage
from newstrail.core.article import Article, Attribution, Claim, Entity, FactCheckMatch, Link, Number, Quote, Removed, Span, Technique
from newstrail.engines.local import Outcome, analyze, default_pipeline
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

__version__ = "0.1.0"

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
    "clean",
    "default_pipeline",
    "open_store",
    "read_inputs",
]
