"""What a :class:`~bot.views.Pager` shows: page sources, as in R. Danny's paginator.

A source says how many pages it has and gives one as embeds; the pager around it owns the
buttons, who may press them, the timeout and errors. Answers fetch each page from retrieval;
a document's pages are rendered up front; a quote is a single page.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Sequence
from typing import ClassVar

import discord

from retrieval.models import Answer, Hit

from . import discord_render as dr

PageFetcher = Callable[[int], Awaitable[Answer]]


class PageSource(ABC):
    """Pages of embeds, and what the pager's buttons may act on."""

    #: Getting a page runs a retrieval: the pager acknowledges the click before asking.
    fetches: ClassVar[bool] = False
    #: Turned with ◀ ▶ (a quote is one page, not the first of several).
    paged: ClassVar[bool] = True
    #: Shows quotes, whose context can be looked at and which can be posted.
    quotes: ClassVar[bool] = False

    @property
    @abstractmethod
    def page_count(self) -> int: ...

    @abstractmethod
    async def get_page(self, page: int) -> list[discord.Embed]: ...

    @property
    def quote(self) -> Hit | None:
        """The quote Context and Post act on, if the page shown has one."""
        return None


class AnswerPages(PageSource):
    """An answer's hits, ``per_page`` at a time, below optional header embeds."""

    fetches = True
    quotes = True

    def __init__(
        self,
        first: Answer,
        fetch: PageFetcher,
        *,
        per_page: int,
        header: Sequence[discord.Embed] = (),
    ) -> None:
        self.answer = first  # the answer for ``self.page``
        self.page = 0
        self.fetch = fetch
        self.per_page = per_page
        self.header = list(header)

    @property
    def page_count(self) -> int:
        return max(1, -(-self.answer.total // self.per_page))

    @property
    def quote(self) -> Hit | None:
        return self.answer.hits[0] if self.answer.hits else None

    async def get_page(self, page: int) -> list[discord.Embed]:
        """The header embeds (if any) and the page, within Discord's 6000 characters in all."""
        if page != self.page:
            self.answer = await self.fetch(page)
            self.page = page
        room = dr.EMBED_TOTAL_LIMIT - 200 - sum(len(embed) for embed in self.header)
        body = dr.answer_embed(
            self.answer,
            page=page,
            pages=self.page_count,
            limit=min(room, dr.DESCRIPTION_LIMIT - 200),
        )
        return [*self.header, body]


class DocumentPages(PageSource):
    """A document's card above its paragraphs, packed into pages beforehand."""

    def __init__(self, card: discord.Embed, pages: Sequence[str]) -> None:
        self.card = card
        self.pages = list(pages)

    @property
    def page_count(self) -> int:
        return len(self.pages)

    async def get_page(self, page: int) -> list[discord.Embed]:
        body = dr.base_embed(self.pages[page])
        body.set_footer(text=f"page {page + 1}/{len(self.pages)}")
        return [self.card, body]


class QuotePage(PageSource):
    """One paragraph, whole, with its citation (and who posted it into the channel)."""

    paged = False
    quotes = True

    def __init__(self, hit: Hit, *, posted_by: str | None = None) -> None:
        self.hit = hit
        self.posted_by = posted_by

    @property
    def page_count(self) -> int:
        return 1

    @property
    def quote(self) -> Hit:
        return self.hit

    async def get_page(self, page: int) -> list[discord.Embed]:
        return [dr.hit_embed(self.hit, posted_by=self.posted_by)]
