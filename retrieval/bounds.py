"""What a query term can add to a paragraph's score at most: the bounds MaxScore prunes with.

A term's column maximum bounds its weight in every paragraph. For a term with many postings a
bound per block of ``BLOCK_ROWS`` consecutive paragraphs is far tighter (block-max indexes,
Ding & Suel 2011): most blocks hold none of its longest, highest-tf paragraphs, and many hold
none of its paragraphs at all. MaxScore uses them to drop a candidate as soon as its score so
far plus the block bounds of the terms it has not looked up yet cannot reach the k-th best.

Block bounds are kept as bytes, ``ceil(255 * block max / column max)``, rounded up so that
``code / 255 * column max`` never falls below the weight it bounds. Terms with fewer postings
than ``MIN_BLOCKED_POSTINGS`` keep only their column bound: looking them up is cheap anyway,
and a byte per block for each of them would outweigh the postings themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from retrieval.bm25 import FloatArray, Int32Array, WeightArray, WeightMatrix

BLOCK_SHIFT = 6
BLOCK_ROWS = 1 << BLOCK_SHIFT
MIN_BLOCKED_POSTINGS = 1024
_LEVELS = 255
# float64 rounding of block max / column max must not round a code down.
_ROUND_UP = 1 + 1e-6

ByteArray = npt.NDArray[np.uint8]
Rows = npt.NDArray[np.integer]


@dataclass(frozen=True)
class Bounds:
    """``column[t]``: term ``t``'s largest weight. ``blocks[slots[t], r >> BLOCK_SHIFT]``: its
    largest weight among rows ``r``'s block, as a byte of ``column[t]`` (``slots[t] == -1``:
    no block bounds for ``t``)."""

    column: WeightArray
    slots: Int32Array
    blocks: ByteArray

    def fit(self, matrix: WeightMatrix) -> bool:
        """Whether these are bounds of ``matrix``'s shape (a loaded index checks its files)."""
        return (
            self.column.size == self.slots.size == matrix.n_terms
            and self.blocks.ndim == 2
            and self.blocks.shape[1] == _n_blocks(matrix.n_rows)
            and int(self.slots.max(initial=-1)) < self.blocks.shape[0]
        )

    def at(self, term: int, rows: Rows) -> FloatArray | float:
        """A bound on ``term``'s weight in each of ``rows``; a scalar when it has no blocks."""
        slot = int(self.slots[term])
        bound = float(self.column[term])
        if slot < 0:
            return bound
        codes = self.blocks[slot][rows >> BLOCK_SHIFT]
        scaled: FloatArray = codes * (bound / _LEVELS)
        return scaled


def term_bounds(matrix: WeightMatrix, min_blocked_postings: int = MIN_BLOCKED_POSTINGS) -> Bounds:
    """The column maxima of ``matrix``, and block bounds of its weighing terms with at least
    ``min_blocked_postings`` postings."""
    column = np.zeros(matrix.n_terms, dtype=np.float32)
    doc_freq = np.diff(matrix.indptr)
    nonempty = np.flatnonzero(doc_freq > 0)
    if nonempty.size:
        column[nonempty] = np.maximum.reduceat(matrix.data, matrix.indptr[nonempty])
    blocked = np.flatnonzero((doc_freq >= max(min_blocked_postings, 1)) & (column > 0))
    slots = np.full(matrix.n_terms, -1, dtype=np.int32)
    slots[blocked] = np.arange(blocked.size, dtype=np.int32)
    blocks = np.zeros((blocked.size, _n_blocks(matrix.n_rows)), dtype=np.uint8)
    for slot, term in enumerate(blocked):
        rows, weights = matrix.postings(int(term))
        block = rows >> BLOCK_SHIFT
        # Rows ascend, so each block's postings are one run.
        starts = np.flatnonzero(np.r_[True, block[1:] != block[:-1]])
        block_max = np.maximum.reduceat(weights, starts).astype(np.float64)
        codes = np.ceil(block_max / float(column[term]) * _LEVELS * _ROUND_UP)
        blocks[slot, block[starts]] = np.minimum(codes, _LEVELS).astype(np.uint8)
    return Bounds(column, slots, blocks)


def _n_blocks(n_rows: int) -> int:
    return (n_rows + BLOCK_ROWS - 1) >> BLOCK_SHIFT
