"""Hostile corpora: load time of pathological lines, query time over a 16 MB paragraph,
and how long ``/reload`` of each stalls the bot's event loop.

    .venv/bin/python -m tests.benchmarks.bench_hostile [--size 1000000] [--big 16000000]

Builds each corpus in a temporary folder. Targets (issue 12): a 1 MB pathological line loads
in at most 2 s; a query over the 16 MB one-paragraph file takes at most 100 ms; a reload
stalls the event loop at most 100 ms (lag measured by a task ticking every 5 ms while
``Library.reload`` runs). First, the time to decode 10 MB of mixed bytes (issue 11: the
slowest shape found, see ``mixed_bytes_file``), which the corpus of that file then loads.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bot.library import Library
from corpus.clean import DETECTION_SAMPLE_BYTES, decode
from corpus.loader import load_corpus
from retrieval import answer
from retrieval.index import open_index


def hostile_corpora(size: int, big: int) -> dict[str, Callable[[Path], None]]:
    """name -> a function writing that corpus into a folder."""

    def heading(folder: Path) -> None:
        (folder / "heading.md").write_text("# a" + " " * size + "b\n\nPeace matters.\n")

    def capitals(folder: Path) -> None:
        (folder / "capitals.txt").write_text("A" * size + " peace.\n")

    def spaces(folder: Path) -> None:
        (folder / "spaces.txt").write_text("Peace" + " " * size + "x\n")

    def one_paragraph(folder: Path) -> None:
        sentence = "The delegates said that peace and development go together. "
        (folder / "big.txt").write_text(sentence * (big // len(sentence)) + "\n")

    def mixed_bytes(folder: Path) -> None:
        (folder / "mixed.txt").write_bytes(mixed_bytes_file(big * 10 // 16))

    return {
        "markdown heading of spaces": heading,
        "line of capitals": capitals,
        "line of spaces": spaces,
        "16 MB paragraph": one_paragraph,
        "10 MB of mixed bytes": mixed_bytes,
    }


def mixed_bytes_file(size: int) -> bytes:
    """The slowest file to decode found: a Big5 text as long as the encoding-detection sample,
    so Big5 is what is detected, then random bytes above 0x7F in lines (no control bytes, so
    not binary), a third of which no Big5 character fits: each is replaced and counted."""
    line = "聯合國大會第七十屆會議一般性辯論。主席先生，和平與發展仍然是時代的主題。\n"
    head = (line * (DETECTION_SAMPLE_BYTES // len(line))).encode("big5")
    high = bytes(range(128, 256)) * 2  # every byte value with its high bit set
    noise = bytearray(random.Random(11).randbytes(max(0, size - len(head)))).translate(high)
    noise[::80] = b"\n" * len(noise[::80])
    return head + bytes(noise)


async def _reload_lag(library: Library) -> tuple[float, float]:
    """(seconds the reload took, the longest the event loop went without running a tick)."""
    worst = 0.0
    done = False

    async def ticker() -> None:
        nonlocal worst
        last = time.perf_counter()
        while not done:
            await asyncio.sleep(0.005)
            now = time.perf_counter()
            worst = max(worst, now - last - 0.005)
            last = now

    task = asyncio.create_task(ticker())
    started = time.perf_counter()
    report = await library.reload()
    took = time.perf_counter() - started
    done = True
    await task
    assert report.ok, report.error
    return took, worst


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="pathological line length")
    parser.add_argument("--big", type=int, default=16_000_000, help="one-paragraph file size")
    args = parser.parse_args()
    data = mixed_bytes_file(args.big * 10 // 16)
    started = time.perf_counter()
    decoded = decode(data)
    print(
        f"decode {len(data) / 1e6:.1f} MB of mixed bytes: {time.perf_counter() - started:.2f} s "
        f"({decoded.encoding}, {decoded.replaced_bytes:,} bytes replaced)"
    )
    for name, write in hostile_corpora(args.size, args.big).items():
        with tempfile.TemporaryDirectory() as tmp:
            folder, cache = Path(tmp) / "corpus", Path(tmp) / "cache"
            folder.mkdir()
            write(folder)
            started = time.perf_counter()
            corpus = load_corpus([folder], progress=False)
            loaded = time.perf_counter() - started
            paragraphs = sum(len(d.paragraphs) for d in corpus.documents)
            index = open_index([folder], cache_dir=cache, progress=False)
            started = time.perf_counter()
            answer.ask(index, "peace development delegates")
            query = time.perf_counter() - started
            library = Library([folder], cache_dir=cache)
            asyncio.run(library.load())
            # Reload from scratch: the cache is what makes a reload cheap, so drop it.
            for stale in sorted(cache.rglob("*"), reverse=True):
                stale.unlink() if stale.is_file() else stale.rmdir()
            took, lag = asyncio.run(_reload_lag(library))
            print(
                f"{name}: load {loaded:.2f} s ({paragraphs} paragraphs), "
                f"query {query * 1000:.0f} ms, reload {took:.2f} s, "
                f"worst event-loop lag {lag * 1000:.0f} ms"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
