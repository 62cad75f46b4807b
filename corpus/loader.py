"""Load corpus folders into documents and attributed, citable paragraphs.

Loading never stops at a bad file: each one is reported with its path and reason and skipped,
and everything else loads. A load runs in steps, each reporting to one
:class:`~corpus.issues.IssueCollector`:

- **walk** each folder: which files are documents, metadata tables and speakers.yaml (the
  tables and speakers are read here, as the next steps need them). Only regular files inside
  the folder are ever read (:mod:`corpus.reading`); links to folders are not followed;
- **plan** the files to parse, each with its metadata row;
- **collect** what parsing each file gives (:mod:`corpus.files`, in worker processes for a
  large corpus);
- **assemble** the documents: one spelling per speaker, citation ids, the speaker registry.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import multiprocessing
import os
import re
import sys
from collections import Counter, deque
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

from .clean import BadInput, decoding_caveats
from .dates import date_bounds
from .errors import VerbatimError
from .files import FileResult, FileTask, Worker, init_worker, run_in_worker
from .formats import DOCUMENT_SUFFIXES
from .ids import assign_ids, paragraph_id
from .issues import IssueCollector
from .metadata import METADATA_NAMES, MetadataTable, read_metadata
from .models import CorpusStats, DocDate, Document, LoadIssue, Paragraph, Speaker
from .names import name_parts
from .parse import ParsedDocument, ParsedParagraph
from .reading import DEFAULT_MAX_FILE_BYTES, check_file
from .speakers import NameEvidence, SpeakerRegistry, Variants, group_variants, read_speakers_yaml
from .text import fold

__all__ = [
    "DEFAULT_MAX_FILE_BYTES",
    "PARSER_VERSION",
    "Corpus",
    "corpus_fingerprint",
    "corpus_roots",
    "embedded_corpus_folder",
    "load_corpus",
]

log = logging.getLogger(__name__)

# tqdm ships no type hints; importing it by name keeps mypy's verdict independent of whether
# stubs are installed.
tqdm: Any = importlib.import_module("tqdm").tqdm

# Bump whenever parsing changes what a corpus loads as: retrieval keys its index cache on it.
PARSER_VERSION = "15"
# Below this many files, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 500
SPEAKERS_FILE = "speakers.yaml"


def embedded_corpus_folder() -> Path:
    """The seed documents shipped inside the package: the default corpus."""
    return Path(__file__).resolve().parent / "data"


class Corpus:
    """Loaded documents, what was skipped or loaded with a caveat, and the speakers.

    The loader hands over its documents as parse results, made into :class:`Document` models
    only when asked for: ``documents`` makes them all once, ``take_documents`` one at a time,
    freeing each one's parse results as it goes. A one-pass reader (the index build) takes
    them, so no whole corpus of models is made: on the UNGDC the loaded corpus is 0.39 GB of
    parse results where its models took 0.53 GB, and the build frees them as it stores them.
    """

    def __init__(
        self,
        folders: tuple[Path, ...],
        documents: Sequence[Document] | _Pending,
        skipped: tuple[LoadIssue, ...],
        warnings: tuple[LoadIssue, ...],
        speakers: SpeakerRegistry,
        *,
        accounts: FileAccounts | None = None,
    ) -> None:
        self.folders = folders
        self.skipped = skipped
        self.warnings = warnings
        self.speakers = speakers
        self.accounts = accounts or FileAccounts()
        self._documents: tuple[Document, ...] | _Pending | None
        if isinstance(documents, _Pending):
            self._documents = documents
            self._facts = documents.facts()
        else:
            self._documents = tuple(documents)
            self._facts = [_Facts.of(document) for document in self._documents]

    @property
    def documents(self) -> tuple[Document, ...]:
        if isinstance(self._documents, _Pending):
            pending, self._documents = self._documents, None
            self._documents = tuple(pending.take())
        if self._documents is None:
            raise RuntimeError("the documents were taken (Corpus.take_documents)")
        return self._documents

    def take_documents(self) -> Iterator[Document]:
        """Every document once, in order. Documents not made yet are made one at a time and
        not kept, nor their parse results: ``documents`` is an error afterwards."""
        if isinstance(self._documents, _Pending):
            pending, self._documents = self._documents, None
            yield from pending.take()
        else:
            yield from self.documents

    def paragraphs(self) -> Iterator[Paragraph]:
        for document in self.documents:
            yield from document.paragraphs

    @property
    def n_documents(self) -> int:
        return len(self._facts)

    @property
    def n_paragraphs(self) -> int:
        return sum(facts.paragraphs for facts in self._facts)

    def stats(self) -> CorpusStats:
        dated = [facts.date for facts in self._facts if facts.date is not None]
        with_year = [date for date in dated if date.year is not None]
        first = min(with_year, key=lambda date: date_bounds(date)[0], default=None)
        last = max(with_year, key=lambda date: date_bounds(date)[1], default=None)
        sources = Counter(facts.source for facts in self._facts if facts.source)
        return CorpusStats(
            documents=self.n_documents,
            paragraphs=self.n_paragraphs,
            date_from=first.iso if first else None,
            date_to=last.iso if last else None,
            undated_documents=self.n_documents - len(dated),
            yearless_documents=len(dated) - len(with_year),
            speakers=self.speakers.all(),
            sources=dict(sorted(sources.items(), key=lambda item: (-item[1], item[0]))),
            skipped=list(self.skipped),
            warnings=list(self.warnings),
            **self.accounts.figures(),
        )


class _Facts(NamedTuple):
    """What the corpus' figures need of a document, kept after the document is taken."""

    date: DocDate | None
    source: str | None
    paragraphs: int

    @classmethod
    def of(cls, document: Document) -> _Facts:
        return cls(document.date, document.source, len(document.paragraphs))


