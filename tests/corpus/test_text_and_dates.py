"""Folding, and dates: in documents, typed by users, and inside questions."""

from __future__ import annotations

import pytest

from corpus.dates import (
    NotADate,
    citation_label,
    date_bounds,
    date_from_first_sentence,
    date_from_line,
    find_dates,
    infer_year,
    parse_iso,
    parse_typed,
    parse_when,
    range_label,
    split_dateline,
    typed_form,
)
from corpus.models import DocDate
from corpus.text import fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Kőrösi", "korosi"),
        ("KŐRÖSI", "korosi"),
        ("Straße", "strasse"),
        ("ﬁne", "fine"),
        ("Ｗang", "wang"),
        ("Bozkır", "bozkır"),
        ("plain ascii", "plain ascii"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def D(year: int | None = None, month: int | None = None, day: int | None = None) -> DocDate:
    return DocDate(year=year, month=month, day=day)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2023-02-02", D(2023, 2, 2), D(2023, 2, 2)),
        ("2021-05", D(2021, 5), D(2021, 5)),
        ("May 2021", D(2021, 5), D(2021, 5)),
        ("2021", D(2021), D(2021)),
        ("2 February 2023", D(2023, 2, 2), D(2023, 2, 2)),
        ("February 2, 2023", D(2023, 2, 2), D(2023, 2, 2)),
        ("May 8", D(None, 5, 8), D(None, 5, 8)),
        ("8 May", D(None, 5, 8), D(None, 5, 8)),
        ("May 8th", D(None, 5, 8), D(None, 5, 8)),
        ("2021-05-01..2021-05-31", D(2021, 5, 1), D(2021, 5, 31)),
        ("2021..2022", D(2021), D(2022)),
        ("between 2019 and 2021", D(2019), D(2021)),
        ("--05-08", D(None, 5, 8), D(None, 5, 8)),
    ],
)
def test_parse_when(text: str, first: DocDate, last: DocDate) -> None:
    assert parse_when(text) == (first, last)


@pytest.mark.parametrize("text", ["", "hello", "77th", "100", "2023-02-30", "May 32"])
def test_parse_when_rejects_what_is_not_a_date(text: str) -> None:
    assert parse_when(text) is None


def test_find_dates_in_questions() -> None:
    question = "What did Wang Yi say in May 2021 about the 77th session?"
    [mention] = find_dates(question)
    assert (mention.first, mention.last, mention.label) == (D(2021, 5), D(2021, 5), "May 2021")
    assert question[mention.start : mention.end] == "in May 2021"

    [day] = find_dates("statements on 2 February 2023")
    assert day.first == D(2023, 2, 2) and day.label == "2 February 2023"

    [span] = find_dates("speeches between 2019 and 2021 on climate")
    assert (span.first, span.last, span.label) == (D(2019), D(2021), "2019–2021")

    [year] = find_dates("what happened in 2021?")
    assert year.first == D(2021)


@pytest.mark.parametrize(
    "question",
    [
        "the 77th session",
        "100 countries",
        "may I ask about Wang Yi",
        "2021 was a year",
        "in 1850",
        "in 2150",
    ],
)
def test_find_dates_is_conservative(question: str) -> None:
    assert find_dates(question) == []


def test_date_bounds() -> None:
    assert date_bounds(D(2023, 2, 2)) == (20230202, 20230202)
    assert date_bounds(D(2021, 5)) == (20210501, 20210531)
    assert date_bounds(D(2021)) == (20210101, 20211231)
    assert date_bounds(D(None, 5, 8)) == (508, 508)
    assert date_bounds(D(None, 2)) == (201, 229)


def test_document_dates() -> None:
    assert date_from_line("2023-02-02 22:50") == D(2023, 2, 2)
    assert date_from_line("February 2, 2023") == D(2023, 2, 2)
    assert date_from_line("The 2023 session") is None
    assert date_from_first_sentence("On February 2, 2023, Foreign Minister Qin Gang") == D(
        2023, 2, 2
    )
    assert date_from_first_sentence("On 2 February 2023 the minister") == D(2023, 2, 2)
    assert date_from_first_sentence("Qin Gang said on February 2, 2023") is None
    source, date, rest = split_dateline("China News Service, May 8th. According to the site")  # type: ignore[misc]
    assert (source, date, rest) == ("China News Service", D(None, 5, 8), "According to the site")
    source, date, rest = split_dateline("BEIJING, May 8 (Xinhua) -- Chinese State Councilor")  # type: ignore[misc]
    assert (source, date, rest) == ("Xinhua", D(None, 5, 8), "Chinese State Councilor")
    assert split_dateline("Wang Yi said that the UN matters.") is None
    assert parse_iso("2023-02-02T22:50:00Z") == D(2023, 2, 2)


@pytest.mark.parametrize(
    ("text", "month", "year"),
    [
        (
            "This year marks the 100th anniversary of the founding of the Communist Party "
            "of China.",
            5,
            2021,
        ),
        (
            "He recalled the 75th anniversary of the founding of the United Nations last year.",
            5,
            2021,
        ),
        ("Next year marks the 80th anniversary of the founding of the United Nations.", 3, 2024),
        ("We met the President of the 77th Session of the UN General Assembly.", 2, 2023),
        ("We met the President of the 77th Session of the UN General Assembly.", 10, 2022),
    ],
)
def test_year_inference_from_anchors(text: str, month: int, year: int) -> None:
    assert infer_year(text, month) == year


@pytest.mark.parametrize(
    "text",
    [
        "China values its friendship with the United Nations.",
        # An anniversary with no time cue could be any year's retrospective.
        "The 100th anniversary of the founding of the Communist Party of China was a milestone.",
        # Two anchors that disagree: no year rather than a guess.
        "This year marks the 100th anniversary of the founding of the Communist Party of China. "
        "This year marks the 70th anniversary of the founding of the People's Republic of China.",
    ],
)
def test_no_year_without_a_consistent_anchor(text: str) -> None:
    assert infer_year(text, 5) is None


def test_dates_are_labelled_one_way_for_citations_ranges_and_typing() -> None:
    yearless = DocDate(month=5, day=8)
    inferred = DocDate(year=2021, month=5, day=8, inferred=True)

    assert citation_label(yearless) == "8 May (year unknown)"
    assert citation_label(inferred) == "2021-05-08 (inferred)"
    assert citation_label(None) == "undated"
    assert typed_form(yearless) == "8 May"
    assert typed_form(inferred) == "2021-05-08"
    assert range_label(DocDate(year=2019), DocDate(year=2022)) == "2019–2022"
    assert range_label(DocDate(year=2021, month=5), DocDate(year=2021, month=5)) == "May 2021"
    assert range_label(DocDate(year=2019), None) == "2019–…"


def test_a_typed_date_that_is_none_names_its_field_and_the_forms_that_work() -> None:
    assert parse_typed("May 2021") == parse_when("May 2021")
    with pytest.raises(NotADate) as raised:
        parse_typed("the day after tomorrow", "--from")

    message = str(raised.value)
    assert message.startswith("“the day after tomorrow” for --from is not a date: use 2023-02-02")
    assert "2021-05-01..2021-05-31" in message
