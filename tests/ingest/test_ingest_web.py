"""URLs and feeds against a real HTTP server on 127.0.0.1 (the ``site`` fixture)."""

from __future__ import annotations

import socket
import time

import pytest
from ingest_helpers import FERRY_PARAGRAPH, PIER_PARAGRAPH, html_page, send

from newstrail import Article, FetchError, InputTooLarge, NoArticleText, Settings, read_inputs

PIER_HTML = html_page(
    "Pier 9 Closes",
    [PIER_PARAGRAPH + ' The full report is on <a href="report">the council page</a>.'],
    head='<meta name="author" content="Dana Reyes"><meta property="og:site_name" content="The Harbor Lantern"><meta property="article:published_time" content="2025-03-06">',
).encode()
FERRY_HTML = html_page("Ferry Strike Ends", [FERRY_PARAGRAPH], head='<meta name="author" content="Lina Okafor">').encode()


def page(body: bytes, ctype: str = "text/html; charset=utf-8"):
    def route(site, handler):
        send(handler, 200, body, ctype)

    return route


def redirect(to: str, status: int = 302):
    def route(site, handler):
        send(handler, status, b"", headers={"Location": to})

    return route


@pytest.fixture
def news(site):
    site.routes["/news/pier-9"] = page(PIER_HTML)
    site.routes["/news/ferry"] = page(FERRY_HTML)
    return site


def test_html_article_from_a_url(news, fast):
    [article] = read_inputs([news.url("/news/pier-9")], fast)
    assert isinstance(article, Article), article
    assert article.title == "Pier 9 Closes"
    assert article.authors == ["Dana Reyes"]
    assert article.outlet == "The Harbor Lantern"
    assert article.published == "2025-03-06"
    assert article.url == news.url("/news/pier-9")
    assert article.source == news.url("/news/pier-9")
    assert article.text.startswith(PIER_PARAGRAPH)
    [link] = article.links
    # relative to the page, not to the site root
    assert link.url == news.url("/news/report")
    assert article.text[link.span.start : link.span.end] == "the council page"
    assert news.paths() == ["/news/pier-9"]


def test_user_agent_is_the_configured_one(news, fast):
    list(read_inputs([news.url("/news/pier-9")], fast))
    [hit] = news.hits
    assert hit.headers["user-agent"] == Settings().user_agent
    custom = fast.replace(user_agent="harbor-lantern-archive/2.0 (+https://harborlantern.example/bot)")
    list(read_inputs([news.url("/news/ferry")], custom))
    assert news.hits[-1].headers["user-agent"] == "harbor-lantern-archive/2.0 (+https://harborlantern.example/bot)"


def test_redirect_chain_is_followed_and_the_final_url_kept(news, fast):
    news.routes["/r/1"] = redirect("/r/2", 301)
    news.routes["/r/2"] = redirect(news.url("/r/3"), 302)
    news.routes["/r/3"] = redirect("/news/ferry?utm_source=chain", 307)
    [article] = read_inputs([news.url("/r/1")], fast)
    assert isinstance(article, Article), article
    assert article.title == "Ferry Strike Ends"
    assert article.url == news.url("/news/ferry")  # tracking parameter dropped
    assert news.paths() == ["/r/1", "/r/2", "/r/3", "/news/ferry?utm_source=chain"]


def test_endless_redirect_loop_is_a_fetch_error(news, fast):
    news.routes["/loop/a"] = redirect("/loop/b")
    news.routes["/loop/b"] = redirect("/loop/a")
    [error] = read_inputs([news.url("/loop/a")], fast.replace(max_redirects=4))
    assert isinstance(error, FetchError)
    assert error.where == news.url("/loop/a")
    assert "more than 4 redirects" in str(error)
    assert len(news.hits) == 5  # the first request and four redirects, then it stops


def test_too_many_redirects_for_a_finite_chain(news, fast):
    for n in range(1, 4):
        news.routes[f"/hop/{n}"] = redirect(f"/hop/{n + 1}" if n < 3 else "/news/pier-9")
    [error] = read_inputs([news.url("/hop/1")], fast.replace(max_redirects=2))
    assert isinstance(error, FetchError) and "max_redirects" in str(error)
    [article] = read_inputs([news.url("/hop/1")], fast.replace(max_redirects=3))
    assert isinstance(article, Article)


def test_404_is_a_fetch_error_without_retries(news):
    settings = Settings(fetch_timeout=2, fetch_retries=3, fetch_backoff=0.01)
    [error] = read_inputs([news.url("/news/gone")], settings)
    assert isinstance(error, FetchError)
    assert str(error) == f"{news.url('/news/gone')}: HTTP 404 Not Found"
    assert len(news.hits) == 1  # a 404 is an answer, not a glitch: no retry


