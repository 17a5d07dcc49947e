"""Outlet identity: canonical URLs and the registered domain an article belongs to.

>>> canonical_url("HTTPS://WWW.Harbor.example/news/a/?utm_source=feed#top")
'https://harbor.example/news/a'
>>> domain_of("https://news.lantern.co.uk/x")
'lantern.co.uk'
"""

from __future__ import annotations

import functools
from urllib.parse import urlsplit, urlunsplit

# tldextract keeps a Public Suffix List snapshot inside the package; an empty
# list of suffix URLs makes it use that snapshot and never touch the network.
_SUFFIX_URLS: tuple[str, ...] = ()


@functools.lru_cache(maxsize=1)
def _extractor():  # imported lazily: tldextract costs ~100 ms to import
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=_SUFFIX_URLS, cache_dir=None)


def _is_ip(host: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def is_web_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def canonical_url(url: str | None) -> str | None:
    """The form of a URL used for identity: tracking parameters, fragment, ``www.`` and
    trailing slash removed, scheme and host lower-cased. Non-web URLs give ``None``."""
    if not url or not is_web_url(url.strip()):
        return None
    from courlan import normalize_url

    try:
        url = normalize_url(url.strip(), trailing_slash=False)
    except ValueError:
        return None
    parts = urlsplit(url)
    host = parts.netloc.lower()
    if host.startswith("www."):
        host = host[4:]
    path = parts.path.rstrip("/")
    return urlunsplit((parts.scheme.lower(), host, path, parts.query, ""))


@functools.lru_cache(maxsize=4096)
def domain_of(url: str | None) -> str:
    """The registered domain of a URL (``news.lantern.co.uk`` -> ``lantern.co.uk``).

    Hosts under suffixes the Public Suffix List does not know (such as the reserved
    ``.example``) keep their last two labels, so fictional and intranet outlets still
    get a stable domain. Returns ``""`` when the URL has no host.
    """
    if not url:
        return ""
    host = urlsplit(url.strip()).hostname or ""
    if not host:
        return ""
    if _is_ip(host):
        return host
    parts = _extractor()(host)
    if parts.suffix and parts.domain:
        return f"{parts.domain}.{parts.suffix}".lower()
    labels = [p for p in host.lower().split(".") if p]
    if labels and labels[0] == "www":
        labels = labels[1:]
    return ".".join(labels[-2:])
