"""Lists stay with their lead: a paragraph that introduces points is quoted with them.

A *lead* is a paragraph ending with a colon ("China advocates:"). Its *points* are the
paragraphs right after it, in the same document, written as the first of them is:

* *marked*: a bullet or dash ("- ", "• ", "▪ "), or a number or letter that continues the
  list's own count ("1." "2)" "(c)"), whatever their length;
* *quoted*: opening with a quotation mark, whatever their length (the lead introduces a
  quotation: "… in these words:");
* *plain*: neither, and at most ``POINT_CHARS`` characters.

The points end at the first paragraph written otherwise, at one that leads a list of its own
(ends with a colon), or at a count that does not continue: the UN records number their
paragraphs ("76. In the New Terminology…"), and such a paragraph after a quotation is the speech
going on, not point 76.

Bounded: at most ``MAX_POINTS`` marked or quoted points, ``PLAIN_POINTS`` plain ones, and lead
and points together at most ``LIST_CHARS`` characters; points past a cap are left out (the
range ends at the last one joined). A hit carries its text whole (``--json``, the answer gate's
coverage, the excerpt's choice of sentences), so a lead must not pull a document into one hit:
3,000 characters still fit one Discord embed (4,096) with the citation. Plain points are capped
sooner because nothing in them says where a list ends: in the UNGDC sample, short plain
paragraphs after a colon are as often a speech's short lines going on as a list.

``POINT_CHARS`` is measured on the seeds: the four points after "China advocates:" are merged
with their explanations into paragraphs of 298-516 characters, and the paragraph after the list
("Wang Yi said that this year marks…") has 977. (UNGDC sample paragraphs: median 188
characters, 90% under 621.)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

MAX_POINTS = 12
PLAIN_POINTS = 6
POINT_CHARS = 600
LIST_CHARS = 3000

# A point's marker: a bullet or dash, or a number or single letter closed by "." or ")" (an
# opening "(" allowed), followed by a space.
_BULLET = re.compile(r"\s*[-–—•·*▪▫◦‣●○■□➢➤✓✔]\s")
_COUNTED = re.compile(r"\s*\(?(\d{1,3}|[A-Za-z])[.)]\s")
_OPENING_QUOTES = ('"', "“", "«", "„", "‘", "'", "‹", "「")


def is_lead(text: str) -> bool:
    """Whether ``text`` introduces points: it ends with a colon."""
    return text.rstrip().endswith(":")


def _count(marker: str) -> int:
    """1 for "1", "a" and "A"; 2 for "2", "b" and "B"; …"""
    return int(marker) if marker.isdigit() else ord(marker.lower()) - ord("a") + 1


def could_be_point(text: str) -> bool:
    """Whether ``text`` could be a point of some list (a bullet, a count within the caps, or
    short), without knowing the lead: what a search for a hit's lead walks back over."""
    if is_lead(text):
        return False
    counted = _COUNTED.match(text)
    if counted is not None:
        return _count(counted.group(1)) <= MAX_POINTS
    if text.lstrip().startswith(_OPENING_QUOTES):
        return True
    return bool(_BULLET.match(text)) or len(text) <= POINT_CHARS


def _mode(text: str) -> str:
    """How a point is written: "quoted", "marked" (a bullet or a count) or "plain"."""
    if text.lstrip().startswith(_OPENING_QUOTES):
        return "quoted"
    if _BULLET.match(text) or _COUNTED.match(text):
        return "marked"
    return "plain"


def list_points(lead: str, following: Sequence[str]) -> int:
    """How many of the paragraphs ``following`` the lead ``lead`` are its points, within the
    caps (0 when ``lead`` is not a lead). The first point sets how they are written; the
    points end at the first paragraph written otherwise."""
    if not is_lead(lead) or not following:
        return 0
    mode = _mode(following[0])
    cap = PLAIN_POINTS if mode == "plain" else MAX_POINTS
    size = len(lead)
    counted = 0  # numbered or lettered points so far
    points = 0
    for text in following[:cap]:
        if is_lead(text) or _mode(text) != mode:
            break
        if mode == "plain" and len(text) > POINT_CHARS:
            break
        if mode == "marked" and (marker := _COUNTED.match(text)) is not None:
            if _count(marker.group(1)) != counted + 1:
                break
            counted += 1
        size += len(text)
        if size > LIST_CHARS:
            break
        points += 1
    return points


def joined(texts: Sequence[str]) -> str:
    """A lead and its points as one text: paragraphs apart, as in the source."""
    return "\n\n".join(texts)


class TextsByRow(Protocol):
    """An index's paragraph texts by row, and the rows of each row's document."""

    def text_at(self, row: int) -> str: ...

    def document_rows(self, row: int) -> range: ...


class Texts:
    """Paragraph texts of one request, each read once: finding a hit's list reads its
    neighbours, and neighbouring hits share them."""

    def __init__(self, index: TextsByRow) -> None:
        self.index = index
        self._texts: dict[int, str] = {}

    def __call__(self, row: int) -> str:
        if row not in self._texts:
            self._texts[row] = self.index.text_at(row)
        return self._texts[row]


def list_rows(index: TextsByRow, row: int, text_of: Texts) -> range:
    """The rows a hit at ``row`` quotes: the paragraph alone, or the list it leads or is a
    point of, lead first. A point's lead is looked for at most ``MAX_POINTS`` rows back,
    over paragraphs that could be points."""
    rows = index.document_rows(row)

    def points_after(lead: int) -> int:
        following: list[str] = []
        for after in range(lead + 1, min(lead + 1 + MAX_POINTS, rows.stop)):
            following.append(text_of(after))
            if not could_be_point(following[-1]):
                break
        return list_points(text_of(lead), following)

    if is_lead(text_of(row)):
        return range(row, row + 1 + points_after(row))
    if not could_be_point(text_of(row)):
        return range(row, row + 1)
    for lead in range(row - 1, max(row - MAX_POINTS, rows.start) - 1, -1):
        if is_lead(text_of(lead)):
            last = lead + points_after(lead)
            return range(lead, last + 1) if row <= last else range(row, row + 1)
        if not could_be_point(text_of(lead)):
            break
    return range(row, row + 1)
