"""The paragraph store: every paragraph's text and place, compact and memory-mappable.

All paragraph texts sit in one UTF-8 buffer cut by an offsets array; per-row numpy arrays say
which document, which position, which speaker group and which source lines each paragraph
has, the rows its hit quotes (``lists``) and its near-duplicate sketch (``duplicates``);
documents' metadata and the distinct speaker groups are small JSON lists. A warm start maps
the arrays and the buffer and reads the JSON, so no pydantic object is made until one is
asked for.
"""

from __future__ import annotations

import json
import mmap
import os
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import numpy.typing as npt
from pydantic import TypeAdapter

from .duplicates import SKETCH, Sketch, SketchTable

IntArray = npt.NDArray[np.int64]
Int32Array = npt.NDArray[np.int32]
UInt32Array = npt.NDArray[np.uint32]

Group = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]  # speakers, collective, mentions
TEXTS_FILE = "texts.bin"
_SLICE_BYTES = 1 << 24  # a multiple of the page size, as madvise needs


@dataclass
class Store:
    texts: bytes | mmap.mmap
    text_offsets: IntArray  # n_rows + 1
    row_doc: Int32Array
    row_pos: Int32Array
    row_group: Int32Array
    # The paragraph's first and last source line (1-based); 0 and 0 when it has none.
    row_first_line: Int32Array
    row_last_line: Int32Array
    # The rows a hit on the paragraph quotes: itself, or its list's lead to its last point.
    row_quotes_first: Int32Array
    row_quotes_last: Int32Array
    row_shingles: UInt32Array  # how many distinct shingles the paragraph has
    row_smallest: UInt32Array  # n_rows * SKETCH: its smallest shingle hashes, 0 past the size
    doc_row_start: IntArray  # n_docs + 1: rows of document d are [start[d], start[d + 1])
    documents: list[dict[str, Any]]  # Document.model_dump(mode="json") without paragraphs
    groups: list[Group]

    @property
    def n_rows(self) -> int:
        return int(self.row_doc.size)

    def text(self, row: int) -> str:
        start, end = int(self.text_offsets[row]), int(self.text_offsets[row + 1])
        return bytes(self.texts[start:end]).decode("utf-8")

    # Read for a whole ranking at once: row by row, the numpy lookups were most of the time.
    def sketches(self, rows: list[int]) -> SketchTable:
        return SketchTable(self.row_shingles[rows], self.row_smallest.reshape(-1, SKETCH)[rows])

    def quotes(self, rows: list[int]) -> list[range]:
        firsts, lasts = self.row_quotes_first[rows].tolist(), self.row_quotes_last[rows].tolist()
        return [range(first, last + 1) for first, last in zip(firsts, lasts, strict=True)]

    def documents_of(self, rows: list[int]) -> list[int]:
        return list(self.row_doc[rows].tolist())

    def lines(self, row: int) -> tuple[int, int] | None:
        first = int(self.row_first_line[row])
        return (first, int(self.row_last_line[row])) if first else None


