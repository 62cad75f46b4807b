"""Folding: the one way words compare regardless of case and accents."""

from __future__ import annotations

import pytest

from corpus.text import fold


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
