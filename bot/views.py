"""Buttons under answers: page (◀ ▶), context, post, delete.

Views are not persistent: each lives ``VerbatimBot.view_timeout`` seconds (less than an
interaction token's 15 minutes, so the message can still be edited) and then removes its
buttons. Paging and deleting a public answer belong to its asker (deleting also to moderators
with Manage Messages); anyone may look at a quote's context, which is shown privately.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any

import discord

from retrieval.index import Index
from retrieval.models import Answer, Hit

from . import discord_render as dr
from .interaction import Interaction
from .replies import Reply

if TYPE_CHECKING:
    from .client import VerbatimBot

log = logging.getLogger(__name__)

PageFetcher = Callable[[int], Awaitable[Answer]]


PER_PAGE = 4


async def send_answer(
    interaction: Interaction,
    fetch: PageFetcher,
    *,
    private: bool,
    per_page: int = PER_PAGE,
    header: Sequence[discord.Embed] = (),
) -> Answer:
    """Fetch the first page and show it with its buttons; nothing found is told privately."""
    reply = Reply.to(interaction)
    answer = await fetch(0)
    if not answer.hits:
        await reply.tell(dr.fit_answer(answer, dr.CONTENT_LIMIT))
        return answer
    view = AnswerView(
        interaction.client,
        interaction.user.id,
        answer,
        fetch,
        per_page=per_page,
        private=private,
        header=header,
    )
    await reply.show(embeds=view.embeds(), view=view)
    view.attach(origin=interaction)
    return answer


def may_moderate(interaction: Interaction) -> bool:
    return bool(interaction.permissions.manage_messages)


class BotView(discord.ui.View):
    """A view owned by one user that removes its buttons when it times out."""

    def __init__(self, bot: VerbatimBot, owner_id: int) -> None:
        super().__init__(timeout=bot.view_timeout)
        self.bot = bot
        self.owner_id = owner_id
        # Where the view is shown: the interaction that sent it, or a plain channel message.
        self.origin: Interaction | None = None
        self.message: discord.Message | None = None

    def attach(
        self, *, origin: Interaction | None = None, message: discord.Message | None = None
    ) -> None:
        self.origin = origin
        self.message = message

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
            "button %r failed (user %s, guild %s)",
            getattr(item, "label", item),
            interaction.user.id,
            interaction.guild_id,
            exc_info=error,
        )
        try:
            await Reply.to(interaction).tell("Sorry, that did not work. Please try again.")
        except discord.HTTPException:
            log.debug("could not report the button error")

    async def only_owner(self, interaction: Interaction, what: str) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await Reply.to(interaction).tell(f"Only the person who asked can {what}.")
        return False

    async def delete_answer(self, interaction: Interaction) -> None:
        if interaction.user.id != self.owner_id and not may_moderate(interaction):
            await Reply.to(interaction).tell(
                "Only the person who asked, or a moderator with Manage Messages, can delete this."
            )
            return
        await interaction.response.defer()
        self.stop()
        await interaction.delete_original_response()
        log.info("answer deleted by %s in guild %s", interaction.user.id, interaction.guild_id)


class PagedView(BotView):
    """◀ ▶ under pages; a subclass says how many pages there are and how to show one."""

    page = 0

    @property
    def page_count(self) -> int:
        raise NotImplementedError

    async def show_page(self, interaction: Interaction, page: int) -> None:
        raise NotImplementedError

    def may_turn_freely(self) -> bool:
        """Whether anyone may turn the pages, not only the asker."""
        return False

    def _sync_buttons(self) -> None:
        self.previous_button.disabled = self.page <= 0
        self.next_button.disabled = self.page + 1 >= self.page_count

    async def turn(self, interaction: Interaction, step: int) -> None:
        if not self.may_turn_freely() and not await self.only_owner(
            interaction, "turn these pages"
        ):
            return
        await self.show_page(interaction, min(max(self.page + step, 0), self.page_count - 1))

    @discord.ui.button(label="◀", style=discord.ButtonStyle.secondary)
    async def previous_button(
        self, interaction: Interaction, button: discord.ui.Button[PagedView]
    ) -> None:
        await self.turn(interaction, -1)

    @discord.ui.button(label="▶", style=discord.ButtonStyle.secondary)
    async def next_button(
        self, interaction: Interaction, button: discord.ui.Button[PagedView]
    ) -> None:
        await self.turn(interaction, +1)


class AnswerView(PagedView):
    """Pages of hits with ◀ ▶, the context of the page's best quote, post and delete."""

    def __init__(
        self,
        bot: VerbatimBot,
        owner_id: int,
        answer: Answer,
        fetch: PageFetcher,
        *,
        per_page: int,
        private: bool,
        header: Sequence[discord.Embed] = (),
    ) -> None:
        super().__init__(bot, owner_id)
        self.header = list(header)
        self.answer = answer
        self.fetch = fetch
        self.per_page = per_page
        self.private = private
        if private:
            self.remove_item(self.delete_button)
        else:
            self.remove_item(self.post_button)
        self._sync_buttons()

    @property
    def page_count(self) -> int:
        return max(1, -(-self.answer.total // self.per_page))

    @property
    def best(self) -> Hit | None:
        return self.answer.hits[0] if self.answer.hits else None

    def embeds(self) -> list[discord.Embed]:
        """The header embeds (if any) and the page, within Discord's 6000 characters in all."""
        room = dr.EMBED_TOTAL_LIMIT - 200 - sum(len(embed) for embed in self.header)
        page = dr.answer_embed(
            self.answer,
            page=self.page,
            pages=self.page_count,
            limit=min(room, dr.DESCRIPTION_LIMIT - 200),
        )
        return [*self.header, page]

    def _sync_buttons(self) -> None:
        super()._sync_buttons()
        self.context_button.disabled = self.best is None
        self.post_button.disabled = self.best is None

    def may_turn_freely(self) -> bool:
        # Only the asker sees a private answer, so there is nobody else to keep out.
        return self.private

    async def show_page(self, interaction: Interaction, page: int) -> None:
        # A page is a new retrieval: acknowledge first, then fetch off the event loop.
        await interaction.response.defer()
        self.answer = await self.fetch(page)
        self.page = page
        self._sync_buttons()
        await interaction.edit_original_response(embeds=self.embeds(), view=self)

    @discord.ui.button(label="Context", style=discord.ButtonStyle.primary)
    async def context_button(
        self, interaction: Interaction, button: discord.ui.Button[AnswerView]
    ) -> None:
        await show_context(interaction, self.best)

    @discord.ui.button(label="Post", style=discord.ButtonStyle.success)
    async def post_button(
        self, interaction: Interaction, button: discord.ui.Button[AnswerView]
    ) -> None:
        await post_quote(interaction, self.best)

    @discord.ui.button(label="Delete", style=discord.ButtonStyle.danger)
    async def delete_button(
        self, interaction: Interaction, button: discord.ui.Button[AnswerView]
    ) -> None:
        await self.delete_answer(interaction)


class QuoteView(BotView):
    """Under a posted quote: its context, and delete (asker or moderator)."""

    def __init__(self, bot: VerbatimBot, owner_id: int, hit: Hit) -> None:
        super().__init__(bot, owner_id)
        self.hit = hit

    @discord.ui.button(label="Context", style=discord.ButtonStyle.primary)
    async def context_button(
        self, interaction: Interaction, button: discord.ui.Button[QuoteView]
    ) -> None:
        await show_context(interaction, self.hit)

    @discord.ui.button(label="Delete", style=discord.ButtonStyle.danger)
    async def delete_button(
        self, interaction: Interaction, button: discord.ui.Button[QuoteView]
    ) -> None:
        await self.delete_answer(interaction)


class DocumentView(PagedView):
    """A document's card and its paragraphs, a page at a time."""

    def __init__(
        self, bot: VerbatimBot, owner_id: int, card: discord.Embed, pages: Sequence[str]
    ) -> None:
        super().__init__(bot, owner_id)
        self.card = card
        self.pages = list(pages)
        self._sync_buttons()

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def embeds(self) -> list[discord.Embed]:
        body = dr.base_embed(self.pages[self.page])
        body.set_footer(text=f"page {self.page + 1}/{len(self.pages)}")
        return [self.card, body]

    async def show_page(self, interaction: Interaction, page: int) -> None:
        self.page = page
        self._sync_buttons()
        await interaction.response.edit_message(embeds=self.embeds(), view=self)

    @discord.ui.button(label="Delete", style=discord.ButtonStyle.danger)
    async def delete_button(
        self, interaction: Interaction, button: discord.ui.Button[DocumentView]
    ) -> None:
        await self.delete_answer(interaction)


async def show_context(interaction: Interaction, hit: Hit | None) -> None:
    """The paragraphs before and after ``hit``, privately to whoever asked for them."""
    reply = Reply.to(interaction)
    if hit is None:
        await reply.tell("There is no quote here to show the context of.")
        return
    await reply.defer(private=True)
    library = interaction.client.library
    paragraphs = await library.run(Index.neighbours, hit.citation.id, before=1, after=1)
    if not paragraphs:
        await reply.tell("That paragraph is no longer in the corpus (it was reloaded).")
        return
    await reply.show(embeds=[dr.context_embed(paragraphs, hit)])


async def post_quote(interaction: Interaction, hit: Hit | None) -> None:
    """Post a quote into the channel, for everyone, credited to whoever posted it."""
    reply = Reply.to(interaction)
    if hit is None:
        await reply.tell("There is no quote here to post.")
        return
    view = QuoteView(interaction.client, interaction.user.id, hit)
    await reply.show(
        embeds=[dr.hit_embed(hit, posted_by=interaction.user.display_name)], view=view
    )
    view.attach(origin=interaction)
    log.info("quote %s posted by %s", hit.citation.id, interaction.user.id)
