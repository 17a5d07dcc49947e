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

__all__ = ["GENERIC", "domain_label", "initials", "is_acronym", "is_domain", "has_other_script", "latin", "outlet_key", "site_stem", "skeleton", "squeezed", "tokens", "without_article"]

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


# ------------------------------------------------------------------ other scripts

#: Cyrillic (Russian, Ukrainian, Uzbek, ...) and Arabic letters to Latin, a plain
#: letter-by-letter table: good enough to put "Спутник" or "سبوتنيك" beside "Sputnik"
_LATIN = {
    **dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya".split())),
    **dict(zip("іїєґўқғҳәөүұңһ", "i yi ye g o q g h a o u u n h".split())),
    **dict(zip("ابتثجحخدذرزسشصضطظعغفقكلمنهويىءآأإؤئةپچژگڤ", "a b t th j h kh d dh r z s sh s d t z _ gh f q k l m n h w y a _ a a i w y h p ch zh g v".split())),
}
_LATIN = {k: ("" if v == "_" else v) for k, v in _LATIN.items()}
_NON_LATIN = re.compile("[\u0400-\u04ff\u0600-\u06ff]")
_MARKS = re.compile("[\u064b-\u0652\u0640\u0670]")  # Arabic vowel marks and the tatweel


def has_other_script(value: str) -> bool:
    """Whether a name holds Cyrillic or Arabic letters.

    >>> has_other_script("Спутник"), has_other_script("Sputnik")
    (True, False)
    """
    return bool(_NON_LATIN.search(value))


def latin(value: str) -> str:
    """A Cyrillic or Arabic name written in Latin letters by a plain table (other
    characters are kept), lowercased.

    >>> latin("Спутник"), latin("РИА Новости"), latin("سبوتنيك")
    ('sputnik', 'ria novosti', 'sbwtnyk')
    """
    value = _MARKS.sub("", value.casefold())
    return "".join(_LATIN.get(c, c) for c in value)


def skeleton(key: str) -> str:
    """The consonants of a key in Latin letters, for matching a name across scripts
    (Arabic writes no short vowels and has no "p" or "v"): vowels, w, y and h dropped,
    p -> b, v -> f, doubled letters collapsed. A trailing Russian case ending is a vowel,
    so "Спутника" meets "Sputnik" too.

    >>> skeleton("sputnik") == skeleton(latin("Спутник")) == skeleton(latin("سبوتنيك")) == skeleton(latin("Спутника"))
    True
    """
    value = latin(key).replace("kh", "k").replace("ck", "k").replace("q", "k").replace("c", "k")
    value = value.translate(str.maketrans("pvxz", "bfks"))
    value = re.sub(r"[^a-z0-9]|[aeiouywh]", "", value)
    return re.sub(r"(.)\1+", r"\1", value)


#: articles a masthead may open with in other languages ("L'Eco di Castelbrina", "El Heraldo", "Die Welle")
_ARTICLES = re.compile(r"^(?:l|la|le|les|il|lo|el|los|las|o|a|os|as|der|die|das|al|el)\s+(?=\S)")


def without_article(key: str) -> str:
    """A key without a leading article of another language, for a second try at matching.

    >>> without_article("l eco di castelbrina"), without_article("sputnik")
    ('eco di castelbrina', 'sputnik')
    """
    return _ARTICLES.sub("", key)


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
