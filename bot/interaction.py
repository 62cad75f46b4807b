"""The interaction every command, button, check and autocomplete of VerbatimBot receives."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeAlias, TypeVar

import discord
from discord import app_commands

if TYPE_CHECKING:
    from .client import VerbatimBot

Interaction: TypeAlias = discord.Interaction["VerbatimBot"]

T = TypeVar("T")

# Where commands can be used unless declared `anywhere()`: servers that invited the bot, and DMs
# with it.
GUILD_INSTALL = app_commands.AppInstallationType(guild=True, user=False)
GUILD_AND_DM = app_commands.AppCommandContext(guild=True, dm_channel=True, private_channel=False)


def anywhere() -> Callable[[T], T]:
    """Declare a command for guild and user installs and every interaction context: through a
    member's own install it works in servers that did not invite the bot, in DMs and group
    DMs."""

    def decorate(command: T) -> T:
        command = app_commands.allowed_installs(guilds=True, users=True)(command)
        return app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)(command)

    return decorate


def privately(interaction: Interaction, asked: bool) -> bool:
    """Whether to answer privately: as asked, and always where the bot was not invited."""
    return asked or not bot_is_present(interaction)


def bot_is_present(interaction: Interaction) -> bool:
    """Whether the bot itself is where the interaction happened: a server that invited it, or
    a DM with it. Elsewhere (a member's own install, in another server or a group DM) its
    answers are private: nobody there asked for the bot."""
    if interaction.guild_id is None:
        return interaction.context.dm_channel
    return interaction.is_guild_integration()
