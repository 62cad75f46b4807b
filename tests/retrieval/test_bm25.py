"""BM25 scores and rankings equal rank_bm25's on the same tokens and parameters: BM25Plus at
delta=0, which is rank_bm25's formula with an idf that never weighs a common term zero."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
from rank_bm25 import BM25Plus

from corpus.loader import Corpus, load_corpus
from corpus.models import DocDate
from retrieval import bm25
from retrieval.bm25 import BM25Params
from retrieval.index import _FEW_ROWS, Index
from retrieval.models import DateRange, Query
from retrieval.tokenize import tokenize

TOY = [
    ["peac", "secur", "peac"],
    ["develop", "peac"],
    [],
    ["climat", "chang", "climat", "climat", "develop"],
    ["secur", "council", "reform"],
    ["peac"],
]


def _matrix(docs: list[list[str]], params: BM25Params) -> tuple[bm25.WeightMatrix, dict[str, int]]:
    vocabulary, matrix = bm25.weigh_tokens(docs, params)
    return matrix, vocabulary


def test_weigh_tokens_numbers_terms_on_first_sight_from_a_stream() -> None:
    vocabulary, matrix = bm25.weigh_tokens(iter(TOY), BM25Params())
    assert list(vocabulary) == ["peac", "secur", "develop", "climat", "chang", "council", "reform"]
    assert list(vocabulary.values()) == list(range(7))
    assert (matrix.n_rows, matrix.n_terms) == (6, 7)  # the empty paragraph is a row
    assert matrix.postings(vocabulary["peac"])[0].tolist() == [0, 1, 5]
    assert matrix.postings(vocabulary["climat"])[0].tolist() == [3]


def _dense(
    matrix: bm25.WeightMatrix, vocabulary: dict[str, int], query: list[str]
) -> npt.NDArray[np.float64]:
    rows, scores = bm25.score(
        matrix, bm25.query_terms(query, vocabulary), bm25.ScoreBuffers(matrix.n_rows)
    )
    dense = np.zeros(matrix.n_rows)
    dense[rows] = scores
    return dense


def reference(docs: list[list[str]], k1: float = 1.2, b: float = 0.4) -> BM25Plus:
    """rank_bm25's BM25Plus at delta=0: rank_bm25's term-frequency part with the idf
    ln((N + 1) / n(t)) the index scores with."""
    return BM25Plus(docs, k1=k1, b=b, delta=0)


# b=1 is left out: rank_bm25 divides 0 by 0 for an empty paragraph there (NaN); we score 0.
@pytest.mark.parametrize(("k1", "b"), [(1.5, 0.75), (0.9, 0.4), (1.2, 0.9), (2.0, 0.0)])
@pytest.mark.parametrize(
    "query",
    [["peac"], ["peac", "peac"], ["climat", "develop"], ["secur", "reform", "unknown"], []],
)
def test_scores_equal_rank_bm25(k1: float, b: float, query: list[str]) -> None:
    params = BM25Params(k1=k1, b=b)
    matrix, vocabulary = _matrix(TOY, params)
    expected = reference(TOY, k1, b).get_scores(query)
    np.testing.assert_allclose(_dense(matrix, vocabulary, query), expected, rtol=1e-6, atol=1e-9)


# "peac" in 3 of 4 paragraphs: rank_bm25's idf would be negative there (floored to epsilon
# times the mean idf, 0 at epsilon 0); "peac" in TOY is in exactly half (0 at any epsilon).
MAJORITY = [["peac", "secur"], ["peac"], ["peac", "climat", "climat"], ["develop"]]
EVERYWHERE = [["peac", "secur"], ["peac"], ["peac", "climat"]]


@pytest.mark.parametrize("docs", [TOY, MAJORITY, EVERYWHERE])
def test_idf_is_rank_bm25s_and_positive_however_common(docs: list[list[str]]) -> None:
    plus = reference(docs)
    terms = list(plus.idf)
    doc_freq = np.array([sum(term in doc for doc in docs) for term in terms])
    ours = bm25.idf(doc_freq, len(docs))
    np.testing.assert_allclose(ours, [plus.idf[t] for t in terms], rtol=1e-12, atol=1e-15)
    assert (ours > 0).all()
    # The more common the term, the less it weighs, never the other way round (rank_bm25 #39).
    order = np.argsort(doc_freq, kind="stable")
    assert (np.diff(ours[order]) <= 0).all()


def test_scores_equal_rank_bm25_for_terms_in_most_or_all_paragraphs() -> None:
    for docs in (MAJORITY, EVERYWHERE):
        matrix, vocabulary = _matrix(docs, BM25Params())
        for query in (["peac"], ["peac", "climat"], ["secur", "peac", "develop"]):
            expected = reference(docs).get_scores(query)
            ours = _dense(matrix, vocabulary, query)
            np.testing.assert_allclose(ours, expected, rtol=1e-6, atol=1e-9)
            assert (ours[[i for i, d in enumerate(docs) if "peac" in d]] > 0).all()


def test_an_unseen_term_weighs_as_the_rarest() -> None:
    doc_freq = np.array([0, 1, 4, 6])  # in none, one, most and all of 6 paragraphs
    weights = bm25.idf(doc_freq, 6)
    assert weights[0] == weights[1] == weights.max() and (weights > 0).all()


def test_common_terms_still_rank_paragraphs() -> None:
    # "peac" is in 3 of 6 paragraphs (BM25Okapi: ln(3.5) - ln(3.5) = 0): here it scores, and
    # the paragraph saying it twice comes first.
    matrix, vocabulary = _matrix(TOY, BM25Params())
    scores = _dense(matrix, vocabulary, ["peac"])
    assert (scores[[0, 1, 5]] > 0).all() and not scores[[2, 3, 4]].any()
    assert int(np.argmax(scores)) == 0


def test_score_buffers_are_left_clean() -> None:
    matrix, vocabulary = _matrix(TOY, BM25Params())
    buffers = bm25.ScoreBuffers(matrix.n_rows)
    first = bm25.score(matrix, bm25.query_terms(["climat", "secur"], vocabulary), buffers)
    again = bm25.score(matrix, bm25.query_terms(["climat", "secur"], vocabulary), buffers)
    assert not buffers.scores.any() and not buffers.seen.any()
    np.testing.assert_array_equal(first[1], again[1])


def test_top_k_breaks_ties_by_the_tiebreak() -> None:
    scores = np.array([1.0, 3.0, 2.0, 3.0, 3.0, 0.5])
    tiebreak = np.array([0, 5, 1, 2, 9, 3])
    def key(chosen: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        return tiebreak[chosen]

    assert bm25.top_k(scores, 3, key).tolist() == [3, 1, 4]
    assert bm25.top_k(scores, 10, key).tolist() == [3, 1, 4, 2, 0, 5]
    assert bm25.top_k(scores, 1, key).tolist() == [3]
    assert bm25.top_k(scores, 5, key).tolist() == [3, 1, 4, 2, 0]
    assert bm25.top_k(scores, 0, key).tolist() == []


def test_top_k_among_many_equal_scores() -> None:
    scores = np.zeros(1000)
    scores[500] = 1.0
    tiebreak = np.arange(1000)[::-1].copy()
    best = bm25.top_k(scores, 4, tiebreak.__getitem__)
    assert best.tolist() == [500, 999, 998, 997]


# ---------------------------------------------------------------------------------------------
# The UNGDC sample: the index's top 10 is rank_bm25's, ties aside.

PARAMS = BM25Params(k1=1.2, b=0.75)


@pytest.fixture(scope="module")
def sample(shared_dir: Path) -> tuple[Corpus, Index, BM25Plus]:
    corpus = load_corpus([shared_dir / "corpora" / "ungdc" / "sample"])
    index = Index.build(corpus, PARAMS)
    okapi = reference([tokenize(p.text) for p in corpus.paragraphs()], PARAMS.k1, PARAMS.b)
    return corpus, index, okapi


def _queries(corpus: Corpus, count: int) -> list[str]:
    """Written questions, plus seeded word picks from random paragraphs (1 to 12 words)."""
    written = [
        "carbon neutrality",
        "one-China policy",
        "the role of the United Nations",
        "climate change climate finance",
        "nuclear disarmament non-proliferation treaty",
        "Taiwan",
        "peace and development",
        "sustainable development goals 2030 Agenda",
        "COVID-19 pandemic vaccines",
        "human rights human rights",
    ]
    rng = random.Random(7)
    paragraphs = list(corpus.paragraphs())
    picked: list[str] = []
    while len(picked) < count - len(written):
        words = paragraphs[rng.randrange(len(paragraphs))].text.split()
        if words:
            picked.append(" ".join(rng.choices(words, k=rng.randint(1, 12))))
    return written + picked


@pytest.mark.shared
def test_top10_equals_rank_bm25_on_ungdc_sample(sample: tuple[Corpus, Index, BM25Plus]) -> None:
    corpus, index, okapi = sample
    assert index.n_paragraphs == len(okapi.doc_len)
    checked = 0
    for text in _queries(corpus, 80):
        expected = okapi.get_scores(tokenize(text))
        eleven = np.sort(expected)[::-1][:11]
        best = eleven[:10][eleven[:10] > 0]
        ranking = index.search(Query(text=text, k=10))
        ours = np.array(ranking.rows[: best.size], dtype=np.int64)
        # Same scores at every rank: the same paragraphs, up to the order of equal scores.
        np.testing.assert_allclose(expected[ours], best, rtol=1e-6, err_msg=text)
        np.testing.assert_allclose(ranking.scores[: best.size], best, rtol=1e-5, err_msg=text)
        # Where no two of the first 11 scores are equal, the order must be exactly rank_bm25's.
        if best.size and (np.diff(eleven) < -1e-6 * best[0]).all():
            assert ours.tolist() == np.argsort(-expected, kind="stable")[: best.size].tolist()
        checked += 1
    assert checked == 80


@pytest.mark.shared
def test_filtered_top10_equals_rank_bm25_on_ungdc_sample(
    sample: tuple[Corpus, Index, BM25Plus],
) -> None:
    """Speaker and year filters, both those searched row by row (few paragraphs) and those
    pruned (many): the top 10 is rank_bm25's among the paragraphs passing the filter."""
    corpus, index, okapi = sample
    paragraphs = list(corpus.paragraphs())
    year_of = {d.id: d.date.year if d.date else None for d in corpus.documents}
    speakers = Counter(name for p in paragraphs for name in {*p.speakers, *p.collective})
    few = index.n_paragraphs // _FEW_ROWS
    chosen = [name for name, n in speakers.most_common() if n > few][:2]
    chosen += [name for name, n in speakers.most_common() if 10 <= n <= few][:3]
    filters: list[tuple[Query, npt.NDArray[np.bool_]]] = []
    for name in chosen:
        passing = np.array([name in {*p.speakers, *p.collective} for p in paragraphs])
        filters.append((Query(text="-", speaker=name), passing))
    for year in (2024, 1990):
        passing = np.array([year_of[p.doc_id] == year for p in paragraphs])
        dates = DateRange(start=DocDate(year=year), end=DocDate(year=year))
        filters.append((Query(text="-", dates=dates), passing))
    sizes = [int(passing.sum()) for _, passing in filters]
    assert any(n <= few for n in sizes) and any(n > few for n in sizes)  # both ways are tested

    for text in _queries(corpus, 30):
        expected_all = okapi.get_scores(tokenize(text))
        for base, passing in filters:
            expected = np.where(passing, expected_all, 0.0)
            best = np.sort(expected)[::-1][:10]
            best = best[best > 0]
            ranking = index.search(base.model_copy(update={"text": text, "k": 10}))
            ours = np.array(ranking.rows[: best.size], dtype=np.int64)
            where = f"{text!r} with {base.speaker or base.dates}"
            assert passing[ours].all(), where
            np.testing.assert_allclose(expected[ours], best, rtol=1e-6, err_msg=where)
            if best.size < 10:
                assert len(ranking.rows) == best.size or ranking.scores[best.size] == 0, where
