"""Folding: the one way words compare regardless of case and accents."""

from __future__ import annotations

import pytest

from corpus.text import fold, typed_as_acronym


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
