"""Outlet identity and source ratings.

* :mod:`.urls`: canonical URLs, registered domains, the sites a list names;
* :mod:`.identity`: one outlet behind its domains, renames and mastheads;
* :mod:`.ratings`: reading rating lists and alias files the user imports;
* :mod:`.verdicts`: which fact-check ratings say "false";
* :mod:`.profile`: what the corpus shows about an outlet;
* :mod:`.annotate`: ratings next to article records and trace nodes.

>>> domain_of("https://news.lantern.co.uk/x")
'lantern.co.uk'
"""

from __future__ import annotations

from newstrail.outlets.urls import Site, canonical_url, domain_of, host_of, is_web_url, looks_like_domain, parse_site

__all__ = ["Site", "canonical_url", "domain_of", "host_of", "is_web_url", "looks_like_domain", "parse_site"]
