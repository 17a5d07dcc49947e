"""The opt-in span tagger: a fine-tuned all-MiniLM-L6-v2 run with onnxruntime (no torch).

``rhetoric.spans = "finetuned"`` (see :mod:`newstrail.core.config`) replaces the CRF of
:mod:`.model` as the finder of spans; the technique of each span still comes from the
linear classifier, and the rules still add their spans. The model, in
``newstrail/models/rhetoric-tagger/`` (``top-int8.onnx``, run on the fine-tuned models'
shared base, and ``meta.json``; data
statement in its ``README.md``), is all-MiniLM-L6-v2 with a token head (inside a
propaganda span or not), layers 2-5 and the head fine-tuned on the Propaganda Techniques
Corpus by ``scripts/train_rhetoric_finetune.py``, exported to ONNX and quantised to int8.
It reads each sentence of a :class:`.features.Doc` alone (cut into :data:`MAX_PIECES`-id
parts at word boundaries when longer) and gives each word token the mean of its
WordPiece ids' probabilities, so :func:`.detector.learned_spans` cuts spans from them as
it does from the CRF's.

>>> from newstrail.analyze.rhetoric.features import document
>>> tagger = load_finetuned_tagger()
>>> probs = tagger.inside_probabilities(document("They are traitors and cowards."))
>>> len(probs[0]) == 6 and bool(probs[0].max() > probs[0].min())
True
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from newstrail.core.errors import StageError
from newstrail.analyze.rhetoric.features import Doc
from newstrail.embeddings import MODELS_DIR, finetuned_parts, first_outputs

__all__ = ["MAX_PIECES", "TAGGER_DIR", "FinetunedTagger", "Piece", "load_finetuned_tagger", "pieces_of"]

#: WordPiece ids per input at most, [CLS] and [SEP] included (a PTC sentence has 28 on
#: average and 179 at most; a longer one is cut at a word boundary)
MAX_PIECES = 256
#: the shipped model's folder: top-int8.onnx (run on the shared base), meta.json, README.md (data statement)
TAGGER_DIR = MODELS_DIR / "rhetoric-tagger"
_RETRAIN = "scripts/train_rhetoric_finetune.py (see the model folder's README), or set rhetoric.spans = \"fast\""


@dataclass(frozen=True)
class Piece:
    """One model input: WordPiece ``ids`` of (part of) sentence ``sentence``, with the flat
    :class:`.features.Doc` token each id belongs to (``-1`` for [CLS], [SEP] and ids
    between words) and each id's character offsets in the text."""

    sentence: int
    ids: list[int]
    words: list[int]
    starts: list[int]
    ends: list[int]


def pieces_of(doc: Doc, tokenizer: Any, limit: int = MAX_PIECES) -> list[Piece]:
    """The model inputs of ``doc``: each sentence, cut into parts of at most ``limit`` ids.

    >>> from newstrail.analyze.rhetoric.features import document
    >>> p = pieces_of(document("Shameless liars."), load_finetuned_tagger().tokenizer)
    >>> p[0].words[0], p[0].words[-1], len(p[0].ids) == len(p[0].words)
    (-1, -1, True)
    """
    out: list[Piece] = []
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    for i, sentence in enumerate(doc.sentences):
        lo, hi = doc.bounds[i], doc.bounds[i + 1]
        if lo == hi:
            continue
        enc = tokenizer.encode(doc.text[sentence.start : sentence.end], add_special_tokens=False)
        ids, words, starts, ends = [], [], [], []
        for tid, (a, b) in zip(enc.ids, enc.offsets):
            a, b = a + sentence.start, b + sentence.start
            k = bisect.bisect_right(doc.starts, a, lo, hi) - 1
            ids.append(tid)
            words.append(k if k >= lo and a < doc.ends[k] else -1)
            starts.append(a)
            ends.append(b)
        first = 0
        while first < len(ids):
            stop = min(len(ids), first + limit - 2)
            if stop < len(ids):  # cut before a piece that starts a new word, not inside one
                back = stop
                while back > first + 1 and words[back] == words[back - 1] and words[back] >= 0:
                    back -= 1
                stop = back
            out.append(Piece(i, [cls] + ids[first:stop] + [sep], [-1] + words[first:stop] + [-1],
                             [0] + starts[first:stop] + [0], [0] + ends[first:stop] + [0]))
            first = stop
    return out


