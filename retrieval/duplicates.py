"""Near-duplicates: the same statement published in two releases comes back as one hit.

Two paragraphs of *different* documents are the same statement when the Jaccard similarity of
their sets of 3-shingles of index terms (``tokenize``'s: folded, stemmed, stopwords out) is at
least ``THRESHOLD``; a paragraph of three terms or fewer is a single shingle, its whole. Machine
translations of one release by two outlets differ in a few words here and there, which 0.6
tolerates, while two different paragraphs about the same topic share far fewer shingles
(typically < 0.2).

Shingle sets are made only for candidates that may be duplicates. Every row of the index keeps a
*sketch*, made once when it is built: how many shingles it has and its ``SKETCH`` smallest
shingle hashes (a bottom-k sketch, Broder 1997). Two candidates are compared exactly only when
their sizes allow ``THRESHOLD`` (Jaccard is at most the smaller size over the larger) and, of
the ``SKETCH`` smallest hashes of their sketches' union, at least a share ``LIKELY`` is in both.
Sets a sketch holds whole are never missed: at similarity 0.6 their union has at most 40
shingles, 16 of its 32 smallest in both. For larger ones the share is drawn as from a binomial
of 32 at the similarity, so the rule misses a pair at similarity 0.6 with probability 1.3e-5
and at 0.7 with 3e-8, and lets a pair at 0.1 through with probability 0.1%.
Making the shingles of every candidate at query time was a fifth of a complete answer (about
70 µs a candidate, 15 to 20 candidates an answer, on the full UNGDC).

A first page's candidates are told apart from each other all at once: how many hashes each
pair of sketches shares is counted in numpy (``_sharing_enough``), and only the few pairs whose
sizes and shared hashes allow a match are looked at one by one. Comparing every pair in Python
was 270 µs of a 20-candidate page, with its sketches' hash sets another 100 µs.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

THRESHOLD = 0.6
SHINGLE = 3
SKETCH = 32
LIKELY = 0.25
# Up to this many candidates (a first page fetches k + 10), each is compared with every earlier
# group directly; beyond it, only with the groups whose sketch shares a hash with its own,
# found through an inverted index of sketch hashes (a group sharing none cannot pass).
DIRECT_COMPARISONS = 64

# A shingle's hash multiplies each of its terms' CRC-32s by its own odd 64-bit constant, sums
# them and keeps the high 32 bits: each term moves those bits (a term added unmultiplied only
# reached them through a carry, so shingles differing in their last term collided), and it is
# stable across processes and machines (``hash`` of a str is salted per process), as a hash
# stored in the index must be.
_MIX = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9)
_MASK_64 = (1 << 64) - 1


class Sketch(NamedTuple):
    """How many distinct shingles a text has, and the ``SKETCH`` smallest of their hashes,
    ascending."""

    size: int
    smallest: tuple[int, ...]


class SketchTable:
    """Sketches side by side: each one's size, and its smallest hashes in a row of ``SKETCH``
    (0 past them). A page's candidates are read from the index as one and told apart in numpy
    (``_sharing_enough``); a ``Sketch`` is made only for a pair that may match. With a
    ``Sketch`` made for every candidate, and their hashes put in an array again, a 20-row
    page's candidates, sketches and groups took 309 µs mean, with the table 267 (full UNGDC)."""

    def __init__(self, sizes: npt.NDArray[np.integer], smallest: npt.NDArray[np.integer]) -> None:
        self.sizes = sizes.astype(np.int64)
        self.smallest = smallest.reshape(-1, SKETCH)

    @classmethod
    def of(cls, sketches: Sequence[Sketch]) -> SketchTable:
        table = cls(np.zeros(len(sketches), np.int64), np.zeros((len(sketches), SKETCH), np.int64))
        for i, each in enumerate(sketches):
            table.put(i, each)
        return table

    def __len__(self) -> int:
        return int(self.sizes.size)

    def __getitem__(self, i: int) -> Sketch:
        size = int(self.sizes[i])
        return Sketch(size, tuple(self.smallest[i, : min(size, SKETCH)].tolist()))

    def held(self) -> npt.NDArray[np.int64]:
        """How many hashes each sketch holds."""
        return np.minimum(self.sizes, SKETCH)

    def put(self, i: int, sketch: Sketch) -> None:
        """Sketch ``i`` replaced by ``sketch`` (the table's arrays are its own)."""
        self.sizes[i] = sketch.size
        self.smallest[i] = 0
        self.smallest[i, : len(sketch.smallest)] = sketch.smallest


def shingles(terms: Sequence[str]) -> frozenset[int]:
    """The 32-bit hashes of the term 3-shingles of a text (one shingle for three terms or
    fewer; none for no term)."""
    hashes = [zlib.crc32(term.encode("utf-8")) for term in terms]
    if not hashes:
        return frozenset()
    if len(hashes) < SHINGLE:
        hashes += [0] * (SHINGLE - len(hashes))
    first, second, third = _MIX
    return frozenset(
        ((a * first + b * second + c * third) & _MASK_64) >> 32
        for a, b, c in zip(hashes, hashes[1:], hashes[2:], strict=False)
    )


