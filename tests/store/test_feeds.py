"""The feeds repository (what ``newstrail watch`` keeps between restarts), on every backend."""

from newstrail.store import open_store
from newstrail.store.rows import FeedState

RSS = "https://bayherald.example/rss"


def test_a_feed_state_is_kept_replaced_and_read_back_after_reopening(repo, store_location):
    assert repo.feeds.get(RSS) is None
    first = FeedState(RSS, '"v1"', "Tue, 11 Mar 2025 09:00:00 GMT", "2026-12-07T12:00:00Z")
    repo.feeds.put(first)
    assert repo.feeds.get(RSS) == first
    failing = FeedState(RSS, '"v1"', "Tue, 11 Mar 2025 09:00:00 GMT", "2026-12-07T12:15:00Z", 2, "HTTP 503", 1796637720.5)
    repo.feeds.put(failing)
    repo.close()
    with open_store(store_location) as again:
        assert again.feeds.get(RSS) == failing
        assert again.feeds.get(RSS + "?page=2") is None
