"""The provenance graph of a story: who took what from whom, and how we know.

An edge ``A -> B`` means B took content from A. Edges come from

* credits (``attribution``): B names A's outlet and linking resolved the credit to A,
  or to an outlet outside the corpus (an ``external:<Outlet>`` node);
* hyperlinks (``hyperlink``): B links to A's URL;
* shared passages (``reuse``): B shares passages with an earlier A; among the
  earlier articles B shares text with, the graph keeps the fewest that explain
  all of B's borrowed text (the direct parent, not every ancestor);
* ``quote`` when a shared passage is a quotation in B, ``silent copy`` when B
  borrows A's text without crediting A's outlet, ``syndication`` when B is A's
  text republished nearly whole.

Every edge carries its evidence (the credit sentence, the link, the passages) and
a confidence. An edge whose only kind is ``quote`` is not a copy: the two articles
share a quotation (see :meth:`Graph.is_copy`). The graph names its origins (corpus
articles no copy link feeds, that others took from), its external origins (every
credited outlet outside the corpus), each article's role (origin, amplifier,
independent, or an answer: fact-check, debunk, correction, denial) and laundering:
an article that credits one outlet while its text comes from another, earlier one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from newstrail.core.article import Article, Passage
from newstrail.core.dates import day_of, sort_key
from newstrail.store import Store
from newstrail.outlets.keys import outlet_key
from newstrail.outlets.resolver import OutletResolver
from newstrail.corpus.reuse import coverage
from newstrail.corpus.roles import answer_role
from newstrail.store.rows import Cite, ReusedPassage, TranslatedSentence

SYNDICATION_COVER = 0.8
#: characters of new borrowed text a further parent must explain to be kept
MIN_NEW_CHARS = 120


@dataclass
class Edge:
    source: str  # article id or "external:<Outlet>"
    target: str
    kinds: list[str] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    confidence: float = 0.0

    def add(self, kind: str, evidence: dict[str, Any], confidence: float) -> None:
        if kind not in self.kinds:
            self.kinds.append(kind)
        self.evidence.append({"kind": kind, **evidence})
        # independent kinds of evidence reinforce each other
        self.confidence = round(1 - (1 - self.confidence) * (1 - confidence), 3)

    def to_dict(self) -> dict[str, Any]:
        return {"from": self.source, "to": self.target, "kinds": self.kinds, "evidence": self.evidence, "confidence": self.confidence}


@dataclass
class Graph:
    articles: dict[str, Article]
    edges: dict[tuple[str, str], Edge]
    laundering: list[dict[str, str]]
    #: answering roles known from outside the text (an imported fact-check at the article's URL)
    checked: dict[str, str] = field(default_factory=dict)
    #: each article's answering role as its own text tells it (read once: roles, origins and
    #: mutations all ask)
    _told: dict[str, str | None] = field(default_factory=dict, init=False, repr=False, compare=False)

    def parents(self, node: str) -> list[str]:
        return [s for (s, t) in self.edges if t == node]

    def ancestors(self, node: str) -> list[str]:
        seen: list[str] = []
        todo = self.parents(node)
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.append(current)
                todo.extend(self.parents(current))
        return seen

    def is_copy(self, key: tuple[str, str]) -> bool:
        """Whether an edge says the target took content from the source: a shared
        quotation alone does not (two articles quoting one document copied nothing
        from each other); it is drawn as "shares a quotation with"."""
        return set(self.edges[key].kinds) != {"quote"}

    @property
    def quote_links(self) -> list[tuple[str, str]]:
        """Pairs of corpus articles joined only by a shared quotation, earlier one first."""
        return sorted(k for k in self.edges if not self.is_copy(k) and k[0] in self.articles)

    def copy_parents(self, node: str) -> list[str]:
        """The corpus articles ``node`` took content from (quotation-only links left out)."""
        return [s for (s, t) in self.edges if t == node and s in self.articles and self.is_copy((s, t))]

    def copy_children(self, node: str) -> list[str]:
        return [t for (s, t) in self.edges if s == node and self.is_copy((s, t))]

    @property
    def answers(self) -> dict[str, str]:
        """The articles that answer the claim, by role (fact-check, debunk, correction, denial)."""
        for n, a in self.articles.items():
            if n not in self._told:
                self._told[n] = answer_role(a.title, a.url, a.text)
        found = {n: self.checked.get(n) or self._told[n] for n in self.articles}
        return {n: role for n, role in found.items() if role}

    @property
    def origins(self) -> list[str]:
        """Where the story starts inside the corpus: the articles no other corpus article
        fed by a copy link that others (not only answers) took from; else the earliest.
        An article that answers the claim does not start it, and an article fed by nothing
        that nobody took from tells the story apart (``independent``). Outside outlets
        are :attr:`external_origins`."""
        answers = self.answers
        candidates = [n for n in self.articles if n not in answers] or list(self.articles)
        roots = sorted((n for n in candidates if not self.copy_parents(n)), key=lambda n: chronological(self.articles[n]))
        if len(self.articles) > 1:
            # taken from by an answer (a fact-check citing it) does not make a start
            roots = [n for n in roots if set(self.copy_children(n)) - set(answers)] or roots[:1]
        return roots

    @property
    def external_origins(self) -> list[str]:
        """Every outlet credited in the story that has no article in the corpus
        (``external:<Outlet>`` nodes): each is a candidate origin, since the story may
        have started there; the trace cannot tell which."""
        return sorted({s for (s, t) in self.edges if s not in self.articles})

    def borrowed(self, node: str, sources: set[str]) -> float:
        """The share of ``node``'s text that passages from ``sources`` cover."""
        spans = [
            Passage(0, 0, ev["to_span"][0], ev["to_span"][1], ev["words"])
            for (s, t), e in self.edges.items()
            if t == node and s in sources
            for ev in e.evidence
            if ev["kind"] == "reuse"
        ]
        return coverage(spans, len(self.articles[node].text))

    def roles(self) -> dict[str, str]:
        """One role per corpus article (see :mod:`newstrail.corpus.roles`): its answering
        role first, then origin, amplifier or independent from the copy links."""
        answers, origins = self.answers, set(self.origins)
        out = {}
        for node in self.articles:
            if node in answers:
                out[node] = answers[node]
            elif node in origins:
                out[node] = "origin"
            elif self.copy_parents(node):
                out[node] = "amplifier"
            else:
                out[node] = "independent"
        return out

    def amplifiers(self, roles: dict[str, str] | None = None) -> list[str]:
        """The articles that passed the story on, most taken-from first: never an origin,
        never one that answers the claim."""
        roles = roles or self.roles()
        spread = [n for n, role in roles.items() if role == "amplifier"]
        return sorted(spread, key=lambda n: (-len(self.copy_children(n)), chronological(self.articles[n])))


