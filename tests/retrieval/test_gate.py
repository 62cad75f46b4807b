"""The answerability gate: query terms, their idf weights, coverage, and the calibration of
``MIN_COVERAGE`` on the UNGDC sample (answer the questions it was calibrated to answer, refuse
the ones it was calibrated to refuse)."""

from __future__ import annotations

import math

import pytest

from retrieval.answer import ask
from retrieval.gate import IDF_FLOOR, MIN_COVERAGE, coverage, idf_weights, query_terms
from retrieval.index import Index


def test_a_hyphenated_words_joined_form_is_not_counted_twice(seeds: Index) -> None:
    assert "onechina" in seeds.tokens_of("one-China principle")
    assert query_terms(seeds, "one-China principle") == ["one", "china", "principl"]
    assert query_terms(seeds, "China china CHINA") == ["china"]


def test_idf_weights_floor_common_terms_and_top_unknown_ones(seeds: Index) -> None:
    n = seeds.n_paragraphs
    assert seeds.doc_freq("multilater") > n / 2 and seeds.doc_freq("zzzz") == 0
    weights = idf_weights(seeds, ["multilater", "principl", "zzzz", "principl"])
    assert list(weights) == ["multilater", "principl", "zzzz"]
    assert weights["multilater"] == IDF_FLOOR
    df = seeds.doc_freq("principl")
    assert weights["principl"] == pytest.approx(math.log((n - df + 0.5) / (df + 0.5)))
    assert weights["zzzz"] == pytest.approx(math.log((n + 0.5) / 0.5))


def test_coverage_is_the_share_of_idf_mass_present(seeds: Index) -> None:
    weights = idf_weights(seeds, query_terms(seeds, "one-China principle"))
    assert coverage(seeds, "One China Principle", weights) == 1.0
    assert coverage(seeds, "the principle", weights) == pytest.approx(
        weights["principl"] / sum(weights.values())
    )
    assert coverage(seeds, "nothing relevant", weights) == 0.0
    assert coverage(seeds, "anything", {}) == 0.0


# Calibration of MIN_COVERAGE (see the docstring of retrieval.gate).
ANSWERED = [
    "climate change",
    "Security Council reform",
    "What did China say about Taiwan?",
    "reform of the Security Council to give Africa permanent seats",
    "debt relief for developing countries and reform of international financial institutions",
    "Japan discharge of nuclear-contaminated water into the ocean",
    "one-China principle",
]
REFUSED = [
    "bitcoin mining regulation",
    "recipe for chocolate cake",
    "smartphone battery life",
    "Taylor Swift concert tickets",
    "best pizza in Naples",
    "iPhone release",
]


@pytest.mark.shared
@pytest.mark.parametrize("question", ANSWERED)
def test_calibrated_questions_are_answered(sample: Index, question: str) -> None:
    answer = ask(sample, question)
    assert answer.not_found is None and answer.hits


@pytest.mark.shared
@pytest.mark.parametrize("question", REFUSED)
def test_calibrated_questions_are_refused_with_suggestions(sample: Index, question: str) -> None:
    answer = ask(sample, question)
    assert answer.not_found and not answer.hits
    assert answer.suggestions


def test_threshold_is_documented() -> None:
    import retrieval.gate

    assert f"{MIN_COVERAGE}" in (retrieval.gate.__doc__ or "")


