"""VerbatimBot: the discord.py client, its cogs, command sync, shared cooldowns and budget."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import discord
import yarl
from discord import app_commands
from discord.ext import commands

from retrieval.cache import default_cache_dir

from .budget import Budget
from .database import database_url
from .interaction import GUILD_AND_DM, GUILD_INSTALL, Interaction
from .library import Library
from .logs import hide_in_logs
from .server_settings import ServerSettings, SettingsStore
from .settings import Settings

log = logging.getLogger(__name__)

EXTENSIONS = (
    "bot.cogs.errors",
    "bot.cogs.ask",
    "bot.cogs.quotes",
    "bot.cogs.browse",
    "bot.cogs.admin",
    "bot.cogs.conversation",
    "bot.cogs.settings",
    "bot.cogs.help",
)

# What the bot needs in a channel, asked for in its invite URL (the README shows the same
# integer, and a test keeps them equal).
INVITE_PERMISSIONS = discord.Permissions(
    send_messages=True,
    send_messages_in_threads=True,
    embed_links=True,
    read_message_history=True,
)
INVITE_SCOPES = ("bot", "applications.commands")

CooldownKey = tuple[int | None, int]
T = TypeVar("T")


def configure_endpoints(settings: Settings) -> None:
    """Point discord.py at a REST and gateway proxy (or the tests' emulator) before start.

    ``Route.BASE`` is read whenever a request is built; ``DEFAULT_GATEWAY`` is where a client
    connects when it does not ask ``/gateway/bot``.
    """
    if settings.discord_api_base:
        discord.http.Route.BASE = settings.discord_api_base.rstrip("/")
    if settings.discord_gateway_url:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.discord_gateway_url)


def invite_url(application_id: int) -> str:
    """The URL that adds this application to a server, with its commands and permissions."""
    return discord.utils.oauth_url(
        application_id, permissions=INVITE_PERMISSIONS, scopes=INVITE_SCOPES
    )


def user_install_url(application_id: int) -> str:
    """The URL that adds the commands to a member's own account (integration type 1: a user
    install), to use them where the bot was not invited; no bot user, no permissions."""
    url = discord.utils.oauth_url(application_id, scopes=("applications.commands",))
    return f"{url}&integration_type=1"


def default_intents(message_content: bool) -> discord.Intents:
    """No privileged intents, except message content when ask-channels need it."""
    intents = discord.Intents.default()
    intents.members = False
    intents.presences = False
    intents.message_content = message_content
    return intents


class Cooldowns:
    """Per-(guild, user) rate limits shared by slash commands and mention questions; each
    server's rate is its own (``/settings cooldown``), read when a question arrives."""

    def __init__(self, limit: Callable[[int | None], ServerSettings]) -> None:
        self._limit = limit
        # One mapping per distinct (rate, window): a server changing its cooldown starts afresh.
        self._mappings: dict[tuple[int, float], commands.CooldownMapping[CooldownKey]] = {}
        self._notices: dict[float, commands.CooldownMapping[CooldownKey]] = {}

    def _window(self, guild_id: int | None) -> tuple[int, float]:
        settings = self._limit(guild_id)
        return settings.cooldown_rate, settings.cooldown_per

    def hit(self, guild_id: int | None, user_id: int) -> float | None:
        """Count one question; the seconds left when over the limit, else ``None``."""
        rate, per = self._window(guild_id)
        mapping = self._mappings.get((rate, per))
        if mapping is None:
            mapping = commands.CooldownMapping.from_cooldown(rate, per, lambda key: key)
            self._mappings[(rate, per)] = mapping
        return mapping.update_rate_limit((guild_id, user_id))

    def notice_due(self, guild_id: int | None, user_id: int) -> bool:
        """Whether an asker over the limit is told so now: once per window, not once per
        message, since a notice in a channel is public and a flood of questions would
        otherwise be answered by a flood of notices."""
        _rate, per = self._window(guild_id)
        mapping = self._notices.get(per)
        if mapping is None:
            mapping = commands.CooldownMapping.from_cooldown(1, per, lambda key: key)
            self._notices[per] = mapping
        return mapping.update_rate_limit((guild_id, user_id)) is None

    def check(self, interaction: Interaction) -> None:
        retry_after = self.hit(interaction.guild_id, interaction.user.id)
        if retry_after is not None:
            rate, per = self._window(interaction.guild_id)
            raise app_commands.CommandOnCooldown(app_commands.Cooldown(rate, per), retry_after)


def cooldown() -> Callable[[T], T]:
    """An app command check drawing on the bot's shared :class:`Cooldowns`."""

    async def predicate(interaction: Interaction) -> bool:
        interaction.client.cooldowns.check(interaction)
        return True

    return app_commands.check(predicate)


class VerbatimTree(app_commands.CommandTree["VerbatimBot"]):
    """The bot's command tree: a keystroke overtaken by a newer one of the same member is
    dropped unanswered (:meth:`Budget.overtaken`); everything else goes on."""

    async def interaction_check(self, interaction: Interaction, /) -> bool:
        if interaction.type is not discord.InteractionType.autocomplete:
            return True
        return not await interaction.client.budget.overtaken(interaction.user.id)


