"""Builders for the JSON objects Discord sends: users, the guild, channels, members, messages,
interactions. Complete enough that discord.py 2.7.1 parses them without KeyErrors."""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

DISCORD_EPOCH_MS = 1_420_070_400_000

# Permission bits (https://discord.com/developers/docs/topics/permissions).
ADMINISTRATOR = 1 << 3
MANAGE_GUILD = 1 << 5
MANAGE_MESSAGES = 1 << 13
# What @everyone may do in the emulated guild: view, send, embed, attach, read history,
# mention, use external emoji, add reactions, use application commands.
EVERYONE_PERMISSIONS = (
    (1 << 10) | (1 << 11) | (1 << 14) | (1 << 15) | (1 << 16) | (1 << 18) | (1 << 6) | (1 << 31)
)
ALL_PERMISSIONS = (1 << 53) - 1

Json = dict[str, Any]


class Snowflakes:
    """Real, time-based snowflakes: discord.py derives created_at (and expiry) from them."""

    def __init__(self) -> None:
        self._counter = itertools.count()

    def next(self) -> int:
        ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        return (ms << 22) | (next(self._counter) & 0x3FFFFF)


@dataclass(frozen=True)
class User:
    id: int
    username: str
    bot: bool = False
    global_name: str | None = None
    role_ids: tuple[int, ...] = field(default=())

    @property
    def mention(self) -> str:
        return f"<@{self.id}>"


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


def user(u: User) -> Json:
    payload: Json = {
        "id": str(u.id),
        "username": u.username,
        "discriminator": "0",
        "global_name": u.global_name or u.username.title(),
        "avatar": None,
        "public_flags": 0,
        "flags": 0,
    }
    if u.bot:
        payload["bot"] = True
    return payload


def role(role_id: int, name: str, permissions: int, position: int) -> Json:
    return {
        "id": str(role_id),
        "name": name,
        "color": 0,
        "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
        "hoist": False,
        "icon": None,
        "unicode_emoji": None,
        "position": position,
        "permissions": str(permissions),
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }


def member(u: User, *, permissions: int | None = None, with_user: bool = True) -> Json:
    payload: Json = {
        "roles": [str(r) for r in u.role_ids],
        "joined_at": "2024-01-01T00:00:00+00:00",
        "deaf": False,
        "mute": False,
        "nick": None,
        "avatar": None,
        "banner": None,
        "flags": 0,
        "pending": False,
        "premium_since": None,
        "communication_disabled_until": None,
    }
    if with_user:
        payload["user"] = user(u)
    if permissions is not None:
        payload["permissions"] = str(permissions)
    return payload


def text_channel(channel_id: int, guild_id: int, name: str, position: int) -> Json:
    return {
        "id": str(channel_id),
        "type": 0,
        "guild_id": str(guild_id),
        "name": name,
        "position": position,
        "permission_overwrites": [],
        "nsfw": False,
        "topic": None,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "parent_id": None,
        "flags": 0,
    }


def group_dm_channel(channel_id: int, recipients: list[User]) -> Json:
    return {
        "id": str(channel_id),
        "type": 3,
        "last_message_id": None,
        "recipients": [user(u) for u in recipients],
        "name": None,
        "icon": None,
        "owner_id": str(recipients[0].id),
        "flags": 0,
    }


def dm_channel(channel_id: int, recipient: User) -> Json:
    return {
        "id": str(channel_id),
        "type": 1,
        "last_message_id": None,
        "recipients": [user(recipient)],
        "flags": 0,
    }


def guild_create(
    *,
    guild_id: int,
    owner: User,
    roles: list[Json],
    channels: list[Json],
    members: list[Json],
) -> Json:
    return {
        "id": str(guild_id),
        "name": "Emulated Guild",
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "banner": None,
        "description": None,
        "owner_id": str(owner.id),
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "mfa_level": 0,
        "nsfw_level": 0,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "preferred_locale": "en-US",
        "system_channel_id": None,
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "public_updates_channel_id": None,
        "vanity_url_code": None,
        "features": [],
        "emojis": [],
        "stickers": [],
        "roles": roles,
        "channels": channels,
        "threads": [],
        "members": members,
        "member_count": len(members),
        "presences": [],
        "voice_states": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
        "large": False,
        "unavailable": False,
        "lazy": True,
        "joined_at": "2024-01-01T00:00:00+00:00",
        "max_members": 500000,
        "premium_progress_bar_enabled": False,
    }


def message(
    *,
    message_id: int,
    channel_id: int,
    author: User,
    content: str = "",
    guild_id: int | None = None,
    mentions: list[User] | None = None,
    embeds: list[Json] | None = None,
    components: list[Json] | None = None,
    flags: int = 0,
    referenced: Json | None = None,
    author_member: Json | None = None,
    extra: Json | None = None,
) -> Json:
    payload: Json = {
        "id": str(message_id),
        "channel_id": str(channel_id),
        "author": user(author),
        "content": content,
        "timestamp": now_iso(),
        "edited_timestamp": None,
        "type": 19 if referenced is not None else 0,
        "flags": flags,
        "tts": False,
        "mention_everyone": False,
        "mentions": [user(m) for m in mentions or []],
        "mention_roles": [],
        "attachments": [],
        "embeds": embeds or [],
        "components": components or [],
        "pinned": False,
    }
    if guild_id is not None:
        payload["guild_id"] = str(guild_id)
        if author_member is not None:
            payload["member"] = author_member
    if referenced is not None:
        payload["message_reference"] = {
            "type": 0,
            "message_id": referenced["id"],
            "channel_id": referenced["channel_id"],
            **({"guild_id": referenced["guild_id"]} if "guild_id" in referenced else {}),
        }
        payload["referenced_message"] = referenced
    if extra:
        payload.update(extra)
    return payload
