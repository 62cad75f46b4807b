"""Folding: the one way words compare regardless of case and accents."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus.text import fold, typed_as_acronym, typed_in_lower_case


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Kőrösi", "korosi"),
        ("KŐRÖSI", "korosi"),
        ("Straße", "strasse"),
        ("ﬁne", "fine"),
        ("Ｗang", "wang"),
        ("Bozkır", "bozkır"),
        ("plain ascii", "plain ascii"),
        # Beyond the BMP: a compatibility letter read as its letter, an emoji kept, a combining
        # mark (musical, U+1D167) dropped, in a text long enough not to be remembered.
        ("Kőrösi \U0001d400 a\U0001d167b " + "x" * 64, "korosi a ab " + "x" * 64),
        ("é\U0001f600 " + "x" * 64, "e\U0001f600 " + "x" * 64),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("word", "text", "acronym"),
    [
        ("LIBOR", "LIBOR rigging scandal", True),
        ("NATO", "What did Lavrov say about NATO?", True),
        ("SECURTIY", "SECURTIY COUNCIL REFORM", False),  # a text typed all in capitals
        ("Libor", "Libor rigging", False),
        ("A", "A question", False),
        ("U.S.", "the U.S. on Iraq", True),
    ],
)
def test_typed_as_acronym(word: str, text: str, acronym: bool) -> None:
    assert typed_as_acronym(word, text) is acronym


@given(st.text(alphabet=st.characters(max_codepoint=0x17F)))
def test_lower_case_means_no_capital_letter(text: str) -> None:
    # ASCII text is read in one C call, other text a character at a time: the same answer.
    assert typed_in_lower_case(text) == (not any(ch.isupper() for ch in text))
