"""The bot's settings, read from the environment (see the README's settings table).

:func:`load_settings` is the one place that reads them: ``verbatim`` calls it once in ``main()``
and hands plain values down, so nothing in ``retrieval`` or ``corpus`` reads the environment.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal, get_args

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from corpus.errors import VerbatimError

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR"]
# How much of a rejected value the error line repeats (the value is the user's, maybe long).
SHOWN_VALUE_CHARS = 50


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
    ask_channels: Annotated[tuple[int, ...], NoDecode] = ()
    cooldown_rate: int = Field(default=5, ge=1)
    cooldown_per: float = Field(default=60.0, gt=0)
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

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

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
    name = str(error["loc"][0])
    field = Settings.model_fields.get(name)
    variable = Settings.variable(name) if field else name
    if field is None or _is_secret(field):
        return f"{variable} is not valid ({error['msg']})"
    shown = " ".join(str(error["input"]).split())[:SHOWN_VALUE_CHARS]
    return f"{variable}: {shown!r} is not valid ({error['msg']})"


def _is_secret(field: FieldInfo) -> bool:
    return SecretStr in (field.annotation, *get_args(field.annotation))