def corpus_roots(folders: Sequence[Path] | None) -> tuple[Path, ...]:
    """The folders a load of ``folders`` reads, as ``Corpus.folders`` names them; a missing
    folder is a :class:`VerbatimError`."""
    return _roots(folders).folders


class _Roots(NamedTuple):
    folders: tuple[Path, ...]  # each walked once, as given
    repeated: list[tuple[Path, str]]  # folders given that another one already covers, and why


def _roots(folders: Sequence[Path] | None) -> _Roots:
    """The corpus folders to walk: a folder given twice (as itself, through a link, or inside
    another given folder) is walked once, so no file loads twice."""
    if not folders:
        return _Roots((embedded_corpus_folder(),), [])
    given: list[tuple[Path, Path]] = []
    for folder in folders:
        path = Path(folder).expanduser()
        if not path.exists():
            raise VerbatimError(f"corpus folder not found: {folder}")
        if not path.is_dir():
            raise VerbatimError(f"corpus path is not a folder: {folder}")
        given.append((path, path.resolve()))
    roots: list[Path] = []
    repeated: list[tuple[Path, str]] = []
    reals = [real for _, real in given]
    for index, (path, real) in enumerate(given):
        # The reasons name no folder: the bot shows them, and a server's paths stay private.
        if real in reals[:index]:
            repeated.append((path, "the same folder as one given before: loaded once"))
        elif any(_walk_covers(outer, real) for outer in reals):
            repeated.append((path, "inside another folder given: loaded once, as part of it"))
        else:
            roots.append(path)
    return _Roots(tuple(roots), repeated)


def _walk_covers(outer: Path, inner: Path) -> bool:
    """Whether walking the resolved folder ``outer`` reaches the resolved folder ``inner``
    inside it (the walk leaves hidden folders out)."""
    if outer == inner or not inner.is_relative_to(outer):
        return False
    return not any(part.startswith(".") for part in inner.relative_to(outer).parts)


LINKED_FOLDER = "a link to a folder: not followed"


class _Entry(NamedTuple):
    path: Path
    linked_folder: bool  # a link to a folder, reported and not walked


def _files(root: Path) -> Iterator[_Entry]:
    """Every file under ``root``, in a stable order, hidden files and folders left out; links
    to folders listed as such (os.walk does not follow them: a link could leave the folder or
    loop)."""
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        names = [(name, False) for name in files if not name.startswith(".")]
        names += [(name, True) for name in subdirs if os.path.islink(Path(directory, name))]
        for name, linked in sorted(names):
            yield _Entry(Path(directory, name), linked)


