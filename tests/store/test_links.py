"""The Links repository, written against the Protocol."""

from datetime import UTC, datetime

from newstrail.core.article import Article, Link, Passage, Span
from newstrail.store.rows import Cite, Lead, ReusedPassage, StoryInfo, UrlLink


def _put(repo, n: int, published: str | None = "2025-03-04", **kw) -> str:
    repo.articles.put(Article(text=f"Crane {n} at Pier 9 fell into the harbour, the port said.", id=f"a{n}", outlet="Harbor Gazette",
                              url=f"https://harbor-gazette.example/{n}", published=published, **kw))
    return f"a{n}"


def test_linking_queue_reuse_and_urls(repo):
    a, b = _put(repo, 1), _put(repo, 2, links=[Link(Span(0, 5), url="https://harbor-gazette.example/1")])
    assert repo.links.unlinked_ids() == [a, b]
    repo.links.mark_linked([a])
    assert repo.links.unlinked_ids() == [b]
    repo.links.add_reuse(a, b, [Passage(0, 20, 0, 20, 4)])
    assert repo.links.reuse_among([a, b]) == [ReusedPassage(a, b, Passage(0, 20, 0, 20, 4))]
    assert repo.links.reuse_among([a]) == []
    assert repo.links.linking_to(["https://harbor-gazette.example/1"]) == [UrlLink(b, "https://harbor-gazette.example/1")]


def test_cites(repo):
    a, b = _put(repo, 1), _put(repo, 2, published=None)
    repo.links.add_cite(Cite(b, "lantern daily"))
    assert repo.links.unresolved_cites(["lantern daily"], datetime(2025, 3, 1, tzinfo=UTC), datetime(2025, 3, 2, tzinfo=UTC)) == [Cite(b, "lantern daily")]  # undated qualifies
    repo.links.add_cite(Cite(b, "lantern daily", a))  # found later: replaced
    assert repo.links.cites_of([b]) == [Cite(b, "lantern daily", a)]
    assert repo.links.unresolved_cites(["lantern daily"]) == []


def test_stories_grow_and_absorb(repo):
    a, b, c = _put(repo, 1, "2025-03-04"), _put(repo, 2, "2025-03-05"), _put(repo, 3, "2025-03-02")
    repo.links.assign_story("s-a", [a, b])
    repo.links.assign_story("s-c", [c])
    assert repo.links.stories(["s-a", "s-x"]) == {"s-a": StoryInfo("s-a", "2025-03-04T00:00:00Z", "2025-03-05T00:00:00Z", 2)}
    repo.links.assign_story("s-c", [], absorbed=["s-a"])
    assert repo.links.story_members("s-c") == [c, a, b]
    assert repo.links.stories_of([a, c]) == {a: "s-c", c: "s-c"}
    assert repo.links.story_ids() == ["s-c"]
    assert repo.links.headlines(["s-c", "s-x"]) == {"s-c": (c, None)}  # its first published article
    assert repo.links.unlinked_count() == 3


def test_leads(repo):
    a, b = _put(repo, 1), _put(repo, 2)
    repo.links.add_leads([Lead(a, "2025-03-04T00:00:00Z", b"\x01\x02"), Lead(b, "2025-03-09T00:00:00Z", b"\x03\x04"), Lead("missing", "2025-03-04T00:00:00Z", b"")])
    assert repo.links.leads_between(datetime(2025, 3, 1, tzinfo=UTC), datetime(2025, 3, 5, tzinfo=UTC)) == [Lead(a, "2025-03-04T00:00:00Z", b"\x01\x02")]
    assert repo.links.leads_of([a, b, "missing"]) == {a: b"\x01\x02", b: b"\x03\x04"}


def test_story_figures_kept_as_it_grows_equal_a_count_over_its_members(repo):
    a, b, c, d, e = (_put(repo, n, date) for n, date in enumerate(["2025-03-04", "2025-03-05", "2025-03-02", None, "2025-03-09"], start=1))
    repo.links.assign_story("s-a", [a])
    repo.links.assign_story("s-a", [a, b])  # a is a member already: counted once
    repo.links.assign_story("s-c", [c, d])  # d is undated: counted, no date
    repo.links.assign_story("s-c", [e, b], absorbed=["s-a", "s-c"])  # b came with s-a
    counted = {"id": "s-c", "first_seen": "2025-03-02T00:00:00Z", "last_seen": "2025-03-09T00:00:00Z", "size": 5}
    assert repo.links.stories(["s-c"])["s-c"] == StoryInfo(**counted)
    assert sorted(repo.links.story_members("s-c")) == sorted([a, b, c, d, e]) and repo.links.story_ids() == ["s-c"]

