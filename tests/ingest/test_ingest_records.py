"""JSONL, JSON, CSV and TSV exports: one article per record, one error per bad record."""

from __future__ import annotations

import csv
import io
import json

import pytest
from ingest_helpers import FERRY_PARAGRAPH, PIER_PARAGRAPH, html_page

from newstrail import Article, BadRecord, InputError, InputTooLarge, Settings, UnreadableInput, read_inputs
from newstrail.ingest import read_bytes


def articles(items):
    return [i for i in items if isinstance(i, Article)]


def errors(items):
    return [i for i in items if isinstance(i, InputError)]


FULL_RECORD = {
    "id": "lantern-0306",
    "url": "https://www.harborlantern.example/2025/03/06/pier-9/?utm_source=newsletter&utm_medium=email",
    "title": "Pier 9 Closes After Inspection",
    "text": PIER_PARAGRAPH,
    "published": "March 6, 2025",
    "outlet": "The Harbor Lantern",
    "author": "Dana Reyes and Tomas Ferreira",
    "language": "en",
    "desk": "city",
    "word_count": 52,
}


def test_jsonl_record_with_every_field(write):
    path = write("export.jsonl", json.dumps(FULL_RECORD) + "\n")
    [article] = read_inputs([str(path)], Settings())
    assert article.id == "lantern-0306"
    assert article.url == "https://harborlantern.example/2025/03/06/pier-9"
    assert article.domain == "harborlantern.example"
    assert article.title == "Pier 9 Closes After Inspection"
    assert article.text == PIER_PARAGRAPH
    assert article.published == "2025-03-06"
    assert article.outlet == "The Harbor Lantern"
    assert article.authors == ["Dana Reyes", "Tomas Ferreira"]
    assert article.language == "en"
    assert article.meta == {"desk": "city", "word_count": 52}
    assert article.source == f"{path}:1"


def test_jsonl_alias_fields(write):
    record = {"headline": "Ferry Strike Ends", "content": FERRY_PARAGRAPH, "link": "https://harborlantern.example/ferry", "date": "2025-03-07", "publisher": "The Harbor Lantern", "byline": "By Lina Okafor"}
    path = write("aliases.jsonl", json.dumps(record))
    [article] = read_inputs([str(path)], Settings())
    assert (article.title, article.text, article.url, article.published, article.outlet, article.authors) == (
        "Ferry Strike Ends",
        FERRY_PARAGRAPH,
        "https://harborlantern.example/ferry",
        "2025-03-07",
        "The Harbor Lantern",
        ["Lina Okafor"],
    )
    assert article.meta == {}


def test_record_text_is_not_searched_for_a_title(write):
    # a record's body is all body: its first line is not taken as the headline
    path = write("t.jsonl", json.dumps({"id": "n1", "body": "Quay Works\n\nThe council approved the quay works on Monday."}))
    [article] = read_inputs([str(path)], Settings())
    assert article.title is None
    assert article.text == "Quay Works\n\nThe council approved the quay works on Monday."


def test_record_with_html_instead_of_text(write):
    page = html_page("Ferry Strike Ends", [FERRY_PARAGRAPH + ' The rota is on <a href="rota">the operator\'s page</a>.'], head='<meta name="author" content="Lina Okafor">')
    record = {"id": "h1", "html": page, "url": "https://harborlantern.example/ferry/strike-ends", "outlet": "The Harbor Lantern", "section": "transport"}
    path = write("pages.jsonl", json.dumps(record))
    [article] = read_inputs([str(path)], Settings())
    assert article.id == "h1"
    assert article.title == "Ferry Strike Ends"
    assert article.authors == ["Lina Okafor"]
    assert article.outlet == "The Harbor Lantern"
    assert article.meta == {"section": "transport"}
    assert article.text.startswith(FERRY_PARAGRAPH)
    [link] = article.links
    assert link.url == "https://harborlantern.example/ferry/rota"
    assert article.text[link.span.start : link.span.end] == link.anchor == "the operator's page"


def test_record_title_differing_from_the_page_headline(write):
    # The export calls it "Ferry crews back at work"; the page's own headline must
    # not stay behind as the first paragraph of the text.
    page = html_page("Ferry Strike Ends", [FERRY_PARAGRAPH])
    path = write("pages.jsonl", json.dumps({"title": "Ferry crews back at work", "html": page}))
    [article] = read_inputs([str(path)], Settings())
    assert article.title == "Ferry crews back at work"
    assert article.text == FERRY_PARAGRAPH


