"""What the log keeps of members: their words and ids at DEBUG only, never above it."""

from __future__ import annotations

import logging

import pytest

from bot.client import VerbatimBot
from tests.bot.conftest import button
from tests.bot.emulator import Emulator

# Words no command would log for its own reasons, so finding them means a member's text leaked.
SECRET_WORDS = "zanzibar multilateralism"


def logged_at_info_or_above(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.INFO)


async def test_a_slash_question_and_its_asker_stay_out_of_the_info_log(
    bot: VerbatimBot, emulator: Emulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    rec = await emulator.slash("ask", {"question": SECRET_WORDS})
    await rec.response()

    shown = logged_at_info_or_above(caplog)
    assert "zanzibar" not in shown
    assert str(emulator.member.id) not in shown
    # Still there for whoever debugs.
    assert any("zanzibar" in r.getMessage() for r in caplog.records if r.levelno == logging.DEBUG)


async def test_a_refused_date_and_a_mention_question_stay_out_of_the_info_log(
    bot: VerbatimBot, emulator: Emulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    rec = await emulator.slash("ask", {"question": "peace", "from": "zanzibar day"})
    await rec.response()
    await emulator.post_message(
        f"<@{emulator.bot_user.id}> {SECRET_WORDS}?", author=emulator.member
    )
    await emulator.wait_for_bot_message()

    shown = logged_at_info_or_above(caplog)
    assert "zanzibar" not in shown
    assert str(emulator.member.id) not in shown


async def test_who_quotes_posts_and_deletes_stays_out_of_the_info_log(
    bot: VerbatimBot, emulator: Emulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    quoted = await emulator.slash("quote", {"passage": "multilateralism"})
    await quoted.response()
    rec = await emulator.slash("ask", {"question": "multilateralism", "private": True})
    answer = await rec.response()
    posted = await (
        await emulator.click(message=answer, custom_id=button(answer, "Post"))
    ).response()
    deleted = await emulator.click(message=posted, custom_id=button(posted, "Delete"))
    await deleted.wait_until(lambda: deleted.original_deleted)

    shown = logged_at_info_or_above(caplog)
    assert "posted in guild" in shown and "deleted in guild" in shown and "/quote" in shown
    assert str(emulator.member.id) not in shown
