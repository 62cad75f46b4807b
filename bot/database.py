"""The bot's own database: SQLite in the data folder by default, PostgreSQL when configured.

One code path serves both, on SQLAlchemy 2's asyncio layer (aiosqlite and asyncpg drivers), so
no query blocks the event loop. The schema has a version, kept in the database, and
:data:`MIGRATIONS` brings any older database up to date at start, each step in its own
transaction; the SQL is the common dialect both servers speak (``ON CONFLICT``, ``RETURNING``).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import platformdirs
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from corpus.errors import VerbatimError

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "DatabaseUnavailable",
    "database_url",
    "default_data_dir",
    "migrate",
    "open_database",
    "schema_version",
]

log = logging.getLogger(__name__)

DATABASE_FILE = "verbatim.sqlite3"
# Seconds to wait for a server that does not answer: a start-up that hangs says nothing.
CONNECT_TIMEOUT = 10

# Version n is reached by running MIGRATIONS[n - 1]. Never edit a step that has shipped: add one.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: a server's settings, one row per setting it changed (absent: the default).
    (
        """CREATE TABLE guild_setting (
            guild_id BIGINT NOT NULL,
            name VARCHAR(40) NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (guild_id, name)
        )""",
    ),
    # 2: changes reach every process: each write takes the next revision from one counter row
    # (its row lock orders concurrent writers, so revisions commit in order) and processes
    # poll for revisions above the last they saw. A reset is a row with no value, so it is
    # seen too. Who changed a setting and when, for moderators asking "who turned this on".
    (
        "ALTER TABLE guild_setting ADD COLUMN revision BIGINT NOT NULL DEFAULT 0",
        "ALTER TABLE guild_setting ADD COLUMN changed_by BIGINT",
        "ALTER TABLE guild_setting ADD COLUMN changed_at VARCHAR(40)",
        "CREATE INDEX guild_setting_revision ON guild_setting (revision)",
        "CREATE TABLE setting_revision (id INTEGER PRIMARY KEY, value BIGINT NOT NULL)",
        "INSERT INTO setting_revision (id, value) VALUES (1, 0)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)
# PostgreSQL's advisory lock that orders migrations: any fixed number no other code uses.
SCHEMA_LOCK_KEY = 0x76657262  # "verb"


class DatabaseUnavailable(VerbatimError):
    """The database cannot be reached or used; the message is one line for an operator."""


def default_data_dir() -> Path:
    """Where the bot keeps its state unless ``VERBATIM_DATA_DIR`` says otherwise."""
    return Path(platformdirs.user_data_dir("verbatim"))


def database_url(configured: str | None, data_dir: Path | None) -> str:
    """The SQLAlchemy URL: ``configured`` (``postgresql://…`` gets the asyncpg driver), else a
    SQLite file in the data folder."""
    if configured:
        try:
            url = make_url(configured)
        except ArgumentError:
            raise DatabaseUnavailable(
                "VERBATIM_DATABASE_URL is not a database URL (e.g. postgresql://host/verbatim)"
            ) from None
        backend = url.get_backend_name()
        if backend == "postgresql":
            return url.set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)
        if backend == "sqlite":
            return url.set(drivername="sqlite+aiosqlite").render_as_string(hide_password=False)
        raise DatabaseUnavailable(
            f"VERBATIM_DATABASE_URL: {backend!r} databases are not supported "
            "(use postgresql://… or leave it unset for SQLite)"
        )
    folder = data_dir or default_data_dir()
    return f"sqlite+aiosqlite:///{folder / DATABASE_FILE}"


def _shown(url: str) -> str:
    """The URL without its password, for messages and logs."""
    return make_url(url).render_as_string(hide_password=True)


async def open_database(url: str) -> AsyncEngine:
    """An engine on ``url`` with the schema brought up to date, or :class:`DatabaseUnavailable`."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        folder = Path(parsed.database).parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DatabaseUnavailable(
                f"cannot create the data folder {folder}: {error.strerror}"
            ) from None
    # Both drivers take ``timeout``: seconds to connect (asyncpg) or to wait for a lock (SQLite).
    engine = create_async_engine(url, connect_args={"timeout": CONNECT_TIMEOUT}, pool_pre_ping=True)
    try:
        async with engine.begin() as connection:
            await migrate(connection)
    except (OSError, DBAPIError, TimeoutError) as error:
        await engine.dispose()
        raise DatabaseUnavailable(
            f"cannot use the database at {_shown(url)}: {_one_line(error)}"
        ) from None
    return engine


async def schema_version(connection: AsyncConnection) -> int:
    """The schema version recorded in the database; 0 for a new, empty one."""
    await connection.execute(
        text("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    )
    found = (await connection.execute(text("SELECT max(version) FROM schema_version"))).scalar()
    return int(found or 0)


async def migrate(connection: AsyncConnection, steps: Sequence[Sequence[str]] = MIGRATIONS) -> int:
    """Run the steps the database has not had, in the caller's transaction; the new version.

    A database newer than this code is refused rather than written to: an older process in a
    cluster being upgraded must not corrupt what a newer one migrated."""
    await _hold_schema_lock(connection)
    current = await schema_version(connection)
    if current > len(steps):
        raise DatabaseUnavailable(
            f"the database's schema is version {current}, newer than this Verbatim's "
            f"({len(steps)}): upgrade Verbatim"
        )
    for version in range(current + 1, len(steps) + 1):
        for statement in steps[version - 1]:
            await connection.execute(text(statement))
        await connection.execute(
            text("INSERT INTO schema_version (version) VALUES (:version)"), {"version": version}
        )
        log.info("database schema migrated to version %d", version)
    return len(steps)


async def _hold_schema_lock(connection: AsyncConnection) -> None:
    """Make the processes of a cluster that start together migrate one after the other, until
    the caller's transaction ends: without it, two read version 0 and the second fails with
    "table guild_setting already exists" (seen in the two-process shard test)."""
    if connection.dialect.name == "sqlite":
        # The driver begins a transaction only before a data change, so the version is read
        # unlocked; BEGIN IMMEDIATE takes the database's write lock first (waiting ``timeout``).
        await connection.exec_driver_sql("BEGIN IMMEDIATE")
    elif connection.dialect.name == "postgresql":
        await connection.execute(
            text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK_KEY}
        )


def _one_line(error: BaseException) -> str:
    if isinstance(error, DBAPIError) and error.orig is not None:
        error = error.orig
    message = " ".join(str(error).split()) or type(error).__name__
    return message[:300]
