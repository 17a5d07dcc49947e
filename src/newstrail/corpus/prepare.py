"""Linking's per-article inputs, computed away from the linker: on a Dask worker.

Linking an article reads a few things that depend on that article alone: its n-gram
fingerprint (:class:`~newstrail.corpus.fingerprints.Fingerprint`), its names and
figures (:func:`~newstrail.corpus.linking.anchors` of its text without its masthead),
the vector of its lead (:func:`~newstrail.corpus.leads.encode_leads`) and the spans of
its words (what site templates count passages by). They need nothing of the corpus, so
the Dask engine computes them on its workers (:func:`prepare`), a few chunks ahead of
the client, and hands them to :meth:`Linker.prime <newstrail.corpus.linking.Linker.prime>`:
the client only looks them up. They are what the linker would compute itself (the lead
vectors of a batch are those of each lead alone: the fast embedder averages each text's
rows on its own), so what linking finds does not change.

Given the store, :func:`prepare` also generates each article's candidates and aligns
them (:func:`aligned_ahead`): the n-grams it shares with what the store's index holds
when the task runs and with the run's articles just before it. Which articles the linker
compares depends on everything linked before, so these candidates are a guess; but the
passages of two texts are the passages of two texts (:func:`~newstrail.corpus.reuse.align`
reads nothing else), so every pair guessed right is one the linker need not align, and a
pair guessed wrong is never looked at.

>>> from newstrail.core.article import Article
>>> ready = prepare([Article(id="a1", text="Harbor Gazette: the Carrow pier closed after 19 pilings cracked.", outlet="Harbor Gazette")])
>>> sorted(ready["a1"].anchors), ready["a1"].lead.dtype.name, ready["a1"].aligned
(['19', 'carrow'], 'float16', {})
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain

import numpy as np

from newstrail.core.article import Article, Passage
from newstrail.corpus.boilerplate import WordLayout, word_layout
from newstrail.corpus.events import without_masthead
from newstrail.corpus.fingerprints import Fingerprint
from newstrail.corpus.leads import encode_leads
from newstrail.corpus.linking import LinkOptions, anchors
from newstrail.corpus.reuse import align
from newstrail.store import Store

__all__ = ["Held", "Prepared", "aligned_ahead", "prepare"]

#: fingerprints a worker keeps between its tasks (the run's articles just before a chunk
#: are most of the next chunk's candidates); some 20 kB each
HELD = 3000
#: a fingerprint held, with its sampled n-grams
Held = tuple[Fingerprint, np.ndarray]


@dataclass(frozen=True)
class Prepared:
    """What linking computes of one article on its own, ready-made."""

    fingerprint: Fingerprint
    #: names and figures of its text without its own outlet's name
    anchors: set[str]
    #: the unit vector of its lead (float16, as stored)
    lead: np.ndarray
    #: its words' spans and whether it holds a notice's or a credit's literal (site templates)
    layout: WordLayout
    #: the passages it shares with each candidate guessed for it (the candidate's side first)
    aligned: dict[str, list[Passage]] = field(default_factory=dict)


def prepare(articles: Sequence[Article], store: Store | None = None, earlier: Sequence[str] = (),
            held: dict[str, Held] | None = None, options: LinkOptions | None = None) -> dict[str, Prepared]:
    """Linking's inputs of each of ``articles`` (stored ones: by id, in the order they are
    linked), to hand to ``Linker.prime``; with ``store``, their candidates' passages too
    (see :func:`aligned_ahead`: ``earlier``, ``held``)."""
    leads = encode_leads(articles)
    own = {a.id: Fingerprint.of(a.text) for a in articles}
    ahead = aligned_ahead(articles, own, store, earlier, {} if held is None else held, options or LinkOptions()) if store is not None else {}
    return {a.id: Prepared(own[a.id], anchors(without_masthead(a.text, a.outlet)), leads[k], word_layout(a.text, own[a.id]), ahead.get(a.id, {}))
            for k, a in enumerate(articles)}


def aligned_ahead(articles: Sequence[Article], own: Mapping[str, Fingerprint], store: Store, earlier: Sequence[str],
                  held: dict[str, Held], options: LinkOptions) -> dict[str, dict[str, list[Passage]]]:
    """Per article, the passages it shares with each of its likely candidates: the articles
    sharing at least ``candidate_hits`` of its sampled n-grams (at most ``max_candidates``,
    those sharing the most; n-grams in ``df_cap`` articles or more left out, as the linker
    does) among what the store's index holds now, the ``earlier`` ids (the run's articles
    linked just before these, maybe not indexed yet) and the ones of ``articles`` before it.
    ``held``: fingerprints and sampled n-grams kept between calls (read from the store's
    texts when missing)."""
    mine = {i: (fp, fp.sampled()) for i, fp in own.items()}

    def fingerprints(ids: Sequence[str]) -> dict[str, Held]:
        missing = [i for i in dict.fromkeys(ids) if i not in held and i not in mine]
        for article in store.articles.texts(missing):
            fingerprint = Fingerprint.of(article.text)
            _hold(held, article.id, (fingerprint, fingerprint.sampled()))
        return {i: fp for i in ids if (fp := mine.get(i) or held.get(i)) is not None}

    # the earlier articles' sampled n-grams, sorted: an article's holders are a slice per n-gram
    window = fingerprints(list(earlier))
    names = list(window)
    keys = np.concatenate([window[i][1] for i in names] or [np.zeros(0, dtype=np.int64)])
    owners = np.repeat(np.arange(len(names)), [len(window[i][1]) for i in names])
    order = np.argsort(keys, kind="stable")
    keys, owners = keys[order], owners[order]
    near: dict[int, list[str]] = defaultdict(list)  # the ones of ``articles`` before
    counted = set(names)  # counted through the window already, should the index hold them too
    found: dict[str, dict[str, list[Passage]]] = {}
    for article in articles:
        sampled = mine[article.id][1]
        hashes = sampled.tolist()
        indexed = {h: [i for i in ids if i not in counted] for h, ids in store.text.gram_postings(hashes).items()}
        first, last = np.searchsorted(keys, sampled, "left"), np.searchsorted(keys, sampled, "right")
        # only the n-grams some article holds (most of an article's are its own)
        held_by = set(np.flatnonzero(last - first).tolist()) | {k for k, h in enumerate(hashes) if h in near or h in indexed}
        slices, others = [], []
        for k in held_by:
            h, a, b = hashes[k], int(first[k]), int(last[k])
            nearby, theirs = near.get(h, ()), indexed.get(h, ())
            if b - a + len(nearby) + len(theirs) < options.df_cap:
                slices.append(owners[a:b])
                others.append(chain(nearby, theirs))
        hits = Counter(chain.from_iterable(others))
        if slices:
            counts = np.bincount(np.concatenate(slices), minlength=len(names))
            hits.update({names[k]: int(counts[k]) for k in np.flatnonzero(counts).tolist()})
        ranked = sorted(hits.items(), key=lambda hit: (-hit[1], hit[0]))[: options.max_candidates + 1]
        candidates = [c for c, n in ranked if n >= options.candidate_hits and c != article.id]
        theirs_fp = fingerprints(candidates)
        found[article.id] = {c: align(theirs_fp[c][0], own[article.id], min_words=options.min_words) for c in candidates if c in theirs_fp}
        for h in hashes:
            near[h].append(article.id)
        counted.add(article.id)
    for i, pair in mine.items():  # the next chunks' candidates, most of them
        _hold(held, i, pair)
    return found


def _hold(held: dict[str, Held], article_id: str, pair: Held) -> None:
    while len(held) >= HELD:  # the oldest out first
        del held[next(iter(held))]
    held[article_id] = pair
