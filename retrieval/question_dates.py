"""Dates inside a free question: "in May 2021", "between 2019 and 2021", "since 2019".

Written with :mod:`corpus.dates`' grammar, and more careful than a typed date: words around a
number decide whether it is a date at all. A bare number ("77th", "100") never is, and a bare
year or month name needs a preposition before it ("in 2021", not "2021 was a year"); a bare
year also counts after a possessive ("Kennedy's 1961 programme") and as a fragment's last
word ("ozone layer 1987"), but never as a numbered thing's number ("resolution 1973").
"""

from __future__ import annotations

import datetime as _dt
import re

from pydantic import BaseModel, ConfigDict

from corpus.dates import DATE_PATTERN, EARLIEST_YEAR, parse_date, range_label
from corpus.models import DocDate

__all__ = ["DateMention", "find_dates"]


class DateMention(BaseModel):
    """A date expression found in a free question: where it is and what it covers."""

    model_config = ConfigDict(frozen=True)

    start: int
    end: int
    first: DocDate
    last: DocDate
    label: str
    # A year read without a preposition ("ozone layer 1987") may be the year of an event
    # recalled later ("Skopje earthquake 1963", recalled in 2023), not of the speech.
    loose: bool = False


_PREP = r"(?:in|on|during|since|from|between|of|by|before|after|until|till|around|throughout)"
_FIND_RE = re.compile(
    rf"\b(?:(?P<bw>between|from)\s+(?P<a>{DATE_PATTERN})\s+(?:and|to|until|till|-|–)\s+"
    rf"(?P<b>{DATE_PATTERN})"
    rf"|(?:{_PREP}\s+)?(?P<ra>{DATE_PATTERN})\s*(?:\.\.|–|—)\s*(?P<rb>{DATE_PATTERN})"
    rf"|(?:(?P<prep>{_PREP})\s+(?:the\s+year\s+)?)?(?P<one>{DATE_PATTERN}))",
    re.IGNORECASE,
)


# A decade, "the 1960s" or "1960s" (a year of the 19th to 21st centuries ending in 0, then s),
# or its early, mid or late years: the years it spans. Dev-style questions on the full UNGDC,
# "What did China say about Taiwan in the 1970s?", had searched every year. Written with two
# digits ("the 90s", "'90s") only after "the" or an apostrophe: "in their 50s" is an age.
_DECADE_RE = re.compile(
    rf"\b(?:(?P<prep>{_PREP})\s+)?(?:(?P<the>the)\s+)?(?:(?P<part>early|mid|late)[\s-]+)?"
    rf"(?:(?P<decade>(?:1[89]|20)\d0)|(?P<tick>['’])?(?P<short>\d0))['’]?s\b",
    re.IGNORECASE,
)
# The years of a decade ("1990s") its early, mid or late years are, from its first.
_DECADE_PARTS = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}
# A year of two digits after an apostrophe and a preposition ("in '98"). Not a session's number
# ("the 77th session"): a session runs from one September to the next, and the seeds' meeting
# with the President of the 77th session was in February 2023.
_SHORT_YEAR_RE = re.compile(rf"\b(?P<prep>{_PREP})\s+['’](?P<short>\d\d)\b", re.IGNORECASE)

# Where a bare year needs no preposition: after a possessive, or as the last word. Dev: "ozone
# layer 1987", "Khrushchev's 1960 proposal …", "Kennedy's 1961 disarmament programme", "PRC
# position on Kashmir 2019" and "… according to its 2017 speech" were searched in every year,
# their answers ranked below the top 3.
_POSSESSIVE_BEFORE = re.compile(r"(?:\w['’]s|\b(?:its|his|her|their|our))\s+$", re.IGNORECASE)
_LAST_WORD = re.compile(r"[\s?!.]*$")
# A bare year before these is the session's: the speeches' own year, never an event's. Dev, full
# UNGDC: "Did anyone at the 1968 General Assembly mention the assassination of Martin Luther
# King?" was searched in every year (its answer below the top 3) and "… at the 1963 General
# Assembly about the assassination of President Kennedy?" (unanswerable: the debate was over by
# November) was answered from later years.
_SESSION_AFTER = re.compile(
    r"\s+(?:UN\s+|United\s+Nations\s+)?(?:General\s+Assembly|Assembly|session|general\s+debate)\b",
    re.IGNORECASE,
)
# A year after "of" names an event's year as often as the speeches' ("the Spanish flu of 1918",
# "tidal waves of 1960"): it may give way, as a bare year does. Dev, full UNGDC: "Who compared
# the COVID-19 pandemic to the Spanish flu of 1918?" showed only the closest passages.
_EVENT_PREPOSITIONS = frozenset({"of"})
# A number that ends a question after these is what they are numbered, not a year.
_NUMBERED_BEFORE = re.compile(
    r"\b(?:resolutions?|no\.?|numbers?|articles?|paragraphs?|rules?|protocol|annex)\s+$",
    re.IGNORECASE,
)


def _bare_year_is_a_date(text: str, start: int, end: int) -> bool:
    before = text[:start]
    if _POSSESSIVE_BEFORE.search(before):
        return True
    return _LAST_WORD.fullmatch(text, end) is not None and not _NUMBERED_BEFORE.search(before)


