"""Cleaning and the four paragraph layouts."""

from __future__ import annotations

from corpus.clean import clean_lines
from corpus.layout import detect_layout, join_lines, split_paragraphs


def _texts(lines: list[str]) -> tuple[list[str], str]:
    pieces, layout = split_paragraphs(lines)
    return [piece.text for piece in pieces], layout

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
    paragraphs, layout = _texts(WRAPPED.split("\n"))
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
    paragraphs, layout = _texts(lines)
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
    paragraphs, layout = _texts(lines)
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
    paragraphs, layout = _texts(lines)
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


def test_clean_blanks_chrome_and_normalises_line_ends() -> None:
    text = (
        "Home\u00a0>\u00a0China News\r\nTitle Of It\r\n\r\nBody\u00a0text.\r\n\r\n"
        "<Suggest To A Friend>\r\nPrint\r\nClose"
    )
    # Chrome lines are blanked, not dropped: line n stays line n of the file.
    assert clean_lines(text) == ["", "Title Of It", "", "Body text.", "", "", "", ""]


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
    paragraphs, layout = _texts(wrapped)
    assert layout == "wrapped"
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("1. Madam President, it is with great pleasure")

    lines = [
        "Our delegation supports the programme of economic, social and",
        "cultural expansion that the Council proposed last year.",
        "The next point concerns the budget of the Organization.",
    ]
    paragraphs, layout = _texts(lines)
    assert layout == "lines"
    assert paragraphs == [
        "Our delegation supports the programme of economic, social and cultural expansion "
        "that the Council proposed last year.",
        "The next point concerns the budget of the Organization.",
    ]


# A made-up speech in the layout of UNGDC 2006-2011 (DMA_66_2011 of the gold): wrapped at
# about 55 characters with trailing spaces, no blank lines between paragraphs, every paragraph
# but the first opening with one space; a page foot (two blank lines, the job number and page
# number, a blank line) inside a sentence, and a short sentence-final line inside a paragraph.
INDENTED_RECORD = (
    "On behalf of the people of my island nation, I offer \n"
    "our warm congratulations to the President on his \n"
    "election, and pledge the full support of my delegation. \n"
    " We also welcome the newest Member of our Organization, \n"
    "whose people have waited long years for this moment \n"
    "of freedom and recognition among the nations. \n"
    " Small islands such as ours live with the sea on every \n"
    "side, and the storms of each autumn remind us of how \n"
    "quickly a year of patient work can be swept away. \n"
    " Islands like ours, set in the path of the trade winds, \n"
    "are once more in the season of storms, a period \n"
    "  \n"
    " \n"
    "11-51687 4 \n"
    " \n"
    "of great danger that our region knows too well and \n"
    "has learned to meet with courage and with planning. \n"
    "Our new port is nearly finished at last. \n"
    "Work on the breakwater began in the spring and will \n"
    "end before the next session of this Assembly opens. \n"
)


def _parse(text: str) -> list[tuple[tuple[int, int] | None, str]]:
    from corpus.parse import SourceFields, parse_document

    parsed = parse_document(text, SourceFields(), aliases={})
    return [(paragraph.lines, paragraph.text) for paragraph in parsed.paragraphs]


def test_a_leading_indent_starts_a_paragraph_and_a_page_foot_breaks_none() -> None:
    paragraphs = _parse(INDENTED_RECORD)
    assert [lines for lines, _ in paragraphs] == [(1, 3), (4, 6), (7, 9), (10, 20)]
    last = paragraphs[3][1]
    assert "the season of storms, a period of great danger" in last
    # A short sentence-final line inside an indented paragraph ends nothing.
    assert "nearly finished at last. Work on the breakwater" in last
    assert not any("11-51687" in text for _, text in paragraphs)


def test_lone_carriage_returns_end_lines_and_number_them() -> None:
    paragraphs = _parse(INDENTED_RECORD.replace("\n", "\r"))
    assert [lines for lines, _ in paragraphs] == [(1, 3), (4, 6), (7, 9), (10, 20)]


