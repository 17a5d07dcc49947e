"""Cross-article linking: text reuse, stories, provenance graphs and mutations.

:class:`Corpus` is the explicit object that holds the cross-article state; all of
it lives in the store, so a corpus grows across runs and processes.

>>> import tempfile, os
>>> from newstrail.store import open_store
>>> store = open_store(os.path.join(tempfile.mkdtemp(), "c.db"))
>>> Corpus(store).link().articles
0
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newstrail.core.errors import NotFound
from newstrail.core.progress import Progress, counter
from newstrail.store import Store
from newstrail.corpus.leads import related_pairs
from newstrail.corpus.linking import Linker, LinkOptions, LinkReport, anchors
from newstrail.corpus.mutations import Mutation, compare_articles, quote_mutations
from newstrail.analyze.outlet_facts import index_pending
from newstrail.corpus.outlets import resolver_for
from newstrail.corpus.components import UnionFind
from newstrail.corpus.provenance import Edge, Graph, chronological, story_graph

__all__ = ["Corpus", "Edge", "LinkOptions", "LinkReport", "Mutation", "Trace"]


@dataclass
class Trace:
    """The answer to "where did this story come from and how did it change"."""

    story: str
    graph: Graph
    mutations: list[Mutation] = field(default_factory=list)
    #: pairs no edge joins whose leads tell the same story (see :mod:`newstrail.corpus.leads`)
    related: list[dict[str, Any]] = field(default_factory=list)
    #: articles of the story that are imported fact-checks: what they rate, and how
    factchecks: list[dict[str, Any]] = field(default_factory=list)
    #: related pairs beyond the :data:`~newstrail.corpus.leads.MAX_RELATED` listed
    related_omitted: int = 0

    @property
    def roles(self) -> dict[str, str]:
        """Each article's role (origin, amplifier, independent, fact-check, debunk, correction, denial)."""
        return self.graph.roles()

    @property
    def origins(self) -> list[str]:
        """The corpus articles where the story starts (see :attr:`Graph.origins`)."""
        return self.graph.origins

    def shares_quote(self) -> list[dict[str, Any]]:
        """Pairs joined only by a shared quotation: told together, neither copied the other."""
        out = []
        for a, b in self.graph.quote_links:
            evidence = [ev for ev in self.graph.edges[(a, b)].evidence if ev.get("words")]
            out.append({"a": a, "b": b, "words": sum(ev["words"] for ev in evidence),
                        "text": evidence[0].get("text", "") if evidence else ""})
        return out

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON interface of ``newstrail trace --format json``. ``edges`` holds
        copy links only; quotation-only links are in ``shares_quote``."""
        articles = sorted(self.graph.articles.values(), key=chronological)
        roles = self.roles
        copies = [e for key, e in self.graph.edges.items() if self.graph.is_copy(key)]
        return {
            "story": self.story,
            "articles": [
                {"id": a.id, "url": a.url, "outlet": a.outlet, "published": a.published, "title": a.title, "language": a.language,
                 "role": roles[a.id]}
                for a in articles
            ],
            "edges": [e.to_dict() for e in sorted(copies, key=lambda e: (e.target, e.source))],
            "origins": self.origins,
            "external_origins": self.graph.external_origins,
            "amplifiers": self.graph.amplifiers(roles),
            "roles": roles,
            "laundering": self.graph.laundering,
            "mutations": [m.to_dict() for m in self.mutations],
            "related": self.related,
            "related_omitted": self.related_omitted,
            "shares_quote": self.shares_quote(),
            "factchecks": self.factchecks,
        }


def _connected(graph: Graph) -> dict[str, int]:
    """Component number of each corpus article, joined by edges between corpus articles."""
    parts: UnionFind[str] = UnionFind(graph.articles)
    for source, target in graph.edges:
        if source in parts and target in parts:
            parts.union(source, target)
    return parts.labels()


class Corpus:
    """A corpus of stored articles and the links between them."""

    def __init__(self, store: Store, options: LinkOptions | None = None) -> None:
        self.store = store
        self.options = options or LinkOptions()

    def link(self, batch_size: int = 500, progress: Progress | None = None) -> LinkReport:
        """Link every stored article not linked yet, one at a time in the order they were stored,
        in short write transactions (see :func:`~newstrail.store.write_in_turns`).
        ``progress`` hears of each batch linked ("articles linked")."""
        report = LinkReport()
        index_pending(self.store)  # articles stored before the outlet index, or by a writer that skipped it
        linker = Linker(self.store, self.options)
        step = counter(progress, "articles linked", self.store.links.unlinked_count())
        while True:
            ids = self.store.links.unlinked_ids(limit=batch_size)
            if not ids:
                return report
            # one at a time, in the order they were stored, committed in short turns
            linker.link_ids(ids, report)
            step(len(ids))

    def stories(self) -> list[str]:
        return self.store.links.story_ids()

    def story_of(self, key: str) -> str:
        """The story of an article given by id, id prefix or URL."""
        article = self.store.articles.find(key)
        story = self.store.links.stories_of([article.id]).get(article.id)
        if story is None:
            raise NotFound(f"article {article.id} is not linked yet; run 'newstrail analyze' or Corpus.link() first")
        return story

    def trace(self, article: str | None = None, story: str | None = None) -> Trace:
        """The provenance graph and mutations of a story (or of the story of ``article``)."""
        if story is None:
            if article is None:
                raise ValueError("trace needs an article or a story")
            story = self.story_of(article)
        graph = story_graph(self.store, story, resolver_for(self.store))
        if not graph.articles:
            raise NotFound(f"no story {story!r} in {self.store.location}; list stories with 'newstrail stories'")
        articles = list(graph.articles.values())
        mutations: list[Mutation] = []
        by_id = graph.articles
        checks = self.store.factchecks.at([a.url for a in articles if a.url])
        factchecks = [{"article": a.id, **review.to_dict()} for a in articles if a.url in checks for review in checks[a.url]]
        # an article that answers the claim (fact-check, debunk, correction, denial) quotes
        # what it answers: what it says differently is the answer, not a mutation
        graph.checked = {f["article"]: "fact-check" for f in factchecks}
        checking = set(graph.answers)
        for (source, target) in sorted(graph.edges, key=lambda e: (chronological(by_id[e[1]]), e)):
            # articles that only quote the same words did not rewrite one another
            if source in by_id and target not in checking and graph.is_copy((source, target)):
                # a translation's aligned sentence pairs are where its figures are compared
                pairs = [(by_id[source].text[p["from_span"][0] : p["from_span"][1]], by_id[target].text[p["to_span"][0] : p["to_span"][1]])
                         for ev in graph.edges[(source, target)].evidence if ev.get("kind") == "translation" for p in ev.get("pairs", [])]
                mutations += compare_articles(by_id[source], by_id[target], pairs=pairs)
        for node in by_id.values():
            parents = graph.copy_parents(node.id)
            if not parents or node.id in checking:
                continue
            # the parent it borrowed most from carries the quote changes
            parent = max(parents, key=lambda p: graph.borrowed(node.id, {p}))
            upstream = [by_id[a] for a in graph.ancestors(node.id) if a in by_id]
            mutations += quote_mutations(node, by_id[parent], upstream, graph.borrowed(node.id, set(parents)))
        texts = {a.id: a.text for a in articles}
        # every same-event tie that may join a story is shown: the loose ones as well
        similarity = min(self.options.lead_similarity, self.options.event_similarity)
        related, omitted = related_pairs(self.store, articles, _connected(graph), similarity, lambda ids: {i: anchors(texts[i]) for i in ids})
        return Trace(story, graph, mutations, related, factchecks, related_omitted=omitted)
