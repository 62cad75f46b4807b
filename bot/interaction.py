"""The interaction every command, button, check and autocomplete of VerbatimBot receives."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

import discord

if TYPE_CHECKING:
    from .client import VerbatimBot

Interaction: TypeAlias = discord.Interaction["VerbatimBot"]
