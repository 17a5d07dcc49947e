"""The web app's JSON API over real HTTP: uvicorn on 127.0.0.1, the sample corpus store, httpx as the client.

Covers every endpoint, the error shape, the token rule for writes, the body and
upload caps, the bind rule, and both SSRF refusals (loopback and private/link-local
hosts), with the setting that allows them.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from click.testing import CliRunner

pytest.importorskip("fastapi", reason="the web extra is not installed: pip install 'newstrail[web]'")

from newstrail.cli import main  # noqa: E402
from newstrail.core.config import Settings  # noqa: E402
from newstrail.core.errors import MissingExtra  # noqa: E402
from web_server import copy_store, running, serving  # noqa: E402

TOKEN = "harbor-lantern-token"
ARTICLE = """Ferry Line to Velmora Resumes

The Tidewater ferry line to Velmora island resumed on Tuesday after a 12-day halt, the port authority said.
"The new pontoon passed every test," harbor master Ilse Brandt said, adding that 3 crossings a day will run until May.
"""


@pytest.fixture(scope="module")
def app_url(sample_store: Path, tmp_path_factory) -> Iterator[str]:
    """The app over a copy of the sample store, with a token for writes and small caps to test them."""
    db = copy_store(sample_store, tmp_path_factory.mktemp("web-api"))
    settings = Settings(db=str(db), web_token=TOKEN, web_max_body_bytes=20_000, web_max_upload_bytes=60_000)
    with running(settings) as (url, _server):
        yield url


@pytest.fixture(scope="module")
def client(app_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=app_url, timeout=60) as c:
        yield c


AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_openapi_lists_every_endpoint(client):
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/api/analyze", "/api/articles", "/api/articles/upload", "/api/articles/{key}", "/api/articles/{key}/trace",
            "/api/stories", "/api/stories/{story_id}", "/api/search", "/api/factchecks/match", "/api/factchecks"} <= paths
    assert "/" not in paths, "pages are not part of the API description"
    # no page that needs a CDN: FastAPI's /docs and /redoc load their scripts from one
    assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404


def test_stories_by_recency_and_by_size_with_headlines(client):
    recent = client.get("/api/stories").json()
    lasts = [s["last"] for s in recent]
    assert lasts == sorted(lasts, reverse=True)
    assert all(s["headline"] and s["size"] >= 2 for s in recent)
    by_size = client.get("/api/stories", params={"sort": "size"}).json()
    assert [s["size"] for s in by_size] == sorted((s["size"] for s in by_size), reverse=True)
    assert {s["id"] for s in by_size} == {s["id"] for s in recent}
    assert len(client.get("/api/stories", params={"min_size": 1}).json()) > len(recent)


def test_an_article_its_claims_its_trace_and_its_story(client):
    story = client.get("/api/stories", params={"sort": "size"}).json()[0]
    article = client.get(f"/api/articles/{story['article']}").json()
    assert article["id"] == story["article"] and article["title"] == story["headline"]
    assert "source_ratings" in article and article["story"] == story["id"]
    claims = client.get(f"/api/articles/{article['id']}/claims").json()
    assert claims["claims"] and all(c["checkworthy"] for c in claims["claims"])
    trace = client.get(f"/api/articles/{article['id']}/trace").json()
    assert trace["story"] == story["id"] and len(trace["articles"]) == story["size"]
    assert client.get(f"/api/stories/{story['id']}").json()["edges"] == trace["edges"]
    by_url = client.get("/api/articles/" + quote(article["url"], safe=""))  # a key may be the URL, slashes and all
    assert by_url.status_code == 200 and by_url.json()["id"] == article["id"]
    assert client.get(f"/api/articles/{article['id'][:6]}").json()["id"] == article["id"]  # a unique prefix


def test_search_words_phrase_and_claims(client):
    words = client.get("/api/search", params={"q": "ship research"}).json()["articles"]
    assert words, "both words are in the research-ship story"
    assert client.get("/api/search", params={"q": "ship research", "mode": "phrase"}).json()["articles"] == []
    phrase = client.get("/api/search", params={"q": "research ship", "mode": "phrase"}).json()["articles"]
    assert phrase and {h["id"] for h in phrase} <= {h["id"] for h in words}
    claims = client.get("/api/search", params={"q": "a research vessel drifted and its crew was rescued", "mode": "claims"}).json()["claims"]
    assert claims and claims[0]["similarity"] >= claims[-1]["similarity"]
    top = client.get(f"/api/articles/{claims[0]['article']}").json()
    assert "ship" in top["text"].lower() and top["text"][claims[0]["start"]:claims[0]["end"]] == claims[0]["text"]


def test_match_a_claim_against_the_factchecks(client):
    body = {"text": "Two cups of sea-buckthorn tea a day halve your risk of type 2 diabetes"}
    matches = client.post("/api/factchecks/match", json=body).json()["matches"]
    assert matches and "sea-buckthorn" in matches[0]["claim"] and matches[0]["verdict"] == "misleading"
    assert matches[0]["score"] >= 0.5 and matches[0]["publisher"]
    listed = client.get("/api/factchecks", params={"limit": 2}).json()
    assert len(listed["factchecks"]) == 2 and listed["total"] > 2


def test_analyze_without_storing_writes_nothing(client):
    done = client.post("/api/analyze", json={"text": ARTICLE, "outlet": "Tidewater Courier"}).json()
    assert done["stored"] is False and done["errors"] == []
    (record,) = done["articles"]
    assert record["status"] == "analysed" and record["title"] == "Ferry Line to Velmora Resumes" and record["outlet"] == "Tidewater Courier"
    assert any(c["checkworthy"] for c in record["claims"]) and record["quotes"]
    assert "rhetoric" in record["stages"]
    assert client.get(f"/api/articles/{record['id']}").status_code == 404


def test_storing_needs_the_token(client):
    body = {"text": ARTICLE.replace("12-day", "13-day"), "title": "Velmora ferry back"}
    missing = client.post("/api/articles", json=body)
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    assert missing.json()["status"] == 401 and "token" in missing.json()["message"]
    assert client.post("/api/articles", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 403
    stored = client.post("/api/articles", json=body, headers=AUTH)
    assert stored.status_code == 201
    (record,) = stored.json()["articles"]
    assert record["status"] == "added" and record["story"]
    assert client.get(f"/api/articles/{record['id']}").json()["title"] == "Velmora ferry back"
    again = client.post("/api/articles", json=body, headers=AUTH).json()["articles"][0]
    assert again["status"] == "exists" and again["id"] == record["id"]


def test_uploads_store_articles_and_import_factchecks(client):
    files = [("files", ("velmora.md", ARTICLE.replace("Tuesday", "Wednesday").encode(), "text/markdown"))]
    assert client.post("/api/articles/upload", files=files).status_code == 401
    done = client.post("/api/articles/upload", files=files, headers=AUTH).json()
    assert [a["status"] for a in done["articles"]] == ["added"] and done["articles"][0]["source"] == "velmora.md"
    review = {"@type": "ClaimReview", "url": "https://tidewatch.example/checks/velmora-pontoon",
              "claimReviewed": "The Velmora pontoon failed its load test twice.", "author": {"name": "Tidewatch Verify"},
              "reviewRating": {"alternateName": "False"}}
    upload = [("files", ("velmora.json", json.dumps(review).encode(), "application/json"))]
    imported = client.post("/api/factchecks", files=upload, headers=AUTH)
    assert imported.status_code == 201 and imported.json()["files"] == [{"file": "velmora.json", "added": 1, "exists": 0, "failed": 0, "errors": []}]
    match = client.post("/api/factchecks/match", json={"text": "the Velmora pontoon failed its load test twice"}).json()
    assert match["matches"][0]["url"] == review["url"]


def test_errors_are_json_with_status_and_message(client):
    for response, status in ((client.get("/api/articles/no-such-article"), 404),
                             (client.get("/api/no-such-endpoint"), 404),
                             (client.post("/api/analyze", json={}), 400),
                             (client.post("/api/analyze", json={"text": "x", "url": "https://a.example/"}), 400),
                             (client.get("/api/stories", params={"sort": "loudest"}), 422),
                             (client.post("/api/analyze", content=b"{not json", headers={"Content-Type": "application/json"}), 422),
                             (client.post("/api/analyze", json={"text": "Too short."}), 422)):
        body = response.json()
        assert response.status_code == status and body["status"] == status, body
        assert isinstance(body["message"], str) and body["message"]


def test_the_paste_form_refuses_posts_from_other_sites(client):
    form = {"text": ARTICLE.replace("Tuesday", "Friday"), "store": "true"}
    forged = client.post("/analyze", data=form, headers={"Origin": "https://elsewhere.example"})
    assert forged.status_code == 403 and "forms are taken only from this server&#39;s own pages" in forged.text
    own = client.post("/analyze", data={"text": ARTICLE}, headers={"Origin": str(client.base_url).rstrip("/")})
    assert own.status_code == 200 and "Analysis (not stored)" in own.text


def test_error_messages_name_the_store_without_its_folder(client):
    message = client.get("/api/articles/no-such-article").json()["message"]
    assert "in newstrail.db" in message and "/newstrail.db" not in message


def test_bodies_and_uploads_over_the_caps_get_413(client):
    big = {"text": "The pier closed. " * 2000}  # about 34 kB, over the 20 kB body cap
    over = client.post("/api/analyze", json=big)
    assert over.status_code == 413 and "web.max_body_bytes" in over.json()["message"]
    # no Content-Length (chunked): counted while read
    chunked = client.post("/api/analyze", content=iter([json.dumps(big).encode()]), headers={"Content-Type": "application/json"})
    assert chunked.status_code == 413
    files = [("files", ("big.txt", b"x" * 70_000, "text/plain"))]
    upload = client.post("/api/articles/upload", files=files, headers=AUTH)
    assert upload.status_code == 413 and "web.max_upload_bytes" in upload.json()["message"]


@pytest.fixture(scope="module")
def loopback_page() -> Iterator[str]:
    """A news page served on 127.0.0.1 (what an attacker would point the app at: an internal service)."""
    page = ("<html><head><title>Internal memo</title></head><body><article><h1>Internal memo</h1>"
            + "<p>The harbor council met on Monday and approved the pier budget of 3 million crowns for repairs.</p>" * 3
            + "</article></body></html>").encode()

    with serving(page, "text/html; charset=utf-8") as port:
        yield f"http://127.0.0.1:{port}/memo"


def test_urls_at_loopback_are_refused(client, loopback_page):
    for url in (loopback_page, loopback_page.replace("127.0.0.1", "localhost")):
        refused = client.post("/api/analyze", json={"url": url})
        assert refused.status_code == 403, refused.text
        assert "loopback address; fetching it is refused" in refused.json()["message"]


def test_urls_at_private_and_link_local_addresses_are_refused_before_connecting(client):
    # refused from the address alone: nothing is sent to these hosts
    for url, kind in (("http://10.20.30.40/news", "private"), ("http://192.168.1.10/", "private"),
                      ("http://169.254.169.254/latest/meta-data/", "link-local"), ("http://[fe80::1]/", "link-local")):
        refused = client.post("/api/analyze", json={"url": url})
        assert refused.status_code == 403 and f"a {kind} address" in refused.json()["message"], refused.text
    stored = client.post("/api/articles", json={"url": "http://10.20.30.40/news"}, headers=AUTH)
    assert stored.status_code == 403


def test_the_setting_allows_private_urls(sample_store, tmp_path, loopback_page):
    settings = Settings(db=str(copy_store(sample_store, tmp_path)), web_allow_private_urls=True)
    with running(settings) as (url, _server):
        done = httpx.post(f"{url}/api/analyze", json={"url": loopback_page}, timeout=60).json()
    assert done["articles"][0]["title"] == "Internal memo" and done["articles"][0]["url"] == loopback_page


def test_binds_only_to_the_given_host(app_url):
    port = int(app_url.rsplit(":", 1)[1])
    # the port is taken on 127.0.0.1 only: another address of the machine (when it has one) gets no answer
    others = {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)} - {"127.0.0.1"}
    with socket.socket() as probe:
        probe.bind(("127.0.0.2", port))  # nothing else on 127.0.0.0/8 holds the port
    for address in others:
        with socket.socket() as probe:
            probe.settimeout(2)
            assert probe.connect_ex((address, port)) != 0, f"the app answers on {address}"


def test_refuses_to_start_beyond_loopback_without_a_token(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "x.db"), "--host", "0.0.0.0", "--port", "1"], env={"NEWSTRAIL_TOKEN": ""})
    assert result.exit_code == 2
    assert "refusing to serve on 0.0.0.0 without a token" in result.output


def test_missing_extra_names_the_pip_line(monkeypatch):
    from newstrail import web

    monkeypatch.setitem(sys.modules, "uvicorn", None)  # as if the web extra were not installed
    with pytest.raises(MissingExtra, match=r"pip install 'newstrail\[web\]'"):
        web.create_app(Settings())


def test_import_newstrail_and_the_cli_stay_light():
    heavy = ('fastapi', 'starlette', 'uvicorn', 'python_multipart', 'jinja2', 'tqdm')  # jinja2 and tqdm: when a report or a bar is made
    code = f"import sys, newstrail, newstrail.cli; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_newstrail_serve_in_a_subprocess_reads_the_token_from_the_environment(sample_store, tmp_path):
    from web_server import free_port

    db, port = copy_store(sample_store, tmp_path), free_port()
    env = {**os.environ, "NEWSTRAIL_TOKEN": "from-the-environment", "PYTHONPATH": os.pathsep.join(sys.path)}
    command = [sys.executable, "-c", "from newstrail.cli import main; main()", "serve", "--db", str(db), "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                stories = httpx.get(f"{url}/api/stories", timeout=5)
                break
            except httpx.TransportError:
                assert server.poll() is None and time.monotonic() < deadline, "newstrail serve did not start"
                time.sleep(0.2)
        assert stories.status_code == 200 and stories.json()
        body = {"text": ARTICLE}
        assert httpx.post(f"{url}/api/articles", json=body, timeout=60).status_code == 401
        stored = httpx.post(f"{url}/api/articles", json=body, headers={"Authorization": "Bearer from-the-environment"}, timeout=60)
        assert stored.status_code == 201
    finally:
        server.terminate()
        _, err = server.communicate(timeout=20)
    assert f"serving {db} on http://127.0.0.1:{port}/ (writes need the token)" in err
