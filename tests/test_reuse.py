"""Fingerprints and alignment: shared passages with exact offsets, near-linear candidates."""

from hypothesis import given, settings as hsettings, strategies as st

from newstrail.corpus.fingerprints import SAMPLE, Fingerprint, gram_hashes
from newstrail.corpus.reuse import align, coverage

SOURCE = (
    "The harbour master said on Tuesday that the pier will stay closed for at least six weeks while "
    "engineers inspect every one of its timber pilings. Fishing crews have moved to the north basin."
)
COPY = (
    "Porthaven's fishing fleet faces a long wait. The pier will stay closed for at least six weeks while "
    "engineers inspect every one of its timber pilings, the harbour master told reporters. Crews are unhappy."
)


def test_hashes_are_stable_and_order_sensitive():
    assert gram_hashes("a b c d e".split()).tolist() == gram_hashes("a b c d e".split()).tolist()
    assert gram_hashes("a b c d e".split())[0] != gram_hashes("e d c b a".split())[0]
    # pinned: an index written by one process must be readable by another
    assert gram_hashes("the pier will stay closed".split()).tolist() == [8127269253764192850]
    assert all(h >= 0 for h in Fingerprint.of(SOURCE).grams.tolist())


def test_sampling_keeps_the_same_grams_everywhere():
    a, b = Fingerprint.of(SOURCE), Fingerprint.of(COPY)
    assert all(h % SAMPLE == 0 for h in a.sampled().tolist())
    shared_all = set(a.grams.tolist()) & set(b.grams.tolist())
    assert {h for h in shared_all if h % SAMPLE == 0} == set(a.sampled().tolist()) & set(b.sampled().tolist())


def test_alignment_finds_the_passage_with_offsets():
    [passage] = align(SOURCE, COPY, min_words=10)
    assert SOURCE[passage.a_start : passage.a_end] == "the pier will stay closed for at least six weeks while engineers inspect every one of its timber pilings"
    assert COPY[passage.b_start : passage.b_end].lower() == SOURCE[passage.a_start : passage.a_end].lower()
    assert passage.words == 19


def test_an_edit_inside_a_passage_does_not_split_it():
    a = "Officials said the decree orders about 3,000 fighters to hold fire at every drone over the valley until the end of the month."
    b = "Officials said the decree orders over 5,000 fighters to hold fire at every drone over the valley until the end of the month."
    [passage] = align(a, b, min_words=10)
    assert passage.a_start == 0 and a[passage.a_start : passage.a_end].endswith("end of the month")


def test_unrelated_texts_share_nothing():
    assert align(SOURCE, "The lighthouse museum reopened after a three-year restoration of its lamp room and stairs.") == []


def test_coverage():
    passages = align(SOURCE, COPY, min_words=10)
    assert 0.5 < coverage(passages, len(COPY)) < 0.8


words = st.lists(st.sampled_from("pier harbour crews fog ferry council vote closed north basin the a of".split()), min_size=0, max_size=80)


@hsettings(max_examples=60, deadline=None)
@given(left=words, shared=st.lists(st.sampled_from("alpha bravo charlie delta echo foxtrot golf hotel india juliet".split()), min_size=15, max_size=30), right=words)
def test_inserted_passage_is_always_found_with_exact_offsets(left, shared, right):
    a = " ".join(["start"] + left + shared + ["end"])
    b = " ".join(["begin"] + right + ["mid"] + shared + ["stop"])
    passages = align(a, b, min_words=12)
    assert passages, "the shared run must be found"
    best = max(passages, key=lambda p: p.words)
    assert best.words >= len(shared)
    for p in passages:
        assert a[p.a_start : p.a_end].split()[0] and b[p.b_start : p.b_end]  # offsets inside the texts
        assert 0 <= p.a_start < p.a_end <= len(a) and 0 <= p.b_start < p.b_end <= len(b)
