"""/quote: pull one whole paragraph into the discussion, with its citation."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from discord import app_commands
from discord.ext import commands

from corpus.ids import as_citation_id
from retrieval.models import MAX_QUERY_CHARS, Query

from ..client import cooldown
from ..interaction import Interaction, anywhere, privately
from ..pages import QuotePage
from ..replies import Reply
from ..views import Pager
from . import choices
from .errors import NothingFound

if TYPE_CHECKING:
    from ..client import VerbatimBot

log = logging.getLogger(__name__)


class Quotes(commands.Cog):
    def __init__(self, bot: VerbatimBot) -> None:
        self.bot = bot

    @app_commands.command(name="quote", description="Post one passage, whole, with its citation")
    @app_commands.describe(passage="type words from the passage, or its citation id (043514e2-3)")
    @app_commands.autocomplete(passage=choices.passages)
    @anywhere()
    @cooldown()
    async def quote(
        self, interaction: Interaction, passage: app_commands.Range[str, 1, MAX_QUERY_CHARS]
    ) -> None:
        reply = Reply.to(interaction)
        private = privately(interaction, False)
        await reply.defer(private=private)
        library = self.bot.library
        citation_id = as_citation_id(passage)
        hit = await library.quote(citation_id) if citation_id else None
        if hit is None and citation_id is None:
            # Typed words without choosing a suggestion: quote the best match.
            answer = await library.search(Query(text=passage, k=1))
            hit = await library.quote(answer.hits[0].citation.id) if answer.hits else None
        if hit is None:
            what = f"`{citation_id}`" if citation_id else "those words"
            raise NothingFound(
                f"I found no passage for {what}. Type a few words of it and pick one of the "
                "suggestions, or use /ask."
            )
        pager = Pager(
            QuotePage(hit),
            owner_id=interaction.user.id,
            private=private,
            timeout=self.bot.view_timeout,
        )
        await pager.start(reply)
        log.info("/quote %s in guild %s", hit.citation.id, interaction.guild_id)
        log.debug("/quote %s by %s", hit.citation.id, interaction.user.id)


async def setup(bot: VerbatimBot) -> None:
    await bot.add_cog(Quotes(bot))
