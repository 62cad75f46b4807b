"""What checking the index cache costs a warm start, run by hand (never part of the test suite).

    .venv/bin/python -m tests.benchmarks.bench_warm_start --cache /tmp/my-cache
    .venv/bin/python -m tests.benchmarks.bench_warm_start --corpus DIR --cache /tmp/my-cache

Without ``--corpus`` the full UN General Debate Corpus is extracted from ../shared into
``--cache``. The index is built once if the cache holds none (about a minute, 2.4 GB peak).
Then, each in a fresh process (as a bot's start is), ``--runs`` times: ``open_index`` whole, and
its parts: the corpus fingerprint (stats only), the file digests ``Index.load`` verifies, and the
rest of ``Index.load``. Last, what hashing every corpus file would add to the fingerprint.
Prints the best and the median of each.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tests.benchmarks.ungdc import extract_ungdc

_ONE_START = """
import json, sys, time
from pathlib import Path
import retrieval.index as m
from corpus.loader import corpus_fingerprint
from retrieval.cache import HEADER_FILE, verify_digests
corpus, cache = Path(sys.argv[1]), Path(sys.argv[2])
started = time.perf_counter()
index = m.open_index([corpus], cache_dir=cache, progress=False)
whole = time.perf_counter() - started
(folder,) = [p for p in next(cache.glob("corpus-*")).iterdir() if not p.name.startswith(".")]
started = time.perf_counter()
corpus_fingerprint([corpus])
fingerprint = time.perf_counter() - started
started = time.perf_counter()
verify_digests(folder, json.loads((folder / HEADER_FILE).read_text("utf-8"))["files"])
digests = time.perf_counter() - started
m.verify_digests = lambda *args: None
started = time.perf_counter()
m.Index.load(folder)
rest = time.perf_counter() - started
print(json.dumps({"open_index": whole, "fingerprint": fingerprint, "digests": digests,
                  "rest of Index.load": rest}))
"""


def content_hash_seconds(corpus: Path) -> tuple[float, int, int]:
    """Seconds to SHA-256 every file under ``corpus``, how many files, how many bytes."""
    started, files, size = time.perf_counter(), 0, 0
    for directory, _, names in os.walk(corpus):
        for name in names:
            with open(os.path.join(directory, name), "rb") as handle:
                hashlib.file_digest(handle, "sha256")
            files += 1
            size += os.path.getsize(os.path.join(directory, name))
    return time.perf_counter() - started, files, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, help="a corpus folder (default: the UNGDC)")
    parser.add_argument("--cache", type=Path, required=True, help="a cache folder of your own")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    corpus = args.corpus or extract_ungdc(args.cache / "ungdc")
    if not any(args.cache.glob("corpus-*/v*")):
        subprocess.run(
            [sys.executable, "-m", "bot.cli", "index", "--corpus", str(corpus)],
            env={**os.environ, "VERBATIM_CACHE_DIR": str(args.cache)},
            check=True,
        )
    runs = []
    for _ in range(args.runs):
        done = subprocess.run(
            [sys.executable, "-c", _ONE_START, str(corpus), str(args.cache)],
            capture_output=True,
            text=True,
            check=True,
        )
        runs.append(json.loads(done.stdout))
    for part in runs[0]:
        times = [run[part] for run in runs]
        print(f"{part:20} best {min(times):.3f} s   median {statistics.median(times):.3f} s")
    seconds, files, size = min(content_hash_seconds(corpus) for _ in range(3))
    print(f"hashing the corpus   best {seconds:.3f} s   ({files:,} files, {size / 1e6:.0f} MB)")


if __name__ == "__main__":
    main()
