"""newstrail.embeddings: both backends' contract, quality floors, and the static model build."""

from __future__ import annotations

import importlib.util
import json
import random
import sys
from pathlib import Path

import numpy as np
import pytest

from newstrail.embeddings import _PLAIN_CHUNK, STATIC_DIR, Embedder, OnnxEmbedder, StaticEmbedder, get_embedder
from newstrail.core.errors import ConfigError, MissingExtra
from newstrail.eval.embeddings import probe_scores, read_probe

ROOT = Path(__file__).resolve().parents[1]
KINDS = {"fast": ("static-minilm", 256), "accurate": ("minilm-int8", 384)}

# Fictional news: (anchor, a paraphrase of it, a sentence about something else entirely).
TRIPLES = [
    ("The Brennmoor council voted to close the old swimming pool next year.",
     "Next year Brennmoor's old public pool will shut after a council vote.",
     "A violinist from Tasselby won the national music competition."),
    ("Storms cut power to thousands of homes along the Qarrow coast.",
     "Thousands of households on the Qarrow coastline lost electricity in the storms.",
     "The bakery on Mill Street now sells rye bread on Saturdays."),
    ("The Fenwick Ledger retracted its story about the missing ambassador.",
     "Its report on the vanished ambassador was withdrawn by the Fenwick Ledger.",
     "Wheat harvests in the southern plains were better than expected."),
    ("Prices at the Halvard petrol stations rose for the third week in a row.",
     "For a third straight week, fuel got more expensive at Halvard's filling stations.",
     "The museum's new dinosaur skeleton attracted school groups."),
]


@pytest.fixture(scope="module", params=sorted(KINDS))
def emb(request) -> Embedder:
    return get_embedder(request.param)


def test_names_dims_and_cache(emb):
    kind = next(k for k, (name, _) in KINDS.items() if name == emb.name)
    assert (emb.name, emb.dim) == KINDS[kind]
    assert isinstance(emb, Embedder)
    assert get_embedder(kind) is emb            # loaded once per process
    assert get_embedder(emb.name) is emb        # the embedder name works as a kind too


def test_shape_dtype_and_unit_rows(emb):
    texts = [t for triple in TRIPLES for t in triple]
    vecs = emb.encode(texts)
    assert vecs.shape == (len(texts), emb.dim)
    assert vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    assert len({v.tobytes() for v in vecs}) == len(texts)  # different texts, different vectors


def test_empty_inputs(emb):
    assert emb.encode([]).shape == (0, emb.dim)
    assert emb.encode(()).dtype == np.float32
    vecs = emb.encode(["", "Tolls on the Brennmoor bridge go up."])
    assert vecs.shape == (2, emb.dim)
    if emb.name == "static-minilm":
        assert not vecs[0].any()                 # no tokens: the documented zero row
    else:
        assert abs(np.linalg.norm(vecs[0]) - 1) < 1e-5   # [CLS][SEP] alone still has a vector
    assert abs(np.linalg.norm(vecs[1]) - 1) < 1e-5


def test_deterministic_and_independent_of_batch(emb):
    texts = [t for triple in TRIPLES for t in triple]
    together = emb.encode(texts)
    again = emb.encode(texts)
    alone = np.vstack([emb.encode([t]) for t in texts])
    reordered = emb.encode(texts[::-1])[::-1]
    assert np.array_equal(together, again)
    np.testing.assert_allclose(alone, together, atol=1e-5)
    np.testing.assert_allclose(reordered, together, atol=1e-5)


def test_paraphrase_scores_above_unrelated(emb):
    for anchor, para, other in TRIPLES:
        a, p, o = emb.encode([anchor, para, other])
        assert a @ p > a @ o + 0.2, (emb.name, anchor)


def test_bad_arguments(emb):
    with pytest.raises(TypeError, match="list of texts"):
        emb.encode("a bare string")
    with pytest.raises(TypeError, match="text 1"):
        emb.encode(["fine", None])


