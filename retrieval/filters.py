"""Vectorised search filters: one boolean per document (dates, source, id) or per speaker group.

Dates are compared as inclusive ``yyyymmdd`` integers from ``corpus.dates.date_bounds``: a
document matches a range when their spans overlap. A document whose year is unknown (bounds
below 10000, year 0) matches on month and day alone, as does every document for a query range
whose own year is unknown.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from corpus.dates import date_bounds
from corpus.models import DocDate
from corpus.text import fold
from retrieval.models import DateRange

BoolArray = npt.NDArray[np.bool_]
Int32Array = npt.NDArray[np.int32]
IntArray = npt.NDArray[np.int64]

UNDATED = -1  # the bounds stored for a document without a date
_YEAR = 10000
_FIRST_DAY, _LAST_DAY = 101, 1231  # mmdd of 1 January and 31 December


def document_bounds(dates: Sequence[DocDate | None]) -> tuple[Int32Array, Int32Array]:
    """(first, last) ``yyyymmdd`` per document; ``UNDATED`` where there is no date."""
    lo = np.full(len(dates), UNDATED, dtype=np.int32)
    hi = np.full(len(dates), UNDATED, dtype=np.int32)
    for i, date in enumerate(dates):
        if date is not None:
            lo[i], hi[i] = date_bounds(date)
    return lo, hi


def date_mask(lo: Int32Array, hi: Int32Array, dates: DateRange) -> BoolArray:
    """Documents whose date overlaps ``dates`` (an open end is unbounded)."""
    q_lo = date_bounds(dates.start)[0] if dates.start is not None else 0
    q_hi = date_bounds(dates.end)[1] if dates.end is not None else 99_991_231
    dated = lo != UNDATED
    yearless = dated & (lo < _YEAR)
    query_yearless = (dates.start is not None and dates.start.year is None) or (
        dates.end is not None and dates.end.year is None
    )
    if query_yearless:
        # "May 8" with no year: every dated document is compared on month and day.
        days = _day_overlap(lo % _YEAR, hi % _YEAR, q_lo % _YEAR, q_hi % _YEAR, 0)
        by_day: BoolArray = dated & days
        return by_day
    if q_lo > q_hi:
        return np.zeros(lo.shape, dtype=np.bool_)
    with_year = dated & ~yearless & (lo <= q_hi) & (hi >= q_lo)
    years = q_hi // _YEAR - q_lo // _YEAR
    matched: BoolArray = with_year | (
        yearless & _day_overlap(lo, hi, q_lo % _YEAR, q_hi % _YEAR, years)
    )
    return matched


def _day_overlap(
    lo: Int32Array, hi: Int32Array, q_lo: int, q_hi: int, years_spanned: int
) -> BoolArray:
    """Month-day spans ``[lo, hi]`` that meet the month-days a query range covers, which wraps
    round the new year when the range crosses it."""
    if years_spanned >= 2:
        return np.ones(lo.shape, dtype=np.bool_)
    if years_spanned == 1 or q_lo > q_hi:
        # [q_lo, 31 Dec] and [1 Jan, q_hi]
        wrapped: BoolArray = (hi >= q_lo) | (lo <= q_hi)
        return wrapped
    within: BoolArray = (lo <= q_hi) & (hi >= q_lo)
    return within


def source_mask(sources: Sequence[str], wanted: str) -> BoolArray:
    """Documents whose (folded) source contains the folded ``wanted``."""
    needle = fold(wanted).strip()
    return np.fromiter((needle in s for s in sources), dtype=np.bool_, count=len(sources))


def rows_of_documents(doc_row_start: IntArray, docs: IntArray) -> IntArray:
    """All rows of the given documents, ascending when ``docs`` is: each document's rows are
    the contiguous range ``doc_row_start[d]:doc_row_start[d + 1]``."""
    starts = doc_row_start[docs]
    lengths = doc_row_start[docs + 1] - starts
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    # Each row is its document's start plus its offset inside the document.
    firsts = np.cumsum(lengths) - lengths
    return np.repeat(starts - firsts, lengths) + np.arange(total, dtype=np.int64)
