"""How often the typo reader changes words that are no typos, run by hand (never in the suite).

    .venv/bin/python -m tests.benchmarks.bench_typo_readings --full-dir DIR --cache-dir DIR \\
        [--paragraphs 20000] [--seed 5]

UNGDC paragraphs hold few typos, and those they hold are OCR slips. Each of a seeded random
sample of paragraphs is read a sentence at a time (questions are short) by
``retrieval.question.typos_read``, as ``understand`` reads a question; every word it changes is
counted, and the changes are listed, commonest first, to be read: a real word changed ("Curzon"
as Corzon) is a false reading, an OCR slip read right ("Afghanista") is not.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

from retrieval.index import open_index
from retrieval.question import name_words, typos_read
from tests.benchmarks.ungdc import DEFAULT_SHARED, extract_ungdc

# Characters of a paragraph read: about a question's length in sentences.
_READ_CHARS = 600


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--full-dir", type=Path, help="the extracted full UNGDC (made if absent)")
    parser.add_argument("--cache-dir", type=Path, help="index cache, reused between runs")
    parser.add_argument("--paragraphs", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = extract_ungdc(args.full_dir or Path(temporary), args.shared)
        index = open_index([folder], cache_dir=args.cache_dir, progress=False)
        names = name_words(index)
        chance = random.Random(args.seed)
        readings: Counter[str] = Counter()
        sentences = 0
        for _ in range(args.paragraphs):
            paragraph = index.paragraph_at(chance.randrange(index.n_paragraphs))
            for sentence in paragraph.text[:_READ_CHARS].split(". "):
                sentences += 1
                readings.update(typos_read(sentence, index, lambda: names)[1])
    print(f"{sentences:,} sentences of {args.paragraphs:,} paragraphs: {readings.total()} read")
    for reading, count in readings.most_common():
        print(f"{count:5}  {reading}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
