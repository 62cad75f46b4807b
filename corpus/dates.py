"""The date grammar: how dates are written, read and shown.

One module reads every form a date takes in Verbatim: metadata values (``2023-02-02``,
``--05-08``), what a user types (``May 2021``, ``2021..2022``), and the places a document states
its own date (a date line under the title, "On February 2, 2023, ..." opening the text, a
dateline such as "BEIJING, May 8 (Xinhua) --"). It also writes them back: labels, citation
forms, and the ``yyyymmdd`` bounds filters compare. The document forms live here because they
are the same grammar (month names, day ordinals, years) at a known place in the text, read by
the same building blocks.

Everything here is conservative: a year is never guessed. A date written without a year keeps
its month and day; :mod:`corpus.years` fills the year in only when the text anchors it, and
dates in questions are found by :mod:`retrieval.question_dates` with the pattern below.
"""

from __future__ import annotations

import re

from .errors import VerbatimError
from .models import DocDate, days_in_month

__all__ = [
    "ACCEPTED_FORMS",
    "DATE_PATTERN",
    "EARLIEST_YEAR",
    "MONTHS",
    "MONTH_NAMES",
    "NotADate",
    "citation_label",
    "date_bounds",
    "date_from_first_sentence",
    "date_from_line",
    "label_of",
    "parse_date",
    "parse_iso",
    "parse_typed",
    "parse_when",
    "range_label",
    "split_dateline",
    "typed_form",
]

# English month names, as statements and users write them; a literal rather than
# calendar.month_name, which follows the process locale.
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Every way a month is written, folded to lower case: full, three letters, and "Sept".
MONTHS: dict[str, int] = {}
for _number, _name in enumerate(MONTH_NAMES, 1):
    MONTHS[_name.lower()] = _number
    MONTHS[_name[:3].lower()] = _number
MONTHS["sept"] = 9

# The same table as a pattern: capitalised (datelines are matched case-sensitively), longest
# first so "June" is not read as "Jun", with an optional full stop ("Sept.").
_MONTH = "(?:" + "|".join(sorted(map(str.capitalize, MONTHS), key=len, reverse=True)) + r")\.?"
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19[0-9]{2}|20[0-9]{2}|2100)"
# The first year _YEAR reads: a range open at its start ("before 2019") begins here.
EARLIEST_YEAR = 1900
# Two-digit month and day of ISO 8601 ("2023-02-02", year-less "--05-08").
_ISO_MONTH = r"(?:0[1-9]|1[0-2])"
_ISO_DAY = r"(?:0[1-9]|[12][0-9]|3[01])"
# A time of day after an ISO date ("2023-02-02 22:50", "2023-02-02T22:50"): a stamp keeps its day.
_CLOCK = r"[ T]\d{1,2}:\d{2}"

# One date expression, at any precision. Named groups say which form matched.
_SINGLE = (
    rf"(?:(?P<iy>{_YEAR})-(?P<im>{_ISO_MONTH})(?:-(?P<id>{_ISO_DAY}))?(?![0-9-])"
    rf"|(?P<dmy_d>{_DAY})\s+(?P<dmy_m>{_MONTH})(?:,?\s+(?P<dmy_y>{_YEAR}))?"
    rf"|(?P<mdy_m>{_MONTH})\s+(?P<mdy_d>{_DAY})(?![0-9])(?:,?\s+(?P<mdy_y>{_YEAR}))?"
    rf"|(?P<my_m>{_MONTH}),?\s+(?P<my_y>{_YEAR})"
    rf"|(?P<m_m>{_MONTH})(?![\w])"
    rf"|(?P<y>{_YEAR}))(?![\w])"
)
_SINGLE_RE = re.compile(_SINGLE, re.IGNORECASE)
# The same expression without group names, to embed (several times) in a larger pattern, as
# finding dates inside a question does (compiled with re.IGNORECASE, as _SINGLE_RE is); read
# what it matched with parse_date.
DATE_PATTERN = re.sub(r"\?P<\w+>", "?:", _SINGLE)


