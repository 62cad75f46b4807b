"""Dates inside free questions: found with their prepositions, never guessed from bare numbers."""

from __future__ import annotations

import datetime

import pytest

from corpus.models import DocDate
from retrieval.question_dates import find_dates


def D(year: int | None = None, month: int | None = None, day: int | None = None) -> DocDate:
    return DocDate(year=year, month=month, day=day)


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


@pytest.mark.parametrize(
    ("question", "year"),
    [
        ("ozone layer 1987", 1987),
        ("PRC position on Kashmir 2019?", 2019),
        ("Khrushchev's 1960 proposal to abolish the colonial system", 1960),
        ("Kennedy’s 1961 disarmament programme", 1961),
        ("the damage from Hurricane Maria, according to its 2017 speech", 2017),
        ("Their 1990 statement on Kuwait", 1990),
    ],
)
def test_a_bare_year_after_a_possessive_or_as_the_last_word_is_a_date(
    question: str, year: int
) -> None:
    [mention] = find_dates(question)
    assert (mention.first, mention.last) == (D(year), D(year))
    assert mention.loose  # read without a preposition: the speech's year, or an event's


def test_a_year_after_a_preposition_is_firm() -> None:
    [mention] = find_dates("the ozone layer in 1987")
    assert not mention.loose
    # ... but for "of", as often an event's year ("the flu of 1918") as the speeches'.
    [event] = find_dates("Who compared the COVID-19 pandemic to the Spanish flu of 1918?")
    assert event.first == D(1918) and event.loose


def test_a_day_and_month_naming_an_event_may_give_way() -> None:
    # "the January 6 storming" is an event's day, recalled in any year's speeches.
    for question in (
        "Did anyone mention the January 6 storming of the US Capitol?",
        "the September 11 attacks",
        "What did Israel say about October 7",
    ):
        [mention] = find_dates(question)
        assert mention.first.year is None and mention.first.day is not None, question
        assert mention.loose, question
    # After a preposition, or with its year, the day is the date asked for.
    for question in ("What was said on 6 January?", "What did Biden say January 6, 2022?"):
        [mention] = find_dates(question)
        assert not mention.loose, question


@pytest.mark.parametrize(
    "question",
    [
        "Did anyone at the 1968 General Assembly mention Martin Luther King?",
        "What was said at the 1968 UN General Assembly about Biafra?",
        "the 1968 session on Czechoslovakia",
        "Biafra in the 1968 general debate",
    ],
)
def test_a_bare_year_before_the_assembly_or_session_is_the_speeches_own(question: str) -> None:
    [mention] = find_dates(question)
    assert (mention.first, mention.last) == (D(1968), D(1968))
    assert not mention.loose


def test_a_bare_year_before_another_noun_is_no_date() -> None:
    assert find_dates("What did Haiti say about the 2010 earthquake victims?") == []
    # Nor is a bare month name before "session": only a year names one.
    assert find_dates("What was said at the September session?") == []


def test_a_range_written_with_a_dash_is_read_whole() -> None:
    [span] = find_dates("speeches 2019–2021 on climate")
    assert (span.first, span.last) == (D(2019), D(2021))
    # After a preposition too: "in 2019" had been read, "–2021" left to search.
    for question in ("climate in 2019–2021", "climate during 2019..2021"):
        [span] = find_dates(question)
        assert (span.first, span.last, question[span.start : span.end]) == (
            D(2019),
            D(2021),
            question.removeprefix("climate "),
        )


def test_a_number_that_is_no_date_does_not_hide_a_date_after_it() -> None:
    [year] = find_dates("the 77th session, 2021 was a year, as in 2019")
    assert year.first == D(2019)


@pytest.mark.parametrize(
    "question",
    ["the 1967 borders of Palestine", "Security Council resolution 1973", "resolution no. 1990"],
)
def test_a_bare_year_elsewhere_or_numbering_a_thing_is_not_a_date(question: str) -> None:
    assert find_dates(question) == []