def test_unknown_kind():
    with pytest.raises(ConfigError, match="fast, accurate"):
        get_embedder("huge")


def test_long_text_is_truncated_not_refused():
    emb = get_embedder("accurate")
    long = " ".join(["The Qarrow coast road reopened after the storm."] * 120)  # ~1,200 tokens
    vec = emb.encode([long])
    assert vec.shape == (1, 384) and abs(np.linalg.norm(vec) - 1) < 1e-5
    assert len(emb.token_ids([long])[0]) == 256


def test_missing_onnxruntime_names_the_pip_line(monkeypatch):
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # makes the import fail
    with pytest.raises(MissingExtra, match="pip install onnxruntime"):
        OnnxEmbedder()


def test_missing_static_model_says_how_to_rebuild(tmp_path):
    with pytest.raises(Exception, match="build_static_embeddings"):
        StaticEmbedder(tmp_path)


def test_shipped_static_model_files():
    meta = json.loads((STATIC_DIR / "metadata.json").read_text(encoding="utf-8"))
    vectors = np.load(STATIC_DIR / "vectors.npy", mmap_mode="r")
    assert vectors.dtype == np.float16 and vectors.shape == (meta["vocab_size"], meta["dims"])
    assert (STATIC_DIR / "vectors.npy").stat().st_size < 20_000_000
    tok = get_embedder("fast").tokenizer
    for special in ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "[unused5]"):
        assert not np.asarray(vectors[tok.token_to_id(special)]).any(), special
    assert np.asarray(vectors[tok.token_to_id("harbour")]).any()


# Floors a little under the figures the README quotes (bench/embeddings.py): a model
# rebuild or a pooling change that loses retrieval quality fails here.
@pytest.mark.parametrize("kind, floor", [("fast", 0.75), ("accurate", 0.95)])
def test_paraphrase_probe_top1_floor(kind, floor):
    scores = probe_scores(get_embedder(kind), read_probe(ROOT / "bench" / "data" / "paraphrase_probe.tsv"))
    assert scores["queries"] == 80
    assert scores["top1"] >= floor, scores


def test_build_script_on_a_few_tokens(tmp_path):
    spec = importlib.util.spec_from_file_location("build_static", ROOT / "scripts" / "build_static_embeddings.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)

    vocab = {"[PAD]": 0, "[unused0]": 1, "[CLS]": 2, "cat": 3, "##s": 4}
    assert build.kept_tokens(vocab) == [3, 4]
    w = build.sif_weights(100, 1e-3)
    assert np.all(np.diff(w) > 0) and w[-1] < 1   # frequent (low rank) tokens weigh less
    x = np.random.default_rng(0).normal(size=(50, 10)) * np.arange(10, 0, -1)
    reduced, kept = build.pca(x, 3)
    assert reduced.shape == (50, 3) and 0 < kept < 1
    with pytest.raises(ValueError):
        build.pca(x, 11)

    meta = build.build(tmp_path, dims=8, sif=1e-4, limit=64)
    assert meta["tokens_with_vectors"] == 64 and meta["dims"] == 8
    small = StaticEmbedder(tmp_path)
    assert small.dim == 8
    vecs = small.encode(["!", "harbour council"])
    assert vecs.shape == (2, 8)
    assert abs(np.linalg.norm(vecs[0]) - 1) < 1e-3   # "!" is among the first 64 tokens
    assert not vecs[1].any()                          # whole words have ids far past the first 64


def test_a_full_chunk_table_starts_afresh_and_gives_the_same_ids():
    """Past its limit the chunk table is emptied and refilled: ids and vectors stay the same."""
    emb = StaticEmbedder()
    texts = [t for triple in TRIPLES for t in triple]
    ids, vectors = emb.token_ids(texts), emb.encode(texts)
    emb.chunks.limit = 12  # fewer than the chunks of these texts: each call starts afresh
    assert emb.token_ids(texts) == ids == [e.ids for e in emb.tokenizer.encode_batch(texts, add_special_tokens=False)]
    assert np.array_equal(emb.encode(texts[:3]), vectors[:3]) and np.array_equal(emb.encode(texts), vectors)
    assert len(emb.chunks.index) <= max(12, len({c for t in texts for c in t.split()}))


def test_plain_chunks_are_read_as_the_tokenizer_reads_them():
    """Chunks of printable ASCII and typographic quotes and dashes get their WordPiece ids
    without the tokenizer (StaticEmbedder._plain_pieces): the same ids, whole words, pieces
    with ##, unknown pieces and over-long words ([UNK]) alike."""
    emb = get_embedder("fast")
    rng = random.Random(14)
    alphabet = "‘’“”–—…abcXYZ019!\"#$%&'()*+,-./:;<=>?@\\]^_`{|}~" + "unaffordable" + "##"
    chunks = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 15))) for _ in range(3000)]
    chunks += [w for triple in TRIPLES for t in triple for w in t.split()]
    chunks += ["a" * 100, "a" * 101, "x" * 150 + ",", "Supercalifragilisticexpialidocious" * 3, "qzxqzxqzx", "##ing", "UNK]", "don’t", "“Quoted,”"]
    plain = [c for c in chunks if _PLAIN_CHUNK.fullmatch(c)]
    assert len(plain) == len(chunks)  # none of these needs the tokenizer
    assert [emb._plain_pieces(c) for c in plain] == [e.ids for e in emb.tokenizer.encode_batch(plain, add_special_tokens=False)]


