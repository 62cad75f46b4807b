"""One document's text to its metadata and attributed paragraphs (no ids yet: those need the
whole corpus to stay unique)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from .attribution import Attribution, DocumentNames, attribute, first_person, narrative
from .clean import clean_lines, is_chrome
from .dates import date_from_first_sentence, date_from_line, split_dateline
from .furniture import strip_furniture
from .layout import Layout, cap_paragraph, split_paragraphs
from .models import DocDate
from .text import fold
from .years import infer_year

__all__ = ["ParsedDocument", "ParsedParagraph", "SourceFields", "parse_document"]


@dataclass
class SourceFields:
    """Metadata given outside the text (front matter, a JSONL record, a metadata table row);
    each field set here overrides what the text says."""

    title: str | None = None
    date: DocDate | None = None
    source: str | None = None
    url: str | None = None
    speakers: tuple[str, ...] = ()
    extra: dict[str, str] = field(default_factory=dict)

    def merged(self, other: SourceFields) -> SourceFields:
        """``other`` (a metadata table row) wins over ``self`` (the file's own fields)."""
        return SourceFields(
            title=other.title or self.title,
            date=other.date or self.date,
            source=other.source or self.source,
            url=other.url or self.url,
            speakers=other.speakers or self.speakers,
            extra={**self.extra, **other.extra},
        )


class ParsedParagraph(NamedTuple):
    """A tuple, not an object: hundreds of thousands cross from worker processes."""

    text: str
    speakers: tuple[str, ...]
    collective: tuple[str, ...]
    mentions: tuple[str, ...]
    lines: tuple[int, int] | None = None  # first and last source line, 1-based


@dataclass
class ParsedDocument:
    title: str
    date: DocDate | None
    source: str | None
    url: str | None
    speakers: tuple[str, ...]
    extra: dict[str, str]
    paragraphs: list[ParsedParagraph]
    layout: Layout
    short_forms: dict[str, set[str]] = field(default_factory=dict)
    furniture: dict[str, int] = field(default_factory=dict)  # lines and pieces removed, by kind


_TITLE_CASE_WORD_RE = re.compile(r"[^\W\d_][\w'’-]{3,}")


_SALUTATION_RE = re.compile(
    r"^\W*(?:mr|mrs|ms|mdm|madam|madame|mister|your|excellenc|distinguished|ladies|dear|"
    r"honou?rable|h\.\s?e\.)",
    re.IGNORECASE,
)


_FIRST_PERSON_WORD_RE = re.compile(r"\b(?:I|we|We|our|Our|my|My)\b")


def _looks_like_title(line: str) -> bool:
    """A short headline in title case, not a sentence and not a salutation ("Mr. President")."""
    text = line.strip()
    if not text or len(text) > 200 or len(text.split()) < 2:
        return False
    if text.rstrip("*_ ")[-1:] in ".,;:!?" or _SALUTATION_RE.match(text):
        return False
    if _FIRST_PERSON_WORD_RE.search(text):
        return False  # "I would like to congratulate…": a sentence wrapped onto a page break
    words = _TITLE_CASE_WORD_RE.findall(text)
    capitalised = sum(1 for word in words if word[0].isupper())
    return bool(words) and capitalised >= 0.6 * len(words)


def _header(lines: list[str]) -> tuple[str | None, DocDate | None, list[str]]:
    """Title line and date line at the top of the text, and the remaining lines."""
    index = 0
    title: str | None = None
    date: DocDate | None = None
    for _ in range(3):
        while index < len(lines) and not lines[index].strip():
            index += 1
        if index >= len(lines):
            break
        line = lines[index]
        if date is None and (found := date_from_line(line)) is not None:
            date = found
            index += 1
            continue
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if (
            title is None
            and not line.startswith(" ")
            and _looks_like_title(line)
            and (not following.strip() or date_from_line(following) is not None)
            and any(rest.strip() for rest in lines[index + 1 :])
        ):
            title = line.strip()
            index += 1
            continue
        break
    return title, date, lines[index:]


# Only the opening marks are matched by a regex; the text is cut with ``str.strip``. The
# former one-regex form (``#{1,6}\s+(.*?)\s*#*\s*$``) backtracked cubically on a line of
# spaces: 3.2 KB took 50 s to load, and ``re`` holds the GIL.
_MD_HEADING_OPEN_RE = re.compile(r"\s{0,3}#{1,6}\s")


def _heading_text(line: str) -> str | None:
    """The text of an ATX heading line ("## Title ##" -> "Title"), or None for other lines."""
    match = _MD_HEADING_OPEN_RE.match(line)
    if match is None:
        return None
    return line[match.end() :].strip().rstrip("#").rstrip()


def _markdown_headings(lines: list[str]) -> tuple[str | None, list[str]]:
    """A Markdown file's first heading is its title; headings are not paragraphs."""
    title: str | None = None
    kept: list[str] = []
    for line in lines:
        heading = _heading_text(line)
        if heading is not None:
            if title is None and heading:
                title = heading
            kept.append("")
            continue
        kept.append(line)
    return title, kept


def fallback_title(paragraphs: Sequence[str], limit: int = 90) -> str:
    """No title anywhere: the opening words of the first paragraph, cut at a word."""
    if not paragraphs:
        return ""
    first = paragraphs[0]
    if len(first) <= limit:
        return first
    cut = first[: limit + 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def _squeeze(text: str) -> str:
    """Runs of spaces inside a paragraph become one (line joins and alignment padding)."""
    return " ".join(text.split()) if "  " in text else text


def parse_document(
    text: str,
    given: SourceFields,
    *,
    aliases: Mapping[str, str],
    alias_pattern: re.Pattern[str] | None = None,
    markdown: bool = False,
    first_line: int | None = 1,
) -> ParsedDocument:
    """``first_line``: the file line ``text`` starts on (None: the text is not lines of a
    file), from which each paragraph's source lines are counted."""
    lines = clean_lines(text)
    heading: str | None = None
    if markdown:
        heading, lines = _markdown_headings(lines)
    title, date, body = _header(lines)
    stripped = strip_furniture(body)
    pieces, layout = split_paragraphs(stripped.lines, stripped.furniture)
    texts = [piece.text for piece in pieces]
    # Body index i is file line first_line + offset + i: cleaning keeps every line.
    offset = None if first_line is None else first_line + len(lines) - len(body)
    spans = [
        None if offset is None else (offset + piece.first, offset + piece.last)
        for piece in pieces
    ]
    source = given.source
    if texts and (dateline := split_dateline(texts[0])) is not None:
        dateline_source, dateline_date, rest = dateline
        source = source or dateline_source
        date = date or dateline_date
        texts[0] = rest
    if date is None and texts:
        date = date_from_first_sentence(texts[0])
    # Over-long paragraphs become several (layout.PARAGRAPH_CAP says why), each with the
    # whole paragraph's line span.
    capped = [
        (piece, span)
        for t, span in zip(texts, spans, strict=True)
        if t and not is_chrome(t)
        for piece in cap_paragraph(_squeeze(t))
    ]
    texts = [t for t, _ in capped]
    spans = [span for _, span in capped]
    if given.date is not None:
        date = given.date
    if date is not None and date.year is None:
        year = infer_year("\n".join(texts), date.month)
        if year is not None:
            date = DocDate(year=year, month=date.month, day=date.day, inferred=True)
    names = DocumentNames(aliases=aliases, alias_pattern=alias_pattern)
    paragraphs = [
        paragraph._replace(lines=span)
        for paragraph, span in zip(
            _attribute_all(texts, given.speakers, names), spans, strict=True
        )
    ]
    return ParsedDocument(
        title=given.title or heading or title or fallback_title(texts),
        date=date,
        source=source,
        url=given.url,
        # Listed speakers, else everyone who speaks in some paragraph, in order.
        speakers=given.speakers
        or tuple(dict.fromkeys(name for p in paragraphs for name in p.speakers)),
        extra=given.extra,
        paragraphs=paragraphs,
        layout=layout,
        short_forms=names.short_forms,
        furniture=dict(stripped.removed),
    )


def _attribute_all(
    texts: list[str], listed: tuple[str, ...], names: DocumentNames
) -> list[ParsedParagraph]:
    for name in listed:
        names.full_names.setdefault(fold(name), name)
    paragraphs: list[ParsedParagraph] = []
    previous: Attribution | None = None  # the speech a following paragraph may carry on
    last_speakers: tuple[str, ...] = ()
    for text in texts:
        found = attribute(text, names, speech=not listed)
        if listed:
            # A metadata table names who speaks the whole file; names in the text are
            # people the speaker talks about.
            mentions = tuple(m for m in (*found.speakers, *found.mentions) if m not in listed)
            paragraphs.append(ParsedParagraph(text, listed, (), mentions))
            continue
        speakers, collective = found.speakers, found.collective
        if not speakers and not collective:
            if found.pronoun and last_speakers:
                speakers = last_speakers
            elif (
                previous is not None
                and not narrative(text)
                and (not found.mentions or first_person(text))
            ):
                speakers, collective = previous.speakers, previous.collective
        if speakers or collective:
            previous = Attribution(speakers=speakers, collective=collective)
        else:
            previous = None
        if speakers:
            last_speakers = speakers
        mentions = tuple(m for m in found.mentions if m not in speakers)
        paragraphs.append(ParsedParagraph(text, speakers, collective, mentions))
    return paragraphs
