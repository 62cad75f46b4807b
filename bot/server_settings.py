"""Per-server settings: what a server's moderators change with ``/settings``, over the defaults
the operator set in the environment.

Each setting is described once, in :data:`SETTINGS` (its name, what it does, how a typed
value is read and shown); the ``/settings`` commands, their autocomplete and the database all
go through it. Reads are from memory (:meth:`SettingsStore.get` is a dict lookup, on the answer
path); writes go to the database and every process polls it for the changes of the others.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from .database import DatabaseUnavailable, open_database

__all__ = [
    "PER_PAGE",
    "POLL_SECONDS",
    "SETTINGS",
    "CooldownRate",
    "CooldownWindow",
    "PerPage",
    "ServerSettings",
    "SettingSpec",
    "SettingsStore",
]

log = logging.getLogger(__name__)

# How often a process looks for changes made by the others: a moderator's change reaches every
# process within this, at the cost of one indexed query per process per second.
POLL_SECONDS = 1.0
MAX_ASK_CHANNELS = 25

# The bounds of each setting, shared by the environment's defaults (bot/settings.py) and what
# moderators set: four embeds of about 1,000 characters fit one message comfortably; ten is
# Discord's limit of embeds per message.
PerPage = Annotated[int, Field(ge=1, le=10)]
CooldownRate = Annotated[int, Field(ge=1, le=1000)]
CooldownWindow = Annotated[float, Field(ge=1, le=3600)]
PER_PAGE = 4
COOLDOWN_RATE = 5
COOLDOWN_PER = 60.0


class ServerSettings(BaseModel):
    """One server's settings (the environment's defaults where it changed nothing)."""

    model_config = ConfigDict(frozen=True)

    ask_channels: tuple[int, ...] = Field(
        default=(), max_length=MAX_ASK_CHANNELS, description="channels where questions are answered"
    )
    private: bool = Field(default=False, description="answers visible to the asker only")
    per_page: PerPage = Field(default=PER_PAGE, description="hits on one page of an answer")
    cooldown_rate: CooldownRate = Field(default=COOLDOWN_RATE, description="questions per window")
    cooldown_per: CooldownWindow = Field(default=COOLDOWN_PER, description="window, in seconds")


@dataclass(frozen=True)
class SettingSpec:
    """A setting as moderators see it: a name, a sentence, and how its value is typed."""

    name: str  # as typed in /settings: "ask-channels"
    fields: tuple[str, ...]  # the ServerSettings fields it sets
    help: str
    parse: Callable[[str], dict[str, Any]]  # typed text -> field values; ValueError if not
    show: Callable[[ServerSettings], str]
    examples: tuple[str, ...]


_CHANNEL = re.compile(r"<#(\d{1,20})>|(\d{15,20})")
_WORDS_ON = {"on", "yes", "true", "private", "hidden"}
_WORDS_OFF = {"off", "no", "false", "public", "visible"}


def _channels(typed: str) -> dict[str, Any]:
    if typed.strip().lower() in {"none", "off", "-"}:
        return {"ask_channels": ()}
    found = [int(m.group(1) or m.group(2)) for m in _CHANNEL.finditer(typed[:2000])]
    leftover = _CHANNEL.sub(" ", typed[:2000]).replace(",", " ").strip()
    if not found or leftover:
        raise ValueError("name channels as #channel (or their ids), or 'none'")
    return {"ask_channels": tuple(dict.fromkeys(found))}


def _visibility(typed: str) -> dict[str, Any]:
    word = typed.strip().lower()
    if word in _WORDS_ON:
        return {"private": True}
    if word in _WORDS_OFF:
        return {"private": False}
    raise ValueError("answers are 'public' or 'private'")


def _per_page(typed: str) -> dict[str, Any]:
    try:
        return {"per_page": int(typed.strip())}
    except ValueError:
        raise ValueError("a number of hits, 1 to 10") from None


_COOLDOWN = re.compile(r"\s*(\d{1,4})\s*(?:/|per|every|a|in)\s*(\d{1,4})\s*s?\w*\s*")


def _cooldown(typed: str) -> dict[str, Any]:
    match = _COOLDOWN.fullmatch(typed[:100])
    if not match:
        raise ValueError("questions per seconds, like 5/60")
    return {"cooldown_rate": int(match.group(1)), "cooldown_per": float(match.group(2))}


SETTINGS: dict[str, SettingSpec] = {
    spec.name: spec
    for spec in (
        SettingSpec(
            "ask-channels",
            ("ask_channels",),
            "channels where any message ending in '?' is answered (mentions work everywhere)",
            _channels,
            lambda s: " ".join(f"<#{c}>" for c in s.ask_channels) or "none",
            ("none",),
        ),
        SettingSpec(
            "visibility",
            ("private",),
            "whether /ask answers are shown to everyone or to the asker only, by default",
            _visibility,
            lambda s: "private" if s.private else "public",
            ("public", "private"),
        ),
        SettingSpec(
            "hits-per-page",
            ("per_page",),
            "how many quotes one page of an answer shows (1 to 10)",
            _per_page,
            lambda s: str(s.per_page),
            ("3", "4", "5", "8"),
        ),
        SettingSpec(
            "cooldown",
            ("cooldown_rate", "cooldown_per"),
            "how many questions a member may ask per window, like 5/60 (5 per 60 s)",
            _cooldown,
            lambda s: f"{s.cooldown_rate}/{s.cooldown_per:g}",
            ("3/60", "5/60", "10/60"),
        ),
    )
}


def setting(name: str) -> SettingSpec:
    """The setting called ``name``; ValueError listing the names when there is none."""
    spec = SETTINGS.get(name.strip().lower())
    if spec is None:
        raise ValueError(f"there is no setting called that; the settings are {', '.join(SETTINGS)}")
    return spec


class SettingsStore:
    """Every server's settings, in memory, kept in step with the database."""

    def __init__(self, engine: AsyncEngine, defaults: ServerSettings) -> None:
        self.engine = engine
        self.defaults = defaults
        self._overrides: dict[int, dict[str, Any]] = {}
        self._merged: dict[int, ServerSettings] = {}
        self._seen = -1  # the last revision applied; -1: nothing read yet
        self._reachable = True
        self._poller: asyncio.Task[None] | None = None

    @classmethod
    async def open(cls, url: str, defaults: ServerSettings) -> SettingsStore:
        """Open (and migrate) the database and read every server's settings."""
        store = cls(await open_database(url), defaults)
        try:
            await store.refresh()
        except DBAPIError as error:
            await store.engine.dispose()
            raise DatabaseUnavailable(f"cannot read the settings: {error.orig}") from None
        return store

    # Reading: from memory, on the answer path.

    def get(self, guild_id: int | None) -> ServerSettings:
        """A server's settings; the defaults outside servers (DMs) and where nothing was set."""
        if guild_id is None:
            return self.defaults
        return self._merged.get(guild_id, self.defaults)

    def changed(self, guild_id: int) -> set[str]:
        """The names of the settings a server changed (the others are the defaults)."""
        fields = self._overrides.get(guild_id, {})
        return {spec.name for spec in SETTINGS.values() if set(spec.fields) & set(fields)}

    # Writing: to the database first, then to memory.

    async def set(self, guild_id: int, name: str, typed: str, by: int) -> ServerSettings:
        """Set a setting from what a moderator typed; ValueError (a sentence) when it is not a
        valid value, :class:`DatabaseUnavailable` when it cannot be saved."""
        spec = setting(name)
        values = spec.parse(typed)
        try:
            merged = self.get(guild_id).model_copy(update=values)
            ServerSettings.model_validate(merged.model_dump())
        except ValidationError as error:
            raise ValueError(_first_problem(error)) from None
        await self._write(guild_id, values, by)
        return self.get(guild_id)

    async def reset(self, guild_id: int, name: str | None, by: int) -> ServerSettings:
        """Back to the defaults: one setting, or all of them."""
        specs = [setting(name)] if name else list(SETTINGS.values())
        await self._write(guild_id, {f: None for spec in specs for f in spec.fields}, by)
        return self.get(guild_id)

    async def _write(self, guild_id: int, values: dict[str, Any], by: int) -> None:
        changed_at = datetime.now(UTC).isoformat(timespec="seconds")
        try:
            async with self.engine.begin() as connection:
                # One counter row: its lock orders concurrent writers, so revisions commit in
                # the order they were taken and a poller never skips one.
                revision = (
                    await connection.execute(
                        text(
                            "UPDATE setting_revision SET value = value + 1 WHERE id = 1 "
                            "RETURNING value"
                        )
                    )
                ).scalar_one()
                for field, value in values.items():
                    await connection.execute(
                        text(
                            "INSERT INTO guild_setting "
                            "(guild_id, name, value, revision, changed_by, changed_at) "
                            "VALUES (:guild_id, :name, :value, :revision, :by, :at) "
                            "ON CONFLICT (guild_id, name) DO UPDATE SET value = excluded.value, "
                            "revision = excluded.revision, changed_by = excluded.changed_by, "
                            "changed_at = excluded.changed_at"
                        ),
                        {
                            "guild_id": guild_id,
                            "name": field,
                            # JSON null: back to the default (a reset is a change to see too).
                            "value": json.dumps(value),
                            "revision": revision,
                            "by": by,
                            "at": changed_at,
                        },
                    )
        except (DBAPIError, OSError) as error:
            self._unreachable(error)
            raise DatabaseUnavailable("the settings database cannot be reached") from None
        for field, value in values.items():
            self._apply(guild_id, field, json.dumps(value))

    # Keeping in step with the other processes.

    async def refresh(self) -> int:
        """Apply the changes saved since the last refresh (all of them the first time)."""
        async with self.engine.connect() as connection:
            rows = (
                await connection.execute(
                    text(
                        "SELECT guild_id, name, value, revision FROM guild_setting "
                        "WHERE revision > :seen ORDER BY revision"
                    ),
                    {"seen": self._seen},
                )
            ).all()
        for guild_id, field, value, revision in rows:
            self._apply(int(guild_id), str(field), str(value))
            self._seen = max(self._seen, int(revision))
        self._seen = max(self._seen, 0)
        self._reachable_again()
        return len(rows)

    def start_polling(self, every: float = POLL_SECONDS) -> None:
        if self._poller is None:
            self._poller = asyncio.create_task(self._poll(every), name="settings-poller")

    async def _poll(self, every: float) -> None:
        while True:
            await asyncio.sleep(every)
            try:
                await self.refresh()
            except (DBAPIError, OSError) as error:
                self._unreachable(error)

    async def close(self) -> None:
        if self._poller is not None:
            self._poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._poller
            self._poller = None
        await self.engine.dispose()

    def _apply(self, guild_id: int, field: str, stored: str) -> None:
        if field not in ServerSettings.model_fields:
            return  # written by a newer Verbatim: not ours to read
        overrides = dict(self._overrides.get(guild_id, {}))
        value = json.loads(stored)
        if value is None:
            overrides.pop(field, None)
        else:
            overrides[field] = value
        try:
            merged = ServerSettings.model_validate({**self.defaults.model_dump(), **overrides})
        except ValidationError as error:
            log.warning(
                "guild %s: ignoring the stored %s (%s)", guild_id, field, _first_problem(error)
            )
            return
        if overrides:
            self._overrides[guild_id] = overrides
            self._merged[guild_id] = merged
        else:
            self._overrides.pop(guild_id, None)
            self._merged.pop(guild_id, None)

    def _unreachable(self, error: BaseException) -> None:
        if self._reachable:
            self._reachable = False
            log.warning(
                "the settings database cannot be reached (%s): serving the settings last read "
                "until it is back",
                _short(error),
            )

    def _reachable_again(self) -> None:
        if not self._reachable:
            self._reachable = True
            log.warning("the settings database is reachable again")

    def __iter__(self) -> Iterator[int]:
        """The servers that changed any setting."""
        return iter(self._merged)


def _first_problem(error: ValidationError) -> str:
    first = error.errors()[0]
    field = str(first["loc"][0]) if first["loc"] else "value"
    for spec in SETTINGS.values():
        if field in spec.fields:
            return f"{spec.name}: {first['msg'].lower()}"
    return str(first["msg"])


def _short(error: BaseException) -> str:
    if isinstance(error, DBAPIError) and error.orig is not None:
        error = error.orig
    return " ".join(str(error).split())[:200] or type(error).__name__