class StoreBuilder:
    """Collects paragraphs one at a time, in document order.

    Texts are written to a file as they come (a temporary one: ``finish`` maps it) and numbers
    go into typed arrays (4 or 8 bytes each), not into lists of objects: on the UNGDC a list of
    per-paragraph ``bytes`` and their join held the 0.2 GB of text three times over at the end
    of the build.
    """

    def __init__(self, texts: BinaryIO) -> None:
        self._texts = texts
        self._size = 0
        self._offsets = array("q", [0])
        self._row_doc = array("i")
        self._row_pos = array("i")
        self._row_group = array("i")
        self._row_first_line = array("i")
        self._row_last_line = array("i")
        self._row_quotes_first = array("i")
        self._row_quotes_last = array("i")
        self._row_shingles = array("I")
        self._row_smallest = array("I")
        self._doc_row_start = array("q")
        self._documents: list[dict[str, Any]] = []
        self._groups: dict[Group, int] = {}

    def add_document(self, metadata: dict[str, Any]) -> None:
        self._doc_row_start.append(len(self._row_doc))
        self._documents.append(metadata)

    def add_paragraph(
        self,
        text: str,
        position: int,
        group: Group,
        *,
        lines: tuple[int, int] | None,
        quotes: range,
        sketch: Sketch,
    ) -> None:
        """``quotes``: the paragraphs a hit on this one quotes, numbered within its document
        from 0 (``lists.document_lists``)."""
        self._size += self._texts.write(text.encode("utf-8"))
        self._offsets.append(self._size)
        self._row_doc.append(len(self._documents) - 1)
        self._row_pos.append(position)
        self._row_group.append(self._groups.setdefault(group, len(self._groups)))
        first, last = lines or (0, 0)
        self._row_first_line.append(first)
        self._row_last_line.append(last)
        document_start = self._doc_row_start[-1]
        self._row_quotes_first.append(document_start + quotes.start)
        self._row_quotes_last.append(document_start + quotes.stop - 1)
        self._row_shingles.append(sketch.size)
        self._row_smallest.extend(sorted(sketch.smallest))
        self._row_smallest.extend([0] * (SKETCH - len(sketch.smallest)))

    def finish(self) -> Store:
        self._doc_row_start.append(len(self._row_doc))
        self._texts.flush()
        return Store(
            texts=map_file(self._texts),
            text_offsets=np.frombuffer(self._offsets, dtype=np.int64),
            row_doc=np.frombuffer(self._row_doc, dtype=np.int32),
            row_pos=np.frombuffer(self._row_pos, dtype=np.int32),
            row_group=np.frombuffer(self._row_group, dtype=np.int32),
            row_first_line=np.frombuffer(self._row_first_line, dtype=np.int32),
            row_last_line=np.frombuffer(self._row_last_line, dtype=np.int32),
            row_quotes_first=np.frombuffer(self._row_quotes_first, dtype=np.int32),
            row_quotes_last=np.frombuffer(self._row_quotes_last, dtype=np.int32),
            row_shingles=np.frombuffer(self._row_shingles, dtype=np.uint32),
            row_smallest=np.frombuffer(self._row_smallest, dtype=np.uint32),
            doc_row_start=np.frombuffer(self._doc_row_start, dtype=np.int64),
            documents=self._documents,
            groups=list(self._groups),
        )


_ARRAYS: dict[str, type[np.integer[Any]]] = {
    "text_offsets": np.int64,
    "row_doc": np.int32,
    "row_pos": np.int32,
    "row_group": np.int32,
    "row_first_line": np.int32,
    "row_last_line": np.int32,
    "row_quotes_first": np.int32,
    "row_quotes_last": np.int32,
    "row_shingles": np.uint32,
    "row_smallest": np.uint32,
    "doc_row_start": np.int64,
}
_GROUPS = TypeAdapter(list[Group])


def save_store(store: Store, folder: Path) -> None:
    for name in _ARRAYS:
        np.save(folder / f"{name}.npy", getattr(store, name))
    _write_texts(store.texts, folder / TEXTS_FILE)
    _write_json(folder / "documents.json", store.documents)
    _write_json(folder / "groups.json", [list(map(list, g)) for g in store.groups])


def _write_texts(texts: bytes | mmap.mmap, path: Path) -> None:
    """Write the text buffer; a mapped one a slice at a time, each let go of once written, so
    that saving a built index does not bring its whole text into memory (0.2 GB on the UNGDC,
    the build's peak otherwise)."""
    with path.open("wb") as out:
        if not isinstance(texts, mmap.mmap):
            out.write(texts)
            return
        for start in range(0, len(texts), _SLICE_BYTES):
            end = min(start + _SLICE_BYTES, len(texts))
            out.write(texts[start:end])
            texts.madvise(mmap.MADV_DONTNEED, start, end - start)


def load_store(folder: Path) -> Store:
    """Map a saved store; ``ValueError`` if its files disagree in size or hold a value no row
    could be served with (a row or document out of range, offsets going backwards)."""
    arrays = {name: typed_array(folder / f"{name}.npy", dtype) for name, dtype in _ARRAYS.items()}
    documents = _read_json(folder / "documents.json")
    if not isinstance(documents, list) or not all(isinstance(d, dict) for d in documents):
        raise ValueError(f"{folder}: documents.json is not a list of objects")
    store = Store(
        texts=map_bytes(folder / TEXTS_FILE),
        documents=documents,
        groups=_GROUPS.validate_python(_read_json(folder / "groups.json")),
        **arrays,
    )
    problem = _store_problem(store)
    if problem:
        raise ValueError(f"{folder}: paragraph store files disagree: {problem}")
    return store


