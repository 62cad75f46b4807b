"""Year inference: the year a document's own text anchors, for a date written without one.

A dateline such as "China News Service, May 8th." gives month and day but no year. The year is
filled in only when the text anchors it: an anniversary of a dated event ("this year marks
the 100th anniversary of the founding of the Communist Party of China"), or a numbered UN
General Assembly session ("President of the 77th Session"). Anything less certain, or two
anchors that disagree, leaves the year unknown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .text import fold

__all__ = ["ANCHOR_EVENTS", "infer_year"]

# Dated events statements count anniversaries from, matched (on folded text) right after
# "the Nth anniversary of (the)".
ANCHOR_EVENTS: tuple[tuple[str, int], ...] = (
    (
        r"(?:founding|birth) of (?:the )?(?:communist party of china|cpc|chinese communist party)"
        r"|communist party of china",
        1921,
    ),
    (r"founding of (?:the )?(?:people'?s republic of china|new china|prc)", 1949),
    (
        r"(?:founding|establishment|creation) of (?:the )?(?:united nations|un)\b"
        r"|united nations\b(?! (?:general assembly|security council|charter))",
        1945,
    ),
    (
        r"restoration of (?:the )?(?:lawful (?:seat|rights) of (?:the )?)?"
        r"(?:people'?s republic of china|prc|china)",
        1971,
    ),
    (r"victory of (?:the )?(?:chinese people'?s war of resistance|world anti-fascist war)", 1945),
    (r"end of (?:the )?(?:second world war|world war ii)", 1945),
    (r"(?:signing of the )?charter of the united nations|(?:signing of the )?un charter", 1945),
    (r"five principles of peaceful coexistence", 1954),
    (r"bandung conference|asian-african conference", 1955),
    (r"universal declaration of human rights", 1948),
    (r"(?:founding|establishment) of asean", 1967),
    (r"reform and opening[- ]up", 1978),
    (r"(?:founding|establishment) of (?:the )?shanghai cooperation organi[sz]ation", 2001),
    (r"belt and road initiative", 2013),
    (r"paris agreement", 2015),
)
_ANCHORS = tuple((re.compile(pattern), year) for pattern, year in ANCHOR_EVENTS)
_ANNIVERSARY_RE = re.compile(r"\b(?P<n>\d{1,3})(?:st|nd|rd|th)\s+anniversary\s+of\s+(?:the\s+)?")
_TIME_CUE_RE = re.compile(r"this year|marks?\b|marking|celebrat|commemorat")
_SESSION_RE = re.compile(
    r"\b(?:president of the|current|present|this)\s+(?P<n>\d{1,2})(?:st|nd|rd|th)\s+session\s+of\s+"
    r"the\s+(?:united nations\s+|un\s+|\(un\)\s+)*(?:\(un\)\s+)?general\s+assembly"
)
_SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?])\s+")


def _anniversary_years(sentence: str) -> Iterable[int]:
    """Years a sentence anchors: the event's year plus the anniversary, shifted by "last
    year" / "next year". An anniversary with no time cue at all ("this year", "marks",
    "celebrate") could be any year's retrospective, so it anchors nothing."""
    if "last year" in sentence:
        offset = 1
    elif "next year" in sentence:
        offset = -1
    elif _TIME_CUE_RE.search(sentence):
        offset = 0
    else:
        return
    for match in _ANNIVERSARY_RE.finditer(sentence):
        for pattern, year in _ANCHORS:
            if pattern.match(sentence, match.end()):
                yield year + int(match.group("n")) + offset
                break


def infer_year(text: str, month: int | None = None) -> int | None:
    """The year the text itself anchors, or None when it anchors none or disagrees with itself.

    Anchors: "this year marks the 100th anniversary of the founding of the Communist Party of
    China" (1921 + 100), "the 75th anniversary of the founding of the United Nations last year"
    (1945 + 75 + 1), "President of the 77th Session of the UN General Assembly" (session 77
    runs from September 2022 to September 2023; the month picks the year).
    """
    candidates: set[int] = set()
    folded = fold(text)
    for sentence in _SENTENCE_SPLIT_RE.split(folded):
        if "anniversary" in sentence:
            candidates.update(_anniversary_years(sentence))
        if "session" in sentence and month is not None:
            for match in _SESSION_RE.finditer(sentence):
                start = 1945 + int(match.group("n"))
                candidates.add(start if month >= 9 else start + 1)
    if len(candidates) == 1:
        return candidates.pop()
    return None
