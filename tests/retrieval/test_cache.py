"""The persisted index: warm starts, rebuilds on change, and writes that are all or nothing."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

import retrieval.index as index_module
import retrieval.tokenize as tokenize_module
from bot.cli import main as cli_main
from retrieval.cache import (
    HEADER_FILE,
    TEMP_PREFIX,
    atomic_directory,
    corpus_slot,
    default_cache_dir,
    file_digests,
)
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


# ---------------------------------------------------------------------------------------------
# A cache that is checked, not trusted


def _two_documents(folder: Path) -> Path:
    _write_corpus(folder)
    (folder / "b.md").write_text(
        "---\ntitle: Later talks\ndate: 2022-01-02\nspeakers: [Qin Gang]\n---\n\n"
        "Qin Gang spoke of solidarity.\n\nAnd of development.\n\nAnd of trade.\n",
        "utf-8",
    )
    return folder


def _cached(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A two-document corpus, its cache folder, and the one index folder in it."""
    corpus, cache = _two_documents(tmp_path / "corpus"), tmp_path / "cache"
    open_index([corpus], cache_dir=cache)
    (folder,) = corpus_slot(cache, [corpus]).iterdir()
    return corpus, cache, folder


def _resign(folder: Path) -> None:
    """Record the files' current digests in the header, as a writer with a bug (or one that
    knows the format) would: only the shape checks can then tell the files are wrong."""
    header = json.loads((folder / HEADER_FILE).read_text("utf-8"))
    header["files"] = file_digests(folder, header["files"])
    (folder / HEADER_FILE).write_text(json.dumps(header), "utf-8")


def _cut_json(value: Any) -> Any:
    return value[:-1] if isinstance(value, list) else dict(list(value.items())[:-1])


def _retype_json(value: Any) -> Any:
    return [12345 for _ in value] if isinstance(value, list) else {k: 12345 for k in value}


def _damage(path: Path, kind: str) -> None:
    data = path.read_bytes()
    if kind == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif kind == "garbage":
        path.write_bytes(b"\xff\xfe\x00 not what was written \x93NUMPY" * 3)
    elif path.suffix == ".npy":
        array = np.load(path)
        shorter = array[:, :-1] if array.ndim == 2 else array[:-1]
        np.save(path, array.astype(np.float64) if kind == "wrong_type" else shorter)
    elif path.suffix == ".json":
        value = json.loads(data)
        value = _retype_json(value) if kind == "wrong_type" else _cut_json(value)
        path.write_text(json.dumps(value), "utf-8")
    else:  # texts.bin: one byte short, or one longer
        path.write_bytes(data[:-1] if kind == "shorter" else data + b"!")


CACHE_FILES = [
    *(f"{name}.npy" for name in ("text_offsets", "row_doc", "row_pos", "row_group")),
    *(f"{name}.npy" for name in ("row_first_line", "row_last_line")),
    *(f"{name}.npy" for name in ("row_quotes_first", "row_quotes_last")),
    *(f"{name}.npy" for name in ("row_shingles", "row_smallest")),
    *(f"{name}.npy" for name in ("doc_row_start", "indptr", "indices", "data")),
    *(f"bounds_{name}.npy" for name in ("column", "slots", "blocks")),
    *(f"{name}.json" for name in ("documents", "groups", "vocabulary", "speakers", "stats")),
    "texts.bin",
    HEADER_FILE,
]
DAMAGE = ["truncated", "garbage", "wrong_type", "shorter"]