def test_bad_json_line_is_one_error_and_the_other_lines_still_read(write):
    lines = [
        json.dumps({"id": "a", "text": PIER_PARAGRAPH}),
        '{"id": "b", "text": "The ferry',
        "",
        json.dumps({"id": "c", "text": FERRY_PARAGRAPH}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "e", "text": "  "}),
    ]
    path = write("mixed.jsonl", "\n".join(lines) + "\n")
    items = list(read_inputs([str(path)], Settings()))
    assert [type(i) for i in items] == [Article, BadRecord, Article, BadRecord, BadRecord]
    assert [a.id for a in articles(items)] == ["a", "c"]
    bad_json, not_object, empty_text = errors(items)
    assert bad_json.where == f"{path}:2"
    assert str(bad_json).startswith(f"{path}:2: not valid JSON")
    assert not_object.where == f"{path}:5" and "got list" in str(not_object)
    assert empty_text.where == f"{path}:6" and "no 'text' or 'html'" in str(empty_text)


def test_json_list_of_records(write):
    records = [
        {"id": "j1", "headline": "Pier 9 Closes", "body": PIER_PARAGRAPH, "tags": ["harbor"]},
        {"id": "j2", "title": "No body here"},
        "a string",
        {"id": "j4", "text": FERRY_PARAGRAPH, "date": "6 March 2025"},
    ]
    path = write("export.json", json.dumps(records, indent=2))
    items = list(read_inputs([str(path)], Settings()))
    assert [type(i) for i in items] == [Article, BadRecord, BadRecord, Article]
    first, _, _, last = items
    assert (first.id, first.title, first.meta) == ("j1", "Pier 9 Closes", {"tags": ["harbor"]})
    assert (last.id, last.published) == ("j4", "2025-03-06")
    assert items[1].where == f"{path}[2]"
    assert items[2].where == f"{path}[3]" and "got str" in str(items[2])


def test_json_single_object_and_invalid_json(write):
    one = write("one.json", json.dumps({"id": "solo", "text": PIER_PARAGRAPH}))
    broken = write("broken.json", '[{"id": "x", "text": "The pier"')
    items = list(read_inputs([str(one), str(broken)], Settings()))
    assert isinstance(items[0], Article) and items[0].id == "solo" and items[0].source == str(one)
    assert isinstance(items[1], BadRecord)
    assert str(items[1]).startswith(f"{broken}: not valid JSON")
    assert len(items) == 2


def _csv(rows: list[list[str]], delimiter: str = ",") -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def test_csv_records_with_aliases_and_extra_columns(write):
    path = write(
        "export.csv",
        _csv(
            [
                ["id", "link", "headline", "body", "date", "outlet", "author", "section", "score"],
                ["c1", "https://harborlantern.example/pier-9?utm_source=x", "Pier 9, Again", PIER_PARAGRAPH, "2025-03-06", "The Harbor Lantern", "Dana Reyes; Tomas Ferreira", "city", "0.7"],
                ["c2", "", "Ferry", FERRY_PARAGRAPH + "\nA second line in the same cell.", "", "", "", "", ""],
            ]
        ),
    )
    items = list(read_inputs([str(path)], Settings()))
    assert [type(i) for i in items] == [Article, Article]
    first, second = items
    assert first.url == "https://harborlantern.example/pier-9"
    assert first.title == "Pier 9, Again"
    assert first.text == PIER_PARAGRAPH
    assert first.published == "2025-03-06"
    assert first.outlet == "The Harbor Lantern"
    assert first.authors == ["Dana Reyes", "Tomas Ferreira"]
    assert first.meta == {"section": "city", "score": "0.7"}  # CSV cells are strings
    assert first.source == f"{path}:2"
    # blank cells are not values
    assert (second.url, second.published, second.outlet, second.authors, second.meta) == (None, None, None, [], {})
    assert second.text.endswith("A second line in the same cell.")


def test_tsv_records(write):
    path = write("export.tsv", _csv([["id", "title", "text", "language", "lang_source"], ["t1", "Pier 9", PIER_PARAGRAPH, "es", "editor"]], delimiter="\t"))
    [article] = read_inputs([str(path)], Settings())
    assert (article.id, article.title, article.language, article.meta) == ("t1", "Pier 9", "es", {"lang_source": "editor"})
    assert article.text == PIER_PARAGRAPH


def test_csv_with_html_column(write):
    page = html_page("Ferry Strike Ends", [FERRY_PARAGRAPH])
    path = write("pages.csv", _csv([["url", "raw_html"], ["https://harborlantern.example/ferry", page]]))
    [article] = read_inputs([str(path)], Settings())
    assert article.title == "Ferry Strike Ends"
    assert article.text == FERRY_PARAGRAPH
    assert article.url == "https://harborlantern.example/ferry"


