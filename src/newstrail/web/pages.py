"""The server-rendered pages: corpus overview, story, article, search, and the paste-an-article form.

Pages are Jinja templates in ``web/templates``, autoescaped (article text is
hostile input), around the report layer's renderers: a story page is the story
report, an article page the article report (:mod:`newstrail.report.html`), linked to
the app's routes, with the reports' one stylesheet. Each page calls the same facade
functions as the JSON API.

>>> APP.to_article("s1-copy5"), APP.to_story("story 1"), APP.to_article("external:Bay Herald")
('/articles/s1-copy5', '/stories/story%201', None)
"""

from __future__ import annotations

from typing import Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from starlette.exceptions import HTTPException

from newstrail import api
from newstrail.core.errors import NewstrailError
from newstrail.report.html import Hrefs, headline, render_article_html, render_story_html, report_css
from newstrail.web.errors import status_for
from newstrail.web.routes import story_rows
from newstrail.web.security import check_same_origin, check_token
from newstrail.web.state import WebState, web_state

router = APIRouter(include_in_schema=False)
_ENV = Environment(loader=PackageLoader("newstrail.web", "templates"), autoescape=select_autoescape(default=True),
                   trim_blocks=True, lstrip_blocks=True)
# links to what articles and fact-checks name: only web URLs, never javascript: or data:
#: the reports' links, to the app's routes
_ENV.filters["path"] = lambda key: quote(str(key), safe="")  # an id or URL as one path segment
APP = Hrefs(article=lambda key: f"/articles/{quote(key, safe='')}", story=lambda key: f"/stories/{quote(key, safe='')}", index="/")




def render(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page from ``template`` with ``context`` and the reports' stylesheet."""
    return HTMLResponse(_ENV.get_template(template).render(css=Markup(report_css()), **context), status_code=status)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    """The HTML page of an error (the API answers JSON instead)."""
    return render("error.html", status=status, title=f"{status}", status_code=status, message=message)


@router.get("/", response_class=HTMLResponse)
def overview(sort: Literal["recent", "size"] = "recent", min_size: int = Query(2, ge=1), state: WebState = Depends(web_state)) -> HTMLResponse:
    rows = story_rows(state, sort, min_size, 200)
    biggest = max((r["size"] for r in rows), default=1)
    return render("overview.html", title="Stories", stories=rows, sort=sort, min_size=min_size, biggest=biggest)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(story_id: str, state: WebState = Depends(web_state)) -> HTMLResponse:
    trace = api.story_report(state.settings, story=story_id)
    report = Markup(render_story_html(trace, APP, page=False))
    return render("story.html", title=headline(trace) or story_id, report=report, story_id=story_id)


@router.get("/articles/{key:path}", response_class=HTMLResponse)
def article_page(key: str, state: WebState = Depends(web_state)) -> HTMLResponse:
    found = api.article_report(state.settings, key)
    return render("article.html", title=found.article.title or found.article.id, report=Markup(found.html(APP, page=False)),
                  article_id=found.article.id)


@router.get("/search", response_class=HTMLResponse)
def search_page(q: str = Query("", max_length=1000), mode: Literal["words", "phrase", "claims"] = "words",
                state: WebState = Depends(web_state)) -> HTMLResponse:
    hits: list[Any] = []
    if q.strip():
        hits = state.claims.nearest(q, 20) if mode == "claims" else api.search(state.settings.db, q, limit=20, phrase=mode == "phrase")
    return render("search.html", title="Search", q=q, mode=mode, hits=hits, searched=bool(q.strip()))


@router.get("/analyze", response_class=HTMLResponse)
def analyze_form(state: WebState = Depends(web_state)) -> HTMLResponse:
    return render("analyze.html", title="Analyse an article", needs_token=bool(state.settings.web_token), form={})


@router.post("/analyze", response_class=HTMLResponse)
def analyze_submit(request: Request, text: str = Form(""), url: str = Form(""), title: str = Form(""), store: bool = Form(False),
                   token: str = Form(""), state: WebState = Depends(web_state)) -> HTMLResponse:
    check_same_origin(request.headers.get("origin"), request.headers.get("host"))
    form = {"text": text, "url": url, "title": title, "store": store}
    context: dict[str, Any] = {"title": "Analyse an article", "needs_token": bool(state.settings.web_token), "form": form}
    try:
        if store:
            check_token(state.settings, None, token)
        done = _submit(state, text, url, title, store)
    except HTTPException as exc:  # the token: the form comes back with why
        return render("analyze.html", status=exc.status_code, error=str(exc.detail), **context)
    except NewstrailError as exc:
        return render("analyze.html", status=status_for(exc), error=str(exc), **context)
    if not done.articles and done.errors:
        return render("analyze.html", status=status_for(done.errors[0]), error=str(done.errors[0]), **context)
    return render("analyze.html", results=_reports(state, done), errors=[str(e) for e in done.errors], stored=done.stored, **context)


def _reports(state: WebState, done: api.Submission) -> list[Markup]:
    """The article report of each analysed article: a stored one as its page shows it (with its story)."""
    if done.stored:
        return [Markup(api.article_report(state.settings, a.id).html(APP, page=False)) for a in done.articles]
    ratings = {r["id"]: r.get("source_ratings", []) for r in done.records}
    unstored = Hrefs(article=None, story=None, index="/")
    return [Markup(render_article_html(a, ratings.get(a.id), None, unstored, page=False)) for a in done.articles]


def _submit(state: WebState, text: str, url: str, title: str, store: bool) -> api.Submission:
    fields = {"title": title} if title.strip() else {}
    link, body = url.strip() or None, None if url.strip() else text
    if not store:
        return api.submit(state.settings.db, state.analysis, text=body, url=link, fields=fields)
    with state.write_lock:
        return api.submit(state.settings.db, state.analysis, text=body, url=link, fields=fields, store=True)
