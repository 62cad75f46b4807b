"""The citation id's one grammar: written by ``paragraph_id``, read back by the parsers."""

from __future__ import annotations

import pytest

from corpus.ids import as_citation_id, find_citation_id, paragraph_id, parse_citation_id


def test_an_id_written_is_read_back() -> None:
    written = paragraph_id("043514e2", 3)

    assert written == "043514e2-3"
    assert parse_citation_id(written) == ("043514e2", 3)
    assert as_citation_id(written) == written


@pytest.mark.parametrize("typed", [" 043514E2-3 ", "`043514e2-3`", "\t`043514e2-3`\n"])
def test_case_spaces_and_backticks_are_forgiven(typed: str) -> None:
    assert as_citation_id(typed) == "043514e2-3"


@pytest.mark.parametrize(
    "typed",
    [
        "multilateralism",
        "043514e2",  # a document id alone
        "043514e-3",  # seven hex digits
        "043514e2-3 and more",  # not only an id
        "g43514e2-3",  # not hex
        "043514e2-1234567",  # a position of seven digits
        "",
    ],
)
def test_anything_else_is_not_a_citation_id(typed: str) -> None:
    assert as_citation_id(typed) is None
    assert parse_citation_id(typed) is None


def test_an_id_is_found_inside_text() -> None:
    assert find_citation_id("see `5554E811-12`, please") == "5554e811-12"
    assert find_citation_id("x043514e2-3") is None  # part of a longer word
    assert find_citation_id("no id here") is None


def test_longer_document_ids_from_prefix_clashes_parse() -> None:
    assert parse_citation_id("043514e2aaaa-17") == ("043514e2aaaa", 17)
