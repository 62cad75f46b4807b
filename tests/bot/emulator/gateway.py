"""The gateway websocket: HELLO, heartbeats, IDENTIFY -> READY -> GUILD_CREATE, RESUME with
replay of missed dispatches, and the dispatches the tests inject. With several shards, each
connection is routed to its shard's session by the ``shard`` of its IDENTIFY (or the session
id of its RESUME), as Discord does."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

Json = dict[str, Any]
log = logging.getLogger(__name__)

HEARTBEAT_INTERVAL_MS = 41_250
# Close codes discord.py does not retry (gateway.py); 4004 is "authentication failed".
AUTHENTICATION_FAILED = 4004
INVALID_SHARD = 4010
SHARDING_REQUIRED = 4011
DISALLOWED_INTENTS = 4014


@dataclass
class SentEvent:
    seq: int
    type: str
    data: Json
    at: float = field(default_factory=time.monotonic)


class Gateway:
    """One shard's bot session."""

    def __init__(
        self,
        *,
        token: str,
        shard: tuple[int, int] = (0, 1),
        ready_payload: Callable[[str, list[int] | None], Json],
        guild_payloads: Callable[[], list[Json]],
        members_chunk: Callable[[Json], Json | None],
        on_change: Callable[[], None],
    ) -> None:
        self._token = token
        self.shard = shard
        self._ready_payload = ready_payload
        self._guild_payloads = guild_payloads
        self._members_chunk = members_chunk
        self._on_change = on_change  # wakes tests waiting on session state (emu.wait_until)
        self.session_id: str | None = None
        self.seq = 0
        self.sent: list[SentEvent] = []  # every dispatch of the session, for RESUME replay
        self.identify_count = 0
        self.resume_count = 0
        self.heartbeats = 0
        self.identify_payloads: list[Json] = []
        self.disallowed_intents = 0  # intent bits IDENTIFY may not ask for (closed with 4014)
        self.ready = asyncio.Event()
        self._ws: web.WebSocketResponse | None = None
        self._transport: asyncio.Transport | None = None
        self._send_lock = asyncio.Lock()
        self._connected = asyncio.Event()

    @property
    def intents(self) -> int:
        """The intents of the session's IDENTIFY (0 before one)."""
        return int(self.identify_payloads[-1].get("intents") or 0) if self.identify_payloads else 0

    @property
    def connected(self) -> bool:
        return self._ws is not None and not self._ws.closed

    async def serve(
        self, ws: web.WebSocketResponse, transport: asyncio.Transport | None, first: Json
    ) -> None:
        """Take over a connection whose HELLO was sent and whose first message is ``first``."""
        self._ws = ws
        self._transport = transport
        try:
            await self._receive(ws, first)
            async for frame in ws:
                if frame.type is not WSMsgType.TEXT:
                    continue
                await self._receive(ws, json.loads(frame.data))
        except (ConnectionResetError, asyncio.CancelledError):
            pass
        finally:
            if self._ws is ws:
                self._ws = None
                self._connected.clear()
            self._on_change()

    async def _receive(self, ws: web.WebSocketResponse, message: Json) -> None:
        op = message.get("op")
        data: Json = message.get("d") or {}
        if op == 1:
            self.heartbeats += 1
            await self._send(ws, {"op": 11})
        elif op == 2:
            await self._identify(ws, data)
        elif op == 6:
            await self._resume(ws, data)
        elif op == 8:
            chunk = self._members_chunk(data)
            if chunk is not None:
                await self._send(ws, {"op": 0, "t": "GUILD_MEMBERS_CHUNK", "s": None, "d": chunk})
        # op 3 (presence) and 4 (voice) need no answer.

    async def _identify(self, ws: web.WebSocketResponse, data: Json) -> None:
        if data.get("token") != self._token:
            await ws.close(code=AUTHENTICATION_FAILED, message=b"Authentication failed.")
            return
        if int(data.get("intents") or 0) & self.disallowed_intents:
            # A privileged intent not switched on in the developer portal.
            await ws.close(code=DISALLOWED_INTENTS, message=b"Disallowed intent(s).")
            return
        shard = data.get("shard")
        total = self.shard[1]
        if shard is None and total > 1:
            await ws.close(code=SHARDING_REQUIRED, message=b"Sharding required.")
            return
        if shard is not None and list(shard) != list(self.shard):
            await ws.close(code=INVALID_SHARD, message=b"Invalid shard.")
            return
        self.identify_count += 1
        self.identify_payloads.append(data)
        async with self._send_lock:
            self.session_id = uuid.uuid4().hex
            self.seq = 0
            self.sent = []
            ready = self._ready_payload(self.session_id, shard)
            await self._dispatch_locked(ws, "READY", ready)
            for guild in self._guild_payloads():
                await self._dispatch_locked(ws, "GUILD_CREATE", guild)
            self._connected.set()
        self.ready.set()
        self._on_change()

    async def _resume(self, ws: web.WebSocketResponse, data: Json) -> None:
        if data.get("token") != self._token:
            await ws.close(code=AUTHENTICATION_FAILED, message=b"Authentication failed.")
            return
        if data.get("session_id") != self.session_id:
            # Invalid session, not resumable: the client identifies afresh.
            await self._send(ws, {"op": 9, "d": False})
            return
        self.resume_count += 1
        last = int(data.get("seq") or 0)
        async with self._send_lock:
            for event in self.sent:
                if event.seq > last:
                    await self._send_raw(ws, _envelope(event))
            self.seq += 1
            await self._send_raw(ws, {"op": 0, "t": "RESUMED", "s": self.seq, "d": {}})
            self._connected.set()
        self._on_change()

    async def dispatch(self, event_type: str, data: Json) -> SentEvent:
        """Send a dispatch now, or keep it for the RESUME replay when the bot is disconnected."""
        async with self._send_lock:
            ws = self._ws if self._connected.is_set() else None
            return await self._dispatch_locked(ws, event_type, data)

    async def _dispatch_locked(
        self, ws: web.WebSocketResponse | None, event_type: str, data: Json
    ) -> SentEvent:
        self.seq += 1
        event = SentEvent(self.seq, event_type, data)
        self.sent.append(event)
        if ws is not None and not ws.closed:
            with contextlib.suppress(ConnectionResetError):
                await self._send_raw(ws, _envelope(event))
        event.at = time.monotonic()
        return event

    async def wait_connected(self, timeout: float) -> None:
        await asyncio.wait_for(self._connected.wait(), timeout)

    async def drop(self) -> None:
        """Cut the TCP connection without a close frame, as a network failure would."""
        self._connected.clear()
        if self._transport is not None:
            self._transport.abort()
        self._transport = None

    async def send_op(self, op: int, data: Any = None) -> None:
        """Send a raw opcode, e.g. 7 RECONNECT or 9 INVALID_SESSION."""
        ws = self._ws
        if ws is not None:
            await self._send(ws, {"op": op, "d": data})

    async def close(self) -> None:
        ws = self._ws
        if ws is not None and not ws.closed:
            with contextlib.suppress(Exception):
                await ws.close(code=1001)

    async def _send(self, ws: web.WebSocketResponse, payload: Json) -> None:
        async with self._send_lock:
            await self._send_raw(ws, payload)

    @staticmethod
    async def _send_raw(ws: web.WebSocketResponse, payload: Json) -> None:
        if not ws.closed:
            await ws.send_str(json.dumps(payload))


