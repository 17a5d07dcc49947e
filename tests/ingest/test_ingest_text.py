"""Plain text and Markdown: front matter, links, emphasis, titles; then the cleaner on top."""

from __future__ import annotations

import json

import pytest

from newstrail import Article, BadRecord, Settings, read_inputs
from newstrail.clean import Cleaner
from newstrail.ingest.text import article_from_text


def assert_spans_point_at_anchors(article: Article) -> None:
    for link in article.links:
        assert article.text[link.span.start : link.span.end] == link.anchor, link


FRONT_MATTER_STORY = """---
id: lantern-2025-0306-pier
title: Pier 9 Closes After Inspection
outlet: The Harbor Lantern
url: https://www.harborlantern.example/2025/03/06/pier-9/?utm_campaign=spring&utm_source=rss
published: 2025-03-06
authors:
  - Dana Reyes
  - Tomas Ferreira
language: en
desk: city
tags: [harbor, council]
---
# Pier 9 Closes After Inspection

The **Porthaven** harbor council voted *7 to 2* on Monday to close Pier 9, according to [the Bay Herald](https://bayherald.example/2025/03/05/pier-nine) and a [council note](/council/note-7).

Read the [full minutes](#) at the town hall, or __ask__ the _harbor office_.
"""


def test_front_matter_metadata():
    article = article_from_text(FRONT_MATTER_STORY, "pier.md")
    assert article.id == "lantern-2025-0306-pier"
    assert article.title == "Pier 9 Closes After Inspection"
    assert article.outlet == "The Harbor Lantern"
    assert article.url == "https://harborlantern.example/2025/03/06/pier-9"
    assert article.domain == "harborlantern.example"
    assert article.published == "2025-03-06"
    assert article.authors == ["Dana Reyes", "Tomas Ferreira"]
    assert article.language == "en"
    assert article.meta == {"desk": "city", "tags": ["harbor", "council"]}
    assert article.source == "pier.md"


def test_front_matter_heading_matching_the_title_is_not_in_the_text():
    article = article_from_text(FRONT_MATTER_STORY, "pier.md")
    assert article.text.startswith("The Porthaven harbor council voted 7 to 2 on Monday")
    assert "Pier 9 Closes After Inspection" not in article.text
    assert "#" not in article.text


def test_markdown_links_become_link_records_with_plain_anchor_text():
    article = article_from_text(FRONT_MATTER_STORY, "pier.md")
    assert [(ln.anchor, ln.url, ln.domain) for ln in article.links] == [
        ("the Bay Herald", "https://bayherald.example/2025/03/05/pier-nine", "bayherald.example"),
        # relative target: resolved against the front matter's url
        ("council note", "https://www.harborlantern.example/council/note-7", "harborlantern.example"),
    ]
    assert_spans_point_at_anchors(article)
    assert "](" not in article.text and "[" not in article.text


def test_hash_link_keeps_its_words_but_gives_no_link():
    article = article_from_text(FRONT_MATTER_STORY, "pier.md")
    assert "Read the full minutes at the town hall" in article.text
    assert all(ln.anchor != "full minutes" for ln in article.links)


def test_bold_and_italic_markers_are_removed():
    article = article_from_text(FRONT_MATTER_STORY, "pier.md")
    assert "The Porthaven harbor council voted 7 to 2" in article.text
    assert "or ask the harbor office." in article.text
    assert "*" not in article.text and "_" not in article.text


def test_emphasis_markers_inside_link_targets_are_kept():
    text = "Quay Works\n\nThe plan is in [the *draft* report](https://porthaven.example/docs/quay_works_2025_draft) filed on Monday."
    article = article_from_text(text, "q.md")
    [link] = article.links
    assert link.url == "https://porthaven.example/docs/quay_works_2025_draft"
    assert link.anchor == "the draft report"
    assert_spans_point_at_anchors(article)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("author: Dana Reyes", ["Dana Reyes"]),
        ("author: Dana Reyes and Tomas Ferreira", ["Dana Reyes", "Tomas Ferreira"]),
        ("authors: [Dana Reyes, Lina Okafor]", ["Dana Reyes", "Lina Okafor"]),
        ("authors:\n  - name: Pavel Onu\n  - name: Ilse Markova", ["Pavel Onu", "Ilse Markova"]),
    ],
)
def test_front_matter_author_forms(value, expected):
    article = article_from_text(f"---\n{value}\n---\nThe quay reopened on Friday after repairs to the sea wall.\n", "a.md")
    assert article.authors == expected


