from retrieval.typos import typos_of


def test_a_typo_is_a_few_edits_away_and_keeps_its_first_letter() -> None:
    known = ["assembly", "asembly", "nassembly", "assemblies", "assmebly", "resembly"]
    # One edit: a letter dropped, or two neighbours swapped; never the word itself, nor one
    # with another first letter ("nassembly" is a letter added, but before the first).
    assert typos_of("asembly", known, 1) == [("assembly", 1)]
    assert sorted(typos_of("assembly", known, 1)) == [("asembly", 1), ("assmebly", 1)]
    # Up to the edits allowed, nearest first.
    assert typos_of("asembly", known, 2) == [("assembly", 1), ("assmebly", 2)]
    assert typos_of("asembly", known, 0) == []


def test_a_limit_keeps_the_nearest_words_before_their_first_letter_is_looked_at() -> None:
    known = ["xsembly", "asembl", "assembly"]  # all one edit from "asembly"
    assert typos_of("asembly", known, 1) == [("asembl", 1), ("assembly", 1)]
    # Equally near, they come in ``known``'s order: the first two include "xsembly", dropped.
    assert typos_of("asembly", known, 1, limit=2) == [("asembl", 1)]
    assert typos_of("asembly", known, 1, limit=1) == []