def external_node(name: str, resolver: OutletResolver) -> str:
    """``external:<Outlet>``: the corpus's spelling when it knows the outlet, else the name
    as cited without a leading "the"."""
    known = resolver.corpus_outlets(name)
    if len(known) == 1:
        return f"external:{known[0]}"
    return "external:" + re.sub(r"^(?i:the)\s+", "", name.strip())


def chronological(article: Article) -> tuple[datetime, str]:
    """Sort key of articles in publishing order: UTC instants, so copies stamped at
    different offsets compare as the moments they are; a day-only date counts as the
    end of its day (it may be any hour of it); undated articles last; ties by id."""
    return (sort_key(article.published), article.id)


def _resolved(by_id: dict[str, Article], cites: Sequence[Cite], resolver: OutletResolver,
              shares: dict[str, set[str]] | None = None) -> dict[tuple[str, str], str | None]:
    """(citing article, credited outlet key) -> the source linking resolved; a credit
    linking left open (or resolved to a later article) resolves to the credited
    outlet's article in this story published before it. Where the citing article shares
    text (``shares``) with another article of the credited outlet than the one resolved,
    the text tells which of the outlet's articles it took from (a wire's update, not its
    first version), whatever order the two reached the store in."""
    resolved = {(c.article, c.outlet): c.source for c in cites}
    for key, source_id in list(resolved.items()):
        citing = by_id.get(key[0])
        if citing is None or source_id not in by_id or source_id in (shares or {}).get(citing.id, set()):
            continue
        outlet = outlet_key(by_id[source_id].outlet or "")
        texts = [o for o in (shares or {}).get(citing.id, set()) if o in by_id and outlet_key(by_id[o].outlet or "") == outlet
                 and chronological(by_id[o]) <= chronological(citing)]
        if outlet and texts:
            resolved[key] = max(texts, key=lambda o: chronological(by_id[o]))
    for article in by_id.values():
        for attribution in article.attributions:
            key = (article.id, outlet_key(attribution.source or ""))
            source = by_id.get(resolved.get(key) or "")
            if source is not None and attribution.kind == "outlet" and attribution.source and not attribution.where == "own":
                # linking resolved the credit with what the store knew then; an outlet whose
                # articles came later may be the one named ("the North Wendle Gazette", not
                # the Wendle Gazette): the trace asks the resolver again
                named = {outlet_key(n) for n in resolver.corpus_outlets(attribution.source)}
                if named and outlet_key(source.outlet or "") not in named:
                    resolved[key], source = None, None
            if source is not None and source.published is not None and article.published is not None and chronological(source) > chronological(article):
                resolved[key] = None  # a credit never points at a later article: look again below
            if attribution.kind == "outlet" and attribution.source and resolved.get(key) not in by_id:
                found = _in_story(attribution.source, article, by_id, resolver, own=attribution.where == "own")
                if found:
                    resolved[key] = found
    return resolved


