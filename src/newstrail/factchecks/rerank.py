"""A cross-encoder over the matcher's top candidates: the ``rerank`` matcher variant.

The hybrid matcher scores a query and a fact-check from separate vectors and
surface features; a cross-encoder reads the two together (``[CLS] query [SEP]
claim [SEP]`` through all-MiniLM-L6-v2 with its upper layers fine-tuned on
CheckThat! 2022 task 2A train, ``scripts/train_matcher_ce.py``) and gives one logit
per pair. It rescores the hybrid's ``depth`` best candidates; the new order is by
``logit(hybrid probability) + weight * cross-encoder logit`` (depth and weight chosen
by cross-validation on train, in ``meta.json``), the rest keep their order below.
It ships as the top of an int8 ONNX model in ``newstrail/models/matcher-ce/`` (layers 2-5
and the head, run on the fine-tuned models' shared base) and runs with
onnxruntime and tokenizers: no torch at run time.

>>> ce = load_cross_encoder()
>>> near, far = ce.logits("Did the crane at Pier 9 fall into the harbour?",
...                       ["A crane fell into the harbour at Pier 9.", "Velmora's ferries stop running in winter."])
>>> bool(near > far)
True
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newstrail.core.errors import StageError
from newstrail.embeddings import MODELS_DIR, finetuned_parts, one_logit_each

if TYPE_CHECKING:
    from newstrail.factchecks.matching import Ranked
    from newstrail.factchecks.record import FactCheck

__all__ = ["CE_DIR", "CrossEncoder", "fused_score", "load_cross_encoder"]

#: the shipped model's folder: top-int8.onnx (run on the shared base), meta.json, README.md (data statement)
CE_DIR = MODELS_DIR / "matcher-ce"
_RETRAIN = "scripts/train_matcher_ce.py --final DIR (see the model folder's README)"


def fused_score(score: float, logit: float, weight: float) -> float:
    """The reranked order's score: the matcher's log-odds (``score`` in (0, 1)) plus
    ``weight`` times the cross-encoder's logit; training chooses ``weight`` with this too.

    >>> round(fused_score(0.5, 2.0, 0.75), 3)
    1.5
    """
    p = min(max(score, 1e-9), 1 - 1e-9)
    return math.log(p / (1 - p)) + weight * logit


@dataclass
class CrossEncoder:
    """The fine-tuned cross-encoder: ``logits(query, claims)`` scores each pair; ``rerank``
    reorders a matcher's ranked candidates (see the module doc).

    ``folder`` holds ``top-int8.onnx`` and ``meta.json``; the tokenizer is the accurate
    embedder's (``newstrail/models/minilm-int8/tokenizer.json``), as in training.
    """

    folder: Path
    depth: int
    weight: float
    max_len: int
    info: dict[str, Any] = field(default_factory=dict)

    @functools.cached_property
    def _session(self):
        return finetuned_parts(self.folder / "top-int8.onnx", "fact-check cross-encoder", _RETRAIN, self.max_len)

    def logits(self, query: str, claims: Sequence[str]):
        """The cross-encoder's logit of ``query`` with each of ``claims`` (numpy array).

        One pair a call: int8 layers quantise their input with a scale over the whole
        batch, so in a batch a pair's score would depend on its neighbours.
        """
        session, tokenizer = self._session
        return one_logit_each(session, tokenizer, [(query, c) for c in claims])

    def rerank(self, query: str, ranked: list[Ranked], factchecks: Sequence[FactCheck]) -> tuple[list[Ranked], dict[int, float]]:
        """``ranked`` (best first, scores in (0, 1)) with its first ``depth`` reordered by the
        fused score, and the cross-encoder's probability of each rescored row."""
        head, tail = ranked[: self.depth], ranked[self.depth :]
        if not head:
            return ranked, {}
        ce = self.logits(query, [factchecks[r.row].text for r in head]).tolist()

        scored = sorted(((fused_score(r.score, z, self.weight), r) for r, z in zip(head, ce, strict=True)), key=lambda fr: (-fr[0], fr[1].row))
        crossed = {r.row: 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0))) for r, z in zip(head, ce, strict=True)}
        return [replace(r, score=f) for f, r in scored] + tail, crossed


@functools.lru_cache(maxsize=2)
def load_cross_encoder(folder: str | None = None) -> CrossEncoder:
    """The cross-encoder in ``folder`` (default: the shipped one), cached per process.

    >>> load_cross_encoder().depth > 0
    True
    """
    where = Path(folder) if folder else CE_DIR
    try:
        meta = json.loads((where / "meta.json").read_text(encoding="utf-8"))
        return CrossEncoder(where, int(meta["depth"]), float(meta["weight"]), int(meta["max_len"]), info=meta)
    except FileNotFoundError as exc:
        raise StageError(f"{where}: no fact-check cross-encoder here; rebuild it with {_RETRAIN}") from exc
    except (OSError, ValueError, KeyError) as exc:
        raise StageError(f"{where}/meta.json: cannot read the cross-encoder's settings ({exc}); rebuild it with {_RETRAIN}") from exc
