"""Hybrid claim matching: lexical and dense retrieval, fused, reranked and calibrated.

For each query (a claim, a tweet, a paragraph) the :class:`Matcher`

1. splits it into segments: the whole text and, for a text of several sentences,
   each sentence (a paragraph may carry several claims, a tweet a claim plus noise);
2. retrieves candidates per segment from the BM25 index and from the embeddings named
   in the weights' ``retrieve``, and, with ``"signed"`` there, for the whole of a signed
   tweet the fact-checks naming its author nearest in date; and fuses the rankings
   (reciprocal rank fusion);
3. reranks the top ``depth`` fused candidates with the accurate model's cosine plus
   features that do not depend on the collection (BM25 over the query's self-score,
   idf-weighted term overlap both ways, cosines, each cosine's gap to the best one, the
   query's date against the fact-check's, its signed author's name in the fact-check:
   :class:`QueryContext`);
4. turns the features into a calibrated probability with a logistic model fitted on
   the CheckThat! 2022 task 2A training tweets (``models/matcher/weights.json``, refitted by
   ``scripts/train_matcher.py``), so a threshold means the same on any collection;
5. keeps, per fact-check, its best segment, and ranks by that probability.

Without embeddings (their models not installed) it runs lexical only, with weights
fitted for that case. The ``rerank`` variant adds a step: a cross-encoder rescores the
best few candidates (:mod:`newstrail.factchecks.rerank`).

>>> import os, tempfile
>>> from newstrail.store import open_store
>>> from newstrail.factchecks.record import FactCheck
>>> from newstrail.factchecks.index import FactCheckIndex
>>> store = open_store(os.path.join(tempfile.mkdtemp(), "t.db"))
>>> _ = store.factchecks.put_many([FactCheck(claim="The Pier 9 crane fell into the harbour.", id="crane", rating="False").to_row(),
...                                  FactCheck(claim="Ferries to Velmora stop in winter.", id="ferry", rating="True").to_row()])
>>> matcher = Matcher(FactCheckIndex.from_store(store, embed=False))
>>> [m.factcheck.id for m in matcher.match("did the crane at pier 9 really fall in the harbour?", threshold=0.5)]
['crane']
>>> store.close()
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from newstrail.core.article import FactCheckMatch
from newstrail.core.dates import parse_date
from newstrail.core.errors import ConfigError, NotFound
from newstrail.factchecks.index import KINDS, FactCheckIndex
from newstrail.factchecks.record import FactCheck
from newstrail.factchecks.rerank import load_cross_encoder
from newstrail.factchecks.terms import posted_day, sentences, signed_by, term, terms, tidy, words

#: the shipped calibration and rerank weights, and the query adapter beside them
WEIGHTS_FILE = Path(__file__).resolve().parent.parent / "models" / "matcher" / "weights.json"
ADAPTER_FILE = "adapter.npy"

#: every feature the reranker can use; a fitted variant names the ones it uses
FEATURES: tuple[str, ...] = (
    "bm25_rel",      # BM25 / the query's self-score: 1 = as good as the query matching itself
    "bm25_gap",      # bm25_rel minus the best candidate's
    "overlap_q",     # idf-weighted share of the query's terms the fact-check has
    "overlap_d",     # idf-weighted share of the fact-check's terms the query has
    "fast_cos",      # cosine, fast static embeddings
    "fast_gap",      # fast_cos minus the best candidate's
    "acc_cos",       # cosine, accurate MiniLM
    "acc_gap",       # acc_cos minus the best candidate's
    "acc_cos2",      # acc_cos squared: lets the logistic bend near the top
    "rrf",           # fused rank: 1 for rank 1 in both lists, smaller further down
    "whole",         # 1 when the segment is the whole query, 0 for one of its sentences
    "adapt_cos",     # cosine of the adapted query (a linear map fitted on claim pairs) with the accurate vector
    "adapt_gap",     # adapt_cos minus the best candidate's
    "date_near",     # 1 when the fact-check is dated the query's day, falling with log days apart to 0 at ten years (0 undated)
    "dated",         # 1 when both the query and the fact-check have a date (date_near means something)
    "author",        # idf-weighted share of the tweet's signed author's name terms (those not in its text) the fact-check has
)
#: the matcher variants and the embeddings each uses (a missing one falls back to fewer)
VARIANT_KINDS: dict[str, tuple[str, ...]] = {"rerank": ("fast", "accurate"), "hybrid": ("fast", "accurate"), "accurate": ("accurate",), "fast": ("fast",), "lexical": ()}
RRF_K = 60  # the constant of reciprocal rank fusion (Cormack et al. 2009)
DATE_SPAN = math.log1p(3650)  # date_near reaches 0 at ten years apart


def date_near(query_day: float | None, days):
    """``date_near`` of fact-checks dated ``days`` (ordinals, NaN undated) for a query of
    ``query_day``: claims travel in bursts and fact-checks follow within days, so the
    nearer in time, in either direction, the likelier the match.

    >>> import numpy as np
    >>> date_near(738000, np.array([738000, 738010, 737000, np.nan])).round(2).tolist()
    [1.0, 0.71, 0.16, 0.0]
    """
    import numpy as np

    if query_day is None:
        return np.zeros(len(days))
    apart = np.log1p(np.abs(np.asarray(days, dtype=np.float64) - query_day))
    return np.nan_to_num(1.0 - np.minimum(apart, DATE_SPAN) / DATE_SPAN, nan=0.0)


@dataclass(frozen=True)
class QueryContext:
    """What a query says besides its claim: its ``day`` (an ordinal, or None) and the
    terms of its signed author's name that its text does not already have."""

    day: int | None = None
    author: tuple[str, ...] = ()

    @classmethod
    def of(cls, text: str, when: object = None) -> QueryContext:
        """The context of ``text``: its day is ``when`` if given and readable, else its tweet
        signature's date; its author the signature's name.

        >>> QueryContext.of("Pier closed — Ann Bell (@annb) March 4, 2025").author
        ('ann', 'bell')
        >>> QueryContext.of("The pier closed.", "2025-03-04").day == QueryContext.of("Pier closed — Ann Bell (@annb) March 4, 2025").day
        True
        """
        stated = parse_date(when) if when is not None else None
        day = stated.date().toordinal() if stated is not None else posted_day(text)
        own = set(terms(text))
        return cls(day, tuple(dict.fromkeys(t for t in terms(signed_by(text)) if t not in own)))