def test_front_matter_date_alias_and_datetime():
    article = article_from_text("---\ndate: 2025-03-06T09:30:00Z\n---\nThe quay reopened on Friday after repairs.\n", "a.md")
    assert article.published == "2025-03-06T09:30:00Z"


def test_front_matter_unparseable_date_is_kept_in_meta():
    article = article_from_text("---\npublished: the week after the storm\n---\nThe quay reopened on Friday after repairs.\n", "a.md")
    assert article.published is None
    assert article.meta["unparsed_date"] == "the week after the storm"


@pytest.mark.parametrize(
    "front, reason",
    [
        ("title: [Pier 9 closes\nauthor: Dana Reyes", "not valid YAML"),
        ("title: Pier 9: the vote: final", "not valid YAML"),
        ("- Pier 9\n- Dana Reyes", "must be a YAML mapping"),
        ("just a sentence about the pier", "must be a YAML mapping"),
    ],
)
def test_invalid_front_matter_is_a_bad_record_naming_the_file(front, reason):
    raw = f"---\n{front}\n---\nThe quay reopened on Friday after repairs.\n"
    with pytest.raises(BadRecord) as info:
        article_from_text(raw, "notes/pier.md")
    assert info.value.where == "notes/pier.md"
    assert str(info.value).startswith("notes/pier.md: front matter")
    assert reason in str(info.value)


def test_invalid_front_matter_through_read_inputs(write):
    path = write("pier.md", "---\ntitle: [unclosed\n---\nThe quay reopened on Friday after repairs.\n")
    [item] = read_inputs([str(path)], Settings())
    assert isinstance(item, BadRecord)
    assert str(item).startswith(f"{path}: front matter is not valid YAML")


def test_empty_front_matter_is_no_metadata():
    article = article_from_text("---\n---\nQuay Reopens\n\nThe quay reopened on Friday after repairs.\n", "a.md")
    assert article.title == "Quay Reopens"
    assert article.text == "The quay reopened on Friday after repairs."
    assert article.meta == {}


def test_first_standalone_line_is_the_title():
    article = article_from_text("Night Market Returns to the Quay\n\nThe Porthaven night market returns to the east quay this Friday with forty stalls.\n", "m.txt")
    assert article.title == "Night Market Returns to the Quay"
    assert article.text == "The Porthaven night market returns to the east quay this Friday with forty stalls."


@pytest.mark.parametrize(
    "raw",
    [
        # a first line that ends like a sentence is prose
        "The market returns on Friday.\n\nForty stalls will line the east quay.\n",
        # a first line that runs on into the next line is a paragraph
        "The market returns\non Friday with forty stalls.\n\nThe council expects more visitors.\n",
        # a single block has nothing to be the headline of
        "Night Market Returns to the Quay\n",
        # boilerplate is not a headline
        "Share this story on Facebook\n\nThe market returns on Friday with forty stalls.\n",
    ],
    ids=["sentence", "runs-on", "single-block", "boilerplate"],
)
def test_no_title_when_the_first_line_is_not_a_headline(raw):
    article = article_from_text(raw, "m.txt")
    assert article.title is None
    assert article.text.split("\n\n")[0] == raw.split("\n\n")[0].strip()


def test_heading_line_is_the_title_even_with_a_full_stop():
    article = article_from_text("# Pier 9 closes. Ferry moves.\n\nThe council voted on Monday.\n", "p.md")
    assert article.title == "Pier 9 closes. Ferry moves."
    assert article.text == "The council voted on Monday."


def test_links_in_a_title_line_are_dropped_and_later_spans_shift():
    raw = "[Pier 9](https://harborlantern.example/pier-9) Closes\n\nThe vote, reported by [the Bay Herald](https://bayherald.example/p9), was 7 to 2.\n"
    article = article_from_text(raw, "p.md")
    assert article.title == "Pier 9 Closes"
    assert [ln.anchor for ln in article.links] == ["the Bay Herald"]
    assert_spans_point_at_anchors(article)


