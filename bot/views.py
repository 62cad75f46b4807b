"""The one view under every answer: a :class:`Pager` over a page source, and its buttons.

Views are not persistent: each lives ``VerbatimBot.view_timeout`` seconds (less than an
interaction token's 15 minutes, so the message can still be edited) and then removes its
buttons. Turning the pages of a public answer and deleting it belong to its asker (deleting
also to moderators with Manage Messages); anyone may look at a quote's context, which is shown
privately.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import discord

from retrieval.index import Index
from retrieval.models import Answer, Hit

from . import discord_render as dr
from .budget import OverBudget
from .interaction import Interaction
from .pages import AnswerPages, PageFetcher, PageSource, QuotePage
from .replies import Reply

log = logging.getLogger(__name__)


class Pager(discord.ui.View):
    """Pages of a source with the buttons that suit it, owned by the user who asked.

    Each button is declared once here; :meth:`fill_items` picks those a message needs: ◀ ▶
    for a source of pages, Context for quotes, Post under a private answer (to share it) and
    Delete under a public one.
    """

    def __init__(
        self, source: PageSource, *, owner_id: int, private: bool, timeout: float
    ) -> None:
        super().__init__(timeout=timeout)
        self.source = source
        self.owner_id = owner_id
        self.private = private
        self.page = 0
        # Where the pager is shown: an interaction's answer, or a message in a channel.
        self.origin: Interaction | None = None
        self.message: discord.Message | None = None
        self.fill_items()

    def fill_items(self) -> None:
        self.clear_items()
        if self.source.paged:
            self.add_item(self.previous_button)
            self.add_item(self.next_button)
        if self.source.quotes:
            self.add_item(self.context_button)
            if self.private:
                self.add_item(self.post_button)
        if not self.private:
            self.add_item(self.delete_button)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.previous_button.disabled = self.page <= 0
        self.next_button.disabled = self.page + 1 >= self.source.page_count
        self.context_button.disabled = self.post_button.disabled = self.source.quote is None

    async def start(self, reply: Reply) -> None:
        """Show the first page as the answer to ``reply``'s interaction."""
        await reply.show(embeds=await self.source.get_page(0), view=self)
        self.origin = reply.interaction

    async def reply_to(self, message: discord.Message) -> None:
        """Show the first page in reply to a message (a question asked in a channel)."""
        self.message = await message.reply(
            embeds=await self.source.get_page(0),
            view=self,
            mention_author=False,
            allowed_mentions=discord.AllowedMentions.none(),
        )

    async def show_page(self, interaction: Interaction, page: int) -> None:
        if self.source.fetches:
            # A page is a new retrieval: within the member's budget, acknowledged first, then
            # fetched off the event loop.
            try:
                turn = interaction.client.budget.admit(interaction.user.id)
            except OverBudget as over:
                await Reply.to(interaction).tell(over.notice)
                return
            async with turn:
                await interaction.response.defer()
                await turn.ready()
                embeds = await self.source.get_page(page)
        else:
            embeds = await self.source.get_page(page)
        self.page = page
        self._update_buttons()
        if interaction.response.is_done():
            await interaction.edit_original_response(embeds=embeds, view=self)
        else:
            await interaction.response.edit_message(embeds=embeds, view=self)

    async def turn(self, interaction: Interaction, step: int) -> None:
        # Only the asker sees a private answer, so there is nobody else to keep out.
        if not self.private and interaction.user.id != self.owner_id:
            await Reply.to(interaction).tell("Only the person who asked can turn these pages.")
            return
        last = self.source.page_count - 1
        await self.show_page(interaction, min(max(self.page + step, 0), last))

    @discord.ui.button(label="◀", style=discord.ButtonStyle.secondary)
    async def previous_button(
        self, interaction: Interaction, button: discord.ui.Button[Pager]
    ) -> None:
        await self.turn(interaction, -1)

    @discord.ui.button(label="▶", style=discord.ButtonStyle.secondary)
    async def next_button(
        self, interaction: Interaction, button: discord.ui.Button[Pager]
    ) -> None:
        await self.turn(interaction, +1)

    @discord.ui.button(label="Context", style=discord.ButtonStyle.primary)
    async def context_button(
        self, interaction: Interaction, button: discord.ui.Button[Pager]
    ) -> None:
        await show_context(interaction, self.source.quote)

    @discord.ui.button(label="Post", style=discord.ButtonStyle.success)
    async def post_button(
        self, interaction: Interaction, button: discord.ui.Button[Pager]
    ) -> None:
        await post_quote(interaction, self.source.quote)

    @discord.ui.button(label="Delete", style=discord.ButtonStyle.danger)
    async def delete_button(
        self, interaction: Interaction, button: discord.ui.Button[Pager]
    ) -> None:
        if interaction.user.id != self.owner_id and not interaction.permissions.manage_messages:
            await Reply.to(interaction).tell(
                "Only the person who asked, or a moderator with Manage Messages, can delete this."
            )
            return
        await interaction.response.defer()
        self.stop()
        await interaction.delete_original_response()
        # Who did it is theirs: logged at DEBUG only.
        log.info("answer deleted in guild %s", interaction.guild_id)
        log.debug("answer deleted by %s", interaction.user.id)

    async def on_timeout(self) -> None:
        try:
            if self.origin is not None:
                await self.origin.edit_original_response(view=None)
            elif self.message is not None:
                await self.message.edit(view=None)
        except discord.HTTPException as error:
            # The answer may have been deleted meanwhile; nothing is left to tidy.
            log.debug("could not remove expired buttons: %s", error)

    async def on_error(
        self, interaction: discord.Interaction[Any], error: Exception, item: discord.ui.Item[Any]
    ) -> None:
        log.exception(
            "button %r failed (guild %s)",
            getattr(item, "label", item),
            interaction.guild_id,
            exc_info=error,
        )
        try:
            await Reply.to(interaction).tell("Sorry, that did not work. Please try again.")
        except discord.HTTPException:
            log.debug("could not report the button error")


