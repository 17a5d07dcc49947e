"""Cleaning keeps the article: tables, subheadings, short sentences in other scripts,
tweet credits; and no HTML tags or Markdown syntax reach ``text``."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from newstrail import Article, Link, Span, clean
from newstrail.analyze.claims import ClaimStage
from newstrail.analyze.sentences import SentenceStage
from newstrail.clean import classify, is_dateline, is_kicker, is_table
from newstrail.ingest.html import article_from_html
from newstrail.ingest.blocks import drop_inline_tags
from newstrail.ingest.markup import markdown_to_text

PARA = "The Porthaven council approved next year's budget on Wednesday night after a long debate."
LATE = "The budget still needs the regional board's approval, which is expected in April."

# what trafilatura writes for a table with a caption and a header row
TABLE_MD = (
    "| Budget by department |  |  |  | \n|---|---|---|---|\n| Department | 2024 | 2025 | Change | \n"
    "| [Harbor](https://porthaven.example/harbor) | 11.2 | 15.4 | +4.2 | \n"
    "| [Roads](https://porthaven.example/roads) | 9.8 | 5.9 | -3.9 | \n"
    "| [Parks](https://porthaven.example/parks) | 2.4 | 2.1 | -0.3 | "
)


def test_markdown_table_becomes_rows_of_cells_in_a_block_of_its_own():
    text, links = markdown_to_text(f"{PARA}\n{TABLE_MD}\n{LATE}")
    blocks = text.split("\n\n")
    assert blocks[0] == PARA and blocks[2] == LATE
    assert blocks[1].split("\n") == ["Budget by department", "Department\t2024\t2025\tChange", "Harbor\t11.2\t15.4\t+4.2", "Roads\t9.8\t5.9\t-3.9", "Parks\t2.4\t2.1\t-0.3"]
    # links in cells point at their anchors in the row
    assert [text[ln.span.start : ln.span.end] for ln in links] == ["Harbor", "Roads", "Parks"]


def test_table_is_kept_through_cleaning_even_with_links_in_it():
    text, links = markdown_to_text(f"{PARA}\n\n{TABLE_MD}\n\n{LATE}")
    article = clean(Article(text=text, links=links))
    assert "Harbor\t11.2\t15.4\t+4.2" in article.text and "Budget by department" in article.text
    assert article.removed == []
    assert len(article.links) == 3


@pytest.mark.parametrize("row", ["| Harbor | 11.2 | 15.4 | +4.2 |", "Pos\tTeam\tPts\n1\tPorthaven Gulls\t27", "Team\tPlayed\tPoints"])
def test_table_rows_are_not_navigation_or_labels(row):
    assert is_table(row)
    assert classify(row) is None
    assert clean(Article(text=f"{row}\n\n{PARA}")).removed == []


def test_a_menu_is_still_navigation():
    assert not is_table("Home | World | Harbor | Sport")
    assert classify("Home | World | Harbor | Sport")[0] == "navigation"


def test_three_links_in_one_sentence_are_not_navigation():
    # a sentence that ends the block has no space after its stop
    text = "The Bay Herald, the Lantern and the Ledger all reported the closure."
    links = [Link(Span(4, 14), "https://a.example/", "a.example", "Bay Herald"), Link(Span(20, 27), "https://b.example/", "b.example", "Lantern"), Link(Span(36, 42), "https://c.example/", "c.example", "Ledger")]
    assert classify(text, links_in_block=3) is None
    assert classify("Home World Harbor Sport", links_in_block=3)[0] == "navigation"


@pytest.mark.parametrize(
    "line",
    [
        "「仕方がない」と話す乗客もいた。",  # a short Japanese sentence
        "こんな夜は初めてだ。",
        "新展厅面积翻了一倍。",
        "你去过了吗？",
        "لماذا الآن؟",  # Arabic question mark
        "هل الطرق آمنة، أم لا",  # Arabic comma
        "北浜港の防波堤の一部が崩れたが漁船はすべて無事だった",  # no stop, but a sentence's length in CJK
    ],
)
def test_short_sentences_in_other_scripts_are_not_labels(line):
    assert not is_kicker(line)
    article = clean(Article(text=f"{line}\n\n{PARA}"))
    assert article.text.startswith(line) and article.removed == []


@pytest.mark.parametrize("line", ["Town hall", "政治", "Спорт", "سياسة", "Harbor · Council"])
def test_section_labels_in_any_script_above_the_first_paragraph_are_removed(line):
    assert is_kicker(line)
    article = clean(Article(text=f"{line}\n\n{PARA}\n\n{LATE}"))
    assert article.text == f"{PARA}\n\n{LATE}"
    assert [(r.kind, r.text) for r in article.removed] == [("kicker", line)]


def test_subheadings_between_paragraphs_are_kept():
    text = f"{PARA}\n\nHow the table looks\n\n{LATE}\n\nWhat happens next\n\nThe board meets in April to vote on it."
    article = clean(Article(text=text))
    assert article.text == text
    assert article.removed == []


def test_a_label_below_the_last_paragraph_is_a_sign_off():
    article = clean(Article(text=f"{PARA}\n\nNext steps\n\n{LATE}\n\nVale FM News"))
    assert article.text == f"{PARA}\n\nNext steps\n\n{LATE}"
    assert [(r.kind, r.text) for r in article.removed] == [("kicker", "Vale FM News")]


TWEET_CREDITS = ["— Mira Osei (@miraosei) March 4, 2025", "— Coastline Sport (@coastlinesport)March 8, 2025", "- Peter Lund (@peterlund) May 2, 2025"]


@pytest.mark.parametrize("credit", TWEET_CREDITS)
def test_tweet_credit_is_article_text_not_a_dateline(credit):
    assert is_dateline(credit) is None
    tweet = "The Gulls are flying this season, what a match at the north ground tonight!"
    article = clean(Article(text=f"{PARA}\n\n{tweet}\n\n{credit}"))
    assert article.text.endswith(credit)
    assert article.removed == [] and article.published is None and article.datelines == []


def test_a_real_dateline_is_still_removed_and_read():
    article = clean(Article(text=f"The Harbor Lantern, March 6, 2025\n\n{PARA}"))
    assert article.text == PARA
    assert article.published == "2025-03-06" and article.outlet == "The Harbor Lantern"


@pytest.mark.parametrize(
    "markdown, text",
    [
        ("Water<sup>1</sup> and H<sub>2</sub>O, <u>below the limit</u>.", "Water1 and H2O, below the limit."),
        ('A <span class="x">quiet</span> pier<br/>today.', "A quiet pier\ntoday."),
        ("The 3 < 4 rule and a <b>bold</b> word, not <harbor> tags.", "The 3 < 4 rule and a bold word, not <harbor> tags."),
        # trafilatura escapes a literal "<": the page said "<b>", so the text says it
        ("Price was 5 \\< 6 and a literal \\<b> tag.", "Price was 5 < 6 and a literal <b> tag."),
        ("Before the code:\n```python\nx = 1\n```\nAfter it.", "Before the code:\nx = 1\nAfter it."),
    ],
)
def test_inline_tags_from_html_are_dropped_and_their_words_kept(markdown, text):
    # the HTML reader drops trafilatura's tags, then reads the Markdown as every reader does
    assert markdown_to_text(drop_inline_tags(markdown))[0] == text


def test_a_text_file_keeps_what_its_writer_typed():
    assert markdown_to_text("Closed on <b>Monday</b>.")[0] == "Closed on <b>Monday</b>."


@pytest.mark.parametrize(
    "markdown",
    [
        "Intro paragraph.\n\n    ### Indented four spaces\n\nBody.",
        "Intro paragraph.\n\n        ## Indented eight\n\nBody.",
        "Intro paragraph.\n\n\t# Indented with a tab\n\nBody.",
    ],
)
def test_indented_headings_lose_their_marks(markdown):
    text, _ = markdown_to_text(markdown)
    assert "#" not in text
    assert text.split("\n\n")[1].startswith("Indented")


def test_heading_flattened_into_a_list_item_gets_its_own_line():
    text, _ = markdown_to_text("- second item ### Heading in item\n- third item")
    assert text.split("\n") == ["- second item", "Heading in item", "- third item"]


PAGE = """<html lang="en"><head><title>Budget vote</title></head><body>
<nav><a href="/">Home</a> | <a href="/w">World</a> | <a href="/s">Sport</a></nav>
<article><h1>Budget vote</h1>
<p class="byline">By Dana Reyes</p>
<p>The Porthaven council approved next year's budget on Wednesday night, moving <u>four million crowns</u> from the roads to the harbor.<sup>1</sup></p>
<h2>How the money moves</h2>
<table><thead><tr><th>Department</th><th>2024</th><th>2025</th></tr></thead>
<tbody><tr><td><a href="/harbor">Harbor</a></td><td>11.2</td><td>15.4</td></tr><tr><td><a href="/roads">Roads</a></td><td>9.8</td><td>5.9</td></tr>
<tr><td><a href="/parks">Parks</a></td><td>2.4</td><td>2.1</td></tr></tbody></table>
<ul><li><p>Harbor staff: two more posts</p><h3>Who voted against</h3></li></ul>
<p>Two members voted against the plan, arguing that the coastal road is already unsafe in places and needs work this year.</p>
<blockquote class="twitter-tweet"><p lang="en">We voted for the harbor because the quay will not last another winter.</p>&mdash; Mira Osei (@miraosei) <a href="https://twitter.example/miraosei/status/1">March 6, 2025</a></blockquote>
<p>The budget still needs the regional board's approval, which is expected in April.</p>
<p>Share this story on Facebook</p>
</article></body></html>"""


def test_html_page_text_holds_no_markup_and_keeps_table_subheading_and_tweet():
    article = clean(article_from_html(PAGE, "budget.html", url="https://lantern.example/budget"))
    assert not re.search(r"</?\w+[^>]*>|^\s*#|\|", article.text, re.M), article.text
    assert "Harbor\t11.2\t15.4" in article.text
    assert "How the money moves" in article.text and "four million crowns" in article.text
    assert "— Mira Osei (@miraosei) March 6, 2025" in article.text
    assert "Share this story" not in article.text and "share" in [r.kind for r in article.removed]


def test_page_set_is_what_its_specs_write(tmp_path):
    """The committed pages and gold texts are the output of make_pages.py (edit the specs, then rerun it)."""
    pages = Path(__file__).resolve().parent / "data" / "pages"
    sys.path.insert(0, str(pages))
    try:
        import make_pages
    finally:
        sys.path.remove(str(pages))
    count = make_pages.build(tmp_path)
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.*"))
    assert count >= 30 and len(written) == 2 * count
    assert all((tmp_path / p).read_bytes() == (pages / p).read_bytes() for p in written)


def test_dates_heading_a_timeline_are_text_but_a_lone_date_on_top_is_a_dateline():
    timeline = f"{PARA}\n\nFebruary 20, 2025\n\nDivers report soft timber on the north side.\n\nMarch 3, 2025\n\n{LATE}"
    article = clean(Article(text=timeline))
    assert article.text == timeline and article.published is None
    lone = f"Statement on savings\n\n7 May 2025\n\n{PARA}"
    article = clean(Article(text=lone))
    assert article.published == "2025-05-07" and "7 May 2025" not in article.text


@pytest.mark.parametrize("line, name", [("di Giulia Ferrante ·", "Giulia Ferrante"), ("Par Jeanne Morel", "Jeanne Morel"), ("von Ilse Varga", "Ilse Varga"), ("por Ana Vel", "Ana Vel")])
def test_bylines_in_other_languages(line, name):
    article = clean(Article(text=f"{line}\n\n{PARA}"))
    assert article.authors == [name] and article.text == PARA


def test_prose_that_starts_like_a_byline_is_kept():
    for line in ("Von Braun built rockets", "Por qué importa el puerto"):
        assert classify(line) is None


def test_table_rows_are_never_check_worthy_claims():
    text, links = markdown_to_text(f"{PARA}\n\n{TABLE_MD}\n\n{LATE}")
    article = ClaimStage(threshold=0.0)(SentenceStage()(Article(text=text, links=links)))
    rows = [c for c in article.claims if "\t" in article.snippet(c.span)]
    assert len(rows) == 4 and not any(c.checkworthy for c in rows)
    assert any(c.checkworthy for c in article.claims)


def test_a_subheading_glued_under_the_first_paragraph_stays_but_a_label_under_a_headline_goes():
    glued = f"{PARA}\nWhat happens next\n\n{LATE}"
    assert clean(Article(text=glued)).text == glued
    article = clean(Article(text=f"Queues at the Wendle Mutual branch after withdrawal claims\nVale FM News\n\n{PARA}"))
    assert [(r.kind, r.text) for r in article.removed] == [("kicker", "Vale FM News")]
