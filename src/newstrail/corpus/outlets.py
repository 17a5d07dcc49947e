"""Which outlets of the corpus a cited name can mean.

An attribution names an outlet the way the writer felt like: "the Lantern" for
"The Harbor Lantern", "Crosswind" for "The Crosswind Digest", a domain, a
language service ("VIB Español") of a broadcaster. The directory is built from
the (outlet, domain) pairs the store holds and resolves a cited name to the
outlet names it can mean: exactly, by domain, or when every distinctive word of
one name is in the other.

>>> d = OutletDirectory([("The Harbor Lantern", "harborlantern.example"), ("Bay Herald", "bayherald.example")])
>>> d.resolve("the Lantern"), d.resolve("harborlantern.example"), d.resolve("Herald Tribune"), d.resolve("the Herald")
(['The Harbor Lantern'], ['The Harbor Lantern'], [], ['Bay Herald'])
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

#: words too common in mastheads to identify one by themselves
GENERIC = frozenset(
    "the a an of news daily times post media centre center research wire digest press tv radio network review "
    "online report reports journal gazette herald tribune courier monitor signal dispatch observer weekly "
    "international world local national global community network agency service english".split()
)


def outlet_key(name: str) -> str:
    """The normalised form of an outlet name used for matching (see analyze.attributions)."""
    from newstrail.analyze.attributions import outlet_key as key

    return key(name)


def _tokens(key: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", key))


def _stem(domain: str) -> str:
    return re.sub(r"[^a-z0-9]", "", domain.split(".")[0].lower())


class OutletDirectory:
    """Outlet names of a corpus, resolvable from how articles cite them."""

    def __init__(self, pairs: Iterable[tuple[str, str | None]]) -> None:
        self.by_key: dict[str, set[str]] = defaultdict(set)
        self.by_stem: dict[str, set[str]] = defaultdict(set)
        self.domains: dict[str, set[str]] = defaultdict(set)
        self.tokens: dict[str, frozenset[str]] = {}
        for outlet, domain in pairs:
            key = outlet_key(outlet)
            self.by_key[key].add(outlet)
            self.tokens[outlet] = _tokens(key)
            if domain:
                self.domains[outlet].add(domain)
                self.by_stem[_stem(domain)].add(outlet)
                self.by_key[outlet_key(domain)].add(outlet)
            self.by_stem[key.replace(" ", "")].add(outlet)

    def resolve(self, name: str) -> list[str]:
        """The outlet names ``name`` can mean, best evidence first (empty when none)."""
        key = outlet_key(name)
        if not key:
            return []
        if key in self.by_key:
            return sorted(self.by_key[key])
        squashed = key.replace(" ", "").replace(".", "")
        for candidate in (squashed, _stem(key) if "." in key else None):
            if candidate and candidate in self.by_stem:
                return sorted(self.by_stem[candidate])
        cited = _tokens(key)
        distinctive = cited - GENERIC
        if not distinctive:
            # "the Signal", "the Journal": every masthead holding the words; the caller
            # decides among them by shared text
            return sorted(o for o, tokens in self.tokens.items() if cited and cited <= tokens)
        found = []
        for outlet, tokens in self.tokens.items():
            # every distinctive cited word in the masthead ("the Lantern"), or the
            # masthead's words all in the citation ("Porthaven's Harbor Lantern")
            if (distinctive <= tokens) or ((tokens - GENERIC) and tokens <= cited):
                found.append(outlet)
        return sorted(found)
