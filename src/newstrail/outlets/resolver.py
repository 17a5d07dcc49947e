"""The one outlet resolver: name, masthead, alias, acronym, domain or URL -> :class:`Outlet`.

An outlet shows up as a URL (``https://www.harborlantern.example/...``), a bare
domain, an old domain it used before a rename, a masthead in a credit ("the
Harbor Lantern"), or a wire's acronym ("(HLW) —"). :class:`OutletResolver` answers
all of them from plain data, in this order of trust: aliases the user imported,
the (outlet, domain) pairs of the stored articles, and the names and sites of the
rating lists. The code that reads those rows from a store lives above the store
(:mod:`newstrail.corpus.outlets`), so linking, tracing, ratings and profiles all
resolve with the same resolver built from the same rows.

A cited name resolves only by an outlet's own name: its key (case does not matter:
"ENETEnglish" is "EnetEnglish"), its squeezed key, its domain, an alias, its
initials, or the distinctive words of a short masthead ("the Lantern"). A long
corpus "outlet" that reads like a description or a headline is matched exactly,
never by words inside it.

>>> r = OutletResolver([("The Harbor Lantern", "harborlantern.example")],
...                    [{"alias": "lantern-news.example", "kind": "domain", "domain": "harborlantern.example"}])
>>> r.resolve("https://www.lantern-news.example/2019/pier").domains
['harborlantern.example', 'lantern-news.example']
>>> r.resolve("Harbor Lantern").domain, r.resolve("Harbor Lantern").how
('harborlantern.example', 'masthead known from the corpus')
>>> r.corpus_outlets("the Lantern")
['The Harbor Lantern']
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from newstrail.core.article import Article
from newstrail.outlets.keys import GENERIC, domain_label, has_other_script, initials, is_acronym, latin, outlet_key, site_stem, skeleton, squeezed, tokens, without_article
from newstrail.outlets.urls import PLATFORMS, domain_of, host_of, looks_like_domain, parse_site

__all__ = ["ListedSite", "Outlet", "OutletResolver", "former_names", "own_text"]

#: a corpus outlet longer than this many words is a description or a title, not a masthead
_MASTHEAD_WORDS = 6
_SMALL_WORDS = frozenset("of the and for in on at de la le du des del di da y & a an".split())


class ListedSite(NamedTuple):
    """One site of an imported rating list, as the resolver needs it. ``stem`` and
    ``name_key`` are computed when not given (a store keeps them from import time, so
    a list of 100,000 sites costs no parsing per resolver)."""

    name: str | None
    host: str
    domain: str
    section: str = ""
    stem: str | None = None
    name_key: str | None = None


@dataclass
class Outlet:
    """An outlet as far as the corpus, the aliases and the lists know it.

    ``key`` is the :func:`~newstrail.outlets.keys.outlet_key` of its name, ``name`` its
    usual spelling in the corpus; ``domain`` the current domain (``None`` when only a
    name is known), ``domains`` every domain it has used, current first; ``hosts`` a
    blog's own host on a shared platform; ``names`` every spelling the corpus uses;
    ``how`` how the query was resolved; ``renames`` the alias rows behind old domains.
    """

    query: str
    domain: str | None
    domains: list[str] = field(default_factory=list)
    hosts: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    how: str = ""
    renames: list[dict[str, Any]] = field(default_factory=list)
    key: str = ""
    name: str | None = None

    @property
    def label(self) -> str:
        """What to call it: its name, else its host or domain, else the query."""
        return self.name or (self.names[0] if self.names else (self.hosts[0] if self.hosts else self.domain or self.query))

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (``sources show --format json``)."""
        return {"query": self.query, "domain": self.domain, "domains": self.domains, "hosts": self.hosts,
                "names": self.names, "how": self.how, "renames": self.renames, "key": self.key, "name": self.name}


def masthead_like(name: str) -> bool:
    """Whether a corpus outlet name reads as a masthead (short, every word capitalised)
    rather than a description or a headline, whose words must not identify it.

    >>> masthead_like("The Harbor Lantern"), masthead_like("news from Sputnik Arabic and others")
    (True, False)
    """
    words = re.findall(r"[\w'’&.-]+", name)
    if not words or len(words) > _MASTHEAD_WORDS or re.search(r"[:|–—]| - ", name):
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.casefold() in _SMALL_WORDS for w in words)


