"""A cluster: two `verbatim run` processes of two shards each, one database, one index folder.

The emulator recommends four shards and sends each guild's events to shard (id >> 22) % 4; four
guilds fall on the four shards. Every guild's /ask is answered exactly once, by the process
that runs its shard; both processes started together on a cold index cache serve a correct
index; a setting a moderator changes through one process is honoured by the process that
takes over its shards.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
import pytest_asyncio

from tests.bot.conftest import WANG, assert_clean, text_of
from tests.bot.emulator import Emulator
from tests.bot.emulator.fixtures import spec_path
from tests.bot.test_start_up import finished, start_verbatim

SHARDS = 4
RANGES = ("0-1", "2-3")


@pytest_asyncio.fixture
async def cluster_emulator(shared_dir: Path) -> AsyncIterator[Emulator]:
    spec = spec_path(shared_dir)
    if not spec.is_file():
        pytest.skip(f"needs Discord's OpenAPI spec at {spec}, which is absent here")
    async with Emulator(spec_path=spec, shard_count=SHARDS, extra_guilds=SHARDS - 1) as emu:
        yield emu


class Node:
    """One `verbatim run` process of the cluster, and what it wrote to stderr."""

    def __init__(self, process: asyncio.subprocess.Process, shards: str) -> None:
        self.process = process
        self.shards = shards
        self.lines: list[str] = []

    @classmethod
    async def start(cls, emulator: Emulator, shards: str, folder: Path) -> Node:
        process = await start_verbatim(
            "run",
            DISCORD_TOKEN=emulator.token,
            VERBATIM_DISCORD_API_BASE=emulator.api_base,
            VERBATIM_DISCORD_GATEWAY_URL=emulator.gateway_url,
            VERBATIM_SHARD_COUNT=str(SHARDS),
            VERBATIM_SHARD_IDS=shards,
            VERBATIM_CACHE_DIR=str(folder / "cache"),  # one index folder per machine
            VERBATIM_DATA_DIR=str(folder / "data"),  # one database (SQLite, shared)
        )
        return cls(process, shards)

    async def connected(self) -> None:
        stream = self.process.stderr
        assert stream is not None
        while not any("connected as" in line for line in self.lines):
            line = await asyncio.wait_for(stream.readline(), 60)
            assert line, f"shards {self.shards} stopped:\n" + "".join(self.lines)
            self.lines.append(line.decode())

    async def stop(self) -> str:
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
        status, rest = await finished(self.process)
        log = "".join(self.lines) + rest
        assert status == 0, log
        assert "Traceback" not in log
        return log


async def test_two_processes_of_two_shards_answer_every_guild_once(
    cluster_emulator: Emulator, tmp_path: Path
) -> None:
    emulator = cluster_emulator
    guilds = emulator.guild_ids
    assert sorted(emulator.shard_of(g) for g in guilds) == list(range(SHARDS))
    # Started together on an empty cache: each may build the index; both must serve it.
    nodes = [await Node.start(emulator, shards, tmp_path) for shards in RANGES]
    try:
        # A task group, not gather: when one node fails, the other's pending read is cancelled
        # before stop() reads the same stream, so the first failure is the one reported.
        async with asyncio.TaskGroup() as group:
            for node in nodes:
                group.create_task(node.connected())
        for shard, gateway in emulator.gateways.items():
            assert gateway.identify_count == 1, shard  # each shard run by one process
        for guild in guilds:
            asked = await emulator.slash("ask", {"question": "multilateralism"}, guild_id=guild)
            assert f"`{WANG}-" in text_of(await asked.response(timeout=30))
            assert len(asked.callbacks) == 1  # acknowledged once: by one process
        home = emulator.shard_of(emulator.guild_id) // 2  # the node running the main guild
        changed = await emulator.slash(
            "settings",
            {"name": "visibility", "value": "private"},
            subcommand="set",
            user=emulator.moderator,
        )
        assert "is now private" in text_of(await changed.response(timeout=10))
    finally:
        logs = [await node.stop() for node in nodes]

    for node, log in zip(nodes, logs, strict=True):
        served = {g for g in guilds if f"/ask in guild {g}:" in log}
        assert served == {
            g for g in guilds if emulator.shard_of(g) // 2 == RANGES.index(node.shards)
        }

    # The process that takes over the main guild's shards honours the moderator's change.
    replacement = await Node.start(emulator, RANGES[home], tmp_path)
    try:
        await replacement.connected()
        asked = await emulator.slash("ask", {"question": "multilateralism"})
        await asked.response(timeout=30)
        assert asked.ephemeral
    finally:
        await replacement.stop()
    assert_clean(emulator)


@pytest.mark.parametrize(
    ("shard", "code"),
    [(None, 4011), ([0, 2], 4010), ([5, SHARDS], 4010)],
    ids=["no-shard", "wrong-count", "out-of-range"],
)
async def test_the_emulator_refuses_an_identify_that_does_not_fit_its_shards(
    cluster_emulator: Emulator, shard: list[int] | None, code: int
) -> None:
    identify: dict[str, object] = {"token": cluster_emulator.token, "intents": 0, "properties": {}}
    if shard is not None:
        identify["shard"] = shard
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(cluster_emulator.gateway_url) as ws,
    ):
        hello = await ws.receive_json()
        assert hello["op"] == 10
        await ws.send_json({"op": 2, "d": identify})
        closing = await ws.receive()
        assert closing.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
        assert ws.close_code == code
