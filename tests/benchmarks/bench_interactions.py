"""INTERACTION_CREATE to the first callback, with the full UN General Debate Corpus loaded.

    .venv/bin/python -m tests.benchmarks.bench_interactions [UNGDC_DIR] [-n 300] [-c 10]
        [--shared ../shared] [--keep DIR] [--cache DIR]

Starts the real VerbatimBot against the Discord API emulator (tests/bot/emulator) on the UNGDC
(an extracted folder, or ``corpora/ungdc/ungdc-1946-2024.tar.gz`` extracted to a temporary or
``--keep`` folder), sends N /ask interactions, ``-c`` at a time, and prints p50/p99 of the
first-callback latency (Discord's 3-second limit) and of the complete answer, then
of autocomplete round trips as a user types. Run by hand.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from retrieval.index import open_index
from tests.benchmarks.asking import QUESTIONS, percentile
from tests.benchmarks.ungdc import DEFAULT_SHARED, extract_ungdc
from tests.bot.conftest import bot_settings, running_bot
from tests.bot.emulator import Emulator, InteractionRecord

AUTOCOMPLETES = (
    ("quote", "passage", "nuclear weapons must be abolished"),
    ("speaker", "name", "Nelson Mandela"),
    ("document", "id", "General Debate"),
    ("date", "when", "1995-09"),
)


async def bench(corpus: Path, cache: Path, spec: Path, count: int, concurrency: int) -> None:
    started = time.perf_counter()
    index = await asyncio.to_thread(open_index, [corpus], cache_dir=cache, progress=True)
    print(
        f"index: {index.n_paragraphs} paragraphs, opened in {time.perf_counter() - started:.1f} s"
    )
    async with Emulator(spec_path=spec) as emu:
        settings = bot_settings(emu, cache, corpus=(corpus,), cooldown_rate=1_000_000)
        async with running_bot(emu, settings):
            first: list[float] = []
            complete: list[float] = []
            users = [emu.member, emu.other, emu.admin, emu.moderator]

            async def one(n: int) -> None:
                rec: InteractionRecord = await emu.slash(
                    "ask", {"question": QUESTIONS[n % len(QUESTIONS)]}, user=users[n % len(users)]
                )
                await rec.response(timeout=60)
                assert rec.first_callback_latency is not None
                first.append(rec.first_callback_latency)
                complete.append(time.monotonic() - rec.dispatched_at)

            wall = time.perf_counter()
            for start in range(0, count, concurrency):
                await asyncio.gather(
                    *(one(n) for n in range(start, min(start + concurrency, count)))
                )
            wall = time.perf_counter() - wall
            typing: dict[str, list[float]] = {}
            for command, option, typed in AUTOCOMPLETES:
                for n in range(min(count, 50)):
                    text = typed[: 3 + n % max(1, len(typed) - 2)]
                    started = time.monotonic()
                    await emu.autocomplete(command, {option: text}, focused=option)
                    typing.setdefault(f"/{command} {option}", []).append(time.monotonic() - started)
            invalid = emu.invalid_requests
    print(f"{count} /ask interactions, {concurrency} at a time, {wall:.1f} s in all")
    for name, values in (("first callback", first), ("complete answer", complete)):
        print(
            f"{name:>16}: p50 {statistics.median(values) * 1000:7.1f} ms   "
            f"p99 {percentile(values, 0.99) * 1000:7.1f} ms   max {max(values) * 1000:7.1f} ms"
        )
    for name, values in typing.items():
        print(
            f"{'autocomplete ' + name:>32}: p50 {statistics.median(values) * 1000:7.1f} ms   "
            f"p99 {percentile(values, 0.99) * 1000:7.1f} ms"
        )
    print(f"invalid requests: {len(invalid)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ungdc", nargs="?", type=Path, help="an extracted UNGDC folder")
    parser.add_argument("-n", "--count", type=int, default=300)
    parser.add_argument("-c", "--concurrency", type=int, default=10)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--keep", type=Path, help="extract the archive here and keep it")
    parser.add_argument("--cache", type=Path, help="index cache folder to reuse between runs")
    args = parser.parse_args()
    spec = args.shared / "discord-api-spec" / "openapi.json"
    if not spec.is_file():
        print(f"needs Discord's OpenAPI spec at {spec}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as temporary:
        corpus = args.ungdc or extract_ungdc(args.keep or Path(temporary) / "ungdc", args.shared)
        cache = args.cache or Path(temporary) / "cache"
        asyncio.run(bench(corpus, cache, spec, args.count, args.concurrency))
    return 0


if __name__ == "__main__":
    sys.exit(main())