def test_503_twice_then_200_is_retried_with_backoff(news):
    attempts = []

    def flaky(site, handler):
        attempts.append(time.monotonic())
        if len(attempts) <= 2:
            send(handler, 503, b"busy", "text/plain")
        else:
            send(handler, 200, PIER_HTML)

    news.routes["/flaky"] = flaky
    settings = Settings(fetch_timeout=2, fetch_retries=2, fetch_backoff=0.1)
    [article] = read_inputs([news.url("/flaky")], settings)
    assert isinstance(article, Article), article
    assert article.title == "Pier 9 Closes"
    assert len(attempts) == 3
    first_pause, second_pause = attempts[1] - attempts[0], attempts[2] - attempts[1]
    assert first_pause >= 0.1  # fetch_backoff
    assert second_pause >= 0.2  # doubled


def test_503_beyond_the_retries_gives_up(news):
    news.routes["/down"] = lambda site, handler: send(handler, 503, b"down", "text/plain")
    settings = Settings(fetch_timeout=2, fetch_retries=1, fetch_backoff=0.01)
    [error] = read_inputs([news.url("/down")], settings)
    assert isinstance(error, FetchError)
    assert "HTTP 503" in str(error) and "gave up after 2 attempt(s)" in str(error)
    assert len(news.hits_of("/down")) == 2


def test_429_is_retried(news):
    calls = []

    def limited(site, handler):
        calls.append(1)
        if len(calls) == 1:
            send(handler, 429, b"slow down", "text/plain", headers={"Retry-After": "0"})
        else:
            send(handler, 200, FERRY_HTML)

    news.routes["/limited"] = limited
    [article] = read_inputs([news.url("/limited")], Settings(fetch_timeout=2, fetch_retries=1, fetch_backoff=0.01))
    assert isinstance(article, Article) and len(calls) == 2


def test_slow_route_times_out(news):
    def slow(site, handler):
        time.sleep(1.2)
        send(handler, 200, PIER_HTML)

    news.routes["/slow"] = slow
    settings = Settings(fetch_timeout=0.3, fetch_retries=0, fetch_backoff=0.01)
    started = time.monotonic()
    [error] = read_inputs([news.url("/slow")], settings)
    elapsed = time.monotonic() - started
    assert isinstance(error, FetchError)
    assert "timed out" in str(error) and "0.3 s" in str(error)
    assert error.where == news.url("/slow")
    assert elapsed < 1.0


def test_connection_refused_is_a_fetch_error(fast):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    [error] = read_inputs([f"http://127.0.0.1:{port}/news"], fast)
    assert isinstance(error, FetchError)
    assert "connection failed" in str(error)


def test_huge_declared_body_is_refused(news):
    news.routes["/huge"] = page(b"<html><body><p>" + b"quay " * 20_000 + b"</p></body></html>")
    [error] = read_inputs([news.url("/huge")], Settings(max_input_bytes=10_000, fetch_retries=0))
    assert isinstance(error, InputTooLarge)
    assert error.where == news.url("/huge")
    assert "declared, over the 10,000-byte cap" in str(error)


