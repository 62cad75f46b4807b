"""Metadata tables: ``metadata.csv`` / ``metadata.jsonl`` describing the files under a folder.

One row per file, keyed by ``path`` relative to the table's folder. A malformed row is
reported (and its file skipped); a table that cannot be read at all is an error for the user.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .clean import BadInput, decode
from .errors import VerbatimError
from .formats import json_lines, source_fields
from .issues import IssueCollector
from .parse import SourceFields

__all__ = ["METADATA_NAMES", "MetadataTable", "read_metadata"]

METADATA_NAMES = ("metadata.csv", "metadata.jsonl")


@dataclass
class MetadataTable:
    """Rows keyed by file path relative to the corpus folder (POSIX)."""

    rows: dict[str, SourceFields] = field(default_factory=dict)
    bad_rows: dict[str, str] = field(default_factory=dict)  # path -> reason (file skipped)
    # The folder of each table read ("" for the corpus folder itself, else "sub/").
    folders: list[str] = field(default_factory=list)

    def covers(self, path: str) -> bool:
        """Whether a table sits in the folder of ``path`` or above it, so that the file should
        have a row."""
        return any(path.startswith(folder) for folder in self.folders)


def _normalise(path: str) -> str:
    posix = path.strip().replace("\\", "/")
    while posix.startswith("./"):
        posix = posix[2:]
    return str(PurePosixPath(posix))


def read_metadata(table: Path, root: Path, into: MetadataTable, issues: IssueCollector) -> None:
    """Add ``table``'s rows to ``into``, keyed relative to the corpus folder ``root``; a row
    that names no file is reported to ``issues``."""
    folder = table.parent.relative_to(root).as_posix()
    folder = "" if folder == "." else folder + "/"
    into.folders.append(folder)
    shown = table.relative_to(root).as_posix()
    try:
        text, _ = decode(table.read_bytes())
    except (OSError, BadInput) as error:
        raise _unreadable(table, error) from error
    records = _csv_records(text, table) if table.suffix == ".csv" else _jsonl_records(text)
    for line, record, problem in records:
        path_value = str(record.get("path") or "").strip() if record else ""
        if not path_value:
            issues.warn(f"{table.as_posix()}:{line}", problem or "row without a 'path'")
            continue
        key = folder + _normalise(path_value)
        if problem:
            into.bad_rows[key] = _malformed(line, shown, problem)
            continue
        try:
            fields = source_fields({k: v for k, v in record.items() if k != "path"})
        except BadInput as error:
            into.bad_rows[key] = _malformed(line, shown, error)
            continue
        into.rows[key] = fields


def _malformed(line: int, shown: str, problem: object) -> str:
    """Why a row's file is skipped: the row, its table, and what is wrong with it."""
    return f"malformed row {line} in {shown}: {problem}"


def _unreadable(table: Path, why: object) -> VerbatimError:
    """A table that cannot be read at all: the user's to fix, so the load stops."""
    return VerbatimError(f"cannot read metadata table {table}: {why}")


Record = tuple[int, dict[str, object], str | None]


def _csv_records(text: str, table: Path) -> list[Record]:
    reader = csv.reader(io.StringIO(text.replace("\r\n", "\n")))
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as error:
        raise _unreadable(table, "no header row") from error
    header = [name.strip().lstrip("\ufeff") for name in header]
    if "path" not in header:
        raise _unreadable(table, "no 'path' column")
    records: list[Record] = []
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            records.append((reader.line_num, {}, f"unreadable CSV ({error})"))
            continue
        if not any(cell.strip() for cell in row):
            continue
        record: dict[str, object] = dict(zip(header, row, strict=False))
        if len(row) != len(header):
            problem = f"{len(row)} fields where the header has {len(header)}"
            records.append((reader.line_num, record, problem))
            continue
        records.append((reader.line_num, record, None))
    return records


def _jsonl_records(text: str) -> list[Record]:
    records: list[Record] = []
    for number, _, value, problem in json_lines(text):
        if problem is not None:
            records.append((number, {}, problem))
        elif not isinstance(value, dict):
            records.append((number, {}, "not a JSON object"))
        else:
            records.append((number, value, None))
    return records
