"""MaxScore pruning returns exactly the top k of exhaustive scoring, filters included."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest

from retrieval import bm25
from retrieval.bm25 import BM25Params
from retrieval.bounds import BLOCK_SHIFT, term_bounds
from retrieval.maxscore import top_candidates


def _zipf_matrix(n_rows: int, n_terms: int, seed: int) -> bm25.WeightMatrix:
    rng = np.random.default_rng(seed)
    lengths = rng.integers(0, 40, n_rows)
    terms = np.minimum(rng.zipf(1.2, int(lengths.sum())), n_terms) - 1
    rows = np.repeat(np.arange(n_rows), lengths)
    return bm25.build_weights(
        rows.astype(np.int32), terms.astype(np.int32), n_rows, n_terms, BM25Params()
    )


MATRIX = _zipf_matrix(4000, 500, seed=3)
# Block bounds for every term with 16 postings or more, so the small matrix exercises them.
BOUNDS = term_bounds(MATRIX, min_blocked_postings=16)


def _exhaustive(terms: list[tuple[int, int]]) -> npt.NDArray[np.float64]:
    dense = np.zeros(MATRIX.n_rows)
    for col, count in terms:
        rows, weights = MATRIX.postings(col)
        dense[rows] += weights.astype(np.float64) * count
    return dense


def test_column_bounds_are_column_maxima() -> None:
    for col in range(MATRIX.n_terms):
        _, weights = MATRIX.postings(col)
        assert BOUNDS.column[col] == (weights.max() if weights.size else 0)


def test_block_bounds_bound_every_weight_and_are_tighter_than_the_column() -> None:
    assert BOUNDS.fit(MATRIX)
    blocked = np.flatnonzero(BOUNDS.slots >= 0)
    assert blocked.size > 100
    all_rows = np.arange(MATRIX.n_rows)
    tighter = blocks_without = 0
    for col in range(MATRIX.n_terms):
        rows, weights = MATRIX.postings(col)
        bound = BOUNDS.at(col, all_rows)
        if BOUNDS.slots[col] < 0:
            assert bound == BOUNDS.column[col]
            continue
        assert isinstance(bound, np.ndarray)
        assert np.all(bound[rows] >= weights)
        assert np.all(bound <= BOUNDS.column[col] * (1 + 1e-5))
        # A block without the term bounds it at 0.
        without = np.ones(BOUNDS.blocks.shape[1], dtype=np.bool_)
        without[rows >> BLOCK_SHIFT] = False
        assert not bound[without[all_rows >> BLOCK_SHIFT]].any()
        blocks_without += int(without.sum())
        tighter += int(np.count_nonzero(bound[rows] < BOUNDS.column[col] * 0.9))
    assert tighter > 0 and blocks_without > 0


@pytest.mark.parametrize("k", [1, 5, 10, 50])
@pytest.mark.parametrize("filtering", ["none", "pruned", "row by row"])
def test_top_k_equals_exhaustive_scoring(k: int, filtering: str) -> None:
    rng = np.random.default_rng(k)
    allowed = rng.random(MATRIX.n_rows) < 0.3
    filtered = filtering != "none"

    def keep(rows: npt.NDArray[np.integer]) -> npt.NDArray[np.bool_]:
        passing: npt.NDArray[np.bool_] = allowed[rows]
        return passing

    buffers = bm25.ScoreBuffers(MATRIX.n_rows)
    pruned = 0
    for _ in range(150):
        size = int(rng.integers(1, 13))
        columns = np.minimum(rng.zipf(1.3, size), MATRIX.n_terms) - 1
        terms = bm25.query_terms([str(c) for c in columns], {str(c): int(c) for c in columns})
        found = top_candidates(
            MATRIX,
            BOUNDS,
            terms,
            k,
            keep=keep if filtered else None,
            buffers=buffers,
            allowed=np.flatnonzero(allowed) if filtering == "row by row" else None,
        )
        dense = _exhaustive(terms)
        if filtered:
            dense[~allowed] = 0.0
        expected = np.sort(dense)[::-1][:k]
        expected = expected[expected > 0]
        best = bm25.top_k(found.scores, k, found.rows.__getitem__)
        np.testing.assert_allclose(found.scores[best][: expected.size], expected, rtol=1e-9)
        np.testing.assert_allclose(dense[found.rows[best]][: expected.size], expected, rtol=1e-9)
        matching = int(np.count_nonzero(dense > 0))
        if not any(BOUNDS.column[col] > 0 for col, _ in terms):
            # Only weightless terms: the rows containing them count, at score 0.
            contains = np.zeros(MATRIX.n_rows, dtype=np.bool_)
            for col, _ in terms:
                contains[MATRIX.postings(col)[0]] = True
            matching = int(np.count_nonzero(contains & allowed if filtered else contains))
        if found.exact:
            assert found.total == matching
        else:
            pruned += 1
            assert 0 < found.total <= matching
        assert not buffers.scores.any() and not buffers.seen.any()
    # Rows given in advance are scored exactly; otherwise the test exercises the pruned path.
    assert pruned == 0 if filtering == "row by row" else pruned > 0


def test_terms_without_weight_return_their_rows_at_zero() -> None:
    # bm25.idf weighs no term 0 (even one in every row); a weightless column, made by hand,
    # still must not break pruning. Term 0 is the most frequent.
    data = MATRIX.data.copy()
    data[MATRIX.indptr[0] : MATRIX.indptr[1]] = 0.0
    matrix = bm25.WeightMatrix(MATRIX.indptr, MATRIX.indices, data, MATRIX.n_rows)
    bounds = term_bounds(matrix, min_blocked_postings=16)
    assert bounds.column[0] == 0
    found = top_candidates(
        matrix, bounds, [(0, 1)], 10, keep=None, buffers=bm25.ScoreBuffers(MATRIX.n_rows)
    )
    assert found.total == MATRIX.doc_freq(0) and found.exact
    assert not found.scores.any()
    # With a weighing term, the weightless one adds nothing and finds nothing by itself.
    with_rare = top_candidates(
        matrix, bounds, [(0, 1), (400, 1)], 10, keep=None, buffers=bm25.ScoreBuffers(4000)
    )
    assert with_rare.total == MATRIX.doc_freq(400)
