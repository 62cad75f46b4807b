"""Browsing the corpus: /speaker, /date, /document and /corpus."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from corpus.dates import citation_label, date_bounds
from corpus.models import DocDate, Document
from retrieval.index import Index
from retrieval.models import MAX_QUERY_CHARS, Answer, DateRange, Query

from .. import discord_render as dr
from ..client import cooldown
from ..interaction import Interaction
from ..pages import PER_PAGE, DocumentPages
from ..replies import Reply
from ..views import Pager, send_answer
from . import choices
from .errors import NothingFound
from .transformers import Dates, SpeakerName

if TYPE_CHECKING:
    from ..client import VerbatimBot

log = logging.getLogger(__name__)

Topic = app_commands.Range[str, 1, MAX_QUERY_CHARS]


def _month_day_spans(low: int, high: int) -> list[tuple[int, int]]:
    """The month-day (mmdd) intervals a yyyymmdd range covers, across year boundaries."""
    first_year, last_year = low // 10000, high // 10000
    if last_year - first_year >= 2:
        return [(0, 1231)]
    if last_year > first_year:
        return [(low % 10000, 1231), (0, high % 10000)]
    return [(low % 10000, high % 10000)]


def date_matches(date: DocDate | None, first: DocDate, last: DocDate) -> bool:
    """Whether a document's date falls in [first, last], each at its own precision.

    A document without a known year (or a query without one) is compared on month and day.
    """
    if date is None:
        return False
    low, high = date_bounds(first)[0], date_bounds(last)[1]
    doc_low, doc_high = date_bounds(date)
    if date.year is not None and first.year is not None and last.year is not None:
        return doc_low <= high and doc_high >= low
    doc_md = (doc_low % 10000, doc_high % 10000)
    return any(
        doc_md[0] <= span_high and doc_md[1] >= span_low
        for span_low, span_high in _month_day_spans(low, high)
    )


def documents_on(index: Index, first: DocDate, last: DocDate) -> list[Document]:
    return [doc for doc in index.documents() if date_matches(doc.date, first, last)]


def documents_embed(label: str, documents: list[Document], limit: int = 1500) -> discord.Embed:
    lines = []
    for doc in documents:
        title = dr.shorten(doc.title, 120)
        linked = f"[{title}]({doc.url})" if doc.url else title
        lines.append(f"• {citation_label(doc.date)} · {linked} · `{doc.id}`")
    body = dr.list_value(lines, limit)
    if any(doc.date is not None and doc.date.year is None for doc in documents):
        body += "\n*Documents marked “year unknown” match on month and day only.*"
    count = f"{len(documents)} document" + ("" if len(documents) == 1 else "s")
    return dr.base_embed(body, title=f"{label}: {count}")


class Browse(commands.Cog):
    def __init__(self, bot: VerbatimBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="speaker", description="What one speaker said, newest first or by topic"
    )
    @app_commands.describe(
        name="the speaker (any spelling or alias)",
        topic="rank their passages by this topic",
        private="show the answer to you only",
    )
    @cooldown()
    async def speaker(
        self,
        interaction: Interaction,
        name: app_commands.Transform[str, SpeakerName(refuse_unknown=True)],
        topic: Topic | None = None,
        private: bool = False,
    ) -> None:
        await Reply.to(interaction).defer(private=private)
        library = self.bot.library

        async def fetch(page: int) -> Answer:
            query = Query(text=topic or "", speaker=name, k=PER_PAGE, offset=page * PER_PAGE)
            return await library.search(query)

        await send_answer(interaction, fetch, private=private)

    @app_commands.command(name="date", description="Documents of a day, month, year or range")
    @app_commands.describe(
        when="2023-02-02, 2021-05, May 2021, 2021 or 2021-05-01..2021-05-31",
        topic="rank the passages by this topic",
        private="show the answer to you only",
    )
    @cooldown()
    async def date(
        self,
        interaction: Interaction,
        when: app_commands.Transform[DateRange, Dates("when")],
        topic: Topic | None = None,
        private: bool = False,
    ) -> None:
        assert when.start is not None and when.end is not None  # a typed range has both ends
        typed = dr.shorten(interaction.namespace.when, 50)  # echoed as the user wrote it
        await Reply.to(interaction).defer(private=private)
        library = self.bot.library
        documents = await library.run(documents_on, when.start, when.end)
        if not documents:
            raise NothingFound(
                f"No documents are dated {typed}. Start typing in `when` to see "
                "the dates there are."
            )

        async def fetch(page: int) -> Answer:
            query = Query(text=topic or "", dates=when, k=PER_PAGE, offset=page * PER_PAGE)
            return await library.search(query)

        header = documents_embed(typed, documents)
        await send_answer(interaction, fetch, private=private, header=[header])

    @app_commands.command(name="document", description="One document: its card and its paragraphs")
    @app_commands.describe(id="the document (start typing its title)")
    @app_commands.autocomplete(id=choices.documents)
    @cooldown()
    async def document(self, interaction: Interaction, id: app_commands.Range[str, 1, 100]) -> None:
        reply = Reply.to(interaction)
        await reply.defer(private=False)
        library = self.bot.library
        document = await library.run(Index.document, id.strip())
        if document is None:
            raise NothingFound(
                f"I have no document `{dr.shorten(id, 40)}`. Start typing its title and pick it "
                "from the list."
            )
        card = dr.document_card(document, len(document.paragraphs))
        pager = Pager(
            DocumentPages(card, dr.paragraph_pages(document.paragraphs)),
            owner_id=interaction.user.id,
            private=False,
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
        await reply.show(embeds=[dr.corpus_embed(stats)])


async def setup(bot: VerbatimBot) -> None:
    await bot.add_cog(Browse(bot))
