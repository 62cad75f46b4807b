"""The UN General Debate Corpus sample in ../shared: every file loads, speakers come from its
metadata.csv, and both UNGDC layouts split where the speeches' paragraphs are."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from corpus.loader import Corpus, load_corpus
from corpus.models import DocDate, Document

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def sample_dir(shared_dir: Path) -> Path:
    folder = shared_dir / "corpora" / "ungdc" / "sample"
    if not folder.is_dir():
        pytest.skip(f"needs the UNGDC sample at {folder}, which is absent")
    return folder


@pytest.fixture(scope="module")
def sample(sample_dir: Path) -> Corpus:
    return load_corpus([sample_dir])


@pytest.fixture(scope="module")
def rows(sample_dir: Path) -> dict[str, dict[str, str]]:
    with open(sample_dir / "metadata.csv", encoding="utf-8", newline="") as handle:
        return {row["path"]: row for row in csv.DictReader(handle)}


def _document(corpus: Corpus, path: str) -> Document:
    return next(d for d in corpus.documents if d.path == path)


def test_every_file_loads(
    sample: Corpus, sample_dir: Path, rows: dict[str, dict[str, str]]
) -> None:
    files = {p.relative_to(sample_dir).as_posix() for p in sample_dir.rglob("*.txt")}
    assert {d.path for d in sample.documents} == files == set(rows)
    assert sample.skipped == ()
    assert sample.warnings == ()
    assert all(d.paragraphs for d in sample.documents)
    assert len({d.id for d in sample.documents}) == len(sample.documents)


def test_metadata_gives_title_year_source_speakers(
    sample: Corpus, rows: dict[str, dict[str, str]]
) -> None:
    for document in sample.documents:
        row = rows[document.path]
        assert document.title == row["title"]
        assert document.date == DocDate(year=int(row["date"]))
        assert document.source == row["source"]
        assert document.extra["iso"] == row["iso"]
        assert document.extra["session"] == row["session"]
        if row["speakers"]:
            assert document.speakers
            assert all(p.speakers == document.speakers for p in document.paragraphs)
        else:
            assert document.speakers == ()


def test_honorifics_are_stripped_and_kept_as_aliases(sample: Corpus) -> None:
    document = _document(sample, "TXT/Session 01 - 1946/CHN_01_1946.txt")
    assert document.speakers == ("Wellington Koo",)
    assert sample.speakers.canonical("Mr. Wellington Koo") == "Wellington Koo"
    assert sample.speakers.canonical("wellington koo") == "Wellington Koo"


def test_hard_wrapped_speech_joins_its_lines(sample: Corpus) -> None:
    document = _document(sample, "TXT/Session 79 - 2024/CHN_79_2024.txt")
    assert document.speakers == ("Wang Yi",)
    first, second, third = document.paragraphs[:3]
    assert (first.text, second.text) == ("Mr. President,", "Colleagues,")
    # The blank line after "Meanwhile, we are" is a page break inside the paragraph.
    assert third.text.startswith("Today, humanity has once again come to a historical crossroads.")
    assert "Meanwhile, we are also embracing a world full of hope." in third.text
    assert third.text.endswith("Our stride toward modernization has never been more steadfast.")
    assert "\n" not in third.text and "  " not in third.text
    assert "Xi Jinping" in document.paragraphs[3].mentions


def test_one_paragraph_per_line_speech(sample: Corpus, sample_dir: Path) -> None:
    path = "TXT/Session 01 - 1946/CHN_01_1946.txt"
    document = _document(sample, path)
    lines = [
        line.strip()
        for line in (sample_dir / path).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert [p.text for p in document.paragraphs] == lines
    assert document.paragraphs[0].text.startswith("My first words must be to express")


def test_numbered_wrapped_speech_splits_at_its_numbers(sample: Corpus) -> None:
    document = _document(sample, "TXT/Session 24 - 1969/CHN_24_1969.txt")
    numbers = [p.text.split(".")[0] for p in document.paragraphs[:4]]
    assert numbers == ["40", "41", "42", "43"]
    assert document.paragraphs[0].text.startswith("40. Madam President, permit me")