def _needs_context(date: DocDate, written: str, prep: str | None) -> bool:
    """A bare year or a bare month name is a date only with a preposition (or, for a year,
    where ``_bare_year_is_a_date``); "May" also needs its capital (it is a verb too: "may I
    ask")."""
    bare_year = date.month is None
    bare_month = date.year is None and date.day is None
    if not (bare_year or bare_month):
        return False
    if prep is None:
        return True
    return bare_month and date.month == 5 and not written[0].isupper()


def _span(date: DocDate, prep: str | None, this_year: int) -> tuple[DocDate, DocDate]:
    """What one date covers after its preposition: "since 2019" runs to this year, "after
    2019" from 2020 to this year, "before 2019" up to 2018; otherwise the date itself."""
    word = prep.lower() if prep else ""
    if word == "since" and date.year is not None:
        return date, DocDate(year=max(this_year, date.year))
    if date.precision == "year" and date.year is not None:
        if word == "after":
            following = date.year + 1
            return DocDate(year=following), DocDate(year=max(this_year, following))
        if word == "before":
            return DocDate(year=EARLIEST_YEAR), DocDate(year=date.year - 1)
    return date, date


def _full_year(two_digits: str, this_year: int) -> int:
    """The latest year two digits name that is not to come: in 2026, "the 20s" are 2020-2029
    and "'27" is 1927 (no speech is dated in the future, so a later year would match none)."""
    year = this_year - this_year % 100 + int(two_digits)
    return year if year <= this_year else year - 100


def _mention(match: re.Match[str], first: DocDate, last: DocDate, loose: bool) -> DateMention:
    return DateMention(
        start=match.start(),
        end=match.end(),
        first=first,
        last=last,
        label=range_label(first, last),
        loose=loose,
    )


def _decades(text: str, this_year: int) -> list[DateMention]:
    """The decades of ``text`` ("in the 1960s": 1960-1969, "the early 1990s": 1990-1993, "the
    90s"; "since the 1990s" to this year, "before the 1990s" to 1989, "after the 1990s" from
    2000). Without a preposition, or after "of", it may be an event's ("the 1990s Balkan
    wars"), as a bare year may (``loose``)."""
    found = []
    for match in _DECADE_RE.finditer(text):
        if match.group("short") and not (match.group("the") or match.group("tick")):
            continue
        written = match.group("decade")
        decade = int(written) if written else _full_year(match.group("short"), this_year)
        start, end = _DECADE_PARTS.get((match.group("part") or "").lower(), (0, 9))
        first, last = DocDate(year=decade + start), DocDate(year=decade + end)
        prep = (match.group("prep") or "").lower()
        # As a year is opened (``_span``): from its first year, or after its last.
        if prep in ("since", "before"):
            first, last = _span(first, prep, this_year)
        elif prep == "after":
            first, last = _span(last, prep, this_year)
        found.append(_mention(match, first, last, not prep or prep in _EVENT_PREPOSITIONS))
    return found


def _short_years(text: str, this_year: int) -> list[DateMention]:
    """Years written with two digits after a preposition ("in '98": 1998), each opened by its
    preposition as a year is (``_span``)."""
    found = []
    for match in _SHORT_YEAR_RE.finditer(text):
        prep = match.group("prep")
        year = DocDate(year=_full_year(match.group("short"), this_year))
        first, last = _span(year, prep, this_year)
        found.append(_mention(match, first, last, prep.lower() in _EVENT_PREPOSITIONS))
    return found


def find_dates(text: str) -> list[DateMention]:
    """Date expressions inside a free question, left to right.

    "in May 2021", "on 2 February 2023", "in 2021", "between 2019 and 2021", "2021-05",
    "since 2019" (to the current year), "Kennedy's 1961 …", "ozone layer 1987", "in the
    1960s", "the early 90s" (``_decades``), "in '98" (``_short_years``). A bare number
    ("77th", "100") is never a date, and a bare year or month name needs a preposition
    before it, but for a year after a possessive or as the last word.
    """
    this_year = _dt.date.today().year
    found: list[DateMention] = [*_decades(text, this_year), *_short_years(text, this_year)]
    for match in _FIND_RE.finditer(text):
        first: DocDate | None
        last: DocDate | None
        loose = False
        if match.group("a"):
            first, last = parse_date(match.group("a")), parse_date(match.group("b"))
        elif match.group("ra"):
            first, last = parse_date(match.group("ra")), parse_date(match.group("rb"))
        else:
            written, prep = match.group("one"), match.group("prep")
            date = parse_date(written)
            if date is None:
                continue
            bare_year = prep is None and date.precision == "year"
            session = bare_year and _SESSION_AFTER.match(text, match.end("one")) is not None
            bare_year_placed = bare_year and _bare_year_is_a_date(
                text, match.start("one"), match.end("one")
            )
            if _needs_context(date, written, prep) and not session:
                if not bare_year_placed:
                    continue
                loose = True
            # A day and month with no year and no preposition name an event ("the January 6
            # storming", "the September 11 attacks"), recalled in any year's speeches: the
            # date may give way too. New dev questions, full UNGDC: "Did anyone at the UN
            # mention the January 6 storming of the US Capitol?" showed only the closest
            # passages, Iran's 2021 answer among them.
            event_day = prep is None and date.year is None and date.day is not None
            loose = loose or event_day or (prep or "").lower() in _EVENT_PREPOSITIONS
            first, last = _span(date, prep, this_year)
        if first is None or last is None:
            continue
        found.append(_mention(match, first, last, loose))
    return sorted(found, key=lambda mention: mention.start)