def sketch(hashes: frozenset[int]) -> Sketch:
    return Sketch(len(hashes), tuple(sorted(hashes)[:SKETCH]))


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def _sizes_allow(a_size: int, b_size: int, both: int) -> bool:
    """Whether two sketches of these sizes, ``both`` of whose hashes are the same, may be of
    ``THRESHOLD``-similar sets: the sizes decide exactly; held by both is at least the
    union's smallest held by both, and the union's smallest are at least min(SKETCH, larger)."""
    smaller, larger = sorted((a_size, b_size))
    return bool(smaller) and smaller >= THRESHOLD * larger and both >= LIKELY * min(SKETCH, larger)


def may_match(a: Sketch, b: Sketch) -> bool:
    """Whether the shingle sets behind two sketches may be ``THRESHOLD`` similar: the sizes
    decide exactly, the smallest hashes by the odds the module's docstring gives."""
    both = set(a.smallest).intersection(b.smallest)
    if not _sizes_allow(a.size, b.size, len(both)):
        return False
    union = sorted(both.union(a.smallest, b.smallest))[:SKETCH]
    return sum(value in both for value in union) >= LIKELY * len(union)


def _sharing_enough(sketches: SketchTable) -> set[tuple[int, int]]:
    """The pairs (i, j), i after j, of ``sketches`` whose sizes and number of hashes in common
    allow ``may_match`` (``_sizes_allow``), found for all pairs at once: with the hashes of
    every sketch sorted together, a hash k sketches share is a run of k equal values, and the
    pairs sharing it are those ``shift`` apart in the run, for shift = 1 … k - 1. Most pairs
    share none."""
    count = len(sketches)
    held = sketches.held()
    # Row by row, each sketch's own hashes: those before its count in its row.
    values = sketches.smallest[np.arange(SKETCH) < held[:, None]]
    owners = np.repeat(np.arange(count, dtype=np.int64), held)
    order = np.argsort(values, kind="stable")  # a run keeps its sketches in order
    values, owners = values[order], owners[order]
    pairs: list[npt.NDArray[np.int64]] = []
    for shift in range(1, count):
        same = values[shift:] == values[:-shift]
        if not same.any():  # no run is longer than ``shift``
            break
        pairs.append(owners[shift:][same] * count + owners[:-shift][same])
    if not pairs:
        return set()
    # Counted in a count × count table, not by np.unique, which sorts: 92 → 80 µs a page.
    shared = np.bincount(np.concatenate(pairs), minlength=count * count)
    keys = np.flatnonzero(shared)
    found = set()
    sizes = sketches.sizes.tolist()
    for key, both in zip(keys.tolist(), shared[keys].tolist(), strict=True):
        later, earlier = divmod(key, count)
        if _sizes_allow(sizes[later], sizes[earlier], both):
            found.add((later, earlier))
    return found


@dataclass
class Group:
    """A representative candidate (the best-ranked) and the indices of its duplicates."""

    first: int
    others: list[int] = field(default_factory=list)


def group_duplicates(
    sketches: SketchTable,
    documents: Sequence[Hashable],
    shingles_of: Callable[[int], frozenset[int]],
) -> list[Group]:
    """Group candidates given best first (their sketches, documents, and how to make the
    shingle set of the i-th): each joins the first earlier group whose representative it
    nearly duplicates in another document; groups keep rank order.

    A deep page folds thousands of candidates: comparing each with every earlier group was
    quadratic (most of 1.8 s for a page past 9,000 matches). Past ``DIRECT_COMPARISONS``
    candidates, each is compared only with the groups found through the inverted index of
    sketch hashes."""
    groups: list[Group] = []
    group_documents: list[set[Hashable]] = []
    made: dict[int, frozenset[int]] = {}  # candidate -> its shingles, made at most once

    def shingle_set(candidate: int) -> frozenset[int]:
        if candidate not in made:
            made[candidate] = shingles_of(candidate)
        return made[candidate]

    indexed = len(sketches) > DIRECT_COMPARISONS
    # Directly: only the earlier candidates whose sketches allow a match, in rank order, not
    # every group checked against them: grouping a page 108.6 → 101.9 µs (full UNGDC).
    partners: dict[int, list[int]] = {}
    if not indexed:
        for later, earlier in sorted(_sharing_enough(sketches)):
            partners.setdefault(later, []).append(earlier)
    group_of: dict[int, int] = {}  # a group's first candidate -> the group's number
    holders: dict[int, list[int]] = {}  # sketch hash -> groups, when indexed
    for i in range(len(sketches)):
        nearby: Iterable[int]
        if indexed:
            own = sketches[i].smallest
            nearby = sorted({n for value in own for n in holders.get(value, ())})
        else:
            nearby = [group_of[j] for j in partners.get(i, ()) if j in group_of]
        for number in nearby:
            first = groups[number].first
            if documents[i] in group_documents[number]:
                continue
            if not may_match(sketches[i], sketches[first]):
                continue
            if jaccard(shingle_set(i), shingle_set(first)) >= THRESHOLD:
                groups[number].others.append(i)
                group_documents[number].add(documents[i])
                break
        else:
            if indexed:
                for value in own:
                    holders.setdefault(value, []).append(len(groups))
            group_of[i] = len(groups)
            groups.append(Group(i))
            group_documents.append({documents[i]})
    return groups
