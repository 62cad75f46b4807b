"""``verbatim corpus stats`` and ``verbatim corpus export``, and what every subcommand shares:
the ``--corpus`` option and the exit statuses."""

from __future__ import annotations

import argparse
import json
import sys
from enum import IntEnum
from pathlib import Path
from typing import Any

from .loader import Corpus, load_corpus
from .models import CorpusStats, Document, Paragraph

__all__ = [
    "EXIT_STATUS_HELP",
    "ExitStatus",
    "add_corpus_argument",
    "corpus_folders",
    "export_record",
    "quote_odd",
    "register",
    "render_stats",
]


class ExitStatus(IntEnum):
    """What ``verbatim`` exits with, like grep, so a script can test it (``verbatim search …
    && …``)."""

    OK = 0  # something was found, or the command did its job
    NOT_FOUND = 1  # nothing matched, or the speaker or id is unknown
    ERROR = 2  # a usage error, a bad setting, an unreadable corpus, Discord refusing the token


EXIT_STATUS_HELP = (
    "Exit status: 0 when something was found, 1 when nothing matched or the speaker is "
    "unknown, 2 for a usage error or any other error (a bad setting, a missing corpus folder, "
    "Discord refusing the token). With '-' as the query (one query a line, JSON lines out) the "
    "status is 0 unless the input itself is unusable: read each line's JSON for its outcome."
)


def add_corpus_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--corpus",
        metavar="DIR",
        action="append",
        type=Path,
        default=None,
        help="a corpus folder (repeatable; default: $VERBATIM_CORPUS, ':'-separated, else the "
        "embedded seed corpus)",
    )


def corpus_folders(args: argparse.Namespace) -> list[Path] | None:
    """The corpus folders on the namespace, or None: the embedded corpus.

    ``verbatim``'s ``main()`` puts them there: ``--corpus`` if given, else the configured
    ``VERBATIM_CORPUS``; this package never reads the environment itself."""
    given: list[Path] | None = getattr(args, "corpus", None)
    return list(given) if given else None


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    corpus = commands.add_parser("corpus", help="inspect and export the corpus")
    sub = corpus.add_subparsers(dest="corpus_command", metavar="SUBCOMMAND", required=True)

    stats = sub.add_parser(
        "stats",
        help="documents, paragraphs, date range, speakers, sources, skipped files",
    )
    add_corpus_argument(stats)
    stats.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    stats.set_defaults(handler=run_stats)

    export = sub.add_parser("export", help="JSON Lines to stdout, one paragraph a line")
    add_corpus_argument(export)
    export.set_defaults(handler=run_export)


def _load(args: argparse.Namespace) -> Corpus:
    return load_corpus(corpus_folders(args))


def run_stats(args: argparse.Namespace) -> ExitStatus:
    corpus = _load(args)
    stats = corpus.stats()
    if args.json:
        sys.stdout.write(stats.model_dump_json(indent=2) + "\n")
    else:
        folders = ", ".join(quote_odd(str(folder)) for folder in corpus.folders)
        sys.stdout.write(render_stats(stats, folders))
    return ExitStatus.OK


def quote_odd(text: str) -> str:
    """A file name (or a name, a reason) from the corpus as it can be shown on a line: as it
    is, or quoted like a Python string literal when it holds anything not printable (a line
    break would forge a line of output, an escape sequence or a bidi control would rewrite
    the reader's screen)."""
    return text if text.isprintable() else repr(text)


def render_stats(stats: CorpusStats, folders: str = "") -> str:
    lines: list[str] = []
    if folders:
        lines.append(f"Corpus: {folders}")
    lines.append(f"Documents: {stats.documents:,}")
    lines.append(f"Paragraphs: {stats.paragraphs:,}")
    if stats.date_from:
        lines.append(f"Dates: {stats.date_from} to {stats.date_to}")
    if stats.undated_documents:
        lines.append(f"Undated documents: {stats.undated_documents:,}")
    if stats.yearless_documents:
        lines.append(f"Documents dated without a year: {stats.yearless_documents:,}")
    persons = [s for s in stats.speakers if s.kind == "person"]
    collectives = [s for s in stats.speakers if s.kind == "collective"]
    lines.append(f"Speakers: {len(persons):,}")
    shown = 25
    for speaker in persons[:shown]:
        lines.append(f"  {speaker.paragraph_count:>7,}  {quote_odd(speaker.name)}")
    if len(persons) > shown:
        lines.append(f"  … and {len(persons) - shown:,} more (--json lists them all)")
    if collectives:
        lines.append("Collective speakers:")
        lines.extend(f"  {s.paragraph_count:>7,}  {quote_odd(s.name)}" for s in collectives)
    if stats.sources:
        lines.append("Sources:")
        lines.extend(f"  {n:>7,}  {quote_odd(source)}" for source, n in stats.sources.items())
    encodings = {_labelled(name): n for name, n in stats.encodings.items()}
    for heading, counts in (
        ("Encodings", encodings),
        ("File types", stats.file_types),
        ("Files not read for their type", stats.unsupported),
    ):
        if counts:
            lines.append(f"{heading}:")
            lines.extend(f"  {n:>7,}  {quote_odd(name)}" for name, n in counts.items())
    if stats.replaced_bytes:
        lines.append(f"Undecodable bytes replaced by U+FFFD: {stats.replaced_bytes:,}")
    if stats.nul_bytes:
        lines.append(f"NUL bytes removed: {stats.nul_bytes:,}")
    lines.append(f"Skipped files: {len(stats.skipped):,}")
    lines.extend(f"  {quote_odd(issue.path)}: {quote_odd(issue.reason)}" for issue in stats.skipped)
    if stats.warnings:
        lines.append(f"Warnings: {len(stats.warnings):,}")
        for issue in stats.warnings[:shown]:
            lines.append(f"  {quote_odd(issue.path)}: {quote_odd(issue.reason)}")
        if len(stats.warnings) > shown:
            lines.append(f"  … and {len(stats.warnings) - shown:,} more (--json lists them all)")
    return "\n".join(lines) + "\n"


def _labelled(encoding: str) -> str:
    """An encoding as a corpus owner reads it: Python's "utf-8-sig" says little."""
    return f"{encoding} (with a byte-order mark)" if encoding == "utf-8-sig" else encoding


def export_record(document: Document, paragraph: Paragraph) -> dict[str, Any]:
    """One line of ``corpus export``."""
    date = document.date
    return {
        "id": paragraph.id,
        "doc_id": document.id,
        "path": document.path,
        "position": paragraph.position,
        "text": paragraph.text,
        "speakers": list(paragraph.speakers),
        "collective": list(paragraph.collective),
        "mentions": list(paragraph.mentions),
        "date": date.iso if date else None,
        "date_precision": date.precision if date else None,
        "date_inferred": date.inferred if date else False,
        "title": document.title,
        "source": document.source,
        "url": document.url,
        "extra": document.extra,
    }


def run_export(args: argparse.Namespace) -> ExitStatus:
    corpus = _load(args)
    write = sys.stdout.write
    for document in corpus.documents:
        for paragraph in document.paragraphs:
            write(json.dumps(export_record(document, paragraph), ensure_ascii=False) + "\n")
    sys.stdout.flush()
    return ExitStatus.OK
