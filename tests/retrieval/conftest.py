"""Indexes the answering tests share: the seeds alone, and the seeds with the UNGDC sample."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.loader import embedded_corpus_folder
from retrieval.index import Index, open_index


@pytest.fixture(scope="session")
def seeds() -> Index:
    return open_index(None, progress=False)


@pytest.fixture(scope="session")
def sample(shared_dir: Path) -> Index:
    folder = shared_dir / "corpora" / "ungdc" / "sample"
    return open_index([embedded_corpus_folder(), folder], progress=False)