def _month(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _make(year: int | None, month: int | None, day: int | None) -> DocDate | None:
    try:
        return DocDate(year=year, month=month, day=day)
    except ValueError:
        return None


def _from_match(match: re.Match[str]) -> DocDate | None:
    """The date a match holds, read from the group names every pattern here shares: ``iy``/
    ``im``/``id`` (ISO), ``dmy_*`` and ``mdy_*`` (day and month in either order, optional
    year), ``my_*`` (month and year), ``m_m`` (a month alone), ``y`` (a year alone). A pattern
    may use only some of them."""
    g = match.groupdict()
    if g.get("iy"):
        return _make(int(g["iy"]), int(g["im"]), int(g["id"]) if g["id"] else None)
    if g.get("dmy_d"):
        year = int(g["dmy_y"]) if g["dmy_y"] else None
        return _make(year, _month(g["dmy_m"]), _day(g["dmy_d"]))
    if g.get("mdy_m"):
        year = int(g["mdy_y"]) if g["mdy_y"] else None
        return _make(year, _month(g["mdy_m"]), _day(g["mdy_d"]))
    if g.get("my_m"):
        return _make(int(g["my_y"]), _month(g["my_m"]), None)
    if g.get("m_m"):
        return _make(None, _month(g["m_m"]), None)
    if g.get("y"):
        return _make(int(g["y"]), None, None)
    return None


def parse_date(text: str) -> DocDate | None:
    """One date, the whole of ``text``, at any precision: ``2023-02-02``, ``2021-05``,
    ``2 February 2023``, ``February 2, 2023``, ``May 8`` (year unknown), ``May 2021``, ``May``,
    ``2021``. None when ``text`` is not a date or names no day of the calendar."""
    match = _SINGLE_RE.fullmatch(text.strip())
    return _from_match(match) if match else None


def parse_iso(text: str) -> DocDate | None:
    """A metadata date: ``2023-02-02``, ``2021-05``, ``2021``, ``--05-08`` or any form
    :func:`parse_when` accepts for a single date."""
    text = text.strip()
    yearless = re.fullmatch(rf"--({_ISO_MONTH})(?:-({_ISO_DAY}))?", text)
    if yearless:
        return _make(None, int(yearless.group(1)), int(yearless.group(2) or 0) or None)
    # Timestamps ("2023-02-02 22:50", "2023-02-02T22:50:00Z") keep their day.
    stamp = re.match(rf"(\d{{4}}-\d{{2}}-\d{{2}}){_CLOCK}", text)
    if stamp:
        text = stamp.group(1)
    return parse_date(text)


_RANGE_SEPARATORS = re.compile(
    r"\s*(?:\.\.|–|—|\bto\b|\buntil\b|\bthrough\b)\s*|\s+-\s+|(?<=\d)-(?=\d{4}\b)"
)


def parse_when(text: str) -> tuple[DocDate, DocDate] | None:
    """An exact date expression typed by a user, as an inclusive (first, last) pair.

    "2023-02-02", "2021-05", "May 2021", "2021", "2 February 2023", "February 2, 2023",
    "May 8" (year unknown), ranges "2021-05-01..2021-05-31", "2021..2022", "2019 to 2021",
    "between 2019 and 2021". Each end keeps its own precision. None when ``text`` is not a date.
    """
    text = " ".join(text.split())
    if not text:
        return None
    between = re.fullmatch(r"(?:between|from)\s+(.+?)\s+(?:and|to|until)\s+(.+)", text, re.I)
    if between:
        first, last = parse_date(between.group(1)), parse_date(between.group(2))
        return (first, last) if first and last else None
    single = parse_iso(text)
    if single:
        return single, single
    parts = _RANGE_SEPARATORS.split(text, maxsplit=1)
    if len(parts) == 2:
        first, last = parse_iso(parts[0]), parse_iso(parts[1])
        if first and last:
            return first, last
    return None


# What parse_when reads, as every front end lists it when a typed date is not one of them.
ACCEPTED_FORMS = (
    "2023-02-02, 2021-05, May 2021, 2021, 8 May, or a range like 2021-05-01..2021-05-31"
)


class NotADate(VerbatimError):
    """A date typed by a user that :func:`parse_when` cannot read; the message lists the forms
    that work."""


def parse_typed(text: str, what: str = "") -> tuple[DocDate, DocDate]:
    """:func:`parse_when`, or :class:`NotADate` naming ``what`` was being typed ("--from")."""
    parsed = parse_when(text)
    if parsed is None:
        shown = " ".join(text.split())
        shown = shown if len(shown) <= 50 else shown[:49] + "…"
        field = f" for {what}" if what else ""
        raise NotADate(f"“{shown}”{field} is not a date: use {ACCEPTED_FORMS}")
    return parsed


def label_of(date: DocDate) -> str:
    """Human form: "2 February 2023", "May 2021", "2021", "8 May", "May"."""
    if date.month is None:
        return str(date.year)
    month = MONTH_NAMES[date.month - 1]
    text = f"{date.day} {month}" if date.day is not None else month
    return f"{text} {date.year}" if date.year is not None else text


def range_label(first: DocDate | None, last: DocDate | None) -> str:
    """"May 2021" for one date, "2019–2022" for two, "…" for an open end ("2019–…")."""
    start = label_of(first) if first else "…"
    end = label_of(last) if last else "…"
    return start if start == end else f"{start}–{end}"


def citation_label(date: DocDate | None) -> str:
    """A date as citations show it: ``2023-02-02``; ``8 May (year unknown)``; ``2021
    (inferred)``; ``undated``."""
    if date is None:
        return "undated"
    if not date.year_known:
        month = MONTH_NAMES[date.month - 1] if date.month else ""
        day = f"{date.day} " if date.day else ""
        return f"{day}{month} (year unknown)"
    return f"{date.iso} (inferred)" if date.inferred else date.iso


def typed_form(date: DocDate) -> str:
    """What a user types to ask for exactly this date: ``2023-02-02``, ``8 May`` (no year)."""
    if date.year is None:
        month = MONTH_NAMES[(date.month or 1) - 1]
        return f"{date.day} {month}" if date.day else month
    return date.iso


def date_bounds(date: DocDate) -> tuple[int, int]:
    """Inclusive ``yyyymmdd`` integers covering ``date`` at its precision (unknown year -> 0)."""
    year = date.year if date.year is not None else 0
    if date.month is None:
        return year * 10000 + 101, year * 10000 + 1231
    if date.day is None:
        last = days_in_month(date.year, date.month)
        return year * 10000 + date.month * 100 + 1, year * 10000 + date.month * 100 + last
    value = year * 10000 + date.month * 100 + date.day
    return value, value


# ---------------------------------------------------------------------------------------------
# Dates inside documents

_DATE_LINE_RE = re.compile(
    r"\s*(\d{4})-(\d{2})-(\d{2})"
    rf"(?:{_CLOCK}(?::\d{{2}})?(?:\s*(?:UTC|GMT|Z|[+-]\d{{2}}:?\d{{2}}))?)?\s*"
)


def date_from_line(line: str) -> DocDate | None:
    """A line that is only a date: "2023-02-02 22:50", "2023-02-02", "February 2, 2023"."""
    match = _DATE_LINE_RE.fullmatch(line)
    if match:
        return _make(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    stripped = line.strip()
    if len(stripped) > 40:
        return None
    date = parse_date(stripped)
    # A lone year or month on a line is more likely a heading than a date line.
    return date if date is not None and date.precision == "day" and date.year else None


_FIRST_SENTENCE_RE = re.compile(
    rf"^\s*On\s+(?:(?P<mdy_m>{_MONTH})\s+(?P<mdy_d>{_DAY}),?\s+(?P<mdy_y>{_YEAR})"
    rf"|(?P<dmy_d>{_DAY})\s+(?P<dmy_m>{_MONTH}),?\s+(?P<dmy_y>{_YEAR}))\b"
)


def date_from_first_sentence(paragraph: str) -> DocDate | None:
    """A full date opening the first paragraph: "On February 2, 2023, ..." (or "On 2 February")."""
    match = _FIRST_SENTENCE_RE.match(paragraph)
    return _from_match(match) if match else None


_DATELINE_RES = (
    # "China News Service, May 8th. According to ..."
    re.compile(
        rf"^(?P<source>[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){{0,6}}),\s+(?P<mdy_m>{_MONTH})\s+"
        rf"(?P<mdy_d>{_DAY})(?:,?\s+(?P<mdy_y>{_YEAR}))?\s*[.:]\s+"
    ),
    # "BEIJING, May 8 (Xinhua) -- ..."
    re.compile(
        rf"^(?P<place>[A-Z][A-Za-z .'’-]{{1,40}}),\s+(?P<mdy_m>{_MONTH})\s+(?P<mdy_d>{_DAY})"
        rf"(?:,?\s+(?P<mdy_y>{_YEAR}))?\s*\((?P<source>[^)]{{2,60}})\)\s*(?:--|—|–|-)\s*"
    ),
)


def split_dateline(paragraph: str) -> tuple[str, DocDate, str] | None:
    """A dateline opening the first paragraph: (source, date, the paragraph without it)."""
    for pattern in _DATELINE_RES:
        match = pattern.match(paragraph)
        if not match:
            continue
        date = _from_match(match)
        if date is None:
            continue
        return match.group("source").strip(), date, paragraph[match.end() :].strip()
    return None
