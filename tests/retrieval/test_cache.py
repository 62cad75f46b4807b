"""The persisted index: warm starts, rebuilds on change, and writes that are all or nothing."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import retrieval.index as index_module
from retrieval.cache import TEMP_PREFIX, atomic_directory, corpus_slot, default_cache_dir
from retrieval.index import Index, open_index
from retrieval.models import Query

REPO = Path(__file__).resolve().parents[2]


def _write_corpus(folder: Path, words: str = "multilateralism") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.md").write_text(
        "---\ntitle: Talks\ndate: 2021-05-08\nsource: Test Wire\nspeakers: [Wang Yi]\n---\n\n"
        f"Wang Yi said {words} is the answer.\n\nHe added that peace matters.\n",
        "utf-8",
    )
    return folder


def _entries(cache: Path, corpus: Path) -> list[str]:
    slot = corpus_slot(cache, [corpus])
    return sorted(p.name for p in slot.iterdir()) if slot.is_dir() else []


def test_default_cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert default_cache_dir(tmp_path / "c") == tmp_path / "c"
    assert default_cache_dir(Path("~/c")) == Path.home() / "c"
    # The configured folder comes from the caller (the settings), never the environment.
    monkeypatch.setenv("VERBATIM_CACHE_DIR", str(tmp_path / "c"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "verbatim"


def test_warm_start_loads_without_reading_the_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    corpus, cache = _write_corpus(tmp_path / "corpus"), tmp_path / "cache"
    caplog.set_level(logging.INFO, logger="retrieval.index")
    cold = open_index([corpus], cache_dir=cache)
    assert "cache miss" in caplog.text

    def no_loading(*args: object, **kwargs: object) -> None:
        raise AssertionError("a warm start must not load the corpus")

    monkeypatch.setattr(index_module, "load_corpus", no_loading)
    caplog.clear()
    warm = open_index([corpus], cache_dir=cache)
    assert "cache hit" in caplog.text
    query = Query(text="multilateralism")
    assert warm.search(query) == cold.search(query) and warm.search(query).total == 1


def test_changed_corpus_rebuilds_and_drops_the_old_index(tmp_path: Path) -> None:
    corpus, cache = _write_corpus(tmp_path / "corpus"), tmp_path / "cache"
    assert open_index([corpus], cache_dir=cache).search(Query(text="solidarity")).total == 0
    before = _entries(cache, corpus)
    _write_corpus(corpus, words="solidarity")
    stat = (corpus / "a.md").stat()
    os.utime(corpus / "a.md", ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert open_index([corpus], cache_dir=cache).search(Query(text="solidarity")).total == 1
    after = _entries(cache, corpus)
    assert len(before) == len(after) == 1 and before != after


def test_failed_write_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "slot" / "index"
    with pytest.raises(RuntimeError), atomic_directory(target) as folder:
        (folder / "half.npy").write_bytes(b"\x93NUMPY")
        raise RuntimeError("disk full")
    assert not target.exists()
    assert list(target.parent.iterdir()) == []


def test_replacing_an_index_is_atomic(tmp_path: Path) -> None:
    target = tmp_path / "index"
    for content in ("old", "new"):
        with atomic_directory(target) as folder:
            (folder / "x").write_text(content)
    assert (target / "x").read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["index"]


def test_crash_mid_write_never_loads(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A writer killed halfway leaves its temporary folder; the next start ignores it."""
    corpus, cache = _write_corpus(tmp_path / "corpus"), tmp_path / "cache"
    script = textwrap.dedent(
        f"""
        import os
        import numpy as np
        import retrieval.index as m
        real_save = np.save
        def dying_save(path, array, *a, **k):
            real_save(path, array, *a, **k)
            if str(path).endswith("indices.npy"):
                os._exit(9)   # killed between two files
        m.np.save = dying_save
        from pathlib import Path
        m.open_index([Path({str(corpus)!r})], cache_dir=Path({str(cache)!r}))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, check=False)
    assert done.returncode == 9
    left = _entries(cache, corpus)
    assert len(left) == 1 and left[0].startswith(TEMP_PREFIX)
    caplog.set_level(logging.INFO, logger="retrieval.index")
    index = open_index([corpus], cache_dir=cache)
    assert "cache miss" in caplog.text
    assert index.search(Query(text="multilateralism")).total == 1
    # The dead writer's folder is young, so it is left alone (it could be a live writer).
    assert len(_entries(cache, corpus)) == 2


def test_damaged_index_is_rebuilt(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    corpus, cache = _write_corpus(tmp_path / "corpus"), tmp_path / "cache"
    open_index([corpus], cache_dir=cache)
    (folder,) = corpus_slot(cache, [corpus]).iterdir()
    data = (folder / "data.npy").read_bytes()
    (folder / "data.npy").write_bytes(data[: len(data) // 2])
    caplog.set_level(logging.INFO, logger="retrieval.index")
    index = open_index([corpus], cache_dir=cache)
    assert "unreadable" in caplog.text
    assert index.search(Query(text="multilateralism")).total == 1
    assert Index.load(folder).n_paragraphs == 2  # and the rebuilt copy replaced it


def test_index_without_its_header_is_not_loaded(tmp_path: Path) -> None:
    corpus, cache = _write_corpus(tmp_path / "corpus"), tmp_path / "cache"
    open_index([corpus], cache_dir=cache)
    (folder,) = corpus_slot(cache, [corpus]).iterdir()
    (folder / "index.json").unlink()
    with pytest.raises(OSError):
        Index.load(folder)
    assert open_index([corpus], cache_dir=cache).n_paragraphs == 2
    assert (folder / "index.json").is_file()


def test_embedded_corpus_uses_the_default_cache(private_cache_dir: Path) -> None:
    # tests/conftest.py points the default cache (platformdirs') at a temporary folder.
    assert default_cache_dir() == private_cache_dir
    index = open_index()
    assert index.search(Query(text="korosi one-China")).total > 0
    assert any(private_cache_dir.iterdir())