async def send_answer(
    interaction: Interaction,
    fetch: PageFetcher,
    *,
    private: bool,
    per_page: int,
    header: Sequence[discord.Embed] = (),
) -> Answer:
    """Fetch the first page and show it with its buttons; nothing found is told privately."""
    reply = Reply.to(interaction)
    answer = await fetch(0)
    if not answer.hits:
        await reply.tell(dr.fit_answer(answer, dr.CONTENT_LIMIT))
        return answer
    pager = Pager(
        AnswerPages(answer, fetch, per_page=per_page, header=header),
        owner_id=interaction.user.id,
        private=private,
        timeout=interaction.client.view_timeout,
    )
    await pager.start(reply)
    return answer


async def show_context(interaction: Interaction, hit: Hit | None) -> None:
    """The paragraphs before and after ``hit``, privately to whoever asked for them (within
    their budget: anyone may press Context under a public answer)."""
    reply = Reply.to(interaction)
    if hit is None:
        await reply.tell("There is no quote here to show the context of.")
        return
    client = interaction.client
    try:
        turn = client.budget.admit(interaction.user.id)
    except OverBudget as over:
        await reply.tell(over.notice)
        return
    async with turn:
        await reply.defer(private=True)
        await turn.ready()
        paragraphs = await client.library.run(
            Index.neighbours, hit.citation.id, before=1, after=1
        )
    if not paragraphs:
        await reply.tell("That paragraph is no longer in the corpus (it was reloaded).")
        return
    await reply.show(embeds=[dr.context_embed(paragraphs, hit)])


async def post_quote(interaction: Interaction, hit: Hit | None) -> None:
    """Post a quote into the channel, for everyone, credited to whoever posted it."""
    if hit is None:
        await Reply.to(interaction).tell("There is no quote here to post.")
        return
    pager = Pager(
        QuotePage(hit, posted_by=interaction.user.display_name),
        owner_id=interaction.user.id,
        private=False,
        timeout=interaction.client.view_timeout,
    )
    await pager.start(Reply.to(interaction))
    log.info("quote %s posted in guild %s", hit.citation.id, interaction.guild_id)
    log.debug("quote %s posted by %s", hit.citation.id, interaction.user.id)
