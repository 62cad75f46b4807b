"""Load the whole UN General Debate Corpus and print how long it takes and how much memory.

    .venv/bin/python -m tests.benchmarks.bench_corpus [--shared ../shared] [--keep DIR]

Extracts ``corpora/ungdc/ungdc-1946-2024.tar.gz`` with its ``metadata.csv`` into a temporary
folder (or DIR, reused when it is already there), loads it with :func:`corpus.load_corpus`,
and prints documents, paragraphs, speakers, skipped files, seconds and peak RSS. Target:
under 60 s on 2 cores.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from corpus.loader import load_corpus
from tests.benchmarks.ungdc import DEFAULT_SHARED, extract_ungdc


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--keep", type=Path, help="extract here and keep it for the next run")
    parser.add_argument(
        "--workers", type=int, default=None, help="parsing processes (default: one per CPU)"
    )
    args = parser.parse_args()
    if not (args.shared / "corpora" / "ungdc").is_dir():
        print(f"needs {args.shared}/corpora/ungdc, which is absent", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="ungdc-") as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        extract_ungdc(folder, args.shared)
        extracted = time.perf_counter() - started
        started = time.perf_counter()
        cpu_before = _cpu_seconds()
        corpus = load_corpus([folder], workers=args.workers)
        seconds = time.perf_counter() - started
        cpu = _cpu_seconds() - cpu_before
        stats = corpus.stats()
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    persons = sum(1 for speaker in stats.speakers if speaker.kind == "person")
    print(f"extract     {extracted:8.1f} s")
    print(f"documents   {stats.documents:8,}")
    print(f"paragraphs  {stats.paragraphs:8,}")
    print(f"speakers    {persons:8,}")
    print(f"skipped     {len(stats.skipped):8,}")
    print(f"warnings    {len(stats.warnings):8,}")
    print(f"dates       {stats.date_from} to {stats.date_to}")
    print(f"load        {seconds:8.1f} s wall, {cpu:.1f} s CPU (this process and its workers)")
    print(f"peak RSS    {peak_mib:8.0f} MiB (largest worker {worker_mib:.0f} MiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
