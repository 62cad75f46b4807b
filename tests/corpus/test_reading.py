"""Reading one corpus file: the size a file claims is not trusted."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.clean import BadInput
from corpus.reading import read_file


def test_a_file_longer_than_its_size_says_is_cut_at_the_limit() -> None:
    # /proc files report size 0: only the bounded read (limit + 1 bytes) tells it is too long.
    status = Path("/proc/self/status")
    if not status.is_file():
        pytest.skip("needs Linux's /proc")
    assert status.stat().st_size == 0
    with pytest.raises(BadInput, match=r"^too large \(over 10 bytes; the limit is 10\)$"):
        read_file(status, Path("/proc/self").resolve(), 10)
    assert read_file(status, Path("/proc/self").resolve(), 1 << 20).startswith(b"Name:")


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"x" * 10)
    assert read_file(tmp_path / "a.txt", tmp_path.resolve(), 10) == b"x" * 10
    with pytest.raises(BadInput, match=r"^too large \(10 bytes; the limit is 9\)$"):
        read_file(tmp_path / "a.txt", tmp_path.resolve(), 9)