def _in_story(name: str, article: Article, by_id: dict[str, Article], resolver: OutletResolver, own: bool = False) -> str | None:
    """The story's article of the outlet ``name`` that ``article`` credits: the latest one
    published before it, else an undated one; ``None`` when the story holds none. With
    ``own`` the credit is to the article's own outlet (an earlier article of it)."""
    keys = {outlet_key(article.outlet or "")} if own else {outlet_key(n) for n in resolver.corpus_outlets(name)}
    if not keys or (not own and outlet_key(article.outlet or "") in keys):
        return None
    mine = chronological(article)
    found = [o for o in by_id.values() if o.id != article.id and outlet_key(o.outlet or "") in keys]
    before = [o for o in found if o.published is not None and chronological(o) < mine]
    if before:
        return max(before, key=chronological).id
    undated = sorted(o.id for o in found if o.published is None)
    return undated[0] if undated else None


def _quoted_share(article: Article, passage: Passage) -> float:
    """The share of a passage (in ``article``, the ``b`` side) that lies inside quotations."""
    inside = sum(max(0, min(passage.b_end, q.span.end) - max(passage.b_start, q.span.start)) for q in article.quotes)
    return inside / max(1, passage.b_end - passage.b_start)


def build_graph(
    articles: list[Article],
    passages: Sequence[ReusedPassage],
    cites: Sequence[Cite],
    url_ids: dict[str, str],
    outlet_resolver: OutletResolver,
    translations: Sequence[TranslatedSentence] = (),
) -> Graph:
    """The provenance graph of one story from its articles and what linking stored."""
    by_id = {a.id: a for a in articles}
    edges: dict[tuple[str, str], Edge] = {}

    def edge(source: str, target: str) -> Edge:
        return edges.setdefault((source, target), Edge(source, target))

    shares: dict[str, set[str]] = defaultdict(set)
    for reused in passages:
        shares[reused.a].add(reused.b)
        shares[reused.b].add(reused.a)
    resolved = _resolved(by_id, cites, outlet_resolver, shares)
    credits = {(c, s) for (c, _), s in resolved.items() if s}
    credits |= {(a.id, url_ids[ln.url]) for a in articles for ln in a.links if url_ids.get(ln.url) in by_id}
    crediting = {a.id for a in articles if any(att.kind == "outlet" and att.source for att in a.attributions)}

    def earlier(a: str, b: str) -> bool:
        """Whether ``a`` came first. A date without a time leaves the day's order
        open: a credit of one by the other decides, else the dated-only article is
        taken as the later one (copies are more often dated loosely than wires).
        An undated article beside a dated one comes after it (a copy claims no earlier
        place), unless the undated one credits no one while the dated one credits some
        source: that one presents itself as derived and the undated post as the
        original (an anonymous blog whose text a credited report launders)."""
        undated = [x for x in (a, b) if by_id[x].published is None]
        if len(undated) == 1:
            u, d = (a, b) if undated[0] == a else (b, a)
            source_first = u not in crediting and d in crediting and (u, d) not in credits
            return (u == a) == source_first
        if day_of(by_id[a].published) == day_of(by_id[b].published) and ((b, a) in credits or (a, b) in credits):
            return (b, a) in credits
        return chronological(by_id[a]) < chronological(by_id[b])

    # shared passages, oriented from the earlier article to the later one
    shared: dict[str, dict[str, list[Passage]]] = defaultdict(lambda: defaultdict(list))
    for reused in passages:
        a, b, passage = reused.a, reused.b, reused.passage
        if a not in by_id or b not in by_id:
            continue
        if not earlier(a, b):
            a, b, passage = b, a, passage.flipped()
        shared[b][a].append(passage)

    # aligned sentences of translations, oriented the same way: target -> source -> pairs
    translated: dict[str, dict[str, list[TranslatedSentence]]] = defaultdict(lambda: defaultdict(list))
    for t in translations:
        if t.a not in by_id or t.b not in by_id:
            continue
        if not earlier(t.a, t.b):
            t = TranslatedSentence(t.b, t.a, t.b_start, t.b_end, t.a_start, t.a_end, t.cosine)
        translated[t.b][t.a].append(t)

    for article in sorted(articles, key=chronological):
        credited: dict[str, str] = {}  # source id or external node -> the name as cited
        for attribution in article.attributions:
            if attribution.kind != "outlet" or not attribution.source:
                continue
            source = resolved.get((article.id, outlet_key(attribution.source)))
            if source is None and (attribution.where == "own" or outlet_resolver.same_outlet(attribution.source, article.outlet)):
                continue  # the article naming its own outlet
            node = source if source in by_id else external_node(attribution.source, outlet_resolver)
            if node == article.id:
                continue
            # the name as cited: the trace shows the credit sentence around it
            evidence = {"cue": attribution.cue, "text": attribution.evidence, "where": attribution.where, "name": attribution.source}
            if attribution.link:
                evidence["link"] = attribution.link
            edge(node, article.id).add("attribution", evidence, 0.75 if node in by_id else 0.6)
            credited.setdefault(node, attribution.source)
        for link in article.links:
            source = url_ids.get(link.url)
            if source in by_id and source != article.id and earlier(source, article.id):
                edge(source, article.id).add("hyperlink", {"anchor": link.anchor, "url": link.url}, 0.8)
                credited.setdefault(source, link.anchor)
        _reuse_parents(article, by_id, shared[article.id], credited, edge)
        _translation_parent(article, by_id, translated, shared, credited, outlet_resolver, edge)
    laundering = _laundering(by_id, edges)
    return Graph(by_id, edges, laundering)


