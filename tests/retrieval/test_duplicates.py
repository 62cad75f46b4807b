"""Near-duplicates: one statement in two releases is one hit; different paragraphs are not."""

from __future__ import annotations

from retrieval.duplicates import group_duplicates, jaccard, shingles

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
