"""What every subcommand shares, and how `corpus stats` and `corpus export` write the corpus.

The commands themselves read the built index: tests/retrieval/test_index_commands.py."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from corpus import cli
from corpus.models import Document, Paragraph


def test_corpus_folders_are_the_option_or_the_embedded_corpus_never_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # VERBATIM_CORPUS is read once, by `verbatim`'s settings (tests/bot/test_settings.py);
    # this package only reads the folders put on its namespace.
    parser = argparse.ArgumentParser()
    cli.add_corpus_argument(parser)
    monkeypatch.setenv("VERBATIM_CORPUS", f"{tmp_path}/a:{tmp_path}/b")
    assert cli.corpus_folders(parser.parse_args([])) is None
    args = parser.parse_args(["--corpus", "x", "--corpus", "y"])
    assert cli.corpus_folders(args) == [Path("x"), Path("y")]


def test_quote_odd_leaves_ordinary_names_alone() -> None:
    assert cli.quote_odd("a b/ü `x`.txt") == "a b/ü `x`.txt"
    assert cli.quote_odd("a\nb") == "'a\\nb'"
    assert cli.quote_odd("a\u202eb") == "'a\\u202eb'"  # a bidi override


def test_export_record_holds_the_paragraphs_source_lines() -> None:
    document = Document(id="abcd0001", path="a.txt", title="A")
    spanned = Paragraph(id="abcd0001-1", doc_id="abcd0001", position=1, text="A.", lines=(4, 6))
    assert cli.export_record(document, spanned)["lines"] == [4, 6]
    unspanned = spanned.model_copy(update={"lines": None})
    assert cli.export_record(document, unspanned)["lines"] is None