def test_static_token_ids_match_the_tokenizer_chunk_by_chunk():
    """The fast embedder tokenises each whitespace chunk once and reuses it: the ids must be
    the tokenizer's own for the whole text, whatever the whitespace and control characters."""
    emb = get_embedder("fast")
    texts = [t for triple in TRIPLES for t in triple] + [
        "a\x0bb c\x0cd\x85e\u2028f\u00a0g\u3000h", "caf\u00e9 na\u00efve \u4e2d\u6587 \U0001f600 [CLS] x[SEP]y", "", "  \t\n ",
        "zero\u200bwidth \ufeffbom \x00null \ufffd", "U.S. don't 3,000.5 \u20ac5 -- \u201cquoted\u201d",
    ]
    direct = [e.ids for e in emb.tokenizer.encode_batch(texts, add_special_tokens=False)]
    assert emb.token_ids(texts) == direct
    assert emb.token_ids(texts) == direct  # the second time from the chunk cache


def test_chunks_split_as_the_tokenizer_splits_them_with_or_without_its_odd_whitespace():
    # str.split() stands in for the chunk pattern where no text of the batch holds a character
    # str.split() takes for whitespace and the normaliser removes; every other one agrees
    from newstrail.embeddings import _CHUNKS, split_chunks

    plain = ["Fares rose\u00a012%\tat Pier\u20039.", "  Velmora \n\n ferry  ", "", "\u3000"]
    odd = [*plain, "a\x0cb c\x85d e\x1cf"]
    for texts in (plain, odd):
        assert split_chunks(texts) == [_CHUNKS.findall(t) for t in texts]
    assert split_chunks(odd)[-1] == ["a\x0cb", "c\x85d", "e\x1cf"]
    assert {chr(c) for c in range(0x3001) if chr(c).isspace() and _CHUNKS.fullmatch(chr(c))} == set("\x0b\x0c\x1c\x1d\x1e\x1f\x85")


def test_a_chunk_table_adds_new_chunks_among_known_ones_in_their_places():
    emb = StaticEmbedder()
    texts = [t for triple in TRIPLES for t in triple]
    alone = emb.token_ids(texts)
    emb.chunks.clear()
    emb.token_ids(texts[::2])  # half the chunks known: the others are added between them
    assert emb.token_ids(texts) == alone == [e.ids for e in emb.tokenizer.encode_batch(texts, add_special_tokens=False)]
