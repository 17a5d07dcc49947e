"""A folder of good and bad inputs, stdin, and how inputs are named and told apart."""

from __future__ import annotations

import io
import json
import os

import pytest
from ingest_helpers import FERRY_PARAGRAPH, PIER_PARAGRAPH, html_page

from newstrail import Article, BadRecord, InputError, InputTooLarge, NoArticleText, Settings, UnreadableInput, read_inputs
from newstrail.ingest import kind_of, read_bytes

GOOD_TEXT = "Pier 9 Closes\n\n" + PIER_PARAGRAPH + "\n"


@pytest.fixture
def mixed_folder(tmp_path, write):
    folder = tmp_path / "inbox"
    write("inbox/a-good.txt", GOOD_TEXT)
    write("inbox/b-latin1.txt", b"\xff\xfeThe ferry ran late on Tuesday because fog closed the strait.")
    os.symlink(folder / "no-such-target.txt", folder / "c-broken-link.txt")
    write("inbox/d-empty-page.html", "<!doctype html><html lang='en'><head><title>Lantern</title></head><body></body></html>")
    write("inbox/e-columns.csv", "id,title,summary\n1,Pier 9,The pier closed.\n")
    write("inbox/f-huge.txt", b"quay " * 2_000_000)  # 10 MB on one line
    write("inbox/.hidden.txt", "not read: hidden files are skipped")
    return folder


EXPECTED = {
    "b-latin1.txt": (UnreadableInput, "not valid UTF-8 (byte 0xff at offset 0)"),
    "c-broken-link.txt": (UnreadableInput, "cannot read (No such file or directory)"),
    "d-empty-page.html": (NoArticleText, "no article body found in the HTML"),
    "e-columns.csv": (BadRecord, "no text column (columns: id, title, summary)"),
    "f-huge.txt": (InputTooLarge, "10,000,000 bytes, over the 5,000,000-byte cap"),
}


def test_every_bad_input_is_one_error_naming_file_and_reason(mixed_folder):
    items = list(read_inputs([str(mixed_folder)], Settings()))
    good = [i for i in items if isinstance(i, Article)]
    bad = [i for i in items if isinstance(i, InputError)]
    assert len(items) == len(good) + len(bad) == 6
    [article] = good
    assert article.title == "Pier 9 Closes" and article.text == PIER_PARAGRAPH
    assert article.source == str(mixed_folder / "a-good.txt")
    by_name = {os.path.basename(e.where): e for e in bad}
    assert sorted(by_name) == sorted(EXPECTED)  # exactly one error per bad file
    for name, (kind, reason) in EXPECTED.items():
        error = by_name[name]
        assert type(error) is kind, (name, error)
        assert error.where == str(mixed_folder / name)
        assert str(error).startswith(f"{mixed_folder / name}: ")
        assert reason in str(error), str(error)


def test_bad_inputs_do_not_stop_the_ones_after_them(mixed_folder, write):
    later = write("later.txt", "Ferry Strike Ends\n\n" + FERRY_PARAGRAPH)
    specs = [str(mixed_folder / "f-huge.txt"), str(mixed_folder / "b-latin1.txt"), "missing/nowhere.txt", str(later)]
    items = list(read_inputs(specs, Settings()))
    assert [type(i) for i in items] == [InputTooLarge, UnreadableInput, UnreadableInput, Article]
    assert str(items[2]) == "missing/nowhere.txt: no such file or folder"
    assert items[3].title == "Ferry Strike Ends"


def test_a_directory_named_like_a_file(tmp_path):
    (tmp_path / "x.txt").mkdir()
    [error] = read_inputs([str(tmp_path / "x.txt")], Settings())
    assert isinstance(error, UnreadableInput)
    assert str(error) == f"{tmp_path / 'x.txt'}: no files in folder"


def test_a_directory_named_like_a_file_inside_a_folder_is_walked_not_read(tmp_path, write):
    write("box/x.txt/inner.md", "Quay Works\n\n" + FERRY_PARAGRAPH)
    [article] = read_inputs([str(tmp_path / "box")], Settings())
    assert article.source == str(tmp_path / "box" / "x.txt" / "inner.md")


def test_glob_of_files(write, tmp_path):
    write("g/one.txt", GOOD_TEXT)
    write("g/two.md", "Ferry Strike Ends\n\n" + FERRY_PARAGRAPH)
    write("g/skip.csv", "id,text\n")
    items = list(read_inputs([str(tmp_path / "g" / "*.t*"), str(tmp_path / "g" / "*.zzz")], Settings()))
    assert [type(i) for i in items] == [Article, UnreadableInput]
    assert items[0].source.endswith("one.txt")
    assert "no such file or folder" in str(items[1])


