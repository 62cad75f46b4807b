"""The judged question set: its records, their dev/test split, and the paragraphs they judge.

A record names the paragraphs that answer its question by ``(path, snippet)``: the document's
path relative to its corpus folder (as ``Document.path`` gives it) and a verbatim run of at
least eight words that occurs once in that document. Not by citation id or position: those
move whenever a file is split into paragraphs differently, and a snippet taken from within one
sentence still finds its paragraph afterwards. ``resolve`` turns a snippet into the citation id
of the one paragraph holding it (whitespace-normalised, markdown's ``**`` ignored), and refuses
when none or several do.

The split is made once and stored in each record: ``assign_splits`` gives a split only to the
records that have none, taking each type's records in the order of a stable hash of their id
and putting each where its type has fewer (dev on a tie). The first assignment alternates
dev/test within every type; records added later keep the types balanced; no record ever moves.
Ranking and the not-found decision are tuned on dev only; test is for the figures reported.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from corpus.loader import embedded_corpus_folder
from corpus.models import Document, Paragraph
from corpus.names import fits, name_parts

HERE = Path(__file__).resolve().parent
SAMPLE_QUESTIONS = HERE / "questions_sample.jsonl"
FULL_QUESTIONS = HERE / "questions_full.jsonl"
MIN_SNIPPET_WORDS = 8

# What each type of question exercises; every answerable question has one of the first types.
QUESTION_TYPES: dict[str, str] = {
    "question": "a full question on a topic, no speaker, country or date named",
    "keywords": "a keyword fragment, as typed into a search box",
    "misspelling": "a question or fragment with typing or spelling mistakes",
    "speaker": "a speaker as the constraint: 'What did Wang Yi say about …'",
    "speaker_context": "a person named as context, not as the speaker: 'at the meeting with …'",
    "person_variants": "one person filed or typed under several names: 'Bush', 'Joe Biden'",
    "country": "a country by its name as the constraint: 'Brazil on Amazon deforestation'",
    "country_short": "a country by a short form or demonym: US, USA, America, UK, Britain, PRC",
    "date": "a date as the constraint: 'in 2024', 'May 2021', 'in 1971'",
    "common_words": "words found in many paragraphs (peace, development, the UN, countries)",
    "list_lead": "the answer is a list's lead or its points ('China advocates:' …)",
    "name_as_word": "a place or thing whose word is also some delegate's name: 'Lake Chad'",
    "unanswerable": "a close topic the corpus does not address",
}
QuestionType = Literal[
    "question",
    "keywords",
    "misspelling",
    "speaker",
    "speaker_context",
    "person_variants",
    "country",
    "country_short",
    "date",
    "common_words",
    "list_lead",
    "name_as_word",
    "unanswerable",
]
Split = Literal["dev", "test"]


class Judged(BaseModel):
    """A paragraph that answers the question, found by a verbatim snippet of it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    path: str = Field(min_length=1, description="relative to its corpus folder, POSIX-style")
    snippet: str

    @model_validator(mode="after")
    def _long_enough(self) -> Judged:
        if len(self.snippet.split()) < MIN_SNIPPET_WORDS:
            raise ValueError(f"snippet {self.snippet!r} has fewer than {MIN_SNIPPET_WORDS} words")
        return self


class Expect(BaseModel):
    """What the question constrains, as the judged paragraphs' documents record it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    speaker: str | None = None
    country: str | None = None
    year: int | None = None


class Question(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z]+-\d{3}$")
    question: str = Field(min_length=1)
    type: QuestionType
    answerable: bool
    judged: tuple[Judged, ...] = ()
    expect: Expect | None = None
    note: str | None = None
    split: Split | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Question:
        if self.answerable != bool(self.judged):
            raise ValueError(f"{self.id}: an answerable question judges paragraphs, others none")
        if self.answerable == (self.type == "unanswerable"):
            raise ValueError(f"{self.id}: type 'unanswerable' is for unanswerable questions only")
        return self


def load_questions(path: Path) -> list[Question]:
    """The records of a JSON Lines file, in order; a bad line names its number."""
    questions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            questions.append(Question.model_validate_json(line))
        except ValueError as error:
            raise ValueError(f"{path.name}:{number}: {error}") from error
    return questions


def write_questions(path: Path, questions: Iterable[Question]) -> None:
    lines = [json.dumps(q.model_dump(exclude_none=True), ensure_ascii=False) for q in questions]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def split_key(question_id: str) -> str:
    """The stable order in which a type's records take their split."""
    return hashlib.sha256(question_id.encode("utf-8")).hexdigest()


