"""What every subcommand shares (the ``--corpus`` option and the exit statuses), how
``verbatim corpus stats`` and ``verbatim corpus export`` write a corpus (its figures,
``render_stats``; a paragraph's line, ``export_record``), and ``verbatim corpus speakers``.
Stats and export read the built index, so ``retrieval.cli`` makes the ``corpus`` command and
registers them, then ``corpus speakers`` from here."""

from __future__ import annotations

import argparse
import json
import sys
from enum import IntEnum
from pathlib import Path
from typing import Any

from .loader import Corpus, load_corpus
from .models import CorpusStats, Document, Paragraph
from .speakers import Variants

__all__ = [
    "EXIT_STATUS_HELP",
    "ExitStatus",
    "add_corpus_argument",
    "corpus_folders",
    "export_record",
    "quote_odd",
    "register_speakers",
    "render_similar",
    "render_stats",
    "run_speakers",
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


def register_speakers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``corpus speakers`` to the ``corpus`` command's subcommands (``retrieval.cli`` makes
    the group: ``stats`` and ``export`` read the index)."""
    speakers = sub.add_parser(
        "speakers",
        help="the speakers and their spellings; --similar: the spellings merged into one "
        "person and the near misses, to help write speakers.yaml",
    )
    add_corpus_argument(speakers)
    speakers.add_argument(
        "--similar",
        action="store_true",
        help="list the merges made and the pairs of names that nearly merged",
    )
    speakers.add_argument("--json", action="store_true", help="print one JSON object")
    speakers.set_defaults(handler=run_speakers)


def _load(args: argparse.Namespace) -> Corpus:
    return load_corpus(corpus_folders(args))


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
    if stats.furniture:
        removed, files = sum(stats.furniture.values()), len(stats.furniture_by_file)
        lines.append(f"Page furniture removed: {removed:,} (in {files:,} files)")
        lines.extend(f"  {n:>7,}  {kind}" for kind, n in stats.furniture.items())
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


def run_speakers(args: argparse.Namespace) -> ExitStatus:
    """``corpus speakers [--similar] [--json]``."""
    corpus = _load(args)
    registry = corpus.speakers
    if not args.similar:
        persons = [s for s in registry.all() if s.kind == "person"]
        if args.json:
            records = [s.model_dump(mode="json") for s in persons]
            sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
            return ExitStatus.OK
        for speaker in persons:
            aliases = " · ".join(quote_odd(alias) for alias in speaker.aliases)
            line = f"{speaker.paragraph_count:>7,}  {quote_odd(speaker.name)}"
            sys.stdout.write(f"{line}  ({aliases})\n" if aliases else line + "\n")
        return ExitStatus.OK
    variants = registry.variants
    if args.json:
        record = {
            "merged": [list(group) for group in variants.groups],
            "merges": [pair._asdict() for pair in variants.merges],
            "near_misses": [pair._asdict() for pair in variants.near_misses],
        }
        sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
        return ExitStatus.OK
    sys.stdout.write(render_similar(variants))
    return ExitStatus.OK


def render_similar(variants: Variants) -> str:
    """The merges made, one person a line with the spellings merged into it, then the near
    misses, most alike first, each with the merged person it belongs to and why it was not
    merged."""
    shown_as = {name: group[0] for group in variants.groups for name in group}

    def named(name: str) -> str:
        person = shown_as.get(name, name)
        return quote_odd(name) if person == name else f"{quote_odd(name)} ({quote_odd(person)})"

    lines = [f"Merged: {len(variants.groups):,} people written several ways"]
    for display, *others in variants.groups:
        lines.append(f"  {quote_odd(display)} <- {' · '.join(map(quote_odd, others))}")
    near = sorted(variants.near_misses, key=lambda p: (-p.score, p.first, p.second))
    hint = "to merge one, list it as an alias in speakers.yaml"
    lines.append(f"Near misses: {len(near):,} pairs ({hint})")
    for pair in near:
        lines.append(
            f"  {pair.score:3.0f}  {named(pair.first)} ~ {named(pair.second)}: {pair.reason}"
        )
    return "\n".join(lines) + "\n"
