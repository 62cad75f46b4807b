"""What the Discord benchmarks (bench_interactions, bench_cluster) ask of the full UNGDC, and
how they summarise the times. Imports nothing heavy: bench_cluster's memory children measure
the bot's own imports."""

from __future__ import annotations

# Questions the UNGDC answers, of the kinds members ask: topics, countries, a year.
QUESTIONS = (
    "What did China say about multilateralism?",
    "climate change and small island states",
    "nuclear disarmament",
    "the right of peoples to self-determination",
    "sustainable development goals",
    "apartheid in South Africa",
    "reform of the Security Council",
    "terrorism after September 11",
    "the COVID-19 pandemic",
    "decolonization in Africa in 1960",
    "What did Brazil say about the Amazon?",
    "human rights and sovereignty",
)


def percentile(values: list[float], fraction: float) -> float:
    """The value at ``fraction`` (0-1) of the sorted ``values``, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]
