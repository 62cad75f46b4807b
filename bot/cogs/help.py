"""/help: what the bot can do, privately, read from its own command tree so it never drifts."""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from retrieval.wording import EXAMPLE_QUESTION

from .. import discord_render as dr
from ..interaction import Interaction

if TYPE_CHECKING:
    from ..client import VerbatimBot

INTRO = (
    "I answer with quoted, cited passages from the corpus, never with generated text. "
    "Every quote ends with its citation id: `/quote` it to post the whole paragraph."
)


def usage(command: app_commands.Command[commands.Cog, ..., None]) -> str:
    """How a slash command is typed: ``/ask question [speaker] [country] [from] [to] [private]``."""
    options = [p.display_name if p.required else f"[{p.display_name}]" for p in command.parameters]
    return " ".join([f"/{command.qualified_name}", *options])


def summary(menu: app_commands.ContextMenu) -> str:
    """A message command has no description on Discord; its callback's docstring says it."""
    doc = inspect.getdoc(menu.callback) or ""
    return doc.split("\n", 1)[0]


def help_embed(bot: VerbatimBot, guild_id: int | None) -> discord.Embed:
    tree = bot.tree
    slash = [
        f"`{usage(command)}` — {command.description}"
        for command in tree.walk_commands(type=discord.AppCommandType.chat_input)
        if isinstance(command, app_commands.Command)
    ]
    embed = dr.base_embed(
        dr.shorten("\n".join([INTRO, "", *slash]), dr.DESCRIPTION_LIMIT), title="What I can do"
    )
    menus = tree.get_commands(type=discord.AppCommandType.message)
    if menus:
        embed.add_field(
            name="On a message (Apps menu)",
            value=dr.list_value(f"**{menu.name}**: {summary(menu)}" for menu in menus),
            inline=False,
        )
    assert bot.user is not None
    mention = bot.user.mention
    ways = [
        f"{mention} {EXAMPLE_QUESTION}",
        f"Reply to a message with {mention}: I answer the message you replied to.",
        "In a DM, just ask.",
    ]
    ask_channels = bot.ask_channels(guild_id)
    if ask_channels:
        channels = ", ".join(f"<#{channel}>" for channel in sorted(ask_channels))
        ways.append(f"In {channels}, every message ending in “?” is a question.")
    embed.add_field(name="Mention me", value=dr.list_value(ways), inline=False)
    return embed


class Help(commands.Cog):
    def __init__(self, bot: VerbatimBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="help", description="What I can do: commands, the message menu, mentions"
    )
    async def help(self, interaction: Interaction) -> None:
        await interaction.response.send_message(
            embed=help_embed(self.bot, interaction.guild_id),
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
        )


async def setup(bot: VerbatimBot) -> None:
    await bot.add_cog(Help(bot))
