"""Excerpt speed on the full UNGDC, run by hand; prints p50 and mean µs an excerpt (never part
of the test suite).

    .venv/bin/python -m tests.benchmarks.bench_excerpt --ungdc-dir DIR --cache-dir CACHE \
        [--paragraphs 3000] [--seed 1] [--rounds 3] [--before CHECKOUT]

A seeded sample of the corpus's paragraphs, each with a query as an answer asks one: one to
four words of the paragraph and up to two of another, tokenized by the index, weighted by
their idf (``excerpt``'s ``weights``). Each paragraph is excerpted with the first hit's budget
(900) and a listed hit's (``LIST_BUDGET``, 350), every excerpt timed alone, after one untimed
warm-up round (an answer finds the word memo warm). ``--before DIR`` imports
``retrieval/excerpt.py`` from another checkout (e.g. ``git archive`` of main into a temporary
folder) and times it beside this one in the same process, the two taking turns a paragraph at a
time, so both meet the same load on a noisy machine; it also counts the excerpts that differ.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import math
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType

from retrieval import excerpt as excerpt_module
from retrieval.index import Index, open_index
from tests.benchmarks.ungdc import extract_ungdc

BUDGETS = (excerpt_module.LIST_BUDGET, 900)
Case = tuple[str, set[str], dict[str, float]]


def _before_module(checkout: Path) -> ModuleType:
    """``retrieval/excerpt.py`` of another checkout, as a module of its own (it imports only
    the standard library)."""
    spec = importlib.util.spec_from_file_location(
        "before_excerpt", checkout / "retrieval" / "excerpt.py"
    )
    if spec is None or spec.loader is None:
        raise SystemExit(f"no retrieval/excerpt.py in {checkout}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _cases(index: Index, paragraphs: int, seed: int) -> list[Case]:
    """Paragraphs with a query each: some of their own words and maybe another's, by idf."""
    chooser = random.Random(seed)
    total = index.n_paragraphs
    cases: list[Case] = []
    while len(cases) < paragraphs:
        text = index.text_at(chooser.randrange(total))
        own = text.split()
        if not own:
            continue
        other = index.text_at(chooser.randrange(total)).split()
        words = chooser.sample(own, min(len(own), chooser.randint(1, 4)))
        words += chooser.sample(other, min(len(other), chooser.randint(0, 2)))
        tokens = set(index.tokens_of(" ".join(words)))
        weights = {t: math.log(total / (1 + index.doc_freq(t))) for t in tokens}
        cases.append((text, tokens, weights))
    return cases


def _time_one(module: ModuleType, case: Case, budget: int, index: Index) -> tuple[float, str]:
    text, tokens, weights = case
    excerpt: Callable[..., str] = module.excerpt
    started = time.perf_counter()
    marked = excerpt(text, tokens, budget, tokenize=index.tokens_of, weights=weights)
    return time.perf_counter() - started, marked


def _summary(seconds: Sequence[float]) -> str:
    return (
        f"p50 {statistics.median(seconds) * 1e6:7.1f} µs, "
        f"mean {statistics.fmean(seconds) * 1e6:7.1f} µs"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--ungdc-dir", type=Path, required=True, help="an extracted UNGDC")
    parser.add_argument("--cache-dir", type=Path, required=True, help="the index cache")
    parser.add_argument("--paragraphs", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3, help="timed passes over the sample")
    parser.add_argument("--before", type=Path, help="another checkout, timed beside this one")
    args = parser.parse_args(argv)
    index = open_index([extract_ungdc(args.ungdc_dir)], cache_dir=args.cache_dir, progress=False)
    cases = _cases(index, args.paragraphs, args.seed)
    modules = {"after": excerpt_module}
    if args.before:
        modules = {"before": _before_module(args.before), **modules}
    seconds: dict[tuple[str, int], list[float]] = {
        (name, budget): [] for name in modules for budget in BUDGETS
    }
    differing = 0
    gc.disable()  # a collection inside one timed excerpt would land on whichever ran then
    for round_number in range(args.rounds + 1):
        for number, case in enumerate(cases):
            # Each goes first in turn: the second often finds the paragraph in the CPU's cache.
            turns = list(modules.items())[:: -1 if number % 2 else 1]
            for budget in BUDGETS:
                outputs = set()
                for name, module in turns:
                    took, marked = _time_one(module, case, budget, index)
                    outputs.add(marked)
                    if round_number:  # the first round only warms the memos
                        seconds[name, budget].append(took)
                differing += round_number == 1 and len(outputs) > 1
        gc.collect()
    gc.enable()
    print(
        f"{len(cases)} UNGDC paragraphs (seed {args.seed}, median "
        f"{statistics.median(len(c[0]) for c in cases):.0f} chars), {args.rounds} rounds"
    )
    for budget in BUDGETS:
        for name in modules:
            print(f"budget {budget:4d} {name:>6}: {_summary(seconds[name, budget])}")
    if args.before:
        print(f"excerpts that differ from before: {differing}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
