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
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

from corpus.text import fold

THRESHOLD = 0.6
SHINGLE = 3
# Up to this many candidates (a first page fetches k + 10), each is compared with every earlier
# group directly, by set intersections in C; beyond it, only with the groups found through an
# inverted index of shingles. Measured on 200 UNGDC candidate lists of 20: 0.22 ms direct
# against 0.47 ms through the index, whose upkeep is a Python step per shingle.
DIRECT_COMPARISONS = 64

_WORD = re.compile(r"\w+")


def shingles(text: str) -> frozenset[str]:
    """The word 3-shingles of ``text``, folded, each its words joined by a space (a word has
    none). Strings, not tuples: tuples are tracked by the garbage collector, and building
    thousands an answer set off collections of the whole heap (the worst answers' time)."""
    words = _WORD.findall(fold(text))
    if len(words) <= SHINGLE:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(map(" ".join, zip(*(words[i:] for i in range(SHINGLE)), strict=False)))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@dataclass
class Group:
    """A representative candidate (the best-ranked) and the indices of its duplicates."""

    first: int
    others: list[int] = field(default_factory=list)


def group_duplicates(
    texts: Sequence[str], documents: Sequence[Hashable], threshold: float = THRESHOLD
) -> list[Group]:
    """Group candidates given best first: each joins the first earlier group whose
    representative it nearly duplicates in another document; groups keep rank order.

    A deep page folds thousands of candidates: comparing each with every earlier group was
    quadratic (most of 1.8 s for a page past 9,000 matches). Past ``DIRECT_COMPARISONS``
    candidates, each is compared only with the groups whose representative shares a shingle
    with it, found through an inverted index; a group sharing none has similarity 0 and could
    not take it anyway. Sizes alone rule out a pair whose smaller set is under ``threshold``
    of the larger: their similarity is at most that ratio."""
    groups: list[Group] = []
    signatures: list[frozenset[str]] = []  # each group's representative's shingles
    group_documents: list[set[Hashable]] = []
    indexed = len(texts) > DIRECT_COMPARISONS
    holders: dict[str, list[int]] = {}  # shingle -> groups, when indexed
    for i, text in enumerate(texts):
        signature = shingles(text)
        size = len(signature)
        nearby: Iterable[int] = range(len(groups))
        if indexed:
            nearby = sorted(
                {n for shingle in filter(holders.__contains__, signature) for n in holders[shingle]}
            )
        for number in nearby:
            other = len(signatures[number])
            if not size or min(size, other) / max(size, other) < threshold:
                continue
            if documents[i] in group_documents[number]:
                continue
            common = len(signature & signatures[number])
            if common / (size + other - common) >= threshold:
                groups[number].others.append(i)
                group_documents[number].add(documents[i])
                break
        else:
            if indexed:
                for shingle in signature:
                    holders.setdefault(shingle, []).append(len(groups))
            groups.append(Group(i))
            signatures.append(signature)
            group_documents.append({documents[i]})
    return groups
