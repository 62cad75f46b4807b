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


def document_lists(texts: Sequence[str]) -> list[range]:
    """For each paragraph of one document (``texts``, in order), the paragraphs its hit quotes:
    itself, or the list it leads or is a point of, lead first. Made once when the document is
    indexed (a list depends on its document alone); finding them at query time read six
    neighbouring texts a ranked row on the full UNGDC. Linear: a lead looks at most
    ``MAX_POINTS`` paragraphs ahead."""
    quoted = [range(row, row + 1) for row in range(len(texts))]
    for lead, text in enumerate(texts):
        if not is_lead(text):
            continue
        rows = range(lead, lead + 1 + list_points(text, texts[lead + 1 : lead + 1 + MAX_POINTS]))
        for row in rows:
            quoted[row] = rows
    return quoted
