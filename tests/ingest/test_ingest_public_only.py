"""``fetch.public_only``: URLs whose host is not public are refused before any request (the web app's SSRF rule)."""

from __future__ import annotations

from ingest_helpers import PIER_PARAGRAPH, html_page, send

from newstrail import Article, read_inputs
from newstrail.core.errors import RefusedAddress

PAGE = html_page("Pier 9 Closes", [PIER_PARAGRAPH]).encode()


def test_a_loopback_url_is_fetched_by_default_and_refused_with_public_only(site, fast):
    site.routes["/pier"] = lambda s, handler: send(handler, 200, PAGE)
    [article] = read_inputs([site.url("/pier")], fast)
    assert isinstance(article, Article) and article.title == "Pier 9 Closes"
    by_name = site.url("/pier").replace("127.0.0.1", "localhost")
    refused = list(read_inputs([site.url("/pier"), by_name], fast.replace(fetch_public_only=True)))
    assert [type(r) for r in refused] == [RefusedAddress, RefusedAddress]
    assert [r.where for r in refused] == [site.url("/pier"), by_name]
    assert all("a loopback address; fetching it is refused" in str(r) for r in refused)
    assert site.paths() == ["/pier"], "the refused fetch sent nothing"


def test_private_link_local_and_unspecified_hosts_are_refused_without_a_connection(fast):
    public_only = fast.replace(fetch_public_only=True)
    urls = ["http://10.1.2.3/a", "http://172.16.0.9/b", "http://192.168.0.1/", "http://169.254.169.254/latest",
            "http://[::1]:8080/", "http://[::ffff:10.0.0.1]/", "http://0.0.0.0:8000/", "http://100.64.0.1/"]
    found = list(read_inputs(urls, public_only))
    assert all(isinstance(item, RefusedAddress) for item in found), found
    kinds = [str(item).split(", a ")[1].split(" address")[0] for item in found]
    assert kinds == ["private", "private", "private", "link-local", "loopback", "private", "private", "non-public"]
