"""Vectorised search filters: one boolean per document (dates, source, country, id) or per
speaker group, and the rows those select.

Dates are compared as inclusive ``yyyymmdd`` integers from ``corpus.dates.date_bounds``: a
document matches a range when their spans overlap. A document whose year is unknown (bounds
below 10000, year 0) matches on month and day alone, as does every document for a query range
whose own year is unknown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from corpus.countries import CountryVocabulary
from corpus.dates import date_bounds
from corpus.metadata import document_country
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


@dataclass(frozen=True)
class DocumentCountries:
    """Each document's country, as a number into ``codes`` (-1: none), and the vocabulary
    that reads a typed country."""

    vocabulary: CountryVocabulary
    codes: tuple[str, ...]
    of_document: Int32Array

    @classmethod
    def of(cls, extras: Sequence[Mapping[str, str]]) -> DocumentCountries:
        """From each document's extra metadata (``corpus.metadata.document_country``)."""
        pairs = [document_country(extra) for extra in extras]
        vocabulary = CountryVocabulary(pair for pair in pairs if pair is not None)
        codes = tuple(country.code for country in vocabulary.all())
        number = {code: i for i, code in enumerate(codes)}
        of_document = np.fromiter(
            (-1 if pair is None else number[pair[1]] for pair in pairs),
            dtype=np.int32,
            count=len(pairs),
        )
        return cls(vocabulary, codes, of_document)

    def mask(self, wanted: str) -> BoolArray:
        """Documents of the country ``wanted`` names (any name, code, short form or demonym);
        none when it names no country of the corpus."""
        country, _ = self.vocabulary.resolve(wanted)
        if country is None:
            return np.zeros(self.of_document.shape, dtype=np.bool_)
        matched: BoolArray = self.of_document == self.codes.index(country.code)
        return matched


def concatenated_ranges(starts: IntArray, which: npt.NDArray[np.integer]) -> IntArray:
    """The integers of the ranges ``starts[i]:starts[i + 1]`` for each ``i`` of ``which``, in
    that order (a document's rows in ``doc_row_start``, a group's place in ``GroupRows``)."""
    firsts = starts[which]
    lengths = starts[which + 1] - firsts
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    # Each integer is its range's first plus its offset inside the range.
    offsets = np.cumsum(lengths) - lengths
    return np.repeat(firsts - offsets, lengths) + np.arange(total, dtype=np.int64)


@dataclass(frozen=True)
class GroupRows:
    """Rows by speaker group: group ``g``'s rows are ``rows[starts[g]:starts[g + 1]]``,
    ascending, so a speaker filter finds its rows without reading every row's group."""

    rows: Int32Array
    starts: IntArray
    # How many rows each group has, kept: a speaker filter's size was np.diff of every group's
    # start at each search (32 µs for the UNGDC's 25,090 groups; 11 µs kept).
    sizes: IntArray

    @classmethod
    def of(cls, row_group: Int32Array, n_groups: int) -> GroupRows:
        rows = np.argsort(row_group, kind="stable").astype(np.int32)
        sizes = np.bincount(row_group, minlength=n_groups).astype(np.int64)
        starts = np.zeros(n_groups + 1, dtype=np.int64)
        np.cumsum(sizes, out=starts[1:])
        return cls(rows, starts, sizes)

    def count(self, groups: BoolArray) -> int:
        """How many rows the ``groups`` (a mask) have."""
        return int(self.sizes[groups].sum())

    def rows_of(self, groups: BoolArray) -> Int32Array:
        """The rows of the ``groups`` (a mask), ascending."""
        rows = self.rows[concatenated_ranges(self.starts, np.flatnonzero(groups))]
        rows.sort()
        return rows
