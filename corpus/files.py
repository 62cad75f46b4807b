"""One file's work: read, check, decode, parse. Plain data in and out, so it can run in a
worker process when the corpus is large."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .attribution import alias_pattern
from .clean import BadInput
from .formats import read_documents, why_unparsable
from .names import strip_honorifics
from .parse import ParsedDocument, SourceFields, parse_document
from .reading import read_file
from .text import fold

__all__ = ["FileResult", "FileTask", "Worker", "canonical_listed"]

log = logging.getLogger(__name__)


@dataclass
class FileTask:
    path: str
    root: str  # the corpus folder, resolved: nothing outside it is read
    row: SourceFields | None  # its metadata table row, if any


@dataclass
class FileResult:
    skipped: str | None = None  # the reason the whole file was skipped
    encoding: str = "utf-8"
    replaced_bytes: int = 0  # undecodable bytes replaced by U+FFFD
    nul_bytes: int = 0  # NUL bytes removed
    documents: list[tuple[int, str, ParsedDocument]] = field(default_factory=list)
    empty: int = 0  # documents with nothing but a title or page chrome
    problems: list[str] = field(default_factory=list)  # parts skipped (JSONL lines)
    # (canonical, as given) spellings and (canonical, post) roles from metadata speakers.
    aliases: list[tuple[str, str]] = field(default_factory=list)
    roles: list[tuple[str, str]] = field(default_factory=list)


def canonical_listed(
    fields: SourceFields, aliases: Mapping[str, str], result: FileResult
) -> SourceFields:
    """Metadata speakers under their canonical names ("Mr. Arce" -> "Arce"); the spelling
    given is kept as an alias and the post (a ``speaker_posts`` column) as a role."""
    if not fields.speakers:
        return fields
    posts = [post.strip() for post in fields.extra.get("speaker_posts", "").split(";")]
    canonical: list[str] = []
    for position, given in enumerate(fields.speakers):
        bare = strip_honorifics(given)
        name = aliases.get(fold(given)) or aliases.get(fold(bare)) or bare
        if given != name:
            result.aliases.append((name, given))
        if position < len(posts) and posts[position]:
            result.roles.append((name, posts[position]))
        if name not in canonical:
            canonical.append(name)
    fields.speakers = tuple(canonical)
    return fields


class Worker:
    """Parses files with the corpus-wide aliases; built once per process."""

    def __init__(self, aliases: Mapping[str, str], max_file_bytes: int) -> None:
        self.aliases = aliases
        self.pattern = alias_pattern(aliases) if aliases else None
        self.max_file_bytes = max_file_bytes

    def __call__(self, task: FileTask) -> FileResult:
        try:
            return self._parse(task)
        except BadInput as error:
            return FileResult(skipped=str(error))
        except (RecursionError, MemoryError, ValueError) as error:
            # One hostile file must not end the load of all the others.
            log.debug("parsing %s failed", task.path, exc_info=True)
            return FileResult(skipped=f"could not be parsed: {why_unparsable(error)}")

    def _parse(self, task: FileTask) -> FileResult:
        result = FileResult()
        path = Path(task.path)
        contents = read_documents(
            read_file(path, Path(task.root), self.max_file_bytes), path.suffix
        )
        decoded = contents.decoded
        result.encoding = decoded.encoding
        result.replaced_bytes = decoded.replaced_bytes
        result.nul_bytes = decoded.nul_bytes
        result.problems = contents.problems
        for number, raw in enumerate(contents.documents):
            fields = raw.fields.merged(task.row) if task.row is not None else raw.fields
            fields = canonical_listed(fields, self.aliases, result)
            parsed = parse_document(
                raw.text,
                fields,
                aliases=self.aliases,
                alias_pattern=self.pattern,
                markdown=raw.markdown,
            )
            if parsed.paragraphs:
                result.documents.append((number, raw.digest, parsed))
            else:
                result.empty += 1
        return result


_worker: Worker | None = None


def init_worker(aliases: dict[str, str], max_file_bytes: int) -> None:
    global _worker  # noqa: PLW0603 - one Worker per pool process
    _worker = Worker(aliases, max_file_bytes)


def run_in_worker(task: FileTask) -> FileResult:
    assert _worker is not None, "init_worker runs first in every pool process"
    return _worker(task)
