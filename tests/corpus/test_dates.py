"""The date grammar: dates typed by users, written in metadata and in documents, and labelled."""

from __future__ import annotations

import pytest

from corpus.dates import (
    NotADate,
    citation_label,
    date_bounds,
    date_from_first_sentence,
    date_from_line,
    label_of,
    parse_date,
    parse_iso,
    parse_typed,
    parse_when,
    range_label,
    split_dateline,
    typed_form,
)
from corpus.models import DocDate


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


def test_one_month_table_reads_every_written_form() -> None:
    assert parse_date("Sept. 9, 2021") == D(2021, 9, 9)
    assert parse_date("9 sep 2021") == D(2021, 9, 9)
    assert parse_date("JUNE 2021") == D(2021, 6)
    assert date_from_first_sentence("On Sept. 9, 2021, the minister") == D(2021, 9, 9)
    dateline = split_dateline("BEIJING, Dec. 3 (Xinhua) -- Text")
    assert dateline is not None and dateline[1] == D(None, 12, 3)
    assert [label_of(D(None, month)) for month in (1, 5, 9, 12)] == [
        "January",
        "May",
        "September",
        "December",
    ]


def test_a_yearless_29_february_is_a_day() -> None:
    assert parse_date("29 February") == D(None, 2, 29)
    assert parse_date("29 February 2023") is None
    assert parse_date("29 February 2024") == D(2024, 2, 29)


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
