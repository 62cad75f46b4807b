"""/help: one private embed with every synced command, the message menu and how to mention."""

from __future__ import annotations

from bot.client import VerbatimBot
from retrieval.wording import EXAMPLE_QUESTION
from tests.bot.conftest import StartBot, text_of
from tests.bot.emulator import Emulator

SLASH, MESSAGE_MENU = 1, 3


async def test_help_lists_every_synced_command_privately(
    bot: VerbatimBot, emulator: Emulator
) -> None:
    rec = await emulator.slash("help", {}, user=emulator.member)
    message = await rec.response()

    assert rec.callback_types == [4]
    assert rec.ephemeral
    assert rec.callbacks[0]["data"]["allowed_mentions"]["parse"] == []
    assert len(message["embeds"]) == 1
    text = text_of(message)
    # Read from the command tree: what Discord offers is what /help lists, nothing missing.
    synced = emulator.commands.values()
    for command in (c for c in synced if int(c.get("type") or SLASH) == SLASH):
        assert f"`/{command['name']}" in text
        assert command["description"] in text
    menus = [c["name"] for c in synced if int(c.get("type") or SLASH) == MESSAGE_MENU]
    assert menus == ["Find quotes"]
    assert "**Find quotes**: Check a message against the record" in text
    # Each command as it is typed: required options bare, optional ones in brackets.
    assert "`/ask question [speaker] [country] [from] [to] [private]`" in text
    assert "`/quote passage`" in text
    assert f"<@{emulator.bot_user.id}> {EXAMPLE_QUESTION}" in text
    assert "In a DM, just ask." in text
    assert "every message ending in" not in text  # no ask-channels configured


async def test_help_names_the_ask_channels(start_bot: StartBot, emulator: Emulator) -> None:
    async with start_bot(ask_channels=(emulator.other_channel_id,)):
        rec = await emulator.slash("help", {})
        text = text_of(await rec.response())
    assert f"In <#{emulator.other_channel_id}>, every message ending in “?” is a question." in text
