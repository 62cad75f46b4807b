"""The hand-labelled paragraph gold in ``gold/paragraphs/``: its format, how its line numbers
count, and where its source files are read from.

One home for the rules the CI test (``test_paragraph_gold.py``) and the measurement
(``tests/benchmarks/bench_paragraphs.py``) share; ``gold/README.md`` explains them for people.
"""

from __future__ import annotations

import itertools
import tarfile
from collections.abc import Iterable
from pathlib import Path
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "FURNITURE_KINDS",
    "GOLD_DIR",
    "GOLD_LAYOUTS",
    "Furniture",
    "GoldSpeech",
    "gold_spans",
    "load_gold",
    "read_sources",
    "source_lines",
]

GOLD_DIR = Path(__file__).resolve().parent / "gold" / "paragraphs"
# Gold paths are relative to this folder of the UNGDC, in the sample and in the archive alike.
_UNGDC_TEXTS = "TXT"

FurnitureKind = Literal[
    "job_number", "page_number", "symbol", "running_head", "watermark", "procedural", "other"
]
GoldLayout = Literal[
    "one-per-line",
    "one-per-line-numbered",
    "wrapped-blank-lines",
    "wrapped-no-blank",
    "wrapped-indent",
]
FURNITURE_KINDS: tuple[str, ...] = get_args(FurnitureKind)
GOLD_LAYOUTS: tuple[str, ...] = get_args(GoldLayout)


class Furniture(BaseModel):
    """A line (or, when ``fused``, the ``text`` inside a line) that the printed record added and
    the speaker did not say."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    line: int = Field(ge=1)
    kind: FurnitureKind
    fused: bool
    text: str = Field(min_length=1)


class GoldSpeech(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    path: str = Field(pattern=r"^Session \d\d - \d{4}/[A-Z]{3}_\d\d_\d{4}\.txt$")
    layout: GoldLayout
    lines: int = Field(ge=1)
    paragraph_starts: tuple[int, ...] = Field(min_length=1)
    furniture: tuple[Furniture, ...]
    notes: str = Field(min_length=1)

    @model_validator(mode="after")
    def _numbers_in_order_and_range(self) -> GoldSpeech:
        starts = self.paragraph_starts
        if any(later <= earlier for earlier, later in itertools.pairwise(starts)):
            raise ValueError("paragraph_starts must be strictly ascending")
        if starts[0] < 1 or starts[-1] > self.lines:
            raise ValueError(f"paragraph_starts must lie within 1..{self.lines}")
        furniture = [item.line for item in self.furniture]
        if any(later <= earlier for earlier, later in itertools.pairwise(furniture)):
            raise ValueError("furniture lines must be strictly ascending (one entry a line)")
        if furniture and furniture[-1] > self.lines:
            raise ValueError(f"furniture lines must lie within 1..{self.lines}")
        standalone = {item.line for item in self.furniture if not item.fused}
        if standalone & set(starts):
            raise ValueError("a paragraph cannot start on a line that is all furniture")
        return self

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1].removesuffix(".txt")


def load_gold(folder: Path = GOLD_DIR) -> list[GoldSpeech]:
    """Every gold file, in file-name order; a malformed one raises pydantic's ValidationError."""
    return [
        GoldSpeech.model_validate_json(path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*.json"))
    ]


def source_lines(data: bytes) -> list[str]:
    """The numbered lines of a gold speech's source (line n is ``lines[n - 1]``).

    UTF-8, a byte-order mark dropped; CRLF, a lone CR and LF each end a line (the loader's
    ``clean_lines`` splits the same way: some 1960s-1990s files end lines with a lone CR, so
    splitting on LF alone would make one line of a whole speech). A line ending at the very end
    of the file starts no further line. Nothing else is changed: indentation, trailing spaces,
    tabs and form feeds stay in the line.
    """
    text = data.decode("utf-8-sig")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


def gold_spans(gold: GoldSpeech, lines: list[str]) -> list[tuple[int, int]]:
    """Each gold paragraph as (first line, last line): from its start to the last line before the
    next start that holds speech (blank lines and lines that are all furniture end no paragraph)."""
    standalone = {item.line for item in gold.furniture if not item.fused}
    bounds = [*gold.paragraph_starts, len(lines) + 1]
    spans: list[tuple[int, int]] = []
    for start, following in itertools.pairwise(bounds):
        speech = [
            number
            for number in range(start, following)
            if lines[number - 1].strip() and number not in standalone
        ]
        spans.append((start, speech[-1] if speech else start))
    return spans


def read_sources(paths: Iterable[str], shared: Path) -> dict[str, bytes]:
    """Each gold path's bytes: from the UNGDC sample in ``shared`` when it is there, the rest from
    the full archive in one pass (a gzip tar reads only front to back; one pass takes ~2 s).

    Raises FileNotFoundError, naming what is missing, when a source is in neither.
    """
    ungdc = shared / "corpora" / "ungdc"
    found: dict[str, bytes] = {}
    wanted: dict[str, str] = {}
    for path in paths:
        sample = ungdc / "sample" / _UNGDC_TEXTS / path
        if sample.is_file():
            found[path] = sample.read_bytes()
        else:
            wanted[f"{_UNGDC_TEXTS}/{path}"] = path
    if not wanted:
        return found
    archive_path = ungdc / "ungdc-1946-2024.tar.gz"
    if not archive_path.is_file():
        raise FileNotFoundError(f"{archive_path} (needed for {sorted(wanted.values())})")
    with tarfile.open(archive_path, "r:gz") as archive:
        for member in archive:
            if member.name not in wanted:
                continue
            path = wanted.pop(member.name)
            handle = archive.extractfile(member)
            if handle is not None:
                found[path] = handle.read()
            if not wanted:
                break
    if wanted:
        raise FileNotFoundError(f"not in {archive_path}: {sorted(wanted.values())}")
    return found
