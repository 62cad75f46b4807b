"""What a typed word may be a typo of: a word a few edits away that keeps its first letter.

An edit is a letter added, dropped or changed, or two neighbouring letters swapped (optimal
string alignment, ``rapidfuzz.distance.OSA``). The first letter is kept: people rarely mistype
it, and without it one edit reaches far more real words than typos. Each caller adds what its
words need (how many edits a length allows, a word of four letters, letters reordered), but
this part is one rule: a question's word read as a speaker's name (``question``), a word no
paragraph holds read as an index term, and a rare query term a passage spells otherwise
(``gate``).
"""

from __future__ import annotations

from collections.abc import Collection

from rapidfuzz import process
from rapidfuzz.distance import OSA

__all__ = ["typos_of"]


def typos_of(
    word: str, known: Collection[str], edits: int, limit: int | None = None
) -> list[tuple[str, int]]:
    """The words of ``known`` that ``word`` may be a typo of, each with its distance: at most
    ``edits`` edits away, the same first letter, never ``word`` itself; nearest first (of
    ``known``'s ``limit`` nearest, whatever their first letter, when a limit is given)."""
    found = process.extract(word, known, scorer=OSA.distance, score_cutoff=edits, limit=limit)
    return [
        (meant, distance) for meant, distance, _ in found if meant != word and meant[:1] == word[:1]
    ]
