"""Rendering: one markdown text for the terminal and the bot, citations complete."""

from __future__ import annotations

from corpus.dates import citation_label
from corpus.models import DocDate, Document, Paragraph
from retrieval.excerpt import unmark
from retrieval.models import Answer, Citation, Hit, Query
from retrieval.render import (
    CLOSEST_LABEL,
    MARKDOWN,
    plain,
    printable,
    render_answer,
    render_citation,
    render_document,
    render_document_line,
    render_hit,
)
from retrieval.wording import quoted

QIN = Citation(
    id="043514e2-3",
    doc_id="043514e2",
    position=3,
    speakers=("Qin Gang",),
    title="Qin Gang Holds Talks with President Csaba Kőrösi",
    source="Ministry of Foreign Affairs",
    url="https://www.fmprc.gov.cn/eng/a (1).html",
    date=DocDate(year=2023, month=2, day=2),
    path="000_043514e255436d6d.txt",
)
CNS = Citation(
    id="3fff03c6-18",
    doc_id="3fff03c6",
    position=18,
    collective=("participants",),
    title="Wang Yi chairs a *Security Council* meeting",
    source="China News Service",
    date=DocDate(month=5, day=8),
    path="004_3fff03c6e722727c.txt",
)


def hit(citation: Citation, excerpt: str, also_in: tuple[Citation, ...] = ()) -> Hit:
    return Hit(citation=citation, score=1.0, text="t", excerpt=excerpt, also_in=also_in)


def test_citation_has_speaker_linked_title_source_date_position_and_id() -> None:
    line = render_citation(QIN)
    assert line == (
        "— Qin Gang · [*Qin Gang Holds Talks with President Csaba Kőrösi*]"
        "(https://www.fmprc.gov.cn/eng/a%20%281%29.html) · Ministry of Foreign Affairs · "
        "2023-02-02 · ¶3 · `043514e2-3`"
    )


def test_collective_speaker_unknown_year_and_markdown_title() -> None:
    line = render_citation(CNS)
    assert line.startswith("— participants · *Wang Yi chairs a \\*Security Council\\* meeting*")
    assert "8 May (year unknown)" in line


def test_dates_say_when_inferred_or_missing() -> None:
    inferred = DocDate(year=2021, month=5, day=8, inferred=True)
    assert citation_label(inferred) == "2021-05-08 (inferred)"
    assert citation_label(DocDate(year=2021)) == "2021"
    assert citation_label(None) == "undated"


def test_hit_is_a_block_quote_then_its_citation() -> None:
    text = render_hit(hit(QIN, "first line\nsecond **UN** line", also_in=(CNS,)))
    lines = text.splitlines()
    assert lines[0] == "> first line"
    assert lines[1] == "> second **UN** line"
    assert lines[2].startswith("— Qin Gang")
    assert lines[3].startswith("also in ") and "`3fff03c6-18`" in lines[3]


def test_answer_shows_understood_best_then_next_hits_and_paging() -> None:
    answer = Answer(
        question="Qin Gang on the UN's role",
        query=Query(text="UN role", speaker="Qin Gang"),
        understood=("showing Qin Gang",),
        hits=(hit(QIN, "the **UN** should"), hit(CNS, "the **UN** is")),
        total=7,
    )
    text = render_answer(answer)
    assert text.startswith("*showing Qin Gang*\n\n> the **UN** should")
    assert text.index("`043514e2-3`") < text.index("`3fff03c6-18`")
    assert "*1–2 of 7 matching paragraphs*" in text


def test_not_found_says_so_and_suggests() -> None:
    answer = Answer(
        question="What did Wang Yii say about cats?",
        query=Query(text="cats"),
        not_found="No paragraph matches “cats” well enough.",
        suggestions=("a speaker: Wang Yi", "fewer words"),
    )
    text = render_answer(answer)
    assert "No paragraph matches" in text
    assert "- a speaker: Wang Yi" in text
    assert ">" not in text


def test_closest_passages_follow_the_not_found_message_under_their_label() -> None:
    answer = Answer(
        question="Qin Gang on bitcoin",
        query=Query(text="bitcoin", speaker="Qin Gang"),
        understood=("showing Qin Gang",),
        not_found="No paragraph answers “bitcoin” well enough to quote as an answer.",
        suggestions=("fewer words",),
        hits=(hit(QIN, "the **UN** should"), hit(CNS, "the **UN** is")),
        total=2,
    )
    for style in (MARKDOWN, plain()):
        text = render_answer(answer, style)
        message, label = text.index("No paragraph answers"), text.index(CLOSEST_LABEL)
        first, second = text.index("043514e2-3"), text.index("3fff03c6-18")
        assert message < text.index("fewer words") < label < first < second
        assert "matching paragraphs" not in text  # not paged as answers are
    assert f"**{CLOSEST_LABEL}**\n\n> the **UN** should" in render_answer(answer)


def test_mentions_are_shown_as_written() -> None:
    text = render_hit(hit(QIN, "@everyone <@123> said"))
    assert "@everyone <@123>" in text


def test_a_count_known_only_as_a_lower_bound_says_so() -> None:
    answer = Answer(
        question="human rights",
        query=Query(text="human rights"),
        hits=(hit(QIN, "**human** **rights**"),),
        total=9558,
        total_exact=False,
    )
    assert "*1–1 of 9,558+ matching paragraphs*" in render_answer(answer)