def test_autolinks_escapes_images_and_quotes():
    raw = (
        "Quay Works\n\n"
        "> The plan is at <https://porthaven.example/quay-plan> and costs 3\\*2 million.\n\n"
        "![A crane on the quay](https://harborlantern.example/img/crane.jpg)\n"
        "Work starts in `April`, said [engineer Lina Okafor](https://porthaven.example/staff/okafor \"Staff page\").\n"
    )
    article = article_from_text(raw, "q.md")
    # the image line leaves nothing behind: no alt text, no extra blank line
    assert article.text == (
        "The plan is at https://porthaven.example/quay-plan and costs 3*2 million.\n\n"
        "Work starts in April, said engineer Lina Okafor."
    )
    assert [(ln.anchor, ln.url) for ln in article.links] == [
        ("https://porthaven.example/quay-plan", "https://porthaven.example/quay-plan"),
        ("engineer Lina Okafor", "https://porthaven.example/staff/okafor"),
    ]
    assert_spans_point_at_anchors(article)


def test_image_line_inside_a_paragraph_does_not_split_it():
    raw = "Quay Works\n\nThe crane arrived on Monday\n![The crane](https://harborlantern.example/img/crane.jpg)\nand work starts in April.\n\nThe council is pleased.\n"
    article = article_from_text(raw, "q.md")
    assert article.text.split("\n\n") == ["The crane arrived on Monday\nand work starts in April.", "The council is pleased."]


def test_crlf_text_and_bom(write):
    raw = "\ufeffPier 9 Closes\r\n\r\nThe council voted on Monday to close [the pier](https://harborlantern.example/p9).\r\n"
    path = write("crlf.txt", raw.encode("utf-8"))
    [article] = read_inputs([str(path)], Settings())
    assert article.title == "Pier 9 Closes"
    assert article.text == "The council voted on Monday to close the pier."
    assert_spans_point_at_anchors(article)
    assert article.links[0].anchor == "the pier"


# --- the cleaner on text articles ---------------------------------------------

FERRY_STORY = """Ferry Strike Ends After Two Weeks

By Dana Reyes and Tomas Ferreira

The Harbor Lantern, March 6, 2025

Verified by the Open Eyes Community
The Porthaven ferry crews returned to work on Thursday after the operator agreed to a new rota, ending a strike that had stranded island residents, according to [the Bay Herald](https://bayherald.example/2025/03/05/ferry).

"We have what we asked for," said union steward Ilse Markova. The first sailing left at 6 a.m. with a [full deck](https://porthaven.example/ferry/log-12), the operator said.

The original source of this article is The Bay Herald
Copyright © Dana Reyes, The Harbor Lantern, 2025

Share this story on Facebook

Become a Member of The Harbor Lantern

Disclaimer: The views in this article belong to its author alone and the Lantern accepts no liability for errors in it.

Pieces on these pages may be copyright works whose owners did not give leave. We show them as fair use, for comment and study.

Contact us: newsdesk@harborlantern.example

Tags: ferry, strike, Porthaven
"""

FERRY_BODY = (
    "The Porthaven ferry crews returned to work on Thursday after the operator agreed to a new rota, "
    "ending a strike that had stranded island residents, according to the Bay Herald.\n\n"
    '"We have what we asked for," said union steward Ilse Markova. The first sailing left at 6 a.m. '
    "with a full deck, the operator said."
)


@pytest.fixture
def cleaned_ferry() -> Article:
    article = article_from_text(FERRY_STORY, "ferry.txt")
    return Cleaner()(article)


def test_reader_leaves_boilerplate_for_the_cleaner():
    article = article_from_text(FERRY_STORY, "ferry.txt")
    assert article.title == "Ferry Strike Ends After Two Weeks"
    assert article.text.startswith("By Dana Reyes and Tomas Ferreira\n\nThe Harbor Lantern, March 6, 2025\n\nVerified by")
    assert article.authors == [] and article.published is None
    assert_spans_point_at_anchors(article)


def test_cleaner_keeps_only_the_article_prose(cleaned_ferry):
    assert cleaned_ferry.text == FERRY_BODY
    assert cleaned_ferry.stages == ["clean"]


