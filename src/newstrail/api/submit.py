"""The facade over submitted articles: a text, an HTML page or a URL given in a request, analysed, stored or not.

:func:`submit` is what the web app's ``POST /api/analyze`` (not stored) and
``POST /api/articles`` (stored and linked) call. A URL is fetched with the
settings' fetch rules; with ``fetch.public_only`` a host that resolves to a
loopback, private or link-local address is refused before any connection.

>>> import tempfile, os
>>> settings = Settings(db=os.path.join(tempfile.mkdtemp(), "t.db"), detect_language=False)
>>> done = submit(settings, text="Pier 9 Closes\\n\\nThe harbor council voted on Monday to close Pier 9 for repairs.")
>>> [(o.status, o.article.title) for o in done.outcomes], done.stored
([('analysed', 'Pier 9 Closes')], False)
>>> submit(settings, text="Pier 9 Closes\\n\\nThe harbor council voted on Monday to close Pier 9.", store=True).records[0]["status"]
'added'
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from newstrail.analyze import Pipeline
from newstrail.api.session import StoreLike, opened, settings_of, store_exists, store_location
from newstrail.core.article import Article
from newstrail.core.config import STAGE_NAMES, Settings
from newstrail.core.errors import ConfigError, InputError, InputTooLarge, NewstrailError
from newstrail.engines.local import FAILED, Outcome, analyze_items, process
from newstrail.engines.stages import StageContext, build_pipeline
from newstrail.ingest import kind_of, read_bytes, read_url
from newstrail.ingest.html import article_from_html
from newstrail.ingest.text import article_from_text
from newstrail.ingest.web import Fetcher
from newstrail.ratings.annotate import Ratings
from newstrail.report.json import article_record
from newstrail.store import Store

#: the status of an article analysed and not stored
ANALYSED = "analysed"


@dataclass
class Submission:
    """What :func:`submit` did: one outcome per article (a feed URL gives several) or failed input."""

    outcomes: list[Outcome]
    stored: bool
    records: list[dict[str, Any]] = field(default_factory=list)

    @property
    def articles(self) -> list[Article]:
        return [o.article for o in self.outcomes if o.article is not None and o.status != FAILED]

    @property
    def errors(self) -> list[NewstrailError]:
        return [o.error for o in self.outcomes if o.error is not None]


def with_stage(settings: Settings, name: str) -> Settings:
    """``settings`` whose pipeline also runs stage ``name``, in its place among the stages.

    >>> "rhetoric" in with_stage(Settings(), "rhetoric").pipeline
    True
    """
    wanted = set(settings.pipeline) | {name}
    return settings.replace(pipeline=tuple(n for n in STAGE_NAMES if n in wanted))


def submit(where: StoreLike, settings: Settings | None = None, *, text: str | None = None, html: str | None = None, url: str | None = None,
           file: tuple[str, bytes] | None = None, fields: dict[str, Any] | None = None, store: bool = False) -> Submission:
    """Analyse what was submitted: exactly one of ``text``, ``html``, ``url`` or ``file`` (a name and its
    bytes, read as ``analyze`` reads a file of that name: a page, a text, JSON(L), CSV/TSV, WARC, a feed).

    ``fields`` are metadata the submitter knows (``title``, ``outlet``, ``url``,
    ``published``, ``language``, ``authors``); they win over what the text says.
    With ``store`` the articles are stored and linked as ``analyze`` stores them
    (statuses ``added``/``exists``); without it nothing is written (status
    ``analysed``) and the store, when there is one, is only read (outlets,
    fact-checks, ratings). ``settings`` default to ``where`` when that is Settings.
    """
    settings = settings or settings_of(where)
    given = [name for name, value in (("text", text), ("html", html), ("url", url), ("file", file)) if value]
    if len(given) != 1:
        raise ConfigError(f"give exactly one of text, html, url or file (got {', '.join(given) or 'none'})")
    fetcher = Fetcher(settings) if url else None
    items: Iterator[Article | InputError]
    if url and fetcher:
        items = read_url(url, settings, fetcher)
    elif file:
        items = read_bytes(file[1], file[0], settings, kind=kind_of(file[0], file[1][:4096]))
    else:
        items = _read_given(text, html, fields or {}, settings)
    try:
        if store:
            with opened(where, write=True) as opened_store:
                outcomes = list(analyze_items(items, settings, opened_store))
                return Submission(outcomes, True, _records(outcomes, opened_store))
        return _analyse_only(where, settings, items)
    finally:
        if fetcher is not None:
            fetcher.close()


def _read_given(text: str | None, html: str | None, fields: dict[str, Any], settings: Settings) -> Iterator[Article | InputError]:
    where = "<submitted html>" if html else "<submitted text>"
    body = html or text or ""
    size = len(body.encode("utf-8"))
    if size > settings.max_input_bytes:
        yield InputTooLarge(where, f"{size:,} bytes, over the {settings.max_input_bytes:,}-byte cap for one article (max_input_bytes)")
        return
    try:
        if html:
            yield article_from_html(html, where, url=fields.get("url"), fields=fields)
        else:
            yield article_from_text(body, where, fields=fields)
    except InputError as exc:
        yield exc



def _analyse_only(where: StoreLike, settings: Settings, items: Iterator[Article | InputError]) -> Submission:
    path = store_location(where)
    if path is not None and not store_exists(path):  # no corpus yet: the stages that need none
        outcomes = _run(items, build_pipeline(settings, StageContext()))
        return Submission(outcomes, False, [article_record(o.article, o.status) for o in outcomes if o.article is not None])
    with opened(where) as store:
        outcomes = _run(items, build_pipeline(settings, StageContext(store)))
        return Submission(outcomes, False, _records(outcomes, store))


def _run(items: Iterator[Article | InputError], pipeline: Pipeline) -> list[Outcome]:
    outcomes = []
    for item in items:
        if isinstance(item, InputError):
            outcomes.append(Outcome(item.where, FAILED, error=item))
            continue
        item.ensure_id()
        try:
            outcomes.append(Outcome(item.source, ANALYSED, article=process(item, pipeline)))
        except NewstrailError as exc:
            outcomes.append(Outcome(getattr(exc, "where", item.source), FAILED, error=exc))
    return outcomes


def _records(outcomes: list[Outcome], store: Store) -> list[dict[str, Any]]:
    """The JSON records of the analysed articles, with the ratings the store's lists give their source."""
    rated = Ratings(store)
    return [rated.add_to_record(article_record(o.article, o.status)) for o in outcomes if o.article is not None and o.status != FAILED]
