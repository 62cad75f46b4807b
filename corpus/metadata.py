"""Metadata tables: ``metadata.csv`` / ``metadata.jsonl`` describing the files under a folder.

One row per file, keyed by ``path`` relative to the table's folder. A malformed row is
reported (and its file skipped); a table that cannot be read at all (no ``path`` column,
empty, binary, a quote never closed) is reported and not used: the files under its folder
load with what their own text says, as if it were not there.

Besides the fields every document has (``title``, ``date``, …), a table may declare a
document's country or delegation, which searches can filter on: by naming its columns as
``COUNTRY_COLUMNS`` (the name, e.g. ``country``) and ``COUNTRY_CODE_COLUMNS`` (an ISO code,
e.g. ``iso``) do, as the UNGDC's table does. ``document_country`` is the one reader of them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .clean import BadInput, decode
from .formats import json_lines, source_fields
from .issues import IssueCollector
from .parse import SourceFields
from .reading import DEFAULT_MAX_FILE_BYTES, read_file

__all__ = [
    "COUNTRY_CODE_COLUMNS",
    "COUNTRY_COLUMNS",
    "METADATA_NAMES",
    "MetadataTable",
    "document_country",
    "read_metadata",
]

METADATA_NAMES = ("metadata.csv", "metadata.jsonl")

# The filter columns, declared by their header: the first of each a row fills is read. Names
# rather than a configuration file, so the UNGDC's own table (``country``, ``iso``) filters as
# it is, and a corpus of delegations says so in its header.
COUNTRY_COLUMNS = ("country", "delegation")
COUNTRY_CODE_COLUMNS = ("iso", "iso3", "country_code")


def document_country(extra: Mapping[str, str]) -> tuple[str, str] | None:
    """(name, code) of a document's country from its extra metadata, or None. Without a code
    column the name is the code; a code alone is its own name."""
    name, code = _first(extra, COUNTRY_COLUMNS), _first(extra, COUNTRY_CODE_COLUMNS)
    if not name and not code:
        return None
    return name or code, code or name


def _first(extra: Mapping[str, str], columns: tuple[str, ...]) -> str:
    for column in columns:
        value = (extra.get(column) or "").strip()
        if value:
            return value
    return ""


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


def read_metadata(
    table: Path,
    root: Path,
    into: MetadataTable,
    issues: IssueCollector,
    *,
    max_bytes: int = DEFAULT_MAX_FILE_BYTES,
) -> None:
    """Add ``table``'s rows to ``into``, keyed relative to the corpus folder ``root``; a row
    that names no file, and a table that cannot be used, are reported to ``issues``."""
    folder = table.parent.relative_to(root).as_posix()
    folder = "" if folder == "." else folder + "/"
    shown = table.relative_to(root).as_posix()
    try:
        data = read_file(table, root.resolve(), max_bytes)
    except BadInput as error:
        issues.skip(table, str(error))
        return
    try:
        text = decode(data).text
        records = _csv_records(text) if table.suffix == ".csv" else _jsonl_records(text)
    except BadInput as error:
        issues.skip(
            table, f"not used: {error}; the files under its folder load with what their text says"
        )
        return
    into.folders.append(folder)
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


Record = tuple[int, dict[str, object], str | None]


def _csv_records(text: str) -> list[Record]:
    # strict: a quote never closed is an error at the end of the text, where the lenient
    # reader would return every later row merged into one field.
    reader = csv.reader(io.StringIO(text.replace("\r\n", "\n")), strict=True)
    try:
        header = next(reader)
    except StopIteration as error:
        raise BadInput("empty") from error
    except csv.Error as error:
        raise BadInput(f"no header row ({error})") from error
    header = [name.strip().lstrip("\ufeff") for name in header]
    if "path" not in header:
        raise BadInput("no 'path' column")
    records: list[Record] = []
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            if str(error) == _QUOTE_NEVER_CLOSED:
                raise BadInput(f"the quote opened on line {start} is never closed") from error
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


# What the csv module says, in strict mode, when the text ends inside a quoted field.
_QUOTE_NEVER_CLOSED = "unexpected end of data"


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