def test_csv_without_text_column_is_one_error_naming_the_columns(write):
    path = write("meta.csv", _csv([["id", "title", "summary"], ["1", "Pier 9", "The pier closed."], ["2", "Ferry", "The ferry ran."]]))
    items = list(read_inputs([str(path)], Settings()))
    assert len(items) == 1
    [error] = items
    assert isinstance(error, BadRecord)
    assert error.where == str(path)
    assert "no text column (columns: id, title, summary)" in str(error)


def test_empty_csv_is_one_error(write):
    path = write("empty.csv", "")
    [error] = read_inputs([str(path)], Settings())
    assert isinstance(error, BadRecord) and "empty file" in str(error) and error.where == str(path)


def test_csv_row_with_empty_text_fails_alone(write):
    path = write(
        "rows.csv",
        _csv([["id", "text"], ["r1", PIER_PARAGRAPH], ["r2", ""], ["r3", "   "], ["r4", FERRY_PARAGRAPH]]),
    )
    items = list(read_inputs([str(path)], Settings()))
    assert [type(i) for i in items] == [Article, BadRecord, BadRecord, Article]
    assert [i.id for i in articles(items)] == ["r1", "r4"]
    assert [e.where for e in errors(items)] == [f"{path}:3", f"{path}:4"]


def test_csv_row_with_more_cells_than_the_header_keeps_them(write):
    path = write("extra.csv", "id,text\nx1," + PIER_PARAGRAPH.replace(",", "") + ",surplus,cells\n")
    [article] = read_inputs([str(path)], Settings())
    assert article.meta == {"_extra_cells": ["surplus", "cells"]}


def test_csv_cell_of_six_megabytes_fails_for_that_row_only(write):
    big = "The quay. " * 630_000  # 6.3 MB
    path = write("big.csv", _csv([["id", "text"], ["ok1", PIER_PARAGRAPH], ["huge", big], ["ok2", FERRY_PARAGRAPH]]))
    items = list(read_inputs([str(path)], Settings()))  # default cap: 5 MB
    assert [type(i) for i in items] == [Article, InputTooLarge, Article]
    assert [i.id for i in articles(items)] == ["ok1", "ok2"]
    error = items[1]
    assert error.where == f"{path}:3"
    assert "6,300,004 characters is over the 5,000,000 cap" in str(error)


def test_jsonl_record_over_a_small_cap_fails_alone(write):
    lines = [json.dumps({"id": "s", "text": "The pier closed on Monday."}), json.dumps({"id": "l", "text": PIER_PARAGRAPH * 5})]
    path = write("capped.jsonl", "\n".join(lines))
    items = list(read_inputs([str(path)], Settings(max_input_bytes=300)))
    assert [type(i) for i in items] == [Article, InputTooLarge]
    assert items[1].where == f"{path}:2" and "max_input_bytes" in str(items[1])


def test_json_record_over_a_small_cap_fails_alone(write):
    path = write("capped.json", json.dumps([{"id": "l", "text": PIER_PARAGRAPH * 5}, {"id": "s", "text": "The pier closed on Monday."}]))
    items = list(read_inputs([str(path)], Settings(max_input_bytes=300)))
    assert [type(i) for i in items] == [InputTooLarge, Article]
    assert items[0].where == f"{path}[1]"


@pytest.mark.parametrize("kind, name", [("jsonl", "bad.jsonl"), ("csv", "bad.csv")])
def test_invalid_utf8_in_a_record_file_keeps_the_records_before_it(write, kind, name):
    good = json.dumps({"id": "g", "text": PIER_PARAGRAPH}) + "\n" if kind == "jsonl" else "id,text\ng," + PIER_PARAGRAPH.replace(",", "") + "\n"
    # blank lines push the bad byte past the decoder's first chunk, so the good record is read first
    path = write(name, good.encode() + b"\n" * 20_000 + b"\xff\xfe broken \n")
    items = list(read_inputs([str(path)], Settings()))
    assert isinstance(items[-1], UnreadableInput)
    assert str(items[-1]).startswith(f"{path}: not valid UTF-8")
    assert len(items) == 2 and isinstance(items[0], Article) and items[0].id == "g"


def test_records_from_bytes_by_kind():
    data = json.dumps({"id": "b1", "text": PIER_PARAGRAPH}).encode()
    [article] = read_bytes(data, "<bytes>", Settings(), kind="jsonl")
    assert article.id == "b1" and article.source == "<bytes>:1"
    [article] = read_bytes(b"\xef\xbb\xbfid\ttext\nt1\t" + PIER_PARAGRAPH.encode(), "<tsv>", Settings(), kind="tsv")
    assert article.id == "t1"
    [error] = read_bytes(b"id,text\n\xff\n", "<csv>", Settings(), kind="csv")
    assert isinstance(error, UnreadableInput) and "byte 0xff at offset 8" in str(error)
