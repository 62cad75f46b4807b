"""The bot cites a list quoted with its lead as a range and marks each of its paragraphs."""

from __future__ import annotations

from bot.discord_render import context_embed, fit_hit
from retrieval.answer import ask
from retrieval.index import open_index


def test_a_list_is_cited_as_a_range_and_marked_whole_in_its_context() -> None:
    index = open_index(None, progress=False)
    hit = next(h for h in ask(index, "What does China advocate?").hits if h.citation.last_position)
    assert "¶5–¶9" in fit_hit(hit)
    around = index.neighbours(hit.citation.id, before=1, after=5)
    description = context_embed(around, hit).description or ""
    marked = [line for line in description.splitlines() if line.endswith("← quoted")]
    assert marked == [f"**¶{n}** ← quoted" for n in range(5, 10)]
