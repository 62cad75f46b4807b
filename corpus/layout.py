"""Paragraphs as the author meant them, whatever the file's layout.

Five layouts are told apart from the lines themselves (page furniture already blanked, see
:mod:`corpus.furniture`; the lines it blanked are passed so a page break is not taken for a
paragraph break):

- ``wrapped``: hard-wrapped prose with blank lines between paragraphs (UNGDC 1969, 2013-2014,
  2020-2024). Wrapped lines join; a short line ends a paragraph; a blank line after a full,
  unfinished line is a page break inside a paragraph, not a paragraph end.
- ``indented``: paragraphs begin with an indent (the China News Service seed; the hard-wrapped
  UNGDC files of 2006-2011, where a leading space is the only sign: a short sentence-final
  line occurs inside their paragraphs); an unindented line continues the paragraph above, even
  across blank lines.
- ``unbroken``: hard-wrapped prose with no blank line and no indent between paragraphs (UNGDC
  1982, 1992-2005, 2012). A paragraph ends where a sentence-final line stops clearly short of
  the file's wrap width, or short of where the next line's first word would have fitted, and a
  capitalised line follows; a numbered line (``63.``, ``(a)``) after a sentence end starts one.
  Blank lines are page breaks there, never paragraph ends.
- ``blocks``: blank-line separated blocks of several lines that are not regularly wrapped;
  the lines of a block join.
- ``lines``: one paragraph per line (older UNGDC files, the ministry seed).

Every paragraph keeps the indices of its first and last line, so a quote can be checked
against its source.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Collection
from typing import Literal, NamedTuple

__all__ = [
    "PARAGRAPH_CAP",
    "Layout",
    "Piece",
    "cap_paragraph",
    "detect_layout",
    "join_lines",
    "split_paragraphs",
]

Layout = Literal["wrapped", "indented", "unbroken", "blocks", "lines"]


class Piece(NamedTuple):
    """A paragraph's text and the indices of its first and last line in the lines given."""

    text: str
    first: int
    last: int


# A line that ends a sentence or a clause: wrapped prose rarely breaks right after one.
# (A tuple for str.endswith, not a regex: asked of every line of the corpus.)
_TERMINAL = tuple(".!?:;…\"”’)]")
# A line that ends a sentence (not a clause): what may end an unbroken-layout paragraph.
_SENTENCE_END = tuple(".!?…")
_CLOSING = "\"”’)]"
# A line that may open a paragraph: a capital, a digit, an opening quote or bracket.
_OPENING_RE = re.compile(r"[\"“‘'(\[]?[A-Z0-9À-ÖØ-Þ]")
# The record's paragraph numbers and list items at a line start: "63. ", "(a) ", "a) ".
_NUMBERED_RE = re.compile(r"(?:\d{1,3}\.|\(?[a-z]\)|\(\d{1,3}\))\s")
# In wrapped text, a line this share of the wrap width long is full: the wrap broke it.
_FULL_LINE = 0.8
# The next word "would have fitted" on a line when the line and it come to this share of the
# file's full width at most: the slack allows for metrics that are not quite the printer's
# (measured on the gold: no line inside a paragraph comes within 3% of fitting one more word).
_FITTED = 1.02
# ... and a paragraph's first line, indented in the printed record, stops short of the width
# by more than the next word (on the gold: at most 0.96 of it for first lines after a
# sentence-final line, at least 1.03 for the other lines there).
_INDENT_FITTED = 0.97
# Indented lines opening paragraphs recur; a few stray leading spaces are noise.
_INDENT_SHARE = 0.03
# Blank-line structure: about one paragraph-separating blank run per this many lines or more
# (page breaks alone give one per 50-60 lines of a printed page).
_LINES_PER_BLANK_RUN = 25


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
    unfinished = sum(1 for line in full if not line.endswith(_TERMINAL))
    return unfinished >= 0.5 * len(full)


def _page_break(previous: str, width: int) -> bool:
    """A blank line after ``previous`` is a page break inside a sentence: the line is full."""
    return len(previous) >= _FULL_LINE * width and not previous.endswith(_TERMINAL)


def _blank_separated(lines: list[str], furniture: Collection[int], width: int) -> bool:
    """Blank lines separate the paragraphs: enough blank runs that are neither page breaks
    inside a sentence nor the blank lines around removed furniture."""
    runs = 0
    speech = 0
    previous = ""
    in_run = at_furniture = False
    for index, line in enumerate(lines):
        if not line.strip():
            in_run = True
            at_furniture = at_furniture or index in furniture
            continue
        if in_run and previous and not at_furniture and not _page_break(previous, width):
            runs += 1
        in_run = at_furniture = False
        previous = line.strip()
        speech += 1
    return runs >= max(1, speech / _LINES_PER_BLANK_RUN)