def test_corrupt_gzip_without_a_known_extension_does_not_crash(write):
    path = write("download-1", b"\x1f\x8b\x08\x00 this is not gzip data at all")
    [error] = read_inputs([str(path)], Settings())
    assert isinstance(error, UnreadableInput)
    assert str(error).startswith(f"{path}: not valid UTF-8")


def test_empty_text_file_is_no_article(write):
    for name, content in [("empty.txt", ""), ("blank.md", "\n  \n\n"), ("front-only.md", "---\ntitle: Pier 9\n---\n")]:
        [error] = read_inputs([str(write(name, content))], Settings())
        assert isinstance(error, NoArticleText), name
        assert error.where.endswith(name)


# --- stdin ---------------------------------------------------------------------


def test_text_from_stdin():
    data = ("Pier 9 Closes\n\nBy Dana Reyes\n\n" + PIER_PARAGRAPH + " Details in [the notice](https://porthaven.example/n/9).\n").encode()
    [article] = read_inputs(["-"], Settings(), stdin=io.BytesIO(data))
    assert isinstance(article, Article)
    assert article.title == "Pier 9 Closes"
    assert article.source == "<stdin>"
    assert article.text.startswith("By Dana Reyes\n\n" + PIER_PARAGRAPH)
    [link] = article.links
    assert article.text[link.span.start : link.span.end] == "the notice"


def test_jsonl_from_stdin():
    lines = [json.dumps({"id": "s1", "text": PIER_PARAGRAPH}), "{oops", json.dumps({"id": "s2", "text": FERRY_PARAGRAPH, "outlet": "The Bay Herald"})]
    items = list(read_inputs(["-"], Settings(), stdin=io.BytesIO("\n".join(lines).encode())))
    assert [type(i) for i in items] == [Article, BadRecord, Article]
    assert [items[0].id, items[2].id, items[2].outlet] == ["s1", "s2", "The Bay Herald"]
    assert items[1].where == "<stdin>:2"


def test_html_from_stdin_and_bad_bytes_from_stdin():
    [article] = read_inputs(["-"], Settings(), stdin=io.BytesIO(html_page("Ferry Strike Ends", [FERRY_PARAGRAPH]).encode()))
    assert (article.title, article.text) == ("Ferry Strike Ends", FERRY_PARAGRAPH)
    [error] = read_inputs(["-"], Settings(), stdin=io.BytesIO(b"The ferry \xff ran late."))
    assert isinstance(error, UnreadableInput) and str(error).startswith("<stdin>: not valid UTF-8")


def test_stdin_over_the_cap():
    [error] = read_inputs(["-"], Settings(max_input_bytes=100), stdin=io.BytesIO(GOOD_TEXT.encode()))
    assert isinstance(error, InputTooLarge) and error.where == "<stdin>"


def test_stdin_mixed_with_files(write):
    path = write("ferry.txt", "Ferry Strike Ends\n\n" + FERRY_PARAGRAPH)
    items = list(read_inputs([str(path), "-"], Settings(), stdin=io.BytesIO(GOOD_TEXT.encode())))
    assert [a.title for a in items] == ["Ferry Strike Ends", "Pier 9 Closes"]
    assert items[1].source == "<stdin>"


# --- kinds ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, head, kind",
    [
        ("a.HTML", b"", "html"),
        ("a.md", b"<html>", "text"),  # the extension wins
        ("crawl.WARC.GZ", b"", "warc"),
        ("a.ndjson", b"", "jsonl"),
        ("a.tab", b"", "tsv"),
        ("noext", b"\xef\xbb\xbf  <!DOCTYPE html><html>", "html"),
        ("noext", b'{"id": 1}', "jsonl"),
        ("noext", b"WARC/1.1\r\n", "warc"),
        ("noext", b'<?xml version="1.0"?>\n<rss version="2.0">', "feed"),
        ("noext", b'<?xml version="1.0"?><!-- c --><feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        ("noext", b"Pier 9 closes", "text"),
        ("noext", b"", "text"),
    ],
)
def test_kind_of(name, head, kind):
    assert kind_of(name, head) == kind


def test_read_bytes_sniffs_when_no_kind_is_given():
    [article] = read_bytes(json.dumps({"id": "k", "text": PIER_PARAGRAPH}).encode(), "<x>", Settings())
    assert article.id == "k" and article.source == "<x>:1"
    [article] = read_bytes(GOOD_TEXT.encode(), "<y>", Settings())
    assert article.title == "Pier 9 Closes"
