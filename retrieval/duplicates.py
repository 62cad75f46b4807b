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
from collections import Counter, defaultdict
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
    representative it nearly duplicates in another document; groups keep rank order.

    A deep page folds thousands of candidates: comparing each with every earlier group was
    quadratic (most of 1.8 s for a page past 9,000 matches). Each candidate is compared only
    with the groups whose representative shares a shingle with it, found through an inverted
    index; a group sharing none has similarity 0 and could not take it anyway."""
    groups: list[Group] = []
    sizes: list[int] = []  # shingles of each group's representative
    group_documents: list[set[str]] = []
    holders: dict[tuple[str, ...], list[int]] = defaultdict(list)  # shingle -> groups
    for i, text in enumerate(texts):
        signature = shingles(text)
        shared: Counter[int] = Counter()
        for shingle in signature:
            shared.update(holders.get(shingle, ()))
        for number in sorted(shared):
            common = shared[number]
            similar = common / (len(signature) + sizes[number] - common) >= threshold
            if similar and documents[i] not in group_documents[number]:
                groups[number].others.append(i)
                group_documents[number].add(documents[i])
                break
        else:
            for shingle in signature:
                holders[shingle].append(len(groups))
            groups.append(Group(i))
            sizes.append(len(signature))
            group_documents.append({documents[i]})
    return groups
