"""Spans of a question's text, ``(start, end)`` with the end left out: what a date, a country
or a name took, which reading the rest of the question must not read again."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["overlaps", "starts_in"]


def starts_in(at: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether the text at ``at`` lies inside one of ``spans``."""
    return any(start <= at < end for start, end in spans)


def overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether ``start:end`` shares a character with one of ``spans``."""
    return any(s < end and start < e for s, e in spans)