def assign_splits(questions: Sequence[Question]) -> list[Question]:
    """Every record with a split; only those without one get one (see the module docstring)."""
    counts: Counter[tuple[str, str]] = Counter(
        (q.type, q.split) for q in questions if q.split is not None
    )
    chosen: dict[str, Split] = {}
    for q in sorted((q for q in questions if q.split is None), key=lambda q: split_key(q.id)):
        split: Split = "dev" if counts[q.type, "dev"] <= counts[q.type, "test"] else "test"
        counts[q.type, split] += 1
        chosen[q.id] = split
    return [
        q.model_copy(update={"split": chosen[q.id]}) if q.id in chosen else q for q in questions
    ]


def normalise(text: str) -> str:
    """Whitespace collapsed, so a snippet matches across line breaks and double spaces, and
    markdown's ``**`` dropped: some UNGDC speeches bold their key phrases, and a snippet should
    not break if a cleaner strips the markers (or be written with them)."""
    return re.sub(r"\s+", " ", text.replace("**", "")).strip()


class LabelError(ValueError):
    """A judged snippet that does not name exactly one paragraph, or names one that does not
    fit what its question expects."""


def resolve(documents: Mapping[str, Document], judged: Judged) -> Paragraph:
    """The one paragraph of ``judged.path`` that holds its snippet."""
    document = documents.get(judged.path)
    if document is None:
        raise LabelError(f"no document at {judged.path!r}")
    snippet = normalise(judged.snippet)
    holding = [p for p in document.paragraphs if snippet in normalise(p.text)]
    occurrences = sum(normalise(p.text).count(snippet) for p in document.paragraphs)
    if not holding:
        raise LabelError(f"{judged.path}: no paragraph holds {judged.snippet!r}")
    if occurrences > 1:
        where = ", ".join(p.id for p in holding)
        raise LabelError(f"{judged.path}: {judged.snippet!r} occurs {occurrences} times ({where})")
    return holding[0]


def _misfit(document: Document, paragraph: Paragraph, expect: Expect) -> str | None:
    if expect.year is not None and (document.date is None or document.date.year != expect.year):
        return f"is not dated {expect.year}"
    if expect.country is not None and document.extra.get("country") != expect.country:
        return f"is not by {expect.country}"
    speakers = paragraph.speakers + document.speakers
    # A judged speaker is named as people ask ("Joe Biden", "Khrushchev"); the loader files
    # each person under one spelling, which the name must fit (the registry's rule).
    expected = name_parts(expect.speaker) if expect.speaker is not None else ()
    if expect.speaker is not None and not any(
        fits(expected, name_parts(speaker)) or fits(name_parts(speaker), expected)
        for speaker in speakers
    ):
        return f"is not spoken by {expect.speaker}"
    return None


def judged_ids(documents: Mapping[str, Document], question: Question) -> set[str]:
    """The citation ids of every paragraph ``question`` judges, each checked against what the
    question expects of its document (year, country, speaker)."""
    ids = set()
    for judged in question.judged:
        paragraph = resolve(documents, judged)
        misfit = question.expect and _misfit(documents[judged.path], paragraph, question.expect)
        if misfit:
            raise LabelError(f"{question.id}: the paragraph of {judged.snippet!r} {misfit}")
        ids.add(paragraph.id)
    return ids


def by_path(documents: Iterable[Document]) -> dict[str, Document]:
    """Documents keyed by path; two folders giving the same path would make snippets ambiguous."""
    found: dict[str, Document] = {}
    for document in documents:
        if document.path in found:
            raise LabelError(f"two documents at {document.path!r}")
        found[document.path] = document
    return found


def sample_folders(shared: Path) -> list[Path]:
    """The sample corpus the sample questions are judged on: the seeds and the UNGDC sample."""
    return [embedded_corpus_folder(), shared / "corpora" / "ungdc" / "sample"]


def main(argv: Sequence[str] | None = None) -> int:
    """Give the records of each file that lack a split their split, in place:
    ``python -m tests.quality.questions tests/quality/questions_*.jsonl``."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("files", nargs="+", type=Path)
    for path in parser.parse_args(argv).files:
        write_questions(path, assign_splits(load_questions(path)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
