"""/settings: a server's moderators view and change how Verbatim behaves there.

Members with Manage Server see the group (Discord hides it from the rest, and the check below
holds where a server's admins opened it wider); every reply is private. A change is saved to
the database and applies at once here and, within a second, in every other process.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.app_commands import Choice
from discord.ext import commands

from .. import discord_render as dr
from ..database import DatabaseUnavailable
from ..interaction import Interaction
from ..server_settings import SETTINGS, SettingsStore, setting
from .errors import NothingFound, Refused

if TYPE_CHECKING:
    from ..client import VerbatimBot

log = logging.getLogger(__name__)

MAX_VALUE_CHARS = 200


def _names(current: str) -> list[Choice[str]]:
    typed = current.strip().lower()
    return [
        Choice(name=dr.shorten(f"{spec.name}: {spec.help}", 100), value=spec.name)
        for spec in SETTINGS.values()
        if typed in spec.name
    ]


async def setting_names(interaction: Interaction, current: str) -> list[Choice[str]]:
    return _names(current)


async def setting_values(interaction: Interaction, current: str) -> list[Choice[str]]:
    """Examples of the chosen setting's values; for ask-channels, the server's text channels."""
    spec = SETTINGS.get(str(getattr(interaction.namespace, "name", "") or "").strip().lower())
    if spec is None:
        return []
    typed = current.strip().lower()
    values: list[tuple[str, str]] = [(example, example) for example in spec.examples]
    if spec.name == "ask-channels" and interaction.guild is not None:
        values += [
            (f"#{channel.name}", channel.mention) for channel in interaction.guild.text_channels
        ]
    return [
        Choice(name=dr.shorten(shown, 100), value=value)
        for shown, value in values
        if typed in shown.lower() or typed in value
    ][:25]


def settings_embed(store: SettingsStore, guild_id: int, note: str = "") -> discord.Embed:
    """Every setting of a server: its value, and whether the server changed it."""
    current = store.get(guild_id)
    changed = store.changed(guild_id)
    embed = discord.Embed(title="Verbatim's settings in this server", description=note or None)
    for spec in SETTINGS.values():
        origin = "set here" if spec.name in changed else "default"
        embed.add_field(
            name=f"{spec.name} ({origin})",
            value=f"{spec.show(current)}\n-# {spec.help}",
            inline=False,
        )
    return embed


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class Settings(
    commands.GroupCog, group_name="settings", group_description="This server's settings"
):
    def __init__(self, bot: VerbatimBot) -> None:
        self.bot = bot
        super().__init__()

    def _store(self) -> SettingsStore:
        if self.bot.settings_store is None:  # pragma: no cover - opened in setup_hook
            raise NothingFound("Settings are not available yet; try again in a moment.")
        return self.bot.settings_store

    async def interaction_check(self, interaction: Interaction) -> bool:  # type: ignore[override]
        if interaction.guild_id is None or not interaction.permissions.manage_guild:
            raise Refused("Only members with the Manage Server permission can change settings.")
        return True

    @app_commands.command(name="view", description="This server's settings, and which it changed")
    async def view(self, interaction: Interaction) -> None:
        assert interaction.guild_id is not None  # guild_only
        await interaction.response.send_message(
            embed=settings_embed(self._store(), interaction.guild_id),
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
        )

    @app_commands.command(name="set", description="Change one setting in this server")
    @app_commands.describe(name="the setting", value="its new value (start typing for examples)")
    @app_commands.autocomplete(name=setting_names, value=setting_values)
    async def set_(
        self,
        interaction: Interaction,
        name: str,
        value: app_commands.Range[str, 1, MAX_VALUE_CHARS],
    ) -> None:
        assert interaction.guild_id is not None and interaction.guild is not None
        try:
            spec = setting(name)
            if spec.name == "ask-channels":
                self._check_channels(interaction.guild, spec.parse(value)["ask_channels"])
            await interaction.response.defer(ephemeral=True, thinking=True)
            await self._store().set(interaction.guild_id, spec.name, value, interaction.user.id)
        except ValueError as problem:
            raise NothingFound(f"Not changed: {problem}.") from None
        except DatabaseUnavailable:
            raise NothingFound("Not changed: the settings cannot be saved right now.") from None
        log.info("guild %s changed setting %s", interaction.guild_id, spec.name)
        note = f"**{spec.name}** is now {spec.show(self._store().get(interaction.guild_id))}."
        if spec.name == "ask-channels" and not self.bot.serves_ask_channels:
            note += (
                "\nAsk-channels need the message content intent, which this bot's operator has "
                "not switched on: until then, mention me to ask."
            )
        await interaction.followup.send(
            embed=settings_embed(self._store(), interaction.guild_id, note),
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
        )

    @app_commands.command(name="reset", description="Back to the default: one setting, or all")
    @app_commands.describe(name="the setting (leave empty for all of them)")
    @app_commands.autocomplete(name=setting_names)
    async def reset(self, interaction: Interaction, name: str | None = None) -> None:
        assert interaction.guild_id is not None
        try:
            spec = setting(name) if name else None
            await interaction.response.defer(ephemeral=True, thinking=True)
            await self._store().reset(
                interaction.guild_id, spec.name if spec else None, interaction.user.id
            )
        except ValueError as problem:
            raise NothingFound(f"Not changed: {problem}.") from None
        except DatabaseUnavailable:
            raise NothingFound("Not changed: the settings cannot be saved right now.") from None
        what = f"**{spec.name}** is" if spec else "All settings are"
        await interaction.followup.send(
            embed=settings_embed(self._store(), interaction.guild_id, f"{what} back to default."),
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
        )

    @staticmethod
    def _check_channels(guild: discord.Guild, channel_ids: tuple[int, ...]) -> None:
        for channel_id in channel_ids:
            if not isinstance(guild.get_channel(channel_id), discord.TextChannel):
                raise ValueError(f"<#{channel_id}> is not a text channel of this server")


async def setup(bot: VerbatimBot) -> None:
    await bot.add_cog(Settings(bot))
