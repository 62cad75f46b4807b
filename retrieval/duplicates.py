"""Near-duplicates: the same statement published in two releases comes back as one hit.

Cheap by design: it runs on the few top candidates of one query, never on the corpus. Two
paragraphs of *different* documents are the same statement when the Jaccard similarity of
their sets of word 3-shingles (folded words, punctuation ignored) is at least
``THRESHOLD``; paragraphs of three words or fewer compare as whole folded texts. Machine
translations of one release by two outlets differ in a few words here and there, which 0.6
tolerates, while two different paragraphs about the same topic share far fewer shingles
(typically < 0.2).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from corpus.text import fold

THRESHOLD = 0.6
SHINGLE = 3

_WORD = re.compile(r"\w+")


def shingles(text: str) -> frozenset[tuple[str, ...]]:
    words = _WORD.findall(fold(text))
    if len(words) <= SHINGLE:
        return frozenset([tuple(words)]) if words else frozenset()
    return frozenset(tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


def jaccard(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@dataclass
class Group:
    """A representative candidate (the best-ranked) and the indices of its duplicates."""

    first: int
    others: list[int] = field(default_factory=list)


def group_duplicates(
    texts: Sequence[str], documents: Sequence[str], threshold: float = THRESHOLD
) -> list[Group]:
    """Group candidates given best first: each joins the first earlier group whose
    representative it nearly duplicates in another document; groups keep rank order."""
    groups: list[Group] = []
    signatures: list[frozenset[tuple[str, ...]]] = []
    for i, text in enumerate(texts):
        signature = shingles(text)
        for group, rep in zip(groups, signatures, strict=True):
            same_doc = documents[group.first] == documents[i] or any(
                documents[o] == documents[i] for o in group.others
            )
            if not same_doc and jaccard(signature, rep) >= threshold:
                group.others.append(i)
                break
        else:
            groups.append(Group(i))
            signatures.append(signature)
    return groups