# Hard-wrapped without indents or blank lines (UNGDC 1982, 1992-2005): a paragraph ends only
# where a sentence-final line stopped before the next line's first word would have fitted.
UNBROKEN = [
    "Allow me to begin by",
    "congratulating you, Sir, on your election to preside",
    "over this session. Your long experience will serve",
    "the Assembly well in the difficult months ahead.",
    "We are meeting at a time when the hopes raised by the",
    "end of the old rivalries have given way to doubt. In",
    "many regions conflicts have flared up again, and the",
    "Organization is asked to do more with less than ever.",
    "The world economy is no kinder to the poor countries",
    "than it was a decade ago, and the debt burden grows",
    "heavier every year for those least able to carry it.",
    "63. The third question before us is the reform of the",
    "Council, as set out in the report cited in paragraph",
    "63. of last year, which my delegation supports fully.",
]


def test_unbroken_text_splits_where_a_sentence_ended_short_of_the_width() -> None:
    pieces, layout = split_paragraphs(UNBROKEN)
    assert layout == "unbroken"
    # Line 0 is short but ends no sentence; line 3 ends one with room for "We" to spare;
    # lines 7 and 10 end sentences but the next words would not have fitted; line 11 is
    # numbered; "63." on line 13 opens a line but follows no sentence end.
    assert [(piece.first, piece.last) for piece in pieces] == [(0, 3), (4, 10), (11, 13)]
    assert pieces[0].text.startswith("Allow me to begin by congratulating you")


def test_a_numbered_line_after_a_sentence_end_starts_a_paragraph() -> None:
    item = "(a) the reform of the Council, which has waited for far too long;"
    lines = [*UNBROKEN[4:8], item, *UNBROKEN[8:11]]
    pieces, layout = split_paragraphs(lines)
    assert layout == "unbroken"
    # The item opens in lower case, yet starts a paragraph; after its semicolon the next
    # line carries on.
    assert [piece.first for piece in pieces] == [0, 4]


def test_clear_blank_line_structure_is_trusted_and_nothing_guessed() -> None:
    # The same lines in blocks: the sentence-final line 3 with room to spare ends nothing.
    lines = [*UNBROKEN[:8], "", *UNBROKEN[8:11], "", *UNBROKEN[:3]]
    pieces, layout = split_paragraphs(lines)
    assert layout == "wrapped"
    assert [(piece.first, piece.last) for piece in pieces] == [(0, 7), (9, 11), (13, 15)]


def test_furniture_between_one_per_line_paragraphs_does_not_split_a_sentence() -> None:
    text = (
        "We call on both parties to agree on a ceasefire and to begin\n"
        "21-00394\n63/91\nA/75/592/Add.8\n13/01/2021\n"
        "inclusive political talks without delay.\n"
        "We thank the Secretary-General for his report.\n"
    )
    assert _parse(text) == [
        (
            (1, 6),
            "We call on both parties to agree on a ceasefire and to begin inclusive political "
            "talks without delay.",
        ),
        ((7, 7), "We thank the Secretary-General for his report."),
    ]


def test_an_unnumbered_line_in_a_numbered_record_continues_the_paragraph_above() -> None:
    lines = [
        "12.\tWe congratulate you, Sir, on your election to the presidency of the Assembly.",
        "Your election is a well deserved tribute to your long service to the cause of peace.",
        "13.\tWe turn now to the question of the sea-bed and its resources.",
        '"The sea-bed beyond national jurisdiction is the common heritage of mankind."',
        "14.\tThat principle must guide the conference now under way.",
    ]
    pieces, layout = split_paragraphs(lines)
    assert layout == "lines"
    assert [(piece.first, piece.last) for piece in pieces] == [(0, 1), (2, 2), (3, 3), (4, 4)]
