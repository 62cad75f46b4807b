"""The databases the settings tests run on: SQLite in a temporary folder, always; PostgreSQL
when ``VERBATIM_TEST_POSTGRES_URL`` names a server (``.ci/run`` starts a throwaway one), each
test in a database of its own, dropped afterwards."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy.engine import make_url

POSTGRES_VARIABLE = "VERBATIM_TEST_POSTGRES_URL"

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
]


async def database_for(backend: str, tmp_path: Path) -> AsyncIterator[str]:
    """A URL for an empty database of ``backend``, as VERBATIM_DATABASE_URL would give it."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'settings.sqlite3'}"
        return
    server = os.environ.get(POSTGRES_VARIABLE)
    if not server:
        pytest.skip(f"{POSTGRES_VARIABLE} is not set (.ci/run starts a PostgreSQL for these)")
    url = make_url(server)
    name = f"verbatim_test_{uuid.uuid4().hex[:12]}"
    admin_dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
    admin = await asyncpg.connect(admin_dsn)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        admin = await asyncpg.connect(admin_dsn)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()