@dataclass
class _Index:
    """Lookups over the corpus outlets, rebuilt when the resolver learns a new pair."""

    by_key: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_stem: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_acronym: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    tokens: dict[str, frozenset[str]] = field(default_factory=dict)
    #: the consonant skeleton of a key in Latin letters -> keys (names in other scripts)
    by_skeleton: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    masthead: dict[str, bool] = field(default_factory=dict)
    #: an outlet's other name (alias or former name, by key) -> the outlet's key
    other_names: dict[str, str] = field(default_factory=dict)


class OutletResolver:
    """Resolves URLs, domains, old domains, mastheads, aliases and acronyms to outlets.

    ``pairs``: (outlet name, domain) of stored articles; ``aliases``: alias rows
    (``alias``, ``kind`` ``domain``/``name``, ``domain``, ``note``, ``source``);
    ``listed``: the sites of the rating lists; ``names``: extra spellings -> outlet
    name (a caller's ``known_outlets``).
    """

    def __init__(self, pairs: Iterable[tuple[str | None, str | None]] = (), aliases: Iterable[Mapping[str, Any]] = (),
                 listed: Iterable[ListedSite | tuple[Any, ...]] = (), names: Mapping[str, str] | None = None) -> None:
        self.domain_alias: dict[str, dict[str, Any]] = {}  # old host/domain -> alias row
        self.name_alias: dict[str, dict[str, Any]] = {}  # outlet key -> alias row
        for row in aliases:
            if row["kind"] == "domain":
                self.domain_alias[row["alias"]] = dict(row)
            else:
                self.name_alias[row["alias"].removeprefix("name:")] = dict(row)
        self._spellings: dict[str, Counter[str]] = defaultdict(Counter)  # key -> corpus spellings
        self._key_domains: dict[str, set[str]] = defaultdict(set)
        self._spelling_domains: dict[str, set[str]] = defaultdict(set)
        self._domain_keys: dict[str, set[str]] = defaultdict(set)
        self._variants: dict[str, str] = {}  # another spelling's key -> outlet key
        self._listed_names: dict[str, list[tuple[str, str]]] = defaultdict(list)  # key -> (name, domain)
        self._listed_stems: dict[str, set[str]] = defaultdict(set)  # stem -> hosts
        # read on the first masthead that needs a list: a trace that never asks costs nothing
        self._unread: Iterable[ListedSite | tuple[Any, ...]] | None = listed
        self._index: _Index | None = None
        for outlet, domain in pairs:
            self.learn(outlet, domain)
        for variant, outlet in (names or {}).items():
            self.learn(outlet, None)
            if outlet_key(variant) and outlet_key(variant) != outlet_key(outlet):
                self._variants.setdefault(outlet_key(variant), outlet_key(outlet))

    def _read_lists(self) -> None:
        if self._unread is None:
            return
        names, stems = self._listed_names, self._listed_stems
        for row in self._unread:
            name, host, domain, section, stem, key = ListedSite(*row) if len(row) < 6 else row
            if name:
                key = key if key is not None else outlet_key(name)
                if key:
                    names[key].append((name, domain))
            if not section:
                stems[stem if stem is not None else site_stem(host)].add(host)
        self._unread = None

    @property
    def empty(self) -> bool:
        """Whether it knows no outlet name at all."""
        return not self._spellings

    def learn(self, outlet: str | None, domain: str | None) -> None:
        """Remember that articles of ``outlet`` live on ``domain`` (either may be missing)."""
        key = outlet_key(outlet)
        if not outlet or not key:
            return
        known = outlet in self._spellings.get(key, ())
        seen = self._spelling_domains[outlet]
        if known and (not domain or domain in seen):
            return
        if domain:
            seen.add(domain)
        # a spelling counts the domains it is seen on, whatever the order they come in
        self._spellings[key][outlet] = max(1, len(seen))
        if domain:
            self._key_domains[key].add(domain)
            self._domain_keys[domain].add(key)
        if self._index is not None:  # kept current: a batch teaches outlets one by one
            self._index_key(self._index, key)

    def learn_former_names(self, text: str, outlet: str | None, domain: str | None, source: str = "") -> list[dict[str, Any]]:
        """Remember the former names ``outlet`` gives in its own ``text`` as names of
        ``domain``; return the alias rows learned (a name the resolver already knows, as
        an alias or another corpus outlet's name, stays as it is).

        >>> r = OutletResolver([("The Pier Post", "pierpost.example")])
        >>> [row["text"] for row in r.learn_former_names("The Pier Post (formerly the Bay Courier) is local.", "The Pier Post", "pierpost.example")]
        ['Bay Courier']
        >>> r.corpus_outlets("the Bay Courier")
        ['The Pier Post']
        """
        learned: list[dict[str, Any]] = []
        if not domain:
            return learned
        for name in former_names(text, outlet):
            key = outlet_key(name)
            if key not in self.name_alias and not self.corpus_outlets(name):
                row = {"alias": "name:" + key, "kind": "name", "text": name, "domain": domain,
                       "note": "former name, from the outlet's own text", "source": source}
                self.name_alias[key] = row
                self._index = None
                learned.append(row)
        return learned

    def adopt(self, rows: Iterable[Mapping[str, Any]]) -> None:
        """Take former-name rows another resolver learned (:meth:`learn_former_names`), in
        the order it learned them: a copy of a resolver taught elsewhere knows what it knows.

        >>> taught = OutletResolver([("The Pier Post", "pierpost.example")])
        >>> rows = taught.learn_former_names("The Pier Post (formerly the Bay Courier) is local.", "The Pier Post", "pierpost.example")
        >>> copy = OutletResolver([("The Pier Post", "pierpost.example")])
        >>> copy.adopt(rows)
        >>> copy.corpus_outlets("the Bay Courier")
        ['The Pier Post']
        """
        for row in rows:
            self.name_alias[row["alias"].removeprefix("name:")] = dict(row)
            self._index = None

    # names and keys ------------------------------------------------------------------
    def name_of(self, key: str) -> str:
        """The usual corpus spelling of an outlet key (the key itself when unknown)."""
        spellings = self._spellings.get(key)
        return min(spellings, key=lambda s: (-spellings[s], s)) if spellings else key

    def spellings(self, names: Iterable[str]) -> list[str]:
        """Every corpus spelling of these outlets ("ENETEnglish" and "EnetEnglish")."""
        found = {s for n in names for s in self._spellings.get(outlet_key(n), ())}
        return sorted(found | set(names))

    def _index_key(self, index: _Index, key: str) -> None:
        index.by_key[key].add(key)
        index.tokens[key] = tokens(key)
        index.masthead[key] = any(masthead_like(s) for s in self._spellings[key])
        index.by_stem[squeezed(key)].add(key)
        index.by_skeleton[skeleton(key)].add(key)
        for domain in self._key_domains[key]:
            index.by_key[outlet_key(domain)].add(key)
            index.by_stem[_stem(domain)].add(key)
        if index.masthead[key]:
            for acronym in set().union(*(initials(s) for s in self._spellings[key])):
                index.by_acronym[acronym].add(key)

    def _built(self) -> _Index:
        if self._index is None:
            index = _Index()
            for key in self._spellings:
                self._index_key(index, key)
            for variant, key in self._variants.items():
                index.by_key[variant].add(key)
                index.by_stem[squeezed(variant)].add(key)
                index.by_skeleton[skeleton(variant)].add(key)
            for alias, row in self.name_alias.items():
                owners = {k for d in self.domains_of(row["domain"]) for k in self._domain_keys.get(d, ())}
                if len(owners) == 1 and alias not in index.tokens:
                    # an old name is matched by its words like a masthead ("the Harbor Courier"
                    # for "Harbor & District Courier") and means the outlet that now owns it
                    index.tokens[alias] = tokens(alias)
                    index.masthead[alias] = masthead_like(row.get("text") or alias)
                    index.other_names[alias] = next(iter(owners))
            self._index = index
        return self._index

    def _keys(self, name: str) -> set[str]:
        """The corpus outlet keys a cited name can mean, best evidence first."""
        key = outlet_key(name)
        if not key:
            return set()
        index = self._built()
        if key in self.name_alias:
            aliased = {k for d in self.domains_of(self.name_alias[key]["domain"]) for k in self._domain_keys.get(d, ())}
            if aliased:
                return aliased
        if key in index.by_key:
            return set(index.by_key[key])
        bare = without_article(key)
        for candidate in (squeezed(key), _stem(key) if "." in key else None, squeezed(bare) if bare != key else None):
            if candidate and candidate in index.by_stem:
                return set(index.by_stem[candidate])
        if is_acronym(name) and len(index.by_acronym.get(key, ())) == 1:
            return set(index.by_acronym[key])
        if has_other_script(key):
            across = self._across_scripts(key, index)
            if across:
                return across
            key = latin(key)
        return {index.other_names.get(k, k) for k in self._by_words(key, index)}

    @staticmethod
    def _across_scripts(key: str, index: _Index) -> set[str]:
        """The keys a name in Cyrillic or Arabic letters spells in Latin ones ("Спутник",
        "سبوتنيك" -> "sputnik"): its transliteration, else its consonant skeleton when
        that is long enough and names one outlet."""
        spelt = outlet_key(latin(key))
        found = index.by_key.get(spelt) or index.by_stem.get(squeezed(spelt))
        if found:
            return set(found)
        bones = skeleton(key)
        found = index.by_skeleton.get(bones, set())
        return set(found) if len(bones) >= 4 and len(found) == 1 else set()

    @staticmethod
    def _by_words(key: str, index: _Index) -> set[str]:
        cited = tokens(key)
        distinctive = cited - GENERIC
        found = set()
        for other, words in index.tokens.items():
            if not distinctive:
                # "the Signal": every masthead holding the words; the caller decides by shared text
                if cited and cited <= words and index.masthead[other]:
                    found.add(other)
            elif (distinctive <= words and index.masthead[other] and 2 * len(distinctive) >= len(words - GENERIC)) or (
                (words - GENERIC) and words <= cited
            ):
                # every distinctive cited word in a masthead, and at least half of its own
                # ("the Lantern" for "Harbor Lantern", not "Corvid Arabic" for a headline
                # "Corvid Arabic Says Pier Closed"), or the masthead's words all in the
                # citation ("Porthaven's Harbor Lantern")
                found.add(other)
        return found

    def corpus_outlets(self, name: str | None) -> list[str]:
        """The corpus outlets (usual spellings) a cited name can mean, sorted; empty when none."""
        return sorted(self.name_of(k) for k in self._keys(name or ""))

    def find(self, name: str) -> str | None:
        """The known outlet a name is (exactly: key, squeezed key, other spelling or
        unique acronym), for the attribution stage; ``None`` when it is none."""
        key = outlet_key(name)
        if not key or self.empty:
            return None
        index = self._built()
        keys = index.by_key.get(key) or index.by_stem.get(squeezed(key))
        if not keys and is_acronym(name) and len(index.by_acronym.get(key, ())) == 1:
            keys = index.by_acronym[key]
        if not keys and without_article(key) != key:
            bare = without_article(key)  # "L'Eco di Castelbrina" for ecodicastelbrina.example
            keys = index.by_key.get(bare) or index.by_stem.get(squeezed(bare))
        if not keys and has_other_script(key):
            keys = self._across_scripts(key, index)
        return self.name_of(min(keys)) if keys else None

    def cite_keys(self, name: str) -> set[str]:
        """Every key a credit to this outlet may be stored under: its name, its domains'
        labels, other spellings and its acronyms."""
        key = outlet_key(name)
        index = self._built()
        found = {key} | {k for k, keys in index.by_key.items() if key in keys}
        found |= {a for a, keys in index.by_acronym.items() if keys == {key}}
        return {k for k in found if k}

    def same_outlet(self, cited: str, outlet: str | None) -> bool:
        """Whether a cited name means exactly the outlet ``outlet`` (an article naming its own)."""
        return bool(outlet) and self.corpus_outlets(cited) == [self.name_of(outlet_key(outlet))]

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
        group = [self.canonical(domain)]
        changed = True
        while changed:
            changed = False
            for old, row in self.domain_alias.items():
                if row["domain"] in group and old not in group:
                    group.append(old)
                    changed = True
        return group

    def _names_for(self, domains: list[str]) -> list[str]:
        keys = {k for d in domains for k in self._domain_keys.get(d, ())}
        aliased = {k for k, row in self.name_alias.items() if row["domain"] in domains}
        keys |= {k for k in self._spellings if k in aliased}
        return sorted(s for k in keys for s in self._spellings[k])

    # names -----------------------------------------------------------------------------
    def _resolve_name(self, name: str) -> tuple[list[str], list[str], str]:
        """(domains, corpus spellings, how) for a masthead."""
        key = outlet_key(name)
        if key in self.name_alias:
            row = self.name_alias[key]
            return [row["domain"]], [], f"alias of {row['domain']} (imported from {row.get('source') or 'an alias file'})"
        keys = self._keys(name) if key else set()
        names = sorted(s for k in keys for s in self._spellings[k])
        domains = sorted({d for k in keys for d in self._key_domains.get(k, ())})
        if len({self.canonical(d) for d in domains}) == 1:
            return domains, names, "masthead known from the corpus"
        if not domains and key:
            self._read_lists()
            listed = self._listed_names.get(key, [])
            found = sorted({d for _, d in listed})
            if len(found) == 1:
                return found, names, f"masthead named in rating list(s) as {listed[0][0]!r}"
            # "Global Research" -> globalresearch.example: the masthead spelt as a listed site's name
            stems = {squeezed(key), re.sub(r"[^a-z0-9]", "", name.casefold())}
            hosts = sorted({h for s in stems if len(s) >= 5 for h in self._listed_stems.get(s, ())})
            if len(hosts) == 1:
                return hosts, names, f"masthead spells the name of a listed site ({hosts[0]})"
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
        """The outlet ``query`` (URL, domain, old domain, masthead, alias, acronym) means, or ``None``."""
        query = query.strip()
        if looks_like_domain(query):
            return self._resolve_site(query)
        domains, names, how = self._resolve_name(query)
        key = outlet_key(names[0]) if names else outlet_key(query)
        if domains:
            group = self.domains_of(domains[0])
            for extra in domains[1:]:
                group += [d for d in self.domains_of(extra) if d not in group]
            renames = [self.domain_alias[d] for d in group if d in self.domain_alias]
            spelt = sorted(set(names) | set(self._names_for(group)))
            return self._outlet(query, group, [], spelt, how, renames)
        if names and not how.startswith("ambiguous"):
            return Outlet(query, None, [], [], names, how, key=key, name=self.name_of(key))
        return None

    def _resolve_site(self, query: str) -> Outlet:
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
            note = self.domain_alias[start].get("note")
            how = f"old domain of {domains[0]}" + (f" ({note})" if note else "")
        return self._outlet(query, domains, hosts, self._names_for(domains), how, renames)

    def _outlet(self, query: str, domains: list[str], hosts: list[str], names: list[str], how: str,
                renames: list[dict[str, Any]]) -> Outlet:
        keys = sorted({outlet_key(n) for n in names}, key=lambda k: (-sum(self._spellings[k].values()), k))
        key = keys[0] if keys else domain_label(domains[0]) if domains else ""
        return Outlet(query, domains[0], domains, hosts, names, how, renames, key=key, name=self.name_of(key) if keys else None)


