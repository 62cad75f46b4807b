"""One interaction's reply: acknowledged at once, then answered, or refused privately.

Discord wants an interaction acknowledged within 3 s; retrieval may take longer, so a command
first shows a "thinking…" placeholder, publicly or privately, and the answer replaces it. A
refusal is always private: a public placeholder is deleted first, so the channel never sees
"thinking…" turn into nothing. Whether such a placeholder is still waiting is this object's
state (R. Danny's ``Context`` keeps per-invocation state behind methods the same way); once the
answer replaced it, nothing here deletes it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import discord

from . import discord_render as dr
from .interaction import Interaction

log = logging.getLogger(__name__)


class Reply:
    """The reply to one interaction, shared by its command, error handler and buttons."""

    def __init__(self, interaction: Interaction) -> None:
        self.interaction = interaction
        self._public_placeholder = False

    @classmethod
    def to(cls, interaction: Interaction) -> Reply:
        """The interaction's reply, made on first use and kept on the interaction itself (its
        ``extras``, keyed by this class), so whoever handles the interaction next gets it."""
        reply = interaction.extras.get(cls)
        if not isinstance(reply, cls):
            reply = interaction.extras[cls] = cls(interaction)
        return reply

    async def defer(self, *, private: bool) -> None:
        """Acknowledge at once ("thinking…"); :meth:`show` replaces it when retrieval is done."""
        await self.interaction.response.defer(ephemeral=private, thinking=True)
        self._public_placeholder = not private

    async def show(
        self,
        content: str | None = None,
        *,
        embeds: Sequence[discord.Embed] = (),
        view: discord.ui.View | None = None,
    ) -> None:
        """The answer: in place of the placeholder, or (nothing deferred) as the response
        itself, for everyone to see."""
        fields: dict[str, Any] = {}
        if content is not None:
            fields["content"] = content
        if embeds:
            fields["embeds"] = list(embeds)
        if view is not None:
            fields["view"] = view
        if self.interaction.response.is_done():
            await self.interaction.edit_original_response(**fields)
        else:
            await self.interaction.response.send_message(
                **fields, allowed_mentions=discord.AllowedMentions.none()
            )
        self._public_placeholder = False

    async def tell(self, text: str) -> None:
        """A short private message, whether or not the interaction was acknowledged already;
        a public placeholder still waiting is removed first."""
        text = dr.shorten(text, dr.CONTENT_LIMIT)
        none = discord.AllowedMentions.none()
        interaction = self.interaction
        if not interaction.response.is_done():
            await interaction.response.send_message(text, ephemeral=True, allowed_mentions=none)
            return
        if self._public_placeholder:
            self._public_placeholder = False
            try:
                await interaction.delete_original_response()
            except discord.HTTPException:
                log.debug("could not remove the public placeholder")
        await interaction.followup.send(text, ephemeral=True, allowed_mentions=none)