def corpus_fingerprint(folders: Sequence[Path] | None) -> str:
    """A cheap key for what a load would produce: every file's relative path, size,
    modification and change times (no content reads), and the parser version. A file the
    loader would not read (a link leaving the folder, a FIFO) counts by its name alone: nothing
    outside the folder is even looked at.

    The change time (ctime) is what catches an edit whose size and mtime were set back
    (``rsync -t``, ``tar x``): no call can set it, every write moves it. Hashing every file
    instead costs 0.26-0.30 s per start on the UNGDC (215 MB, 10,952 files, SHA-256, warm page
    cache; stats alone: 0.035 s), a third of the 1 s warm start; the price of ctime is a
    rebuild after a chmod or a copy that leaves every byte as it was."""
    digest = hashlib.sha256(f"verbatim-corpus {PARSER_VERSION}\n".encode())
    for index, root in enumerate(_roots(folders).folders):
        real_root = root.resolve()
        digest.update(f"root {index} {real_root}\n".encode())
        for path, linked_folder in _files(root):
            rel = path.relative_to(root).as_posix()
            if linked_folder:
                digest.update(f"{rel}\0{LINKED_FOLDER}\n".encode())
                continue
            try:
                _, stat = check_file(path, real_root)
            except BadInput as error:
                digest.update(f"{rel}\0{error}\n".encode())
                continue
            times = f"{stat.st_mtime_ns}\0{stat.st_ctime_ns}"
            digest.update(f"{rel}\0{stat.st_size}\0{times}\n".encode())
    return digest.hexdigest()[:16]


def load_corpus(
    folders: Sequence[Path] | None = None,
    *,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    progress: bool | None = None,
    workers: int | None = None,
) -> Corpus:
    """Load ``folders`` (the embedded seeds when None or empty), walked recursively.

    ``workers``: processes parsing files. None or 1 = this process alone: on a shared
    2-core machine the whole UNGDC takes ~25 s of CPU, and worker processes only paid off
    when the cores were idle (they lost under contention).
    """
    roots, repeated = _roots(folders)
    issues = IssueCollector()
    for folder, note in repeated:
        issues.warn(folder, note)
    walked = [_walk(root, issues, max_file_bytes) for root in roots]
    yaml_speakers = [speaker for folder in walked for speaker in folder.speakers]
    planned = _plan(walked, issues)
    accounts = FileAccounts(unsupported=sum((folder.unsupported for folder in walked), Counter()))
    results = _run(planned, _alias_map(yaml_speakers), max_file_bytes, workers)
    results = accounts.tally(planned, results, issues)
    show_bar = sys.stderr.isatty() if progress is None else progress
    found = _collect(planned, results, issues, show_bar=show_bar)
    corpus = _assemble(roots, found, yaml_speakers, issues, accounts)
    log.info(
        "loaded %d documents, %d paragraphs from %s; %d skipped",
        corpus.n_documents,
        corpus.n_paragraphs,
        ", ".join(str(root) for root in roots),
        len(issues.skipped),
    )
    return corpus


# ---------------------------------------------------------------------------------------------
# Walk: what each corpus folder holds


@dataclass
class _Walked:
    """One corpus folder: its document files, its metadata tables, its speakers.yaml entries."""

    root: Path
    real_root: Path  # resolved: what "inside the corpus folder" means
    documents: list[Path]
    table: MetadataTable
    speakers: list[Speaker]
    unsupported: Counter[str] = field(default_factory=Counter)  # files of other types


