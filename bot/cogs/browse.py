"""Browsing the corpus: /speaker, /date, /document and /corpus."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from corpus.models import Document
from retrieval import lookups
from retrieval.models import MAX_QUERY_CHARS, Answer, DateRange
from retrieval.render import MARKDOWN, dated_heading, render_document_line, yearless_note

from .. import discord_render as dr
from ..client import cooldown
from ..interaction import Interaction, anywhere, privately
from ..pages import DocumentPages
from ..replies import Reply
from ..views import Pager, send_answer
from . import choices
from .errors import NothingFound
from .transformers import Dates, SpeakerName

if TYPE_CHECKING:
    from ..client import VerbatimBot

log = logging.getLogger(__name__)

Topic = app_commands.Range[str, 1, MAX_QUERY_CHARS]


def documents_embed(label: str, documents: list[Document], limit: int = 1500) -> discord.Embed:
    lines = dr.list_value((render_document_line(doc) for doc in documents), limit)
    body = "\n".join(line for line in (lines, yearless_note(documents)) if line)
    return dr.base_embed(body, title=dated_heading(label, documents))


class Browse(commands.Cog):
    def __init__(self, bot: VerbatimBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="speaker", description="What one speaker said, newest first or by topic"
    )
    @app_commands.describe(
        name="the speaker (any spelling or alias)",
        topic="rank their passages by this topic",
        private="show the answer to you only; default: the server's",
    )
    @anywhere()
    @cooldown()
    async def speaker(
        self,
        interaction: Interaction,
        name: app_commands.Transform[str, SpeakerName],
        topic: Topic | None = None,
        private: bool | None = None,
    ) -> None:
        server = self.bot.server_settings(interaction.guild_id)
        private = privately(interaction, server.private if private is None else private)
        per_page = server.per_page
        await Reply.to(interaction).defer(private=private)
        library = self.bot.library

        async def fetch(page: int) -> Answer:
            return await library.run(
                lookups.speaker_paragraphs, name, topic or "", k=per_page, offset=page * per_page
            )

        await send_answer(interaction, fetch, private=private, per_page=per_page)

    @app_commands.command(name="date", description="Documents of a day, month, year or range")
    @app_commands.describe(
        when="2023-02-02, 2021-05, May 2021, 2021 or 2021-05-01..2021-05-31",
        topic="rank the passages by this topic",
        private="show the answer to you only; default: the server's",
    )
    @anywhere()
    @cooldown()
    async def date(
        self,
        interaction: Interaction,
        when: app_commands.Transform[DateRange, Dates("when")],
        topic: Topic | None = None,
        private: bool | None = None,
    ) -> None:
        # Echoed as the user wrote it, escaped like any text of theirs.
        typed = MARKDOWN.escaped(dr.shorten(interaction.namespace.when, 50))
        server = self.bot.server_settings(interaction.guild_id)
        private = privately(interaction, server.private if private is None else private)
        per_page = server.per_page
        await Reply.to(interaction).defer(private=private)
        library = self.bot.library
        dated = await library.run(lookups.documents_dated, when, topic or "", k=per_page)
        if not dated.documents:
            raise NothingFound(
                f"No documents are dated {typed}. Start typing in `when` to see "
                "the dates there are."
            )

        async def fetch(page: int) -> Answer:
            if page == 0:  # fetched with the documents, from the same index
                return dated.answer
            offset = page * per_page
            later = await library.run(
                lookups.documents_dated, when, topic or "", k=per_page, offset=offset
            )
            return later.answer

        header = documents_embed(typed, list(dated.documents))
        await send_answer(
            interaction, fetch, private=private, per_page=per_page, header=[header]
        )

    @app_commands.command(name="document", description="One document: its card and its paragraphs")
    @app_commands.describe(id="the document (start typing its title)")
    @app_commands.autocomplete(id=choices.documents)
    @anywhere()
    @cooldown()
    async def document(self, interaction: Interaction, id: app_commands.Range[str, 1, 100]) -> None:
        reply = Reply.to(interaction)
        private = privately(interaction, False)
        await reply.defer(private=private)
        library = self.bot.library
        document = await library.run(lookups.document, id)
        if document is None:
            raise NothingFound(
                f"I have no document {MARKDOWN.code(dr.shorten(id, 40))}. Start typing its title "
                "and pick it from the list."
            )
        card = dr.document_card(document, len(document.paragraphs))
        pager = Pager(
            DocumentPages(card, dr.paragraph_pages(document.paragraphs)),
            owner_id=interaction.user.id,
            private=private,
            timeout=self.bot.view_timeout,
        )
        await pager.start(reply)

    @app_commands.command(
        name="corpus", description="What I know: documents, dates, speakers, sources"
    )
    async def corpus(self, interaction: Interaction) -> None:
        reply = Reply.to(interaction)
        await reply.defer(private=False)
        stats = await self.bot.library.stats()
        await reply.show(embeds=[dr.corpus_embed(stats, roots=self.bot.library.folders)])


async def setup(bot: VerbatimBot) -> None:
    await bot.add_cog(Browse(bot))
