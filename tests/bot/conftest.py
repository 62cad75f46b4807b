"""The bot under test: the real VerbatimBot, connected to the Discord API emulator.

Each test gets a fresh emulator and a bot started against it on the embedded seed corpus (or a
corpus of its own); after each test, every request the bot sent must have been valid.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import discord
import pytest
import pytest_asyncio

from bot.client import VerbatimBot, configure_endpoints
from bot.settings import Settings
from corpus.loader import load_corpus
from tests.bot.emulator import Emulator, InteractionRecord
from tests.bot.emulator.fixtures import emulator

__all__ = ["emulator"]

log = logging.getLogger(__name__)

SEED_CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "data"


def _seed_ids() -> tuple[str, str]:
    documents = load_corpus(None, progress=False).documents
    wang = next(d.id for d in documents if d.source == "China News Service")
    qin = next(d.id for d in documents if d.id != wang)
    return wang, qin


# The two seeds' document ids (content hashes): Wang Yi at the Security Council (China News
# Service, May 8th) and Qin Gang's talks with Csaba Kőrösi (2023-02-02).
WANG, QIN = _seed_ids()


def bot_settings(emu: Emulator, cache_dir: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "discord_token": emu.token,
        "cache_dir": cache_dir,
        "guild_ids": (emu.guild_id,),
        "cooldown_rate": 1000,
        "cooldown_per": 60.0,
        "discord_api_base": emu.api_base,
        "discord_gateway_url": emu.gateway_url,
    }
    values.update(overrides)
    return Settings(**values)


@asynccontextmanager
async def running_bot(
    emu: Emulator, settings: Settings, **options: Any
) -> AsyncIterator[VerbatimBot]:
    """Start VerbatimBot against the emulator, wait until it is ready, close it afterwards."""
    configure_endpoints(settings)
    options.setdefault("guild_ready_timeout", 0.05)
    bot = VerbatimBot(settings, **options)
    token = settings.token()
    assert token is not None
    runner = asyncio.create_task(bot.start(token))
    ready = asyncio.create_task(bot.wait_until_ready())
    try:
        done, _ = await asyncio.wait(
            {runner, ready}, timeout=30, return_when=asyncio.FIRST_COMPLETED
        )
        if runner in done:
            runner.result()  # raises why the bot stopped
            raise AssertionError("the bot stopped before it was ready")
        if ready not in done:
            raise AssertionError("the bot was not ready within 30 s")
        yield bot
    finally:
        ready.cancel()
        await bot.close()
        with contextlib.suppress(asyncio.CancelledError, discord.ConnectionClosed):
            await asyncio.wait_for(runner, 10)


def assert_clean(emulator: Emulator) -> None:
    """Every request valid, every route known, no late or double acknowledgement."""
    assert emulator.invalid_requests == [], "\n".join(map(str, emulator.invalid_requests))
    assert emulator.unknown_routes == [], "\n".join(map(str, emulator.unknown_routes))
    assert emulator.protocol_errors == []


StartBot = Callable[..., contextlib.AbstractAsyncContextManager[VerbatimBot]]


@pytest.fixture(scope="session")
def index_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One index cache for the session: the seed corpus is indexed once."""
    return tmp_path_factory.mktemp("bot-index-cache")


@pytest_asyncio.fixture
async def start_bot(
    emulator: Emulator, index_cache: Path, tmp_path: Path
) -> AsyncIterator[StartBot]:
    """Start a bot with settings of the test's own (a corpus, cooldowns, ask-channels...);
    its settings database is the test's own too."""

    def start(
        *, options: dict[str, Any] | None = None, **overrides: Any
    ) -> contextlib.AbstractAsyncContextManager[VerbatimBot]:
        overrides.setdefault("data_dir", tmp_path / "data")
        cache_dir = overrides.pop("cache_dir", index_cache)
        settings = bot_settings(emulator, cache_dir, **overrides)
        return running_bot(emulator, settings, **(options or {}))

    yield start
    assert_clean(emulator)


@pytest_asyncio.fixture
async def bot(emulator: Emulator, index_cache: Path, tmp_path: Path) -> AsyncIterator[VerbatimBot]:
    """The bot on the embedded seeds, commands synced to the emulator's guild."""
    settings = bot_settings(emulator, index_cache, data_dir=tmp_path / "data")
    async with running_bot(emulator, settings) as running:
        yield running
    assert_clean(emulator)


def components_of(message: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for component in message.get("components") or []:
        found.append(component)
        found.extend(components_of(component))
    return found


def button(message: dict[str, Any], label: str) -> str:
    """The custom id of the button labelled ``label`` on ``message``."""
    for component in components_of(message):
        if component.get("type") == 2 and component.get("label") == label:
            return str(component["custom_id"])
    raise LookupError(f"no button {label!r} on the message: {components_of(message)}")


def labels(message: dict[str, Any]) -> list[str]:
    return [str(c.get("label")) for c in components_of(message) if c.get("type") == 2]


def text_of(message: dict[str, Any]) -> str:
    """Everything a reader sees in a message: content, embed titles, descriptions, fields."""
    parts = [message.get("content") or ""]
    for embed in message.get("embeds") or []:
        parts += [embed.get("title") or "", embed.get("description") or ""]
        parts += [f"{f['name']}: {f['value']}" for f in embed.get("fields") or []]
        parts.append((embed.get("footer") or {}).get("text") or "")
    return "\n".join(part for part in parts if part)


EPHEMERAL = 64


def private_followups(emulator: Emulator, rec: InteractionRecord) -> list[dict[str, Any]]:
    """The bodies of the ephemeral followups the bot sent for ``rec``."""
    return [
        r.json
        for r in emulator.requests
        if r.method == "POST"
        and r.path.startswith(f"/webhooks/{emulator.application_id}/{rec.token}")
        and int(r.json.get("flags") or 0) & EPHEMERAL
    ]


async def private_reply(emulator: Emulator, rec: InteractionRecord, timeout: float = 10) -> str:
    """What the bot told the user privately: an ephemeral response, or (after a public
    deferral whose placeholder it removed) an ephemeral followup."""

    def told() -> str | None:
        if rec.callbacks and int(rec.callbacks[0]["type"]) == 4:
            data = rec.callbacks[0].get("data") or {}
            if int(data.get("flags") or 0) & EPHEMERAL:
                return str(data.get("content") or "")
        bodies = private_followups(emulator, rec)
        return str(bodies[0].get("content") or "") if bodies else None

    return str(await rec.wait_until(told, timeout))


async def eventually(condition: Callable[[], object], timeout: float = 5) -> None:
    """Poll ``condition`` until it holds (for effects no interaction record is notified of)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        await asyncio.sleep(0.02)
