"""BM25 as ``rank_bm25`` defines it, precomputed into a sparse matrix.

For a paragraph ``d`` and a query ``q`` (a list of terms, repeats counted once each)::

    score(d, q) = sum over t in q of  idf(t) * tf(t, d) * (k1 + 1)
                                      / (tf(t, d) + k1 * (1 - b + b * |d| / avgdl))

    idf(t) = ln((N + 1) / n(t))                                            (idf)

with ``N`` paragraphs, ``n(t)`` of them containing ``t``, ``|d|`` the paragraph's token count and
``avgdl`` the mean token count. This is ``rank_bm25.BM25Plus`` at ``delta=0``: BM25Okapi's
term-frequency part with BM25Plus's idf, which is positive for every term and falls as a term
gets more common, so every query word counts. BM25Okapi's Robertson idf is negative for a term
in more than half of the paragraphs and is floored to ``epsilon`` times the vocabulary's mean
idf: at ``epsilon=0`` such a term weighs nothing (the README's first question scored 0.0 on
every paragraph of the embedded corpus, ranked in corpus order), above 0 the floor can rank
it above rarer terms (rank_bm25 issue #39), and a term in exactly half weighs 0 at any epsilon.
On BEIR SciFact the change costs nDCG@10 0.6925 -> 0.6915.

Everything but the query is known at build time, so the per-(paragraph, term) weight is stored
in a CSC matrix (rows = paragraphs, columns = terms): a query adds a few columns into a score
buffer, touching only the paragraphs that contain a query term, and never scans the corpus in
Python. The answerability gate weighs query terms with the same ``idf``.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
Int32Array = npt.NDArray[np.int32]
WeightArray = npt.NDArray[np.float32]
BoolArray = npt.NDArray[np.bool_]


class BM25Params(BaseModel):
    """BM25 parameters. The defaults scored best on BEIR SciFact's *train* queries (nDCG@10
    0.699 over k1 in 0.6..2.1, b in 0.4..1.0, with BM25Okapi's idf); on its test queries they
    give 0.6915 with this module's idf."""

    model_config = ConfigDict(frozen=True)

    k1: float = Field(default=1.2, ge=0.0)
    b: float = Field(default=0.4, ge=0.0, le=1.0)


def idf(doc_freq: npt.NDArray[np.integer], n_docs: int) -> FloatArray:
    """``ln((N + 1) / n(t))`` for each term, BM25Plus's idf: positive, highest for the rarest.
    A term in no paragraph (a query word the corpus lacks) weighs as one found once, the
    corpus' highest idf."""
    df = np.maximum(doc_freq.astype(np.float64), 1.0)
    values: FloatArray = np.log((n_docs + 1.0) / df)
    return values


def term_weights(
    tf: FloatArray, doc_len: FloatArray, avgdl: float, term_idf: FloatArray, params: BM25Params
) -> FloatArray:
    """The weight of each (paragraph, term) posting: its share of any query's score."""
    k1, b = params.k1, params.b
    norm = k1 * (1.0 - b + b * doc_len / avgdl) if avgdl > 0 else np.full_like(doc_len, k1)
    return term_idf * (tf * (k1 + 1.0) / (tf + norm))


@dataclass(frozen=True)
class WeightMatrix:
    """The CSC arrays of the weight matrix: column ``t`` holds rows
    ``indices[indptr[t]:indptr[t+1]]`` (ascending) with weights ``data[...]``."""

    indptr: IntArray
    indices: Int32Array
    data: WeightArray
    n_rows: int

    @property
    def n_terms(self) -> int:
        return int(self.indptr.size - 1)

    def doc_freq(self, term: int) -> int:
        return int(self.indptr[term + 1] - self.indptr[term])

    def postings(self, term: int) -> tuple[Int32Array, WeightArray]:
        start, end = int(self.indptr[term]), int(self.indptr[term + 1])
        return self.indices[start:end], self.data[start:end]


