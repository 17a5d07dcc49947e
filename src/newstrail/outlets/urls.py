"""Canonical URLs, registered domains, and the sites a rating list names.

>>> canonical_url("HTTPS://WWW.Harbor.example/news/a/?utm_source=feed#top")
'https://harbor.example/news/a'
>>> domain_of("https://news.lantern.co.uk/x")
'lantern.co.uk'
>>> parse_site("www.Lantern.example/opinion/")
Site(host='lantern.example', section='/opinion')
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

# tldextract keeps a Public Suffix List snapshot inside the package; an empty
# list of suffix URLs makes it use that snapshot and never touch the network.
_SUFFIX_URLS: tuple[str, ...] = ()

#: registered domains that host many independent outlets, one per subdomain
PLATFORMS = frozenset({
    "wordpress.com", "blogspot.com", "blogspot.co.uk", "blogspot.ca", "blogspot.com.au", "substack.com", "medium.com",
    "tumblr.com", "github.io", "weebly.com", "wixsite.com", "livejournal.com", "typepad.com", "over-blog.com",
})


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
    """An http(s) URL that can be taken apart (``http://[::1/`` cannot: its host is a broken
    IPv6 literal, and every later look at it would fail).

    >>> is_web_url("https://bay.example/a"), is_web_url("http://[::1/a"), is_web_url("mailto:a@b.example")
    (True, False, False)
    """
    if not value.lower().startswith(("http://", "https://")):
        return False
    try:
        urlsplit(value).hostname
    except ValueError:
        return False
    return True


def without_credentials(url: str) -> str:
    """``url`` without a user name or password (``http://user:secret@host/`` -> ``http://host/``):
    what is stored, printed or put in an error message never carries them.

    >>> without_credentials("https://ana:s3cret@bay.example/a?b=1")
    'https://bay.example/a?b=1'
    >>> without_credentials("http://ana:s3cret@[::1/a")
    'http://[::1/a'
    """
    try:
        parts = urlsplit(url)
    except ValueError:  # a broken IPv6 literal: cut the credentials out by hand
        return re.sub(r"^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@", r"\1", url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit((parts.scheme, parts.netloc.rpartition("@")[2], parts.path, parts.query, parts.fragment))


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
    host = parts.netloc.rpartition("@")[2].lower()  # credentials are never part of an identity
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
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:  # a broken IPv6 literal: no host to name
        return ""
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


def host_of(url: str | None) -> str:
    """The host of a URL, lower-cased, without ``www.`` (``""`` when it has none)."""
    if not url:
        return ""
    host = (urlsplit(url.strip()).hostname or "").rstrip(".")
    return host[4:] if host.startswith("www.") else host


@dataclass(frozen=True)
class Site:
    """A site as a rating list names it: a host, and a path when the list rates one
    section only (``newyorker.example/humor``)."""

    host: str
    section: str = ""

    @property
    def domain(self) -> str:
        """The registered domain of the host."""
        return domain_of("http://" + self.host)

    def covers(self, host: str, path: str = "") -> bool:
        """Whether a page on ``host`` at ``path`` is this site (subdomains included)."""
        if host != self.host and not host.endswith("." + self.host):
            return False
        return not self.section or path == self.section or path.startswith(self.section + "/")


_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def parse_site(value: str) -> Site:
    """The site a list cell names: a bare domain, a host with a path, or a URL.

    Raises ``ValueError`` with the reason when the value is not a domain, so the
    caller can report the line and skip it.

    >>> parse_site("https://news.example.co.uk/world?x=1"), parse_site("10.0.0.7")
    (Site(host='news.example.co.uk', section='/world'), Site(host='10.0.0.7', section=''))
    """
    text = (value or "").strip()
    if not text:
        raise ValueError("empty domain")
    if any(ch.isspace() for ch in text):
        raise ValueError(f"{text!r} is not a domain (it contains spaces)")
    parts = urlsplit(text if "://" in text else "http://" + text)
    try:
        host = (parts.hostname or "").rstrip(".")
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a domain ({exc})") from None
    if host.startswith("www."):
        host = host[4:]
    if not host:
        raise ValueError(f"{text!r} is not a domain (no host)")
    section = parts.path.rstrip("/")
    if _is_ip(host):
        return Site(host, section)
    if "" in host.split("."):
        raise ValueError(f"{text!r} is not a domain (expected a name like example.org)")
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        raise ValueError(f"{text!r} is not a domain (not a valid international name)") from None
    labels = host.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels) or labels[-1].isdigit():
        raise ValueError(f"{text!r} is not a domain (expected a name like example.org)")
    return Site(host, section)


def looks_like_domain(value: str) -> bool:
    """Whether ``value`` reads as a domain or URL rather than an outlet name."""
    text = value.strip()
    if is_web_url(text):
        return True
    try:
        parse_site(text)
    except ValueError:
        return False
    return "." in text and " " not in text