def detect_layout(lines: list[str], furniture: Collection[int] = ()) -> tuple[Layout, int]:
    """The layout of ``lines`` (cleaned, indentation kept) and, when wrapped, its width."""
    stripped = [line.strip() for line in lines if line.strip()]
    nonempty = [line for line in lines if line.strip()]
    indented = sum(1 for line in nonempty if line[0] == " ")
    width = _wrap_width([len(line) for line in stripped])
    if width is not None and _wrapped(stripped, width):
        if max(2, _INDENT_SHARE * len(nonempty)) <= indented < 0.5 * len(nonempty):
            return "indented", width
        if _blank_separated(lines, furniture, width):
            return "wrapped", width
        return "unbroken", width
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
        and sum(1 for line in inner if not line.endswith(_TERMINAL)) >= 0.5 * len(inner)
    ):
        return "blocks", 0
    return "lines", 0


class _Draft:
    """A paragraph being gathered: its lines' text and the indices of its first and last."""

    __slots__ = ("first", "last", "parts")

    def __init__(self, index: int, text: str) -> None:
        self.parts = [text]
        self.first = index
        self.last = index

    def add(self, index: int, text: str) -> None:
        self.parts.append(text)
        self.last = index

    def piece(self) -> Piece:
        return Piece(join_lines(self.parts), self.first, self.last)


def _numbered(lines: list[str]) -> list[tuple[int, str]]:
    """The non-blank lines, stripped, with their indices."""
    return [(index, line.strip()) for index, line in enumerate(lines) if line.strip()]


def _blocks(lines: list[str]) -> list[list[str]]:
    return [[text for _, text in block] for block in _numbered_blocks(lines)]


def _numbered_blocks(lines: list[str]) -> list[list[tuple[int, str]]]:
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        if line.strip():
            current.append((index, line.strip()))
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


def _mend(pieces: list[Piece]) -> list[Piece]:
    """Rejoin a sentence broken across two paragraphs: the first stops without punctuation
    and the second starts in lower case ("…both great and small, which" / "assume a…")."""
    mended: list[Piece] = []
    for piece in pieces:
        if mended and piece.text[:1].islower() and not mended[-1].text.endswith(_TERMINAL):
            previous = mended[-1]
            mended[-1] = Piece(join_lines([previous.text, piece.text]), previous.first, piece.last)
        else:
            mended.append(piece)
    return mended


def _split_wrapped(lines: list[str], width: int) -> list[Piece]:
    pieces: list[Piece] = []
    current: _Draft | None = None
    short = 0.6 * width
    for index, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            if current is not None and not _page_break(current.parts[-1], width):
                pieces.append(current.piece())
                current = None
            continue
        if current is None:
            current = _Draft(index, line)
        else:
            current.add(index, line)
        if len(line) < short:
            pieces.append(current.piece())
            current = None
    if current is not None:
        pieces.append(current.piece())
    return pieces


# Printed width of a character in a proportional typeface (Times Roman's metrics, thousandths
# of an em; anything not listed counts as a digit's 500). The UN's typeset records wrap by
# printed width, so there a line's character count says little about whether it was full.
_LOWER_WIDTHS = [444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778]
_LOWER_WIDTHS += [500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444]  # n-z
_UPPER_WIDTHS = [722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889]
_UPPER_WIDTHS += [722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611]  # N-Z
_GLYPH_WIDTHS = {
    **dict(zip("abcdefghijklmnopqrstuvwxyz", _LOWER_WIDTHS, strict=True)),
    **dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", _UPPER_WIDTHS, strict=True)),
    **dict.fromkeys(" .,", 250),
    **dict.fromkeys(";:", 278),
    **dict.fromkeys("-()'", 333),
    **dict.fromkeys('"', 444),
}
# The same in quarters of a thousandth, one byte a character, for bytes.translate: the width of
# a line is then the sum of its translated bytes, computed in C (~4 million lines in the
# UNGDC). Characters outside ASCII become "?" and count as a digit, like any unlisted one.
_WIDTH_BYTES = bytes(round(_GLYPH_WIDTHS.get(chr(code), 500) / 4) for code in range(256))


def _printed_width(text: str) -> int:
    return sum(text.encode("ascii", "replace").translate(_WIDTH_BYTES))


