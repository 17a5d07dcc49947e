"""Check-worthiness by a fine-tuned all-MiniLM-L6-v2: the ``claims.model = "finetuned"`` setting.

The model is all-MiniLM-L6-v2 with mean pooling and one logistic unit on top, its upper
layers fine-tuned on CheckThat! 2024 debate sentences (``scripts/train_checkworthy_finetune.py``;
the embeddings and lower layers stay as published, see the model folder's README). It
ships as the top of an int8 ONNX model in ``newstrail/models/checkworthy-ft/`` (layers 2-5
and the head, run on the fine-tuned models' shared base) with ``meta.json``
(the threshold, chosen on debates the model was not fitted on, and the token limit) and
runs with onnxruntime and tokenizers: no torch at run time. It reads the sentence
alone, like the ``fast`` and ``accurate`` models (:mod:`newstrail.analyze.checkworthy`),
and offers the same ``score`` and ``threshold``, so :class:`~newstrail.analyze.claims.ClaimStage`
takes either.

>>> model = load_finetuned()
>>> good, bad = model.score(["Unemployment in Porthaven rose from 4.1% to 6.3% in 2024.", "Thank you all so much."])
>>> bool(good > model.threshold > bad)
True
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newstrail.core.errors import StageError
from newstrail.embeddings import MODELS_DIR, finetuned_parts, one_logit_each

__all__ = ["FINETUNED_DIR", "FinetunedModel", "load_finetuned"]

#: the shipped model's folder: top-int8.onnx (run on the shared base), meta.json, README.md (data statement)
FINETUNED_DIR = MODELS_DIR / "checkworthy-ft"
_RETRAIN = "scripts/train_checkworthy_finetune.py --final DIR (see the model folder's README)"


@dataclass
class FinetunedModel:
    """The fine-tuned classifier: ``score(sentences)`` gives one probability per sentence;
    a sentence is check-worthy when its score is at least ``threshold``.

    ``folder`` holds ``top-int8.onnx`` and ``meta.json``; the tokenizer is the accurate
    embedder's (``newstrail/models/minilm-int8/tokenizer.json``), as in training.
    """

    folder: Path
    threshold: float
    max_len: int
    info: dict[str, Any] = field(default_factory=dict)
    #: what bench/checkworthy.py prints of a model: no separate embedder, no term weights
    embedder: str = "all-MiniLM-L6-v2 fine-tuned (int8 ONNX)"
    term_weights: dict[str, float] = field(default_factory=dict)

    @functools.cached_property
    def _session(self):
        return finetuned_parts(self.folder / "top-int8.onnx", "fine-tuned check-worthiness model", _RETRAIN, self.max_len)

    def logits(self, sentences: Sequence[str]):
        """Raw scores (log-odds) of ``sentences`` as a numpy array."""
        # one sentence a call: alone a sentence scores the same in every article (CT24 dev F1
        # 0.877 against 0.874 batched), for 260 sentences/s of CPU against 380
        session, tokenizer = self._session
        return one_logit_each(session, tokenizer, sentences)

    def score(self, sentences: Sequence[str]) -> list[float]:
        """Check-worthiness in [0, 1] of each sentence.

        >>> load_finetuned().score([])
        []
        """
        import numpy as np

        if not sentences:
            return []
        z = np.clip(self.logits(sentences), -30, 30)
        return [float(p) for p in 1.0 / (1.0 + np.exp(-z))]


@functools.lru_cache(maxsize=2)
def load_finetuned(folder: str | None = None) -> FinetunedModel:
    """The fine-tuned model in ``folder`` (default: the shipped one), cached per process.

    >>> load_finetuned().max_len
    64
    """
    where = Path(folder) if folder else FINETUNED_DIR
    try:
        meta = json.loads((where / "meta.json").read_text(encoding="utf-8"))
        return FinetunedModel(where, float(meta["threshold"]), int(meta["max_len"]), info=meta)
    except FileNotFoundError as exc:
        raise StageError(f"{where}: no fine-tuned check-worthiness model here; rebuild it with {_RETRAIN}") from exc
    except (OSError, ValueError, KeyError) as exc:
        raise StageError(f"{where}/meta.json: cannot read the fine-tuned model's settings ({exc}); rebuild it with {_RETRAIN}") from exc
