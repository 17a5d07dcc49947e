"""The retrieval index over imported fact-checks: an explicit object built from the store.

A :class:`FactCheckIndex` holds, for every fact-check of a store, its terms in a BM25
index (bm25s) and its claim embedding from the fast and the accurate model (read from
the store, where the import put them; any missing are computed and stored first). It
is built once per run and passed to the :class:`~newstrail.factchecks.matching.Matcher`;
nothing here is a module global.

>>> import os, tempfile
>>> from newstrail.store import open_store
>>> from newstrail.factchecks.record import FactCheck
>>> store = open_store(os.path.join(tempfile.mkdtemp(), "t.db"))
>>> _ = store.factchecks.put_many([FactCheck(claim="The Pier 9 crane fell into the harbour.", rating="False").to_row()])
>>> index = FactCheckIndex.from_store(store, embed=False)
>>> len(index), bool(index.lexical_scores(["crane"])[0] > 0)
(1, True)
>>> store.close()
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from newstrail.core.errors import MissingExtra, NewstrailError
from newstrail.core.progress import Progress, counter
from newstrail.factchecks.record import FactCheck
from newstrail.factchecks.terms import terms

if TYPE_CHECKING:
    import numpy

    from newstrail.store import Store

#: the embedder kinds the matcher uses: ``fast`` for retrieval, ``accurate`` for reranking
KINDS = ("fast", "accurate")
K1, B = 1.5, 0.75


def load_embedder(kind: str) -> Any | None:
    """The ``newstrail.embeddings`` embedder of ``kind``, or None where it cannot load.

    Matching works without embeddings (lexical only, with its own fitted weights), so
    a missing model is a weaker result, not a failure.
    """
    try:
        from newstrail.embeddings import get_embedder
    except ImportError:
        return None
    try:
        return get_embedder(kind)
    except (ImportError, OSError, NewstrailError, MissingExtra):
        return None


def ensure_vectors(store: Store, embedders: dict[str, Any], batch: int = 512, progress: Progress | None = None) -> int:
    """Embed and store every fact-check that lacks a vector of each embedder; returns how many.
    ``progress`` hears of each batch ("claims embedded (NAME)"), one phase an embedder."""
    done = 0
    for embedder in embedders.values():
        todo = [FactCheck.from_row(row) for row in store.factchecks.without_vectors(embedder.name)]
        step = counter(progress, f"claims embedded ({embedder.name})", len(todo)) if todo else None
        for start in range(0, len(todo), batch):
            chunk = todo[start : start + batch]
            vectors = embedder.encode([fc.text for fc in chunk])
            store.factchecks.put_vectors(embedder.name, {fc.id: vec for fc, vec in zip(chunk, vectors, strict=True)})
            done += len(chunk)
            if step is not None:
                step(len(chunk))
    return done


class FactCheckIndex:
    """Lexical and dense indexes over a fixed list of fact-checks (see the module doc)."""

    def __init__(self, factchecks: Sequence[FactCheck], vectors: dict[str, numpy.ndarray] | None = None, embedders: dict[str, Any] | None = None, state: Any = None) -> None:
        import numpy as np

        self.factchecks = list(factchecks)
        self.ids = [fc.id for fc in self.factchecks]
        self.position = {fid: i for i, fid in enumerate(self.ids)}
        self.embedders = dict(embedders or {})
        self.vectors = dict(vectors or {})  # kind -> (n, dim) float32, rows L2-normalised
        self.state = state
        self.doc_terms = [terms(fc.text) for fc in self.factchecks]
        df: Counter[str] = Counter()
        for doc in self.doc_terms:
            df.update(set(doc))
        n = max(len(self.doc_terms), 1)
        # Lucene's idf, as bm25s computes it: always positive.
        self.idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
        self.avgdl = sum(map(len, self.doc_terms)) / n if self.doc_terms else 1.0
        self.bm25 = None
        if self.factchecks:
            import bm25s

            self.bm25 = bm25s.BM25(k1=K1, b=B, method="lucene")
            self.bm25.index([doc or ["<empty>"] for doc in self.doc_terms], show_progress=False)
        self._np = np

    @functools.cached_property
    def days(self) -> numpy.ndarray:
        """Each fact-check's publication day as a proleptic ordinal (NaN where it has no date)."""
        out = self._np.full(len(self.factchecks), self._np.nan)
        for i, fc in enumerate(self.factchecks):
            try:  # the record keeps a date it could read as YYYY-MM-DD[Thh:mm:ssZ]
                out[i] = date.fromisoformat((fc.date or "")[:10]).toordinal()
            except ValueError:
                continue
        return out

    @classmethod
    def from_store(cls, store: Store, embed: bool = True, kinds: Sequence[str] = KINDS, embedders: dict[str, Any] | None = None,
                   write: bool = True) -> FactCheckIndex:
        """Build the index of every fact-check in ``store``.

        With ``embed``, the embedders of ``kinds`` are loaded (those installed) and
        any fact-check without their vectors is embedded and stored first; with
        ``write=False`` the store is only read and missing vectors are computed in
        memory, rounded as the store would keep them, so the scores are the same.
        """
        if embedders is None:
            embedders = {k: e for k in kinds if embed and (e := load_embedder(k)) is not None}
        state = store.factchecks.state()
        write = write and not store.read_only  # a read-only store is only read: missing vectors are computed in memory
        if embedders and write:
            ensure_vectors(store, embedders)
        factchecks = [FactCheck.from_row(row) for row in store.factchecks.iter_rows()]
        ids = [fc.id for fc in factchecks]
        vectors = {}
        for kind, embedder in embedders.items():
            matrix = store.factchecks.vectors(embedder.name, ids)
            if matrix is None and not write and factchecks:
                import numpy as np

                # the store keeps vectors as float16: round the same way
                matrix = np.asarray(embedder.encode([fc.text for fc in factchecks]), dtype=np.float16).astype(np.float32)
            if matrix is not None:
                vectors[kind] = matrix
        return cls(factchecks, vectors=vectors, embedders={k: embedders[k] for k in vectors}, state=state)

    def __len__(self) -> int:
        return len(self.factchecks)

    @property
    def kinds(self) -> tuple[str, ...]:
        """The embedding kinds available for matching (empty: lexical only)."""
        return tuple(k for k in KINDS if k in self.vectors)

    def known(self, query_terms: Sequence[str]) -> list[str]:
        return [t for t in query_terms if t in self.idf]

    def lexical_scores(self, query_terms: Sequence[str]) -> numpy.ndarray:
        """BM25 score of every fact-check for the query terms (zeros when none is known)."""
        known = self.known(query_terms)
        if not known or self.bm25 is None:
            return self._np.zeros(len(self), dtype=self._np.float32)
        return self.bm25.get_scores(known).astype(self._np.float32)

    def self_score(self, query_terms: Sequence[str]) -> float:
        """The BM25 score the query would get against a copy of itself: its best possible score.

        Dividing by it puts lexical scores on a scale that does not depend on the
        query's length or the collection's size.
        """
        counts = Counter(self.known(query_terms))
        length = sum(counts.values())
        norm = K1 * (1 - B + B * length / self.avgdl)
        return sum(self.idf[t] * tf * (K1 + 1) / (tf + norm) for t, tf in counts.items())

    def dense_scores(self, kind: str, query_vector: numpy.ndarray) -> numpy.ndarray:
        """Cosine of every fact-check's ``kind`` vector with the (normalised) query vector."""
        return self.vectors[kind] @ query_vector

    def dense_scores_many(self, kind: str, query_vectors: numpy.ndarray) -> numpy.ndarray:
        """:meth:`dense_scores` for a (queries, dim) matrix at once: (queries, fact-checks)."""
        return query_vectors.astype(self._np.float32) @ self.vectors[kind].T

    def encode(self, kind: str, texts: Sequence[str]) -> numpy.ndarray:
        return self.embedders[kind].encode(list(texts))
