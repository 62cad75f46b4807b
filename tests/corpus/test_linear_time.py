"""Hostile corpus text loads in linear time: no regex backtracks on a long line, and an
over-long paragraph is cut at sentence ends.

Runaway patterns run in a child interpreter that is killed after a timeout (``re`` holds
the GIL); the bounds are generous: a linear pattern takes milliseconds where a quadratic one
takes minutes.
"""

from __future__ import annotations

import pytest

from corpus.layout import PARAGRAPH_CAP, cap_paragraph
from corpus.parse import SourceFields, parse_document
from tests.linear import pattern_seconds, statement_seconds

# Run only on windows of bounded length, where a quadratic worst case stays small.
BOUNDED_WINDOWS = frozenset(
    {
        "corpus.attribution._ADVERB_TAIL_RE",  # the 200 characters before a verb
        "corpus.dates._RANGE_SEPARATORS",  # typed dates, whitespace squeezed first
        "corpus.clean._CHROME_RE",  # lines of at most 250 characters (clean.is_chrome)
    }
)
CORPUS_MODULES = [
    "corpus.parse",
    "corpus.attribution",
    "corpus.clean",
    "corpus.layout",
    "corpus.dates",
    "corpus.years",
]


def test_markdown_heading_of_spaces_parses_at_once() -> None:
    # The former pattern took 50 s on this 3.2 KB line, and backtracks cubically.
    seconds = statement_seconds(
        "from corpus.parse import SourceFields, parse_document",
        "parse_document('# a' + ' ' * 100_000 + 'b\\n\\nText.', SourceFields(), "
        "aliases={}, markdown=True)",
        timeout=30,
    )
    assert seconds < 2


def test_markdown_headings_read_as_before() -> None:
    for line, title in [
        ("# Title", "Title"),
        ("  ## Closing marks ##  ", "Closing marks"),
        ("### a # b #", "a # b"),
        ("#\tTabbed", "Tabbed"),
    ]:
        parsed = parse_document(
            f"{line}\n\nSome text here.", SourceFields(), aliases={}, markdown=True
        )
        assert parsed.title == title
    for line in ["#NoSpace", "####### seven", "    # indented four"]:
        parsed = parse_document(f"{line}\n\nSome text.", SourceFields(), aliases={}, markdown=True)
        assert parsed.title != line.strip("# ")


def test_all_capitals_paragraph_attributes_at_once() -> None:
    # The former pattern took 23 s on 30 KB: quadratic in a run of capitals.
    seconds = statement_seconds(
        "from corpus.attribution import DocumentNames, attribute",
        "attribute('A' * 300_000 + ' peace.', DocumentNames())",
        timeout=30,
    )
    assert seconds < 2


def test_every_corpus_pattern_is_linear_on_adversarial_text() -> None:
    # 370 texts of 20,000 characters per pattern: a linear pattern needs well under a
    # second for all of them, a quadratic one minutes for a single one.
    seconds = pattern_seconds(CORPUS_MODULES, 20_000, timeout=120, skip=BOUNDED_WINDOWS)
    assert len(seconds) > 20
    slow = {label: s for label, s in seconds.items() if s > 5}
    assert not slow


def test_chrome_check_of_a_long_line_is_immediate() -> None:
    seconds = statement_seconds(
        "from corpus.clean import is_chrome", "is_chrome(' ' * 1_000_000 + 'x')", timeout=30
    )
    assert seconds < 0.5


def test_a_long_paragraph_is_cut_at_sentence_ends_keeping_every_character() -> None:
    text = " ".join(
        f"Sentence {n} says (as Mr. Smith noted) that peace matters." for n in range(1_800)
    )
    assert len(text) > 100_000
    pieces = cap_paragraph(text)
    assert " ".join(pieces) == text
    assert all(len(piece) <= PARAGRAPH_CAP for piece in pieces)
    assert all(piece.endswith("matters.") for piece in pieces[:-1])
    assert len(pieces) == pytest.approx(len(text) / PARAGRAPH_CAP, abs=2)


def test_a_long_paragraph_without_sentences_is_cut_at_spaces_then_anywhere() -> None:
    words = " ".join(["word"] * 30_000)
    assert " ".join(cap_paragraph(words)) == words
    letters = "x" * 12_000
    assert cap_paragraph(letters) == [letters[:5_000], letters[5_000:10_000], letters[10_000:]]


def test_loading_caps_paragraphs() -> None:
    text = " ".join(f"Sentence {n} says that peace matters." for n in range(3_000))
    parsed = parse_document(text, SourceFields(), aliases={})
    assert len(parsed.paragraphs) > 20
    assert max(len(p.text) for p in parsed.paragraphs) <= PARAGRAPH_CAP
    assert " ".join(p.text for p in parsed.paragraphs) == text


def test_short_paragraphs_stay_whole() -> None:
    text = "First sentence. Second sentence."
    assert cap_paragraph(text) == [text]
