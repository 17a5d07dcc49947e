"""The web app's pages in a real browser: Debian's chromium driven by Playwright, against the app on 127.0.0.1.

Loads every page, follows a story from the overview to an article, submits the
paste-an-article form (analysed only, then stored with the token), and saves a
screenshot of each under ``tests/output/web/`` (git-ignored) for a person to look at.
Skipped only when chromium is not installed (``.ci/run`` installs it).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed: pip install 'newstrail[web]'")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed: pip install 'newstrail[test]'")

from newstrail.core.config import Settings  # noqa: E402
from web_server import copy_store, running  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).parent / "output" / "web"
TOKEN = "porthaven-pages-token"
PASTED = """Velmora Ferry Returns After Pontoon Repairs

The Tidewater ferry line to Velmora island resumed on Tuesday after a 12-day halt, the port authority said.
"The new pontoon passed every test," harbor master Ilse Brandt said. Critics called the repairs a shameful waste of 2 million crowns.
Three crossings a day will run until May, when the summer timetable adds two more.
"""

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"chromium is not installed at {CHROMIUM}: apt-get install chromium chromium-driver")


@pytest.fixture(scope="module")
def app_url(sample_store: Path, tmp_path_factory) -> Iterator[str]:
    db = copy_store(sample_store, tmp_path_factory.mktemp("web-pages"))
    with running(Settings(db=str(db), web_token=TOKEN)) as (url, _server):
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM,
                                              args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


def shot(page, name: str, full_page: bool = True) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    assert path.stat().st_size > 10_000, f"{path} looks blank"
    return path


def test_overview_to_a_story_to_an_article(page, app_url):
    page.goto(app_url + "/")
    rows = page.locator("#stories tbody tr")
    assert rows.count() >= 5
    dates = [rows.nth(i).locator("td").nth(3).inner_text() for i in range(rows.count())]
    assert dates == sorted(dates, reverse=True), "newest first"
    shot(page, "overview")
    story_id = rows.first.locator(".muted").inner_text()
    rows.first.locator("a.story-link").click()
    page.wait_for_url("**/stories/**")
    assert f"story {story_id}" in page.locator("section.story-report .meta").inner_text()
    assert page.locator(".timeline-wrap svg").count() == 1, "the story report's timeline"
    links = page.locator("section.story-report table a[href^='/articles/']")
    assert links.count() >= 2
    shot(page, "story")
    title = links.first.inner_text()
    links.first.click()
    page.wait_for_url("**/articles/**")
    assert page.locator("article.article-report h1").inner_text() == title
    assert page.locator(".m-claim").count() >= 1
    shot(page, "article")


def test_overview_by_size(page, app_url):
    page.goto(app_url + "/")
    page.select_option("select[name=sort]", "size")
    page.click("form.inline button")
    page.wait_for_url("**sort=size**")
    sizes = [int(t.split()[-1]) for t in page.locator("#stories tbody tr td:nth-child(2)").all_inner_texts()]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] >= 5
    page.locator("a.story-link").first.click()
    page.wait_for_url("**/stories/**")
    assert page.locator("section.story-report table a[href^='/articles/']").count() == sizes[0]
    shot(page, "story-largest")
    box = page.locator(".timeline-wrap").bounding_box()
    top = SHOTS / "story-largest-top.png"  # the README's picture (docs/web-story.png): down to the timeline's end
    page.screenshot(path=str(top), full_page=True, clip={"x": 0, "y": 0, "width": 1200, "height": box["y"] + box["height"] + 16})


def test_search_words_phrase_and_claims(page, app_url):
    page.goto(app_url + "/search")
    page.fill("input[name=q]", "research ship")
    page.select_option("select[name=mode]", "phrase")
    page.click("#search-form button")
    page.wait_for_url("**mode=phrase**")
    assert page.locator("#results li").count() >= 1
    shot(page, "search-phrase")
    page.fill("input[name=q]", "a research vessel drifted for hours and its crew was rescued")
    page.select_option("select[name=mode]", "claims")
    page.click("#search-form button")
    page.wait_for_url("**mode=claims**")
    assert page.locator("#results li").count() >= 1 and "similarity" in page.locator("#results li").first.inner_text()
    shot(page, "search-claims")


def test_paste_form_shows_the_analysis_and_stores_with_the_token(page, app_url):
    page.goto(app_url + "/analyze")
    page.fill("#text", PASTED)
    page.click("#analyze-form button")
    page.wait_for_selector("#analysis")
    assert "Analysis (not stored)" in page.locator("#analysis h2").first.inner_text()
    assert page.locator("#analysis h1").inner_text() == "Velmora Ferry Returns After Pontoon Repairs"
    assert page.locator("#analysis .m-claim").count() >= 1 and page.locator("#analysis .m-quote").count() >= 1
    shot(page, "analyze")
    page.check("input[name=store]")
    page.fill("#token", "wrong")
    page.click("#analyze-form button")
    page.wait_for_selector("#error-message")
    assert "token is wrong" in page.locator("#error-message").inner_text()
    page.fill("#token", TOKEN)
    page.click("#analyze-form button")
    page.wait_for_selector("#analysis")
    assert "Stored and analysed" in page.locator("#analysis h2").first.inner_text()
    stored = page.locator("#analysis article.article-report").get_attribute("id").removeprefix("article-")
    page.goto(f"{app_url}/articles/{stored}")
    assert page.locator("article.article-report h1").inner_text() == "Velmora Ferry Returns After Pontoon Repairs"


def test_unknown_pages_and_refused_urls_say_why(page, app_url):
    response = page.goto(app_url + "/articles/no-such-article")
    assert response.status == 404 and "no stored article" in page.locator("#error-message").inner_text()
    page.goto(app_url + "/analyze")
    page.fill("#url", "http://169.254.169.254/latest/meta-data/")
    page.click("#analyze-form button")
    page.wait_for_selector("#error-message")
    assert "link-local address; fetching it is refused" in page.locator("#error-message").inner_text()
    shot(page, "refused-url")


def test_pages_read_on_a_phone(browser, app_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = context.new_page()
    widths = {}
    for path in ("/", "/search?q=pier&mode=words", "/analyze"):
        page.goto(app_url + path)
        widths[path] = page.evaluate("document.documentElement.scrollWidth")
    shot(page, "analyze-phone")
    page.goto(app_url + "/")
    page.locator("a.story-link").first.click()
    page.wait_for_url("**/stories/**")
    widths["story"] = page.evaluate("document.documentElement.scrollWidth")
    shot(page, "story-phone")
    context.close()
    assert all(w <= 390 + 1 for w in widths.values()), f"wider than a 390px screen: {widths}"
