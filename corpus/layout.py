"""Paragraphs as the author meant them, whatever the file's layout.

Four layouts are told apart from the lines themselves:

- ``wrapped``: hard-wrapped prose (newer UNGDC files: lines of about 100 characters, blank
  lines between paragraphs). Wrapped lines join; a short line ends a paragraph; a blank line
  after a full, unfinished line is a page break inside a paragraph, not a paragraph end.
- ``indented``: paragraphs begin with an indent (the China News Service seed); an unindented
  line continues the paragraph above, even across blank lines.
- ``blocks``: blank-line separated blocks of several lines that are not regularly wrapped;
  the lines of a block join.
- ``lines``: one paragraph per line (older UNGDC files, the ministry seed).
"""

from __future__ import annotations

import re
from typing import Literal

__all__ = [
    "PARAGRAPH_CAP",
    "Layout",
    "cap_paragraph",
    "detect_layout",
    "join_lines",
    "split_paragraphs",
]

Layout = Literal["wrapped", "indented", "blocks", "lines"]

# A line that ends a sentence or a clause: wrapped prose rarely breaks right after one.
_TERMINAL_RE = re.compile(r"[.!?:;…\"”’)\]]$")
# In wrapped text, a line this share of the wrap width long is full: the wrap broke it.
_FULL_LINE = 0.8


def _wrap_width(lengths: list[int]) -> int | None:
    """The wrap width of hard-wrapped text, or None when the lines are not wrapped."""
    if len(lengths) < 4:
        return None
    ordered = sorted(lengths)
    width = ordered[int(0.9 * (len(ordered) - 1))]
    if not 30 <= width <= 140:
        return None
    if sum(1 for n in lengths if n > width * 1.3) > max(1, len(lengths) // 20):
        return None
    return width


def _wrapped(lines: list[str], width: int) -> bool:
    full = [line for line in lines if len(line) >= _FULL_LINE * width]
    if len(full) < max(3, 0.4 * len(lines)):
        return False
    # In wrapped prose most full lines stop mid-sentence; in one-paragraph-per-line text of
    # short paragraphs they end with a full stop.
    unfinished = sum(1 for line in full if not _TERMINAL_RE.search(line))
    return unfinished >= 0.5 * len(full)


def detect_layout(lines: list[str]) -> tuple[Layout, int]:
    """The layout of ``lines`` (cleaned, indentation kept) and, for ``wrapped``, its width."""
    stripped = [line.strip() for line in lines if line.strip()]
    width = _wrap_width([len(line) for line in stripped])
    if width is not None and _wrapped(stripped, width):
        return "wrapped", width
    nonempty = [line for line in lines if line.strip()]
    indented = sum(1 for line in nonempty if line[0] == " ")
    # A few stray leading spaces are noise; a paragraph-opening indent recurs.
    if indented >= max(2, 0.15 * len(nonempty)) and indented < len(nonempty):
        return "indented", 0
    # Blocks whose lines break mid-sentence are wrapped paragraphs (irregularly); lines that
    # end sentences are paragraphs of their own.
    blocks = _blocks(lines)
    inner = [line for block in blocks for line in block[:-1]]
    # Without blank lines there are no blocks to speak of: one paragraph a line.
    if (
        len(blocks) >= 2
        and inner
        and sum(1 for line in inner if not _TERMINAL_RE.search(line)) >= 0.5 * len(inner)
    ):
        return "blocks", 0
    return "lines", 0


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def join_lines(parts: list[str]) -> str:
    """Join wrapped lines with a space; a word hyphenated at the end of a line stays whole."""
    text = ""
    for part in parts:
        if not text:
            text = part
        elif text.endswith("-") and part[:1].islower() and not text.endswith(" -"):
            text += part
        else:
            text += " " + part
    return text


def _mend(paragraphs: list[str]) -> list[str]:
    """Rejoin a sentence broken across two paragraphs: the first stops without punctuation
    and the second starts in lower case ("…both great and small, which" / "assume a…")."""
    mended: list[str] = []
    for paragraph in paragraphs:
        if mended and paragraph[:1].islower() and not _TERMINAL_RE.search(mended[-1]):
            mended[-1] = join_lines([mended[-1], paragraph])
        else:
            mended.append(paragraph)
    return mended


def _split_wrapped(lines: list[str], width: int) -> list[str]:
    paragraphs: list[str] = []
    current: list[str] = []
    short = 0.6 * width
    for raw in lines:
        line = raw.strip()
        if not line:
            last = current[-1] if current else ""
            if current and len(last) >= _FULL_LINE * width and not _TERMINAL_RE.search(last):
                continue  # a page break in the middle of a sentence
            if current:
                paragraphs.append(join_lines(current))
                current = []
            continue
        current.append(line)
        if len(line) < short:
            paragraphs.append(join_lines(current))
            current = []
    if current:
        paragraphs.append(join_lines(current))
    return paragraphs


def _split_indented(lines: list[str]) -> list[str]:
    paragraphs: list[list[str]] = []
    for line in lines:
        if not line.strip():
            continue
        if line[0] == " " or not paragraphs:
            paragraphs.append([line.strip()])
        else:
            paragraphs[-1].append(line.strip())
    return [join_lines(parts) for parts in paragraphs]


def split_paragraphs(lines: list[str]) -> tuple[list[str], Layout]:
    """The paragraphs of a document body, each one string, and the layout found."""
    layout, width = detect_layout(lines)
    if layout == "wrapped":
        return _mend(_split_wrapped(lines, width)), layout
    if layout == "indented":
        return _split_indented(lines), layout
    if layout == "blocks":
        return [join_lines(block) for block in _blocks(lines)], layout
    return _mend([line.strip() for line in lines if line.strip()]), layout


# The longest paragraph kept whole. Anything a query touches (excerpts, bold marks,
# near-duplicate shingles, the BM25 posting of each term) costs time in the paragraph's
# length, and a corpus file may hold one 16 MB paragraph: one /ask over it took 33 s. The
# longest paragraph of the UNGDC has under 2,000 characters, so no real paragraph is cut.
PARAGRAPH_CAP = 5_000
# A sentence end: . ! ? ; or … with closing quotes or brackets, then a space.
_SENTENCE_END_RE = re.compile(r"[.!?;…][\"'”’)\]]{0,4}\s")


def cap_paragraph(text: str, cap: int = PARAGRAPH_CAP) -> list[str]:
    """``text`` in pieces of at most ``cap`` characters, each ending at the last sentence
    end of its second half (else at its last space, else at ``cap`` characters). Every
    character is kept, in order: only the whitespace at a cut is dropped, so joining the
    pieces with one space gives back a paragraph that had single spaces."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > cap:
        low, high = start + cap // 2, start + cap
        cut = 0
        for match in _SENTENCE_END_RE.finditer(text, low, high + 1):
            if not _abbreviation_before(text, match.start(), low):
                cut = match.end() - 1
        if not cut:
            cut = text.rfind(" ", low, high + 1)
        if cut <= start:
            cut = high
        pieces.append(text[start:cut].rstrip())
        start = cut
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        pieces.append(text[start:])
    return pieces


def _abbreviation_before(text: str, stop: int, low: int) -> bool:
    """A full stop after a short capitalised word ("Mr.", "Dr.", "U.S."): no sentence end."""
    word = text[max(low, text.rfind(" ", low, stop) + 1) : stop]
    return text[stop] == "." and len(word) <= 3 and word[:1].isupper()
