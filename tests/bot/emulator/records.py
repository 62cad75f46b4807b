"""What the emulator saw: every REST request, and each interaction's callbacks and messages."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

Json = dict[str, Any]
T = TypeVar("T")

EPHEMERAL = 1 << 6
LOADING = 1 << 7


@dataclass
class RecordedRequest:
    method: str
    path: str  # without the /api/v10 prefix
    query: dict[str, str]
    json: Any  # the JSON body, or a multipart request's payload_json; None without a body
    errors: list[str] = field(default_factory=list)  # OpenAPI validation errors
    status: int = 0  # what the emulator answered
    route: str | None = None  # the spec's path template, None for routes it does not know
    files: list[str] = field(default_factory=list)  # multipart file part names
    at: float = field(default_factory=time.monotonic)

    def __str__(self) -> str:
        errors = f" INVALID: {self.errors}" if self.errors else ""
        return f"{self.method} {self.path} -> {self.status}{errors}"


class Changes:
    """Wake every waiter whenever something changes; each re-checks its own condition."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait_for(self, check: Callable[[], T | None], timeout: float, what: str) -> T:
        deadline = time.monotonic() + timeout
        while True:
            result = check()
            if result is not None:
                return result
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"timed out after {timeout} s waiting for {what}")
            event = self._event
            try:
                await asyncio.wait_for(event.wait(), remaining)
            except TimeoutError:
                continue


@dataclass
class InteractionRecord:
    id: int
    token: str
    type: int  # 2 command, 3 component, 4 autocomplete
    payload: Json  # the INTERACTION_CREATE data dispatched
    dispatched_at: float = 0.0
    callbacks: list[Json] = field(default_factory=list)  # accepted callback bodies, in order
    callback_times: list[float] = field(default_factory=list)
    rejected_callbacks: list[tuple[int, Json]] = field(default_factory=list)  # (status, body)
    original: Json | None = None  # the @original message as it stands now
    original_edits: int = 0  # PATCHes of @original
    original_deleted: bool = False
    followup_messages: list[Json] = field(default_factory=list)  # as created, then as edited
    changes: Changes = field(default_factory=Changes, repr=False)

    @property
    def first_callback_latency(self) -> float | None:
        """Seconds from sending INTERACTION_CREATE to the first callback's arrival."""
        if not self.callback_times:
            return None
        return self.callback_times[0] - self.dispatched_at

    @property
    def callback_types(self) -> list[int]:
        return [int(c["type"]) for c in self.callbacks]

    @property
    def ephemeral(self) -> bool:
        if self.original is not None:
            return bool(int(self.original.get("flags") or 0) & EPHEMERAL)
        for body in self.callbacks:
            data = body.get("data") or {}
            return bool(int(data.get("flags") or 0) & EPHEMERAL)
        return False

    async def response(self, timeout: float = 5) -> Json:
        """The visible answer: the @original message after a type 4/7 callback, or after the
        PATCH that follows a deferral (5/6); a modal's or autocomplete's callback data."""
        return await self.changes.wait_for(self._visible, timeout, f"a response to {self.id}")

    async def followups(self, count: int = 1, timeout: float = 5) -> list[Json]:
        """The followup messages (the POSTed body's fields as a message object with an id)."""

        def enough() -> list[Json] | None:
            if len(self.followup_messages) >= count:
                return list(self.followup_messages)
            return None

        return await self.changes.wait_for(enough, timeout, f"{count} followup(s) to {self.id}")

    async def wait_until(self, check: Callable[[], Any], timeout: float = 5) -> Any:
        """Wait until ``check()`` is truthy (re-checked whenever this interaction changes)."""
        return await self.changes.wait_for(
            lambda: check() or None, timeout, f"{check} on {self.id}"
        )

    async def first_callback(self, timeout: float = 5) -> Json:
        def first() -> Json | None:
            return self.callbacks[0] if self.callbacks else None

        return await self.changes.wait_for(first, timeout, f"a callback to {self.id}")

    async def choices(self, timeout: float = 5) -> list[Json]:
        """The choices an autocomplete interaction was answered with."""
        body = await self.first_callback(timeout)
        if int(body["type"]) != 8:
            raise AssertionError(f"autocomplete answered with callback type {body['type']}")
        choices: list[Json] = (body.get("data") or {}).get("choices") or []
        return choices

    def _visible(self) -> Json | None:
        if not self.callbacks:
            return None
        kind = int(self.callbacks[0]["type"])
        if kind in (8, 9):
            data: Json = self.callbacks[0].get("data") or {}
            return data
        if kind in (5, 6) and self.original_edits == 0 and len(self.callbacks) == 1:
            return None
        if self.original is None:
            return None
        return self.original
