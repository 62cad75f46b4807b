"""What the error handler tells users: a transformer's own refusal, and its failures."""

from __future__ import annotations

from discord import AppCommandOptionType, app_commands

from bot.cogs.errors import describe, is_refusal
from bot.cogs.transformers import Dates, Unrecognised
from bot.library import LibraryNotReady


def test_a_transformers_refusal_is_shown_as_written() -> None:
    error = Unrecognised("“someday” for when is not a date", "someday", Dates("when"))
    assert is_refusal(error)
    assert describe(error) == "“someday” for when is not a date"


def test_an_exception_inside_a_transformer_is_a_failure() -> None:
    error = app_commands.TransformerError("Wang", AppCommandOptionType.string, Dates("when"))
    assert is_refusal(error)  # discord.py's own conversion refusal
    error.__cause__ = LibraryNotReady("the corpus is still loading")
    assert not is_refusal(error)
    assert describe(error) == "I am still loading the corpus; please try again in a moment."
    error.__cause__ = KeyError("bug")
    assert describe(error) == "Sorry, something went wrong on my side. It has been logged."
