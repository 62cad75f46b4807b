"""The bot's settings, read from the environment (see the README's settings table)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR"]


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
    cache_dir: Path | None = None
    guild_ids: Annotated[tuple[int, ...], NoDecode] = ()
    ask_channels: Annotated[tuple[int, ...], NoDecode] = ()
    cooldown_rate: int = Field(default=5, ge=1)
    cooldown_per: float = Field(default=60.0, gt=0)
    log_level: LogLevel = "INFO"
    discord_api_base: str | None = Field(
        default=None, description="REST base, e.g. http://proxy:8080/api/v10"
    )
    discord_gateway_url: str | None = Field(default=None, description="gateway websocket URL")

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
