"""Speakers as people on the full UNGDC, run by hand (never part of the test suite).

    .venv/bin/python -m tests.benchmarks.bench_speakers --full-dir DIR --cache-dir DIR \\
        [--sample 40] [--show merges|near|all]

Loads the corpus (DIR is extracted from ../shared's archive when it does not hold it yet) and
prints what ``speakers.group_variants`` made of the names it is written with:

- the collisions the issue counted, among the spellings as written and among the speakers
  after merging: groups of names with the same name parts (differing only in case,
  punctuation, apostrophes, titles, "Jr."), and bare surnames that are also the surname of
  a fuller name;
- the merges by kind (a name fitting a fuller one, a surname spelt alike) and the near misses
  by reason (years apart, a name fitting two different people, spellings under the
  threshold);
- a seeded random sample of merges, to read and estimate precision by hand (``--sample``);

then checks, on the index (built once into ``--cache-dir``), the issue's examples: "What did
Bush say about Iraq in 2003?" reaches George W. Bush's 2003 speech and says whom "Bush" names;
Biden's speeches (filed as "Joe Biden", "Joseph R. Biden, Jr", "Joseph R. Biden") are one
person, and ``--speaker Biden`` resolves as ``ask`` does. Exit status 1 when a check fails.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from corpus.loader import load_corpus
from corpus.names import name_parts, strip_honorifics
from corpus.speakers import SimilarPair, Variants
from corpus.text import fold
from retrieval.answer import ask, search
from retrieval.index import Index, open_index
from retrieval.models import DateRange, Query
from tests.benchmarks.ungdc import DEFAULT_SHARED, extract_ungdc


def collisions(names: Iterable[str]) -> tuple[int, int, int]:
    """(groups of names with the same name parts, those of them differing in more than case
    and accents (which the loader already merged before), bare surnames that a fuller name
    ends with) among ``names``."""
    by_parts: dict[tuple[str, ...], set[str]] = {}
    for name in names:
        parts = name_parts(name)
        if parts:
            by_parts.setdefault(parts, set()).add(name)
    same = sum(1 for group in by_parts.values() if len(group) > 1)
    beyond_case = sum(
        1 for group in by_parts.values() if len({fold(strip_honorifics(n)) for n in group}) > 1
    )
    surnames = {parts[-1] for parts in by_parts if len(parts) > 1}
    bare = sum(1 for parts in by_parts if len(parts) == 1 and parts[0] in surnames)
    return same, beyond_case, bare


def kind(pair: SimilarPair) -> str:
    reason = pair.reason
    if ", but " in reason:
        why = reason.split(", but ", 1)[1]
        if why.endswith("years apart"):
            return "years apart"
        if why.startswith("it fits"):
            return "fits two different people"
        return "a name of the other group differs"
    return "spelling under the threshold" if pair.score < 100 else reason


def show(title: str, pairs: Iterable[SimilarPair]) -> None:
    print(title)
    for pair in pairs:
        print(f"  {pair.score:3.0f}  {pair.first} ~ {pair.second}: {pair.reason}")


def report_variants(variants: Variants, persons: list[str], sample: int, shown: str) -> None:
    spellings = {name for group in variants.groups for name in group[1:]} | set(persons)
    before, after = collisions(spellings), collisions(persons)
    print(f"spellings as written: {len(spellings):,}; speakers after merging: {len(persons):,}")
    print(f"same name parts, several spellings: {before[0]:,} groups -> {after[0]:,}")
    print(f"  of which beyond case and accents: {before[1]:,} groups -> {after[1]:,}")
    print(f"bare surnames also ending a fuller name: {before[2]:,} -> {after[2]:,}")
    merged = sum(len(group) - 1 for group in variants.groups)
    print(f"people merged: {len(variants.groups):,} ({merged:,} spellings folded into them)")
    by_kind = Counter("surname spelling" if p.score < 100 else p.reason for p in variants.merges)
    print("merges by kind: " + ", ".join(f"{k} {n:,}" for k, n in by_kind.most_common()))
    near = Counter(kind(p) for p in variants.near_misses)
    print(f"near misses: {len(variants.near_misses):,} pairs")
    for reason, count in near.most_common():
        print(f"  {count:>5,}  {reason}")
    if sample:
        rng = random.Random(10)
        picked = rng.sample(list(variants.merges), min(sample, len(variants.merges)))
        show(f"a random sample of {len(picked)} merges (seed 10), to read:", picked)
    if shown in {"merges", "all"}:
        show("every merge:", variants.merges)
    if shown in {"near", "all"}:
        show("every near miss:", sorted(variants.near_misses, key=lambda p: -p.score))


def check(ok: bool, what: str, failures: list[str]) -> None:
    print(f"  {'ok  ' if ok else 'FAIL'}  {what}")
    if not ok:
        failures.append(what)


def examples(index: Index) -> list[str]:
    """The issue's examples on the full UNGDC; the failed ones."""
    failures: list[str] = []
    print("checks:")
    bush = ask(index, "What did Bush say about Iraq in 2003?", k=3)
    top = [(hit.citation.path.rsplit("/", 1)[-1], hit.citation.speakers) for hit in bush.hits]
    print(f"  Bush/Iraq/2003 understood {list(bush.understood)}; top {top}")
    check(
        any(path == "USA_58_2003.txt" and "George W. Bush" in who for path, who in top),
        "Bush/Iraq/2003 has George W. Bush's 2003 speech in its top 3",
        failures,
    )
    check(
        any("George W. Bush" in said and "George Bush" in said for said in bush.understood),
        "and says that Bush names both presidents",
        failures,
    )
    names = {typed: index.speakers.resolve(typed)[0] for typed in ("Joe Biden", "Biden")}
    names["Joseph R. Biden, Jr"] = index.speakers.resolve("Joseph R. Biden, Jr")[0]
    print(f"  Biden resolves: {names}")
    check(len(set(names.values())) == 1, "every spelling of Biden names one person", failures)
    in_2021 = search(
        index, Query(text="", speaker="Biden", dates=DateRange.typed("2021", "2021"), k=5)
    )
    check(
        any(hit.citation.path.endswith("USA_76_2021.txt") for hit in in_2021.hits),
        "--speaker Biden --date 2021 finds the 2021 speech (filed as Joe Biden)",
        failures,
    )
    asked = ask(index, "What did Joseph R. Biden say about climate finance in 2021?", k=3)
    check(
        any(hit.citation.path.endswith("USA_76_2021.txt") for hit in asked.hits),
        "ask 'What did Joseph R. Biden say about climate finance in 2021?' reaches it",
        failures,
    )
    by_question = ask(index, "What did Biden say about Ukraine?", k=3).query.speaker
    check(
        by_question == in_2021.query.speaker,
        f"ask and --speaker read Biden alike ({by_question!r}, {in_2021.query.speaker!r})",
        failures,
    )
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--full-dir", type=Path, help="the extracted full UNGDC (made if absent)")
    parser.add_argument("--cache-dir", type=Path, help="index cache, reused between runs")
    parser.add_argument("--sample", type=int, default=40, help="merges to print at random")
    parser.add_argument("--show", choices=("merges", "near", "all"), default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = extract_ungdc(args.full_dir or Path(temporary), args.shared)
        started = time.perf_counter()
        corpus = load_corpus([folder], progress=False)
        print(f"loaded in {time.perf_counter() - started:.0f} s")
        persons = [s.name for s in corpus.speakers.all() if s.kind == "person"]
        report_variants(corpus.speakers.variants, persons, args.sample, args.show)
        del corpus
        index = open_index([folder], cache_dir=args.cache_dir, progress=False)
        failures = examples(index)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
