"""Spans of a question's text: the end is left out, so spans that touch do not overlap."""

from __future__ import annotations

from retrieval.spans import overlaps, starts_in


def test_a_span_holds_its_start_not_its_end() -> None:
    spans = [(4, 9)]
    assert [at for at in range(12) if starts_in(at, spans)] == [4, 5, 6, 7, 8]
    assert not starts_in(4, [])


def test_spans_overlap_by_a_character_not_by_touching() -> None:
    taken = [(4, 9)]
    assert overlaps(8, 12, taken) and overlaps(0, 5, taken) and overlaps(5, 6, taken)
    assert overlaps(0, 20, taken)
    assert not overlaps(9, 12, taken) and not overlaps(0, 4, taken)
    assert not overlaps(0, 20, [])
