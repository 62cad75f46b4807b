"""The ``emulator`` pytest fixture; tests/bot/conftest.py imports it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from .emulator import Emulator


def spec_path(shared_dir: Path) -> Path:
    return shared_dir / "discord-api-spec" / "openapi.json"


@pytest_asyncio.fixture
async def emulator(shared_dir: Path) -> AsyncIterator[Emulator]:
    spec = spec_path(shared_dir)
    if not spec.is_file():
        pytest.skip(f"needs Discord's OpenAPI spec at {spec}, which is absent here")
    async with Emulator(spec_path=spec) as emu:
        yield emu
