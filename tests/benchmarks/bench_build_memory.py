"""Peak memory and time of a cold index build, run by hand (never part of the test suite).

It runs, in a child process with a private cache folder, what this command runs::

    VERBATIM_CACHE_DIR=/tmp/cache-x /usr/bin/time -v .venv/bin/verbatim index --corpus DIR --rebuild

and prints the child's peak RSS (its ``ru_maxrss``: what ``/usr/bin/time -v`` reports as
"Maximum resident set size"), wall seconds and CPU seconds::

    .venv/bin/python -m tests.benchmarks.bench_build_memory --corpus /path/to/ungdc-full
    .venv/bin/python -m tests.benchmarks.bench_build_memory --synthetic 1000000
    .venv/bin/python -m tests.benchmarks.bench_build_memory --corpus DIR --checkout ../other

``--checkout`` builds with another checkout's code (e.g. a worktree of the previous commit) in
this same environment, each run alternating with this one's, so before and after are measured
side by side under the same load. ``--synthetic N`` first writes N paragraphs of seeded Zipfian
text into a temporary folder (bench_retrieval's distribution: 60k pseudo-words, about 35 words a
paragraph, 50 paragraphs a file) and builds the index of that. Target (issue 11): the full UNGDC
builds in at most 1 GB, no slower than before.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

PARAGRAPHS_PER_FILE = 50


def write_synthetic(folder: Path, n_paragraphs: int, seed: int = 1) -> None:
    """``n_paragraphs`` paragraphs of seeded Zipfian text, a file of 50 at a time."""
    rng = np.random.default_rng(seed)
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    words = np.array(["".join(rng.choice(letters, rng.integers(3, 11))) for _ in range(60_000)])
    for number, start in enumerate(range(0, n_paragraphs, PARAGRAPHS_PER_FILE)):
        count = min(PARAGRAPHS_PER_FILE, n_paragraphs - start)
        lengths = np.clip(rng.lognormal(3.4, 0.6, count).astype(int), 3, 400)
        drawn = rng.zipf(1.15, int(lengths.sum()))
        drawn = np.where(drawn > words.size, rng.integers(1, words.size, drawn.size), drawn)
        text = words[drawn - 1]
        cuts = np.cumsum(lengths)[:-1]
        paragraphs = [" ".join(part).capitalize() + "." for part in np.split(text, cuts)]
        body = f"Synthetic statement {number}.\n\n" + "\n\n".join(paragraphs) + "\n"
        (folder / f"{number:06d}.txt").write_text(body, encoding="utf-8")


def build_once(corpus: Path, checkout: Path, cache: Path) -> dict[str, float | str]:
    """One cold build of ``corpus`` with ``checkout``'s code: peak RSS, wall and CPU time."""
    env = {**os.environ, "VERBATIM_CACHE_DIR": str(cache), "PYTHONPATH": str(checkout)}
    argv = [sys.executable, "-P", "-m", "bot.cli", "index", "--corpus", str(corpus), "--rebuild"]
    started = time.perf_counter()
    child = subprocess.Popen(
        argv, cwd=checkout, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    assert child.stdout is not None
    said = child.stdout.read().strip()
    child.stdout.close()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{checkout}: verbatim index exited with {child.returncode}")
    return {
        "peak_mib": usage.ru_maxrss / 1024,
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "said": said,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--corpus", type=Path, help="an extracted corpus folder")
    source.add_argument("--synthetic", type=int, metavar="N", help="N synthetic paragraphs")
    parser.add_argument("--checkout", type=Path, help="also build with this checkout's code")
    parser.add_argument("--runs", type=int, default=1, help="builds per checkout")
    args = parser.parse_args()
    here = Path(__file__).resolve().parents[2]
    checkouts = [here, *([args.checkout.resolve()] if args.checkout else [])]
    with tempfile.TemporaryDirectory(prefix="bench-build-memory-") as temporary:
        work = Path(temporary)
        corpus = args.corpus
        if corpus is None:
            corpus = work / "synthetic"
            corpus.mkdir()
            started = time.perf_counter()
            write_synthetic(corpus, args.synthetic)
            print(f"wrote {args.synthetic:,} paragraphs in {time.perf_counter() - started:.0f} s")
        for run in range(args.runs):
            for number, checkout in enumerate(checkouts):
                result = build_once(corpus, checkout, work / f"cache-{number}")
                print(
                    f"{checkout}  run {run + 1}: peak {result['peak_mib']:6.0f} MiB  "
                    f"wall {result['wall_s']:5.1f} s  CPU {result['cpu_s']:5.1f} s  "
                    f"({result['said']})",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
