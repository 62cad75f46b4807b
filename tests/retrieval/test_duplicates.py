"""Near-duplicates: one statement in two releases is one hit; different paragraphs are not."""

from __future__ import annotations

import pytest

from retrieval import duplicates
from retrieval.duplicates import THRESHOLD, group_duplicates, jaccard, shingles

RELEASE_A = (
    "Wang Yi said that the United Nations is the banner of multilateralism. To adhere to "
    "multilateralism, we must maintain the basic norms of international relations."
)
RELEASE_B = (
    "Wang Yi said that the United Nations is the banner of multilateralism. To uphold "
    "multilateralism, we must maintain the basic norms of international relations."
)
OTHER = (
    "Qin Gang stressed that China firmly upholds the international system with the UN at its "
    "core and the basic norms governing international relations."
)


def test_shingles_ignore_case_accents_and_punctuation() -> None:
    assert shingles("Kőrösi noted, that") == shingles("korosi NOTED that")
    assert jaccard(shingles(RELEASE_A), shingles(RELEASE_A.upper())) == 1.0


def test_same_statement_in_two_documents_is_grouped() -> None:
    groups = group_duplicates([RELEASE_A, OTHER, RELEASE_B], ["doc1", "doc2", "doc3"])
    assert [(g.first, g.others) for g in groups] == [(0, [2]), (1, [])]


def test_repeats_within_one_document_stay_separate() -> None:
    groups = group_duplicates([RELEASE_A, RELEASE_A], ["doc1", "doc1"])
    assert len(groups) == 2


def test_different_paragraphs_on_one_topic_are_not_grouped() -> None:
    assert jaccard(shingles(RELEASE_A), shingles(OTHER)) < 0.2
    assert len(group_duplicates([RELEASE_A, OTHER], ["a", "b"])) == 2


def test_empty_texts_never_group() -> None:
    assert len(group_duplicates(["", ""], ["a", "b"])) == 2


def test_folding_thousands_of_candidates_compares_only_those_sharing_shingles() -> None:
    from tests.linear import statement_seconds

    # Comparing each candidate with every earlier group took about a minute for 9,000
    # UNGDC paragraphs; through the inverted index, a fraction of a second.
    seconds = statement_seconds(
        "from retrieval.duplicates import group_duplicates\n"
        "texts = [f'Statement {n} on item {n * 7} of session {n * 13} today' for n in range(9000)]",
        "assert len(group_duplicates(texts, [str(n) for n in range(9000)])) == 9000",
        timeout=60,
    )
    assert seconds < 10


def test_similarity_exactly_at_the_threshold_groups() -> None:
    # Five shingles against three of them: 3/5 = 0.6 exactly, the sizes' ratio as well.
    longer, shorter = "one two three four five six seven", "one two three four five"
    assert jaccard(shingles(longer), shingles(shorter)) == THRESHOLD
    assert [g.others for g in group_duplicates([longer, shorter], ["a", "b"])] == [[1]]


def test_sizes_too_far_apart_never_group() -> None:
    longer, shorter = "one two three four five six seven eight", "one two three four five"
    assert jaccard(shingles(longer), shingles(shorter)) < THRESHOLD
    assert len(group_duplicates([longer, shorter], ["a", "b"])) == 2


def test_the_inverted_index_groups_as_direct_comparison(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [RELEASE_A, OTHER, RELEASE_B, RELEASE_A.upper(), OTHER + " Indeed.", "", RELEASE_B]
    documents = ["d1", "d2", "d3", "d1", "d4", "d5", "d6"]
    direct = [(g.first, g.others) for g in group_duplicates(texts, documents)]
    monkeypatch.setattr(duplicates, "DIRECT_COMPARISONS", 0)
    indexed = [(g.first, g.others) for g in group_duplicates(texts, documents)]
    assert direct == indexed == [(0, [2, 6]), (1, [4]), (3, []), (5, [])]
