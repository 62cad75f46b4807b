"""File formats: a file's bytes to the documents it holds, with the fields it carries.

``.txt``: the whole text. ``.md``: optional YAML front matter, then Markdown. ``.jsonl``: one
document a line (``id``/``_id``, ``title``, ``text``, optional ``date``, ``source``, ``url``,
``speakers``).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

import yaml

from .clean import BadInput, decode
from .dates import parse_iso
from .models import DocDate
from .parse import SourceFields

__all__ = [
    "DOCUMENT_SUFFIXES",
    "JsonLine",
    "RawDocument",
    "json_lines",
    "read_documents",
    "source_fields",
]

MARKDOWN_SUFFIXES = (".md", ".markdown")
DOCUMENT_SUFFIXES = (".txt", *MARKDOWN_SUFFIXES, ".jsonl")


@dataclass
class RawDocument:
    text: str
    fields: SourceFields
    digest: str  # sha256 of the document's own bytes: the root of its citation id
    markdown: bool = False


def _split_list(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        items = value.split(";")
    elif isinstance(value, list | tuple):
        items = [str(item) for item in value]
    else:
        items = [str(value)]
    return tuple(item.strip() for item in items if item and item.strip())


def _date_of(value: Any) -> DocDate | None:
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return DocDate(year=value.year, month=value.month, day=value.day)
    if isinstance(value, int) and 1000 <= value <= 9999:
        return DocDate(year=value)
    parsed = parse_iso(str(value))
    if parsed is None:
        raise BadInput(f"unreadable date {str(value)[:40]!r}")
    return parsed


_KNOWN = ("title", "date", "source", "url", "speakers")


def source_fields(record: Mapping[str, Any], *, skip: tuple[str, ...] = ()) -> SourceFields:
    """Title, date, source, url, speakers from a mapping; other non-empty keys are extra."""

    def text(key: str) -> str | None:
        value = record.get(key)
        return " ".join(str(value).split()) or None if value not in (None, "") else None

    extra = {
        str(key): str(value)
        for key, value in record.items()
        if key not in _KNOWN
        and key not in skip
        and value not in (None, "")
        and not isinstance(value, dict | list)
    }
    return SourceFields(
        title=text("title"),
        date=_date_of(record.get("date")),
        source=text("source"),
        url=text("url"),
        speakers=_split_list(record.get("speakers")),
        extra=extra,
    )


def _front_matter(text: str) -> tuple[SourceFields, str]:
    if not text.startswith("---"):
        return SourceFields(), text
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return SourceFields(), text
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            break
    else:
        raise BadInput("broken front matter: no closing '---'")
    try:
        data = yaml.safe_load("\n".join(lines[1:index]))
    except yaml.YAMLError as error:
        reason = " ".join(str(error).split())
        raise BadInput(f"broken front matter: {reason[:160]}") from error
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise BadInput("broken front matter: not a mapping of fields")
    return source_fields(data), "\n".join(lines[index + 1 :])


@dataclass
class FileContents:
    documents: list[RawDocument]
    encoding: str  # what the bytes were decoded with
    problems: list[str]  # lines of a JSONL file that were skipped, with the reason


def read_documents(data: bytes, suffix: str) -> FileContents:
    """The documents in a file. Raises BadInput when nothing in it can be loaded."""
    if not data.strip():
        raise BadInput("empty file")
    text, encoding = decode(data)
    if not text.strip():
        raise BadInput("empty file")
    suffix = suffix.lower()
    if suffix == ".jsonl":
        documents, problems = _jsonl(text)
        return FileContents(documents, encoding, problems)
    digest = hashlib.sha256(data).hexdigest()
    if suffix in MARKDOWN_SUFFIXES:
        fields, body = _front_matter(text.replace("\r\n", "\n"))
        if not body.strip():
            raise BadInput("empty file (front matter only)")
        return FileContents([RawDocument(body, fields, digest, markdown=True)], encoding, [])
    return FileContents([RawDocument(text, SourceFields(), digest)], encoding, [])


class JsonLine(NamedTuple):
    number: int  # counted from 1, as editors count
    text: str
    value: Any  # what the line holds, None when it is not JSON
    problem: str | None  # "not JSON (why)"


def json_lines(text: str) -> Iterator[JsonLine]:
    """The lines of a JSON Lines text, blank ones left out, each parsed on its own: a broken
    line says why and the others still read (documents and metadata tables alike)."""
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            yield JsonLine(number, line, None, f"not JSON ({error.msg})")
            continue
        yield JsonLine(number, line, value, None)


def _jsonl(text: str) -> tuple[list[RawDocument], list[str]]:
    """One document a line; a bad line is skipped (and reported), not the whole file."""
    documents: list[RawDocument] = []
    problems: list[str] = []
    for number, line, record, problem in json_lines(text):
        if problem is not None:
            problems.append(f"line {number} is {problem}: that line skipped")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            problems.append(f"line {number} has no 'text' string: that line skipped")
            continue
        try:
            fields = source_fields(record, skip=("text", "id", "_id"))
        except BadInput as error:
            problems.append(f"line {number}: {error}: that line skipped")
            continue
        ident = record.get("id", record.get("_id"))
        if ident is not None:
            fields.extra["id"] = str(ident)
        digest = hashlib.sha256(line.strip().encode("utf-8")).hexdigest()
        if record["text"].strip():
            documents.append(RawDocument(record["text"], fields, digest))
    if not documents:
        reason = "; ".join(problems[:3]) if problems else "no document with text"
        raise BadInput(f"nothing to load: {reason}")
    return documents, problems