def _envelope(event: SentEvent) -> Json:
    return {"op": 0, "t": event.type, "s": event.seq, "d": event.data}


async def route(request: web.Request, shards: dict[int, Gateway]) -> web.WebSocketResponse:
    """Accept a gateway connection, send HELLO, and hand it to the session its first IDENTIFY
    (by ``shard``) or RESUME (by session id) names; heartbeats before that are answered."""
    # discord.py asks for zlib-stream (or zstd-stream); plain TEXT frames are allowed whatever
    # the client asked, and it reads them as uncompressed JSON.
    ws = web.WebSocketResponse(autoping=True, max_msg_size=0)
    await ws.prepare(request)
    transport = request.transport
    hello = {"op": 10, "d": {"heartbeat_interval": HEARTBEAT_INTERVAL_MS}}
    await ws.send_str(json.dumps(hello))
    async for frame in ws:
        if frame.type is not WSMsgType.TEXT:
            continue
        message: Json = json.loads(frame.data)
        op = message.get("op")
        data: Json = message.get("d") or {}
        if op == 1:
            await ws.send_str(json.dumps({"op": 11}))
            continue
        if op == 2:
            shard = data.get("shard")
            gateway = shards.get(int(shard[0]) if shard else 0)
        elif op == 6:
            found = [g for g in shards.values() if g.session_id == data.get("session_id")]
            gateway = found[0] if found else shards[0]  # unknown: op 9 from shard 0's session
        else:
            continue
        if gateway is None:
            await ws.close(code=INVALID_SHARD, message=b"Invalid shard.")
            break
        await gateway.serve(
            ws, transport if isinstance(transport, asyncio.Transport) else None, message
        )
        break
    return ws
