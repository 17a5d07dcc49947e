"""The server-rendered pages: corpus overview, story, article, search, and the paste-an-article form.

Pages are Jinja templates in ``web/templates``, autoescaped (article text is
hostile input). Each page calls the same facade functions as the JSON API.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.exceptions import HTTPException

from newstrail import api
from newstrail.core.article import Article
from newstrail.core.errors import NewstrailError
from newstrail.web.errors import status_for
from newstrail.web.routes import story_rows
from newstrail.web.security import check_token
from newstrail.web.state import WebState, web_state

router = APIRouter(include_in_schema=False)
_ENV = Environment(loader=PackageLoader("newstrail.web", "templates"), autoescape=select_autoescape(default=True),
                   trim_blocks=True, lstrip_blocks=True)
# links to what articles and fact-checks name: only web URLs, never javascript: or data:
_ENV.tests["web_url"] = lambda url: isinstance(url, str) and url.lower().startswith(("http://", "https://"))
_ENV.filters["when"] = lambda iso: (iso or "no date").replace("T", " ").replace(":00Z", " UTC").replace("Z", " UTC")


def render(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page from ``template`` with ``context``."""
    return HTMLResponse(_ENV.get_template(template).render(**context), status_code=status)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    """The HTML page of an error (the API answers JSON instead)."""
    return render("error.html", status=status, title=f"{status}", status_code=status, message=message)


def marked(article: Article) -> list[dict[str, Any]]:
    """The article's text cut where claims, quotes and rhetoric spans start and end; each piece
    with the kinds of span it is inside and their explanations (shown on hover).

    >>> from newstrail.core.article import Span, Technique
    >>> a = Article(text="They call it a victory today.", rhetoric=[Technique(Span(15, 22), "Loaded_Language", 0.6, "loaded")])
    >>> [(p["text"], p["kinds"]) for p in marked(a)]
    [('They call it a ', []), ('victory', ['rhetoric']), (' today.', [])]
    """
    spans: list[tuple[int, int, str, str]] = []
    for c in article.claims:
        if c.checkworthy:
            spans.append((c.span.start, c.span.end, "claim", f"check-worthy claim (score {c.score:.2f})"))
    for q in article.quotes:
        spans.append((q.span.start, q.span.end, "quote", f"quotation{' by ' + q.speaker if q.speaker else ''}"))
    for t in article.rhetoric:
        spans.append((t.span.start, t.span.end, "rhetoric", f"{t.technique.replace('_', ' ')}: {t.explanation}".rstrip(": ")))
    cuts = sorted({0, len(article.text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    pieces = []
    for start, end in zip(cuts, cuts[1:]):
        inside = [s for s in spans if s[0] <= start and end <= s[1]]
        pieces.append({"text": article.text[start:end], "kinds": sorted({s[2] for s in inside}), "notes": "; ".join(s[3] for s in inside)})
    return pieces


def article_view(article: Article, ratings: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """What the article template shows of an article."""
    matches = [{"claim": article.snippet(c.span), "match": m} for c in article.claims for m in c.matches]
    return {"article": article, "pieces": marked(article), "ratings": ratings or [], "matches": matches,
            "claims": sorted((c for c in article.claims if c.checkworthy), key=lambda c: -c.score)}


@router.get("/", response_class=HTMLResponse)
def overview(sort: Literal["recent", "size"] = "recent", min_size: int = Query(2, ge=1), state: WebState = Depends(web_state)) -> HTMLResponse:
    rows = story_rows(state, sort, min_size, 200)
    biggest = max((r["size"] for r in rows), default=1)
    return render("overview.html", title="Stories", stories=rows, sort=sort, min_size=min_size, biggest=biggest)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(story_id: str, state: WebState = Depends(web_state)) -> HTMLResponse:
    trace = api.trace(state.settings.db, story=story_id).to_dict()
    articles = sorted(trace["articles"], key=lambda a: (a.get("published") is None, a.get("published") or ""))
    head: dict[str, Any] = next((a for a in articles if a.get("title")), {})
    labels = {a["id"]: a.get("outlet") or a["id"] for a in articles}
    return render("story.html", title=head.get("title") or story_id, trace=trace, articles=articles, headline=head.get("title"), labels=labels)


@router.get("/articles/{key}", response_class=HTMLResponse)
def article_page(key: str, state: WebState = Depends(web_state)) -> HTMLResponse:
    shown = api.show(state.settings.db, key)
    return render("article.html", title=shown.article.title or shown.article.id, **article_view(shown.article, shown.ratings))


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
def analyze_submit(text: str = Form(""), url: str = Form(""), title: str = Form(""), store: bool = Form(False), token: str = Form(""),
                   state: WebState = Depends(web_state)) -> HTMLResponse:
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
    views = [article_view(a) for a in done.articles]
    return render("analyze.html", results=views, errors=[str(e) for e in done.errors], stored=done.stored, **context)


def _submit(state: WebState, text: str, url: str, title: str, store: bool) -> api.Submission:
    fields = {"title": title} if title.strip() else {}
    link, body = url.strip() or None, None if url.strip() else text
    if not store:
        return api.submit(state.settings.db, state.analysis, text=body, url=link, fields=fields)
    with state.write_lock:
        return api.submit(state.settings.db, state.analysis, text=body, url=link, fields=fields, store=True)
