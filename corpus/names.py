"""Personal names: titles and honorifics stripped, the bare name kept."""

from __future__ import annotations

import re

from .lexicon import TITLE_WORDS
from .text import fold

__all__ = ["HONORIFIC_RE", "TITLE_WORDS", "is_title_word", "strip_honorifics"]


HONORIFIC_RE = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Mme|Dr|Messrs|H\.\s?E)\.?|Miss|Mister|Madame|Madam|"
    r"(?:His|Her)\s+(?:Excellency|Majesty|Royal\s+Highness|Highness)|Excellency)\s+",
    re.IGNORECASE,
)


def strip_honorifics(name: str) -> str:
    """Honorifics off: "Mr. Arce" -> "Arce", "H.E. Mr. Wang Yi" -> "Wang Yi"."""
    stripped = " ".join(name.split())
    while True:
        shorter = HONORIFIC_RE.sub("", stripped, count=1)
        if shorter == stripped or not shorter.strip():
            return stripped
        stripped = shorter.strip()


def is_title_word(token: str) -> bool:
    """A word of a title, office or institution ("Minister", "Assembly"), not of a name."""
    return fold(token).strip("’'") in TITLE_WORDS
