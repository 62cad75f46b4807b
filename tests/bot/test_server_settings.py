"""Per-server settings in a real database: the same tests on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bot.database import (
    MIGRATIONS,
    SCHEMA_VERSION,
    DatabaseUnavailable,
    database_url,
    migrate,
    open_database,
)
from bot.server_settings import SETTINGS, ServerSettings, SettingsStore
from tests.bot.databases import BACKENDS, database_for

DEFAULTS = ServerSettings(ask_channels=(111,), private=False, per_page=4)
GUILD, OTHER_GUILD = 1_000_000_000_000_001, 1_000_000_000_000_002
MODERATOR = 42


@pytest.fixture(params=BACKENDS)
async def url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    async for found in database_for(request.param, tmp_path):
        yield database_url(found, None)


@pytest.fixture
async def store(url: str) -> AsyncIterator[SettingsStore]:
    opened = await SettingsStore.open(url, DEFAULTS)
    yield opened
    await opened.close()


async def test_a_change_is_kept_for_its_server_only_and_survives_a_restart(
    url: str, store: SettingsStore
) -> None:
    await store.set(GUILD, "ask-channels", "<#222> <#333>", by=MODERATOR)
    await store.set(GUILD, "visibility", "private", by=MODERATOR)
    assert store.get(GUILD).ask_channels == (222, 333)
    assert store.get(GUILD).private is True
    assert store.get(OTHER_GUILD) == DEFAULTS
    assert store.get(None) == DEFAULTS
    assert store.changed(GUILD) == {"ask-channels", "visibility"}
    await store.close()

    restarted = await SettingsStore.open(url, DEFAULTS)
    try:
        assert restarted.get(GUILD).ask_channels == (222, 333)
        assert restarted.get(GUILD).private is True
        assert restarted.get(GUILD).per_page == DEFAULTS.per_page  # never set: the default
        assert restarted.get(OTHER_GUILD) == DEFAULTS
    finally:
        await restarted.close()


async def test_new_defaults_reach_servers_that_set_nothing(url: str, store: SettingsStore) -> None:
    await store.set(GUILD, "hits-per-page", "8", by=MODERATOR)
    await store.close()
    changed_defaults = DEFAULTS.model_copy(update={"private": True, "per_page": 3})
    restarted = await SettingsStore.open(url, changed_defaults)
    try:
        assert restarted.get(OTHER_GUILD) == changed_defaults
        assert restarted.get(GUILD).per_page == 8
        assert restarted.get(GUILD).private is True  # not set there: follows the default
    finally:
        await restarted.close()


async def test_reset_one_setting_or_all(store: SettingsStore) -> None:
    await store.set(GUILD, "cooldown", "10/30", by=MODERATOR)
    await store.set(GUILD, "hits-per-page", "6", by=MODERATOR)
    assert (store.get(GUILD).cooldown_rate, store.get(GUILD).cooldown_per) == (10, 30.0)
    await store.reset(GUILD, "cooldown", by=MODERATOR)
    assert store.get(GUILD).cooldown_rate == DEFAULTS.cooldown_rate
    assert store.get(GUILD).per_page == 6
    assert store.changed(GUILD) == {"hits-per-page"}
    await store.reset(GUILD, None, by=MODERATOR)
    assert store.get(GUILD) == DEFAULTS
    assert store.changed(GUILD) == set()


@pytest.mark.parametrize(
    ("name", "typed", "problem"),
    [
        ("hits-per-page", "50", "hits-per-page"),
        ("hits-per-page", "many", "a number of hits"),
        ("visibility", "sometimes", "'public' or 'private'"),
        ("cooldown", "fast", "like 5/60"),
        ("cooldown", "0/60", "cooldown"),
        ("ask-channels", "general", "#channel"),
        ("colour", "blue", "the settings are ask-channels"),
    ],
)
async def test_a_bad_value_is_one_plain_sentence_and_changes_nothing(
    store: SettingsStore, name: str, typed: str, problem: str
) -> None:
    with pytest.raises(ValueError, match=problem):
        await store.set(GUILD, name, typed, by=MODERATOR)
    assert store.get(GUILD) == DEFAULTS
    async with store.engine.connect() as connection:
        rows = (await connection.execute(text("SELECT count(*) FROM guild_setting"))).scalar()
    assert rows == 0


async def test_another_process_sees_a_change_at_its_next_poll(
    url: str, store: SettingsStore
) -> None:
    other = await SettingsStore.open(url, DEFAULTS)
    try:
        other.start_polling(every=0.05)
        await store.set(GUILD, "visibility", "private", by=MODERATOR)
        for _ in range(100):
            if other.get(GUILD).private:
                break
            await asyncio.sleep(0.05)
        assert other.get(GUILD).private is True
        await store.reset(GUILD, "visibility", by=MODERATOR)  # a reset travels too
        for _ in range(100):
            if not other.get(GUILD).private:
                break
            await asyncio.sleep(0.05)
        assert other.get(GUILD) == DEFAULTS
    finally:
        await other.close()


async def test_concurrent_writers_lose_nothing_and_agree(url: str, store: SettingsStore) -> None:
    other = await SettingsStore.open(url, DEFAULTS)
    try:
        guilds = [GUILD + n for n in range(20)]
        writes = [
            writer.set(guild, "hits-per-page", str(1 + (n + k) % 10), by=MODERATOR)
            for n, guild in enumerate(guilds)
            for k, writer in enumerate((store, other))
        ] + [
            writer.set(GUILD, "cooldown", f"{k + 1}/60", by=k)
            for k, writer in enumerate([store, other] * 5)
        ]
        await asyncio.gather(*writes)
        await store.refresh()
        await other.refresh()
        for guild in guilds:
            assert store.get(guild) == other.get(guild)
        assert store.get(GUILD).cooldown_rate == other.get(GUILD).cooldown_rate
        async with store.engine.connect() as connection:
            revisions = (
                await connection.execute(text("SELECT value FROM setting_revision"))
            ).scalar()
        assert revisions == len(writes)  # every write took its own revision
    finally:
        await other.close()


async def test_a_database_of_the_previous_schema_is_migrated_keeping_its_settings(
    url: str,
) -> None:
    engine = create_async_engine(url)
    async with engine.begin() as connection:
        assert await migrate(connection, MIGRATIONS[:1]) == 1
        await connection.execute(
            text("INSERT INTO guild_setting (guild_id, name, value) VALUES (:g, 'per_page', '7')"),
            {"g": GUILD},
        )
    await engine.dispose()

    store = await SettingsStore.open(url, DEFAULTS)
    try:
        assert store.get(GUILD).per_page == 7
        async with store.engine.connect() as connection:
            version = (
                await connection.execute(text("SELECT max(version) FROM schema_version"))
            ).scalar()
        assert version == SCHEMA_VERSION == 2
        await store.set(GUILD, "visibility", "private", by=MODERATOR)  # the new columns work
    finally:
        await store.close()


async def test_processes_starting_together_on_a_new_database_migrate_it_once(url: str) -> None:
    # A cluster's processes start at once: each opens (and would migrate) the same new database.
    engines = await asyncio.gather(*(open_database(url) for _ in range(6)))
    try:
        async with engines[0].connect() as connection:
            versions = (await connection.execute(text("SELECT version FROM schema_version"))).all()
        assert sorted(version for (version,) in versions) == list(range(1, SCHEMA_VERSION + 1))
    finally:
        for engine in engines:
            await engine.dispose()


async def test_a_database_newer_than_the_code_is_refused(url: str) -> None:
    engine = await open_database(url)
    async with engine.begin() as connection:
        await connection.execute(text("INSERT INTO schema_version (version) VALUES (99)"))
    await engine.dispose()
    with pytest.raises(DatabaseUnavailable, match="version 99, newer than this Verbatim's"):
        await open_database(url)


async def test_a_dropped_database_keeps_the_settings_last_read_and_says_so(
    store: SettingsStore, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    await store.set(GUILD, "visibility", "private", by=MODERATOR)

    def unreachable(*args: object, **kwargs: object) -> None:
        raise OperationalError("SELECT", {}, ConnectionRefusedError("connection refused"))

    monkeypatch.setattr(AsyncEngine, "connect", unreachable)
    monkeypatch.setattr(AsyncEngine, "begin", unreachable)
    with caplog.at_level(logging.WARNING, logger="bot.server_settings"):
        store.start_polling(every=0.01)
        await asyncio.sleep(0.1)
        with pytest.raises(DatabaseUnavailable, match="cannot be reached"):
            await store.set(GUILD, "hits-per-page", "5", by=MODERATOR)
    assert store.get(GUILD).private is True
    warnings = [r.getMessage() for r in caplog.records if "cannot be reached" in r.getMessage()]
    assert len(warnings) == 1  # said once, not once a poll
    monkeypatch.undo()
    await store.refresh()
    assert any("reachable again" in r.getMessage() for r in caplog.records)


async def test_a_database_down_at_start_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnavailable) as raised:
        await open_database(database_url("postgresql://nobody:secret@127.0.0.1:9/verbatim", None))
    message = str(raised.value)
    assert message.startswith("cannot use the database at postgresql+asyncpg://nobody:***@")
    assert "secret" not in message and "\n" not in message
    blocked = tmp_path / "file"
    blocked.write_text("")
    with pytest.raises(DatabaseUnavailable, match="cannot create the data folder"):
        await open_database(database_url(None, blocked / "data"))


def test_urls() -> None:
    assert database_url(None, Path("/data")) == "sqlite+aiosqlite:////data/verbatim.sqlite3"
    assert database_url("postgresql://u:p@h/db", None) == "postgresql+asyncpg://u:p@h/db"
    with pytest.raises(DatabaseUnavailable, match="'mysql' databases are not supported"):
        database_url("mysql://h/db", None)


def test_every_setting_names_fields_of_the_model() -> None:
    for spec in SETTINGS.values():
        assert set(spec.fields) <= set(ServerSettings.model_fields), spec.name
        for example in spec.examples:
            spec.parse(example)