def _walk(root: Path, issues: IssueCollector, max_file_bytes: int) -> _Walked:
    """Sort the files under ``root`` into documents, metadata tables (read now: planning needs
    their rows) and speakers.yaml files (read now: every file is parsed with their aliases)."""
    walked = _Walked(root, root.resolve(), [], MetadataTable(), [])
    for path, linked_folder in _files(root):
        if linked_folder:
            issues.skip(path, LINKED_FOLDER)
        elif path.name in METADATA_NAMES:
            read_metadata(path, root, walked.table, issues, max_bytes=max_file_bytes)
        elif path.name == SPEAKERS_FILE:
            try:
                walked.speakers.extend(
                    read_speakers_yaml(path, walked.real_root, max_bytes=max_file_bytes)
                )
            except BadInput as error:
                issues.skip(path, str(error))
        elif path.suffix.lower() in DOCUMENT_SUFFIXES:
            walked.documents.append(path)
        else:
            walked.unsupported[_file_type(path)] += 1
    return walked


def _file_type(path: Path) -> str:
    return path.suffix.lower() or "(no extension)"


def _alias_map(speakers: list[Speaker]) -> dict[str, str]:
    """Folded spelling -> canonical name, from speakers.yaml: every file is parsed with it."""
    aliases: dict[str, str] = {}
    for speaker in speakers:
        for alias in (speaker.name, *speaker.aliases):
            aliases.setdefault(fold(alias), speaker.name)
    return aliases


# ---------------------------------------------------------------------------------------------
# Plan: each document file with its metadata row


class _Planned(NamedTuple):
    root_index: int
    rel: str  # the file's path relative to its corpus folder, POSIX-style
    task: FileTask


def _plan(walked: list[_Walked], issues: IssueCollector) -> list[_Planned]:
    """The files to parse, each with its metadata row. A file whose row is malformed is skipped
    here; a file a table should describe but does not, and a row naming no file, are
    reported."""
    planned: list[_Planned] = []
    for index, folder in enumerate(walked):
        table = folder.table
        seen: set[str] = set()
        for path in folder.documents:
            rel = path.relative_to(folder.root).as_posix()
            seen.add(rel)
            if rel in table.bad_rows:
                issues.skip(path, table.bad_rows[rel])
                continue
            row = table.rows.get(rel)
            if row is None and table.covers(rel):
                issues.warn(path, "no row in its metadata table")
            task = FileTask(path.as_posix(), folder.real_root.as_posix(), row)
            planned.append(_Planned(index, rel, task))
        for rel in sorted(table.rows.keys() - seen):
            issues.warn(folder.root / rel, "metadata row names a missing file")
        for rel in sorted(table.bad_rows.keys() - seen):
            issues.warn(folder.root / rel, table.bad_rows[rel])
    return planned


# ---------------------------------------------------------------------------------------------
# Collect: parse the planned files and gather what they hold


@dataclass
class _Loaded:
    root_index: int
    rel: str
    key: str  # unique in the corpus: which root, which file, which document of the file
    digest: str
    parsed: ParsedDocument


@dataclass
class _Collected:
    loaded: list[_Loaded] = field(default_factory=list)
    # Spellings metadata gave for each canonical speaker, and their posts.
    aliases: dict[str, set[str]] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)

    def add(self, planned: _Planned, result: FileResult) -> None:
        for name, given in result.aliases:
            self.aliases.setdefault(name, set()).add(given)
        for name, post in result.roles:
            self.roles.setdefault(name, post)
        # A file that holds (or held, before some were skipped) several documents numbers them.
        several = len(result.documents) > 1 or result.empty or result.problems
        for number, digest, parsed in result.documents:
            key = f"{planned.root_index}/{planned.rel}"
            key = f"{key}#{number}" if several else key
            self.loaded.append(_Loaded(planned.root_index, planned.rel, key, digest, parsed))


def _collect(
    planned: list[_Planned],
    results: Iterator[FileResult],
    issues: IssueCollector,
    *,
    show_bar: bool,
) -> _Collected:
    """What parsing gave for each planned file, in order, reporting the files and the parts
    of files that were left out."""
    collected = _Collected()
    with tqdm(
        total=len(planned),
        disable=not show_bar,
        unit="file",
        desc="Loading corpus",
        file=sys.stderr,
    ) as bar:
        for item, result in zip(planned, results, strict=True):
            bar.update(1)
            path = item.task.path
            if result.skipped is not None:
                issues.skip(path, result.skipped)
                continue
            for problem in result.problems:
                issues.skip(path, problem)
            if result.empty:
                issues.skip(path, "no paragraphs (nothing but a title or page chrome)")
            collected.add(item, result)
    return collected


