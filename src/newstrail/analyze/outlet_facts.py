"""What the outlet index keeps of an article: the template blocks and cross-post lines
that tie outlets into networks (see :func:`newstrail.ratings.profile.outlet_profile`).

The rules live here, not in the store: which removed blocks identify a template, how
a block is compared (its hash), which lines name another outlet and under which key.
The store keeps what :func:`outlet_facts` returns, written when articles are stored.

>>> from newstrail.core.article import Article, Removed
>>> a = Article(text="x", id="a1", outlet="Harbor Gazette", original_source="Lantern Daily",
...             removed=[Removed(kind="membership", text="Support the Harbor Gazette network today")])
>>> facts = outlet_facts(a)
>>> [(m.kind, m.name) for m in facts.marks], [b.kind for b in facts.blocks]
([('origin line', 'Lantern Daily')], ['membership'])
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Sequence

from newstrail.outlets.keys import outlet_key
from newstrail.core.article import Article
from newstrail.store import Store
from newstrail.store.rows import Block, Mark, OutletFacts

#: removed-block kinds that identify an outlet's template (share buttons and menus
#: are alike everywhere; a membership appeal, disclaimer or badge is the outlet's own)
NETWORK_BLOCK_KINDS = frozenset({"membership", "disclaimer", "fair-use", "copyright", "contact", "badge", "origin", "disclosure"})
#: blocks shorter than this many words are too common to tie two outlets together
MIN_BLOCK_WORDS = 4


class _DigitsToZero(dict[int, str]):
    """``str.translate``'s table mapping every character ``str.isdigit`` accepts
    (superscripts and other scripts' digits too) to "0": one ``translate`` instead of a
    Python test per character, which was about a fourteenth of linking (stored hashes are
    unchanged). Filled as characters are met: building it for all of Unicode at once cost
    half a CPU second a run."""

    def __missing__(self, code: int) -> str:
        character = chr(code)
        self[code] = mapped = "0" if character.isdigit() else character
        return mapped


_DIGITS_TO_ZERO = _DigitsToZero()


def block_hash(text: str) -> int:
    """A stable 63-bit hash of a boilerplate block, ignoring case, spacing and digits
    (so "Copyright 2024" and "Copyright 2025" are the same block).

    >>> block_hash("Copyright 2024  Harbor") == block_hash("copyright 2025 harbor")
    True
    """
    normal = " ".join(text.casefold().translate(_DIGITS_TO_ZERO).split())
    return int.from_bytes(hashlib.blake2b(normal.encode("utf-8"), digest_size=8).digest(), "big") >> 1


def outlet_facts(article: Article) -> OutletFacts:
    """The template blocks and cross-post lines ("The original source of this article
    is X", a second dateline naming another outlet) of one article."""
    blocks: dict[int, Block] = {}
    for removed in article.removed:
        text = " ".join((removed.text or "").split())
        if removed.kind in NETWORK_BLOCK_KINDS and len(text.split()) >= MIN_BLOCK_WORDS:
            h = block_hash(text)
            blocks.setdefault(h, Block(h, removed.kind, text))
    marks = []
    origin = article.original_source
    if origin:
        marks.append(Mark("origin line", origin, outlet_key(origin)))
    own = outlet_key(article.outlet)
    for line in article.datelines[1:]:
        name = line.get("outlet")
        if name and outlet_key(name) != own:
            marks.append(Mark("second dateline", name, outlet_key(name)))
    return OutletFacts(article.id, tuple(blocks.values()), tuple(marks))


def index_outlets(store: Store, articles: Sequence[Article]) -> None:
    """Write the outlet facts of stored articles (those indexed already are kept)."""
    store.ratings.index_outlets([outlet_facts(a) for a in articles])


def index_pending(store: Store, batch: int = 2000) -> int:
    """Index the stored articles whose outlet facts are not indexed yet (stored before
    the index existed, or by a writer that did not index); returns how many."""
    done = 0
    while ids := store.ratings.unindexed_ids(limit=batch):
        with store.transaction():
            index_outlets(store, store.articles.get_many(ids))
        done += len(ids)
    return done
