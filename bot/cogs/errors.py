"""Failures of app commands as short private messages; details go to the log, never the chat."""

from __future__ import annotations

import logging
import math
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from ..interaction import Interaction
from ..library import LibraryNotReady
from ..replies import Reply
from .transformers import Unrecognised

if TYPE_CHECKING:
    from ..client import VerbatimBot

log = logging.getLogger(__name__)


class NothingFound(app_commands.AppCommandError):
    """A lookup with no result; its message (with a suggestion) goes to the user."""


class Refused(app_commands.CheckFailure):
    """A permission check that failed; its message says which permission is missing."""


def is_refusal(error: app_commands.AppCommandError) -> bool:
    """Whether ``error`` refuses the user's input or permissions, rather than being a failure.

    Any exception a transformer raises comes as a TransformerError; one that is not the
    transformer's own refusal (it has a cause) is a failure, as it would be in the command."""
    if isinstance(error, app_commands.TransformerError):
        return error.__cause__ is None
    return isinstance(error, (app_commands.CheckFailure, NothingFound))


def describe(error: app_commands.AppCommandError) -> str:
    """The short text the user sees for ``error``."""
    if isinstance(error, app_commands.CommandOnCooldown):
        wait = max(1, math.ceil(error.retry_after))
        return f"Slow down: you can ask again in {wait} s."
    if isinstance(error, (NothingFound, Refused, Unrecognised)):
        return str(error)
    if isinstance(error, app_commands.MissingPermissions):
        missing = ", ".join(p.replace("_", " ").title() for p in error.missing_permissions)
        return f"You need the {missing} permission for this."
    if isinstance(error, app_commands.BotMissingPermissions):
        missing = ", ".join(p.replace("_", " ").title() for p in error.missing_permissions)
        return f"I need the {missing} permission here."
    if isinstance(error, app_commands.NoPrivateMessage):
        return "This command works in servers only."
    if isinstance(error, app_commands.CheckFailure):
        return "You are not allowed to use this command here."
    if isinstance(error, app_commands.TransformerError) and is_refusal(error):
        return f"I could not read {error.value!r} as {error.type.name.lower()}."
    original = getattr(error, "original", None) or error.__cause__
    if isinstance(original, LibraryNotReady):
        return "I am still loading the corpus; please try again in a moment."
    return "Sorry, something went wrong on my side. It has been logged."


def context_of(interaction: Interaction) -> dict[str, Any]:
    """Where a command failed, for the log; what the member typed and who they are go to
    :func:`member_context`, logged at DEBUG only."""
    command = interaction.command
    return {
        "command": command.qualified_name if command else None,
        "guild": interaction.guild_id,
        "channel": interaction.channel_id,
    }


def member_context(interaction: Interaction) -> dict[str, Any]:
    return {
        "options": interaction.namespace.__dict__ if interaction.namespace else {},
        "user": interaction.user.id,
    }


class Errors(commands.Cog):
    def __init__(self, bot: VerbatimBot) -> None:
        self.bot = bot
        self._previous = bot.tree.on_error

    async def cog_load(self) -> None:
        self.bot.tree.on_error = self.on_app_command_error  # type: ignore[method-assign]

    async def cog_unload(self) -> None:
        self.bot.tree.on_error = self._previous  # type: ignore[method-assign]

    async def on_app_command_error(
        self, interaction: Interaction, error: app_commands.AppCommandError
    ) -> None:
        # A refusal's message may quote what the member typed, so it stays at DEBUG.
        if is_refusal(error):
            log.debug("%s refused: %s %s", type(error).__name__, error, context_of(interaction))
        else:
            log.error("command failed %s", context_of(interaction), exc_info=error)
        log.debug("the member's input %s", member_context(interaction))
        try:
            await Reply.to(interaction).tell(describe(error))
        except discord.HTTPException:
            log.warning("could not tell the user about the error %s", context_of(interaction))


async def setup(bot: VerbatimBot) -> None:
    await bot.add_cog(Errors(bot))
