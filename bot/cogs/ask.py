"""/ask and the "Find quotes" message command: questions answered with quoted passages."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from corpus.models import DocDate
from retrieval.models import Answer, DateRange
from retrieval.wording import EXAMPLE_QUESTION

from ..client import cooldown
from ..interaction import Interaction, anywhere, privately
from ..replies import Reply
from ..views import send_answer
from .errors import NothingFound
from .transformers import CountryOption, DateEnd, DateStart, SpeakerOption

if TYPE_CHECKING:
    from ..client import VerbatimBot

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 300


def bounded(text: str, limit: int = MAX_QUESTION_CHARS) -> str:
    """A question no longer than ``limit``, cut at a space (for long messages being checked)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if text[limit] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut


class Ask(commands.Cog):
    def __init__(self, bot: VerbatimBot) -> None:
        self.bot = bot
        self.find_quotes_menu = app_commands.ContextMenu(
            name="Find quotes", callback=self.find_quotes
        )
        self.bot.tree.add_command(self.find_quotes_menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.find_quotes_menu.name, type=self.find_quotes_menu.type)

    @app_commands.command(name="ask", description="Ask the corpus; get quoted, cited passages")
    @app_commands.describe(
        question=f"what you want to know, e.g. {EXAMPLE_QUESTION}",
        speaker="only passages spoken by this person",
        country="only statements of this country or delegation (name, ISO code, US, UK, PRC…)",
        date_from="only documents from this date on (2021, 2021-05, May 2021, 2023-02-02)",
        date_to="only documents up to this date",
        private="show the answer to you only (you can still post it); default: the server's",
    )
    @app_commands.rename(date_from="from", date_to="to")
    @anywhere()
    @cooldown()
    async def ask(  # noqa: PLR0917 - one parameter per command option
        self,
        interaction: Interaction,
        question: app_commands.Range[str, 1, MAX_QUESTION_CHARS],
        # An unknown name is kept: retrieval's answer explains it, with suggestions.
        speaker: app_commands.Transform[str, SpeakerOption] | None = None,
        # An unknown country is refused before the command runs, with the close ones.
        country: app_commands.Transform[str, CountryOption] | None = None,
        date_from: app_commands.Transform[DocDate | None, DateStart("from")] | None = None,
        date_to: app_commands.Transform[DocDate | None, DateEnd("to")] | None = None,
        private: bool | None = None,
    ) -> None:
        if len(question) > MAX_QUESTION_CHARS:
            raise NothingFound(f"Please ask in at most {MAX_QUESTION_CHARS} characters.")
        dates = DateRange(start=date_from, end=date_to) if date_from or date_to else None
        server = self.bot.server_settings(interaction.guild_id)
        private = privately(interaction, server.private if private is None else private)
        per_page = server.per_page
        await Reply.to(interaction).defer(private=private)
        library = self.bot.library

        async def fetch(page: int) -> Answer:
            return await library.ask(
                question,
                speaker=speaker,
                dates=dates,
                country=country,
                k=per_page,
                offset=page * per_page,
            )

        answer = await send_answer(interaction, fetch, private=private, per_page=per_page)
        # A member's words and id are theirs: logged at DEBUG only.
        log.info("/ask in guild %s: %d hits", interaction.guild_id, answer.total)
        log.debug("/ask %r by %s", question, interaction.user.id)

    @anywhere()  # both read by the ContextMenu built around this method in __init__
    @cooldown()
    async def find_quotes(self, interaction: Interaction, message: discord.Message) -> None:
        """Check a message against the record: the passages closest to what it says."""
        text = bounded(message.content or "")
        if not text.strip():
            raise NothingFound("That message has no text I can look up.")
        await Reply.to(interaction).defer(private=True)
        library = self.bot.library
        per_page = self.bot.server_settings(interaction.guild_id).per_page

        async def fetch(page: int) -> Answer:
            return await library.ask(text, k=per_page, offset=page * per_page)

        await send_answer(interaction, fetch, private=True, per_page=per_page)


async def setup(bot: VerbatimBot) -> None:
    await bot.add_cog(Ask(bot))
