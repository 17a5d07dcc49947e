"""One outlet behind its domains, renames and mastheads.

An outlet shows up as a URL (``https://www.harborlantern.example/...``), a bare
domain, an old domain it used before a rename, or a masthead in a credit ("the
Harbor Lantern", "Global Research"). :class:`OutletIdentity` resolves all of them
to one :class:`Outlet`: its current domain, every domain it has used, the names
it goes by, and how the answer was found. What it knows comes from three places,
in this order of trust: aliases the user imported (``newstrail sources aliases``),
the (outlet, domain) pairs of the stored articles, and the name columns of the
rating lists.

>>> ident = OutletIdentity([("The Harbor Lantern", "harborlantern.example")],
...                        [{"alias": "lantern-news.example", "kind": "domain", "domain": "harborlantern.example"}])
>>> ident.resolve("https://www.lantern-news.example/2019/pier").domains
['harborlantern.example', 'lantern-news.example']
>>> ident.resolve("Harbor Lantern").domain, ident.resolve("Harbor Lantern").how
('harborlantern.example', 'masthead known from the corpus')
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from newstrail.outlets.urls import domain_of, host_of, looks_like_domain, parse_site

#: registered domains that host many independent outlets, one per subdomain
PLATFORMS = frozenset({
    "wordpress.com", "blogspot.com", "blogspot.co.uk", "blogspot.ca", "blogspot.com.au", "substack.com", "medium.com",
    "tumblr.com", "github.io", "weebly.com", "wixsite.com", "livejournal.com", "typepad.com", "over-blog.com",
})


def _key(name: str | None) -> str:
    from newstrail.analyze.names import outlet_key

    return outlet_key(name)


@dataclass
class Outlet:
    """An outlet as far as the corpus, the aliases and the lists know it.

    ``domain`` is the current domain (``None`` when only a name is known), ``domains``
    every domain it has used, current first; ``hosts`` a blog's own host on a shared
    platform (``x.wordpress.com``); ``names`` the mastheads it goes by; ``how`` says
    how the query was resolved; ``renames`` the alias rows behind old domains.
    """

    query: str
    domain: str | None
    domains: list[str] = field(default_factory=list)
    hosts: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    how: str = ""
    renames: list[dict[str, Any]] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.names[0] if self.names else (self.hosts[0] if self.hosts else self.domain or self.query)

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "domain": self.domain, "domains": self.domains, "hosts": self.hosts,
                "names": self.names, "how": self.how, "renames": self.renames}


class OutletIdentity:
    """Resolves URLs, domains, old domains and mastheads to outlets."""

    def __init__(self, pairs: Iterable[tuple[str | None, str | None]] = (), aliases: Iterable[dict[str, Any]] = (), store=None) -> None:
        self.store = store
        self.domain_alias: dict[str, dict[str, Any]] = {}  # old host/domain -> alias row
        self.name_alias: dict[str, dict[str, Any]] = {}  # outlet key -> alias row
        for row in aliases:
            if row["kind"] == "domain":
                self.domain_alias[row["alias"]] = row
            else:
                self.name_alias[row["alias"].removeprefix("name:")] = row
        self.names_of: dict[str, set[str]] = defaultdict(set)  # domain -> corpus outlet names
        self.domains_of_name: dict[str, set[str]] = defaultdict(set)  # corpus outlet name -> domains
        self._pairs: list[tuple[str, str | None]] = []
        self._directory = None
        for outlet, domain in pairs:
            self.learn(outlet, domain)

    @classmethod
    def from_store(cls, store) -> OutletIdentity:
        """What the store knows: its aliases, its articles' (outlet, domain) pairs, its lists."""
        return cls(store.outlet_names(), store.aliases(), store=store)

    def learn(self, outlet: str | None, domain: str | None) -> None:
        """Remember that articles of ``outlet`` live on ``domain`` (either may be missing)."""
        if not outlet:
            return
        if domain and domain in self.names_of and outlet in self.names_of[domain]:
            return
        if not domain and outlet in self.domains_of_name:
            return
        self._pairs.append((outlet, domain))
        self.domains_of_name[outlet]  # noqa: B018 -- known, even without a domain
        if domain:
            self.names_of[domain].add(outlet)
            self.domains_of_name[outlet].add(domain)
        self._directory = None

    # domains ---------------------------------------------------------------------------
    def canonical(self, domain: str) -> str:
        """The current domain of an outlet that has used ``domain`` (itself when not renamed)."""
        seen = {domain}
        while domain in self.domain_alias:
            domain = self.domain_alias[domain]["domain"]
            if domain in seen:  # a loop in the user's aliases: stop where it closes
                break
            seen.add(domain)
        return domain

    def domains_of(self, domain: str) -> list[str]:
        """Every domain of the outlet of ``domain``: the current one, then the old ones."""
        current = self.canonical(domain)
        group = [current]
        changed = True
        while changed:
            changed = False
            for old, row in self.domain_alias.items():
                if row["domain"] in group and old not in group:
                    group.append(old)
                    changed = True
        return group

    def _names_for(self, domains: list[str]) -> list[str]:
        names = {n for d in domains for n in self.names_of.get(d, ())}
        keys = {k for k, row in self.name_alias.items() if row["domain"] in domains}
        names |= {n for n in self.domains_of_name if _key(n) in keys}
        return sorted(names)

    # names -----------------------------------------------------------------------------
    def _resolve_name(self, name: str) -> tuple[list[str], list[str], str]:
        """(domains, corpus names, how) for a masthead."""
        from newstrail.corpus.outlets import OutletDirectory

        key = _key(name)
        if key in self.name_alias:
            row = self.name_alias[key]
            return [row["domain"]], [], f"alias of {row['domain']} (imported from {row.get('source') or 'an alias file'})"
        if self._directory is None:
            self._directory = OutletDirectory(self._pairs)
        names = self._directory.resolve(name) if key else []
        domains = sorted({d for n in names for d in self.domains_of_name.get(n, ())})
        if len({self.canonical(d) for d in domains}) == 1:
            return domains, names, "masthead known from the corpus"
        if not domains and self.store is not None and key:
            listed = self.store.rating_domains_named([key])
            found = sorted({d for _, _, d in listed})
            if len(found) == 1:
                return found, names, f"masthead named in rating list(s) as {listed[0][1]!r}"
        if not domains and self.store is not None and key:
            # "Global Research" -> globalresearch.example: the masthead spelt as a listed site's name
            stems = {key.replace(" ", ""), re.sub(r"[^a-z0-9]", "", name.casefold())}
            found = sorted({d for _, d in self.store.rating_domains_by_stem(sorted(s for s in stems if len(s) >= 5))})
            if len(found) == 1:
                return found, names, f"masthead spells the name of a listed site ({found[0]})"
        if names and not domains:
            return [], names, "outlet known from the corpus by name only (no article of it has a URL)"
        if len(domains) > 1:
            return [], names, f"ambiguous: {name!r} can mean {', '.join(names)}"
        return [], [], ""

    def domain_for_name(self, name: str | None) -> str | None:
        """The current domain of a masthead when exactly one is known."""
        if not name:
            return None
        domains, _, _ = self._resolve_name(name)
        return self.canonical(domains[0]) if domains else None

    # the one entry point ------------------------------------------------------------------
    def resolve(self, query: str) -> Outlet | None:
        """The outlet ``query`` (URL, domain, old domain, masthead) means, or ``None``."""
        query = query.strip()
        if looks_like_domain(query):
            site = parse_site(query)
            host = site.host if "://" not in query else host_of(query)
            domain = domain_of("http://" + host) or host
            hosts: list[str] = []
            if host != domain and (domain in PLATFORMS or host in self.domain_alias):
                hosts, start = [host], host  # a blog on a shared platform is its own outlet
            else:
                start = host if host in self.domain_alias else domain
            domains = self.domains_of(start)
            if hosts and domains[0] != host:
                hosts = []  # the blog moved to a domain of its own
            renames = [self.domain_alias[d] for d in domains if d in self.domain_alias]
            how = "domain" if not renames else "domain; renamed: " + ", ".join(f"{r['alias']} -> {r['domain']}" for r in renames)
            if start != domains[0]:
                how = f"old domain of {domains[0]}" + (f" ({self.domain_alias[start].get('note')})" if self.domain_alias[start].get("note") else "")
            return Outlet(query, domains[0], domains, hosts, self._names_for(domains), how, renames)
        domains, names, how = self._resolve_name(query)
        if domains:
            group = self.domains_of(domains[0])
            for extra in domains[1:]:
                group += [d for d in self.domains_of(extra) if d not in group]
            renames = [self.domain_alias[d] for d in group if d in self.domain_alias]
            return Outlet(query, group[0], group, [], sorted(set(names) | set(self._names_for(group))), how, renames)
        if names and not how.startswith("ambiguous"):
            return Outlet(query, None, [], [], names, how)
        return None


@dataclass
class OutletStage:
    """Per-article stage: give every article an outlet domain.

    An article read from a URL has its domain already; one read from a text file
    or a record without a URL gets the domain of its masthead when the corpus, the
    aliases or a list knows it (``outlet_domain_via`` says ``masthead``). A
    domain the outlet has since left is mapped to the current one in
    ``outlet_domain``. Articles with a URL teach the stage their outlet's
    domain for the articles after them.
    """

    identity: OutletIdentity
    name: str = "outlet"
    requires: tuple[str, ...] = ("outlet", "domain", "url")
    assigns: tuple[str, ...] = ("domain", "outlet_domain", "outlet_domain_via")

    def __call__(self, article):
        domain = article.domain or (domain_of(article.url) if article.url else "")
        if domain:
            self.identity.learn(article.outlet, domain)
            current = self.identity.canonical(domain)
            article.outlet_domain = current
            article.outlet_domain_via = "url" if current == domain else f"renamed from {domain}"
            return article
        found = self.identity.domain_for_name(article.outlet)
        if found:
            article.domain = found
            article.outlet_domain = found
            article.outlet_domain_via = "masthead"
        return article