def test_cleaner_reads_byline_dateline_and_origin(cleaned_ferry):
    assert cleaned_ferry.authors == ["Dana Reyes", "Tomas Ferreira"]
    assert cleaned_ferry.outlet == "The Harbor Lantern"
    assert cleaned_ferry.published == "2025-03-06"
    assert cleaned_ferry.original_source == "The Bay Herald"
    assert cleaned_ferry.datelines == [{"outlet": "The Harbor Lantern", "date": "2025-03-06"}]


def test_cleaner_moves_boilerplate_to_removed_with_kinds(cleaned_ferry):
    removed = [(r.kind, r.text) for r in cleaned_ferry.removed]
    assert removed == [
        ("byline", "By Dana Reyes and Tomas Ferreira"),
        ("dateline", "The Harbor Lantern, March 6, 2025"),
        ("badge", "Verified by the Open Eyes Community"),
        ("origin", "The original source of this article is The Bay Herald"),
        ("copyright", "Copyright © Dana Reyes, The Harbor Lantern, 2025"),
        ("share", "Share this story on Facebook"),
        ("membership", "Become a Member of The Harbor Lantern"),
        ("disclaimer", "Disclaimer: The views in this article belong to its author alone and the Lantern accepts no liability for errors in it."),
        (
            "fair-use",
            "Pieces on these pages may be copyright works whose owners did not give leave. "
            "We show them as fair use, for comment and study.",
        ),
        ("contact", "Contact us: newsdesk@harborlantern.example"),
        ("tags", "Tags: ferry, strike, Porthaven"),
    ]


def test_badge_glued_to_the_first_paragraph_is_peeled_off(cleaned_ferry):
    [badge] = [r for r in cleaned_ferry.removed if r.kind == "badge"]
    assert badge.position == 0
    assert cleaned_ferry.text.startswith("The Porthaven ferry crews returned")
    assert "Verified" not in cleaned_ferry.text


def test_removed_positions_point_where_the_block_stood(cleaned_ferry):
    tail = [r for r in cleaned_ferry.removed if r.kind not in ("byline", "dateline", "badge")]
    # everything after the last paragraph stood at the end of the clean text (+ the block break)
    assert {r.position for r in tail} == {len(cleaned_ferry.text) + 2}


def test_links_still_point_at_their_anchors_after_cleaning(cleaned_ferry):
    assert [(ln.anchor, ln.url) for ln in cleaned_ferry.links] == [
        ("the Bay Herald", "https://bayherald.example/2025/03/05/ferry"),
        ("full deck", "https://porthaven.example/ferry/log-12"),
    ]
    assert_spans_point_at_anchors(cleaned_ferry)


def test_links_in_removed_blocks_are_dropped():
    raw = (
        "Quay Works\n\n"
        "The council approved the quay works on Monday, [the minutes](https://porthaven.example/minutes/12) show.\n\n"
        "Share this story on [Facebook](https://facebook.example/share?u=quay)\n\n"
        "Read more: [Harbor budget](https://harborlantern.example/budget)\n"
    )
    article = Cleaner()(article_from_text(raw, "q.md"))
    assert [ln.anchor for ln in article.links] == ["the minutes"]
    assert [r.kind for r in article.removed] == ["share", "related"]
    assert_spans_point_at_anchors(article)


def test_articles_by_byline_and_bare_date():
    raw = (
        "Night Market Returns to the Quay\n\n"
        "6 March 2025\n\n"
        "The Porthaven night market returns to the east quay this Friday with forty stalls, the organisers said.\n\n"
        "Stallholder Pavel Onu said the new lighting made the quay feel like a harbour again.\n\n"
        "Articles by: Lina Okafor\n"
    )
    article = Cleaner()(article_from_text(raw, "market.txt"))
    assert article.authors == ["Lina Okafor"]
    assert article.published == "2025-03-06"
    assert article.outlet is None  # a bare date names no outlet
    assert [(r.kind, r.text) for r in article.removed] == [("dateline", "6 March 2025"), ("byline", "Articles by: Lina Okafor")]
    assert article.text.startswith("The Porthaven night market") and article.text.endswith("harbour again.")