class VerbatimBot(commands.AutoShardedBot):
    """The Verbatim Discord bot: slash commands, buttons and questions in messages."""

    # Set once logged in, before any event or interaction reaches a cog (as in discord.py's
    # examples/app_commands/basic.py), so readers need no ``assert bot.user is not None``.
    user: discord.ClientUser

    def __init__(
        self,
        settings: Settings,
        *,
        library: Library | None = None,
        view_timeout: float = 600.0,
        guild_ready_timeout: float = 2.0,
        message_content: bool | None = None,
        log_invite: bool = True,
    ) -> None:
        if message_content is None:
            message_content = settings.wants_message_content()
        # No voice here: discord.py's warnings that PyNaCl and davey are missing would only
        # puzzle whoever reads the start-up log. (Client.__init__ reads them, so set here.)
        discord.VoiceClient.warn_nacl = False
        discord.VoiceClient.warn_dave = False
        # A cluster's process runs its own range of shards; unset, Discord's recommended count,
        # all in this process.
        sharding: dict[str, Any] = {}
        if settings.shard_count is not None:
            sharding["shard_count"] = settings.shard_count
        if settings.shard_ids:
            sharding["shard_ids"] = list(settings.shard_ids)
        super().__init__(
            **sharding,
            command_prefix=commands.when_mentioned,
            help_command=None,
            intents=default_intents(message_content),
            allowed_mentions=discord.AllowedMentions.none(),
            # Commands are for servers that invited the bot and its DMs unless declared
            # `anywhere()` (bot/interaction.py): those work through a member's own install too.
            allowed_installs=GUILD_INSTALL,
            allowed_contexts=GUILD_AND_DM,
            chunk_guilds_at_startup=False,
            guild_ready_timeout=guild_ready_timeout,
            max_messages=1000,
            tree_cls=VerbatimTree,
        )
        self.settings = settings
        self.library = library or Library(settings.corpus, settings.cache_dir)
        self.cooldowns = Cooldowns(self.server_settings)
        self.budget = Budget()
        self.view_timeout = view_timeout
        self.log_invite = log_invite
        # Ask-channels are only served when Discord grants the message content intent.
        self.serves_ask_channels = message_content
        self.settings_store: SettingsStore | None = None
        if settings.discord_gateway_url:
            self._use_configured_gateway(settings.discord_gateway_url)

    def _use_configured_gateway(self, url: str) -> None:
        # A sharded client asks /gateway/bot where to connect; behind a gateway proxy the
        # answer must be the proxy, whatever the REST side says.
        original = self.http.get_bot_gateway

        async def get_bot_gateway() -> Any:
            shards, _url, limits = await original()
            return shards, url, limits

        self.http.get_bot_gateway = get_bot_gateway  # type: ignore[method-assign]

    async def login(self, token: str) -> None:
        # Every way of starting the bot logs in with the token here: from now on no log
        # record can show it, at any level.
        hide_in_logs(token)
        await super().login(token)

    def server_settings(self, guild_id: int | None) -> ServerSettings:
        """A server's settings (the environment's defaults before the database is open)."""
        if self.settings_store is None:
            return self.settings.server_defaults()
        return self.settings_store.get(guild_id)

    def ask_channels(self, guild_id: int | None) -> tuple[int, ...]:
        """The server's ask-channels, when the message content intent lets them be served."""
        return self.server_settings(guild_id).ask_channels if self.serves_ask_channels else ()

    async def open_settings(self) -> None:
        """Open the settings database (a :class:`DatabaseUnavailable` line when it cannot be)."""
        if self.settings_store is None:
            url = database_url(self.settings.database(), self.settings.data_dir)
            self.settings_store = await SettingsStore.open(url, self.settings.server_defaults())
            self.settings_store.start_polling()

    async def close(self) -> None:
        await super().close()
        if self.settings_store is not None:
            await self.settings_store.close()
            self.settings_store = None

    async def setup_hook(self) -> None:
        # Logged in: the application id is known, so the invite URL can be given.
        if self.log_invite and self.application_id is not None:
            log.info("invite the bot to a server with %s", invite_url(self.application_id))
            log.info(
                "members can add its commands to their own account with %s",
                user_install_url(self.application_id),
            )
        await self.open_settings()
        if not self.library.loaded:
            await self.library.load()
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        await self.sync_commands()

    async def on_ready(self) -> None:
        log.info(
            "connected as %s (%s) to %d guilds, %s shards",
            self.user,
            self.user.id,
            len(self.guilds),
            self.shard_count,
        )

    async def on_message(self, message: discord.Message, /) -> None:
        # No prefix commands: questions in messages are handled by the conversation cog.
        return

    # Command sync

    def command_payload(self) -> list[dict[str, Any]]:
        return [command.to_dict(self.tree) for command in self.tree.get_commands()]

    def command_hash(self) -> str:
        payload = json.dumps(self.command_payload(), sort_keys=True, default=str)
        return hashlib.sha256(payload.encode()).hexdigest()

    def _hash_file(self) -> Path:
        folder = default_cache_dir(self.settings.cache_dir)
        return folder / "discord" / f"commands-{self.application_id}.sha256"

    async def sync_commands(self) -> bool:
        """Guild sync to the configured guilds, else a global sync only when the commands changed.

        Returns whether anything was sent to Discord.
        """
        if self.settings.guild_ids:
            for guild_id in self.settings.guild_ids:
                guild = discord.Object(guild_id)
                self.tree.copy_global_to(guild=guild)
                synced = await self.tree.sync(guild=guild)
                log.info("synced %d commands to guild %s", len(synced), guild_id)
            return True
        digest = self.command_hash()
        stored = self._hash_file()
        try:
            previous = stored.read_text().strip()
        except OSError:
            previous = None
        if previous == digest:
            log.info("global commands unchanged; not syncing")
            return False
        synced = await self.tree.sync()
        log.info("synced %d global commands", len(synced))
        try:
            stored.parent.mkdir(parents=True, exist_ok=True)
            stored.write_text(digest + "\n")
        except OSError as error:
            log.warning("could not remember the synced command set: %s", error)
        return True
