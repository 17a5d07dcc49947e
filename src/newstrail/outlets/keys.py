"""The one normal form of an outlet name, and the forms derived from it.

Every place that compares outlet names compares their :func:`outlet_key`: case-folded
(so "ENETEnglish" and "EnetEnglish" are one outlet), a leading "the", possessive 's
and punctuation dropped, spaces collapsed; a domain or URL gives its name label.
:func:`squeezed` drops the spaces too ("Tide Brief" == "Tidebrief"), :func:`initials`
gives the acronyms a wire credit may use ("(NWS) —" for "Northgate Wire Service").

>>> outlet_key("ENETEnglish") == outlet_key("EnetEnglish") == "enetenglish"
True
>>> initials("The Northgate Wire Service"), is_acronym("NWS"), is_acronym("Nws")
({'nws'}, True, False)
"""

from __future__ import annotations

import functools
import re

from newstrail.outlets.urls import PLATFORMS, domain_of

__all__ = ["GENERIC", "domain_label", "initials", "is_acronym", "is_domain", "outlet_key", "site_stem", "squeezed", "tokens"]

#: words too common in mastheads to identify one by themselves
GENERIC = frozenset(
    "the a an of news daily times post media centre center research wire digest press tv radio network review "
    "online report reports journal gazette herald tribune courier monitor signal dispatch observer weekly "
    "international world local national global community network agency service english".split()
)

#: small words an acronym may leave out ("VoI" or "VI" for "Voice of Ilvara")
_SMALL = frozenset("of the and for in on at de la le & y".split())

_DOMAIN_RE = re.compile(r"^(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}(?:/\S*)?$", re.I)
_ACRONYM_RE = re.compile(r"[A-Z][A-Z0-9&]{1,7}")


def is_domain(value: str) -> bool:
    """Whether ``value`` reads as a domain or URL ("kestrel.example", "https://x.example/a").

    >>> is_domain("kestrel.example"), is_domain("Mr. Varga")
    (True, False)
    """
    value = value.strip()
    return " " not in value and bool(_DOMAIN_RE.match(value)) and any(c.isalpha() for c in value.split(".")[0])


def domain_label(value: str) -> str:
    """The name label of a domain or URL.

    >>> domain_label("https://www.kestrelherald.example/x"), domain_label("news.bay.co.uk")
    ('kestrelherald', 'bay')
    """
    host = re.sub(r"^[a-z]+://", "", value.strip().lower()).split("/")[0].split(":")[0]
    labels = [p for p in host.split(".") if p and p != "www"]
    if len(labels) >= 2:
        labels = labels[:-1]
        if len(labels) >= 2 and labels[-1] in ("co", "com", "org", "net", "gov", "ac", "or", "ne"):
            labels = labels[:-1]
    return labels[-1] if labels else host


@functools.lru_cache(maxsize=4096)
def outlet_key(name: str | None) -> str:
    """The normalised key of an outlet name: case-folded, a leading "the", possessive
    's and punctuation dropped, spaces collapsed; a domain gives its name label.

    >>> outlet_key("The Harbor Lantern's"), outlet_key("https://www.kestrelherald.example/a")
    ('harbor lantern', 'kestrelherald')
    """
    if not name:
        return ""
    value = name.strip()
    if is_domain(value):
        return domain_label(value)
    value = value.casefold().replace("’", "'")
    value = re.sub(r"'s\b", "", value)
    value = re.sub(r"[^\w\s]|_", " ", value)
    value = " ".join(value.split())
    if value.startswith("the "):
        value = value[4:]
    return value


def squeezed(key: str) -> str:
    """A key without spaces or points: "tide brief" and "tidebrief" meet here.

    >>> squeezed("tide brief")
    'tidebrief'
    """
    return key.replace(" ", "").replace(".", "")


def tokens(key: str) -> frozenset[str]:
    """The words of a key.

    >>> sorted(tokens("harbor lantern"))
    ['harbor', 'lantern']
    """
    return frozenset(re.findall(r"\w+", key))


def is_acronym(name: str) -> bool:
    """Whether a cited name is written as an acronym ("NWS", "BNA"): capitals only.

    >>> is_acronym("NWS"), is_acronym("Reuters")
    (True, False)
    """
    return bool(_ACRONYM_RE.fullmatch(name.strip()))


def initials(name: str) -> set[str]:
    """The acronyms of a masthead of three words or more, with and without its small words.

    >>> sorted(initials("Voice of the Ilvara Coast")), initials("Harbor Lantern")
    (['vic', 'votic'], set())
    """
    words = outlet_key(name).split() if not is_domain(name) else []
    if len(words) < 2:
        return set()
    found = {"".join(w[0] for w in words), "".join(w[0] for w in words if w not in _SMALL)}
    return {a for a in found if len(a) >= 3}


def site_stem(host: str) -> str:
    """The name part of a site, letters and digits only (a blog on a shared platform
    is named by its own label).

    >>> site_stem("www.globalresearch.example"), site_stem("tidewatch.wordpress.com")
    ('globalresearch', 'tidewatch')
    """
    domain = domain_of("http://" + host) or host
    label = host.split(".")[0] if domain in PLATFORMS and host != domain else domain.split(".")[0]
    return re.sub(r"[^a-z0-9]", "", label.lower())
