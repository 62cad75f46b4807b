"""The corpus the bot serves: one retrieval index, swapped atomically on reload.

Every call into retrieval runs in a worker thread (``asyncio.to_thread``) so a slow query or a
reload never stalls the event loop, and with it the gateway heartbeats. A thread is enough only
because no single call into C is long: ``re`` holds the GIL for a whole match, so a backtracking
pattern on a hostile line stalled the loop for as long as it ran (3.6 s for a 1.6 KB Markdown
heading). With every pattern on corpus text linear and paragraphs capped (corpus.layout), the
worst lag while reloading the hostile corpora of ``tests/benchmarks/bench_hostile.py`` is 22 ms.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from corpus.models import CorpusStats
from retrieval import answer as answering
from retrieval import lookups
from retrieval.index import Index, open_index
from retrieval.models import Answer, DateRange, Hit, Query

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")


class LibraryNotReady(RuntimeError):
    """Raised when a command arrives before the first index is loaded."""


@dataclass(frozen=True)
class ReloadReport:
    ok: bool
    stats: CorpusStats
    previous: CorpusStats | None
    seconds: float
    error: str | None = None


class Library:
    """Holds the current :class:`Index`; readers take a reference, reloads replace it whole."""

    def __init__(self, folders: Sequence[Path] = (), cache_dir: Path | None = None) -> None:
        self.folders: tuple[Path, ...] = tuple(folders)
        self.cache_dir = cache_dir
        self._index: Index | None = None
        self._reload_lock = asyncio.Lock()

    @property
    def index(self) -> Index:
        if self._index is None:
            raise LibraryNotReady("the corpus is still loading")
        return self._index

    @property
    def loaded(self) -> bool:
        return self._index is not None

    def _open(self, rebuild: bool = False) -> Index:
        folders = list(self.folders) or None
        return open_index(folders, cache_dir=self.cache_dir, progress=False, rebuild=rebuild)

    async def load(self) -> Index:
        started = time.perf_counter()
        index = await asyncio.to_thread(self._open)
        self._index = index
        log.info(
            "corpus loaded: %d paragraphs in %.2fs",
            index.n_paragraphs,
            time.perf_counter() - started,
        )
        return index

    async def reload(self, rebuild: bool = False) -> ReloadReport:
        """Open the corpus again (``rebuild``: build its index even if one is cached); on any
        failure keep serving the index we have."""
        async with self._reload_lock:
            previous = self._index
            previous_stats = await self.run(Index.stats) if previous is not None else None
            started = time.perf_counter()
            try:
                fresh = await asyncio.to_thread(self._open, rebuild)
                stats = await asyncio.to_thread(fresh.stats)
            except Exception as error:  # any failure: the old index keeps serving
                log.exception("reload failed; still serving the previous index")
                if previous_stats is None:
                    raise
                return ReloadReport(
                    ok=False,
                    stats=previous_stats,
                    previous=previous_stats,
                    seconds=time.perf_counter() - started,
                    error=str(error) or type(error).__name__,
                )
            self._index = fresh  # one reference swap: readers see old or new, never a mix
            log.info("reloaded the corpus: %d paragraphs", fresh.n_paragraphs)
            return ReloadReport(
                ok=True,
                stats=stats,
                previous=previous_stats,
                seconds=time.perf_counter() - started,
            )

    async def run(
        self, func: Callable[Concatenate[Index, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """Call ``func(index, *args, **kwargs)`` in a worker thread on the current index."""
        index = self.index
        return await asyncio.to_thread(func, index, *args, **kwargs)

    # The retrieval calls the cogs use, each off the event loop.

    async def ask(
        self,
        question: str,
        *,
        speaker: str | None = None,
        dates: DateRange | None = None,
        country: str | None = None,
        k: int = 5,
        offset: int = 0,
    ) -> Answer:
        return await self.run(
            answering.ask,
            question,
            speaker=speaker,
            dates=dates,
            country=country,
            k=k,
            offset=offset,
        )

    async def search(self, query: Query) -> Answer:
        return await self.run(answering.search, query)

    async def quote(self, citation_id: str) -> Hit | None:
        return await self.run(lookups.quote, citation_id)

    async def stats(self) -> CorpusStats:
        return await self.run(lookups.corpus_stats)