class _Vocabulary(dict[str, int]):
    """term -> column, numbering each new term on first sight."""

    def __missing__(self, term: str) -> int:
        column = self[term] = len(self)
        return column


# Paragraphs are reduced to their postings a chunk of about this many tokens at a time: 16 MB
# of sort keys, and few enough chunks that numpy's per-call overhead does not show.
CHUNK_TOKENS = 1 << 21


def weigh_tokens(
    token_lists: Iterable[Sequence[str]], params: BM25Params
) -> tuple[dict[str, int], WeightMatrix]:
    """The vocabulary (term -> column, in order of first sight) and the weight matrix of
    paragraphs given as token lists, row ``i`` being the ``i``-th list.

    The lists are read one at a time and only their term numbers kept, 4 bytes a token in an
    ``array`` (a list would spend 8 on a pointer and most numbers 28 more on an int object),
    and every ``CHUNK_TOKENS`` tokens those become postings (``WeightsBuilder``), so a
    generator streams a corpus through without its tokens ever being held at once.
    """
    vocabulary = _Vocabulary()
    builder = WeightsBuilder()
    terms, lengths = array("i"), array("i")
    for tokens in token_lists:
        terms.extend(map(vocabulary.__getitem__, tokens))
        lengths.append(len(tokens))
        if len(terms) >= CHUNK_TOKENS:
            builder.add_rows(np.frombuffer(lengths, np.int32), np.frombuffer(terms, np.int32))
            terms, lengths = array("i"), array("i")
    builder.add_rows(np.frombuffer(lengths, np.int32), np.frombuffer(terms, np.int32))
    # A plain dict: looking up an unknown query term must not add it.
    return dict(vocabulary), builder.finish(len(vocabulary), params)


def build_weights(
    rows: Int32Array, terms: Int32Array, n_rows: int, n_terms: int, params: BM25Params
) -> WeightMatrix:
    """The weight matrix from one (row, term) pair per token occurrence, in any order."""
    builder = WeightsBuilder()
    builder.add_pairs(rows, terms, n_rows)
    return builder.finish(n_terms, params)


class _Chunk(NamedTuple):
    """Consecutive paragraphs' postings in row-major order: each row's distinct terms
    ascending, with their counts."""

    first_row: int
    row_terms: Int32Array  # how many distinct terms each row has
    terms: Int32Array
    tf: Int32Array


