"""The Articles and TextIndex repositories, written against the Protocols."""

import json
from datetime import UTC, datetime

import pytest

from newstrail.core.article import Article, Claim, FactCheckMatch, Link, Span
from newstrail.core.errors import AmbiguousKey, NotFound
from newstrail.store import ADDED, EXISTS
from newstrail.store.rows import ArticleRef, ClaimMatch, OutletName


def _day(n: int) -> datetime:
    return datetime(2025, 3, n, tzinfo=UTC)


def _article(n: int, outlet: str = "Harbor Gazette", domain: str | None = "harbor-gazette.example", published: str | None = "2025-03-04", **kw) -> Article:
    return Article(text=f"The Porthaven ferry {n} ran late because of fog in the strait on Tuesday.", id=f"a{n}", outlet=outlet, domain=domain,
                   url=f"https://{domain or 'blog.example'}/ferry/{n}", published=published, title=f"Ferry {n}", **kw)


def test_put_get_and_identity(repo):
    first = _article(1)
    assert repo.articles.put_many([first, _article(2)]) == [ADDED, ADDED]
    assert repo.articles.put(_article(1)) == EXISTS
    assert repo.articles.get("a1") == first
    assert [a.id for a in repo.articles.get_many(["a2", "missing", "a1"])] == ["a2", "a1"]
    assert [a.id for a in repo.articles.iter_articles()] == ["a1", "a2"]
    assert repo.articles.count() == 2
    assert repo.articles.find("https://harbor-gazette.example/ferry/2").id == "a2"
    with pytest.raises(NotFound):
        repo.articles.get("a9")


@pytest.mark.parametrize("record", [
    '{"meta": {"n": 1234567890123456789}}', '{"meta": {"n": -9223372036854775809}}', '{"meta": {"n": 123456789012345678}}',
    '{"meta": {"x": 0.00012345678901234568}}', '{"meta": {"s": "id 12345678901234567890 in a string"}}',
    '{"meta": {"s": "\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"}}',
    '{"meta": {"s": "١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧٨٩", "n": 12345678901}}', '{"meta": {"s": "1234567890é1234567890"}}',
    '{"meta": {"x": NaN}}', '{"meta": {"s": "\ud800 alone"}}',
])
def test_a_record_decodes_as_json_reads_it(record):
    from newstrail.store.sql_articles import _decoded

    decoded = _decoded(record)
    assert repr(decoded) == repr(json.loads(record))  # (repr: an int stays an int, NaN compares)


def test_integers_beyond_64_bits_in_meta_come_back_as_integers(repo):
    # orjson reads such an integer back as a float; the record must read as it was written
    big = _article(1, meta={"feed_sequence": 2**70, "offset": -(2**63) - 1, "small": 7})
    assert repo.articles.put(big) == ADDED
    assert repo.articles.get("a1").meta == {"feed_sequence": 2**70, "offset": -(2**63) - 1, "small": 7}


def test_texts_read_what_comparing_texts_needs_from_the_columns(repo):
    nul = Article(text="The ferry\x00 log was cut off mid-sentence by the harbour radio.", id="a9", outlet="Harbor Gazette",
                  domain="harbor-gazette.example", url="https://harbor-gazette.example/ferry/9", title="Ferry 9")
    repo.articles.put_many([_article(1, claims=[Claim(span=Span(0, 19), score=0.9, checkworthy=True)]), _article(2), nul])
    texts = repo.articles.texts(["a2", "missing", "a1", "a9"])
    assert [a.id for a in texts] == ["a2", "a1", "a9"]
    whole = repo.articles.get("a1")
    assert (texts[1].text, texts[1].title, texts[1].outlet, texts[1].domain, texts[1].url, texts[1].published) == (
        whole.text, whole.title, whole.outlet, whole.domain, whole.url, whole.published)
    assert texts[1].claims == [] and whole.claims  # no record decoded
    # what linking reads: the record but its claims
    linked = repo.articles.get_many(["a1"], without=("claims",))[0]
    assert linked.claims == [] and linked.title == whole.title and linked.links == whole.links
    # a text with a NUL (PostgreSQL's column holds U+FFFD for it) is read whole, NUL and all
    assert texts[2].text == nul.text


