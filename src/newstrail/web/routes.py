"""The JSON API under ``/api``: each endpoint calls one facade function (:mod:`newstrail.api`) and returns its data.

Reading endpoints open the store read-only; ``POST /api/articles``,
``POST /api/articles/upload`` and ``POST /api/factchecks`` write and need the token
when the server has one. Records are the ones ``newstrail show --format json`` and
``trace --format json`` print.
"""

from __future__ import annotations

import os
import tempfile
from typing import Any, Literal

from fastapi import APIRouter, Depends, File, Query, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from newstrail import api
from newstrail.web.state import WebState, web_state, writer

router = APIRouter(prefix="/api")


class ArticleIn(BaseModel):
    """One article to analyse: exactly one of ``text`` (plain text or Markdown, YAML front matter read),
    ``html`` (a page) or ``url`` (fetched; loopback, private and link-local hosts are refused)."""

    text: str | None = Field(default=None, description="plain text or Markdown; a first standalone line is the title")
    html: str | None = Field(default=None, description="an HTML page")
    url: str | None = Field(default=None, description="an http(s) URL to fetch (a page or a feed)")
    title: str | None = None
    outlet: str | None = None
    published: str | None = Field(default=None, description="ISO 8601 date or time")
    language: str | None = None
    page_url: str | None = Field(default=None, description="the URL the pasted text or HTML was published at")


class MatchIn(BaseModel):
    """A claim (or a post, a paragraph) to match against the imported fact-checks."""

    text: str = Field(min_length=1)
    top: int = Field(default=5, ge=1, le=50)
    threshold: float = Field(default=0.5, ge=0, le=1, description="calibrated score a match needs (0.5: more likely a match than not)")
    lexical: bool = Field(default=False, description="match without the embedding models")


def _fields(body: ArticleIn) -> dict[str, Any]:
    given = {"title": body.title, "outlet": body.outlet, "published": body.published, "language": body.language, "url": body.page_url}
    return {k: v for k, v in given.items() if v}


def submission_json(done: api.Submission) -> dict[str, Any]:
    """The answer to a submission: the analysed records, and each input that failed."""
    return {"stored": done.stored, "articles": done.records,
            "errors": [{"where": getattr(e, "where", None), "message": str(e)} for e in done.errors]}


def _answer(done: api.Submission) -> dict[str, Any]:
    """The submission's JSON; when nothing could be read, its first error (as the library raised it)."""
    if not done.articles and done.errors:
        raise done.errors[0]
    return submission_json(done)


@router.post("/analyze", summary="Analyse an article without storing it", tags=["articles"])
def analyze_article(body: ArticleIn, state: WebState = Depends(web_state)) -> dict[str, Any]:
    """Claims, quotes, attributions, rhetoric and fact-check matches of one article; nothing is written."""
    return _answer(api.submit(state.settings.db, state.analysis, text=body.text, html=body.html, url=body.url, fields=_fields(body)))


@router.post("/articles", summary="Analyse, store and link an article (needs the token)", tags=["articles"], status_code=201)
def store_article(body: ArticleIn, state: WebState = Depends(writer)) -> dict[str, Any]:
    """As ``newstrail analyze``: the article is stored and linked into its story (status ``added`` or ``exists``)."""
    with state.write_lock:
        done = api.submit(state.settings.db, state.analysis, text=body.text, html=body.html, url=body.url, fields=_fields(body), store=True)
    return _answer(done)


@router.post("/articles/upload", summary="Upload article files to analyse and store (needs the token)", tags=["articles"], status_code=201)
def upload_articles(files: list[UploadFile] = File(description="HTML, text, Markdown, JSON(L), CSV/TSV or WARC files"),
                    state: WebState = Depends(writer)) -> dict[str, Any]:
    """Every article in the files, read as ``newstrail analyze`` reads files, stored and linked."""
    done = api.Submission([], True)
    with state.write_lock:
        for upload in files:
            one = api.submit(state.settings.db, state.analysis, file=(os.path.basename(upload.filename or "") or "upload", upload.file.read()),
                             store=True)
            done.outcomes += one.outcomes
            done.records += one.records
    return _answer(done)


@router.get("/articles/{key:path}/claims", summary="A stored article's claims", tags=["articles"])
def get_claims(key: str, all_sentences: bool = Query(False, alias="all"), state: WebState = Depends(web_state)) -> dict[str, Any]:
    """Check-worthy claims best first (``all=true``: every sentence), with numbers, entities, quotes and matches."""
    return api.claims(state.settings, key, show_all=all_sentences).to_dict()


@router.get("/articles/{key:path}/trace", summary="The trace of an article's story", tags=["stories"])
def get_article_trace(key: str, state: WebState = Depends(web_state)) -> dict[str, Any]:
    """The provenance graph of the story the article belongs to, as ``newstrail trace --format json``."""
    return api.trace(state.settings.db, article=key).to_dict()


