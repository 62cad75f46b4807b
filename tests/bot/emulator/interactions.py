"""INTERACTION_CREATE payloads built from the command set the bot synced, so option types and
subcommand nesting are exactly what Discord would send for that definition."""

from __future__ import annotations

from typing import Any

from . import payloads
from .payloads import Json, User

SUB_COMMAND = 1
SUB_COMMAND_GROUP = 2
STRING, INTEGER, BOOLEAN, USER, CHANNEL, ROLE, MENTIONABLE, NUMBER = 3, 4, 5, 6, 7, 8, 9, 10


def command_options(
    command: Json | None,
    values: dict[str, Any],
    *,
    subcommand: str | None = None,
    focused: str | None = None,
    resolved: Json | None = None,
) -> list[Json]:
    """The ``data.options`` tree for ``values``; ``subcommand`` is "sub" or "group sub"."""
    definitions: list[Json] = list((command or {}).get("options") or [])
    path = subcommand.split() if subcommand else []
    wrappers: list[tuple[int, str]] = []
    for name in path:
        found = _find(definitions, name)
        if command is not None and found is None:
            raise LookupError(f"{command['name']!r} has no subcommand or group {name!r}")
        kind = (
            int(found["type"])
            if found
            else (SUB_COMMAND if name == path[-1] else SUB_COMMAND_GROUP)
        )
        if kind not in (SUB_COMMAND, SUB_COMMAND_GROUP):
            raise LookupError(f"{name!r} is an option, not a subcommand")
        wrappers.append((kind, name))
        definitions = list((found or {}).get("options") or [])
    leaves = [
        _leaf(name, value, _find(definitions, name), focused == name, resolved)
        for name, value in values.items()
    ]
    if command is not None:
        known = {d["name"] for d in definitions}
        unknown = [name for name in values if name not in known]
        if unknown:
            raise LookupError(f"{command['name']!r} {subcommand or ''} has no options {unknown}")
    tree = leaves
    for kind, name in reversed(wrappers):
        tree = [{"type": kind, "name": name, "options": tree}]
    return tree


def _find(definitions: list[Json], name: str) -> Json | None:
    return next((d for d in definitions if d.get("name") == name), None)


def _leaf(
    name: str, value: Any, definition: Json | None, focused: bool, resolved: Json | None
) -> Json:
    kind = int(definition["type"]) if definition else _infer_type(value)
    if isinstance(value, User):
        if resolved is not None:
            resolved.setdefault("users", {})[str(value.id)] = payloads.user(value)
        value = str(value.id)
    option: Json = {"type": kind, "name": name, "value": value}
    if focused:
        option["focused"] = True
    return option


def _infer_type(value: Any) -> int:
    if isinstance(value, bool):
        return BOOLEAN
    if isinstance(value, int):
        return INTEGER
    if isinstance(value, float):
        return NUMBER
    if isinstance(value, User):
        return USER
    return STRING


def interaction(
    *,
    interaction_id: int,
    application_id: int,
    token: str,
    kind: int,
    data: Json | None,
    user: User,
    member: Json | None,
    channel: Json,
    guild_id: int | None,
    app_permissions: int,
    message: Json | None = None,
    user_install: bool = False,
) -> Json:
    """An INTERACTION_CREATE payload. ``user_install``: the command came through the member's
    own install of the app (context 0 in a server that did not invite the bot, 2 in a group
    DM), so the member's id, not the guild's, authorises it."""
    payload: Json = {
        "id": str(interaction_id),
        "application_id": str(application_id),
        "type": kind,
        "token": token,
        "version": 1,
        "locale": "en-US",
        "app_permissions": str(app_permissions),
        "entitlements": [],
        "entitlement_sku_ids": [],
        "attachment_size_limit": 26_214_400,
        "channel": channel,
        "channel_id": channel["id"],
    }
    if data is not None:
        payload["data"] = data
    if guild_id is not None:
        payload.update(
            guild_id=str(guild_id),
            guild={"id": str(guild_id), "locale": "en-US", "features": []},
            guild_locale="en-US",
            member=member,
            context=0,  # GUILD
            authorizing_integration_owners=(
                {"1": str(user.id)} if user_install else {"0": str(guild_id)}
            ),
        )
    elif user_install:
        payload.update(
            user=payloads.user(user),
            context=2,  # PRIVATE_CHANNEL: a group DM or a DM between members
            authorizing_integration_owners={"1": str(user.id)},
        )
    else:
        payload.update(
            user=payloads.user(user),
            context=1,  # BOT_DM
            authorizing_integration_owners={"0": "0"},
        )
    if message is not None:
        payload["message"] = message
    return payload
