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


# The settings `verbatim` reads (bot/settings.py); a developer's own values (a real token, their
# corpus, their cache folder, a louder log level) must not leak into the tests.
SETTINGS_PREFIXES = ("VERBATIM_", "DISCORD_TOKEN")
# Settings of the tests themselves, not of the bot.
KEPT = {"VERBATIM_SHARED_DIR", "VERBATIM_TEST_POSTGRES_URL"}


@pytest.fixture(autouse=True, scope="session")
def private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Keep every index the tests build out of the user's own cache folder.

    Nothing in ``retrieval`` reads ``VERBATIM_CACHE_DIR``: an index opened without a cache
    folder goes to platformdirs' user cache, which on Linux is ``$XDG_CACHE_HOME/verbatim``. So
    the tests point XDG_CACHE_HOME at a temporary folder (inherited by the ``verbatim``
    processes some tests start) and unset the settings; the folder yielded is where the
    default cache now is.
    """
    home = tmp_path_factory.mktemp("xdg-cache")
    # The bot's default database lives in platformdirs' user data folder: a temporary one too.
    os.environ["XDG_DATA_HOME"] = str(tmp_path_factory.mktemp("xdg-data"))
    saved = {
        name: value
        for name, value in os.environ.items()
        if name.startswith(SETTINGS_PREFIXES) and name not in KEPT
    }
    saved_xdg = os.environ.get("XDG_CACHE_HOME")
    for name in saved:
        del os.environ[name]
    os.environ["XDG_CACHE_HOME"] = str(home)
    yield home / "verbatim"
    if saved_xdg is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = saved_xdg
    os.environ.update(saved)
