"""How long the web app takes to answer, on the sample corpus, over real HTTP.

    python bench/web.py [--rounds 20]

Builds the sample corpus store with ``newstrail.api.demo`` in a temporary folder,
serves it with uvicorn on a free 127.0.0.1 port (in a thread), warms each request
once (models load on first use), then prints the median and the slowest wall-clock
time of ``--rounds`` requests for each page and endpoint, one client at a time.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path

import httpx

from newstrail import api
from newstrail.core.config import Settings
from newstrail.web.server import server

ARTICLE = ("Velmora Ferry Returns\n\nThe Tidewater ferry line to Velmora island resumed on Tuesday after a 12-day halt, "
           "the port authority said. \"The new pontoon passed every test,\" harbor master Ilse Brandt said.\n")


def requests(story: str, article: str) -> list[tuple[str, str, dict[str, object] | None]]:
    """(method, path, JSON body) of each request timed."""
    return [
        ("GET", "/", None),
        ("GET", f"/stories/{story}", None),
        ("GET", f"/articles/{article}", None),
        ("GET", "/search?q=research+ship&mode=phrase", None),
        ("GET", "/api/stories", None),
        ("GET", f"/api/stories/{story}", None),
        ("GET", f"/api/articles/{article}", None),
        ("GET", "/api/search?q=ship+rescued&mode=claims", None),
        ("POST", "/api/factchecks/match", {"text": "Two cups of sea-buckthorn tea a day halve your diabetes risk"}),
        ("POST", "/api/analyze", {"text": ARTICLE}),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as folder:
        db = api.demo(Path(folder) / "demo").db
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        running = server(Settings(db=str(db), web_port=port))
        running.config.log_level = "warning"
        thread = threading.Thread(target=running.run, daemon=True)
        thread.start()
        while not running.started:
            time.sleep(0.05)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
            story = client.get("/api/stories", params={"sort": "size"}).json()[0]
            print(f"sample corpus: {len(client.get('/api/stories', params={'min_size': 1}).json())} stories; "
                  f"{rounds} requests each, one at a time\n")
            print(f"{'request':<52} {'median ms':>10} {'max ms':>8}")
            for method, path, body in requests(story["id"], story["article"]):
                client.request(method, path, json=body).raise_for_status()  # warm: models load on first use
                times = []
                for _ in range(rounds):
                    start = time.perf_counter()
                    client.request(method, path, json=body).raise_for_status()
                    times.append((time.perf_counter() - start) * 1000)
                print(f"{method + ' ' + path[:46]:<52} {statistics.median(times):>10.1f} {max(times):>8.1f}")
        running.should_exit = True
        thread.join(timeout=10)


if __name__ == "__main__":
    main()
