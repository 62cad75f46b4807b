"""Near-duplicates: one statement in two releases is one hit; different paragraphs are not."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterable

import pytest

from retrieval import duplicates
from retrieval.duplicates import (
    LIKELY,
    SKETCH,
    THRESHOLD,
    Group,
    Sketch,
    SketchTable,
    group_duplicates,
    jaccard,
    may_match,
    shingles,
    sketch,
)
from retrieval.tokenize import tokenize

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


def shingles_of(text: str) -> frozenset[int]:
    return shingles(tokenize(text))


def group(texts: list[str], documents: list[str]) -> list[Group]:
    """Group texts as the answer does a page's candidates: by their sketches, shingle sets
    made only when asked for."""
    sets = [shingles_of(text) for text in texts]
    return group_duplicates(SketchTable.of([sketch(s) for s in sets]), documents, sets.__getitem__)


def test_shingles_ignore_case_accents_punctuation_and_stopwords() -> None:
    assert shingles_of("Kőrösi noted, that") == shingles_of("korosi NOTED the")
    assert jaccard(shingles_of(RELEASE_A), shingles_of(RELEASE_A.upper())) == 1.0


def test_shingles_differing_in_any_one_term_differ() -> None:
    terms = [f"w{n}" for n in range(30)]
    triples = list(itertools.product(terms, repeat=3))
    assert len(set().union(*(shingles(list(t)) for t in triples))) == len(triples)


def test_shingle_hashes_are_the_same_in_every_process() -> None:
    # The index stores them: Python's salted str hash would differ from one run to the next.
    assert shingles(["wang", "yi", "said"]) == {2088896962}
    # Three terms or fewer are one shingle, their whole.
    assert shingles(["wang", "yi"]) == {3187888934} and shingles(["yi"]) == {197207706}
    assert shingles([]) == frozenset()


def test_same_statement_in_two_documents_is_grouped() -> None:
    groups = group([RELEASE_A, OTHER, RELEASE_B], ["doc1", "doc2", "doc3"])
    assert [(g.first, g.others) for g in groups] == [(0, [2]), (1, [])]


def test_repeats_within_one_document_stay_separate() -> None:
    assert len(group([RELEASE_A, RELEASE_A], ["doc1", "doc1"])) == 2
    # A group holds one paragraph of each document: the second from doc2 starts its own.
    groups = group([RELEASE_A, RELEASE_B, RELEASE_B], ["doc1", "doc2", "doc2"])
    assert [(g.first, g.others) for g in groups] == [(0, [1]), (2, [])]


def test_a_candidate_of_a_groups_document_may_join_a_later_group() -> None:
    # B nearly duplicates A (its own document) and C (another): it joins C, not a group of
    # its own. A and C are too far apart to be one statement.
    words = [f"word{n}" for n in range(20)]
    a, c, b = (" ".join(words[start : start + 12]) for start in (0, 4, 2))
    assert jaccard(shingles_of(a), shingles_of(b)) >= THRESHOLD
    assert jaccard(shingles_of(b), shingles_of(c)) >= THRESHOLD
    assert jaccard(shingles_of(a), shingles_of(c)) < THRESHOLD
    groups = group([a, c, b], ["d1", "d2", "d1"])
    assert [(g.first, g.others) for g in groups] == [(0, []), (1, [2])]


def test_a_first_pages_pairs_sharing_too_little_are_never_compared_one_by_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    compared: list[tuple[Sketch, Sketch]] = []

    def counted(a: Sketch, b: Sketch) -> bool:
        compared.append((a, b))
        return may_match(a, b)

    monkeypatch.setattr(duplicates, "may_match", counted)
    texts = [f"Item {n} of the agenda, on {n * 7} and {n * 13}" for n in range(20)]
    assert len(group([*texts, RELEASE_A, RELEASE_B], [str(n) for n in range(22)])) == 21
    assert len(compared) == 1  # the two releases only


def test_different_paragraphs_on_one_topic_are_not_grouped() -> None:
    assert jaccard(shingles_of(RELEASE_A), shingles_of(OTHER)) < 0.2
    assert len(group([RELEASE_A, OTHER], ["a", "b"])) == 2


def test_empty_texts_never_group() -> None:
    assert len(group(["", ""], ["a", "b"])) == 2
    assert len(group(["the and of", "the and of"], ["a", "b"])) == 2  # stopwords only


def test_folding_thousands_of_candidates_compares_only_those_sharing_marks() -> None:
    from tests.linear import statement_seconds

    # Comparing each candidate with every earlier group took about a minute for 9,000
    # UNGDC paragraphs; through the inverted index, a fraction of a second.
    seconds = statement_seconds(
        "from tests.retrieval.test_duplicates import group\n"
        "texts = [f'Statement {n} on item {n * 7} of session {n * 13} today' for n in range(9000)]",
        "assert len(group(texts, [str(n) for n in range(9000)])) == 9000",
        timeout=60,
    )
    assert seconds < 10


def test_similarity_exactly_at_the_threshold_groups() -> None:
    # Five shingles against three of them: 3/5 = 0.6 exactly, the sizes' ratio as well.
    longer, shorter = "one two three four five six seven", "one two three four five"
    assert jaccard(shingles_of(longer), shingles_of(shorter)) == THRESHOLD
    assert [g.others for g in group([longer, shorter], ["a", "b"])] == [[1]]


def test_sizes_too_far_apart_never_group() -> None:
    longer, shorter = "one two three four five six seven eight", "one two three four five"
    assert jaccard(shingles_of(longer), shingles_of(shorter)) < THRESHOLD
    assert len(group([longer, shorter], ["a", "b"])) == 2


def test_the_inverted_index_groups_as_direct_comparison(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [RELEASE_A, OTHER, RELEASE_B, RELEASE_A.upper(), OTHER + " Indeed.", "", RELEASE_B]
    documents = ["d1", "d2", "d3", "d1", "d4", "d5", "d6"]
    direct = [(g.first, g.others) for g in group(texts, documents)]
    monkeypatch.setattr(duplicates, "DIRECT_COMPARISONS", 0)
    indexed = [(g.first, g.others) for g in group(texts, documents)]
    assert direct == indexed == [(0, [2, 6]), (1, [4]), (3, []), (5, [])]


def _words(rng: random.Random, n: int) -> list[str]:
    return [f"w{rng.randrange(10**9)}" for _ in range(n)]


def test_sketches_pass_similar_pairs_and_stop_unrelated_ones() -> None:
    """The odds in the module's docstring, drawn: 500 pairs past the sketch's size at about
    0.67 similarity all pass (the rule misses one in 10^5 at 0.6); pairs at about 0.13 (a
    quarter of their terms in common) seldom do."""
    rng = random.Random(7)
    passed_similar = passed_other = 0
    for _ in range(500):
        terms = _words(rng, 120)
        changed = list(terms)
        for at in rng.sample(range(120), 8):  # each change breaks up to three shingles
            changed[at] = _words(rng, 1)[0]
        a, b = shingles(terms), shingles(changed)
        assert len(a) > SKETCH and 0.6 <= jaccard(a, b) <= 0.8
        passed_similar += may_match(sketch(a), sketch(b))
        other = shingles(terms[:30] + _words(rng, 90))
        assert 0.1 <= jaccard(a, other) <= 0.15
        passed_other += may_match(sketch(a), sketch(other))
    assert passed_similar == 500
    assert passed_other < 50


def test_sketches_that_hold_their_sets_whole_decide_exactly() -> None:
    rng = random.Random(8)
    for size in range(1, SKETCH + 1):
        terms = _words(rng, size + 2)
        for keep in range(size + 3):
            a, b = shingles(terms), shingles(terms[:keep])
            if jaccard(a, b) >= THRESHOLD:
                assert may_match(sketch(a), sketch(b))


def test_shingle_sets_are_made_only_for_pairs_the_sketches_let_through() -> None:
    items = [f"Item {n} of the agenda, on {n * 7}" for n in range(17)]
    texts = [RELEASE_A, OTHER, RELEASE_B, *items]
    sets = [shingles_of(text) for text in texts]
    asked: list[int] = []

    def shingles_asked(i: int) -> frozenset[int]:
        asked.append(i)
        return sets[i]

    documents = [str(n) for n in range(len(texts))]
    groups = group_duplicates(SketchTable.of([sketch(s) for s in sets]), documents, shingles_asked)
    assert groups[0].others == [2]
    assert sorted(asked) == [0, 2]
    # Sketches alike, sizes too far apart (6 shingles and 3: at most 0.5 similar).
    asked.clear()
    longer, shorter = map(shingles_of, ("one two three four five six seven eight", "one two three"))
    table = SketchTable.of([sketch(longer), sketch(shorter)])
    assert len(group_duplicates(table, ["a", "b"], shingles_asked)) == 2
    assert asked == []


def _sketch(size: int, smallest: Iterable[int]) -> Sketch:
    return Sketch(size, tuple(sorted(smallest)))


def test_sketches_pass_a_quarter_of_their_unions_smallest_in_common() -> None:
    # Sets past the sketch: of the union's 32 smallest hashes, 8 in both pass, 7 do not.
    shared = range(8)
    a = _sketch(100, [*shared, *range(100, 124)])
    assert may_match(a, _sketch(100, [*shared, *range(200, 224)]))
    assert not may_match(a, _sketch(100, [*range(7), *range(200, 225)]))
    # Sets a sketch holds whole, 13 and 12 shingles: 5 in common of 20 pass, 4 of 21 do not.
    assert may_match(_sketch(13, range(13)), _sketch(12, [*range(5), *range(100, 107)]))
    assert not may_match(_sketch(13, range(13)), _sketch(12, [*range(4), *range(100, 108)]))


def test_pairs_are_let_through_all_at_once_as_one_by_one() -> None:
    """``_sharing_enough`` finds, for all pairs at once, those whose sizes and shared hashes
    pass ``may_match``'s first tests, and only those: every pair ``may_match`` passes is
    among them. Hashes drawn from few values, so that some are shared by many sketches."""
    rng = random.Random(11)
    for _ in range(200):
        count = rng.randrange(0, 12)
        sketches = []
        for _ in range(count):
            size = rng.choice([0, 1, 3, 5, 12, 20, 32, 40, 60, 200])
            hashes = rng.sample(range(48), min(size, SKETCH))
            sketches.append(Sketch(size, tuple(sorted(hashes))))
        table = SketchTable.of(sketches)
        assert [table[i] for i in range(count)] == sketches
        found = duplicates._sharing_enough(table)
        expected = set()
        for i, j in itertools.combinations(range(count), 2):
            a, b = sketches[j], sketches[i]
            smaller, larger = sorted((a.size, b.size))
            both = len(set(a.smallest) & set(b.smallest))
            if smaller and smaller >= THRESHOLD * larger and both >= LIKELY * min(SKETCH, larger):
                expected.add((j, i))
            if may_match(a, b):
                assert (j, i) in found
        assert found == expected