@dataclass
class Variant:
    """One fitted logistic model: its features, their standardisation, coefficients."""

    name: str
    features: list[str]
    coef: list[float]
    intercept: float
    mean: list[float]
    scale: list[float]
    needs: list[str] = field(default_factory=list)  # embedding kinds it requires
    #: the calibrator: the same form over the absolute features only (no gaps, no ranks)
    calibration: dict[str, Any] | None = None

    def probability(self, matrix):
        """The reranker's probability per row of ``matrix`` (columns as :data:`FEATURES`)."""
        import numpy as np

        columns = [FEATURES.index(f) for f in self.features]
        x = (matrix[:, columns] - np.asarray(self.mean)) / np.asarray(self.scale)
        z = x @ np.asarray(self.coef) + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))

    def calibrated(self, matrix):
        """The calibrated match probability: from features that mean the same in any collection.

        The reranker also reads each candidate's gap to the best one and its fused
        rank, which order candidates well but depend on what else the collection
        holds (in a collection of ten, something is always best); the calibrator
        leaves them out.
        """
        if not self.calibration:
            return self.probability(matrix)
        return Variant(name=self.name, **self.calibration).probability(matrix)


@dataclass
class MatcherWeights:
    """The shipped variants (``hybrid``, ``accurate``, ``fast``, ``lexical``) and retrieval settings."""

    variants: dict[str, Variant]
    depth: int = 50
    pool: int = 100
    segments: bool = True
    meta: dict[str, Any] = field(default_factory=dict)
    #: the query adapter for the accurate model: a (dim, dim) matrix, or None
    adapter: Any = None
    #: variant names, best first (by held-out MAP@5): the first whose embeddings are installed is used
    preference: list[str] = field(default_factory=list)
    #: embedding kinds whose nearest neighbours join the candidate pool (when the variant has them),
    #: and ``"signed"``: the fact-checks naming a signed tweet's author, nearest in date first
    retrieve: list[str] = field(default_factory=lambda: ["fast", "accurate"])

    @classmethod
    def load(cls, path: str | Path | None = None) -> MatcherWeights:
        """Read a weights file (default: the shipped one)."""
        return _load_weights(str(path or WEIGHTS_FILE))

    def for_kinds(self, kinds: Sequence[str], prefer: str | None = None) -> Variant:
        """The best variant whose embeddings are all available (within ``prefer``'s, if named)."""
        if prefer is not None:
            if prefer not in VARIANT_KINDS:
                raise ConfigError(f"matcher {prefer!r} unknown (factcheck_matcher); use one of {', '.join(VARIANT_KINDS)}")
            kinds = [k for k in kinds if k in VARIANT_KINDS[prefer]]
        usable = [v for v in self.variants.values() if all(k in kinds for k in v.needs)]
        if not usable:
            raise ConfigError("no matcher variant fits the available embeddings; refit with scripts/train_matcher.py")
        order = {name: i for i, name in enumerate(self.preference)}
        return min(usable, key=lambda v: (order.get(v.name, len(order)), -len(v.needs)))

    def to_dict(self) -> dict[str, Any]:
        return {"depth": self.depth, "pool": self.pool, "segments": self.segments, "meta": self.meta,
                "adapter": ADAPTER_FILE if self.adapter is not None else None, "preference": self.preference, "retrieve": self.retrieve,
                "variants": {n: v.__dict__ for n, v in self.variants.items()}}