def test_huge_streamed_body_is_cut_at_the_cap(news):
    def endless(site, handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()  # no Content-Length: the body runs until the connection closes
        for _ in range(200):
            handler.wfile.write(b"<p>" + b"quay " * 200 + b"</p>")

    news.routes["/endless"] = endless
    [error] = read_inputs([news.url("/endless")], Settings(max_input_bytes=20_000, fetch_retries=0))
    assert isinstance(error, InputTooLarge)
    assert "body over the 20,000-byte cap" in str(error)


def test_plain_text_url(news, fast):
    news.routes["/notes.txt"] = page(("Quay Works\n\n" + PIER_PARAGRAPH + "\n").encode(), "text/plain; charset=utf-8")
    [article] = read_inputs([news.url("/notes.txt")], fast)
    assert (article.title, article.text, article.url) == ("Quay Works", PIER_PARAGRAPH, news.url("/notes.txt"))


def test_page_without_article_from_a_url(news, fast):
    news.routes["/empty"] = page(b"<html><head><title>Nothing</title></head><body></body></html>")
    [error] = read_inputs([news.url("/empty")], fast)
    assert isinstance(error, NoArticleText) and error.where == news.url("/empty")


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
<title>The Harbor Lantern</title>
<link>{base}/</link>
<description>News from Porthaven harbor</description>
<item>
  <title>Pier 9 Closes After Inspection</title>
  <link>{base}/news/pier-9</link>
  <author>newsdesk@harborlantern.example (Dana Reyes)</author>
  <pubDate>Thu, 06 Mar 2025 09:30:00 GMT</pubDate>
</item>
<item>
  <title>Ferry Strike Ends</title>
  <link>{base}/go/ferry</link>
  <pubDate>Fri, 07 Mar 2025 07:00:00 GMT</pubDate>
</item>
<item>
  <title>Lighthouse Sale Called Off</title>
  <link>{base}/news/lighthouse</link>
</item>
</channel>
</rss>
"""


def test_rss_items_without_content_are_fetched(news, fast):
    news.routes["/go/ferry"] = redirect("/news/ferry")
    news.routes["/feed.rss"] = lambda site, handler: send(handler, 200, RSS.format(base=site.base).encode(), "application/rss+xml")
    items = list(read_inputs([news.url("/feed.rss")], fast))
    assert [type(i) for i in items] == [Article, Article, FetchError]
    pier, ferry, missing = items
    # the feed's fields win over the page's own
    assert pier.title == "Pier 9 Closes After Inspection"
    assert pier.outlet == "The Harbor Lantern"
    assert pier.published == "2025-03-06T09:30:00Z"
    assert pier.text.startswith(PIER_PARAGRAPH)
    assert pier.url == news.url("/news/pier-9")
    assert pier.source.startswith(news.url("/feed.rss") + "#entry1")
    # the page fills what the feed item does not say
    assert ferry.authors == ["Lina Okafor"]
    assert ferry.url == news.url("/news/ferry")  # after the item link's redirect
    assert ferry.text == FERRY_PARAGRAPH
    assert missing.where == news.url("/news/lighthouse") and "HTTP 404" in str(missing)
    assert news.paths() == ["/feed.rss", "/news/pier-9", "/go/ferry", "/news/ferry", "/news/lighthouse"]
    assert {h.headers["user-agent"] for h in news.hits} == {Settings().user_agent}


def test_rss_served_with_a_wrong_content_type_is_still_a_feed(news, fast):
    news.routes["/feed"] = lambda site, handler: send(handler, 200, RSS.format(base=site.base).encode(), "text/html")
    news.routes["/go/ferry"] = redirect("/news/ferry")
    items = list(read_inputs([news.url("/feed")], fast))
    assert [type(i) for i in items] == [Article, Article, FetchError]
    assert [a.title for a in items[:2]] == ["Pier 9 Closes After Inspection", "Ferry Strike Ends"]
    assert news.paths()[:2] == ["/feed", "/news/pier-9"]


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>The Bay Herald</title>
  <id>urn:uuid:8d6e2a0c-0000-4000-8000-000000000001</id>
  <updated>2025-03-07T10:00:00Z</updated>
  <entry>
    <title>Harbor Council Votes to Close Pier 9</title>
    <link href="{base}/atom-only/pier-9"/>
    <id>urn:uuid:8d6e2a0c-0000-4000-8000-000000000002</id>
    <published>2025-03-05T18:00:00Z</published>
    <author><name>Ilse Markova</name></author>
    <author><name>Pavel Onu</name></author>
    <content type="html">&lt;p&gt;{pier}&lt;/p&gt;&lt;p&gt;Read the &lt;a href="https://porthaven.example/council/minutes-12"&gt;council minutes&lt;/a&gt; for the vote.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Ferry Crews Back at Work</title>
    <link href="{base}/atom-only/ferry"/>
    <id>urn:uuid:8d6e2a0c-0000-4000-8000-000000000003</id>
    <updated>2025-03-07T08:00:00Z</updated>
    <content type="html">&lt;p&gt;{ferry}&lt;/p&gt;</content>
  </entry>
</feed>
"""


def test_atom_entries_with_full_content_are_read_from_the_feed(news, fast):
    body = ATOM.format(base=news.base, pier=PIER_PARAGRAPH, ferry=FERRY_PARAGRAPH).encode()
    news.routes["/feed.atom"] = lambda site, handler: send(handler, 200, body, "application/atom+xml")
    items = list(read_inputs([news.url("/feed.atom")], fast))
    assert all(isinstance(i, Article) for i in items), items
    pier, ferry = items
    assert pier.title == "Harbor Council Votes to Close Pier 9"
    assert pier.authors == ["Ilse Markova", "Pavel Onu"]
    assert pier.outlet == "The Bay Herald"
    assert pier.published == "2025-03-05T18:00:00Z"
    assert pier.url == news.url("/atom-only/pier-9")
    assert pier.text == PIER_PARAGRAPH + "\n\nRead the council minutes for the vote."
    [link] = pier.links
    assert (link.url, pier.text[link.span.start : link.span.end]) == ("https://porthaven.example/council/minutes-12", "council minutes")
    assert ferry.published == "2025-03-07T08:00:00Z"  # <updated> when there is no <published>
    assert ferry.text == FERRY_PARAGRAPH
    # the content was in the feed: no entry page was fetched
    assert news.paths() == ["/feed.atom"]


def test_feed_file_without_a_fetcher_uses_summaries(write):
    rss = RSS.format(base="https://harborlantern.example").replace(
        "<title>Lighthouse Sale Called Off</title>",
        f"<title>Lighthouse Sale Called Off</title><description>{FERRY_PARAGRAPH}</description>",
    )
    items = list(read_inputs([str(write("lantern.rss", rss))], Settings()))
    # items without content or summary cannot be fetched from a file: one error each
    assert [type(i) for i in items] == [NoArticleText, NoArticleText, Article]
    assert (items[2].title, items[2].text, items[2].outlet) == ("Lighthouse Sale Called Off", FERRY_PARAGRAPH, "The Harbor Lantern")
    assert all("no content, summary or link to fetch" in str(i) for i in items[:2])
    assert items[0].where == f"{write('lantern.rss', rss)}#entry1 (https://harborlantern.example/news/pier-9)"


def test_feed_title_does_not_leave_the_page_headline_in_the_text(news, fast):
    # The feed calls the story "Pier 9 Closes After Inspection", the page "Pier 9 Closes":
    # the text must be the same as when the page is read by itself.
    news.routes["/feed.rss"] = lambda site, handler: send(handler, 200, RSS.format(base=site.base).encode(), "application/rss+xml")
    from_feed = next(iter(read_inputs([news.url("/feed.rss")], fast)))
    [alone] = read_inputs([news.url("/news/pier-9")], fast)
    assert from_feed.title == "Pier 9 Closes After Inspection" and alone.title == "Pier 9 Closes"
    assert from_feed.text == alone.text
    assert from_feed.content_hash == alone.content_hash
    assert [(ln.url, ln.span) for ln in from_feed.links] == [(ln.url, ln.span) for ln in alone.links]


def test_relative_entry_links_resolve_against_the_feed_url(news, fast):
    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>The Harbor Lantern</title>'
        "<item><title>Pier 9 Closes</title><link>/news/pier-9</link></item>"
        "</channel></rss>"
    ).encode()
    atom = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>The Harbor Lantern</title><id>urn:x</id>'
        '<updated>2025-03-07T00:00:00Z</updated><entry><title>Ferry</title><link href="../news/ferry"/><id>urn:y</id>'
        "<updated>2025-03-07T00:00:00Z</updated></entry></feed>"
    ).encode()
    news.routes["/feeds/lantern.rss"] = lambda site, handler: send(handler, 200, rss, "application/rss+xml")
    news.routes["/feeds/lantern.atom"] = lambda site, handler: send(handler, 200, atom, "application/atom+xml")
    items = list(read_inputs([news.url("/feeds/lantern.rss"), news.url("/feeds/lantern.atom")], fast))
    assert [type(i) for i in items] == [Article, Article], items
    assert [a.url for a in items] == [news.url("/news/pier-9"), news.url("/news/ferry")]
    assert news.paths() == ["/feeds/lantern.rss", "/news/pier-9", "/feeds/lantern.atom", "/news/ferry"]


def test_feed_entry_with_a_non_web_link_is_not_retried(news):
    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>The Harbor Lantern</title>'
        "<item><title>Archive</title><link>ftp://harborlantern.example/archive/pier-9.txt</link></item>"
        "</channel></rss>"
    ).encode()
    news.routes["/feed.rss"] = lambda site, handler: send(handler, 200, rss, "application/rss+xml")
    settings = Settings(fetch_timeout=2, fetch_retries=3, fetch_backoff=0.5)
    started = time.monotonic()
    [error] = read_inputs([news.url("/feed.rss")], settings)
    assert isinstance(error, FetchError)
    assert str(error).startswith("ftp://harborlantern.example/archive/pier-9.txt: not a web URL")
    assert time.monotonic() - started < 0.5  # no back-off pauses: retrying cannot help


def test_several_urls_share_one_run(news, fast):
    items = list(read_inputs([news.url("/news/pier-9"), news.url("/news/nope"), news.url("/news/ferry")], fast))
    assert [type(i) for i in items] == [Article, FetchError, Article]
