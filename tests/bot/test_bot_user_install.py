"""User installs: the commands that make sense anywhere declare guild and user installs and every
interaction context; where the bot was not invited, its answers are private."""

from __future__ import annotations

import pytest

from bot.client import user_install_url
from tests.bot.conftest import QIN, WANG, StartBot, text_of
from tests.bot.emulator import Emulator

ANYWHERE = {"ask", "quote", "speaker", "date", "document", "Find quotes"}


async def test_commands_declare_where_they_can_be_used(
    start_bot: StartBot, emulator: Emulator
) -> None:
    async with start_bot(guild_ids=()):
        declared = {c["name"]: c for c in emulator.global_commands}
        for name, command in declared.items():
            if name in ANYWHERE:
                assert command["integration_types"] == [0, 1], name
                assert sorted(command["contexts"]) == [0, 1, 2], name
            else:  # /help, /corpus, /reload, /settings: servers that invited the bot
                assert command["integration_types"] == [0], name
                assert 2 not in command["contexts"], name
        assert set(declared) >= ANYWHERE


@pytest.mark.parametrize("group_dm", [False, True], ids=["other-server", "group-dm"])
async def test_through_a_members_own_install_answers_are_private(
    start_bot: StartBot, emulator: Emulator, group_dm: bool
) -> None:
    async with start_bot(guild_ids=()):
        asked = await emulator.slash(
            "ask", {"question": "multilateralism", "private": False}, dm=group_dm, user_install=True
        )
        assert f"`{WANG}-" in text_of(await asked.response())
        assert asked.ephemeral  # nobody there invited the bot

        quoted = await emulator.slash(
            "quote", {"passage": f"{QIN}-1"}, dm=group_dm, user_install=True
        )
        assert f"`{QIN}-1`" in text_of(await quoted.response())
        assert quoted.ephemeral

        with pytest.raises(LookupError, match="not declared for user installs"):
            await emulator.slash("corpus", {}, dm=group_dm, user_install=True)

    # In the server that invited it, the same command answers for everyone.
    async with start_bot(guild_ids=()):
        here = await emulator.slash("ask", {"question": "multilateralism"})
        await here.response()
        assert not here.ephemeral


def test_the_user_install_link_adds_commands_only() -> None:
    url = user_install_url(1234)
    assert url.startswith("https://discord.com/oauth2/authorize?client_id=1234")
    assert "scope=applications.commands" in url and "bot" not in url
    assert url.endswith("&integration_type=1")
