"""/reload: read the corpus again without a restart (Manage Server or the bot owner)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from discord import app_commands
from discord.ext import commands

from .. import discord_render as dr
from ..interaction import Interaction
from ..library import ReloadReport
from ..replies import Reply
from .errors import Refused

if TYPE_CHECKING:
    from ..client import VerbatimBot

log = logging.getLogger(__name__)


async def manager_or_owner(interaction: Interaction) -> bool:
    if interaction.guild_id is not None and interaction.permissions.manage_guild:
        return True
    if await interaction.client.is_owner(interaction.user):
        return True
    raise Refused("Only members with the Manage Server permission, or the bot's owner, can reload.")


def report_text(report: ReloadReport, roots: Sequence[Path]) -> str:
    """What /reload tells its caller; files are named relative to their corpus folder."""
    stats = report.stats
    size = f"{stats.documents} documents, {stats.paragraphs} paragraphs"
    if not report.ok:
        return dr.shorten(
            f"Reload failed: {report.error}\nStill serving the previous corpus ({size}).",
            dr.CONTENT_LIMIT,
        )
    lines = [f"Reloaded in {report.seconds:.1f} s: {size}."]
    if report.previous is not None:
        lines[0] += (
            f" (was {report.previous.documents} documents, {report.previous.paragraphs} paragraphs)"
        )
    if stats.skipped:
        lines.append(f"Skipped {len(stats.skipped)} file(s):")
        lines.append(dr.issues_text(stats.skipped, roots, 1200))
    if stats.warnings:
        lines.append(f"{len(stats.warnings)} warning(s):")
        lines.append(dr.issues_text(stats.warnings, roots, 400))
    return dr.shorten("\n".join(lines), dr.CONTENT_LIMIT)


class Admin(commands.Cog):
    def __init__(self, bot: VerbatimBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="reload", description="Reload the corpus (Manage Server or bot owner)"
    )
    @app_commands.describe(rebuild="build the index again even if a current one is cached")
    @app_commands.check(manager_or_owner)
    async def reload(self, interaction: Interaction, rebuild: bool = False) -> None:
        reply = Reply.to(interaction)
        await reply.defer(private=True)
        log.info("reload requested by %s in guild %s", interaction.user.id, interaction.guild_id)
        report = await self.bot.library.reload(rebuild=rebuild)
        await reply.show(report_text(report, self.bot.library.folders))


async def setup(bot: VerbatimBot) -> None:
    await bot.add_cog(Admin(bot))
