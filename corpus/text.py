"""Text folding: the one way Verbatim compares words regardless of case and accents."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

__all__ = ["fold", "has_every_word", "longest_from", "typed_as_acronym", "typed_in_lower_case"]


@lru_cache(maxsize=65536)
def _fold_cached(text: str) -> str:
    return _fold(text)


_BMP_END = 0xFFFF


def _combining_class() -> re.Pattern[str]:
    """Every combining character of the Basic Multilingual Plane as one character class
    (built once at import, a few milliseconds); the rare ones beyond it take the slow path."""
    ranges: list[str] = []
    start: int | None = None
    for code in range(_BMP_END + 2):
        combining = code <= _BMP_END and unicodedata.combining(chr(code)) != 0
        if combining and start is None:
            start = code
        elif not combining and start is not None:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(code - 1))}")
            start = None
    return re.compile(f"[{''.join(ranges)}]+")


_COMBINING_RE = _combining_class()
# A character beyond the BMP: one C scan, where max() over a paragraph took 21 of the 70 µs
# a paragraph with accents or curly quotes cost to fold (300 such UNGDC paragraphs).
_BEYOND_BMP = re.compile("[\U00010000-\U0010FFFF]")


def _fold(text: str) -> str:
    # NFKC first so compatibility forms (ligatures, full-width letters) become plain letters,
    # then casefold ("Straße" -> "strasse"), then NFD to split accents off and drop them, so
    # "Kőrösi" and "korosi" fold to the same string.
    folded = unicodedata.normalize("NFKC", text).casefold()
    stripped = _COMBINING_RE.sub("", unicodedata.normalize("NFD", folded))
    if _BEYOND_BMP.search(stripped):
        stripped = "".join(ch for ch in stripped if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def fold(text: str) -> str:
    """NFKC, casefold, strip combining accents: ``fold("Kőrösi") == "korosi"``.

    Short strings (names, query words) are cached; long ones (paragraphs) are folded directly.
    """
    if text.isascii():
        # The common case costs one C call: no accents or compatibility forms to undo.
        return text.casefold()
    if len(text) <= 64:
        return _fold_cached(text)
    return _fold(text)


def has_every_word(words: list[str], text: str) -> bool:
    """Whether every typed word occurs in ``text`` (both already folded): "nelson mandela" finds
    "nelson rolihlahla mandela", "south africa 1994" a title with those words anywhere."""
    return all(word in text for word in words)


def typed_in_lower_case(text: str) -> bool:
    """Whether ``text`` has no capital letter: its capitals then say nothing of which words
    are names ("what did lavrov say", "the uk")."""
    if text.isascii():
        # Its capitals are A to Z, which lower() changes: one C call, not a Python step a
        # character (0.3 µs for a bench question of 38 characters, not 2.4; about four calls
        # a question).
        return text.lower() == text
    return not any(ch.isupper() for ch in text)


def typed_as_acronym(word: str, text: str) -> bool:
    """Whether ``word`` of ``text`` is written all in capitals on purpose ("LIBOR", "NATO"),
    not in a text typed all in capitals: such a word is meant as written, never a typo."""
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) > 1 and all(ch.isupper() for ch in letters) and not text.isupper()


def longest_from(phrases: Iterable[tuple[str, ...]]) -> dict[str, int]:
    """For each word one of ``phrases`` begins with, the most words such a phrase has: the
    runs of a text's words worth looking up are those from such a word, up to that length."""
    longest: dict[str, int] = {}
    for words in phrases:
        longest[words[0]] = max(longest.get(words[0], 0), len(words))
    return longest
