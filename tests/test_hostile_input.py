"""Hostile input, unit by unit: the linear Markdown link scanner, rhetoric's indexes, the
sentence cap, bounded JSON, credentials in URLs, symlink loops, partial reads and the
cap on related pairs. The CLI-level fault tests are in test_hostile_faults.py; the
growth in time and memory is measured by bench/hostile.py, not asserted here.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
from collections import Counter
from pathlib import Path

import pytest

from newstrail import Settings, open_store
from newstrail.analyze.rhetoric import detector
from newstrail.analyze.rhetoric.features import Doc, document
from newstrail.analyze.sentences import MAX_SENTENCE_CHARS, split_sentences
from newstrail.core.article import Article
from newstrail.core.errors import BadRecord, InputTooLarge, NoArticleText, UnreadableInput
from newstrail.core.jsontext import loads, shape_problem
from newstrail.core.verdicts import normalise_verdict
from newstrail.corpus import leads
from newstrail.engines.local import analyze
from newstrail.factchecks.claimreview import parse_factchecks
from newstrail.ingest import read_inputs
from newstrail.ingest.markup import join_wrapped_anchors, markdown_to_text
from newstrail.outlets import canonical_url, without_credentials

GOOD = "The harbor council of Port Alder voted on Monday to close Pier 9 for repairs after divers found rot in 40 of its pilings."


# ------------------------------------------------------------ Markdown links


@pytest.mark.parametrize("flood", ["[", "[]", "](", "[x](", "\\[", "[a](http://x.example/", "<https://x.example/", "![a]("])
def test_a_flood_before_a_link_leaves_the_link_found(flood: str):
    text, links = markdown_to_text(flood * 3000 + " see [the Bay Herald](https://bayherald.example/a).")
    assert text.endswith("see the Bay Herald.")
    assert [(ln.anchor, ln.url) for ln in links][-1:] == [("the Bay Herald", "https://bayherald.example/a")]


@pytest.mark.parametrize("markdown, anchors", [
    ("a [note] and a [link](https://x.example/)", ["link"]),
    ("[harbor [1]](https://x.example/)", ["harbor [1]"]),
    ("[harbor ]](https://x.example/)", ["harbor ]"]),
    ("see \\[1\\] and [snake\\_case](https://x.example/)", ["snake_case"]),
    ("[a](https://x.example/1) [b](<https://x.example/2 (b)>) ![img](https://x.example/i.png)", ["a", "b"]),
    ("[unclosed](https://x.example/ and [next](https://x.example/n)", ["https://x.example/", "next"]),
])
def test_links_are_read_as_before(markdown: str, anchors: list[str]):
    assert [ln.anchor for ln in markdown_to_text(markdown)[1]] == anchors


def test_anchors_wrapped_over_lines_are_joined_once():
    assert join_wrapped_anchors("[the\nBay\n\nHerald](https://x.example/) and [one](https://y.example/)") == \
        "[the Bay Herald](https://x.example/) and [one](https://y.example/)"
    assert markdown_to_text("[the\nHerald](https://x.example/)")[0] == "the Herald"


# ------------------------------------------------------------ rhetoric indexes and sentences


def test_quote_and_sentence_lookups_agree_with_a_scan():
    rng = random.Random(7)
    quoted = sorted({(s, s + rng.randint(1, 60), rng.randint(1, 9)) for s in (rng.randint(0, 900) for _ in range(40))})
    rng.shuffle(quoted)  # the first listed decides, as the scan it replaces did
    doc = Doc("x" * 1000, [], words=[], lower=[], starts=[], ends=[], bounds=[0], counts=Counter(), quoted=quoted)
    for pos in range(0, 1000, 3):
        first = next((words for s, e, words in quoted if s <= pos < e), None)
        assert doc.in_quote(pos) == (0 if first is None else 1 if first < 4 else 2)
        for end in (pos + 1, pos + 25):
            assert doc.in_long_quote(pos, end) == any(s <= pos and end <= e and w >= 4 for s, e, w in quoted)
    text = "One sentence here. Another one there. A third."
    doc = document(text)
    assert [doc.sentence_of(p) for p in (0, 18, 19, len(text) - 1, len(text))] == [0, None, 1, 2, None]


def test_sentences_are_cut_at_the_cap_at_white_space():
    text = "*a " * 5000 + "\n" + "x" * (MAX_SENTENCE_CHARS + 10)
    spans = split_sentences(text)
    assert all(s.end - s.start <= MAX_SENTENCE_CHARS for s in spans)
    assert all(not text[s.start : s.end].startswith(" ") and text[s.start : s.end][-1] != " " for s in spans)
    assert "".join(text[s.start : s.end] for s in spans).replace(" ", "") == text.replace(" ", "").replace("\n", "")


# ------------------------------------------------------------ bounded JSON and field types


def test_json_depth_nan_and_alias_bombs_are_refused():
    assert loads('{"a": [[1]]}') == {"a": [[1]]}
    for text, what in (("[" * 900 + "]" * 900, "nested more than 64"), ('{"a": Infinity}', "Infinity is not a number"), ("[-Infinity]", "Infinity")):
        with pytest.raises(json.JSONDecodeError, match=what):
            loads(text)
    shared: list = ["x"] * 10
    for _ in range(7):
        shared = [shared] * 10  # what YAML aliases make: 10**8 values in a few lines
    assert "more than 1,000,000 values" in (shape_problem({"bomb": shared}) or "")


def test_a_nan_rating_is_refused_and_the_record_beside_it_kept(tmp_path: Path):
    review = {"@type": "ClaimReview", "claimReviewed": "Pier 9 was sold.", "reviewRating": {"ratingValue": "NaN", "bestRating": 5, "worstRating": 1}}
    good = {**review, "claimReviewed": "Pier 9 was painted.", "reviewRating": {"ratingValue": 1, "bestRating": 5, "worstRating": 1}}
    items = list(parse_factchecks(json.dumps([review, good]), "checks.json"))
    assert isinstance(items[0], BadRecord) and "not a finite number" in str(items[0])
    assert items[1].claim == "Pier 9 was painted."
    assert normalise_verdict(None, float("nan"), 5, 1) == "unrated" and normalise_verdict(None, 1.0, float("inf"), 1) == "unrated"


@pytest.mark.parametrize("field, value, problem", [("title", {"a": 1}, "must be text, not an object"), ("url", ["https://x.example/"], "not a list"),
                                                  ("authors", [["A"]], "text or a list of names"), ("published", True, "must be a date")])
def test_wrongly_typed_fields_are_refused_not_stored_as_reprs(write, field: str, value: object, problem: str):
    path = write("typed.jsonl", json.dumps({"id": "t", field: value, "text": GOOD}) + "\n" + json.dumps({"id": "ok", "title": 7, "text": GOOD}))
    items = list(read_inputs([str(path)], Settings()))
    assert isinstance(items[0], BadRecord) and problem in str(items[0]) and items[0].where == f"{path}:1"
    assert isinstance(items[1], Article) and items[1].title == "7"


def test_a_record_whose_extra_fields_cannot_be_stored_fails_alone(tmp_path: Path):
    deep: object = "leaf"
    for _ in range(70):
        deep = {"k": deep}  # deeper than a record may be; JSON input is stopped at the reader, front matter here
    settings = Settings(db=str(tmp_path / "s.db"), link=False)
    good = tmp_path / "good.md"
    good.write_text(f"Good\n\n{GOOD}", encoding="utf-8")
    bad = tmp_path / "bad.md"
    bad.write_text("---\nextra: " + json.dumps(deep) + f"\n---\nBad\n\n{GOOD} Other.", encoding="utf-8")
    with open_store(settings.db) as store:
        outcomes = {Path(o.where).name: o for o in analyze([str(bad), str(good)], settings, store)}
        assert outcomes["bad.md"].status == "failed" and "nested more than 64" in str(outcomes["bad.md"].error)
        assert outcomes["good.md"].status == "added" and store.articles.count() == 1


# ------------------------------------------------------------ sizes read before reading whole


def test_stdin_and_json_documents_are_refused_by_size_before_reading_whole(write):
    settings = Settings(max_input_bytes=1000)
    items = list(read_inputs(["-"], settings, stdin=io.BytesIO(b"a " * 600_000)))
    assert len(items) == 1 and isinstance(items[0], InputTooLarge) and "standard input is over 1,000,000 bytes" in str(items[0])
    path = write("big.json", json.dumps([{"id": str(i), "text": GOOD} for i in range(9000)]))
    items = list(read_inputs([str(path)], settings))
    assert len(items) == 1 and isinstance(items[0], InputTooLarge) and "write it as JSON Lines" in str(items[0])


# ------------------------------------------------------------ credentials and symlink loops


def test_credentials_never_reach_the_stored_or_printed_url():
    assert without_credentials("http://user:secret@bay.example/a?x=1#f") == "http://bay.example/a?x=1#f"
    assert canonical_url("https://user:secret@www.bay.example/a/") == "https://bay.example/a"
    _, links = markdown_to_text("[a](https://u:p@x.example/1) <https://u:p@y.example/2> https://u:p@z.example/3")
    assert [ln.url for ln in links] == ["https://x.example/1", "https://y.example/2", "https://z.example/3"]


def test_a_symlink_loop_is_followed_once(tmp_path: Path):
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(f"A\n\n{GOOD}", encoding="utf-8")
    (root / "sub" / "b.txt").write_text(f"B\n\n{GOOD} Again.", encoding="utf-8")
    os.symlink(root, root / "sub" / "loop")  # in/sub/loop -> in
    os.symlink(root / "sub", root / "linked")  # a second way into sub
    for spec in (str(root), str(root / "**" / "*.txt")):
        names = sorted(Path(a.source).name for a in read_inputs([spec], Settings()) if isinstance(a, Article))
        assert names == ["a.txt", "b.txt"], spec


# ------------------------------------------------------------ partial reads say so


def _warc(write, name: str, data: bytes) -> list:
    return list(read_inputs([str(write(name, data))], Settings()))


def test_a_truncated_or_padded_warc_says_what_was_read(write):
    sample = Path(__file__).resolve().parents[1] / "src" / "newstrail" / "sample" / "corpus" / "archive.warc.gz"
    data = sample.read_bytes()
    whole = _warc(write, "whole.warc.gz", data)
    assert all(isinstance(i, Article) for i in whole) and len(whole) == 4
    for name, cut in (("half.warc.gz", data[: len(data) // 2]), ("half.warc", gzip.decompress(data)[: len(gzip.decompress(data)) // 2]),
                      ("junk.warc", gzip.decompress(data) + b"some words that are no WARC record\r\n")):
        items = _warc(write, name, cut)
        assert isinstance(items[-1], UnreadableInput) and "the records before it were read" in str(items[-1]), name
        assert items[-1].where.endswith(name) and all(isinstance(i, Article) for i in items[:-1])


def test_an_unclosed_csv_quote_is_reported_not_merged(write):
    path = write("rows.csv", f'id,title,text\n1,One,{GOOD}\n2,"Two,{GOOD}\n3,Three,{GOOD}\n')
    items = list(read_inputs([str(path)], Settings()))
    assert isinstance(items[0], Article) and isinstance(items[1], BadRecord)
    assert items[1].where == f"{path}:3" and "never closed, so lines 3-4 were read as one row" in str(items[1])


@pytest.mark.parametrize("name, content, says", [("empty.rss", "", "the file is empty"),
                                                  ("none.rss", '<?xml version="1.0"?><rss version="2.0"><channel><title>Bay</title></channel></rss>', "no items"),
                                                  ("header.csv", "id,title,text\n", "a header line and nothing under it")])
def test_empty_feeds_and_header_only_files_say_so(write, name: str, content: str, says: str):
    items = list(read_inputs([str(write(name, content))], Settings()))
    assert len(items) == 1 and isinstance(items[0], NoArticleText) and says in str(items[0])


# ------------------------------------------------------------ related pairs


def test_related_pairs_are_capped_and_counted(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(leads, "MAX_RELATED", 3)
    settings = Settings(db=str(tmp_path / "s.db"))
    words = ["harbor", "ferry", "council", "pilings", "basin", "levy", "crew", "tide", "dock", "lantern"]
    lines = []
    for i in range(8):  # the same event told eight times in different words: no copy links
        rng = random.Random(i)
        filler = " ".join(rng.choice(words) for _ in range(30))
        lines.append(json.dumps({"id": f"r{i}", "url": f"https://outlet{i}.example/pier", "published": "2025-03-04",
                                 "title": "Port Alder shuts Pier 9 after divers find rot in 40 pilings",
                                 "text": f"Port Alder shut Pier 9 on Monday after divers found rot in 40 pilings, Mayor Ines Varga said. {filler}."}))
    path = tmp_path / "told.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    with open_store(settings.db) as store:
        list(analyze([str(path)], settings, store))
    from newstrail import trace

    found = trace(settings.db, article="r0").to_dict()
    assert len(found["related"]) <= 3
    total = len(found["related"]) + found["related_omitted"]
    assert found["related_omitted"] == max(0, total - 3)


def test_rhetoric_names_only_the_surest_candidates_of_a_flooded_text(monkeypatch):
    # a text of hundreds of scare quotes: past MAX_CANDIDATES only the surest are named
    # (the classifier's cost and memory stay bounded), and what is kept is what naming
    # every one of them would have kept
    text = " ".join(f'The "reform" number {i} was a "plan" of the mayor.' for i in range(300))
    monkeypatch.setattr(detector, "MAX_TECHNIQUES", 40)
    monkeypatch.setattr(detector, "MAX_CANDIDATES", 10**9)
    every = detector.techniques_in(text)
    asked: list[int] = []
    scorer = detector.load_model().scorer
    real = scorer.techniques
    monkeypatch.setattr(scorer, "techniques", lambda doc, spans: asked.append(len(spans)) or real(doc, spans))
    monkeypatch.setattr(detector, "MAX_CANDIDATES", 100)
    bounded = detector.techniques_in(text)
    assert len(bounded) == 40 and sum(asked) <= 100
    assert [(t.span, t.technique, t.score) for t in bounded] == [(t.span, t.technique, t.score) for t in every]


def test_rhetoric_reads_only_the_first_million_characters(monkeypatch):
    monkeypatch.setattr(detector, "MAX_TEXT_CHARS", 200)
    text = "It was a massacre, a true massacre. " * 20
    found = detector.techniques_in(text)
    assert found and all(t.span.end <= 200 for t in found)
    assert [t.span for t in found] == [t.span for t in detector.techniques_in(text[:200])]


@pytest.mark.parametrize("text", ["See [x](http://[::1/a) now.", "[a](https://[bad]x/) b", "<http://[oops>", "A [b](http://u:p@[::1/) c"])
def test_a_link_with_a_broken_ipv6_host_is_text_not_a_crash(text):
    # urlsplit raises on these; a Markdown link to one is kept as words, never as a link
    plain, links = markdown_to_text(text)
    assert links == [] and plain.strip() and "p@" not in plain
