"""The budget's rules, without Discord: rate, one running and one waiting per member,
the newest keystroke wins (overtaken ones are dropped), and a bound for everyone."""

from __future__ import annotations

import asyncio

import pytest

from bot.budget import Budget, OverBudget, Superseded, Turn


async def entered(turn: Turn, log: list[str], name: str, release: asyncio.Event) -> None:
    async with turn:
        try:
            await turn.ready()
        except Superseded:
            log.append(f"{name} superseded")
            return
        log.append(f"{name} runs")
        await release.wait()


async def test_a_newer_keystroke_takes_the_waiting_ones_place() -> None:
    budget = Budget()
    log: list[str] = []
    release = asyncio.Event()
    tasks = [
        asyncio.create_task(entered(budget.admit(1, latest_only=True), log, name, release))
        for name in ("first", "second", "third")
    ]
    await asyncio.sleep(0.01)
    assert log == ["first runs", "second superseded"]
    assert budget.in_flight(1) == 2
    release.set()
    await asyncio.gather(*tasks)
    assert log == ["first runs", "second superseded", "third runs"]
    assert budget.in_flight(1) == 0


async def test_of_keystrokes_read_together_only_the_newest_goes_on() -> None:
    budget = Budget()
    together = [asyncio.create_task(budget.overtaken(1)) for _ in range(3)]
    other = asyncio.create_task(budget.overtaken(2))  # another member's is their own
    assert await asyncio.gather(*together, other) == [True, True, False, False]
    # Read on its own, after the others, a keystroke is the newest again.
    assert await budget.overtaken(1) is False


async def test_a_page_turn_behind_a_running_and_a_waiting_request_is_refused() -> None:
    budget = Budget()
    release = asyncio.Event()
    log: list[str] = []
    running = asyncio.create_task(entered(budget.admit(1), log, "page", release))
    waiting = asyncio.create_task(entered(budget.admit(1, latest_only=True), log, "key", release))
    with pytest.raises(OverBudget) as refused:
        budget.admit(1)
    assert refused.value.notice.startswith("Slow down")
    budget.admit(2)  # another member is not held up
    release.set()
    await asyncio.gather(running, waiting)


async def test_the_rate_refuses_with_the_seconds_to_wait() -> None:
    budget = Budget(rate=2, per=30.0)
    for _ in range(2):
        async with budget.admit(1):
            pass
    with pytest.raises(OverBudget) as refused:
        budget.admit(1)
    assert refused.value.retry_after is not None and refused.value.retry_after > 20
    assert "30 s" in refused.value.notice or "29 s" in refused.value.notice


async def test_everyone_together_runs_at_most_the_workers_allowed() -> None:
    budget = Budget(workers=2)
    release = asyncio.Event()
    log: list[str] = []
    tasks = [
        asyncio.create_task(entered(budget.admit(user), log, str(user), release))
        for user in range(5)
    ]
    await asyncio.sleep(0.01)
    assert log == ["0 runs", "1 runs"]
    release.set()
    await asyncio.gather(*tasks)
    assert len(log) == 5