def _reuse_parents(article, by_id, sources: dict[str, list[Passage]], credited: dict[str, str], edge) -> None:
    """Keep the earlier articles that explain the borrowed text of ``article``."""
    length = len(article.text)
    credited_outlets = {by_id[s].outlet for s in credited if s in by_id}
    chosen: list[Passage] = []
    # credited sources first, then the most borrowed text; among sources that explain
    # as much, the latest: a copy of a copy more often than of the first version
    words = {source: sum(p.words for p in found) for source, found in sources.items()}
    top = max(words.values(), default=0)
    ranked = sorted(sources.items(), key=lambda item: chronological(by_id[item[0]]), reverse=True)
    ranked.sort(key=lambda item: (item[0] not in credited, -(top if words[item[0]] >= 0.98 * top else words[item[0]])))
    for source, found in ranked:
        before = coverage(chosen, length) * length
        after = coverage(chosen + found, length) * length
        own = coverage(found, length) * length
        # an ancestor (or a sibling) whose text reached us through a parent already kept
        # adds little; a second real source adds text of its own
        if source not in credited and chosen and (after - before < MIN_NEW_CHARS or after - before < 0.5 * own or words[source] < 0.6 * top):
            continue
        chosen += found
        e = edge(source, article.id)
        total = sum(p.words for p in found)
        # two articles quoting the same document share words without one copying the other
        quoted = all(_quoted_share(article, p) >= 0.8 for p in found)
        for p in found[:5]:
            evidence = {"words": p.words, "from_span": [p.a_start, p.a_end], "to_span": [p.b_start, p.b_end],
                        "text": article.text[p.b_start : p.b_end][:300]}
            if quoted:
                e.add("quote", evidence, min(0.6, 0.2 + p.words / 100))
            else:
                e.add("reuse", evidence, min(0.95, 0.4 + p.words / 100))
                if _quoted_share(article, p) > 0 and "quote" not in e.kinds:
                    e.add("quote", {"text": article.text[p.b_start : p.b_end][:300]}, 0.3)
        if quoted:
            continue
        if coverage(found, length) >= SYNDICATION_COVER and coverage(found, len(by_id[source].text), side="a") >= SYNDICATION_COVER:
            e.add("syndication", {"words": total}, 0.5)
        elif source not in credited and by_id[source].outlet not in credited_outlets:
            e.add("silent copy", {"words": total}, 0.2)


