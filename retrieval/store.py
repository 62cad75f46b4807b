"""The paragraph store: every paragraph's text and place, compact and memory-mappable.

All paragraph texts sit in one UTF-8 buffer cut by an offsets array; per-row numpy arrays say
which document, which position and which speaker group each paragraph has; documents'
metadata and the distinct speaker groups are small JSON lists. A warm start maps the arrays
and the buffer and reads the JSON, so no pydantic object is made until one is asked for.
"""

from __future__ import annotations

import json
import mmap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
Int32Array = npt.NDArray[np.int32]

Group = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]  # speakers, collective, mentions
TEXTS_FILE = "texts.bin"


@dataclass
class Store:
    texts: bytes | mmap.mmap
    text_offsets: IntArray  # n_rows + 1
    row_doc: Int32Array
    row_pos: Int32Array
    row_group: Int32Array
    doc_row_start: IntArray  # n_docs + 1: rows of document d are [start[d], start[d + 1])
    documents: list[dict[str, Any]]  # Document.model_dump(mode="json") without paragraphs
    groups: list[Group]

    @property
    def n_rows(self) -> int:
        return int(self.row_doc.size)

    def text(self, row: int) -> str:
        start, end = int(self.text_offsets[row]), int(self.text_offsets[row + 1])
        return bytes(self.texts[start:end]).decode("utf-8")


class StoreBuilder:
    """Collects paragraphs one at a time, in document order."""

    def __init__(self) -> None:
        self._chunks: list[bytes] = []
        self._offsets: list[int] = [0]
        self._row_doc: list[int] = []
        self._row_pos: list[int] = []
        self._row_group: list[int] = []
        self._doc_row_start: list[int] = []
        self._documents: list[dict[str, Any]] = []
        self._groups: dict[Group, int] = {}

    def add_document(self, metadata: dict[str, Any]) -> None:
        self._doc_row_start.append(len(self._row_doc))
        self._documents.append(metadata)

    def add_paragraph(self, text: str, position: int, group: Group) -> None:
        data = text.encode("utf-8")
        self._chunks.append(data)
        self._offsets.append(self._offsets[-1] + len(data))
        self._row_doc.append(len(self._documents) - 1)
        self._row_pos.append(position)
        self._row_group.append(self._groups.setdefault(group, len(self._groups)))

    def finish(self) -> Store:
        return Store(
            texts=b"".join(self._chunks),
            text_offsets=np.array(self._offsets, dtype=np.int64),
            row_doc=np.array(self._row_doc, dtype=np.int32),
            row_pos=np.array(self._row_pos, dtype=np.int32),
            row_group=np.array(self._row_group, dtype=np.int32),
            doc_row_start=np.array([*self._doc_row_start, len(self._row_doc)], dtype=np.int64),
            documents=self._documents,
            groups=list(self._groups),
        )


_ARRAYS = ("text_offsets", "row_doc", "row_pos", "row_group", "doc_row_start")


def save_store(store: Store, folder: Path) -> None:
    for name in _ARRAYS:
        np.save(folder / f"{name}.npy", getattr(store, name))
    (folder / TEXTS_FILE).write_bytes(bytes(store.texts))
    _write_json(folder / "documents.json", store.documents)
    _write_json(folder / "groups.json", [list(map(list, g)) for g in store.groups])


def load_store(folder: Path) -> Store:
    arrays = {name: map_array(folder / f"{name}.npy") for name in _ARRAYS}
    groups = [
        (tuple(s), tuple(c), tuple(m)) for s, c, m in _read_json(folder / "groups.json")
    ]
    store = Store(
        texts=map_bytes(folder / TEXTS_FILE),
        documents=_read_json(folder / "documents.json"),
        groups=groups,
        **arrays,
    )
    n_rows, n_docs = store.n_rows, len(store.documents)
    consistent = (
        store.text_offsets.size == n_rows + 1
        and store.row_pos.size == n_rows
        and store.row_group.size == n_rows
        and store.doc_row_start.size == n_docs + 1
        and (n_rows == 0 or int(store.text_offsets[-1]) == len(store.texts))
    )
    if not consistent:
        raise ValueError(f"{folder}: paragraph store files disagree in size")
    return store


def map_array(path: Path) -> npt.NDArray[Any]:
    """A saved ``.npy`` array, memory-mapped, as a plain ndarray view of the mapping.

    np.memmap's subclass hooks run on every slice and every result computed from one; on a
    query's few dozen slices they cost more than the arithmetic (~0.4 ms of a 12-word query at
    1M paragraphs). The view keeps the mapping, and with it the warm start's speed and memory.
    """
    return np.asarray(np.load(path, mmap_mode="r"))


def map_bytes(path: Path) -> bytes | mmap.mmap:
    """The file's bytes, memory-mapped (an empty file cannot be mapped)."""
    with path.open("rb") as handle:
        if path.stat().st_size == 0:
            return b""
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


def _write_json(path: Path, value: Any) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")), "utf-8")


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text("utf-8"))
