"""Boundary models of the answering core, shared by the CLI and the bot."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from corpus.dates import parse_typed, range_label
from corpus.models import DocDate, Document

MAX_QUERY_CHARS = 2000
MAX_K = 100  # hits on one page


class DateRange(BaseModel):
    """An inclusive range of dates; either end may be open.

    Ends are compared at their own precision (``2021`` covers the whole year) and a document
    whose year is unknown matches on month and day alone.
    """

    model_config = ConfigDict(frozen=True)

    start: DocDate | None = None
    end: DocDate | None = None

    @classmethod
    def typed(cls, when: str, what: str = "") -> DateRange:
        """The range a user typed ("May 2021", "2021-05-01..2021-05-31"); ``NotADate``, whose
        message lists the forms that work, when it is not a date."""
        first, last = parse_typed(when, what)
        return cls(start=first, end=last)

    @classmethod
    def between(
        cls, first: str | None, last: str | None, names: tuple[str, str] = ("from", "to")
    ) -> DateRange | None:
        """From the start of one typed date to the end of another; either may be missing (None
        when both are). ``names`` are the two fields' names, for the error message."""
        start = cls.typed(first, names[0]).start if first and first.strip() else None
        end = cls.typed(last, names[1]).end if last and last.strip() else None
        return cls(start=start, end=end) if start or end else None

    @property
    def label(self) -> str:
        """"May 2021", "2019–2022", "2019–…"."""
        return range_label(self.start, self.end)


class Query(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str = Field(default="", max_length=MAX_QUERY_CHARS)
    speaker: str | None = Field(default=None, description="canonical name or any alias")
    dates: DateRange | None = None
    source: str | None = None
    country: str | None = Field(
        default=None, description="a country or delegation: name, ISO code or short form"
    )
    involving: str | None = Field(
        default=None,
        description="a person as context: only documents where they speak or are named",
    )
    document: str | None = Field(default=None, description="a document id")
    k: int = Field(default=5, ge=1, le=MAX_K)
    offset: int = Field(default=0, ge=0)

    @classmethod
    def lenient(
        cls,
        text: str = "",
        *,
        speaker: str | None = None,
        dates: DateRange | None = None,
        source: str | None = None,
        country: str | None = None,
        involving: str | None = None,
        k: int = 5,
        offset: int = 0,
    ) -> Query:
        """A query from what a user typed, never refused: the text cut to ``MAX_QUERY_CHARS``,
        ``k`` brought into 1..``MAX_K``, a negative ``offset`` taken as 0."""
        return cls(
            text=text[:MAX_QUERY_CHARS],
            speaker=speaker,
            dates=dates,
            source=source,
            country=country,
            involving=involving,
            k=min(max(k, 1), MAX_K),
            offset=max(offset, 0),
        )


class Citation(BaseModel):
    """Everything a reader needs to find a quote again."""

    model_config = ConfigDict(frozen=True)

    id: str
    doc_id: str
    position: int
    last_position: int | None = Field(
        default=None, description="when a list is quoted with its lead: the last point's ¶"
    )
    speakers: tuple[str, ...] = ()
    collective: tuple[str, ...] = ()
    title: str
    source: str | None = None
    url: str | None = None
    date: DocDate | None = None
    path: str


class Hit(BaseModel):
    model_config = ConfigDict(frozen=True)

    citation: Citation
    score: float
    text: str = Field(description="the whole paragraph, verbatim")
    excerpt: str = Field(description="corpus characters only, query words in **bold**, … for gaps")
    mentions: tuple[str, ...] = ()
    also_in: tuple[Citation, ...] = Field(
        default=(), description="near-duplicates of this paragraph elsewhere in the corpus"
    )


class Answer(BaseModel):
    """The result of a question: what was understood, and the quotes that answer it."""

    model_config = ConfigDict(frozen=True)

    question: str
    query: Query = Field(description="the query as understood (filters taken from the question)")
    understood: tuple[str, ...] = Field(
        default=(), description="what was read from the question, e.g. 'showing Wang Yi, May 2021'"
    )
    hits: tuple[Hit, ...] = ()
    total: int = Field(default=0, description="matching paragraphs before paging")
    total_exact: bool = Field(
        default=True, description="False: total is a lower bound (the search stopped early)"
    )
    not_found: str | None = Field(default=None, description="plain explanation when nothing fits")
    suggestions: tuple[str, ...] = ()


class DatedDocuments(BaseModel):
    """The documents dated in a range, and one page of their paragraphs."""

    model_config = ConfigDict(frozen=True)

    dates: DateRange = Field(description="the range as searched (reversed ends swapped)")
    documents: tuple[Document, ...] = Field(
        default=(), description="every document dated in the range (corpus order, no paragraphs)"
    )
    answer: Answer = Field(description="their paragraphs ranked by the topic, else newest first")
