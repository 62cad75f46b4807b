"""/reload: who may, a corpus with a broken file, and a reload that fails."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.client import VerbatimBot
from retrieval.cache import corpus_slot
from tests.bot.conftest import SEED_CORPUS, WANG, StartBot, text_of
from tests.bot.emulator import Emulator


def seed_copy(folder: Path) -> Path:
    shutil.copytree(SEED_CORPUS, folder)
    return folder


async def test_a_member_without_manage_server_cannot_reload(
    bot: VerbatimBot, emulator: Emulator
) -> None:
    rec = await emulator.slash("reload", {}, user=emulator.member)
    refusal = await rec.response()
    assert rec.ephemeral
    assert "Manage Server" in refusal["content"]


async def test_an_admin_reloads(bot: VerbatimBot, emulator: Emulator) -> None:
    rec = await emulator.slash("reload", {}, user=emulator.admin)
    message = await rec.response(timeout=20)
    assert rec.ephemeral
    assert "Reloaded" in message["content"]
    assert "2 documents" in message["content"]


async def test_in_dms_only_the_owner_reloads(
    start_bot: StartBot, emulator: Emulator, tmp_path: Path
) -> None:
    # Global commands (no VERBATIM_GUILD_IDS) are the ones Discord offers in DMs.
    async with start_bot(guild_ids=(), cache_dir=tmp_path):
        refused = await emulator.slash("reload", {}, user=emulator.member, dm=True)
        assert "Manage Server" in (await refused.response())["content"]
        rec = await emulator.slash("reload", {}, user=emulator.owner, dm=True)
        assert "Reloaded" in (await rec.response(timeout=20))["content"]


async def test_a_broken_file_is_reported_and_the_rest_served(
    start_bot: StartBot, emulator: Emulator, tmp_path: Path
) -> None:
    corpus = seed_copy(tmp_path / "corpus")
    async with start_bot(corpus=(corpus,), cache_dir=tmp_path / "cache"):
        (corpus / "broken.txt").write_bytes(b"\x00\xff\xfe binary \x00\x01" * 50)
        rec = await emulator.slash("reload", {}, user=emulator.admin)
        report = (await rec.response(timeout=30))["content"]
        assert "Reloaded" in report
        assert "`broken.txt`" in report  # named within the corpus folder
        assert str(tmp_path) not in report  # the server's own folders stay private
        ask = await emulator.slash("ask", {"question": "multilateralism"})
        assert f"`{WANG}-" in text_of(await ask.response())


async def test_a_failed_reload_keeps_serving_the_old_index(
    start_bot: StartBot, emulator: Emulator, tmp_path: Path
) -> None:
    corpus = seed_copy(tmp_path / "corpus")
    async with start_bot(corpus=(corpus,), cache_dir=tmp_path / "cache"):
        shutil.rmtree(corpus)
        rec = await emulator.slash("reload", {}, user=emulator.admin)
        report = (await rec.response(timeout=30))["content"]
        assert "Reload failed" in report
        assert "Still serving the previous corpus (2 documents" in report
        ask = await emulator.slash("ask", {"question": "multilateralism"})
        assert f"`{WANG}-" in text_of(await ask.response())


async def test_reload_rebuild_builds_the_index_again(
    start_bot: StartBot, emulator: Emulator, tmp_path: Path
) -> None:
    corpus, cache = seed_copy(tmp_path / "corpus"), tmp_path / "cache"
    async with start_bot(corpus=(corpus,), cache_dir=cache):
        (folder,) = corpus_slot(cache, [corpus]).iterdir()
        built = folder.stat().st_ino
        rec = await emulator.slash("reload", {}, user=emulator.admin)
        assert "Reloaded" in (await rec.response(timeout=30))["content"]
        assert folder.stat().st_ino == built  # the cached index, loaded
        rec = await emulator.slash("reload", {"rebuild": True}, user=emulator.admin)
        assert "Reloaded" in (await rec.response(timeout=30))["content"]
        assert folder.stat().st_ino != built  # built again and swapped in
        ask = await emulator.slash("ask", {"question": "multilateralism"})
        assert f"`{WANG}-" in text_of(await ask.response())
