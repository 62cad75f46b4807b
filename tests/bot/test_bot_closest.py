"""/ask when the best passage is not an answer: the closest passages, labelled as such, on one
page (issue 10)."""

from __future__ import annotations

from bot.client import VerbatimBot
from retrieval.render import CLOSEST_LABEL
from tests.bot.conftest import QIN, text_of
from tests.bot.emulator import Emulator
from tests.retrieval.test_answer import CLOSEST_QUESTION


async def test_the_closest_passages_are_shown_under_their_label(
    bot: VerbatimBot, emulator: Emulator
) -> None:
    rec = await emulator.slash("ask", {"question": CLOSEST_QUESTION})
    text = text_of(await rec.response())
    assert "No paragraph answers" in text
    assert f"**{CLOSEST_LABEL}**" in text
    assert text.index(CLOSEST_LABEL) < text.index(f"`{QIN}-")
    assert "page 1/1" in text  # not paged on as answers are