def word_probabilities(doc: Doc, pieces: list[Piece], probs: list[np.ndarray]) -> list[np.ndarray]:
    """Per sentence, each word token's probability: the mean over its pieces (0 for a
    token the tokenizer dropped, such as a control character)."""
    flat = _word_inside(doc, pieces, probs)
    return [flat[a:b] for a, b in zip(doc.bounds, doc.bounds[1:])]


def _word_inside(doc: Doc, pieces: list[Piece], probs: list[np.ndarray]) -> np.ndarray:
    """:func:`word_probabilities` over all tokens of ``doc`` in their order."""
    total = np.zeros(len(doc.words))
    count = np.zeros(len(doc.words))
    for piece, p in zip(pieces, probs):
        w = np.asarray(piece.words)
        keep = w >= 0
        np.add.at(total, w[keep], p[keep])
        np.add.at(count, w[keep], 1)
    return np.divide(total, count, out=np.zeros_like(total), where=count > 0)


class FinetunedTagger:
    """The ONNX token tagger: per word token, the probability of being inside a span.

    ``folder`` holds ``top-int8.onnx`` and ``meta.json`` (``threshold`` and ``gap`` for
    :func:`.detector.learned_spans`); the tokenizer is the accurate embedder's
    (``newstrail/models/minilm-int8/tokenizer.json``), the same WordPiece vocabulary.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        try:
            self.meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
            self.threshold, self.gap = float(self.meta["threshold"]), int(self.meta.get("gap", 0))
        except FileNotFoundError as exc:
            raise StageError(f"{folder}: no fine-tuned span tagger here; rebuild it with {_RETRAIN}") from exc
        except (OSError, ValueError, KeyError) as exc:
            raise StageError(f"{folder}/meta.json: cannot read the span tagger's settings ({exc}); rebuild it with {_RETRAIN}") from exc

    @cached_property
    def _parts(self) -> tuple[Any, Any]:
        # pieces_of cuts long sentences at word boundaries, so the tokenizer does not truncate
        return finetuned_parts(self.folder / "top-int8.onnx", "fine-tuned span tagger", _RETRAIN, None)

    @property
    def tokenizer(self) -> Any:
        return self._parts[1]

    def piece_probabilities(self, pieces: list[Piece]) -> list[np.ndarray]:
        """The model's inside probability of every id of every piece, one piece a call (see
        :func:`~newstrail.embeddings.first_outputs`: file mode and stored mode agree)."""
        return [p.astype(np.float64) for p in first_outputs(self._parts[0], [piece.ids for piece in pieces])]

    @property
    def mix(self) -> float:
        """The CRF's weight in the span probability (0: the tagger alone), chosen on the dev fold."""
        return float(self.meta.get("mix", 0.0))

    @property
    def rule_bar(self) -> float | None:
        """The tagger's mean probability over a rule's span (scare quote, question, loaded
        word) that keeps the span, chosen on the dev fold (None: every rule span is kept)."""
        bar = self.meta.get("rule_bar")
        return None if bar is None else float(bar)

    def inside(self, doc: Doc, crf: np.ndarray | None = None) -> np.ndarray:
        """Each word token's probability of being inside a span, all tokens of ``doc`` in
        their order; mixed with the CRF's probabilities ``crf`` (the same layout) by
        :attr:`mix` when given."""
        pieces = pieces_of(doc, self.tokenizer)
        probs = _word_inside(doc, pieces, self.piece_probabilities(pieces))
        return probs if crf is None or not self.mix else self.mix * crf + (1 - self.mix) * probs

    def inside_probabilities(self, doc: Doc, crf: Sequence[np.ndarray] | None = None) -> list[np.ndarray]:
        """:meth:`inside` per sentence of ``doc`` (``crf`` per sentence too, as
        :func:`.detector.inside_probabilities` gives it)."""
        flat = self.inside(doc, np.concatenate(crf) if crf is not None and len(crf) else None)
        return [flat[a:b] for a, b in zip(doc.bounds, doc.bounds[1:])]


@lru_cache(maxsize=2)
def load_finetuned_tagger(folder: str | None = None) -> FinetunedTagger:
    """The shipped fine-tuned span tagger (or the one in ``folder``), loaded once per process.

    >>> load_finetuned_tagger().gap >= 0
    True
    """
    return FinetunedTagger(Path(folder) if folder else TAGGER_DIR)
