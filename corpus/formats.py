"""File formats: a file's bytes to the documents it holds, with the fields it carries.

``.txt`` (or ``.text``): the whole text. ``.md``: optional YAML front matter, then Markdown.
``.jsonl``: one document a line (``id``/``_id``, ``title``, ``text``, optional ``date``,
``source``, ``url``, ``speakers``).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

import yaml

from .clean import BadInput, Decoded, decode
from .dates import parse_iso
from .models import DocDate
from .parse import SourceFields

__all__ = [
    "DOCUMENT_SUFFIXES",
    "JsonLine",
    "RawDocument",
    "json_lines",
    "load_yaml",
    "read_documents",
    "source_fields",
    "text_value",
    "why_unparsable",
]

MARKDOWN_SUFFIXES = (".md", ".markdown")
# ".text" is plain text as ".txt" is (mime.types lists both for text/plain): reading it costs
# nothing, and skipping it would lose speeches saved under that name. Markup (.html, .rst) and
# office or PDF files are not read: their tags and directives would be quoted as speech; they
# are counted as unsupported.
TEXT_SUFFIXES = (".txt", ".text")
DOCUMENT_SUFFIXES = (*TEXT_SUFFIXES, *MARKDOWN_SUFFIXES, ".jsonl")


@dataclass
class RawDocument:
    text: str
    fields: SourceFields
    digest: str  # sha256 of the document's own bytes: the root of its citation id
    markdown: bool = False


def why_unparsable(error: BaseException) -> str:
    """What a user reads when parsing a file or a line raised instead of returning: too deep
    for Python's recursion limit, too big for memory, or a value Python refuses (a number of
    more than 4,300 digits)."""
    if isinstance(error, RecursionError):
        return "nested too deeply"
    if isinstance(error, MemoryError):
        return "too large to parse in memory"
    # Python's own messages run on ("…: value has 5001 digits; use sys.set_int_max_str_…").
    return " ".join(str(error).split(": ")[0].split())[:120] or type(error).__name__


# Front matter and speakers.yaml nest two or three levels; anything deeper is not one of them.
YAML_MAX_DEPTH = 64
# PyYAML's pure-Python loader (the one that can refuse aliases) reads ~0.3 MB/s here: 1 MiB is
# ~4 s of one file's load, where a 16 MiB file (the file limit) would take a minute. A
# speakers.yaml naming thousands of speakers is well under it.
YAML_MAX_CHARS = 1024 * 1024


class _HostileYaml(Exception):
    """A YAML text refused before it is built: the message is the reason."""


class _SafeYamlLoader(yaml.SafeLoader):
    """SafeLoader without aliases and with a nesting bound.

    ``safe_load`` keeps each alias as a reference to its anchor's value: nine lines of nine
    aliases each (423 bytes) stand for 9**9 strings, which ``str()`` then writes out (2+ GB).
    An alias is only shorthand, so refusing it costs a corpus nothing. The nesting bound stops
    ``[[[[…`` (10 KB) at depth 64 instead of at Python's recursion limit, deep in the composer.
    """

    first_line = 1  # the file line on which the YAML text starts, for messages
    _depth = 0

    def _next_event(self) -> Any:
        return self.peek_event()  # type: ignore[no-untyped-call]  # untyped in types-PyYAML

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self._next_event()
            where = event.start_mark.line + self.first_line
            raise _HostileYaml(f"YAML aliases are not allowed (*{event.anchor} on line {where})")
        self._depth += 1
        try:
            if self._depth > YAML_MAX_DEPTH:
                where = self._next_event().start_mark.line + self.first_line
                raise _HostileYaml(f"nested too deeply (line {where})")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def load_yaml(text: str, *, first_line: int = 1) -> Any:
    """The value of a YAML text from a corpus (front matter, speakers.yaml), refusing aliases
    and deep nesting; BadInput with a one-line reason for anything that cannot be read.
    ``first_line``: the file line the text starts on."""
    if len(text) > YAML_MAX_CHARS:
        raise BadInput(f"YAML longer than the limit of {YAML_MAX_CHARS:,} characters")
    loader = _SafeYamlLoader(text)
    loader.first_line = first_line
    try:
        return loader.get_single_data()
    except _HostileYaml as error:
        raise BadInput(str(error)) from error
    except yaml.YAMLError as error:
        raise BadInput(" ".join(str(error).split())[:160]) from error
    except (RecursionError, MemoryError, ValueError) as error:
        raise BadInput(why_unparsable(error)) from error
    finally:
        loader.dispose()


def _kind(value: Any) -> str:
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple | set):
        return "a list"
    return type(value).__name__


def text_value(value: Any, what: str) -> str:
    """``value`` as text, when it is one scalar (YAML reads ``title: 1984`` as a number);
    BadInput naming ``what`` when it is a mapping, a list or anything else that is not."""
    if isinstance(value, str | int | float | _dt.date):
        return str(value)
    raise BadInput(f"{what} must be text, not {_kind(value)}")


def _split_list(value: Any, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list | tuple):
        items = [text_value(item, f"each of {what}") for item in value]
    else:
        items = text_value(value, what).split(";")
    return tuple(item.strip() for item in items if item and item.strip())


def _date_of(value: Any) -> DocDate | None:
    if value is None or value == "":
        return None
    text_value(value, "'date'")
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
        if value is None or value == "":
            return None
        return " ".join(text_value(value, repr(key)).split()) or None

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
        speakers=_split_list(record.get("speakers"), "'speakers'"),
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
        data = load_yaml("\n".join(lines[1:index]), first_line=2)
        if data is None:
            data = {}
        if not isinstance(data, Mapping):
            raise BadInput("not a mapping of fields")
        fields = source_fields(data)
    except BadInput as error:
        raise BadInput(f"broken front matter: {error}") from error
    return fields, "\n".join(lines[index + 1 :])


@dataclass
class FileContents:
    documents: list[RawDocument]
    decoded: Decoded  # how the bytes became text (its ``text`` is the file's, before parsing)
    problems: list[str]  # lines of a JSONL file that were skipped, with the reason


def read_documents(data: bytes, suffix: str) -> FileContents:
    """The documents in a file. Raises BadInput when nothing in it can be loaded."""
    if not data.strip():
        raise BadInput("empty file")
    decoded = decode(data)
    text = decoded.text
    if not text.strip():
        raise BadInput("empty file")
    suffix = suffix.lower()
    if suffix == ".jsonl":
        documents, problems = _jsonl(text)
        return FileContents(documents, decoded, problems)
    digest = hashlib.sha256(data).hexdigest()
    if suffix in MARKDOWN_SUFFIXES:
        fields, body = _front_matter(text.replace("\r\n", "\n"))
        if not body.strip():
            raise BadInput("empty file (front matter only)")
        return FileContents([RawDocument(body, fields, digest, markdown=True)], decoded, [])
    return FileContents([RawDocument(text, SourceFields(), digest)], decoded, [])


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
        except (RecursionError, MemoryError, ValueError) as error:
            yield JsonLine(number, line, None, f"not JSON ({why_unparsable(error)})")
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