def test_prose_starting_with_by_is_not_a_byline():
    raw = "Quay Works\n\nBy the end of the week, the quay will reopen to fishing crews.\n\nThe council said the repairs went well."
    article = Cleaner()(article_from_text(raw, "q.txt"))
    assert article.authors == []
    assert article.removed == []
    assert article.text.startswith("By the end of the week")


def test_metadata_from_the_input_wins_over_the_cleaner():
    raw = (
        "---\nauthor: Tomas Ferreira\npublished: 2025-03-01\noutlet: Harbor Lantern Weekly\n---\n"
        "By Dana Reyes\n\nThe Bay Herald, March 6, 2025\n\nThe ferry crews returned to work on Thursday after two weeks on strike.\n"
    )
    article = Cleaner()(article_from_text(raw, "f.md"))
    assert article.authors == ["Tomas Ferreira"]
    assert article.published == "2025-03-01"
    assert article.outlet == "Harbor Lantern Weekly"
    assert [r.kind for r in article.removed] == ["byline", "dateline"]
    # the dateline is still kept as evidence
    assert article.datelines == [{"outlet": "The Bay Herald", "date": "2025-03-06"}]


def test_cleaner_on_a_text_file_read_from_disk(write):
    path = write("ferry.txt", FERRY_STORY)
    [article] = read_inputs([str(path)], Settings())
    article = Cleaner()(article)
    assert article.text == FERRY_BODY
    assert article.source == str(path)
    assert_spans_point_at_anchors(article)


# ------------------------------------------------------------------ bare URLs


def _spans_hold_anchors(article: Article) -> None:
    for ln in article.links:
        assert article.text[ln.span.start : ln.span.end] == ln.anchor


def test_bare_url_in_plain_text_is_a_link_anchored_on_itself():
    a = article_from_text("The pier closed, the council said (see https://council.example/notices/pier_9.pdf).", "x.txt")
    assert a.text == "The pier closed, the council said (see https://council.example/notices/pier_9.pdf)."
    assert [(ln.url, ln.anchor, ln.domain) for ln in a.links] == [("https://council.example/notices/pier_9.pdf",) * 2 + ("council.example",)]
    _spans_hold_anchors(a)


def test_bare_url_in_parentheses_after_a_name_is_anchored_on_the_name():
    raw = "Copies of the ferry story ran on Brindle Voice (https://brindlevoice.example/1/ferry), Osier Ledger (http://osierledger.example/2/ferry) and Tallow Desk (https://tallowdesk.example/3/f) on Monday."
    a = article_from_text(raw, "x.txt")
    assert a.text == raw
    assert [(ln.anchor, ln.domain) for ln in a.links] == [("Brindle Voice", "brindlevoice.example"), ("Osier Ledger", "osierledger.example"), ("Tallow Desk", "tallowdesk.example")]
    _spans_hold_anchors(a)


def test_bare_url_is_not_doubled_inside_markdown_links_or_angle_brackets():
    raw = "Read [the Herald](https://herald.example/a) and <https://auto.example/b>, or [https://c.example/c](https://c.example/c). Also **https://d.example/d_e_f**."
    a = article_from_text(raw, "x.md")
    assert [ln.url for ln in a.links] == ["https://herald.example/a", "https://auto.example/b", "https://c.example/c", "https://d.example/d_e_f"]
    assert a.text.endswith("Also https://d.example/d_e_f.")
    _spans_hold_anchors(a)


def test_bare_url_keeps_its_own_balanced_parentheses_but_not_the_sentence_punctuation():
    a = article_from_text("Background: https://wiki.example/Pier_(Portavey)). And more.", "x.txt")
    assert [ln.url for ln in a.links] == ["https://wiki.example/Pier_(Portavey)"]
    _spans_hold_anchors(a)


def test_bare_urls_in_a_jsonl_record_after_the_title_block(write):
    body = "Pier Report\n\nAn earlier version of this article (https://bay.example/a/pier) gave the wrong date."
    path = write("a.jsonl", json.dumps({"id": "r1", "outlet": "Bay Herald", "text": body}) + "\n")
    [a] = [x for x in read_inputs([str(path)], Settings()) if isinstance(x, Article)]
    assert [ln.url for ln in a.links] == ["https://bay.example/a/pier"]
    _spans_hold_anchors(a)
