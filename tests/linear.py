"""Time regexes and text functions on long adversarial inputs, in a child interpreter.

``re`` holds the GIL and cannot be interrupted, so a runaway (quadratic, cubic) pattern is
run where it can be killed: a fresh ``python -m tests.linear``, stopped after a timeout.
Tests name the culprit from the last label the child printed.

    python -m tests.linear corpus.parse corpus.attribution   # every compiled pattern, timed
"""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Runs of the characters each kind of pattern loops on (spaces, letters, capitals, digits,
# punctuation, brackets, quotes, Markdown marks), alone and mixed.
FILLERS = (
    " ", "a", "A", "1", ".", ",", "-", "'", "’", "#", "*", "_", "\\", "[", "]", "(", ")",
    "<", ">", '"', ":", "\n", "\t", "\u00a0", "Aa", "A ", "a ", "A.", "1.", "1,", "a-", "A’",
    "# ", "> ", "[(", "a.", ". ",
)  # fmt: skip
# Openings that lead a pattern into its loop before the filler starts.
PREFIXES = ("", "# a", "A", "Mr", "He", "he", ", said ", "Home > ", "President ", "1 ")


# Patterns the code only ever applies at the start of a text (``match``/``fullmatch``): they
# are timed that way, since a search from every position is not what runs.
ANCHORED = frozenset(
    {
        "corpus.parse._MD_HEADING_OPEN_RE",
        "corpus.parse._SALUTATION_RE",
        "corpus.attribution._SUBJECT_TOKEN_RE",
        "corpus.dates._SINGLE_RE",
        "corpus.dates._DATE_LINE_RE",
        "corpus.dates._FIRST_SENTENCE_RE",
        "corpus.dates._DATELINE_RES[0]",
        "corpus.dates._DATELINE_RES[1]",
    }
)


def adversarial_inputs(size: int) -> list[str]:
    """One ``size``-character text per (prefix, filler), ending in a character no pattern
    expects, so that a backtracking pattern explores everything before it fails."""
    texts = []
    for prefix in PREFIXES:
        for filler in FILLERS:
            texts.append(prefix + filler * (size // len(filler)) + "\x01")
    return texts


def module_patterns(module_name: str) -> dict[str, re.Pattern[str]]:
    """Every compiled pattern a module holds, alone or in a tuple, by label."""
    module = importlib.import_module(module_name)
    found: dict[str, re.Pattern[str]] = {}
    for name, value in vars(module).items():
        values = value if isinstance(value, tuple) else (value,)
        for number, item in enumerate(values):
            if isinstance(item, re.Pattern) and isinstance(item.pattern, str):
                label = f"{module_name}.{name}" + (f"[{number}]" if len(values) > 1 else "")
                found[label] = item
    return found


def _time_patterns(module_names: list[str], size: int, skip: set[str]) -> None:
    texts = adversarial_inputs(size)
    for module_name in module_names:
        for label, pattern in module_patterns(module_name).items():
            if label in skip:
                continue
            print(label, end=" ", flush=True)
            started = time.perf_counter()
            for text in texts:
                if label in ANCHORED:
                    pattern.match(text)
                    pattern.fullmatch(text)
                    continue
                for _ in pattern.finditer(text):
                    pass
            print(f"{time.perf_counter() - started:.4f}", flush=True)


def pattern_seconds(
    module_names: list[str], size: int, timeout: float, skip: frozenset[str] = frozenset()
) -> dict[str, float]:
    """Seconds each compiled pattern of the modules (but those in ``skip``) takes over all
    adversarial inputs of ``size`` characters; raises AssertionError naming the pattern that
    outlived ``timeout``."""
    skipped = [f"-{label}" for label in sorted(skip)]
    command = [sys.executable, "-m", "tests.linear", str(size), *module_names, *skipped]
    try:
        done = subprocess.run(
            command, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=True
        )
        output = done.stdout
    except subprocess.TimeoutExpired as expired:
        partial = expired.stdout or b""
        text = partial.decode() if isinstance(partial, bytes) else partial
        stuck = text.split("\n")[-1].strip() or "(before the first pattern)"
        raise AssertionError(
            f"{stuck} ran over {timeout:.0f} s on {size}-character inputs"
        ) from None
    seconds = {}
    for line in output.splitlines():
        label, value = line.split()
        seconds[label] = float(value)
    return seconds


def statement_seconds(setup: str, statement: str, timeout: float) -> float:
    """Seconds ``statement`` takes after ``setup``, in a child interpreter stopped after
    ``timeout`` (an AssertionError then)."""
    code = (
        f"import time\n{setup}\nstarted = time.perf_counter()\n{statement}\n"
        "print(time.perf_counter() - started)\n"
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        )
    except subprocess.TimeoutExpired:
        raise AssertionError(f"ran over {timeout:.0f} s: {statement}") from None
    return float(done.stdout.split()[-1])


if __name__ == "__main__":
    names = sys.argv[2:]
    _time_patterns(
        [n for n in names if not n.startswith("-")],
        int(sys.argv[1]),
        {n[1:] for n in names if n.startswith("-")},
    )
