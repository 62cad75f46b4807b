"""The bot's settings, read from the environment (see the README's settings table).

:func:`load_settings` is the one place that reads them: ``verbatim`` calls it once in ``main()``
and hands plain values down, so nothing in ``retrieval`` or ``corpus`` reads the environment.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal, get_args

from pydantic import (
    AliasChoices,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from corpus.errors import VerbatimError

from .server_settings import (
    COOLDOWN_PER,
    COOLDOWN_RATE,
    PER_PAGE,
    CooldownRate,
    CooldownWindow,
    PerPage,
    ServerSettings,
)

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR"]
# How much of a rejected value the error line repeats (the value is the user's, maybe long).
SHOWN_VALUE_CHARS = 50
MAX_SHARDS = 65_536  # a bound on a typed range, far above any bot's shard count


def _split(value: object, separator: str) -> object:
    # Environment variables hold plain separated lists, not JSON.
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(separator) if part.strip())
    return value


class Settings(BaseSettings):
    """Everything the bot reads from its environment; ``DISCORD_TOKEN`` is never logged."""

    model_config = SettingsConfigDict(
        env_prefix="VERBATIM_", extra="ignore", populate_by_name=True, frozen=True
    )

    discord_token: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("DISCORD_TOKEN", "discord_token")
    )
    corpus: Annotated[tuple[Path, ...], NoDecode] = Field(
        default=(), description="corpus folders; empty means the embedded seeds"
    )
    cache_dir: Path | None = Field(
        default=None, description="where indexes are kept; unset means the user's cache folder"
    )
    guild_ids: Annotated[tuple[int, ...], NoDecode] = ()
    # The next five are the defaults of every server that did not change them with /settings.
    ask_channels: Annotated[tuple[int, ...], NoDecode] = ()
    answers_private: bool = Field(default=False, description="/ask answers private by default")
    hits_per_page: PerPage = PER_PAGE
    cooldown_rate: CooldownRate = COOLDOWN_RATE
    cooldown_per: CooldownWindow = COOLDOWN_PER
    message_content: bool | None = Field(
        default=None,
        description="ask for the message content intent (ask-channels need it); "
        "unset: only when VERBATIM_ASK_CHANNELS is set",
    )
    shard_count: int | None = Field(
        default=None, ge=1, description="total shards of a cluster; unset: Discord's recommendation"
    )
    shard_ids: Annotated[tuple[int, ...], NoDecode] = Field(
        default=(), description="the shards this process runs, e.g. 0-3 or 0,1; needs the count"
    )
    data_dir: Path | None = Field(
        default=None, description="where the bot's database lives; unset: the user data folder"
    )
    database_url: SecretStr | None = Field(
        default=None, description="postgresql://… for a shared database; unset: SQLite"
    )
    log_level: LogLevel | None = Field(
        default=None, description="unset: INFO for the bot, WARNING for the other commands"
    )
    discord_api_base: str | None = Field(
        default=None, description="REST base, e.g. http://proxy:8080/api/v10"
    )
    discord_gateway_url: str | None = Field(default=None, description="gateway websocket URL")
    no_color: str = Field(
        default="",
        validation_alias=AliasChoices("NO_COLOR", "no_color"),
        description="https://no-color.org: any value keeps the terminal output free of ANSI bold",
    )

    @field_validator("corpus", mode="before")
    @classmethod
    def _corpus_folders(cls, value: object) -> object:
        return _split(value, ":")

    @field_validator("guild_ids", "ask_channels", mode="before")
    @classmethod
    def _snowflakes(cls, value: object) -> object:
        return _split(value, ",")

    @field_validator("shard_ids", mode="before")
    @classmethod
    def _shard_ranges(cls, value: object) -> object:
        # "0-3,8" -> (0, 1, 2, 3, 8): ranges as operators write them for a cluster's processes.
        if not isinstance(value, str):
            return value
        shards: list[int] = []
        for part in (p.strip() for p in value.split(",")):
            if not part:
                continue
            first, _, last = part.partition("-")
            if not first.strip().isdigit() or (last and not last.strip().isdigit()):
                raise ValueError("expected shard numbers and ranges, like 0-3 or 0,1,4-7")
            start, end = int(first), int(last or first)
            if end < start or end - start > MAX_SHARDS:
                raise ValueError(f"{part!r} is not a range of shards")
            shards.extend(range(start, end + 1))
        return tuple(dict.fromkeys(shards))

    @model_validator(mode="after")
    def _shards_within_count(self) -> Settings:
        if self.shard_ids and self.shard_count is None:
            raise ValueError("VERBATIM_SHARD_IDS needs VERBATIM_SHARD_COUNT")
        if self.shard_count is not None and any(s >= self.shard_count for s in self.shard_ids):
            raise ValueError(
                f"VERBATIM_SHARD_IDS must be below VERBATIM_SHARD_COUNT ({self.shard_count})"
            )
        return self

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    def server_defaults(self) -> ServerSettings:
        """What a server that changed nothing with /settings gets."""
        return ServerSettings(
            ask_channels=self.ask_channels,
            private=self.answers_private,
            per_page=self.hits_per_page,
            cooldown_rate=self.cooldown_rate,
            cooldown_per=self.cooldown_per,
        )

    def wants_message_content(self) -> bool:
        return self.message_content if self.message_content is not None else bool(self.ask_channels)

    def database(self) -> str | None:
        """The configured database URL's value (a secret: it may hold a password)."""
        return self.database_url.get_secret_value() if self.database_url else None

    def token(self) -> str | None:
        """The token's value, for ``Client.start`` only."""
        return self.discord_token.get_secret_value() if self.discord_token else None

    @classmethod
    def variable(cls, field_name: str) -> str:
        """The environment variable that sets ``field_name`` (``DISCORD_TOKEN``, ``VERBATIM_…``)."""
        alias = cls.model_fields[field_name].validation_alias
        if isinstance(alias, AliasChoices):
            return str(alias.choices[0])
        return f"{cls.model_config.get('env_prefix', '')}{field_name}".upper()


def load_settings() -> Settings:
    """The settings from the environment; a bad value is a :class:`VerbatimError` of one line
    naming its variable (and never repeating a secret)."""
    try:
        return Settings()
    except ValidationError as error:
        raise VerbatimError(describe(error)) from None


def describe(error: ValidationError) -> str:
    """Each rejected setting by its variable, with the value unless it is a secret."""
    return "; ".join(_describe(detail) for detail in error.errors())


def _describe(error: ErrorDetails) -> str:
    if not error["loc"]:  # a rule across settings: its message names the variables
        return str(error["msg"]).removeprefix("Value error, ")
    name = str(error["loc"][0])
    field = Settings.model_fields.get(name)
    variable = Settings.variable(name) if field else name
    if field is None or _is_secret(field):
        return f"{variable} is not valid ({error['msg']})"
    shown = " ".join(str(error["input"]).split())[:SHOWN_VALUE_CHARS]
    return f"{variable}: {shown!r} is not valid ({error['msg']})"


def _is_secret(field: FieldInfo) -> bool:
    return SecretStr in (field.annotation, *get_args(field.annotation))
