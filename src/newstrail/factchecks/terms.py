"""Terms for lexical matching: lowercased, stop words out, stemmed; tweets tidied first.

Social posts carry URLs, @handles, "RT", hashtags written as one camel-cased word and
a signature line ("— Name (@handle) June 3, 2019"); none of it is the claim. The
same tidying is applied to fact-checks and queries, so both sides agree.

>>> tidy("RT @harbor_now: #PierNine closed https://t.co/x — Ann Bell (@annb) March 4, 2025")
'Pier Nine closed'
>>> terms("The councils voted to close the piers")
['council', 'vote', 'close', 'pier']
"""

from __future__ import annotations

import re
from functools import lru_cache

from newstrail.analyze.sentences import split_sentences
from newstrail.core.dates import parse_date

# A compact English stop list (articles, pronouns, auxiliaries, prepositions): words
# that match everywhere and say nothing about which claim is meant. Negations
# ("not", "no") are kept: they separate a claim from its denial.
STOP_WORDS: frozenset[str] = frozenset("""
a about above after again against all am an and any are as at be because been before being below between both but by
can could did do does doing down during each few for from further had has have having he her here hers herself him
himself his how i if in into is it its itself just me more most my myself nor now of off on once only or other our
ours ourselves out over own same she should so some such than that the their theirs them themselves then there these
they this those through to too under until up very was we were what when where which while who whom why will with
would you your yours yourself yourselves also via amp rt us said says say says one get got would like just
""".split())

# "pic.twitter.com/..." is often glued to the word before it ("#tagpic.twitter.com/x")
_URL = re.compile(r"(?:https?://|www\.)\S+|pic\.twitter\.com/\S+", re.I)
# a hyphen opens a signature only after a space ("well-known mayor" is no signature)
_SIGNATURE = re.compile(r"(?:[—–]{1,2}|(?<!\S)--?)\s*([^—–\n]{0,80})\(@\w{1,30}\)\s*([A-Z][a-z]+\.? \d{1,2}, \d{4})\s*$")
_HANDLE = re.compile(r"(?<!\w)@(\w{1,30})")
_RT = re.compile(r"(?<!\w)(?:RT|MT|via)\s*(?=@)", re.I)
_HASHTAG = re.compile(r"(?<!\w)#(\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def tidy(text: str) -> str:
    """The text with URLs, the tweet signature, RT/@ markers and hashtag signs removed.

    @handles at the start (replies, retweets) go; handles inside the sentence stay as
    words, since "@CityCouncil voted" names the council.
    """
    text = _URL.sub(" ", text)
    text = unsigned(text)
    text = _RT.sub(" ", text)
    text = re.sub(r"^(?:\s*@\w{1,30}[:,]?)+", " ", text)
    text = _HANDLE.sub(lambda m: _CAMEL.sub(" ", m.group(1)).replace("_", " "), text)
    text = _HASHTAG.sub(lambda m: _CAMEL.sub(" ", m.group(1)).replace("_", " "), text)
    text = re.sub(r"\s*:\s*$", "", text)
    return " ".join(text.split())


def unsigned(text: str) -> str:
    """``text`` without a tweet's signature line (its author and date).

    >>> unsigned("Pier Nine closed — Ann Bell (@annb) March 4, 2025")
    'Pier Nine closed'
    """
    return _SIGNATURE.sub("", text.rstrip()).rstrip()


def posted_day(text: str) -> int | None:
    """The day a tweet was posted, from its signature line (``— Name (@handle) March 4,
    2025``), as a proleptic ordinal (:meth:`datetime.date.toordinal`); None without one.

    >>> from datetime import date
    >>> posted_day("Pier Nine closed — Ann Bell (@annb) March 4, 2025") == date(2025, 3, 4).toordinal()
    True
    >>> posted_day("Pier Nine reopens - Ann Bell (@annb) Sept. 3, 2031") == date(2031, 9, 3).toordinal()
    True
    >>> posted_day("The well-known mayor Ann Bell (@annb) March 4, 2025") is None
    True
    >>> posted_day("Pier Nine closed") is None
    True
    """
    found = _SIGNATURE.search(text.rstrip())
    moment = parse_date(found.group(2)) if found else None
    return moment.date().toordinal() if moment else None


def signed_by(text: str) -> str:
    """The name a tweet's signature line gives its author (``""`` without one): not the
    claim, but a fact-check is often about what that person said.

    >>> signed_by("Pier Nine closed — Ann Bell (@annb) March 4, 2025")
    'Ann Bell'
    """
    found = _SIGNATURE.search(text.rstrip())
    return found.group(1).strip() if found else ""


@lru_cache(maxsize=1)
def _stemmer():
    try:
        import Stemmer  # PyStemmer: the Snowball stemmers in C
    except ImportError:
        return None
    return Stemmer.Stemmer("english")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    stemmer = _stemmer()
    if stemmer is None:
        return word
    return stemmer.stemWord(word)


def words(text: str) -> list[str]:
    """The lowercased words of tidied ``text`` (apostrophes kept inside words)."""
    return [w.replace("’", "'") for w in _WORD.findall(tidy(text).lower())]


def term(word: str) -> str | None:
    """The index term of one lowercased word, or None for a stop word."""
    word = word.removesuffix("'s")
    if word in STOP_WORDS or len(word) < 2 and not word.isdigit():
        return None
    return _stem(word)


def terms(text: str) -> list[str]:
    """The stemmed, stop-word-free terms lexical retrieval indexes and queries."""
    return [t for t in map(term, words(text)) if t is not None]


def sentences(text: str, min_words: int = 4) -> list[str]:
    """``text`` split into sentences of at least ``min_words`` words (for long queries),
    by :func:`newstrail.analyze.sentences.split_sentences`, the splitter every stage uses.

    >>> sentences("The pier closed on Monday. Repairs take six weeks, the council said! Ok.")
    ['The pier closed on Monday.', 'Repairs take six weeks, the council said!']
    >>> sentences("Crews left the U.S. Coastal Survey ship at dawn. Nobody was hurt in the end.")
    ['Crews left the U.S. Coastal Survey ship at dawn.', 'Nobody was hurt in the end.']
    """
    body = tidy(text) if "\n" not in text else text
    found = (body[s.start : s.end] for s in split_sentences(body))
    return [part for part in found if len(part.split()) >= min_words]
