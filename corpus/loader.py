"""Load corpus folders into documents and attributed, citable paragraphs.

Loading never stops at a bad file: each one is reported with its path and reason and skipped,
and everything else loads.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm  # type: ignore[import-untyped]

from .clean import BadInput
from .dates import date_bounds
from .errors import VerbatimError
from .formats import DOCUMENT_SUFFIXES, read_documents
from .ids import assign_ids, paragraph_id
from .metadata import METADATA_NAMES, MetadataTable, read_metadata
from .models import CorpusStats, Document, LoadIssue, Paragraph, Speaker
from .names import strip_honorifics
from .parse import ParsedDocument, SourceFields, parse_document
from .speakers import SpeakerRegistry, read_speakers_yaml
from .text import fold

__all__ = [
    "DEFAULT_MAX_FILE_BYTES",
    "PARSER_VERSION",
    "Corpus",
    "corpus_fingerprint",
    "embedded_corpus_folder",
    "load_corpus",
]

log = logging.getLogger(__name__)

# Bump whenever parsing changes what a corpus loads as: retrieval keys its index cache on it.
PARSER_VERSION = "1"
DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024
SPEAKERS_FILE = "speakers.yaml"

# Every paragraph shares these instead of building a set each (a million paragraphs).
_PARAGRAPH_FIELDS = set(Paragraph.model_fields)
_DOCUMENT_FIELDS = set(Document.model_fields)


def embedded_corpus_folder() -> Path:
    """The seed documents shipped inside the package: the default corpus."""
    return Path(__file__).resolve().parent / "data"


class Corpus:
    """Loaded documents, what was skipped or loaded with a caveat, and the speakers."""

    def __init__(
        self,
        folders: tuple[Path, ...],
        documents: tuple[Document, ...],
        skipped: tuple[LoadIssue, ...],
        warnings: tuple[LoadIssue, ...],
        speakers: SpeakerRegistry,
    ) -> None:
        self.folders = folders
        self.documents = documents
        self.skipped = skipped
        self.warnings = warnings
        self.speakers = speakers

    def paragraphs(self) -> Iterator[Paragraph]:
        for document in self.documents:
            yield from document.paragraphs

    @property
    def n_paragraphs(self) -> int:
        return sum(len(document.paragraphs) for document in self.documents)

    def stats(self) -> CorpusStats:
        dated = [d.date for d in self.documents if d.date is not None]
        with_year = [date for date in dated if date.year is not None]
        first = min(with_year, key=lambda date: date_bounds(date)[0], default=None)
        last = max(with_year, key=lambda date: date_bounds(date)[1], default=None)
        sources = Counter(d.source for d in self.documents if d.source)
        return CorpusStats(
            documents=len(self.documents),
            paragraphs=self.n_paragraphs,
            date_from=first.iso if first else None,
            date_to=last.iso if last else None,
            undated_documents=len(self.documents) - len(dated),
            yearless_documents=len(dated) - len(with_year),
            speakers=self.speakers.all(),
            sources=dict(sorted(sources.items(), key=lambda item: (-item[1], item[0]))),
            skipped=list(self.skipped),
            warnings=list(self.warnings),
        )


def _roots(folders: Sequence[Path] | None) -> tuple[Path, ...]:
    if not folders:
        return (embedded_corpus_folder(),)
    roots: list[Path] = []
    for folder in folders:
        path = Path(folder).expanduser()
        if not path.exists():
            raise VerbatimError(f"corpus folder not found: {folder}")
        if not path.is_dir():
            raise VerbatimError(f"corpus path is not a folder: {folder}")
        roots.append(path)
    return tuple(roots)


def _walk(root: Path) -> Iterator[Path]:
    """Every file under ``root``, in a stable order, hidden files and folders left out."""
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(directory, name)


def corpus_fingerprint(folders: Sequence[Path] | None) -> str:
    """A cheap key for what a load would produce: every file's relative path, size and
    modification time (no content reads), and the parser version."""
    digest = hashlib.sha256(f"verbatim-corpus {PARSER_VERSION}\n".encode())
    for index, root in enumerate(_roots(folders)):
        digest.update(f"root {index} {root.resolve()}\n".encode())
        for path in _walk(root):
            try:
                stat = path.stat()
            except OSError:
                continue
            rel = path.relative_to(root).as_posix()
            digest.update(f"{rel}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


@dataclass
class _Loaded:
    root_index: int
    rel: str
    key: str
    digest: str
    parsed: ParsedDocument


@dataclass
class _Root:
    path: Path
    documents: list[Path]
    table: MetadataTable
    table_prefixes: list[str]


def _show(root: Path, rel: str) -> str:
    return (root / rel).as_posix()


def load_corpus(
    folders: Sequence[Path] | None = None,
    *,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    progress: bool | None = None,
) -> Corpus:
    """Load ``folders`` (the embedded seeds when None or empty), walked recursively."""
    roots = _roots(folders)
    skipped: list[LoadIssue] = []
    warnings: list[LoadIssue] = []
    yaml_speakers: list[Speaker] = []
    prepared: list[_Root] = []
    for root in roots:
        files: list[Path] = []
        table = MetadataTable()
        prefixes: list[str] = []
        for path in _walk(root):
            if path.name in METADATA_NAMES:
                read_metadata(path, root, table)
                prefix = path.parent.relative_to(root).as_posix()
                prefixes.append("" if prefix == "." else prefix + "/")
            elif path.name == SPEAKERS_FILE:
                try:
                    yaml_speakers.extend(read_speakers_yaml(path))
                except BadInput as error:
                    skipped.append(LoadIssue(path=path.as_posix(), reason=str(error)))
            elif path.suffix.lower() in DOCUMENT_SUFFIXES:
                files.append(path)
        for issue in table.issues:
            warnings.append(
                LoadIssue(path=_show(root, issue.path), reason=issue.reason, skipped=False)
            )
        prepared.append(_Root(root, files, table, prefixes))

    aliases = _alias_map(yaml_speakers)
    metadata_aliases: dict[str, set[str]] = {}
    roles: dict[str, str] = {}
    loaded: list[_Loaded] = []
    total = sum(len(root.documents) for root in prepared)
    show_bar = sys.stderr.isatty() if progress is None else progress
    with tqdm(
        total=total, disable=not show_bar, unit="file", desc="Loading corpus", file=sys.stderr
    ) as bar:
        for index, prepared_root in enumerate(prepared):
            seen_rows: set[str] = set()
            for path in prepared_root.documents:
                bar.update(1)
                rel = path.relative_to(prepared_root.path).as_posix()
                shown = path.as_posix()
                seen_rows.add(rel)
                if rel in prepared_root.table.bad_rows:
                    skipped.append(LoadIssue(path=shown, reason=prepared_root.table.bad_rows[rel]))
                    continue
                try:
                    size = path.stat().st_size
                    if size > max_file_bytes:
                        raise BadInput(
                            f"too large ({size:,} bytes; the limit is {max_file_bytes:,})"
                        )
                    raws, encoding = read_documents(path.read_bytes(), path.suffix)
                except BadInput as error:
                    skipped.append(LoadIssue(path=shown, reason=str(error)))
                    continue
                except OSError as error:
                    skipped.append(
                        LoadIssue(path=shown, reason=f"unreadable: {error.strerror or error}")
                    )
                    continue
                if encoding != "utf-8":
                    warnings.append(
                        LoadIssue(
                            path=shown, reason=f"not UTF-8: decoded as {encoding}", skipped=False
                        )
                    )
                row = prepared_root.table.rows.get(rel)
                if row is None and any(
                    rel.startswith(prefix) for prefix in prepared_root.table_prefixes
                ):
                    warnings.append(
                        LoadIssue(path=shown, reason="no row in its metadata table", skipped=False)
                    )
                for number, raw in enumerate(raws):
                    fields = raw.fields.merged(row) if row is not None else raw.fields
                    fields = _canonical_listed(fields, aliases, metadata_aliases, roles)
                    parsed = parse_document(
                        raw.text, fields, aliases=aliases, markdown=raw.markdown
                    )
                    if not parsed.paragraphs:
                        skipped.append(
                            LoadIssue(
                                path=shown,
                                reason="no paragraphs (nothing but a title or page chrome)",
                            )
                        )
                        continue
                    key = f"{index}/{rel}#{number}" if len(raws) > 1 else f"{index}/{rel}"
                    loaded.append(_Loaded(index, rel, key, raw.digest, parsed))
            for rel in prepared_root.table.rows.keys() - seen_rows:
                warnings.append(
                    LoadIssue(
                        path=_show(prepared_root.path, rel),
                        reason="metadata row names a missing file",
                        skipped=False,
                    )
                )
            for rel in prepared_root.table.bad_rows.keys() - seen_rows:
                warnings.append(
                    LoadIssue(
                        path=_show(prepared_root.path, rel),
                        reason=prepared_root.table.bad_rows[rel],
                        skipped=False,
                    )
                )

    ids = assign_ids([(item.digest, item.key) for item in loaded])
    documents = tuple(_document(item, doc_id) for item, doc_id in zip(loaded, ids, strict=True))
    registry = _registry(documents, yaml_speakers, metadata_aliases, roles, loaded)
    corpus = Corpus(roots, documents, tuple(skipped), tuple(warnings), registry)
    log.info(
        "loaded %d documents, %d paragraphs from %s; %d skipped",
        len(documents),
        corpus.n_paragraphs,
        ", ".join(str(root) for root in roots),
        len(skipped),
    )
    return corpus


def _alias_map(speakers: list[Speaker]) -> dict[str, str]:
    aliases: dict[str, str] = {}
    for speaker in speakers:
        for alias in (speaker.name, *speaker.aliases):
            aliases.setdefault(fold(alias), speaker.name)
    return aliases


def _canonical_listed(
    fields: SourceFields,
    aliases: dict[str, str],
    metadata_aliases: dict[str, set[str]],
    roles: dict[str, str],
) -> SourceFields:
    """Metadata speakers under their canonical names ("Mr. Arce" -> "Arce"), remembering
    the spelling given as an alias and the post ("speaker_posts") as a role."""
    if not fields.speakers:
        return fields
    posts = [post.strip() for post in fields.extra.get("speaker_posts", "").split(";")]
    canonical: list[str] = []
    for position, given in enumerate(fields.speakers):
        name = (
            aliases.get(fold(given))
            or aliases.get(fold(strip_honorifics(given)))
            or strip_honorifics(given)
        )
        if given != name:
            metadata_aliases.setdefault(name, set()).add(given)
        if position < len(posts) and posts[position] and name not in roles:
            roles[name] = posts[position]
        if name not in canonical:
            canonical.append(name)
    fields.speakers = tuple(canonical)
    return fields


def _document(item: _Loaded, doc_id: str) -> Document:
    parsed = item.parsed
    paragraphs = tuple(
        Paragraph.model_construct(
            _PARAGRAPH_FIELDS,
            id=paragraph_id(doc_id, position),
            doc_id=doc_id,
            position=position,
            text=paragraph.text,
            speakers=paragraph.speakers,
            collective=paragraph.collective,
            mentions=paragraph.mentions,
        )
        for position, paragraph in enumerate(parsed.paragraphs, 1)
    )
    return Document.model_construct(
        _DOCUMENT_FIELDS,
        id=doc_id,
        path=item.rel,
        title=parsed.title,
        date=parsed.date,
        source=parsed.source,
        url=parsed.url,
        speakers=parsed.speakers,
        extra=parsed.extra,
        paragraphs=paragraphs,
    )


def _registry(
    documents: tuple[Document, ...],
    yaml_speakers: list[Speaker],
    metadata_aliases: dict[str, set[str]],
    roles: dict[str, str],
    loaded: list[_Loaded],
) -> SpeakerRegistry:
    persons: Counter[str] = Counter()
    collectives: Counter[str] = Counter()
    for document in documents:
        for paragraph in document.paragraphs:
            persons.update(paragraph.speakers)
            collectives.update(paragraph.collective)
    short_forms: dict[str, set[str]] = {}
    for item in loaded:
        for full, forms in item.parsed.short_forms.items():
            short_forms.setdefault(full, set()).update(forms)
    speakers: list[Speaker] = []
    for speaker in yaml_speakers:
        speakers.append(
            speaker.model_copy(update={"paragraph_count": persons.pop(speaker.name, 0)})
        )
    for name, count in persons.items():
        aliases = sorted(metadata_aliases.get(name, set()) | short_forms.get(name, set()))
        speakers.append(
            Speaker(name=name, aliases=tuple(aliases), role=roles.get(name), paragraph_count=count)
        )
    for name, count in collectives.items():
        speakers.append(Speaker(name=name, kind="collective", paragraph_count=count))
    for speaker in yaml_speakers:
        extra = sorted(
            metadata_aliases.get(speaker.name, set()) | short_forms.get(speaker.name, set())
        )
        if extra:
            speakers.append(Speaker(name=speaker.name, aliases=tuple(extra)))
    return SpeakerRegistry(speakers)
