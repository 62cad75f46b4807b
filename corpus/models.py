"""The corpus' boundary models: what a loaded statement looks like to the rest of Verbatim."""

from __future__ import annotations

import calendar
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

DatePrecision = Literal["day", "month", "year"]
SpeakerKind = Literal["person", "collective"]


def days_in_month(year: int | None, month: int) -> int:
    """The days of ``month``; an unknown year counts as a leap year, so a year-less
    29 February is a day of the calendar (it is one in some year)."""
    return calendar.monthrange(year if year is not None else 2000, month)[1]


class DocDate(BaseModel):
    """A calendar date known to the day, the month or the year, possibly without its year.

    A China News Service dateline ("May 8th.") gives month and day but no year; the year is
    filled in only when the text anchors it, and then ``inferred`` says so.
    """

    model_config = ConfigDict(frozen=True)

    year: int | None = None
    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)
    inferred: bool = False

    @model_validator(mode="after")
    def _coherent(self) -> Self:
        if self.year is None and self.month is None:
            raise ValueError("a date needs at least a year or a month")
        if self.day is not None and self.month is None:
            raise ValueError("a day needs its month")
        if (
            self.day is not None
            and self.month is not None
            and self.day > days_in_month(self.year, self.month)
        ):
            raise ValueError(f"{self.month}/{self.day} is not a day of the calendar")
        if self.inferred and self.year is None:
            raise ValueError("only a known year can be inferred")
        return self

    @property
    def precision(self) -> DatePrecision:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    @property
    def iso(self) -> str:
        """ISO 8601 at its precision: ``2023-02-02``, ``2021-05``, ``2021``; ``--05-08`` or
        ``--05`` when the year is unknown."""
        year = f"{self.year:04d}" if self.year is not None else "-"
        parts = [year]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @property
    def year_known(self) -> bool:
        return self.year is not None


class Paragraph(BaseModel):
    """One paragraph, verbatim, and who is speaking in it."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(description="stable citation id, '<doc id>-<position>'")
    doc_id: str
    position: int = Field(ge=1, description="1-based position within its document")
    text: str
    speakers: tuple[str, ...] = Field(default=(), description="canonical names of people speaking")
    collective: tuple[str, ...] = Field(
        default=(), description="collective speakers, e.g. 'participants', 'both sides'"
    )
    mentions: tuple[str, ...] = Field(default=(), description="people named but not speaking")
    lines: tuple[int, int] | None = Field(
        default=None,
        description="first and last line (1-based) of the source text it was read from, "
        "so a reader can check the quote; None when it did not come from a line of text",
    )


class Document(BaseModel):
    """A statement or release: its metadata and its paragraphs in order."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(description="stable id from the document's content, unique in the corpus")
    path: str = Field(description="the file, POSIX-style, relative to its corpus folder")
    title: str
    date: DocDate | None = None
    source: str | None = None
    url: str | None = None
    speakers: tuple[str, ...] = ()
    extra: dict[str, str] = Field(default_factory=dict)
    paragraphs: tuple[Paragraph, ...] = ()


class Speaker(BaseModel):
    """A canonical speaker with the other spellings that name them."""

    model_config = ConfigDict(frozen=True)

    name: str
    kind: SpeakerKind = "person"
    aliases: tuple[str, ...] = ()
    role: str | None = None
    paragraph_count: int = 0
    # The countries or delegations (metadata: ISO code, else name) the person spoke for.
    places: tuple[str, ...] = ()


class LoadIssue(BaseModel):
    """A file that was skipped (``skipped``) or loaded with a caveat worth reporting."""

    model_config = ConfigDict(frozen=True)

    path: str
    reason: str
    skipped: bool = True


class CorpusStats(BaseModel):
    documents: int
    paragraphs: int
    date_from: str | None = None
    date_to: str | None = None
    undated_documents: int = 0
    yearless_documents: int = 0
    speakers: list[Speaker] = Field(default_factory=list)
    sources: dict[str, int] = Field(default_factory=dict)
    skipped: list[LoadIssue] = Field(default_factory=list)
    warnings: list[LoadIssue] = Field(default_factory=list)
    encodings: dict[str, int] = Field(
        default_factory=dict, description="files loaded, by the encoding they were read in"
    )
    file_types: dict[str, int] = Field(
        default_factory=dict, description="files loaded, by extension"
    )
    unsupported: dict[str, int] = Field(
        default_factory=dict, description="files not read for their type, by extension"
    )
    replaced_bytes: int = Field(default=0, description="undecodable bytes replaced by U+FFFD")
    nul_bytes: int = Field(default=0, description="NUL bytes removed")
    furniture: dict[str, int] = Field(
        default_factory=dict, description="page furniture removed from paragraphs, by kind"
    )
    furniture_by_file: dict[str, dict[str, int]] = Field(
        default_factory=dict, description="the same, per file (path relative to its folder)"
    )
