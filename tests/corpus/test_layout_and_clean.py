"""Cleaning and the four paragraph layouts."""

from __future__ import annotations

from corpus.clean import clean_lines
from corpus.layout import detect_layout, join_lines, split_paragraphs

WRAPPED = """Mr. President,
Colleagues,

Today, humanity has once again come to a historical crossroads. We are facing a changing and
turbulent world. Challenges of insecurity, imbalanced development and ineffective governance are
increasingly prominent. Hotspot conflicts, major-country confrontation and geopolitical tensions
keep emerging. The future of this planet is becoming a cause for growing concern. Meanwhile, we are

also embracing a world full of hope. Multipolarity and globalization have become the unstoppable
trend of our times. Our stride toward modernization has never been more steadfast.

This institution, the United Nations, embodies the aspirations of people across the world for
lasting peace and common prosperity, and bears witness to the glorious journey of the well-
known international community coming together.
"""


def test_wrapped_lines_join_and_page_breaks_do_not_split() -> None:
    paragraphs, layout = split_paragraphs(WRAPPED.split("\n"))
    assert layout == "wrapped"
    assert paragraphs[0] == "Mr. President,"
    assert paragraphs[1] == "Colleagues,"
    assert paragraphs[2].startswith("Today, humanity")
    assert "Meanwhile, we are also embracing a world full of hope." in paragraphs[2]
    assert paragraphs[2].endswith("never been more steadfast.")
    assert "the well-known international community" in paragraphs[3]
    assert len(paragraphs) == 4


def test_one_paragraph_per_line() -> None:
    lines = [
        "At the resumption of the first session, the delegation wishes to state its views.",
        "Politics are determined by circumstances. Accordingly, we do not renounce the right to "
        "take decisions in the light of events; but we think it desirable to state principles.",
        "We are no friends of unanimity, which is wont to disguise undesirable pressure.",
        "Hence, we realize that it is necessary to compromise, as nations must.",
    ]
    paragraphs, layout = split_paragraphs(lines)
    assert layout == "lines"
    assert paragraphs == lines


def test_indented_paragraphs_absorb_unindented_lines() -> None:
    lines = [
        "Lead paragraph.",
        "",
        "  First point opens here.",
        "",
        "It carries on here.",
        "",
        "  Second point.",
        "And carries on.",
    ]
    paragraphs, layout = split_paragraphs(lines)
    assert layout == "indented"
    assert paragraphs == [
        "Lead paragraph.",
        "First point opens here. It carries on here.",
        "Second point. And carries on.",
    ]


def test_blank_line_blocks_of_irregular_lines_join() -> None:
    lines = [
        "A block that breaks",
        "mid-sentence, like",
        "this one does.",
        "",
        "Another block",
        "of text, also",
        "broken.",
    ]
    paragraphs, layout = split_paragraphs(lines)
    assert layout == "blocks"
    assert paragraphs == [
        "A block that breaks mid-sentence, like this one does.",
        "Another block of text, also broken.",
    ]


def test_detect_layout_ignores_stray_indents() -> None:
    lines = [f"Sentence number {n} of a long speech, complete in itself." for n in range(30)]
    lines[5] = " " + lines[5]
    assert detect_layout(lines)[0] == "lines"


def test_join_lines_keeps_hyphenated_words_whole() -> None:
    assert join_lines(["a well-", "known fact"]) == "a well-known fact"
    assert join_lines(["Asia -", "Pacific"]) == "Asia - Pacific"


def test_clean_drops_chrome_and_normalises_line_ends() -> None:
    text = (
        "Home\u00a0>\u00a0China News\r\nTitle Of It\r\n\r\nBody\u00a0text.\r\n\r\n"
        "<Suggest To A Friend>\r\nPrint\r\nClose"
    )
    assert clean_lines(text) == ["Title Of It", "", "Body text.", ""]


def test_salutations_and_sentences_are_not_titles() -> None:
    from corpus.parse import SourceFields, parse_document

    for opening in ("Mr. President", "**Mr President,**", "Your Excellency the President"):
        parsed = parse_document(f"{opening}\n\nWe meet again.\n", SourceFields(), aliases={})
        assert parsed.paragraphs[0].text == opening.strip()
    titled = parse_document(
        "Joint Statement On Trade\n\nWe meet again.\n", SourceFields(), aliases={}
    )
    assert titled.title == "Joint Statement On Trade"
    assert [p.text for p in titled.paragraphs] == ["We meet again."]


def test_sentences_broken_across_lines_are_mended() -> None:
    wrapped = [
        "1. Madam President, it is",
        "with great pleasure that I congratulate you on your election to the Presidency of the",
        "twenty-fourth session of the General Assembly, an honour for your country and",
        "for Africa as a whole, which we all welcome here today with the warmest of feelings.",
        "",
        "2. The Assembly meets at a time of hope, and of fear, for the peoples of the world",
        "who look to it for peace, for development and for justice among nations great and",
        "small alike, as they have done since the Charter was signed in San Francisco.",
    ]
    paragraphs, layout = split_paragraphs(wrapped)
    assert layout == "wrapped"
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("1. Madam President, it is with great pleasure")

    lines = [
        "Our delegation supports the programme of economic, social and",
        "cultural expansion that the Council proposed last year.",
        "The next point concerns the budget of the Organization.",
    ]
    paragraphs, layout = split_paragraphs(lines)
    assert layout == "lines"
    assert paragraphs == [
        "Our delegation supports the programme of economic, social and cultural expansion "
        "that the Council proposed last year.",
        "The next point concerns the budget of the Organization.",
    ]
