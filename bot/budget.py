"""Fair use of the retrievals nobody has to wait for: autocomplete, page turns and Context.

Slash commands draw on :class:`~bot.client.Cooldowns`; these smaller requests come far more
often (a keystroke each) and would each re-run retrieval in a worker thread. Unbounded, one
member typing or clicking fast kept the default thread pool and the GIL busy enough to delay
another member's ``/ask`` acknowledgement by seconds (issue 12 measured 19 s; Discord allows 3).
So each member gets a budget of their own, checked on the event loop before any work starts:

- a rate (:data:`RATE` requests per :data:`PER` seconds);
- one retrieval running per member, and one more waiting behind it; a newer keystroke takes
  the waiting keystroke's place (Discord shows only the latest completions), anything else
  over that is refused;
- :data:`WORKERS` retrievals running for everyone, half the default thread pool, so the rest
  of the pool stays free for the slash commands everyone uses;
- a keystroke overtaken by a newer one before the bot read it is not answered at all
  (:meth:`Budget.overtaken`): each answer is a request to Discord, and under a flood those
  requests were what kept everyone else waiting.
"""

from __future__ import annotations

import asyncio
import itertools
import os
from types import TracebackType

from discord.ext import commands

# Three a second, the pace of fast typing (a keystroke is one autocomplete), in bursts of 30.
RATE = 30
PER = 10.0
# asyncio.to_thread's pool has min(32, cpu_count + 4) threads (ThreadPoolExecutor's default).
WORKERS = max(1, min(32, (os.cpu_count() or 1) + 4) // 2)


class OverBudget(Exception):
    """A request refused before any work started; :attr:`notice` tells the member why."""

    def __init__(self, retry_after: float | None = None) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after

    @property
    def notice(self) -> str:
        if self.retry_after is None:
            return "Slow down: your last request is still being looked up."
        return f"Slow down: you can do that again in {max(1, round(self.retry_after))} s."


class Superseded(OverBudget):
    """A keystroke whose place was taken by a newer one before it ran."""


class _Lane:
    """One member's requests: the one holding their lane, and the one waiting behind it."""

    def __init__(self) -> None:
        self.holder: Turn | None = None
        self.waiting: Turn | None = None


class Budget:
    """Every member's allowance of autocomplete, page turns and Context."""

    def __init__(self, *, rate: int = RATE, per: float = PER, workers: int = WORKERS) -> None:
        self._rates: commands.CooldownMapping[int] = commands.CooldownMapping.from_cooldown(
            rate, per, lambda user_id: user_id
        )
        self._workers = asyncio.Semaphore(workers)
        self._lanes: dict[int, _Lane] = {}
        self._keystrokes = itertools.count()
        self._newest: dict[int, int] = {}  # member → their newest keystroke being read

    async def overtaken(self, user_id: int) -> bool:
        """Whether a newer keystroke of the member reached the bot while this one was read.

        Discord shows only the completions of a member's newest keystroke, so an overtaken
        one needs no answer, not even an empty one. Answering each one was what delayed
        everyone else: with a retrieval thread holding the GIL in 10 ms C calls on 2 cores,
        every socket call of the event loop waits up to that long to get it back, and each
        answer is a request of several (strace: about 9 a refused interaction, the test
        emulator's included). In the fair-use test the flood's 50 empty answers pushed another
        member's /ask acknowledgement to 2.5 s and theirs past Discord's 3 s; answering only
        the newest keystroke, the /ask was acknowledged in 0.1-0.3 s."""
        mine = next(self._keystrokes)
        self._newest[user_id] = mine
        # The gateway reader parses every frame it has received in one step, each starting
        # its own task, and those tasks all run before this one resumes: the keystrokes
        # already received have registered by then, so only the newest of them goes on.
        await asyncio.sleep(0)
        if self._newest.get(user_id) != mine:
            return True
        del self._newest[user_id]
        return False

    def admit(self, user_id: int, *, latest_only: bool = False) -> Turn:
        """A place for one request, or :class:`OverBudget` at once (no await: nothing queued).

        ``latest_only`` marks a keystroke: a newer one from the same member takes its place
        while it waits. Use the turn as ``async with``, and await :meth:`Turn.ready` before
        the work."""
        retry_after = self._rates.update_rate_limit(user_id)
        if retry_after is not None:
            raise OverBudget(retry_after)
        lane = self._lanes.setdefault(user_id, _Lane())
        turn = Turn(self, user_id, lane, latest_only=latest_only)
        if lane.holder is None:
            lane.holder = turn
            return turn
        waiting = lane.waiting
        if waiting is not None:
            if not (latest_only and waiting.latest_only):
                raise OverBudget()
            waiting.drop()
        lane.waiting = turn
        return turn

    def in_flight(self, user_id: int) -> int:
        """How many of a member's requests hold or wait for their lane (for tests and logs)."""
        lane = self._lanes.get(user_id)
        if lane is None:
            return 0
        return (lane.holder is not None) + (lane.waiting is not None)


class Turn:
    """One admitted request: wait for it with :meth:`ready`; leaving frees its places."""

    def __init__(self, budget: Budget, user_id: int, lane: _Lane, *, latest_only: bool) -> None:
        self.budget = budget
        self.user_id = user_id
        self.latest_only = latest_only
        self._lane = lane
        self._go: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._superseded = False
        self._working = False

    def drop(self) -> None:
        self._superseded = True
        if not self._go.done():
            self._go.set_result(None)

    async def ready(self) -> None:
        """Wait until this member's previous request is done and a worker is free;
        :class:`Superseded` if a newer keystroke took this one's place meanwhile."""
        if self._lane.holder is not self:
            await self._go
        if self._superseded:
            raise Superseded()
        await self.budget._workers.acquire()
        self._working = True

    async def __aenter__(self) -> Turn:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._working:
            self._working = False
            self.budget._workers.release()
        lane = self._lane
        if lane.waiting is self:  # left before its turn came
            lane.waiting = None
        elif lane.holder is self:  # hand the lane on to whoever waits
            lane.holder, lane.waiting = lane.waiting, None
            if lane.holder is not None:
                lane.holder._go.set_result(None)
            elif self.budget._lanes.get(self.user_id) is lane:
                del self.budget._lanes[self.user_id]
