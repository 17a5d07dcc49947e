"""The library facade: every job the ``newstrail`` command does, as functions that return data.

Each function takes where the store is (an open store, Settings or a path) and
returns data objects; nothing prints. Reading functions open the store
read-only; :func:`analyze`, :func:`link` and the imports write. The command line
is a thin layer over these, so the library and the CLI give the same answers:
``trace(...).to_dict()`` is what ``newstrail trace --format json`` prints.

>>> import tempfile, os
>>> folder = tempfile.mkdtemp()
>>> path = os.path.join(folder, "a.txt")
>>> _ = open(path, "w").write("Pier 9 Closes\\n\\nThe harbor council voted on Monday to close Pier 9 for repairs.")
>>> settings = Settings(db=os.path.join(folder, "t.db"), detect_language=False)
>>> [o.status for o in analyze([path], settings)]
['added']
>>> [s.size for s in stories(settings)]
[1]
"""

from __future__ import annotations

from newstrail.api.articles import (
    Analysis,
    ArticleClaims,
    ArticleRhetoric,
    ShownArticle,
    StoryInfo,
    TextRhetoric,
    TraceReport,
    analyze,
    article_key,
    claims,
    export,
    link,
    rhetoric,
    rhetoric_file,
    score_claims,
    search,
    show,
    stories,
    trace,
)
from newstrail.api.demo import DemoResult, demo, sample_corpus
from newstrail.api.tables import export_tables
from newstrail.api.factchecks import factchecks, import_factchecks, match_factchecks, read_queries
from newstrail.api.listing import ListedArticle, TextTechniques, list_articles, rhetoric_texts
from newstrail.api.ratings import (
    ImportedAliases,
    ImportedList,
    aliases,
    import_aliases,
    import_ratings,
    outlet_profile,
    rating_lists,
    remove_rating_list,
)
from newstrail.api.reports import ArticleReport, WrittenReports, article_report, story_report, write_reports
from newstrail.api.session import StoreLike, build_settings, opened, store_exists
from newstrail.api.similar import ClaimSearch, similar_claims
from newstrail.api.submit import ANALYSED, Submission, submit, with_stage
from newstrail.api.watch import Poll, watch
from newstrail.core.config import Settings

__all__ = [
    "ANALYSED",
    "Analysis",
    "ArticleClaims",
    "ArticleReport",
    "ArticleRhetoric",
    "ClaimSearch",
    "DemoResult",
    "ImportedAliases",
    "ImportedList",
    "ListedArticle",
    "Poll",
    "Settings",
    "ShownArticle",
    "StoreLike",
    "StoryInfo",
    "Submission",
    "TextRhetoric",
    "TextTechniques",
    "TraceReport",
    "WrittenReports",
    "aliases",
    "analyze",
    "article_key",
    "article_report",
    "build_settings",
    "claims",
    "demo",
    "export",
    "export_tables",
    "factchecks",
    "import_aliases",
    "import_factchecks",
    "import_ratings",
    "link",
    "list_articles",
    "match_factchecks",
    "opened",
    "outlet_profile",
    "rating_lists",
    "read_queries",
    "remove_rating_list",
    "rhetoric",
    "rhetoric_file",
    "rhetoric_texts",
    "sample_corpus",
    "score_claims",
    "search",
    "show",
    "similar_claims",
    "store_exists",
    "stories",
    "story_report",
    "submit",
    "trace",
    "watch",
    "with_stage",
    "write_reports",
]