def test_refs_urls_and_outlets(repo):
    repo.articles.put_many([_article(1), _article(2, outlet="Lantern Daily", domain="lantern.example", published="2025-03-06"),
                            _article(3, outlet="Lantern Daily", domain=None, published=None)])
    assert repo.articles.refs(["a1"]) == {"a1": ArticleRef("a1", "Harbor Gazette", "harbor-gazette.example", "https://harbor-gazette.example/ferry/1", "2025-03-04")}
    assert repo.articles.ids_for_urls(["https://lantern.example/ferry/2", "https://nowhere.example/"]) == {"https://lantern.example/ferry/2": "a2"}
    assert set(repo.articles.outlet_names()) == {OutletName("Harbor Gazette", "harbor-gazette.example"), OutletName("Lantern Daily", "lantern.example"),
                                                 OutletName("Lantern Daily", None)}
    # undated articles always qualify; dated ones must lie in the window
    assert [r.id for r in repo.articles.of_outlets(["Lantern Daily"], _day(5), _day(7))] == ["a2", "a3"]
    assert [r.id for r in repo.articles.of_outlets(["Lantern Daily"], _day(7), _day(9))] == ["a3"]
    # by name only for articles without a domain; by host for a blog on a platform
    assert [r.id for r in repo.articles.of_outlet(names=["Lantern Daily"])] == ["a3"]
    assert [r.id for r in repo.articles.of_outlet(domains=["lantern.example"], names=["Lantern Daily"])] == ["a2", "a3"]
    assert [r.id for r in repo.articles.of_outlet(hosts=["blog.example"])] == ["a3"]
    # the latest stored only, still oldest first
    assert [r.id for r in repo.articles.of_outlet(domains=["lantern.example", "harbor-gazette.example"], latest=1)] == ["a2"]
    assert [r.id for r in repo.articles.of_outlet(domains=["lantern.example", "harbor-gazette.example"], names=["Lantern Daily"], latest=2)] == ["a2", "a3"]


def test_claim_matches_are_written_at_put_and_replaced_on_update(repo):
    claim = Claim(Span(0, 10), 0.9, True, matches=[FactCheckMatch("fc-1", 0.8, rating="False", evidence={"verdict": "false"})])
    repo.articles.put(_article(1, claims=[claim]))
    assert repo.articles.claim_matches(["a1"]) == [ClaimMatch("a1", 0, "fc-1", "False", "false")]
    article = repo.articles.get("a1")
    article.claims = [Claim(Span(0, 5), 0.5, True), Claim(Span(6, 10), 0.7, True, matches=[FactCheckMatch("fc-2", 0.6, rating="True")])]
    repo.articles.update(article)
    assert repo.articles.claim_matches(["a1"]) == [ClaimMatch("a1", 1, "fc-2", "True", None)]


def test_search_and_gram_postings(repo):
    repo.articles.put_many([_article(1), Article(text="The Gull Rock lighthouse keeper retired.", id="k", title="Keeper", links=[
        Link(Span(4, 8), url="https://harbor-gazette.example/ferry/1")])])
    assert [h.id for h in repo.text.search("lighthouse keeper")] == ["k"]
    assert repo.text.search('fog" OR "x') == []
    repo.text.add_grams("a1", [11, 12], {}, cap=2)
    repo.text.add_grams("k", [12, 13], {12: 2}, cap=2)  # 12 is in cap articles already: a stop hash now
    assert dict(repo.text.gram_postings([11, 12, 13, 14])) == {11: ["a1"], 13: ["k"]}



def test_listing_phrases_and_ambiguous_prefixes(repo):
    repo.articles.put_many([_article(1, published="2025-03-04"), _article(2, outlet="Lantern Daily", domain="lantern.example", published="2025-03-06"),
                            _article(3, published=None),
                            Article(text="The harbor council met at dawn; the council voted late.", id="c0un1", title="Council"),
                            Article(text="A second council meeting was called off.", id="c0un2", title="Council again")])
    assert [r.id for r in repo.articles.listing()] == ["a2", "a1", "c0un2", "c0un1", "a3"]  # newest first; undated last, latest stored first
    assert [r.id for r in repo.articles.listing(outlet="LANTERN.example")] == ["a2"]
    assert [r.id for r in repo.articles.listing(since=_day(5), until=_day(7))] == ["a2"]
    assert [r.id for r in repo.articles.listing(limit=1)] == ["a2"]
    assert [h.id for h in repo.text.search('"harbor council"')] == ["c0un1"]
    assert repo.text.search('"council harbor"') == [] and repo.text.search("council harbor", phrase=True) == []
    with pytest.raises(AmbiguousKey, match="2 stored articles") as caught:
        repo.articles.find("c0un")
    assert [c.split()[0] for c in caught.value.candidates] == ["c0un1", "c0un2"]