def test_plain_text_has_no_markdown_and_shows_the_url_whole() -> None:
    text = render_hit(hit(CNS, "Wang Yi chairs a \\*Security Council\\* **meeting**"), plain())
    assert text == (
        "> Wang Yi chairs a *Security Council* meeting\n"
        "— participants · Wang Yi chairs a *Security Council* meeting · China News Service · "
        "8 May (year unknown) · ¶18 · 3fff03c6-18"
    )
    assert render_citation(QIN, plain()) == (
        "— Qin Gang · Qin Gang Holds Talks with President Csaba Kőrösi "
        "<https://www.fmprc.gov.cn/eng/a (1).html> · Ministry of Foreign Affairs · 2023-02-02 · "
        "¶3 · 043514e2-3"
    )


def test_plain_bold_is_ansi_only_when_asked() -> None:
    marked = hit(QIN, "the **UN** at its core")
    assert render_hit(marked, plain(bold=True)).startswith("> the \x1b[1mUN\x1b[22m at its core")
    assert render_hit(marked, plain()).startswith("> the UN at its core")


def test_markdown_is_the_default_style() -> None:
    answer = Answer(
        question="x",
        query=Query(text="x"),
        understood=("showing Qin Gang",),
        hits=(hit(QIN, "a"),),
        total=1,
    )
    assert render_answer(answer) == render_answer(answer, MARKDOWN)
    assert render_answer(answer).startswith("*showing Qin Gang*\n\n> a\n")
    assert render_answer(answer, plain()).startswith("showing Qin Gang\n\n> a\n")


def test_plain_text_strips_control_characters_from_the_corpus() -> None:
    assert printable("a\x1b[2Jb\x07c\x9bd\x7fe\tf\ng") == "a[2Jbcde\tf\ng"
    hostile = CNS.model_copy(update={"title": "T\x1b]0;pwned\x07", "source": "S\x1b[31m"})
    text = render_hit(hit(hostile, "peace\x1b[2J **talks**\x9b"), plain(bold=True))
    assert text.count("\x1b") == 2  # the bold's own escape sequences, nothing from the corpus
    assert "peace[2J \x1b[1mtalks\x1b[22m" in text and "T]0;pwned" in text and "S[31m" in text


def test_a_document_line_shows_its_title_as_written() -> None:
    document = Document(id="0fe5e609", path="a.txt", title="Talks *on* peace_process")

    assert render_document_line(document) == (
        "• undated · Talks \\*on\\* peace\\_process · `0fe5e609`"
    )
    assert render_document_line(document, plain()) == (
        "• undated · Talks *on* peace_process · 0fe5e609"
    )


PHISH = "[signed here](https://evil.example/phish)"


def test_corpus_fields_with_markdown_are_shown_as_written_never_as_links() -> None:
    hostile = QIN.model_copy(
        update={
            "speakers": (f"Eve {PHISH}",),
            "title": f"Treaty {PHISH}\n# forged line",
            "source": "<@123> ||spoiler||",
        }
    )
    line = render_citation(hostile)
    assert line.startswith("— Eve \\[signed here\\](https://evil.example/phish) · ")
    # The title is linked; its own brackets are escaped, its line break is a space (so the
    # "#" is mid-line, not a heading).
    assert "[*Treaty \\[signed here\\](https://evil.example/phish) # forged line*](" in line
    assert "\n" not in line
    assert "\\<\\@123\\> \\|\\|spoiler\\|\\|" in line
    assert f"Eve {PHISH}" in unmark(line)


def test_a_whole_paragraph_is_escaped_line_by_line() -> None:
    paragraph = Paragraph(
        id="0fe5e609-1",
        doc_id="0fe5e609",
        position=1,
        text=f"# Heading {PHISH}\n-# small\n1. item\n> quote `code`",
    )
    document = Document(
        id="0fe5e609",
        path="we`ird\nname.txt",
        title="T",
        speakers=("-# Eve",),
        paragraphs=(paragraph,),
    )
    text = render_document(document)
    assert "> \\# Heading \\[signed here\\](https://evil.example/phish)\n" in text
    assert "> \\-# small\n> 1\\. item\n> \\> quote \\`code\\`" in text
    assert "Speakers: \\-# Eve" in text
    # A file name is quoted when odd, and a backtick cannot close its code span.
    assert "· 'we\\`ird\\\\nname.txt'" in text
    plain_text = render_document(document, plain())
    assert paragraph.text.replace("\n", "\n> ") in plain_text
    assert "'we`ird\\nname.txt'" in plain_text


def test_a_message_quoting_the_members_words_reads_as_typed_in_both_styles() -> None:
    typed = "[click](https://evil.example) *now* @everyone"
    answer = Answer(
        question=typed,
        query=Query(text=typed),
        not_found=f"Nothing in the corpus matches {quoted(typed)}.",
        suggestions=(f"fewer words, e.g. {quoted(typed)}",),
    )
    markdown = render_answer(answer)
    assert "“\\[click\\](https://evil.example) \\*now\\* \\@everyone”" in markdown
    shown = render_answer(answer, plain())
    assert f"Nothing in the corpus matches “{typed}”." in shown
    assert f"- fewer words, e.g. “{typed}”" in shown
