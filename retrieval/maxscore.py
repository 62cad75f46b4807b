"""Rank-safe top-k over the weight matrix: MaxScore pruning, vectorised term at a time.

Scoring every paragraph that contains a query term costs one scatter-add per posting, and a
common term has hundreds of thousands. MaxScore (Turtle & Flood, 1995) avoids most of them
without changing the top k: each term's largest weight bounds what it can add to any score.

1. Terms are taken in decreasing order of that bound (rare terms first). Each is scored in
   full ("essential") while the bounds of the terms not yet taken could still lift an unseen
   paragraph to the current k-th best score.
2. Once they cannot, the remaining terms only add their weights to the paragraphs already
   found that can still reach the k-th best score (a binary search in the term's postings).

Terms that weigh nothing (idf floored to 0: found in over half the paragraphs at epsilon=0) are
skipped; only when every query term is such a term are their paragraphs returned, at score 0.

The count of matching paragraphs is exact when every term was scored in full; otherwise it is
a lower bound (as Elasticsearch's ``track_total_hits`` does), flagged by ``exact``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from retrieval.bm25 import FloatArray, ScoreBuffers, WeightArray, WeightMatrix, union

IntArray = npt.NDArray[np.int64]
Rows = npt.NDArray[np.integer]
Keep = Callable[[Rows], npt.NDArray[np.bool_]]

# Bounds and scores are float sums in different orders: prune only with a safety margin, so
# a paragraph that might tie with the k-th best score is kept.
_MARGIN = 1e-9


@dataclass(frozen=True)
class Candidates:
    rows: Rows  # every row that can be in the top k (and maybe more), any order
    scores: FloatArray
    total: int  # matching rows (with a positive score, or all rows when no term weighs)
    exact: bool  # False: ``total`` is a lower bound


def upper_bounds(matrix: WeightMatrix) -> WeightArray:
    """The largest weight of each column (0 for an empty column)."""
    bounds = np.zeros(matrix.n_terms, dtype=np.float32)
    nonempty = np.flatnonzero(np.diff(matrix.indptr) > 0)
    if nonempty.size:
        bounds[nonempty] = np.maximum.reduceat(matrix.data, matrix.indptr[nonempty])
    return bounds


def top_candidates(
    matrix: WeightMatrix,
    bounds: WeightArray,
    terms: Sequence[tuple[int, int]],
    k: int,
    *,
    keep: Keep | None,
    buffers: ScoreBuffers,
) -> Candidates:
    """Rows that may rank in the top ``k`` for the (column, count) ``terms`` among rows passing
    ``keep``, with their exact scores."""
    weighted = sorted(
        ((col, count, float(bounds[col]) * count) for col, count in terms if bounds[col] > 0),
        key=lambda term: -term[2],
    )
    if not weighted:
        return _unweighted(matrix, terms, keep)
    if len(weighted) == 1:
        return _single(matrix, weighted[0][:2], keep)

    acc = buffers.scores
    remaining = sum(bound for _, _, bound in weighted)
    reachable = 0.0  # no partial score can exceed the bounds of the terms taken so far
    touched: list[Rows] = []
    found: list[Rows] = []
    theta = 0.0
    taken = 0
    try:
        for col, count, bound in weighted:
            stored, weights = matrix.postings(col)
            # One conversion to numpy's index type serves the fancy indexings below.
            postings = stored.astype(np.intp)
            prior = acc[postings]
            # Weights of a weighing term are all positive, so 0 means "not seen yet".
            new = postings[prior == 0]
            acc[postings] = prior + (weights if count == 1 else weights * np.float64(count))
            touched.append(new)
            found.append(new if keep is None else new[keep(new)])
            remaining -= bound
            reachable += bound
            taken += 1
            if taken == len(weighted):
                break
            if reachable < remaining:
                continue  # the k-th best cannot beat the terms left yet: skip the partition
            candidates = np.concatenate(found)
            found = [candidates]
            if candidates.size >= k:
                theta = _kth_largest(acc[candidates], k)
                if remaining < theta * (1 - _MARGIN):
                    break
        rows: Rows = np.concatenate(found)
        scores = acc[rows]
    finally:
        # Leave the buffers zeroed for the next query, even if this one failed.
        for first_seen in touched:
            acc[first_seen] = 0.0
    total = int(rows.size)
    if taken == len(weighted):
        return Candidates(rows, scores, total, True)

    # Only rows already found can make the top k; add the other terms to those that still can,
    # raising the k-th best score as they go.
    rest = weighted[taken:]
    order = np.argsort(rows, kind="stable")
    rows, scores = rows[order], scores[order]
    for col, count, bound in rest:
        alive = scores + remaining >= theta * (1 - _MARGIN)
        rows, scores = rows[alive], scores[alive]
        scores += _lookup(matrix, col, rows, acc) * count
        remaining -= bound
        if rows.size >= k:
            theta = max(theta, _kth_largest(scores, k))
    if keep is None:
        total = max(total, *(matrix.doc_freq(col) for col, _, _ in rest))
    return Candidates(rows, scores, total, False)


def _lookup(matrix: WeightMatrix, col: int, rows: Rows, buffer: FloatArray) -> FloatArray:
    """Column ``col``'s weights at the ascending ``rows`` (0 where absent): binary searches for
    a few rows, a scatter into the zeroed ``buffer`` and a gather when there are many."""
    postings, weights = matrix.postings(col)
    if rows.size * 16 < postings.size:
        at = np.searchsorted(postings, rows)
        hit = at < postings.size
        hit[hit] = postings[at[hit]] == rows[hit]
        values = np.zeros(rows.size, dtype=np.float64)
        values[hit] = weights[at[hit]]
        return values
    try:
        buffer[postings] = weights
        return buffer[rows]
    finally:
        buffer[postings] = 0.0


def _single(matrix: WeightMatrix, term: tuple[int, int], keep: Keep | None) -> Candidates:
    """One weighing term: its column is the score."""
    col, count = term
    rows: Rows = matrix.postings(col)[0]
    scores = matrix.postings(col)[1].astype(np.float64) * count
    if keep is not None:
        mask = keep(rows)
        rows, scores = rows[mask], scores[mask]
    return Candidates(rows, scores, int(rows.size), True)


def _unweighted(
    matrix: WeightMatrix, terms: Sequence[tuple[int, int]], keep: Keep | None
) -> Candidates:
    """Every query term weighs nothing: their rows, all at score 0."""
    rows = union([matrix.postings(col)[0] for col, _ in terms])
    if keep is not None:
        rows = rows[keep(rows)]
    return Candidates(rows, np.zeros(rows.size, dtype=np.float64), int(rows.size), True)


def _kth_largest(values: FloatArray, k: int) -> float:
    return float(np.partition(values, values.size - k)[values.size - k])
