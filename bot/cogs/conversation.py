"""Questions in messages: mentions, replies that mention the bot, DMs and ask-channels.

Mentions, replies and DMs carry their text without the privileged message content intent;
ask-channels (every message ending in "?") need it, and are only served when it was granted.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from retrieval.models import Answer
from retrieval.wording import EXAMPLE_QUESTION

from .. import discord_render as dr
from ..pages import AnswerPages
from ..views import Pager
from .ask import bounded

if TYPE_CHECKING:
    from ..client import VerbatimBot

log = logging.getLogger(__name__)

# Hints and refusals in a channel cannot be private; they remove themselves instead.
NOTICE_SECONDS = 20.0


def context_guild(message: discord.Message) -> int | None:
    return message.guild.id if message.guild else None


class Conversation(commands.Cog):
    def __init__(self, bot: VerbatimBot) -> None:
        self.bot = bot

    def _strip_mentions(self, text: str) -> str:
        return re.sub(rf"<@!?{self.bot.user.id}>", " ", text).strip()

    def _is_for_me(self, message: discord.Message) -> bool:
        if message.guild is None:
            return True
        if self.bot.user in message.mentions:
            return True
        return message.channel.id in self.bot.ask_channels(
            context_guild(message)
        ) and message.content.rstrip().endswith("?")

    async def _referenced(self, message: discord.Message) -> discord.Message | None:
        reference = message.reference
        if reference is None or reference.message_id is None:
            return None
        if isinstance(reference.resolved, discord.Message):
            return reference.resolved
        try:
            return await message.channel.fetch_message(reference.message_id)
        except discord.HTTPException:
            return None

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or not self._is_for_me(message):
            return
        context = {
            "guild": context_guild(message),
            "channel": message.channel.id,
            "message": message.id,
        }
        try:
            await self._answer(message)
        except Exception:
            log.exception("answering a message failed %s", context)
            try:
                await message.reply(
                    "Sorry, something went wrong on my side. It has been logged.",
                    mention_author=False,
                    allowed_mentions=discord.AllowedMentions.none(),
                )
            except discord.HTTPException:
                log.warning("could not report the failure %s", context)

    async def _answer(self, message: discord.Message) -> None:
        none = discord.AllowedMentions.none()
        question = self._strip_mentions(message.content)
        target = message
        referenced = await self._referenced(message)
        if referenced is not None and message.guild is not None:
            # A reply that mentions the bot: answer the message replied to.
            target = referenced
            if not question:
                question = self._strip_mentions(referenced.content)
        if not question:
            await message.reply(
                f"Ask me a question after the mention, e.g. “@{self.bot.user} {EXAMPLE_QUESTION}”",
                mention_author=False,
                allowed_mentions=none,
                delete_after=NOTICE_SECONDS,
            )
            return
        guild_id = message.guild.id if message.guild else None
        retry_after = self.bot.cooldowns.hit(guild_id, message.author.id)
        if retry_after is not None:
            if not self.bot.cooldowns.notice_due(guild_id, message.author.id):
                log.debug("over the limit again, already told: %s", message.author.id)
                return
            await message.reply(
                f"Slow down: you can ask again in {max(1, round(retry_after))} s.",
                mention_author=False,
                allowed_mentions=none,
                delete_after=NOTICE_SECONDS,
            )
            return
        text = bounded(question)
        library = self.bot.library
        per_page = self.bot.server_settings(context_guild(message)).per_page

        async def fetch(page: int) -> Answer:
            return await library.ask(text, k=per_page, offset=page * per_page)

        answer = await fetch(0)
        # A member's words and id are theirs: logged at DEBUG only.
        log.info("message question in guild %s: %d hits", context_guild(message), answer.total)
        log.debug("message question %r by %s", text, message.author.id)
        if not answer.hits:
            await message.reply(
                dr.fit_answer(answer, dr.CONTENT_LIMIT), mention_author=False, allowed_mentions=none
            )
            return
        pager = Pager(
            AnswerPages(answer, fetch, per_page=per_page),
            owner_id=message.author.id,
            private=False,
            timeout=self.bot.view_timeout,
        )
        await pager.reply_to(target)


async def setup(bot: VerbatimBot) -> None:
    await bot.add_cog(Conversation(bot))