# after the routes under it: a key may be a URL, slashes and all
@router.get("/articles/{key:path}", summary="A stored article", tags=["articles"])
def get_article(key: str, state: WebState = Depends(web_state)) -> dict[str, Any]:
    """The full record (by id, unique id prefix or URL) with its source's ratings."""
    return api.show(state.settings.db, key).to_dict()


@router.get("/stories", summary="Stories by size or recency", tags=["stories"])
def list_stories(sort: Literal["recent", "size"] = "recent", min_size: int = Query(2, ge=1), limit: int = Query(100, ge=1, le=1000),
                 state: WebState = Depends(web_state)) -> list[dict[str, Any]]:
    """Stories with at least ``min_size`` articles: newest last article first (``recent``) or largest first (``size``);
    each with ``headline`` and ``article``, its first published article's title and id (as ``stories --format json``)."""
    return story_rows(state, sort, min_size, limit)


def story_rows(state: WebState, sort: str, min_size: int, limit: int) -> list[dict[str, Any]]:
    """Stories with their headline (their first published article's title and id), sorted and cut to ``limit``."""
    found = api.stories(state.settings.db, min_size=min_size)
    if sort == "size":
        found.sort(key=lambda s: (-s.size, _newest_first(s.last)))
    else:
        found.sort(key=lambda s: (_newest_first(s.last), -s.size))
    return [story.to_dict() for story in found[:limit]]


def _newest_first(date: str | None) -> tuple[int, str]:
    """A sort key putting the latest date first and undated stories last."""
    return (1, "") if not date else (0, "".join(chr(0x10FFFF - ord(c)) for c in date))


@router.get("/stories/{story_id}", summary="A story's trace", tags=["stories"])
def get_story(story_id: str, state: WebState = Depends(web_state)) -> dict[str, Any]:
    """Its articles with roles, edges with evidence, origins, laundering, mutations and fact-checks
    (``newstrail trace --story ID --format json``)."""
    return api.trace(state.settings.db, story=story_id).to_dict()


@router.get("/search", summary="Search the corpus", tags=["search"])
def search(q: str = Query(min_length=1, max_length=1000), mode: Literal["words", "phrase", "claims"] = "words",
           limit: int = Query(10, ge=1, le=100), state: WebState = Depends(web_state)) -> dict[str, Any]:
    """``words``: articles holding every word; ``phrase``: the words together, in order; ``claims``:
    stored check-worthy claims nearest the query by meaning (fast embeddings, cosine)."""
    if mode == "claims":
        return {"query": q, "mode": mode, "claims": [vars(c) for c in state.claims.nearest(q, limit)]}
    hits = api.search(state.settings.db, q, limit=limit, phrase=mode == "phrase")
    return {"query": q, "mode": mode, "articles": [vars(h) for h in hits]}


@router.post("/factchecks/match", summary="Match a claim against the imported fact-checks", tags=["fact-checks"])
def match(body: MatchIn, state: WebState = Depends(web_state)) -> dict[str, Any]:
    """Fact-checks whose claim matches the text, best first, with verdict, rating, publisher, link and evidence."""
    ((_, _, found),) = api.match_factchecks([("query", body.text)], state.settings.db, top=body.top, threshold=body.threshold,
                                            lexical=body.lexical)
    return {"text": body.text, "matches": [m.to_dict() for m in found]}


@router.get("/factchecks", summary="The imported fact-checks", tags=["fact-checks"])
def list_factchecks(limit: int = Query(100, ge=1, le=10000), state: WebState = Depends(web_state)) -> dict[str, Any]:
    found, total = api.factchecks(state.settings.db, limit=limit)
    return {"total": total, "factchecks": [f.to_dict() for f in found]}


@router.post("/factchecks", summary="Import fact-check files (needs the token)", tags=["fact-checks"], status_code=201)
def import_factchecks(files: list[UploadFile] = File(description="ClaimReview JSON, JSONL, CSV/TSV or fact-check HTML pages"),
                      state: WebState = Depends(writer)) -> JSONResponse:
    """Import ClaimReview records as ``newstrail factchecks import`` does; each file's added, already stored and failed counts."""
    with tempfile.TemporaryDirectory(prefix="newstrail-upload-") as folder, state.write_lock:
        paths = []
        for number, upload in enumerate(files):
            name = os.path.basename(upload.filename or "") or f"upload-{number}.json"
            path = os.path.join(folder, f"{number}-{name}")  # numbered: two uploads may share a name
            with open(path, "wb") as handle:
                handle.write(upload.file.read())
            paths.append(path)
        reports, total = api.import_factchecks(paths, state.settings.db)
    files_out = [{"file": os.path.basename(r.path).split("-", 1)[1], "added": r.added, "exists": r.exists, "failed": r.failed,
                  "errors": [str(e).replace(folder + os.sep, "") for e in r.errors]} for r in reports]
    body = {"files": files_out, "total": total}
    return JSONResponse(body, status_code=201 if any(f["added"] for f in files_out) else 200)