class WeightsBuilder:
    """The weight matrix, from paragraphs' term numbers given a chunk of rows at a time.

    Each chunk is reduced at once to its distinct (row, term) pairs and their counts, 8 bytes a
    posting: memory holds postings, never a number per token (the UNGDC has 2.2 tokens a
    posting). ``finish`` then knows every term's paragraph count, so each chunk's weights go
    straight to their places in the column-major arrays and the chunk is freed: the build peaks
    at about twice the final matrix, where sorting one key per token peaked at ten times it.
    """

    def __init__(self) -> None:
        self._chunks: list[_Chunk] = []
        self._doc_len: list[IntArray] = []
        self.n_rows = 0

    def add_rows(self, lengths: Int32Array, terms: Int32Array) -> None:
        """The next ``lengths.size`` rows, whose term numbers are ``terms`` in row order."""
        rows = np.repeat(np.arange(lengths.size, dtype=np.int32), lengths)
        self.add_pairs(rows, terms, lengths.size)

    def add_pairs(self, rows: Int32Array, terms: Int32Array, n_rows: int) -> None:
        """The next ``n_rows`` rows, numbered from 0 here, as (row, term) pairs in any order.

        Rows with no token still count in ``N`` and in ``avgdl``, as in BM25Okapi."""
        keys = (rows.astype(np.int64) << 32) | terms.astype(np.int64)
        keys.sort()
        pairs, tf = _runs(keys)
        row_terms = np.bincount(pairs >> 32, minlength=n_rows).astype(np.int32)
        chunk_terms = (pairs & 0xFFFFFFFF).astype(np.int32)
        self._chunks.append(_Chunk(self.n_rows, row_terms, chunk_terms, tf.astype(np.int32)))
        self._doc_len.append(np.bincount(rows, minlength=n_rows))
        self.n_rows += n_rows

    def finish(self, n_terms: int, params: BM25Params) -> WeightMatrix:
        """The CSC matrix of everything added; the builder is empty afterwards."""
        n_rows, chunks = self.n_rows, self._chunks
        doc_len = np.concatenate([np.zeros(0, np.int64), *self._doc_len]).astype(np.float64)
        avgdl = float(doc_len.sum() / n_rows) if n_rows else 0.0
        df = np.zeros(n_terms, dtype=np.int64)
        for chunk in chunks:
            df += np.bincount(chunk.terms, minlength=n_terms)
        indptr = np.zeros(n_terms + 1, dtype=np.int64)
        np.cumsum(df, out=indptr[1:])
        term_idf = idf(df, n_rows)
        indices = np.empty(int(indptr[-1]), dtype=np.int32)
        data = np.empty(int(indptr[-1]), dtype=np.float32)
        free = indptr[:-1].copy()  # each column's next free place
        chunks.reverse()  # popped from the end, in row order: each is freed once placed
        while chunks:
            chunk = chunks.pop()
            rows = np.repeat(
                np.arange(chunk.first_row, chunk.first_row + chunk.row_terms.size, dtype=np.int32),
                chunk.row_terms,
            )
            # Stable: within a term, rows stay ascending, as they are in every column.
            order = np.argsort(chunk.terms, kind="stable")
            col, row, tf = chunk.terms[order], rows[order], chunk.tf[order]
            del chunk, rows, order
            starts = np.flatnonzero(np.r_[True, col[1:] != col[:-1]]) if col.size else col
            run = np.diff(np.r_[starts, col.size])
            places = free[col] + (np.arange(col.size) - np.repeat(starts, run))
            free[col[starts]] += run
            indices[places] = row
            tf64 = tf.astype(np.float64)
            data[places] = term_weights(tf64, doc_len[row], avgdl, term_idf[col], params)
        self._doc_len, self.n_rows = [], 0
        return WeightMatrix(indptr, indices, data, n_rows)


def _runs(sorted_keys: IntArray) -> tuple[IntArray, IntArray]:
    """Distinct values of a sorted array and how many times each occurs."""
    if sorted_keys.size == 0:
        return sorted_keys, np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    counts = np.diff(np.r_[starts, sorted_keys.size])
    return sorted_keys[starts], counts.astype(np.int64)


def query_terms(tokens: Sequence[str], vocabulary: dict[str, int]) -> list[tuple[int, int]]:
    """(column, count) of each distinct known query token: a token repeated in the query counts
    as many times, as in BM25Okapi's loop over the query; unknown tokens score nothing."""
    counts: dict[int, int] = {}
    for token in tokens:
        column = vocabulary.get(token)
        if column is not None:
            counts[column] = counts.get(column, 0) + 1
    return sorted(counts.items())


class ScoreBuffers:
    """Per-thread scratch space of one score and one seen-flag per paragraph, kept zeroed
    between queries so a query pays for the paragraphs it touches, not for the corpus."""

    def __init__(self, n_rows: int) -> None:
        self.scores = np.zeros(n_rows, dtype=np.float64)
        self.seen = np.zeros(n_rows, dtype=np.bool_)


def score(
    matrix: WeightMatrix, terms: Sequence[tuple[int, int]], buffers: ScoreBuffers
) -> tuple[npt.NDArray[np.integer], FloatArray]:
    """Rows containing at least one query term (ascending) and their BM25 scores: the plain
    sum of the query's columns (the reference that ``maxscore`` prunes)."""
    if not terms:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float64)
    if len(terms) == 1:
        column, count = terms[0]
        rows, weights = matrix.postings(column)
        return rows.copy(), weights.astype(np.float64) * count
    acc, seen = buffers.scores, buffers.seen
    total = 0
    for column, count in terms:
        rows, weights = matrix.postings(column)
        # Rows are distinct within a column, so fancy-index addition is exact.
        acc[rows] += weights.astype(np.float64) * count if count != 1 else weights
        seen[rows] = True
        total += rows.size
    if total * 8 < matrix.n_rows:
        found = union([matrix.postings(c)[0] for c, _ in terms])
    else:
        found = np.flatnonzero(seen).astype(np.int32)
    values = acc[found]
    acc[found] = 0.0
    seen[found] = False
    return found, values


