"""The Emulator: one emulated application, guild and bot session on loopback, with the helpers
tests use to act as Discord users (slash commands, clicks, messages) and to read what the bot
sent."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from aiohttp import web

from . import interactions, payloads
from .gateway import Gateway
from .openapi import OpenApiValidator
from .payloads import ADMINISTRATOR, ALL_PERMISSIONS, EVERYONE_PERMISSIONS, MANAGE_GUILD, Json, User
from .records import EPHEMERAL, Changes, InteractionRecord, RecordedRequest

MANAGE_MESSAGES = payloads.MANAGE_MESSAGES
# Gateway intent bits (https://discord.com/developers/docs/events/gateway#list-of-intents).
GUILD_MESSAGES = 1 << 9
DIRECT_MESSAGES = 1 << 12
MESSAGE_CONTENT = 1 << 15
_MENTION = re.compile(r"<@!?(\d+)>")


class Emulator:
    def __init__(
        self,
        *,
        spec_path: Path,
        token: str = "emulated-bot-token",
        shard_count: int = 1,
        extra_guilds: int = 0,
    ) -> None:
        """``shard_count``: what ``/gateway/bot`` recommends and every IDENTIFY must use;
        ``extra_guilds``: servers besides the main one, each with one text channel and only
        @everyone, whose ids fall on successive shards ((id >> 22) % shards)."""
        self.validator = OpenApiValidator.shared(spec_path)
        self.token = token
        ids = payloads.Snowflakes()
        self._ids = ids
        self.application_id = ids.next()
        self.guild_id = ids.next()
        self.channel_id = ids.next()  # "general"
        self.other_channel_id = ids.next()  # "quotes", a second text channel
        # A server that never invited the bot, where a member uses their own install of it,
        # and a group DM of members.
        self.foreign_guild_id = ids.next()
        self.foreign_channel_id = ids.next()
        self.group_dm_id = ids.next()
        self.shard_count = shard_count
        # Guild j's id has timestamp bits one millisecond after guild j-1's, so the guilds
        # spread over the shards in turn; the low bits keep them apart from other ids.
        base = self.guild_id >> 22
        self.extra_guild_channels: dict[int, int] = {
            ((base + j) << 22) | (0x3FFFFF - j): ids.next() for j in range(1, extra_guilds + 1)
        }
        self.admin_role_id = ids.next()  # ADMINISTRATOR + MANAGE_GUILD
        self.moderator_role_id = ids.next()  # MANAGE_GUILD + MANAGE_MESSAGES, no admin
        self.bot_role_id = ids.next()
        self.bot_user = User(
            ids.next(), "verbatim", bot=True, global_name="Verbatim", role_ids=(self.bot_role_id,)
        )
        self.owner = User(ids.next(), "owner")
        self.admin = User(ids.next(), "admin", role_ids=(self.admin_role_id,))
        self.moderator = User(ids.next(), "moderator", role_ids=(self.moderator_role_id,))
        self.member = User(ids.next(), "member")
        self.other = User(ids.next(), "other")
        self.users: dict[int, User] = {
            u.id: u
            for u in (
                self.bot_user,
                self.owner,
                self.admin,
                self.moderator,
                self.member,
                self.other,
            )
        }
        self.dm_channel_ids: dict[int, int] = {u: ids.next() for u in self.users}
        self._dm_recipients = {c: self.users[u] for u, c in self.dm_channel_ids.items()}
        self.role_permissions: dict[int, int] = {
            self.guild_id: EVERYONE_PERMISSIONS,  # @everyone's role id is the guild's id
            self.admin_role_id: ADMINISTRATOR | MANAGE_GUILD,
            self.moderator_role_id: MANAGE_GUILD | MANAGE_MESSAGES,
            self.bot_role_id: EVERYONE_PERMISSIONS | MANAGE_MESSAGES,
        }

        self.requests: list[RecordedRequest] = []
        self.unknown_routes: list[RecordedRequest] = []  # answered 404: the emulator lacks them
        self.protocol_errors: list[str] = []  # late or double acknowledgements, and the like
        self.messages: dict[int, Json] = {}  # every message, by id, as it stands now
        self.deleted_message_ids: set[int] = set()
        self.bot_messages: list[Json] = []  # POST /channels/{id}/messages, in order
        self._consumed: set[str] = set()
        self.interactions: dict[str, InteractionRecord] = {}  # by token
        self.global_commands: list[Json] = []
        self.guild_commands: dict[int, list[Json]] = {}
        self.sync_count = 0
        # Discord's limit for acknowledging an interaction; later callbacks get 404 10062.
        self.ack_deadline = 3.0
        self.changes = Changes()

        self.gateways: dict[int, Gateway] = {
            shard: Gateway(
                token=token,
                shard=(shard, shard_count),
                ready_payload=self._ready_payload,
                guild_payloads=lambda shard=shard: [  # type: ignore[misc]
                    self.guild_payload(g) for g in self.guild_ids if self.shard_of(g) == shard
                ],
                members_chunk=self._members_chunk,
                on_change=self.changes.notify,
            )
            for shard in range(shard_count)
        }
        self._runner: web.AppRunner | None = None
        self.port = 0

    # --- lifecycle -------------------------------------------------------------------------

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    async def start(self) -> None:
        from .server import build_app

        self._runner = web.AppRunner(build_app(self), shutdown_timeout=0.5, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        sockets = getattr(server, "sockets", None)
        assert sockets
        self.port = int(sockets[0].getsockname()[1])

    @property
    def gateway(self) -> Gateway:
        """Shard 0's session: the only one unless the emulator is sharded; it gets the DMs."""
        return self.gateways[0]

    @property
    def guild_ids(self) -> list[int]:
        return [self.guild_id, *self.extra_guild_channels]

    def shard_of(self, guild_id: int | None) -> int:
        """The shard Discord sends a guild's events to (DMs go to shard 0)."""
        return 0 if guild_id is None else (guild_id >> 22) % self.shard_count

    async def stop(self) -> None:
        for gateway in self.gateways.values():
            await gateway.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    async def wait_until_ready(self, timeout: float = 10) -> None:
        """IDENTIFY received, READY and GUILD_CREATE sent."""
        await self.gateway.wait_connected(timeout)

    @property
    def disallowed_intents(self) -> int:
        """Intent bits not switched on "in the developer portal": an IDENTIFY asking for any
        of them is closed with 4014, as Discord does (e.g. ``emu.disallowed_intents =
        discord.Intents(message_content=True).value``)."""
        return self.gateway.disallowed_intents

    @disallowed_intents.setter
    def disallowed_intents(self, value: int) -> None:
        for gateway in self.gateways.values():
            gateway.disallowed_intents = value

    @property
    def identify_count(self) -> int:
        return sum(gateway.identify_count for gateway in self.gateways.values())

    @property
    def resume_count(self) -> int:
        return sum(gateway.resume_count for gateway in self.gateways.values())

    async def drop_gateway(self) -> None:
        """Cut the bot's websocket abruptly; the bot must RESUME. Dispatches sent meanwhile are
        replayed on RESUME."""
        await self.gateway.drop()

    # --- records ---------------------------------------------------------------------------

    @property
    def invalid_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.errors]

    @property
    def commands(self) -> dict[str, Json]:
        """The synced command set by name: global commands, overridden by guild ones."""
        merged = {c["name"]: c for c in self.global_commands}
        for commands in self.guild_commands.values():
            merged.update({c["name"]: c for c in commands})
        return merged

    def channel_messages(self, channel_id: int | None = None) -> list[Json]:
        """Every non-ephemeral message the bot created in the channel (channel POSTs and
        interaction responses and followups), as it stands now, deleted ones included."""
        wanted = str(channel_id or self.channel_id)
        return [
            m
            for m in self.messages.values()
            if m["channel_id"] == wanted
            and m["author"]["id"] == str(self.bot_user.id)
            and not int(m.get("flags") or 0) & EPHEMERAL
        ]

    async def wait_until(self, check: Callable[[], Any], timeout: float = 5) -> Any:
        """Wait until ``check()`` is truthy; re-checked after every REST request and gateway
        session change (identify, resume, disconnect)."""
        return await self.changes.wait_for(lambda: check() or None, timeout, str(check))

    async def wait_for_bot_message(self, channel_id: int | None = None, timeout: float = 5) -> Json:
        """The next message the bot POSTed to /channels/{id}/messages (in any channel when
        channel_id is None) that no earlier call returned."""

        def next_message() -> Json | None:
            for m in self.bot_messages:
                if m["id"] in self._consumed:
                    continue
                if channel_id is None or m["channel_id"] == str(channel_id):
                    self._consumed.add(m["id"])
                    return self.messages.get(int(m["id"]), m)
            return None

        return await self.changes.wait_for(next_message, timeout, "a message from the bot")

    # --- acting as users -------------------------------------------------------------------

    async def post_message(
        self,
        content: str,
        *,
        author: User | None = None,
        mentions: list[User] | None = None,
        reply_to: Json | int | None = None,
        dm: bool = False,
        channel_id: int | None = None,
    ) -> Json:
        """Dispatch MESSAGE_CREATE for a user's message; mentions default to the users whose
        <@id> appears in the content, plus the replied-to author (a pinging reply)."""
        author = author or self.member
        referenced: Json | None = None
        if reply_to is not None:
            ref_id = reply_to if isinstance(reply_to, int) else int(reply_to["id"])
            referenced = self.messages.get(ref_id) if isinstance(reply_to, int) else reply_to
            if referenced is None:
                raise LookupError(f"no message {ref_id} to reply to")
        if mentions is None:
            ids = [int(i) for i in _MENTION.findall(content)]
            if referenced is not None:
                # A reply pings the replied-to author by default, as Discord's client does.
                ids.append(int(referenced["author"]["id"]))
            mentions = [self.users[i] for i in dict.fromkeys(ids) if i in self.users]
        if dm:
            channel = self.dm_channel_ids[author.id]
            guild_id = None
        else:
            channel = channel_id or self.channel_id
            guild_id = self._guild_of(channel)
        message = payloads.message(
            message_id=self._ids.next(),
            channel_id=channel,
            author=author,
            content=content,
            guild_id=guild_id,
            mentions=[],
            referenced=referenced,
            author_member=payloads.member(author, with_user=False) if guild_id else None,
        )
        message["mentions"] = [self._mention(u, guild_id is not None) for u in mentions]
        message["mention_everyone"] = "@everyone" in content or "@here" in content
        self.messages[int(message["id"])] = message
        gateway = self.gateways[self.shard_of(guild_id)]
        intents = gateway.intents
        if not intents & (DIRECT_MESSAGES if dm else GUILD_MESSAGES):
            return message  # Discord sends MESSAGE_CREATE only to sessions with the intent
        dispatched = message
        mentions_bot = any(u.id == self.bot_user.id for u in mentions)
        if not intents & MESSAGE_CONTENT and not dm and not mentions_bot:
            # Without the privileged message-content intent, Discord blanks what a message
            # says, except in DMs and in messages that mention the app.
            blank = {"content": "", "embeds": [], "attachments": [], "components": []}
            dispatched = {**message, **blank}
        await gateway.dispatch("MESSAGE_CREATE", dispatched)
        return message

    def _mention(self, u: User, in_guild: bool) -> Json:
        mention = payloads.user(u)
        if in_guild:
            mention["member"] = payloads.member(u, with_user=False)
        return mention

    async def slash(
        self,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        subcommand: str | None = None,
        user: User | None = None,
        dm: bool = False,
        channel_id: int | None = None,
        user_install: bool = False,
        guild_id: int | None = None,
    ) -> InteractionRecord:
        """A user runs /name (subcommand "sub" or "group sub") with these option values.
        ``user_install``: through the member's own install of the app, in a server that did
        not invite the bot (or, with ``dm``, in a group DM)."""
        command = self._command(name, kind=1, user=user, dm=dm, user_install=user_install)
        resolved: Json = {}
        data: Json = {
            "id": command["id"],
            "name": name,
            "type": 1,
            "options": interactions.command_options(
                command, options or {}, subcommand=subcommand, resolved=resolved
            ),
        }
        if resolved:
            data["resolved"] = resolved
        self._scope(data, command)
        if guild_id is not None and channel_id is None:
            channel_id = self.extra_guild_channels.get(guild_id, self.channel_id)
        return await self._interact(
            2, data, user=user, dm=dm, channel_id=channel_id, user_install=user_install
        )

    async def autocomplete(
        self,
        name: str,
        options: dict[str, Any],
        *,
        focused: str,
        subcommand: str | None = None,
        user: User | None = None,
        dm: bool = False,
        timeout: float = 5,
    ) -> list[Json]:
        """A user types into option ``focused``; returns the choices the bot offered."""
        record = await self.keystroke(
            name, options, focused=focused, subcommand=subcommand, user=user, dm=dm
        )
        return await record.choices(timeout)

    async def keystroke(
        self,
        name: str,
        options: dict[str, Any],
        *,
        focused: str,
        subcommand: str | None = None,
        user: User | None = None,
        dm: bool = False,
    ) -> InteractionRecord:
        """A user types into option ``focused``; the autocomplete interaction, sent and not
        waited for (a keystroke overtaken by a newer one may go unanswered)."""
        command = self._command(name, kind=1, user=user, dm=dm)
        data: Json = {
            "id": command["id"],
            "name": name,
            "type": 1,
            "options": interactions.command_options(
                command, options, subcommand=subcommand, focused=focused
            ),
        }
        self._scope(data, command)
        return await self._interact(4, data, user=user, dm=dm)

    async def context_menu(
        self,
        name: str,
        *,
        message: Json,
        user: User | None = None,
        dm: bool = False,
        user_install: bool = False,
    ) -> InteractionRecord:
        """A user picks the message command ``name`` on ``message`` (``user_install``: through
        their own install, in a server that did not invite the bot or, with ``dm``, a group DM)."""
        command = self._command(name, kind=3, user=user, dm=dm, user_install=user_install)
        data: Json = {
            "id": command["id"],
            "name": name,
            "type": 3,
            "target_id": message["id"],
            "resolved": {"messages": {message["id"]: message}},
        }
        self._scope(data, command)
        here = None if dm or user_install else int(message["channel_id"])
        return await self._interact(
            2, data, user=user, dm=dm, channel_id=here, user_install=user_install
        )

    async def click(
        self,
        *,
        message: Json,
        custom_id: str,
        user: User | None = None,
        values: list[str] | None = None,
    ) -> InteractionRecord:
        """A user clicks the button ``custom_id`` (or picks ``values`` in a string select) on
        ``message``. As on Discord, the click is on the message as it stands now: LookupError
        when it was deleted, no longer has that component, has it disabled, or is ephemeral
        and ``user`` is not the one who sees it."""
        user = user or self.member
        current = self.messages.get(int(message["id"]), message)
        if int(current["id"]) in self.deleted_message_ids:
            raise LookupError(f"message {current['id']} was deleted")
        component = _find_component(current.get("components") or [], custom_id)
        if component is None:
            raise LookupError(f"message {current['id']} has no component {custom_id!r} now")
        if component.get("disabled"):
            raise LookupError(f"component {custom_id!r} is disabled")
        viewer = (current.get("interaction_metadata") or {}).get("user") or {}
        if int(current.get("flags") or 0) & EPHEMERAL and viewer.get("id") != str(user.id):
            raise LookupError(f"only {viewer.get('username')} sees ephemeral {current['id']}")
        data: Json = {"custom_id": custom_id, "component_type": 2}
        if values is not None:
            data.update(component_type=3, values=values)
        dm = "guild_id" not in current
        return await self._interact(
            3, data, user=user, dm=dm, channel_id=int(current["channel_id"]), message=current
        )

    # --- internals -------------------------------------------------------------------------

    def _command(
        self,
        name: str,
        *,
        kind: int,
        user: User | None = None,
        dm: bool = False,
        user_install: bool = False,
    ) -> Json:
        """The synced command a user could invoke here, as Discord's client would offer it."""
        if user_install:
            return self._user_installed_command(name, kind=kind, group_dm=dm)
        command = self.commands.get(name)
        if dm:
            # Guild commands exist only in their guild; a DM sees the global set alone.
            command = next((c for c in self.global_commands if c["name"] == name), None)
        if command is None or int(command.get("type") or 1) != kind:
            where = "a DM (only global commands exist there)" if dm else "the guild"
            raise LookupError(f"the bot never synced a type-{kind} command {name!r} for {where}")
        contexts = command.get("contexts")
        if dm and (command.get("dm_permission") is False or (contexts and 1 not in contexts)):
            raise LookupError(f"{name!r} is not offered in DMs (contexts {contexts})")
        if not dm and contexts and 0 not in contexts:
            raise LookupError(f"{name!r} is not offered in guilds (contexts {contexts})")
        required = command.get("default_member_permissions")
        if not dm and required is not None:
            have = self.permissions(user or self.member)
            # "0" hides it from everyone but administrators (and the owner).
            if (int(required) == 0 and have != ALL_PERMISSIONS) or (have & int(required)) != int(
                required
            ):
                raise PermissionError(
                    f"Discord would not offer {name!r} (default_member_permissions {required})"
                    f" to {(user or self.member).username}"
                )
        return command

    def _user_installed_command(self, name: str, *, kind: int, group_dm: bool) -> Json:
        """A command offered through a member's own install: only global ones, declared for
        user installs (integration type 1) and for the context (0 a server, 2 a group DM)."""
        command = next(
            (
                c
                for c in self.global_commands
                if c["name"] == name and int(c.get("type") or 1) == kind
            ),
            None,
        )
        if command is None:
            raise LookupError(f"no global type-{kind} command {name!r}: user installs see none")
        if 1 not in (command.get("integration_types") or [0]):
            raise LookupError(f"{name!r} is not declared for user installs")
        context = 2 if group_dm else 0
        if context not in (command.get("contexts") or []):
            raise LookupError(f"{name!r} is not offered in context {context}")
        return command

    @staticmethod
    def _scope(data: Json, command: Json) -> None:
        if command.get("guild_id"):
            data["guild_id"] = command["guild_id"]

    def permissions(self, u: User) -> int:
        if u.id == self.owner.id:
            return ALL_PERMISSIONS
        value = self.role_permissions[self.guild_id]
        for role_id in u.role_ids:
            value |= self.role_permissions[role_id]
        return ALL_PERMISSIONS if value & ADMINISTRATOR else value

    async def _interact(
        self,
        kind: int,
        data: Json | None,
        *,
        user: User | None,
        dm: bool,
        channel_id: int | None = None,
        message: Json | None = None,
        user_install: bool = False,
    ) -> InteractionRecord:
        user = user or self.member
        interaction_id = self._ids.next()
        token = f"itoken-{interaction_id}"
        app_permissions = self.permissions(self.bot_user)
        if user_install and dm:
            channel = payloads.group_dm_channel(self.group_dm_id, [user, self.other])
            guild_id = None
            member = None
        elif user_install:
            channel = payloads.text_channel(
                self.foreign_channel_id, self.foreign_guild_id, "elsewhere", 0
            )
            guild_id = self.foreign_guild_id
            member = payloads.member(user, permissions=EVERYONE_PERMISSIONS)
            app_permissions = EVERYONE_PERMISSIONS  # what an app without a bot user may do
        elif dm:
            channel = payloads.dm_channel(self.dm_channel_ids[user.id], user)
            guild_id = None
            member = None
        else:
            channel = self.channel_payload(channel_id or self.channel_id)
            guild_id = self._guild_of(int(channel["id"]))
            permissions = (
                self.permissions(user) if guild_id == self.guild_id else EVERYONE_PERMISSIONS
            )
            member = payloads.member(user, permissions=permissions)
        payload = interactions.interaction(
            interaction_id=interaction_id,
            application_id=self.application_id,
            token=token,
            kind=kind,
            data=data,
            user=user,
            member=member,
            channel=channel,
            guild_id=guild_id,
            app_permissions=app_permissions,
            message=message,
            user_install=user_install,
        )
        record = InteractionRecord(id=interaction_id, token=token, type=kind, payload=payload)
        self.interactions[token] = record
        record.dispatched_at = time.monotonic()
        event = await self.gateways[self.shard_of(guild_id)].dispatch("INTERACTION_CREATE", payload)
        # Measured from when the frame went out (or was queued for replay while disconnected).
        record.dispatched_at = event.at
        return record

    def new_id(self) -> int:
        return self._ids.next()

    def _guild_of(self, channel_id: int) -> int:
        for guild_id, channel in self.extra_guild_channels.items():
            if channel == channel_id:
                return guild_id
        return self.guild_id

    def channel_payload(self, channel_id: int) -> Json:
        for guild_id, channel in self.extra_guild_channels.items():
            if channel == channel_id:
                return payloads.text_channel(channel_id, guild_id, "general", 0)
        if channel_id == self.channel_id:
            return payloads.text_channel(channel_id, self.guild_id, "general", 0)
        if channel_id == self.other_channel_id:
            return payloads.text_channel(channel_id, self.guild_id, "quotes", 1)
        recipient = self._dm_recipients.get(channel_id)
        if recipient is not None:
            return payloads.dm_channel(channel_id, recipient)
        raise LookupError(f"no channel {channel_id}")

    def guild_payload(self, guild_id: int | None = None) -> Json:
        if guild_id is not None and guild_id != self.guild_id:
            everyone = payloads.role(guild_id, "@everyone", EVERYONE_PERMISSIONS, 0)
            return payloads.guild_create(
                guild_id=guild_id,
                owner=self.owner,
                roles=[everyone],
                channels=[self.channel_payload(self.extra_guild_channels[guild_id])],
                members=[payloads.member(u) for u in self.users.values()],
            )
        roles = [
            payloads.role(self.guild_id, "@everyone", self.role_permissions[self.guild_id], 0),
            payloads.role(
                self.admin_role_id, "Admin", self.role_permissions[self.admin_role_id], 3
            ),
            payloads.role(
                self.moderator_role_id,
                "Moderator",
                self.role_permissions[self.moderator_role_id],
                2,
            ),
            payloads.role(self.bot_role_id, "Verbatim", self.role_permissions[self.bot_role_id], 1),
        ]
        return payloads.guild_create(
            guild_id=self.guild_id,
            owner=self.owner,
            roles=roles,
            channels=[
                self.channel_payload(self.channel_id),
                self.channel_payload(self.other_channel_id),
            ],
            members=[payloads.member(u) for u in self.users.values()],
        )

    def _ready_payload(self, session_id: str, shard: list[int] | None) -> Json:
        ready: Json = {
            "v": 10,
            "user": {**payloads.user(self.bot_user), "verified": True, "mfa_enabled": False},
            "guilds": [
                {"id": str(g), "unavailable": True}
                for g in self.guild_ids
                if self.shard_of(g) == (shard[0] if shard else 0)
            ],
            "session_id": session_id,
            "session_type": "normal",
            "resume_gateway_url": f"ws://127.0.0.1:{self.port}/gateway",
            "application": {"id": str(self.application_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "geo_ordered_rtc_regions": [],
            "guild_join_requests": [],
            "user_settings": {},
            "_trace": ["verbatim-emulator"],
        }
        if shard is not None:
            ready["shard"] = shard
        return ready

    def _members_chunk(self, request: Json) -> Json | None:
        if str(request.get("guild_id")) != str(self.guild_id):
            return None
        return {
            "guild_id": str(self.guild_id),
            "members": [payloads.member(u) for u in self.users.values()],
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [],
            "nonce": request.get("nonce"),
        }


def _find_component(components: list[Json], custom_id: str) -> Json | None:
    for component in components:
        if component.get("custom_id") == custom_id:
            return component
        found = _find_component(component.get("components") or [], custom_id)
        if found is not None:
            return found
        accessory = component.get("accessory")
        if isinstance(accessory, dict) and accessory.get("custom_id") == custom_id:
            return accessory
    return None
