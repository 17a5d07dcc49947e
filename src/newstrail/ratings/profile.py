"""What the corpus itself shows about an outlet, next to what the lists say.

:func:`outlet_profile` answers, for one outlet (see :mod:`newstrail.outlets.resolver`), with a
number and a one-line explanation each:

* the ratings of every imported list, as given, list by list;
* how many of its articles are stored, and in how many multi-article stories;
* how many of its articles took content from other outlets (an incoming edge of
  the provenance graph: credit, hyperlink, shared passages, syndication), and from
  whom; how many of its articles others took from, and who;
* how many hide their source: a silent copy (text taken without crediting its
  outlet) or laundering (credits one outlet while the text comes from another);
* its cross-posting network: outlets it exchanges syndicated or reused text with;
* its boilerplate network: outlets whose articles carry the same membership
  appeal, disclaimer, badge or copyright block, or name it (or are named by it)
  in a cross-post line ("The original source of this article is X", a second
  dateline);
* how many of its articles carry claims matching fact-checks rated false-like.

Articles, boilerplate, cross-post lines and fact-check matches are read with SQL
over the stored tables (the boilerplate index is updated incrementally); the
edges come from the provenance graphs of the outlet's stories, built as
``newstrail trace`` builds them (mutations left out), most recent stories first
up to ``max_stories``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from newstrail.core.dates import instant_key
from newstrail.core.errors import NotFound
from newstrail.ratings.annotate import Ratings
from newstrail.corpus.outlets import resolver_for
from newstrail.outlets.keys import outlet_key as _key
from newstrail.outlets.resolver import Outlet, OutletResolver
from newstrail.core.verdicts import verdict_of
from newstrail.corpus.provenance import story_graph

#: an edge made only of a shared quotation: both quote the same words, neither copied
_QUOTE_ONLY = {"quote"}


def outlet_profile(store, query: str, max_stories: int = 300, identity: OutletResolver | None = None) -> dict[str, Any]:
    """The ratings and the corpus profile of the outlet ``query`` names (domain, URL,
    old domain or masthead). Raises :class:`~newstrail.core.errors.NotFound` when nothing
    (corpus, aliases, lists) knows it.

    >>> import tempfile, os
    >>> from newstrail.store import open_store
    >>> store = open_store(os.path.join(tempfile.mkdtemp(), "p.db"))
    >>> outlet_profile(store, "lantern.example")["corpus"]["articles"]["value"]
    0
    """
    identity = identity or resolver_for(store)
    outlet = identity.resolve(query)
    if outlet is None:
        raise NotFound(f"no outlet {query!r} in {store.location}: not a domain, and no stored article, alias or rating list names it; "
                       "give its domain, or import an alias file with 'newstrail sources aliases'")
    ratings = Ratings(store, identity)
    rated = []
    for site in outlet.hosts or outlet.domains[:1]:
        rated += [r for r in ratings.for_site(site) if r not in rated]
    lists = [item.name for item in store.ratings.lists()]
    profile: dict[str, Any] = {
        "outlet": outlet.to_dict(),
        "ratings": rated,
        "lists_without_it": [name for name in lists if name not in {r["list"] for r in rated}],
        "corpus": _corpus(store, outlet, identity, max_stories),
    }
    return profile


def _label(outlet: str | None, domain: str | None) -> str:
    return outlet or domain or "(outlet unknown)"


def _corpus(store, outlet: Outlet, identity: OutletResolver, max_stories: int) -> dict[str, Any]:
    rows = store.articles.of_outlet(domains=[] if outlet.hosts else outlet.domains, names=outlet.names, hosts=outlet.hosts)
    ids = {r.id for r in rows}
    own = [r.id for r in rows]
    out: dict[str, Any] = {}
    by = Counter(_label(None, r.domain) if r.domain else f"name {r.outlet!r}, no domain" for r in rows)
    out["articles"] = {
        "value": len(rows),
        "explain": "stored articles of this outlet: on one of its domains, or under one of its names",
        "by": dict(by.most_common()),
    }
    out.update(_graph_figures(store, outlet, identity, rows, ids, max_stories))
    out.update(_network_figures(store, outlet, identity, own))
    out["false_factchecks"] = _factcheck_figure(store, own)
    return out


# the provenance graphs -------------------------------------------------------------------
def _graph_figures(store, outlet: Outlet, identity: OutletResolver, rows, ids: set[str], max_stories: int) -> dict[str, Any]:
    sizes = {s.id: s.size for s in store.links.stories([r.story for r in rows if r.story]).values()}
    latest: dict[str, str] = {}
    for r in rows:
        if r.story and sizes.get(r.story, 0) >= 2:
            latest[r.story] = max(latest.get(r.story, ""), instant_key(r.published) or "")
    stories = sorted(latest, key=lambda s: latest[s], reverse=True)
    traced = stories[:max_stories]
    own_keys = {k for k in (_key(n) for n in outlet.names) if k}

    took: dict[str, set[str]] = defaultdict(set)  # other outlet -> own articles that took from it
    took_kinds: dict[str, Counter] = defaultdict(Counter)
    given: dict[str, set[str]] = defaultdict(set)  # other outlet -> its articles that took from us
    given_kinds: dict[str, Counter] = defaultdict(Counter)
    crosspost: dict[str, Counter] = defaultdict(Counter)
    silent: dict[str, set[str]] = defaultdict(set)
    laundered: list[dict[str, str]] = []
    copying, copied = set(), set()

    def whose(node: str, graph) -> str | None:
        """The outlet label of a node, or None when it is this outlet."""
        if node in graph.articles:
            if node in ids:
                return None
            a = graph.articles[node]
            return _label(a.outlet, a.domain)
        name = node.removeprefix("external:")
        if _key(name) in own_keys or (outlet.domain and identity.domain_for_name(name) in outlet.domains):
            return None
        return f"{name} (credited; no stored article of it matched)"

    for story in traced:
        graph = story_graph(store, story, identity)
        for (source, target), edge in graph.edges.items():
            kinds = set(edge.kinds)
            if kinds <= _QUOTE_ONLY:
                continue
            if target in ids and (other := whose(source, graph)):
                copying.add(target)
                took[other].add(target)
                took_kinds[other].update(edge.kinds)
                if "silent copy" in kinds:
                    silent[other].add(target)
            elif source in ids and target in graph.articles and (other := whose(target, graph)):
                copied.add(target)
                given[other].add(target)
                given_kinds[other].update(edge.kinds)
            else:
                continue
            if kinds & {"syndication", "reuse"} and not source.startswith("external:"):
                crosspost[other].update(k for k in edge.kinds if k in ("syndication", "reuse", "silent copy", "attribution", "hyperlink"))
                crosspost[other]["edges"] += 1
        for item in graph.laundering:
            # an outlet re-running its own earlier text under another credit hides nobody's work
            if item["article"] in ids and (source_outlet := whose(item["actually_from"], graph)):
                laundered.append({**item, "actually_from_outlet": source_outlet})
    hiding = {t for s in silent.values() for t in s} | {i["article"] for i in laundered}

    def table(groups: dict[str, set[str]], kinds: dict[str, Counter]) -> list[dict[str, Any]]:
        return [{"outlet": o, "articles": len(a), "kinds": dict(kinds[o].most_common())}
                for o, a in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))]

    return {
        "stories": {
            "value": len(stories),
            "explain": "stories (2+ articles) its articles belong to; the graph figures below come from the provenance graphs of the "
                       f"{len(traced)} most recent" + (f" (of {len(stories)}; raise --max-stories to trace more)" if len(traced) < len(stories) else ""),
            "traced": len(traced),
        },
        "copies": {
            "value": len(copying),
            "explain": "its articles that took content from another outlet: an incoming edge in the provenance graph "
                       "(a credit, a hyperlink, shared passages or syndication; shared quotations alone do not count)",
            "from": table(took, took_kinds),
            "article_ids": sorted(copying),
        },
        "copied_by_others": {
            "value": len(copied),
            "explain": "articles of other outlets that took content from one of its articles (an outgoing edge)",
            "by": table(given, given_kinds),
            "article_ids": sorted(copied),
        },
        "hides_sources": {
            "value": len(hiding),
            "explain": "its articles that borrow text without crediting the outlet it comes from (silent copy), "
                       "or credit one outlet while the text comes from another (laundering)",
            "silent_copy": [{"outlet": o, "articles": len(a)} for o, a in sorted(silent.items(), key=lambda kv: -len(kv[1]))],
            "laundering": laundered,
            "article_ids": sorted(hiding),
        },
        "cross_posting": {
            "value": len(crosspost),
            "explain": "outlets it exchanges republished text with, either way: edges with shared passages or syndication",
            "neighbours": [{"outlet": o, "edges": c.pop("edges"), "kinds": dict(c.most_common())}
                           for o, c in sorted(crosspost.items(), key=lambda kv: (-kv[1]["edges"], kv[0]))],
        },
    }


# boilerplate and cross-post lines ------------------------------------------------------------
def _network_figures(store, outlet: Outlet, identity: OutletResolver, ids: list[str]) -> dict[str, Any]:
    shared = store.ratings.blocks_shared(ids)
    others = store.articles.refs([b.other for b in shared])
    neighbours: dict[str, dict[str, Any]] = {}
    own_names = set(outlet.names)
    for block in shared:
        own, other, kind, text = block.own, block.other, block.kind, block.text
        name, domain = (others[other].outlet, others[other].domain) if other in others else (None, None)
        if name in own_names or (domain and domain in outlet.domains):
            continue
        entry = neighbours.setdefault(_label(name, domain), {"blocks": {}, "own_articles": set(), "their_articles": set()})
        entry["blocks"].setdefault(text, kind)
        entry["own_articles"].add(own)
        entry["their_articles"].add(other)
    boiler = [
        {"outlet": o, "blocks": len(e["blocks"]), "own_articles": len(e["own_articles"]), "their_articles": len(e["their_articles"]),
         "examples": [{"kind": k, "text": t} for t, k in list(e["blocks"].items())[:3]]}
        for o, e in sorted(neighbours.items(), key=lambda kv: (-len(kv[1]["their_articles"]), kv[0]))
    ]
    # cross-post lines: ours naming others, others naming us
    named: dict[tuple[str, str], set[str]] = defaultdict(set)
    for mark in store.ratings.marks_of(ids):
        article, kind, name = mark.article, mark.kind, mark.name
        found = identity.resolve(name)
        if found is not None and (set(found.domains) & set(outlet.domains) or set(found.names) & own_names):
            continue
        named[(found.label if found else name, f"named as the origin in its articles ({kind})")].add(article)
    keys = {_key(n) for n in outlet.names} | {_key(d) for d in outlet.domains} | {_key(r["text"]) for r in outlet.renames}
    naming = [m for m in store.ratings.marks_naming(sorted(k for k in keys if k)) if m.article not in set(ids)]
    their = store.articles.refs([m.article for m in naming])
    for mark in naming:
        article, kind = mark.article, mark.kind
        name, domain = (their[article].outlet, their[article].domain) if article in their else (None, None)
        named[(_label(name, domain), f"its articles name this outlet as their origin ({kind})")].add(article)
    lines = [{"outlet": o, "how": how, "articles": len(a)} for (o, how), a in sorted(named.items(), key=lambda kv: (-len(kv[1]), kv[0]))]
    return {
        "shared_boilerplate": {
            "value": len(boiler),
            "explain": "outlets whose articles carry the same boilerplate block as its articles (membership appeal, disclaimer, "
                       "badge, copyright, fair-use or contact line, compared ignoring case, spacing and digits): a shared template "
                       "or a cross-posting arrangement",
            "neighbours": boiler,
        },
        "cross_post_lines": {
            "value": len(lines),
            "explain": "outlets named in a cross-post line (\"The original source of this article is X\", a second dateline) of its "
                       "articles, and outlets whose articles name it that way",
            "outlets": lines,
        },
    }


def _factcheck_figure(store, ids: list[str]) -> dict[str, Any]:
    matches = store.articles.claim_matches(ids)
    false_articles: set[str] = set()
    false_claims: set[tuple[str, int]] = set()
    ratings: Counter[str] = Counter()
    for match in matches:
        article, claim, rating, verdict = match.article, match.claim, match.rating, match.verdict
        verdict = (verdict_of(verdict) if verdict else None) or verdict_of(rating)
        if verdict == "false":
            false_articles.add(article)
            false_claims.add((article, claim))
            ratings[rating or verdict] += 1
    return {
        "value": len(false_articles),
        "explain": "its articles with at least one claim matching an imported fact-check rated false-like "
                   "(false, mostly false, pants on fire, fake, misleading...); a match says the claim is the one checked, "
                   "not that the article repeats it: a report debunking it matches too",
        "claims": len(false_claims),
        "matches": len(matches),
        "ratings": dict(ratings.most_common()),
    }


# text ---------------------------------------------------------------------------------------
