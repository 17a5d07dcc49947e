"""Linking's per-article inputs, computed away from the linker: on a Dask worker.

Linking an article reads a few things that depend on that article alone: its n-gram
fingerprint (:class:`~newstrail.corpus.fingerprints.Fingerprint`), its names and
figures (:func:`~newstrail.corpus.linking.anchors` of its text without its masthead)
and the vector of its lead (:func:`~newstrail.corpus.leads.encode_leads`). They cost
about a quarter of linking's CPU and need nothing of the corpus, so the Dask engine
computes them on its workers (:func:`prepare`), a few chunks ahead of the client, and
hands them to :meth:`Linker.prime <newstrail.corpus.linking.Linker.prime>`: the client
only looks them up. They are what the linker would compute itself (the lead vectors
of a batch are those of each lead alone: the fast embedder averages each text's rows on
its own), so what linking finds does not change.

>>> from newstrail.core.article import Article
>>> ready = prepare([Article(id="a1", text="Harbor Gazette: the Carrow pier closed after 19 pilings cracked.", outlet="Harbor Gazette")])
>>> sorted(ready["a1"].anchors), ready["a1"].lead.dtype.name
(['19', 'carrow'], 'float16')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newstrail.core.article import Article
from newstrail.corpus.events import without_masthead
from newstrail.corpus.fingerprints import Fingerprint
from newstrail.corpus.leads import encode_leads
from newstrail.corpus.linking import anchors

__all__ = ["Prepared", "prepare"]


@dataclass(frozen=True)
class Prepared:
    """What linking computes of one article on its own, ready-made."""

    fingerprint: Fingerprint
    #: names and figures of its text without its own outlet's name
    anchors: set[str]
    #: the unit vector of its lead (float16, as stored)
    lead: np.ndarray


def prepare(articles: Sequence[Article]) -> dict[str, Prepared]:
    """Linking's inputs of each of ``articles`` (stored ones: by id), to hand to ``Linker.prime``."""
    leads = encode_leads(articles)
    return {a.id: Prepared(Fingerprint.of(a.text), anchors(without_masthead(a.text, a.outlet)), leads[k])
            for k, a in enumerate(articles)}
