"""The demo: the sample corpus shipped inside the package, analysed into a folder.

The folder is the demo's own: a marker file says it made it. A folder that holds
anything else is refused rather than emptied, so a mistyped ``--out`` never
deletes a user's files; a folder the demo made is replaced on a rerun.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from newstrail.api.articles import ArticleClaims, ArticleRhetoric, analyze, claims, export, rhetoric
from newstrail.api.factchecks import import_factchecks
from newstrail.api.ratings import ImportedAliases, ImportedList, import_aliases, import_ratings
from newstrail.api.reports import WrittenReports, write_reports
from newstrail.core.config import Settings
from newstrail.core.errors import ConfigError
from newstrail.corpus import Corpus
from newstrail.engines.local import Outcome
from newstrail.ratings.annotate import Ratings
from newstrail.report.json import to_json
from newstrail.report.ratings import render_trace_ratings
from newstrail.report.trace import render_trace
from newstrail.store import open_store

#: the file that marks a folder the demo made (and may replace)
MARKER = ".newstrail-demo"
#: the date the sample rating lists are imported with
LIST_DATE = "2025-04-01"


def sample_corpus() -> Path:
    """The folder of the sample corpus shipped inside the package."""
    return Path(str(resources.files("newstrail") / "sample" / "corpus"))


@dataclass
class DemoResult:
    """What the demo did and where its outputs went."""

    folder: Path
    corpus: Path
    ratings: Path
    factchecks: Path
    lists: list[ImportedList] = field(default_factory=list)
    aliases: list[ImportedAliases] = field(default_factory=list)
    factchecks_added: int = 0
    outcomes: list[Outcome] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    total: int = 0
    #: the story trace with the most hidden sources (JSON form, with ratings)
    shown: dict[str, Any] | None = None
    claims: ArticleClaims | None = None
    rhetoric: ArticleRhetoric | None = None
    #: the HTML reports of every article and story, with an index
    reports: WrittenReports | None = None

    @property
    def db(self) -> Path:
        return self.folder / "newstrail.db"

    @property
    def records(self) -> Path:
        return self.folder / "articles.jsonl"

    @property
    def traces(self) -> Path:
        return self.folder / "traces"


def prepare_folder(folder: Path) -> None:
    """Make ``folder`` the demo's: create it, or replace it if the demo made it; refuse any other non-empty folder."""
    if folder.exists():
        if not folder.is_dir():
            raise ConfigError(f"{folder}: not a folder; give --out a new or empty folder")
        if any(folder.iterdir()) and not (folder / MARKER).exists():
            raise ConfigError(f"{folder}: holds files the demo did not make; give --out a new or empty folder (nothing was deleted)")
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / MARKER).write_text("made by 'newstrail demo'; rerunning the demo replaces this folder\n", encoding="utf-8")


def demo(out: str | Path, settings: Settings | None = None) -> DemoResult:
    """Analyse the sample corpus into the folder ``out``: store, records, one trace per story."""
    folder = Path(out)
    prepare_folder(folder)
    corpus = sample_corpus()
    result = DemoResult(folder, corpus, corpus.parent / "ratings", corpus.parent / "factchecks")
    settings = (settings or Settings()).replace(db=str(result.db))
    # lists first, so mastheads resolve to domains as articles are read
    result.aliases = import_aliases([str(result.ratings / "aliases.csv")], settings)
    lists = sorted(result.ratings.glob("*.csv")) + sorted(result.ratings.glob("*.json"))
    result.lists = [item for path in lists if path.name != "aliases.csv"
                    for item in import_ratings([str(path)], settings, date=LIST_DATE)]
    # fact-checks before the articles, so analyze matches their claims
    reports, _ = import_factchecks([str(result.factchecks)], settings)
    result.factchecks_added = sum(r.added for r in reports)
    run = analyze([str(corpus)], settings)
    result.outcomes = list(run)
    result.counts, result.total = run.counts, run.total
    export(settings, result.records)
    result.shown = _write_traces(result)
    result.reports = write_reports(settings, folder / "reports", everything=True)
    if result.shown is not None and result.shown["laundering"]:
        key = result.shown["laundering"][0]["article"]
        result.claims = claims(settings, key, limit=3)
        result.rhetoric = rhetoric(settings, key)
    return result


def _write_traces(result: DemoResult) -> dict[str, Any] | None:
    """One .json and .txt per multi-article story; returns the trace with the most hidden sources."""
    result.traces.mkdir()
    shown = None
    with open_store(str(result.db), read_only=True) as store:
        rated, corpus = Ratings(store), Corpus(store)
        for story in corpus.stories():
            info = store.links.stories([story]).get(story)
            if info is None or info.size < 2:
                continue
            trace = rated.add_to_trace(corpus.trace(story=story).to_dict())
            (result.traces / f"{story}.json").write_text(to_json(trace, indent=2) + "\n", encoding="utf-8")
            (result.traces / f"{story}.txt").write_text(render_trace(trace) + render_trace_ratings(trace), encoding="utf-8")
            if shown is None or len(trace["laundering"]) > len(shown["laundering"]):
                shown = trace
    return shown
