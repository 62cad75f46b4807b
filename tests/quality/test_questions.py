"""The judged question sets are well formed, split once and for good, and every judged snippet
of the sample set still names exactly one paragraph of the sample corpus (so a change to how
files are split into paragraphs cannot silently unlabel a question). The full-corpus set is
checked for form only: resolving it needs the 67 MB archive extracted, which is the
benchmark's job (tests/benchmarks/bench_questions.py)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from corpus.loader import embedded_corpus_folder, load_corpus
from corpus.models import Document
from tests.quality.questions import (
    FULL_QUESTIONS,
    QUESTION_TYPES,
    SAMPLE_QUESTIONS,
    Judged,
    LabelError,
    Question,
    assign_splits,
    by_path,
    judged_ids,
    load_questions,
    resolve,
    sample_folders,
)

UNGDC_PATH = re.compile(r"^TXT/Session (\d\d) - (\d{4})/[A-Z]{2,3}_\1_\2\.txt$")


@pytest.fixture(scope="module")
def sample_questions() -> list[Question]:
    return load_questions(SAMPLE_QUESTIONS)


@pytest.fixture(scope="module")
def full_questions() -> list[Question]:
    return load_questions(FULL_QUESTIONS)


@pytest.fixture(scope="module")
def seeds() -> dict[str, Document]:
    return by_path(load_corpus([embedded_corpus_folder()], progress=False).documents)


def test_ids_are_unique_across_both_files(
    sample_questions: list[Question], full_questions: list[Question]
) -> None:
    ids = [q.id for q in sample_questions + full_questions]
    assert len(ids) == len(set(ids))
    assert {q.id.split("-")[0] for q in sample_questions} == {"s"}
    assert {q.id.split("-")[0] for q in full_questions} == {"f"}


def test_the_sample_set_has_every_type_and_the_counts_asked_for(
    sample_questions: list[Question],
) -> None:
    assert {q.type for q in sample_questions} == set(QUESTION_TYPES)
    assert sum(q.answerable for q in sample_questions) >= 150
    assert sum(not q.answerable for q in sample_questions) >= 30


def test_the_full_set_has_every_type_and_the_counts_asked_for(
    full_questions: list[Question],
) -> None:
    assert {q.type for q in full_questions} == set(QUESTION_TYPES)
    assert len(full_questions) >= 100
    assert sum(not q.answerable for q in full_questions) >= 10
    texts = [q.question.casefold() for q in full_questions]
    for example in (
        "What did Bush say about Iraq in 2003?",
        "What did the US say about Iraq in 2003?",
        "Lake Chad",
        "the Camp David accords",
    ):
        assert example.casefold() in texts, example


@pytest.mark.parametrize("path", [SAMPLE_QUESTIONS, FULL_QUESTIONS], ids=["sample", "full"])
def test_splits_are_stored_and_balanced_within_each_type(path: Path) -> None:
    questions = load_questions(path)
    assert all(q.split is not None for q in questions)
    # Assigning again changes nothing: the split is made once and stored.
    assert assign_splits(questions) == questions
    counts = Counter((q.type, q.split) for q in questions)
    for kind in {q.type for q in questions}:
        assert abs(counts[kind, "dev"] - counts[kind, "test"]) <= 1, kind


def test_new_records_get_a_split_that_keeps_their_type_balanced() -> None:
    def record(number: int, split: str | None) -> Question:
        return Question.model_validate(
            {
                "id": f"x-{number:03d}",
                "question": "q",
                "type": "unanswerable",
                "answerable": False,
                "split": split,
            }
        )

    kept = [record(1, "dev"), record(2, "dev"), record(3, "test")]
    assigned = assign_splits([*kept, record(4, None), record(5, None), record(6, None)])
    assert assigned[:3] == kept
    splits = Counter(q.split for q in assigned)
    assert abs(splits["dev"] - splits["test"]) <= 1


def test_full_set_paths_name_ungdc_files_of_the_year_expected(
    full_questions: list[Question],
) -> None:
    for question in full_questions:
        for judged in question.judged:
            match = UNGDC_PATH.match(judged.path)
            assert match, (question.id, judged.path)
            if question.expect and question.expect.year is not None:
                assert int(match.group(2)) == question.expect.year, question.id


def test_a_record_that_contradicts_itself_is_refused() -> None:
    with pytest.raises(ValueError, match="judges paragraphs"):
        Question.model_validate(
            {"id": "s-999", "question": "q", "type": "keywords", "answerable": True}
        )
    with pytest.raises(ValueError, match="unanswerable"):
        Question.model_validate(
            {"id": "s-999", "question": "q", "type": "keywords", "answerable": False}
        )
    with pytest.raises(ValueError, match="fewer than 8 words"):
        Judged(path="a.txt", snippet="too short to find one paragraph")


def test_resolve_finds_one_paragraph_across_line_breaks(seeds: dict[str, Document]) -> None:
    judged = Judged(
        path="000_043514e255436d6d.txt",
        snippet="The UN remains firm   in its\ncommitment to the one-China principle",
    )
    assert resolve(seeds, judged).speakers == ("Csaba Kőrösi",)
    # Markdown's bold markers are ignored on either side.
    bold = Judged(path=judged.path, snippet="The **UN remains firm** in its commitment to")
    assert resolve(seeds, bold) == resolve(seeds, judged)


@pytest.mark.parametrize(
    ("path", "snippet", "message"),
    [
        ("004_3fff03c6e722727c.txt", "the purposes and principles of the UN Charter", "times"),
        ("004_3fff03c6e722727c.txt", "words that appear in no paragraph of this release", "no "),
        # The end of one paragraph and the start of the next: no single paragraph holds it.
        (
            "004_3fff03c6e722727c.txt",
            "true multilateralism. China advocates: We must cooperate and win-win",
            "no ",
        ),
        ("no_such_file.txt", "any eight words at all will do for this", "no document"),
    ],
)
def test_resolve_refuses_a_snippet_found_twice_or_nowhere(
    seeds: dict[str, Document], path: str, snippet: str, message: str
) -> None:
    with pytest.raises(LabelError, match=message):
        resolve(seeds, Judged(path=path, snippet=snippet))


@pytest.mark.shared
def test_every_sample_snippet_names_one_paragraph_that_fits_its_question(
    shared_dir: Path, sample_questions: list[Question]
) -> None:
    folders = sample_folders(shared_dir)
    if not folders[-1].is_dir():
        pytest.skip(f"needs the UNGDC sample at {folders[-1]}, which is absent")
    documents = by_path(load_corpus(folders, progress=False).documents)
    errors = []
    for question in sample_questions:
        try:
            judged_ids(documents, question)
        except LabelError as error:
            errors.append(str(error))
    assert errors == []
