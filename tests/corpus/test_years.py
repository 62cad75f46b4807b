"""Year inference: a year-less date gets its year only from an anchor in the text."""

from __future__ import annotations

import pytest

from corpus.years import infer_year


@pytest.mark.parametrize(
    ("text", "month", "year"),
    [
        (
            "This year marks the 100th anniversary of the founding of the Communist Party "
            "of China.",
            5,
            2021,
        ),
        (
            "He recalled the 75th anniversary of the founding of the United Nations last year.",
            5,
            2021,
        ),
        ("Next year marks the 80th anniversary of the founding of the United Nations.", 3, 2024),
        ("We met the President of the 77th Session of the UN General Assembly.", 2, 2023),
        ("We met the President of the 77th Session of the UN General Assembly.", 10, 2022),
    ],
)
def test_year_inference_from_anchors(text: str, month: int, year: int) -> None:
    assert infer_year(text, month) == year


@pytest.mark.parametrize(
    "text",
    [
        "China values its friendship with the United Nations.",
        # An anniversary with no time cue could be any year's retrospective.
        "The 100th anniversary of the founding of the Communist Party of China was a milestone.",
        # Two anchors that disagree: no year rather than a guess.
        "This year marks the 100th anniversary of the founding of the Communist Party of China. "
        "This year marks the 70th anniversary of the founding of the People's Republic of China.",
    ],
)
def test_no_year_without_a_consistent_anchor(text: str) -> None:
    assert infer_year(text, 5) is None