@lru_cache(maxsize=4)
def _load_weights(path: str) -> MatcherWeights:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        variants = {name: Variant(name=name, **{k: v for k, v in spec.items() if k != "name"}) for name, spec in data["variants"].items()}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"{path}: cannot read the matcher weights ({exc}); rebuild them with scripts/train_matcher.py") from exc
    adapter = None
    if data.get("adapter"):
        import numpy as np

        try:
            adapter = np.load(Path(path).parent / data["adapter"]).astype(np.float32)
        except (OSError, ValueError) as exc:
            raise ConfigError(f"{path}: cannot read the query adapter {data['adapter']} ({exc}); rebuild it with scripts/train_matcher.py") from exc
    return MatcherWeights(variants=variants, depth=data.get("depth", 50), pool=data.get("pool", 100), segments=data.get("segments", True),
                          meta=data.get("meta", {}), adapter=adapter, preference=data.get("preference", []),
                          retrieve=data.get("retrieve", ["fast", "accurate"]))


@dataclass
class Match:
    """A fact-check that matches a query: calibrated ``score`` in [0, 1] and the evidence."""

    factcheck: FactCheck
    score: float
    evidence: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        fc = self.factcheck
        return {"factcheck": fc.id, "score": round(self.score, 4), "claim": fc.claim, "verdict": fc.verdict, "rating": fc.rating,
                "publisher": fc.publisher, "url": fc.url, "date": fc.date, "evidence": self.evidence}

    def to_factcheck_match(self) -> FactCheckMatch:
        """The article vocabulary's form, as the analyze stage stores it."""
        fc = self.factcheck
        return FactCheckMatch(factcheck=fc.id, score=round(self.score, 4), claim=fc.claim, rating=fc.rating, publisher=fc.publisher, url=fc.url,
                              evidence={**self.evidence, "verdict": fc.verdict})


@dataclass
class Ranked:
    """One candidate fact-check of a query: its index ``row``, its ``score`` (the reranker's
    probability, or a cross-encoder's fused score) and the segment features it came from."""

    row: int
    score: float
    cands: Candidates
    i: int  # its line in ``cands.features``


@dataclass
class Candidates:
    """The reranker's input for one segment: candidate rows and their feature matrix."""

    segment: str
    whole: bool
    rows: Any        # numpy int array of index positions
    features: Any    # numpy (len(rows), len(FEATURES))


