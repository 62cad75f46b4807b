"""/settings in a server: moderators change ask-channels and visibility; members cannot; the
change survives a restart and one made by another process is applied."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.database import database_url
from bot.server_settings import SettingsStore
from tests.bot.conftest import WANG, StartBot, text_of
from tests.bot.databases import BACKENDS, database_for
from tests.bot.emulator import Emulator
from tests.bot.test_parity import cited

QUESTION = {"question": "multilateralism"}


async def change(emulator: Emulator, name: str, value: str) -> str:
    rec = await emulator.slash(
        "settings", {"name": name, "value": value}, subcommand="set", user=emulator.moderator
    )
    reply = await rec.response()
    assert rec.ephemeral  # a private confirmation
    return text_of(reply)


async def test_a_moderator_changes_visibility_and_ask_channels(
    start_bot: StartBot, emulator: Emulator
) -> None:
    # Global commands (no VERBATIM_GUILD_IDS), so /ask is offered in DMs too.
    async with start_bot(message_content=True, guild_ids=()):
        public = await emulator.slash("ask", QUESTION)
        await public.response()
        assert not public.ephemeral

        confirmed = await change(emulator, "visibility", "private")
        assert "**visibility** is now private" in confirmed
        confirmed = await change(emulator, "ask-channels", f"<#{emulator.other_channel_id}>")
        assert f"<#{emulator.other_channel_id}>" in confirmed

        private = await emulator.slash("ask", QUESTION)
        assert f"`{WANG}-" in text_of(await private.response())
        assert private.ephemeral
        shown = await emulator.slash("ask", {**QUESTION, "private": False})
        await shown.response()
        assert not shown.ephemeral  # the member's own choice still wins

        await emulator.post_message(
            "what did Wang Yi say about multilateralism?", channel_id=emulator.other_channel_id
        )
        reply = await emulator.wait_for_bot_message(channel_id=emulator.other_channel_id)
        assert f"`{WANG}-" in text_of(reply)

        # In a DM there is no server: the defaults hold.
        dm = await emulator.slash("ask", QUESTION, dm=True)
        await dm.response()
        assert not dm.ephemeral


async def test_a_bad_value_is_refused_privately_and_changes_nothing(
    start_bot: StartBot, emulator: Emulator
) -> None:
    async with start_bot() as running:
        rec = await emulator.slash(
            "settings",
            {"name": "ask-channels", "value": "<#123456789012345678>"},
            subcommand="set",
            user=emulator.moderator,
        )
        refusal = await rec.response()
        assert rec.ephemeral
        assert "not a text channel of this server" in refusal["content"]
        assert running.server_settings(emulator.guild_id).ask_channels == ()


async def test_members_are_not_offered_settings(start_bot: StartBot, emulator: Emulator) -> None:
    async with start_bot():
        with pytest.raises(PermissionError, match="would not offer 'settings'"):
            await emulator.slash("settings", {}, subcommand="view", user=emulator.member)
        rec = await emulator.slash("settings", {}, subcommand="view", user=emulator.moderator)
        view = text_of(await rec.response())
        assert "visibility (default)" in view and rec.ephemeral


async def test_settings_survive_a_restart(
    start_bot: StartBot, emulator: Emulator, tmp_path: Path
) -> None:
    async with start_bot(data_dir=tmp_path / "kept"):
        await change(emulator, "hits-per-page", "2")
    async with start_bot(data_dir=tmp_path / "kept") as restarted:
        assert restarted.server_settings(emulator.guild_id).per_page == 2
        rec = await emulator.slash("ask", QUESTION)
        assert len(cited(await rec.response())) == 2  # two hits a page, not the default four


@pytest.fixture(params=BACKENDS)
async def shared_database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    async for url in database_for(request.param, tmp_path):
        yield url


async def test_a_setting_changed_by_another_process_is_applied(
    start_bot: StartBot, emulator: Emulator, shared_database: str
) -> None:
    async with start_bot(database_url=shared_database) as running:
        defaults = running.settings.server_defaults()
        elsewhere = await SettingsStore.open(database_url(shared_database, None), defaults)
        try:
            await elsewhere.set(emulator.guild_id, "visibility", "private", by=1)
        finally:
            await elsewhere.close()
        for _ in range(100):
            if running.server_settings(emulator.guild_id).private:
                break
            await asyncio.sleep(0.05)
        rec = await emulator.slash("ask", QUESTION)
        await rec.response()
        assert rec.ephemeral