def union(sorted_rows: Sequence[npt.NDArray[np.integer]]) -> npt.NDArray[np.integer]:
    """Distinct rows of several ascending arrays, ascending (a sort, not numpy 2's hashing
    ``unique``, which took 110 ms for 95k rows)."""
    if not sorted_rows:
        return np.zeros(0, dtype=np.int32)
    rows = np.concatenate(sorted_rows)
    if len(sorted_rows) > 1:
        rows.sort(kind="stable")  # merges the ascending runs
        rows = rows[np.r_[True, rows[1:] != rows[:-1]]]
    return rows


def weights_at(
    matrix: WeightMatrix, term: int, rows: npt.NDArray[np.integer], buffer: FloatArray
) -> FloatArray:
    """Column ``term``'s weights at ``rows`` (0 where absent): binary searches when there are
    few rows, else a scatter into the zeroed ``buffer`` and a gather (left zeroed again)."""
    postings, weights = matrix.postings(term)
    if rows.size * 16 < postings.size:
        # Keys of the postings' own dtype: numpy would otherwise copy the postings to compare.
        keys = rows.astype(postings.dtype, copy=False)
        # A row past the last posting is compared with the last, which it cannot equal: one
        # lookup for every row, not masks of the rows found (8.4 → 7.7 µs median, full UNGDC).
        at = np.minimum(np.searchsorted(postings, keys), postings.size - 1)
        values: FloatArray = np.where(postings[at] == keys, weights[at].astype(np.float64), 0.0)
        return values
    try:
        buffer[postings] = weights
        gathered: FloatArray = buffer[rows]
        return gathered
    finally:
        buffer[postings] = 0.0


def member(sorted_rows: npt.NDArray[np.integer], rows: npt.NDArray[np.integer]) -> BoolArray:
    """Which of ``rows`` are in the ascending ``sorted_rows`` (binary search)."""
    if not sorted_rows.size:
        return np.zeros(rows.size, dtype=np.bool_)
    # A row past the last is compared with the last, which it cannot equal (as in weights_at):
    # three array operations, not six with masks of the rows inside. One row looked up in a
    # posting list 5.4 → 3.7 µs; a quotation's rows, narrowed by each of its terms in turn,
    # are that one row (its source) after the first few.
    at = np.minimum(np.searchsorted(sorted_rows, rows), sorted_rows.size - 1)
    found: BoolArray = sorted_rows[at] == rows
    return found


def top_k(
    scores: FloatArray,
    k: int,
    tiebreak: Callable[[IntArray], npt.NDArray[np.integer]],
) -> IntArray:
    """Positions of the ``k`` best scores, best first; equal scores in ascending order of
    ``tiebreak(positions)`` (asked only for the few positions in contention)."""
    n = scores.size
    if k <= 0 or n == 0:
        return np.zeros(0, dtype=np.int64)
    if k < n:
        # The rows above the k-th best score, then as many of those equal to it as fit, the
        # smallest tiebreak first (a query of weightless words ties every row at 0).
        kth = np.partition(scores, n - k)[n - k]
        above = np.flatnonzero(scores > kth)
        tied = np.flatnonzero(scores == kth)
        room = k - above.size
        if tied.size > room:
            tied = tied[np.argpartition(tiebreak(tied), room - 1)[:room]]
        chosen = np.concatenate([above, tied])
    else:
        chosen = np.arange(n)
    order = np.lexsort((tiebreak(chosen), -scores[chosen]))
    return chosen[order[:k]].astype(np.int64)
