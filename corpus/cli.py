"""What every subcommand shares (the ``--corpus`` option and the exit statuses) and how
``verbatim corpus stats`` and ``verbatim corpus export`` write a corpus: its figures
(``render_stats``) and a paragraph's line (``export_record``). The two commands read the
built index, so they are registered by ``retrieval.cli``."""

from __future__ import annotations

import argparse
from enum import IntEnum
from pathlib import Path
from typing import Any

from .models import CorpusStats, Document, Paragraph

__all__ = [
    "EXIT_STATUS_HELP",
    "ExitStatus",
    "add_corpus_argument",
    "corpus_folders",
    "export_record",
    "quote_odd",
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
    lines.append(f"Skipped files: {len(stats.skipped):,}")
    lines.extend(f"  {quote_odd(issue.path)}: {quote_odd(issue.reason)}" for issue in stats.skipped)
    if stats.warnings:
        lines.append(f"Warnings: {len(stats.warnings):,}")
        for issue in stats.warnings[:shown]:
            lines.append(f"  {quote_odd(issue.path)}: {quote_odd(issue.reason)}")
        if len(stats.warnings) > shown:
            lines.append(f"  … and {len(stats.warnings) - shown:,} more (--json lists them all)")
    return "\n".join(lines) + "\n"


def export_record(document: Document, paragraph: Paragraph) -> dict[str, Any]:
    """One line of ``corpus export``: the paragraph, where it was read from (``lines``, its
    first and last source line, so a reader can check it; null when unknown) and its
    document's metadata."""
    date = document.date
    return {
        "id": paragraph.id,
        "doc_id": document.id,
        "path": document.path,
        "position": paragraph.position,
        "lines": list(paragraph.lines) if paragraph.lines else None,
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
