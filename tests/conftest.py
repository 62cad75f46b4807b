"""Fixtures every test package shares: where ../shared is, and a private index cache."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# CI and every developer have the team's data folder beside the project; tests read it there
# and never copy it into the repository.
SHARED_DIR = Path(
    os.environ.get("VERBATIM_SHARED_DIR", Path(__file__).resolve().parents[2] / "shared")
)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED_DIR.is_dir():
        pytest.skip(f"needs the team's shared data folder at {SHARED_DIR}, which is absent here")
    return SHARED_DIR


@pytest.fixture(autouse=True, scope="session")
def private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Keep every index the tests build out of the user's own cache folder."""
    cache = tmp_path_factory.mktemp("verbatim-cache")
    previous = os.environ.get("VERBATIM_CACHE_DIR")
    os.environ["VERBATIM_CACHE_DIR"] = str(cache)
    yield cache
    if previous is None:
        os.environ.pop("VERBATIM_CACHE_DIR", None)
    else:
        os.environ["VERBATIM_CACHE_DIR"] = previous