def _translation_parent(article, by_id, translated, shared: dict[str, dict[str, list[Passage]]], credited: dict[str, str], resolver: OutletResolver, edge) -> None:
    """Keep the earlier article ``article`` translates: of all that align with it, the one
    whose sentences align most (and best); among those that align about as well, a
    credited one, then the latest (a translation of a copy more often than of the first
    version). A source that reached it through a copy in its own language (its reuse
    parent translates that source) is left out: the copy is the parent."""
    sources = translated.get(article.id) or {}
    reused = shared.get(article.id) or {}
    # the copy in the article's own language already explains what it shares with those
    through = {s for p in reused for s in (set(translated.get(p, {})) | {t for t, src in translated.items() if p in src})}
    candidates = {s: pairs for s, pairs in sources.items() if s not in through}
    if not candidates:
        return
    score = {s: sum(p.cosine for p in pairs) for s, pairs in candidates.items()}
    top = max(score.values())
    home = (article.domain or article.outlet or "").lower()
    credited_outlets = {outlet_key(by_id[s].outlet or "") for s in credited if s in by_id}
    for att in article.attributions:
        if att.kind == "outlet" and att.source:
            credited_outlets |= {outlet_key(n) for n in [att.source, *resolver.corpus_outlets(att.source)]}
    credited_outlets.discard("")
    sisters = [s for s in candidates if home and (by_id[s].domain or by_id[s].outlet or "").lower() == home]
    named = [s for s in candidates if s in credited or outlet_key(by_id[s].outlet or "") in credited_outlets]
    named = [s for s in named if score[s] >= 0.95 * top]  # about as well: a laundered translation credits a version it aligns with less
    if sisters:
        # an outlet's editions in other languages translate its first one
        best = min(sisters, key=lambda s: chronological(by_id[s]))
    elif named:
        # the credited outlet's version that aligns best, when it aligns nearly as well as
        # any (of two about as good, the earlier: a wire's first edition)
        named_top = max(score[s] for s in named)
        best = min((s for s in named if score[s] >= 0.97 * named_top), key=lambda s: chronological(by_id[s]))
    else:
        # among those aligning about as well, the first version (sibling translations of
        # one wire align with each other as well as with it), unless a later one is a
        # copy of it in its own language: a translation of a copy more often than of
        # the first version
        near = sorted((s for s in candidates if score[s] >= 0.97 * top), key=lambda s: chronological(by_id[s]))
        best = near[0]
        for later in near[1:]:
            if best in (shared.get(later) or {}):
                best = later
    pairs = sorted(candidates[best], key=lambda p: p.b_start)
    source, target = by_id[best], article
    evidence = {
        "sentences": len(pairs),
        "languages": [source.language, target.language],
        "pairs": [
            {"from_span": [p.a_start, p.a_end], "to_span": [p.b_start, p.b_end], "cosine": p.cosine,
             "from_text": source.text[p.a_start : p.a_end][:300], "to_text": target.text[p.b_start : p.b_end][:300]}
            for p in pairs
        ],
    }
    e = edge(best, article.id)
    e.add("translation", evidence, min(0.95, 0.4 + 0.05 * len(pairs)))
    if best not in credited and source.outlet not in {by_id[s].outlet for s in credited if s in by_id}:
        # a translation that does not credit what it translates: silent, and laundering
        # when it credits someone else (see :func:`_laundering`)
        e.add("silent copy", {"sentences": len(pairs)}, 0.2)


def _laundering(by_id: dict[str, Article], edges: dict[tuple[str, str], Edge]) -> list[dict[str, str]]:
    """Articles that credit one outlet while their text comes, uncredited, from another."""
    found = []
    for (source, target), e in edges.items():
        if "silent copy" not in e.kinds:
            continue
        credits = [ev for (s, t), other in edges.items() if t == target and s != source for ev in other.evidence if ev["kind"] == "attribution"]
        if not credits:
            continue
        cited = [s for (s, t), other in edges.items() if t == target and "attribution" in other.kinds]
        names = [s.removeprefix("external:") if s not in by_id else (by_id[s].outlet or s) for s in cited]
        found.append({"article": target, "cites": names[0], "actually_from": source})
    return found


def story_graph(store: Store, story: str, outlet_resolver: OutletResolver) -> Graph:
    """The provenance graph of a stored story, from its members and what linking stored
    about them: the one place a trace and an outlet profile build a story's graph."""
    members = store.links.story_members(story)
    articles = store.articles.get_many(members)
    urls = [ln.url for a in articles for ln in a.links]
    return build_graph(articles, store.links.reuse_among(members), store.links.cites_of(members), store.articles.ids_for_urls(urls), outlet_resolver,
                       store.links.translations_among(members))