class Matcher:
    """Matches texts against a :class:`FactCheckIndex` (see the module doc).

    ``depth`` (fused candidates reranked) and ``segments`` (also match sentence by
    sentence) default to the values the weights were fitted with.
    """

    def __init__(self, index: FactCheckIndex, weights: MatcherWeights | None = None, depth: int | None = None, segments: bool | None = None, variant: str | None = None) -> None:
        self.index = index
        self.weights = weights or MatcherWeights.load()
        self.variant = self.weights.for_kinds(index.kinds, prefer=variant)
        self.depth = depth or self.weights.depth
        self.segments = self.weights.segments if segments is None else segments
        self.adapter = self.weights.adapter
        #: ``rerank``: the best installed variant, then the cross-encoder over its top candidates
        self.reranker = load_cross_encoder() if variant == "rerank" else None

    @classmethod
    def from_store(cls, store, embed: bool = True, variant: str | None = None, write: bool = True, **options: Any) -> Matcher:
        """A matcher over every fact-check imported into ``store``; raises NotFound if there are none.

        ``variant`` (``rerank``, ``hybrid``, ``accurate``, ``fast``, ``lexical``) caps which
        embeddings are loaded; by default the best installed. ``write=False``
        leaves the store untouched (see :meth:`FactCheckIndex.from_store`).
        """
        if not store.factchecks.count():
            raise NotFound(f"{store.location}: no fact-checks imported; run 'newstrail factchecks import FILE... --db {store.location}' first")
        weights = options.pop("weights", None) or MatcherWeights.load()
        kinds = VARIANT_KINDS.get(variant, KINDS) if variant else KINDS
        index = FactCheckIndex.from_store(store, embed=embed, kinds=kinds, write=write)
        return cls(index, weights=weights, variant=variant, **options)

    # segmentation ---------------------------------------------------------------
    def split(self, text: str) -> list[tuple[str, bool]]:
        """The segments of a query: (text, is-whole), whole first; at most 12 sentences."""
        whole = tidy(text) or text
        out = [(whole, True)]
        if self.segments:
            parts = sentences(text)
            if len(parts) > 1:
                out += [(p, False) for p in parts[:12]]
        return out

    # features -------------------------------------------------------------------
    def candidates(self, segments: Sequence[tuple[str, bool]], vectors: dict[str, Any], all_cos: dict[str, Any] | None = None,
                   context: QueryContext | None = None) -> list[Candidates]:
        """Retrieve, fuse and compute rerank features for each segment.

        ``vectors[kind]`` holds the segments' query vectors (rows in segment order);
        ``context`` is the query's date and author (:meth:`QueryContext.of`; None: neither known).
        """
        import numpy as np

        index, out = self.index, []
        context = context or QueryContext()
        a_idf = {t: index.idf[t] for t in context.author if t in index.idf}
        signed = self._signed_ranking(context, a_idf) if "signed" in self.weights.retrieve else np.zeros(0, dtype=np.int64)
        n = len(index)
        pool = min(self.weights.pool, n)
        # one matrix product per kind for all segments: far cheaper than one per segment
        if all_cos is None:
            all_cos = {k: index.dense_scores_many(k, vectors[k]) for k in self.variant.needs if k in vectors}
        for s, (segment, whole) in enumerate(segments):
            qterms = terms(segment)
            lex = index.lexical_scores(qterms)
            self_score = index.self_score(qterms) or 1.0
            rankings = [np.argsort(-lex, kind="stable")[:pool]]
            cos = {k: m[s] for k, m in all_cos.items()}
            for kind in self.weights.retrieve:
                if kind in cos:
                    rankings.append(np.argsort(-cos[kind], kind="stable")[:pool])
            if whole and len(signed):
                rankings.append(signed)
            fused = np.zeros(n, dtype=np.float64)
            for ranking in rankings:
                fused[ranking] += 1.0 / (RRF_K + 1 + np.arange(len(ranking)))
            order = np.argsort(-fused, kind="stable")
            rows = order[: min(self.depth, int((fused > 0).sum()))]
            feats = np.zeros((len(rows), len(FEATURES)), dtype=np.float64)
            col = FEATURES.index
            rel = np.minimum(lex[rows] / self_score, 1.5)
            feats[:, col("bm25_rel")] = rel
            feats[:, col("bm25_gap")] = rel - (rel.max() if len(rel) else 0)
            q_idf = {t: index.idf[t] for t in set(qterms) if t in index.idf}
            q_total = sum(q_idf.values()) or 1.0
            for i, row in enumerate(rows):
                doc = set(index.doc_terms[row])
                shared = sum(w for t, w in q_idf.items() if t in doc)
                d_total = sum(index.idf.get(t, 0.0) for t in doc) or 1.0
                feats[i, col("overlap_q")] = shared / q_total
                feats[i, col("overlap_d")] = shared / d_total
            for kind, prefix in (("fast", "fast"), ("accurate", "acc")):
                if kind in cos:
                    c = cos[kind][rows].astype(np.float64)
                    feats[:, col(f"{prefix}_cos")] = c
                    feats[:, col(f"{prefix}_gap")] = c - (c.max() if len(c) else 0)
            feats[:, col("acc_cos2")] = feats[:, col("acc_cos")] ** 2
            if "accurate" in cos and self.adapter is not None:
                q = vectors["accurate"][s] @ self.adapter
                c = (index.vectors["accurate"][rows] @ (q / (np.linalg.norm(q) or 1.0))).astype(np.float64)
                feats[:, col("adapt_cos")] = c
                feats[:, col("adapt_gap")] = c - (c.max() if len(c) else 0)
            feats[:, col("rrf")] = fused[rows] * (RRF_K + 1) / max(len(rankings), 1)
            feats[:, col("whole")] = 1.0 if whole else 0.0
            self._context_features(feats, rows, context, a_idf)
            out.append(Candidates(segment, whole, rows, feats))
        return out

    def _context_features(self, feats, rows, context: QueryContext, a_idf: dict[str, float]) -> None:
        """Fill the date and author columns of ``feats`` (candidates ``rows``) in place."""
        import numpy as np

        days = self.index.days[rows]
        feats[:, FEATURES.index("date_near")] = date_near(context.day, days)
        feats[:, FEATURES.index("dated")] = 0.0 if context.day is None else (~np.isnan(days)).astype(np.float64)
        if a_idf:
            total = sum(a_idf.values())
            docs = (set(self.index.doc_terms[r]) for r in rows)  # one set a candidate, not one a name term
            feats[:, FEATURES.index("author")] = [sum(w for t, w in a_idf.items() if t in doc) / total for doc in docs]

    def _signed_ranking(self, context: QueryContext, a_idf: dict[str, float], top: int = 20):
        """The fact-checks naming a tweet's signed author, the nearest in date first (what a
        person is fact-checked for is often their own post): a further list for the fusion.

        The weights switch it on with ``"signed"`` in their ``retrieve`` list.
        """
        import numpy as np

        if not a_idf or context.day is None:
            return np.zeros(0, dtype=np.int64)
        lex = self.index.lexical_scores(list(a_idf))
        named = np.flatnonzero(lex > 0)
        near = date_near(context.day, self.index.days[named]) * lex[named] / (lex.max() or 1.0)
        order = np.argsort(-near, kind="stable")[:top]
        return named[order[near[order] > 0]]

    def encode_segments(self, segments: Sequence[str]) -> dict[str, Any]:
        """Query vectors for every embedding kind the variant needs."""
        return {k: self.index.encode(k, segments) for k in self.variant.needs} if segments else {}

    # matching -------------------------------------------------------------------
    def match(self, text: str, top: int = 5, threshold: float = 0.0, when: object = None) -> list[Match]:
        """The ``top`` fact-checks for ``text``, best first, with score >= ``threshold``.

        ``when`` is the text's date (any form :func:`~newstrail.core.dates.parse_date`
        reads); without it, a tweet's signature line gives it, if there is one.
        Fact-checks dated near it rank higher.
        """
        return self.match_many([text], top=top, threshold=threshold, dates=[when])[0]

    def match_many(self, texts: Sequence[str], top: int = 5, threshold: float = 0.0, dates: Sequence[object] | None = None) -> list[list[Match]]:
        """:meth:`match` for many texts (``dates``: their ``when``, or None); their segments are encoded in one batch."""
        if not len(self.index):
            return [[] for _ in texts]
        contexts = [QueryContext.of(t, w) for t, w in zip(texts, dates or [None] * len(texts), strict=True)]
        split = [self.split(t) for t in texts]
        flat = [seg for segs in split for seg in segs]
        vectors = self.encode_segments([s for s, _ in flat])
        results, start = [], 0
        for chunk in range(0, len(texts), 64):  # cosines of 64 queries' segments in one product
            chunk_texts = texts[chunk : chunk + 64]
            n_segs = sum(len(segs) for segs in split[chunk : chunk + 64])
            cos = {k: self.index.dense_scores_many(k, v[start : start + n_segs]) for k, v in vectors.items()}
            offset = 0
            for text, segs, context in zip(chunk_texts, split[chunk : chunk + 64], contexts[chunk : chunk + 64], strict=True):
                part = {k: v[start + offset : start + offset + len(segs)] for k, v in vectors.items()}
                part_cos = {k: m[offset : offset + len(segs)] for k, m in cos.items()}
                offset += len(segs)
                results.append(self._rank(text, segs, part, top, threshold, part_cos, context))
            start += n_segs
        return results

    def ranked(self, segs, vectors, all_cos=None, context: QueryContext | None = None) -> list[Ranked]:
        """Every candidate of the segments ``segs`` (see :meth:`split`), best first by the
        reranker's probability, each with its best segment; ``vectors``, ``all_cos`` and
        ``context`` as :meth:`candidates` takes them."""
        best: dict[int, Ranked] = {}
        for cands in self.candidates(segs, vectors, all_cos, context):
            if not len(cands.rows):
                continue
            probs = self.variant.probability(cands.features)
            for i, (row, p) in enumerate(zip(cands.rows.tolist(), probs.tolist(), strict=True)):
                if row not in best or p > best[row].score:
                    best[row] = Ranked(row, p, cands, i)
        return sorted(best.values(), key=lambda r: (-r.score, r.row))

    def _rank(self, text: str, segs, vectors, top: int, threshold: float, all_cos=None, context: QueryContext | None = None) -> list[Match]:
        ranked = self.ranked(segs, vectors, all_cos, context)
        crossed: dict[int, float] = {}
        if self.reranker is not None:
            ranked, crossed = self.reranker.rerank(segs[0][0], ranked, self.index.factchecks)
        out, ceiling = [], 1.0
        for r in ranked[:top]:
            # Ranked by the reranker, scored by the calibrator; a score never exceeds
            # the one ranked above it, so scores and ranks agree (trec_eval sorts by score).
            ceiling = min(ceiling, float(self.variant.calibrated(r.cands.features[r.i : r.i + 1])[0]))
            if ceiling < threshold:
                break
            match = self._match(r.row, ceiling, r.cands, r.i)
            if r.row in crossed:
                match.evidence["cross_encoder"] = round(crossed[r.row], 4)
            out.append(match)
        return out

    def _match(self, row: int, p: float, cands: Candidates, i: int) -> Match:
        fc = self.index.factchecks[row]
        f = dict(zip(FEATURES, cands.features[i].tolist(), strict=True))
        doc = set(self.index.doc_terms[row])
        shared = list(dict.fromkeys(w for w in words(cands.segment) if term(w) in doc))
        evidence: dict[str, Any] = {"shared_terms": shared, "lexical": round(f["bm25_rel"], 4), "term_overlap": round(f["overlap_q"], 4)}
        if "fast" in self.variant.needs:
            evidence["cosine_fast"] = round(f["fast_cos"], 4)
        if "accurate" in self.variant.needs:
            evidence["cosine_accurate"] = round(f["acc_cos"], 4)
            if "adapt_cos" in self.variant.features:
                evidence["cosine_adapted"] = round(f["adapt_cos"], 4)
        if not cands.whole:
            evidence["query_sentence"] = cands.segment
        evidence["matcher"] = "rerank" if self.reranker is not None else self.variant.name
        return Match(fc, float(p), evidence)
