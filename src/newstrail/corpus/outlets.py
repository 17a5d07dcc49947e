"""The outlet resolver of one store, and keeping stored articles' domains current.

:func:`resolver_for` builds the one :class:`~newstrail.outlets.resolver.OutletResolver`
from what a store holds: its articles' (outlet, domain) pairs, the aliases and the
sites of the rating lists. Linking, tracing, ratings and outlet profiles all use it,
so a credit resolves the same way at link time and at trace time.

:func:`refresh_domains` is for write commands (importing a list or an alias file):
an article stored before the list or alias that names its masthead gets its domain
then, so the order of commands does not matter.

>>> import tempfile, os
>>> from newstrail.store import open_store
>>> store = open_store(os.path.join(tempfile.mkdtemp(), "o.db"))
>>> resolver_for(store).resolve("harborlantern.example").domain
'harborlantern.example'
"""

from __future__ import annotations

from collections.abc import Iterator

from newstrail.outlets.resolver import ListedSite, OutletResolver
from newstrail.store import Store

__all__ = ["refresh_domains", "resolver_for"]


def resolver_for(store: Store) -> OutletResolver:
    """The resolver over this store's articles, aliases and rating lists (the lists are
    read when a masthead first needs them, while the store is open)."""
    return OutletResolver([(n.outlet, n.domain) for n in store.articles.outlet_names()], [a.to_dict() for a in store.ratings.aliases()], _listed(store))


def _listed(store: Store) -> Iterator[ListedSite]:
    # a generator: the resolver reads the lists only when a masthead first needs them
    yield from store.ratings.listed_sites()


def refresh_domains(store: Store, resolver: OutletResolver | None = None) -> int:
    """Give every stored article without a domain the domain its masthead now resolves
    to (a write: call it from commands that import lists or aliases); returns how many
    articles changed."""
    resolver = resolver or resolver_for(store)
    found = {}
    for name in store.articles.outlet_names():
        outlet, domain = name.outlet, name.domain
        if outlet and not domain:
            resolved = resolver.domain_for_name(outlet)
            if resolved:
                found[outlet] = resolved
    changed = 0
    with store.transaction():
        for outlet, domain in found.items():
            ids = [ref.id for ref in store.articles.of_outlet(names=[outlet])]
            for article in store.articles.get_many(ids):
                article.domain = domain
                article.outlet_domain = domain
                article.outlet_domain_via = "masthead"
                store.articles.update(article)
                changed += 1
    return changed
