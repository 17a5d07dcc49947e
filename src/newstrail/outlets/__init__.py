"""Outlet identity: one home for what names an outlet.

* :mod:`.urls`: canonical URLs, registered domains, the sites a list names;
* :mod:`.keys`: :func:`outlet_key`, the one normal form of an outlet name, and the
  forms derived from it (squeezed, initials, a site's stem);
* :mod:`.resolver`: :class:`OutletResolver`, name, masthead, alias, acronym, domain
  or URL -> :class:`Outlet`, built from plain rows (the store's rows are read by
  :func:`newstrail.corpus.outlets.resolver_for`).

>>> domain_of("https://news.lantern.co.uk/x")
'lantern.co.uk'
"""

from __future__ import annotations

from newstrail.outlets.keys import outlet_key
from newstrail.outlets.resolver import Outlet, OutletResolver
from newstrail.outlets.urls import Site, canonical_url, domain_of, host_of, is_web_url, looks_like_domain, parse_site, without_credentials

__all__ = ["Outlet", "OutletResolver", "Site", "canonical_url", "domain_of", "host_of", "is_web_url", "looks_like_domain", "outlet_key", "parse_site", "without_credentials"]