def _spread(values: list[int]) -> float:
    ordered = sorted(values)
    low, high = ordered[int(0.1 * (len(ordered) - 1))], ordered[int(0.9 * (len(ordered) - 1))]
    return (high - low) / max(1, ordered[len(ordered) // 2])


def _ends_sentence(line: str) -> bool:
    """A full stop, question or exclamation mark, or ellipsis, closed by at most three quotes or
    brackets; or a colon."""
    core = line.rstrip(_CLOSING)
    return (core.endswith(_SENTENCE_END) and len(line) - len(core) <= 3) or line.endswith(":")


def _line_sizes(texts: list[str]) -> tuple[list[int], Callable[[str], int]]:
    """How this file measures a line, and each line's size so measured: by printed width for
    a typeset record, by characters for a typewritten one; whichever makes the lines the wrap
    broke (those followed by a line in lower case) the more alike in length."""
    lengths = [len(text) for text in texts]
    broken = [
        position
        for position, (line, following) in enumerate(itertools.pairwise(texts))
        if following[:1].islower() and not line.endswith(_TERMINAL)
    ]
    if len(broken) < 4:
        return lengths, len
    widths = [_printed_width(text) for text in texts]
    if _spread([widths[i] for i in broken]) < _spread([lengths[i] for i in broken]):
        return widths, _printed_width
    return lengths, len


def _ended(texts: list[str]) -> list[bool]:
    """For each line of hard-wrapped text, whether its writer ended it (a paragraph end) rather
    than the wrap: it ends a sentence, a capitalised line follows, and either that line is
    numbered, or the next line's first word would have fitted on it, or the next line is a
    paragraph's first, indented in print (even its own next word would have fitted, with room
    to spare)."""
    if not texts:
        return []
    sizes, measure = _line_sizes(texts)
    ordered = sorted(sizes)
    # The file's full width: near its longest line, a stray wide line aside.
    full = ordered[int(0.97 * (len(ordered) - 1))] or 1
    space = measure(" ")

    def room(position: int) -> float:
        """How full line ``position`` would be with the next line's first word on it."""
        word = texts[position + 1].split(None, 1)[0]
        return (sizes[position] + space + measure(word)) / full

    ended = [False] * len(texts)
    for position in range(len(texts) - 1):
        following = texts[position + 1]
        ended[position] = bool(
            _ends_sentence(texts[position])
            and (
                _NUMBERED_RE.match(following)
                or (
                    _OPENING_RE.match(following)
                    and (
                        room(position) <= _FITTED
                        or (position + 2 < len(texts) and room(position + 1) <= _INDENT_FITTED)
                    )
                )
            )
        )
    ended[-1] = True
    return ended


def _split_unbroken(lines: list[str]) -> list[Piece]:
    speech = _numbered(lines)
    pieces: list[Piece] = []
    current: _Draft | None = None
    for (index, text), ended in zip(speech, _ended([text for _, text in speech]), strict=True):
        if current is None:
            current = _Draft(index, text)
        else:
            current.add(index, text)
        if ended:
            pieces.append(current.piece())
            current = None
    return pieces


def _split_indented(lines: list[str]) -> list[Piece]:
    pieces: list[_Draft] = []
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if line[0] == " " or not pieces:
            pieces.append(_Draft(index, line.strip()))
        else:
            pieces[-1].add(index, line.strip())
    return [draft.piece() for draft in pieces]


def _split_blocks(lines: list[str]) -> list[Piece]:
    return [
        Piece(join_lines([text for _, text in block]), block[0][0], block[-1][0])
        for block in _numbered_blocks(lines)
    ]


def split_paragraphs(
    lines: list[str], furniture: Collection[int] = ()
) -> tuple[list[Piece], Layout]:
    """The paragraphs of a document body and the layout found. ``furniture``: the indices of
    lines that held page furniture (now blank)."""
    layout, width = detect_layout(lines, furniture)
    if layout == "wrapped":
        return _mend(_split_wrapped(lines, width)), layout
    if layout == "unbroken":
        return _mend(_split_unbroken(lines)), layout
    if layout == "indented":
        return _split_indented(lines), layout
    if layout == "blocks":
        return _split_blocks(lines), layout
    return _join_unnumbered(_mend([Piece(t, i, i) for i, t in _numbered(lines)])), layout


# The record's paragraph number opening a line: "147." + TAB, "118. ", "'80. " (OCR noise).
_RECORD_NUMBER_RE = re.compile(r"\W{0,2}\d{1,3}\s?\.\s")
# A file whose lines mostly open with the record's numbers numbers every paragraph but the first.
_NUMBERED_SHARE = 0.6


def _join_unnumbered(pieces: list[Piece]) -> list[Piece]:
    """In a file of numbered paragraphs one a line, an unnumbered line is the paragraph above,
    broken at a page (LKA_31_1976 of the gold: "... in the movement" / "adopted at
    Belgrade ..."), unless it opens with a quotation mark: set-off quotations and resolution
    items are paragraphs of their own."""
    numbered = sum(1 for piece in pieces if _RECORD_NUMBER_RE.match(piece.text))
    if numbered < _NUMBERED_SHARE * len(pieces):
        return pieces
    joined: list[Piece] = []
    for piece in pieces:
        if joined and not _RECORD_NUMBER_RE.match(piece.text) and piece.text[:1] not in "\"“'‘":
            previous = joined[-1]
            joined[-1] = Piece(join_lines([previous.text, piece.text]), previous.first, piece.last)
        else:
            joined.append(piece)
    return joined


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