_FORMER = re.compile(
    r"\s*[,(]\s*(?:formerly(?:\s+known\s+as)?|previously(?:\s+known\s+as)?|once\s+known\s+as|renamed\s+from)\s+(?:the\s+)?"
    r"(?P<name>[A-Z][\w'’]*(?:\s+(?:[A-Z][\w'’]*|&|of|and|the|de|la))*)"
)

# what every _FORMER match holds: most texts have none, and then the search for the
# outlet's name (case-insensitive "the", a scan of the whole text) is not needed
_FORMER_CUE = re.compile(r"[,(]\s*(?:formerly|previously|once|renamed)\s")


def own_text(article: Article) -> str:
    """The text an outlet says of itself in: the article's text and the blocks the cleaner
    removed (a footer "X, formerly the Y, has reported since 1949" says it most)."""
    return "\n".join([article.text, *(block.text for block in article.removed)])


def former_names(text: str, outlet: str | None) -> list[str]:
    """The names ``outlet`` says it had, in its own text ("Harbor Courier, formerly the
    Harbor & District Courier", "(previously known as ...)"): a credit by the old name
    means the renamed outlet.

    >>> former_names("The Pier Post (formerly the Bayside & District Courier) is local.", "The Pier Post")
    ['Bayside & District Courier']
    >>> former_names("The Pier Post, formerly known as Bayside News, is local.", "Pier Post")
    ['Bayside News']
    """
    if not outlet or not text or _FORMER_CUE.search(text) is None:
        return []
    bare = re.sub(r"^(?i:the)\s+", "", outlet.strip())
    found = []
    for m in re.finditer(r"(?i:\bthe\s+)?" + re.escape(bare), text):
        former = _FORMER.match(text, m.end())
        if former:
            name = re.sub(r"\s+(?:&|of|and|the|de|la)$", "", former.group("name").strip())
            if outlet_key(name) and outlet_key(name) != outlet_key(outlet) and name not in found:
                found.append(name)
    return found


def _stem(domain: str) -> str:
    return re.sub(r"[^a-z0-9]", "", domain.split(".")[0].lower())