@dataclass
class FileAccounts:
    """Every file found, accounted for: loaded ones by type and encoding, the bytes decoding
    replaced or removed, and the files not read for their type."""

    encodings: Counter[str] = field(default_factory=Counter)
    file_types: Counter[str] = field(default_factory=Counter)
    unsupported: Counter[str] = field(default_factory=Counter)
    replaced_bytes: int = 0
    nul_bytes: int = 0
    # Page furniture removed, by kind, for each file that had some.
    furniture_by_file: dict[str, dict[str, int]] = field(default_factory=dict)

    def tally(
        self, planned: list[_Planned], results: Iterator[FileResult], issues: IssueCollector
    ) -> Iterator[FileResult]:
        """``results`` as they come, each counted, and how a file was decoded reported."""
        for item, result in zip(planned, results, strict=True):
            if result.skipped is None:
                for caveat in decoding_caveats(
                    result.encoding, result.replaced_bytes, result.nul_bytes
                ):
                    issues.warn(item.task.path, caveat)
                if result.documents:
                    self.encodings[result.encoding] += 1
                    self.file_types[_file_type(Path(item.rel))] += 1
                    self.replaced_bytes += result.replaced_bytes
                    self.nul_bytes += result.nul_bytes
                if result.furniture:
                    self.furniture_by_file[item.rel] = result.furniture
            yield result

    def figures(self) -> dict[str, Any]:
        """The CorpusStats fields these counts fill."""
        return {
            "encodings": _by_count(self.encodings),
            "file_types": _by_count(self.file_types),
            "unsupported": _by_count(self.unsupported),
            "replaced_bytes": self.replaced_bytes,
            "nul_bytes": self.nul_bytes,
            "furniture": _by_count(sum(map(Counter, self.furniture_by_file.values()), Counter())),
            "furniture_by_file": self.furniture_by_file,
        }