def test_prepositions_open_a_year_to_now_or_to_the_start() -> None:
    this_year = datetime.date.today().year
    phrases = ("since 2019", "after 2019", "before 2019", "since May 2021", "after May 2021")
    spans = {
        phrase: (mention.first, mention.last)
        for phrase in phrases
        for mention in find_dates(f"speeches {phrase} on climate")
    }
    assert spans == {
        "since 2019": (D(2019), D(this_year)),
        "after 2019": (D(2020), D(this_year)),
        "before 2019": (D(1900), D(2018)),
        "since May 2021": (D(2021, 5), D(this_year)),
        # A month is already a span: "after" does not stretch it.
        "after May 2021": (D(2021, 5), D(2021, 5)),
    }


def test_a_decade_is_its_ten_years() -> None:
    question = "What did China say about Taiwan in the 1970s?"
    [mention] = find_dates(question)
    assert (mention.first, mention.last, mention.label) == (D(1970), D(1979), "1970–1979")
    assert question[mention.start : mention.end] == "in the 1970s" and not mention.loose
    [written] = find_dates("debt during the 1980’s")
    assert (written.first, written.last) == (D(1980), D(1989))
    # Prepositions open it as they open a year.
    this_year = datetime.date.today().year
    [since] = find_dates("Cuba since the 1990s")
    assert (since.first, since.last) == (D(1990), D(this_year))
    [before] = find_dates("speeches before the 1990s")
    assert (before.first, before.last) == (D(1900), D(1989))
    [after] = find_dates("speeches after the 1990s")
    assert (after.first, after.last) == (D(2000), D(this_year))
    # Without a preposition it may be an event's ("the 1990s Balkan wars"), as a bare year.
    [bare] = find_dates("the 1990s Balkan wars")
    assert bare.first == D(1990) and bare.loose
    # In order with other dates, and never a number that is no decade.
    assert [m.label for m in find_dates("in 1975 and the 1960s")] == ["1975", "1960–1969"]
    assert find_dates("the 1965s and 210s") == []


def test_a_decades_early_mid_or_late_years_and_two_digit_decades_and_years() -> None:
    for question, span, label in (
        ("What did South Africa say in the early 1990s?", "in the early 1990s", "1990–1993"),
        ("the mid-1980s debt crisis", "the mid-1980s", "1984–1986"),
        ("What did Kenya say in the 90s about debt?", "in the 90s", "1990–1999"),
        ("in the late '60s", "in the late '60s", "1967–1969"),
        ("What was said in the 20s?", "in the 20s", "2020–2029"),
        ("oil prices in '98", "in '98", "1998"),
    ):
        [mention] = find_dates(question)
        assert (question[mention.start : mention.end], mention.label) == (span, label), question
    # Two digits alone are an age or a number, not a decade or a year, nor do they hide one.
    assert find_dates("leaders in their 50s") == find_dates("the '98 plan") == []
    [decade] = find_dates("leaders in their 50s in the 1990s")
    assert decade.label == "1990–1999"


def test_two_digits_name_the_latest_year_not_to_come() -> None:
    this_year = datetime.date.today().year
    now = this_year % 100
    [this] = find_dates(f"in '{now:02d}")
    [next_ones] = find_dates(f"in '{(now + 1) % 100:02d}")
    assert (this.first, next_ones.first) == (D(this_year), D(this_year + 1 - 100))
    decade = now // 10 * 10
    [ours] = find_dates(f"in the {decade:02d}s")
    [later] = find_dates(f"in the {(decade + 10) % 100:02d}s")
    century = this_year - now
    assert (ours.first, later.first) == (D(century + decade), D(century + decade + 10 - 100))


def test_two_digit_years_open_and_give_way_as_years_do() -> None:
    this_year = datetime.date.today().year
    [since] = find_dates("debt since '98")
    assert (since.first, since.last) == (D(1998), D(this_year))
    [event] = find_dates("the crisis of '98")
    [firm] = find_dates("oil prices in '98")
    assert event.loose and not firm.loose


def test_a_date_that_is_no_real_day_does_not_hide_the_dates_after_it() -> None:
    for question in (
        "on 31 February 2023 and in 2019",
        "between 31 February 2023 and 2024, and in 2019",
        "31 February 2023–2024 or in 2019",
    ):
        assert [mention.label for mention in find_dates(question)] == ["2019"], question


def test_a_month_named_may_needs_its_capital_even_after_a_preposition() -> None:
    assert find_dates("what we said in may be wrong") == []
    [month] = find_dates("what was said in May?")
    assert (month.first, month.label) == (D(None, 5), "May")
