"""The full UN General Debate Corpus as a corpus folder, for the benchmarks (never the tests).

It stays in ../shared as a tar.gz; a benchmark extracts it, with its metadata.csv, into a folder
of its own, once: a folder that already holds it is reused.
"""

from __future__ import annotations

import shutil
import tarfile
from pathlib import Path

DEFAULT_SHARED = Path(__file__).resolve().parents[3] / "shared"


def extract_ungdc(target: Path, shared: Path = DEFAULT_SHARED) -> Path:
    """``target``, holding the UNGDC texts and the metadata.csv that names their speakers."""
    ungdc = shared / "corpora" / "ungdc"
    if not (target / "metadata.csv").is_file():
        target.mkdir(parents=True, exist_ok=True)
        with tarfile.open(ungdc / "ungdc-1946-2024.tar.gz") as archive:
            archive.extractall(target, filter="data")
        shutil.copy(ungdc / "metadata.csv", target / "metadata.csv")
    return target
