"""Answers, quotes and documents as text, written once for two styles: the Discord markdown
the bot sends (:data:`MARKDOWN`, the default) and plain text for a terminal (:func:`plain`).

Each function builds its text from a :class:`Style`, which says how to show corpus text, bold,
emphasis, code, links and quotes; the two styles differ only there. Pure functions of the
boundary models, composable piece by piece (the bot builds its embeds from
``render_citation`` and ``render_hit``).

Everything from the corpus (paragraphs, titles, sources, speakers, file names) goes through
the style, which in markdown escapes it with the one rule, ``excerpt.escape_markdown``: a
``[masked](link)``, a ``# heading`` or an ``<@id>`` in a corpus file reads as written, never as
a link, a heading or a mention (the bot also sends with ``AllowedMentions.none()``, so nothing
pings). The plain style strips control characters from corpus text (:func:`printable`): a
paragraph holding ``ESC [2J`` must not clear a reader's terminal.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from corpus.cli import quote_odd
from corpus.dates import citation_label
from corpus.models import Document, Paragraph

from .excerpt import escape_markdown, runs, unmark
from .models import Answer, Citation, DatedDocuments, Hit
from .wording import Failure, named, one_line

SEPARATOR = " · "
# What an answer without hits says when retrieval gave no reason of its own.
NOTHING_MATCHES = "Nothing in the corpus matches."
# Above the passages shown when none answers (``not_found`` set, ``hits`` the closest ones).
CLOSEST_LABEL = "Closest passages (not an answer)"

# C0 and C1 control characters and DEL, except the line feed and tab a paragraph may hold.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` without control characters (C0, DEL, C1) other than ``\\n`` and ``\\t``."""
    return _CONTROL.sub("", text)


def _link_target(url: str) -> str:
    # Spaces and parentheses would end a markdown link early.
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


class Style:
    """Discord markdown: corpus text escaped, ``**bold**``, ``*emphasis*``, `` `code` ``,
    ``[text](url)`` links. :class:`PlainStyle` overrides each for a terminal."""

    def escaped(self, text: str) -> str:
        """A field of corpus (or user) text shown inline, on one line, as written: titles,
        sources, speaker names, a typed date."""
        return named(text)

    def paragraph(self, text: str) -> str:
        """A whole paragraph of corpus text, its lines kept, shown as written."""
        return escape_markdown(text)

    def text(self, text: str) -> str:
        """Text of ours, already markdown: messages that escaped what they quote
        (``wording.quoted``)."""
        return text

    def excerpt(self, excerpt_text: str) -> str:
        """An excerpt (already markdown: escaped, query words in ``**``)."""
        return excerpt_text

    def strong(self, text: str) -> str:
        return f"**{text}**"

    def emphasis(self, text: str) -> str:
        return f"*{text}*"

    def code(self, text: str) -> str:
        """An id or a file name in a code span; one holding a backtick, which would close
        the span early, is shown escaped instead."""
        return f"`{text}`" if "`" not in text and "\n" not in text else self.escaped(text)

    def link(self, shown: str, url: str | None) -> str:
        """``shown`` (already escaped: no bracket of its own can close the link) linked."""
        if not url:
            return shown
        return f"[{shown}]({_link_target(url)})"


class PlainStyle(Style):
    """Plain text for a terminal: no markup but bold as ANSI when ``bold`` (a terminal that
    shows it), URLs shown whole, control characters stripped from corpus text."""

    def __init__(self, *, bold: bool = False) -> None:
        self.bold = bold

    def escaped(self, text: str) -> str:
        return printable(one_line(text))

    def paragraph(self, text: str) -> str:
        return printable(text)

    def text(self, text: str) -> str:
        # A message's markdown escapes (``quoted``, ``named``) read back as typed.
        return printable(unmark(text))

    def excerpt(self, excerpt_text: str) -> str:
        return "".join(
            self.strong(printable(text)) if bold else printable(text)
            for text, bold in runs(excerpt_text)
        )

    def strong(self, text: str) -> str:
        return f"\x1b[1m{text}\x1b[22m" if self.bold and text else text

    def emphasis(self, text: str) -> str:
        return text

    def code(self, text: str) -> str:
        return text

    def link(self, shown: str, url: str | None) -> str:
        return f"{shown} <{printable(url)}>" if url else shown


MARKDOWN = Style()


def plain(*, bold: bool = False) -> PlainStyle:
    """The terminal's style; ``bold`` only where ANSI bold is welcome (a TTY, no NO_COLOR)."""
    return PlainStyle(bold=bold)


def render_title(c: Citation, style: Style = MARKDOWN) -> str:
    return style.link(style.emphasis(style.escaped(c.title)), c.url)


def render_speakers(c: Citation, style: Style = MARKDOWN) -> str:
    return style.escaped(", ".join(c.speakers or c.collective))


def paragraph_label(position: int, last_position: int | None = None) -> str:
    """``¶3``; a list quoted with its lead names its range, ``¶5–¶9``. The one way a
    paragraph's place is shown (citations, documents, the bot's context and pages)."""
    if last_position is None or last_position == position:
        return f"¶{position}"
    return f"¶{position}–¶{last_position}"


def render_citation(c: Citation, style: Style = MARKDOWN) -> str:
    """``— Qin Gang · *Title* · Source · 2023-02-02 · ¶3 · `043514e2-3```."""
    parts = [render_speakers(c, style), render_title(c, style)]
    if c.source:
        parts.append(style.escaped(c.source))
    parts += [citation_label(c.date), paragraph_label(c.position, c.last_position)]
    parts.append(style.code(c.id))
    return "— " + SEPARATOR.join(p for p in parts if p)


