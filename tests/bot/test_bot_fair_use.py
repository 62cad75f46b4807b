"""Fair use under load: one member flooding autocomplete and page turns starves nobody."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any

import pytest

from bot.budget import Budget
from bot.client import VerbatimBot
from retrieval import answer as answering
from tests.bot.conftest import button, eventually, private_reply
from tests.bot.emulator import Emulator

log = logging.getLogger(__name__)

# Retrieval made expensive the way a huge paragraph makes it (issue 12: 1.8 s of CPU for a deep
# page, much of it in ``re``): every search and ask first spins in its worker thread, in C
# calls that hold the GIL about 10 ms each (``sum`` over a range, like a regex over a long
# paragraph), so each flooding request costs real CPU and GIL time, not a sleep that frees both.
COST_SECONDS = 1.0
GIL_HELD = 1_000_000  # items summed per C call: about 10 ms here


def costly(func: Callable[..., Any]) -> Callable[..., Any]:
    def spin_then(*args: Any, **kwargs: Any) -> Any:
        deadline = time.perf_counter() + COST_SECONDS
        while time.perf_counter() < deadline:
            sum(range(GIL_HELD))
        return func(*args, **kwargs)

    return spin_then


async def test_a_flood_of_keystrokes_and_page_turns_leaves_others_answered_within_a_second(
    bot: VerbatimBot, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    rec = await emulator.slash("ask", {"question": "multilateralism United Nations"})
    answer = await rec.response()
    monkeypatch.setattr(answering, "search", costly(answering.search))
    monkeypatch.setattr(answering, "ask", costly(answering.ask))

    typed = "multilateralism and the United Nations Charter in a changing world order"[:50]
    keystrokes = [
        asyncio.create_task(
            emulator.autocomplete("quote", {"passage": typed[: n + 1]}, focused="passage")
        )
        for n in range(50)
    ]
    turns = [
        asyncio.create_task(emulator.click(message=answer, custom_id=button(answer, "▶")))
        for _ in range(20)
    ]
    # The whole flood has reached the bot and its first retrievals run; meanwhile another
    # member asks, three times.
    flood = 1 + len(keystrokes) + len(turns)
    await eventually(lambda: len(emulator.interactions) >= flood, timeout=10)
    latencies = []
    for question in ("global governance", "win-win cooperation", "one-China principle"):
        asked = await emulator.slash("ask", {"question": question}, user=emulator.other)
        await asked.first_callback(timeout=30)
        latencies.append(asked.first_callback_latency or 99.0)
        await asyncio.sleep(0.2)
    log.info("acknowledged under flood in %s s", ", ".join(f"{x:.3f}" for x in latencies))
    assert max(latencies) < 1, latencies

    # The flood itself was answered, cheaply: keystrokes over the budget (or overtaken by a
    # newer one) got no choices, page turns over it a private "Slow down".
    offered = await asyncio.gather(*keystrokes)
    assert any(not choices for choices in offered)
    clicks = await asyncio.gather(*turns)
    await asyncio.gather(*(click.first_callback(timeout=10) for click in clicks))
    refused = [click for click in clicks if click.callback_types == [4]]
    assert len(refused) >= len(clicks) - 2  # one page turn running, one waiting, at most
    for click in refused:
        assert (await private_reply(emulator, click)).startswith("Slow down")
    assert bot.budget.in_flight(emulator.member.id) == 0


async def test_context_over_the_budget_is_told_to_slow_down_privately(
    bot: VerbatimBot, emulator: Emulator
) -> None:
    bot.budget = Budget(rate=1, per=60.0)
    rec = await emulator.slash("ask", {"question": "multilateralism"})
    answer = await rec.response()
    first = await emulator.click(message=answer, custom_id=button(answer, "Context"))
    shown = await first.response()
    assert first.ephemeral and "Slow down" not in str(shown)
    second = await emulator.click(message=answer, custom_id=button(answer, "Context"))
    assert (await private_reply(emulator, second)).startswith("Slow down: you can do that again")
    assert second.callback_types == [4]  # refused in the callback: no retrieval, no deferral