def _store_problem(store: Store) -> str | None:
    """What makes ``store`` unservable, or None. Linear numpy passes over the per-row arrays."""
    n_rows, n_docs = store.n_rows, len(store.documents)
    offsets, starts = store.text_offsets, store.doc_row_start
    per_row = (
        store.row_pos,
        store.row_group,
        store.row_first_line,
        store.row_last_line,
        store.row_quotes_first,
        store.row_quotes_last,
        store.row_shingles,
    )
    if offsets.size != n_rows + 1 or any(values.size != n_rows for values in per_row):
        return "per-row arrays differ in length"
    if store.row_smallest.size != n_rows * SKETCH:
        return f"row_smallest is not {SKETCH} hashes a row"
    if starts.size != n_docs + 1:
        return "doc_row_start does not match documents.json"
    if int(offsets[0]) != 0 or int(offsets[-1]) != len(store.texts) or _descends(offsets):
        return "text offsets do not cut texts.bin"
    if int(starts[0]) != 0 or int(starts[-1]) != n_rows or _descends(starts):
        return "document row ranges do not cut the rows"
    expected_doc = np.repeat(np.arange(n_docs, dtype=np.int32), np.diff(starts))
    if not np.array_equal(store.row_doc, expected_doc):
        return "row_doc disagrees with doc_row_start"
    if n_rows == 0:
        return None
    if int(store.row_group.min()) < 0 or int(store.row_group.max()) >= len(store.groups):
        return "row_group names a speaker group that does not exist"
    # row_of binary-searches a document's positions: they must ascend within each document.
    same_document = np.diff(store.row_doc) == 0
    if int(store.row_pos.min()) < 0 or bool((np.diff(store.row_pos)[same_document] <= 0).any()):
        return "positions do not ascend within a document"
    first, last = store.row_first_line, store.row_last_line
    if int(first.min()) < 0 or bool(((first == 0) != (last == 0)).any() or (last < first).any()):
        return "line spans are not first <= last, or both absent"
    rows = np.arange(n_rows)
    first, last = store.row_quotes_first, store.row_quotes_last
    if bool((first > rows).any() or (last < rows).any() or (first < 0).any()):
        return "a row's quoted rows do not include it"
    if bool((last >= n_rows).any() or (store.row_doc[first] != store.row_doc[last]).any()):
        return "a row's quoted rows leave its document"
    return None


def _descends(values: npt.NDArray[np.integer[Any]]) -> bool:
    return bool((np.diff(values) < 0).any())


def typed_array(path: Path, dtype: type[np.generic]) -> npt.NDArray[Any]:
    """``map_array`` of a one-dimensional array of exactly ``dtype`` (byte order included), else
    ``ValueError``: a cache written with another type would fail or mislead at query time."""
    array = map_array(path)
    if array.dtype != np.dtype(dtype) or array.ndim != 1:
        expected = np.dtype(dtype)
        raise ValueError(f"{path.name}: {array.ndim}-d {array.dtype}, expected 1-d {expected}")
    return array


def map_array(path: Path) -> npt.NDArray[Any]:
    """A saved ``.npy`` array, memory-mapped, as a plain ndarray view of the mapping.

    np.memmap's subclass hooks run on every slice and every result computed from one; on a
    query's few dozen slices they cost more than the arithmetic (~0.4 ms of a 12-word query at
    1M paragraphs). The view keeps the mapping, and with it the warm start's speed and memory.
    """
    return np.asarray(np.load(path, mmap_mode="r"))


def map_bytes(path: Path) -> bytes | mmap.mmap:
    """The file's bytes, memory-mapped."""
    with path.open("rb") as handle:
        return map_file(handle)


def map_file(handle: BinaryIO) -> bytes | mmap.mmap:
    """An open file's bytes, memory-mapped (the mapping outlives the handle; an empty file
    cannot be mapped)."""
    if os.fstat(handle.fileno()).st_size == 0:
        return b""
    return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


def _write_json(path: Path, value: Any) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")), "utf-8")


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text("utf-8"))