def render_also_in(c: Citation, style: Style = MARKDOWN) -> str:
    """A short line for a near-duplicate: where else the same words were published."""
    parts = [render_title(c, style)]
    if c.source:
        parts.append(style.escaped(c.source))
    parts += [citation_label(c.date), style.code(c.id)]
    return "also in " + SEPARATOR.join(parts)


def block_quote(text: str) -> str:
    return "\n".join("> " + line if line.strip() else ">" for line in text.splitlines() or [""])


def render_hit(hit: Hit, style: Style = MARKDOWN) -> str:
    """The excerpt as a block quote, then its citation (and any near-duplicates)."""
    lines = [block_quote(style.excerpt(hit.excerpt)), render_citation(hit.citation, style)]
    lines += [render_also_in(c, style) for c in hit.also_in]
    return "\n".join(lines)


def render_understood(answer: Answer, style: Style = MARKDOWN) -> str:
    if not answer.understood:
        return ""
    return style.emphasis(style.escaped(", ".join(answer.understood)))


def render_not_found(answer: Answer, style: Style = MARKDOWN) -> str:
    lines = [style.text(answer.not_found or NOTHING_MATCHES)]
    if answer.suggestions:
        lines.append("Try:")
        lines += [f"- {style.text(s)}" for s in answer.suggestions]
    return "\n".join(lines)


def render_not_found_line(answer: Answer, style: Style = MARKDOWN) -> str:
    """What was not found and what to try, on one line (for a lookup by name)."""
    failure = Failure(answer.not_found or NOTHING_MATCHES, list(answer.suggestions))
    return style.text(failure.line())


def render_paging(answer: Answer, style: Style = MARKDOWN) -> str:
    if not answer.hits:
        return ""
    first = answer.query.offset + 1
    last = answer.query.offset + len(answer.hits)
    noun = "paragraph" if answer.total == 1 else "paragraphs"
    # A pruned search knows only that at least this many paragraphs match.
    at_least = "" if answer.total_exact else "+"
    return style.emphasis(f"{first}–{last} of {answer.total:,}{at_least} matching {noun}")


def render_answer(answer: Answer, style: Style = MARKDOWN) -> str:
    """The understood line, the best quote, the next hits; or what was not found and what to
    try instead, then the closest passages if there are any, under ``CLOSEST_LABEL``."""
    blocks = [render_understood(answer, style)]
    if answer.not_found or not answer.hits:
        blocks.append(render_not_found(answer, style))
        if answer.hits:
            blocks.append(style.strong(CLOSEST_LABEL))
            blocks += [render_hit(hit, style) for hit in answer.hits]
    else:
        blocks += [render_hit(hit, style) for hit in answer.hits]
        blocks.append(render_paging(answer, style))
    return "\n\n".join(b for b in blocks if b) + "\n"


def document_speakers(document: Document) -> tuple[str, ...]:
    """The document's speakers, else everyone speaking in its paragraphs, in order of
    appearance."""
    return document.speakers or tuple(
        dict.fromkeys(name for paragraph in document.paragraphs for name in paragraph.speakers)
    )


def render_document_line(document: Document, style: Style = MARKDOWN) -> str:
    """``• 2021-05-08 · [Title](url) · `0fe5e609```: one document of a list."""
    title = style.link(style.escaped(document.title), document.url)
    return f"• {citation_label(document.date)} · {title} · {style.code(document.id)}"


def dated_heading(typed: str, documents: Sequence[Document]) -> str:
    """``May 2021: 3 documents``: what a list of the documents dated as ``typed`` is headed."""
    count = len(documents)
    return f"{typed}: {count} document" + ("" if count == 1 else "s")


def yearless_note(documents: Sequence[Document], style: Style = MARKDOWN) -> str:
    """Said under a list of dated documents when some have no year, else ""."""
    if not any(d.date is not None and d.date.year is None for d in documents):
        return ""
    return style.emphasis("Documents marked “year unknown” match on month and day only.")


def render_dated(dated: DatedDocuments, typed: str, style: Style = MARKDOWN) -> str:
    """The documents dated as ``typed`` (one a line), then one page of their paragraphs."""
    lines = [
        style.strong(dated_heading(style.escaped(typed), dated.documents)),
        *(render_document_line(d, style) for d in dated.documents),
        yearless_note(dated.documents, style),
    ]
    return "\n".join(line for line in lines if line) + "\n\n" + render_answer(dated.answer, style)


def render_paragraph(paragraph: Paragraph, style: Style = MARKDOWN) -> str:
    """``¶3 `5554e811-3```, then the whole paragraph as a block quote."""
    heading = f"{style.strong(paragraph_label(paragraph.position))} {style.code(paragraph.id)}"
    return heading + "\n" + block_quote(style.paragraph(paragraph.text))


def render_document(
    document: Document, style: Style = MARKDOWN, *, paragraphs: int | None = None
) -> str:
    """A document's card (title, source, date, speakers, id) and its first ``paragraphs``
    paragraphs (all when None)."""
    shown = document.paragraphs[:paragraphs]
    speakers = ", ".join(document_speakers(document)) or "none identified"
    card = [
        style.strong(style.link(style.escaped(document.title), document.url)),
        SEPARATOR.join(
            [
                f"Source: {style.escaped(document.source or 'unknown')}",
                f"Date: {citation_label(document.date)}",
                f"Paragraphs: {len(document.paragraphs)}",
            ]
        ),
        f"Speakers: {style.escaped(speakers)}",
        f"document {style.code(document.id)} · {style.code(quote_odd(document.path))}",
    ]
    blocks = ["\n".join(card), *(render_paragraph(p, style) for p in shown)]
    if len(shown) < len(document.paragraphs):
        rest = len(document.paragraphs) - len(shown)
        blocks.append(style.emphasis(f"… and {rest} more paragraphs"))
    return "\n\n".join(blocks) + "\n"
