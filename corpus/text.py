"""Text folding: the one way Verbatim compares words regardless of case and accents."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["fold"]


@lru_cache(maxsize=65536)
def _fold_cached(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    # NFKC first so compatibility forms (ligatures, full-width letters) become plain letters,
    # then casefold ("Straße" -> "strasse"), then NFD to split accents off and drop them, so
    # "Kőrösi" and "korosi" fold to the same string.
    folded = unicodedata.normalize("NFKC", text).casefold()
    decomposed = unicodedata.normalize("NFD", folded)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
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
