"""Hostile corpus folders (issue 12), built in a temporary folder, and a bounded load of them.

Every case is a corpus folder holding one good file and one bad thing beside it, and a secret
beside the corpus folder (an operator's ``.env``). The load runs in a child process under a
time and memory bound: a loader that blocks on a FIFO or reads ``/dev/zero`` until memory runs
out fails its test instead of stalling the suite or starving the machine.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

# Generous: every case loads in well under a second; only a hang comes near this.
LOAD_TIMEOUT_S = 10.0
# The child's address space: the loader needs ~100 MB here; a billion laughs needs 2+ GB.
CHILD_MEMORY_BYTES = 1024**3

GOOD_NAME = "good.txt"
GOOD_TEXT = "The delegates agreed that dialogue matters."
SECRET = "DISCORD_TOKEN=hostile-sentinel-secret"
# Text that would show a file from outside the corpus (or an expanded YAML bomb) was served.
LEAKS = ("hostile-sentinel-secret", "root:x:0:0", "VmRSS", "PPid:", "lol")

# A 9x9 "billion laughs": 9**9 "lol"s once its aliases are expanded.
BOMB_LINES = [
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    *(
        f"{name}: &{name} [{','.join([f'*{prev}'] * 9)}]"
        for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
    ),
]
BILLION_LAUGHS = "\n".join(BOMB_LINES) + "\n"
# ~10 KB of nesting: deeper than Python's recursion limit.
NESTED_YAML = "[" * 5000 + "]" * 5000
NESTED_JSON = "[" * 100_000 + "]" * 100_000


@dataclass
class Hostile:
    """A corpus folder (``root``) with ``good.txt`` in it and a secret beside it."""

    root: Path
    secret: Path

    def write(self, name: str, content: str | bytes) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    def link(self, name: str, target: str | Path) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target)
        return path

    def fifo(self, name: str) -> Path:
        path = self.root / name
        os.mkfifo(path)
        return path

    def unix_socket(self, name: str) -> Path:
        # Bound by its name from inside the folder: a socket's path is limited to ~107 bytes.
        with contextlib.chdir(self.root), socket.socket(socket.AF_UNIX) as server:
            server.bind(name)  # the socket file stays after the socket closes
        return self.root / name


def hostile_folder(base: Path) -> Hostile:
    root = base / "corpus"
    root.mkdir()
    (root / GOOD_NAME).write_text(GOOD_TEXT + "\n", encoding="utf-8")
    secret = base / ".env"
    secret.write_text(SECRET + "\n", encoding="utf-8")
    return Hostile(root, secret)


@dataclass
class Loaded:
    """What a load of a hostile folder gave, paths relative to the corpus folder."""

    paragraphs: list[str]
    titles: dict[str, str | None]
    skipped: dict[str, list[str]]
    warnings: dict[str, list[str]]
    log: str

    def leaks(self) -> list[str]:
        """Paragraphs or titles showing something from outside the corpus folder."""
        shown = [*self.paragraphs, *(t or "" for t in self.titles.values())]
        return [text for text in shown if any(leak in text for leak in LEAKS)]


_CHILD = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))
from corpus.loader import load_corpus
corpus = load_corpus([sys.argv[1]], progress=False)
json.dump({{
    "paragraphs": [p.text for p in corpus.paragraphs()],
    "titles": {{d.path: d.title for d in corpus.documents}},
    "skipped": [[i.path, i.reason] for i in corpus.skipped],
    "warnings": [[i.path, i.reason] for i in corpus.warnings],
}}, sys.stdout)
"""


def load_bounded(root: Path) -> Loaded:
    """Load ``root`` in a child process; fail (raise AssertionError) if the load hangs past
    LOAD_TIMEOUT_S or dies."""
    try:
        child = subprocess.run(
            [sys.executable, "-c", _CHILD.format(memory=CHILD_MEMORY_BYTES), str(root)],
            capture_output=True,
            text=True,
            timeout=LOAD_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise AssertionError(f"the load did not finish within {LOAD_TIMEOUT_S:.0f} s") from error
    tail = child.stderr.strip().splitlines()[-3:]
    assert child.returncode == 0, f"the load died (exit {child.returncode}): {tail}"
    result = json.loads(child.stdout)
    prefix = root.as_posix() + "/"

    def by_path(issues: list[list[str]]) -> dict[str, list[str]]:
        grouped: dict[str, list[str]] = {}
        for path, reason in issues:
            grouped.setdefault(path.removeprefix(prefix), []).append(reason)
        return grouped

    return Loaded(
        paragraphs=result["paragraphs"],
        titles=result["titles"],
        skipped=by_path(result["skipped"]),
        warnings=by_path(result["warnings"]),
        log=child.stderr,
    )