def _assert_rebuilt_and_served(
    corpus: Path, cache: Path, folder: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.clear()
    caplog.set_level(logging.INFO, logger="retrieval.index")
    index = open_index([corpus], cache_dir=cache)
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "rebuilding" in warnings[0].getMessage()
    assert index.search(Query(text="multilateralism")).total == 1
    assert index.search(Query(text="solidarity", speaker="Qin Gang")).total == 1
    assert [p.text for p in index.neighbours(index.paragraph_at(0).id, after=9)] == [
        "Wang Yi said multilateralism is the answer.",
        "He added that peace matters.",
    ]
    assert Index.load(folder).n_paragraphs == 5  # the rebuilt copy replaced the damaged one


@pytest.mark.parametrize("kind", DAMAGE)
@pytest.mark.parametrize("name", CACHE_FILES)
def test_a_damaged_cache_file_means_a_rebuild(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, name: str, kind: str
) -> None:
    corpus, cache, folder = _cached(tmp_path)
    _damage(folder / name, kind)
    _assert_rebuilt_and_served(corpus, cache, folder, caplog)


# What the shape checks catch by themselves, with the digests made to match: every damage
# except a consistent smaller speaker list or stats object (well-formed, only digests tell).
RESIGNED = [
    (name, kind)
    for name in CACHE_FILES
    for kind in DAMAGE
    if name != HEADER_FILE
    and not (name in ("speakers.json", "stats.json") and kind == "shorter")
    and not (name == "texts.bin" and kind == "wrong_type")
]


@pytest.mark.parametrize(("name", "kind"), RESIGNED)
def test_a_malformed_cache_file_means_a_rebuild_even_with_matching_digests(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, name: str, kind: str
) -> None:
    corpus, cache, folder = _cached(tmp_path)
    _damage(folder / name, kind)
    _resign(folder)
    _assert_rebuilt_and_served(corpus, cache, folder, caplog)


def _set_last(value: int) -> Callable[[npt.NDArray[Any]], None]:
    def change(array: npt.NDArray[Any]) -> None:
        array[-1] = value

    return change


def _swap_first_two(array: npt.NDArray[Any]) -> None:
    array[[0, 1]] = array[[1, 0]]


def _swap_second_and_third(array: npt.NDArray[Any]) -> None:
    array[[1, 2]] = array[[2, 1]]


# Values of the right type and length that a query would trip on (or be misled by).
OUT_OF_RANGE: dict[str, Callable[[npt.NDArray[Any]], None]] = {
    "row_doc": _set_last(2),  # a third document, of two
    "row_group": _set_last(99),
    "row_pos": _swap_first_two,  # positions must ascend within a document
    "row_last_line": _set_last(7),  # a last line where the paragraph has no first one
    "row_quotes_first": _set_last(99),  # the last row's hit quoting rows after it
    "row_quotes_last": _set_last(2),  # or only rows before it
    "text_offsets": _swap_second_and_third,
    "doc_row_start": _swap_first_two,
    "indptr": _swap_second_and_third,
    "indices": _set_last(5),  # a sixth paragraph, of five
    "bounds_slots": _set_last(99),
}


@pytest.mark.parametrize("name", sorted(OUT_OF_RANGE))
def test_an_array_out_of_range_means_a_rebuild(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, name: str
) -> None:
    corpus, cache, folder = _cached(tmp_path)
    array = np.load(folder / f"{name}.npy")
    OUT_OF_RANGE[name](array)
    np.save(folder / f"{name}.npy", array)
    _resign(folder)
    _assert_rebuilt_and_served(corpus, cache, folder, caplog)


def test_a_repeated_term_means_a_rebuild(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    corpus, cache, folder = _cached(tmp_path)
    terms = json.loads((folder / "vocabulary.json").read_text("utf-8"))
    (folder / "vocabulary.json").write_text(json.dumps([terms[1], *terms[1:]]), "utf-8")
    _resign(folder)
    _assert_rebuilt_and_served(corpus, cache, folder, caplog)


def test_a_forged_quote_of_the_same_size_is_not_served(tmp_path: Path) -> None:
    corpus, cache, folder = _cached(tmp_path)
    citation = open_index([corpus], cache_dir=cache).paragraph_at(0).id
    texts = (folder / "texts.bin").read_bytes()
    forged = texts.replace(b"multilateralism", b"protectionism!!")
    assert len(forged) == len(texts) and forged != texts
    (folder / "texts.bin").write_bytes(forged)
    paragraph = open_index([corpus], cache_dir=cache).paragraph(citation)
    assert paragraph is not None
    assert paragraph.text == "Wang Yi said multilateralism is the answer."
    assert (folder / "texts.bin").read_bytes() == texts


def test_an_edit_with_size_and_mtime_restored_is_served(tmp_path: Path) -> None:
    """``rsync -t`` and ``tar x`` set a file's mtime back; its ctime (which no call can set)
    still moves, and the fingerprint reads it."""
    corpus, cache = _write_corpus(tmp_path / "corpus"), tmp_path / "cache"
    assert open_index([corpus], cache_dir=cache).search(Query(text="multilateralism")).total == 1
    path = corpus / "a.md"
    before = path.stat()
    path.write_text(path.read_text("utf-8").replace("multilateralism", "protectionism!!"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    index = open_index([corpus], cache_dir=cache)
    assert index.search(Query(text="protectionism")).total == 1
    assert index.search(Query(text="multilateralism")).total == 0


def test_another_tokenizer_version_is_another_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    corpus, cache = _write_corpus(tmp_path / "corpus"), tmp_path / "cache"
    open_index([corpus], cache_dir=cache)
    first = _entries(cache, corpus)
    monkeypatch.setattr(tokenize_module, "TOKENIZER_VERSION", "another")
    caplog.set_level(logging.INFO, logger="retrieval.index")
    open_index([corpus], cache_dir=cache)
    assert "cache miss" in caplog.text
    second = _entries(cache, corpus)
    assert len(first) == len(second) == 1 and first != second


def test_verbatim_index_rebuild_builds_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, cache = _write_corpus(tmp_path / "corpus"), tmp_path / "cache"
    monkeypatch.setenv("VERBATIM_CACHE_DIR", str(cache))
    assert cli_main(["index", "--corpus", str(corpus)]) == 0
    (folder,) = corpus_slot(cache, [corpus]).iterdir()
    built = folder.stat().st_ino
    assert cli_main(["index", "--corpus", str(corpus)]) == 0
    assert folder.stat().st_ino == built  # current: loaded, not built
    assert cli_main(["index", "--corpus", str(corpus), "--rebuild"]) == 0
    assert folder.stat().st_ino != built  # built again and swapped in
    assert "Index ready: 2 paragraphs" in capsys.readouterr().out


def _drop_params(folder: Path) -> None:
    header = json.loads((folder / HEADER_FILE).read_text("utf-8"))
    del header["params"]
    (folder / HEADER_FILE).write_text(json.dumps(header), "utf-8")


def _deep_vocabulary(folder: Path) -> None:
    (folder / "vocabulary.json").write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    _resign(folder)


def _vocabulary_of_lists(folder: Path) -> None:
    terms = json.loads((folder / "vocabulary.json").read_text("utf-8"))
    (folder / "vocabulary.json").write_text(json.dumps([[t] for t in terms]), "utf-8")
    _resign(folder)


def _empty_array(folder: Path) -> None:
    (folder / "indices.npy").write_bytes(b"")
    _resign(folder)


# Errors that no digest or shape check gets to first: KeyError, RecursionError, TypeError
# (a list is no dictionary key), EOFError.
ODDITIES: dict[str, Callable[[Path], None]] = {
    "header without params": _drop_params,
    "vocabulary nested 100,000 deep": _deep_vocabulary,
    "vocabulary of lists": _vocabulary_of_lists,
    "empty .npy file": _empty_array,
}


@pytest.mark.parametrize("case", sorted(ODDITIES))
def test_any_error_loading_a_cache_file_means_a_rebuild(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, case: str
) -> None:
    corpus, cache, folder = _cached(tmp_path)
    ODDITIES[case](folder)
    _assert_rebuilt_and_served(corpus, cache, folder, caplog)