def _by_count(counts: Counter[str]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _run(
    planned: list[_Planned],
    aliases: dict[str, str],
    max_file_bytes: int,
    workers: int | None,
) -> Iterator[FileResult]:
    """Each planned file's result, in order: in worker processes for a large corpus."""
    if workers is None or workers <= 1 or len(planned) < PARALLEL_MIN_FILES:
        worker = Worker(aliases, max_file_bytes)
        yield from (worker(item.task) for item in planned)
        return
    # forkserver, not fork: the bot reloads corpora from a thread, and forking a threaded
    # process can deadlock.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=init_worker,
        initargs=(aliases, max_file_bytes),
    ) as pool:
        chunk = max(1, min(64, len(planned) // (workers * 8) or 1))
        yield from pool.map(run_in_worker, [item.task for item in planned], chunksize=chunk)


# ---------------------------------------------------------------------------------------------
# Assemble: one spelling per speaker, ids, documents, the speaker registry


def _assemble(
    roots: tuple[Path, ...],
    found: _Collected,
    yaml_speakers: list[Speaker],
    issues: IssueCollector,
    accounts: FileAccounts,
) -> Corpus:
    variants = _unify_spellings(found.loaded, yaml_speakers, found.aliases, found.roles)
    ids = assign_ids([(item.digest, item.key) for item in found.loaded])
    registry = _registry(
        yaml_speakers, found.aliases, found.roles, found.loaded, variants=variants
    )
    pending = _Pending(deque(zip(found.loaded, ids, strict=True)))
    found.loaded = []  # the pending documents own them now: taking one frees it
    skipped, warnings = tuple(issues.skipped), tuple(issues.warnings)
    return Corpus(roots, pending, skipped, warnings, registry, accounts=accounts)


class _Pending:
    """Parsed documents with their ids, made into Documents as they are taken."""

    def __init__(self, items: deque[tuple[_Loaded, str]]) -> None:
        self._items = items

    def facts(self) -> list[_Facts]:
        return [
            _Facts(item.parsed.date, item.parsed.source, len(item.parsed.paragraphs))
            for item, _ in self._items
        ]

    def take(self) -> Iterator[Document]:
        items = self._items
        while items:
            item, doc_id = items.popleft()
            yield _document(item, doc_id)


# Every paragraph shares this instead of building a set each (a million paragraphs).
_PARAGRAPH_FIELDS = set(Paragraph.model_fields)
_DOCUMENT_FIELDS = set(Document.model_fields)
_set = object.__setattr__


def _paragraph(doc_id: str, position: int, parsed: ParsedParagraph) -> Paragraph:
    """A Paragraph without validation: what ``model_construct`` does, minus its per-field
    bookkeeping, which dominated loading time. The values come from the parser, already of
    the right types; tests compare these to validated models."""
    paragraph = Paragraph.__new__(Paragraph)
    _set(
        paragraph,
        "__dict__",
        {
            "id": paragraph_id(doc_id, position),
            "doc_id": doc_id,
            "position": position,
            "text": parsed.text,
            "speakers": parsed.speakers,
            "collective": parsed.collective,
            "mentions": parsed.mentions,
            "lines": parsed.lines,
        },
    )
    _set(paragraph, "__pydantic_fields_set__", _PARAGRAPH_FIELDS)
    _set(paragraph, "__pydantic_extra__", None)
    _set(paragraph, "__pydantic_private__", None)
    return paragraph


def _document(item: _Loaded, doc_id: str) -> Document:
    parsed = item.parsed
    paragraphs = tuple(
        _paragraph(doc_id, position, p) for position, p in enumerate(parsed.paragraphs, 1)
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


_WORD_RE = re.compile(r"[^\W\d_]+")
# Metadata columns that say where a speaker speaks from: two written names from different
# countries are never merged into one person.
_PLACE_COLUMNS = ("iso", "country")


# A spelling of a person used for fewer than 1/ONE_OFF_SHARE of the paragraphs of their
# commonest spelling is a one-off, never the name shown.
ONE_OFF_SHARE = 4


def _display_name(variants: Counter[str], preferred: set[str]) -> str:
    """One spelling for a person written several ways ("Bush", "GEORGE BUSH", "George
    BUSH"): a speakers.yaml name, else the fullest name (most name parts), one not in
    capitals first, then the most used and the shortest ("Joseph R. Biden" over "Joseph R.
    Biden, Jr"); words in capitals are title-cased ("George Bush"). A spelling used for
    under a quarter of the paragraphs the commonest one is, is a one-off and never shown:
    its extra part was a typo or a split surname ("Mir. Gromyko", one speech of 22;
    "Mhmoud Ahmadi-Nejad", one of 8)."""
    for name in variants:
        if name in preferred:
            return name

    def rank(name: str) -> tuple[int, bool, int, int, str]:
        return (len(name_parts(name)), not _shouts(name), variants[name], -len(name), name)

    commonest = max(variants.values())
    habitual = [name for name in variants if variants[name] * ONE_OFF_SHARE >= commonest]
    best = max(habitual, key=rank)
    return _WORD_RE.sub(
        lambda match: match.group(0).capitalize() if _shouts(match.group(0)) else match.group(0),
        best,
    )


def _shouts(name: str) -> bool:
    """A name with a word in capitals ("George BUSH"), initials aside."""
    return any(len(word) > 1 and word.isupper() for word in _WORD_RE.findall(name))


def _place_of(parsed: ParsedDocument) -> str | None:
    """The country or delegation a document's metadata says it speaks for, if any."""
    return next((parsed.extra[c] for c in _PLACE_COLUMNS if parsed.extra.get(c)), None)


def _unify_spellings(
    loaded: list[_Loaded],
    yaml_speakers: list[Speaker],
    metadata_aliases: dict[str, set[str]],
    roles: dict[str, str],
) -> Variants:
    """Written names of one person become one speaker, under one spelling; the others stay
    as aliases. Which names are one person is ``speakers.group_variants``' rule, given each
    name's paragraphs, countries (metadata) and years; its verdict is returned, each group
    led by the spelling shown."""
    evidence: dict[str, tuple[Counter[str], set[str], set[int]]] = {}
    for item in loaded:
        parsed = item.parsed
        place = _place_of(parsed)
        year = parsed.date.year if parsed.date is not None else None
        for paragraph in parsed.paragraphs:
            for name in paragraph.speakers:
                counts, places, years = evidence.setdefault(name, (Counter(), set(), set()))
                counts[name] += 1
                if place is not None:
                    places.add(place)
                if year is not None:
                    years.add(year)
    preferred = {speaker.name for speaker in yaml_speakers}
    variants = group_variants(
        [
            NameEvidence(name, counts[name], frozenset(places), frozenset(years))
            for name, (counts, places, years) in evidence.items()
        ],
        preferred,
    )
    grouped = {name for group in variants.groups for name in group}
    groups = [*variants.groups, *((name,) for name in evidence if name not in grouped)]
    rename: dict[str, str] = {}
    shown: list[tuple[str, ...]] = []
    for group in groups:
        if len(group) == 1 and not group[0].isupper():
            continue
        display = _display_name(Counter({n: evidence[n][0][n] for n in group}), preferred)
        if len(group) > 1:
            shown.append((display, *(name for name in group if name != display)))
        for name in group:
            if name != display:
                rename[name] = display
                metadata_aliases.setdefault(display, set()).update(
                    {name, *metadata_aliases.pop(name, set())}
                )
                if name in roles:
                    roles.setdefault(display, roles.pop(name))
    variants = replace(variants, groups=tuple(shown))
    if not rename:
        return variants
    renamed: dict[tuple[str, ...], tuple[str, ...]] = {}

    def apply(names: tuple[str, ...]) -> tuple[str, ...]:
        if not names:
            return names
        if names not in renamed:
            renamed[names] = tuple(dict.fromkeys(rename.get(name, name) for name in names))
        return renamed[names]

    for item in loaded:
        parsed = item.parsed
        parsed.speakers = apply(parsed.speakers)
        parsed.paragraphs = [
            p._replace(speakers=apply(p.speakers), mentions=apply(p.mentions))
            for p in parsed.paragraphs
        ]
    return variants


def _registry(
    yaml_speakers: list[Speaker],
    metadata_aliases: dict[str, set[str]],
    roles: dict[str, str],
    loaded: list[_Loaded],
    *,
    variants: Variants,
) -> SpeakerRegistry:
    persons: Counter[str] = Counter()
    collectives: Counter[str] = Counter()
    places: dict[str, set[str]] = {}
    for item in loaded:
        place = _place_of(item.parsed)
        for paragraph in item.parsed.paragraphs:
            persons.update(paragraph.speakers)
            collectives.update(paragraph.collective)
            if place is not None:
                for name in paragraph.speakers:
                    places.setdefault(name, set()).add(place)
    short_forms: dict[str, set[str]] = {}
    for item in loaded:
        for full, forms in item.parsed.short_forms.items():
            short_forms.setdefault(full, set()).update(forms)
    spoke_for = {name: tuple(sorted(codes)) for name, codes in places.items()}
    speakers: list[Speaker] = []
    for speaker in yaml_speakers:
        speakers.append(
            speaker.model_copy(
                update={
                    "paragraph_count": persons.pop(speaker.name, 0),
                    "places": spoke_for.get(speaker.name, ()),
                }
            )
        )
    for name, count in persons.items():
        aliases = sorted(metadata_aliases.get(name, set()) | short_forms.get(name, set()))
        speakers.append(
            Speaker(
                name=name,
                aliases=tuple(aliases),
                role=roles.get(name),
                paragraph_count=count,
                places=spoke_for.get(name, ()),
            )
        )
    for name, count in collectives.items():
        speakers.append(Speaker(name=name, kind="collective", paragraph_count=count))
    for speaker in yaml_speakers:
        extra = sorted(
            metadata_aliases.get(speaker.name, set()) | short_forms.get(speaker.name, set())
        )
        if extra:
            speakers.append(Speaker(name=speaker.name, aliases=tuple(extra)))
    return SpeakerRegistry(speakers, variants)
