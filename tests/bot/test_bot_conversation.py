"""Questions in messages: mentions, replies, DMs and ask-channels."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.client import VerbatimBot
from tests.bot.conftest import QIN, WANG, StartBot, button, eventually, text_of
from tests.bot.emulator import Emulator


def mention(emulator: Emulator) -> str:
    return f"<@{emulator.bot_user.id}>"


async def test_a_mention_is_answered_in_the_channel(bot: VerbatimBot, emulator: Emulator) -> None:
    asked = await emulator.post_message(
        f"{mention(emulator)} what did Wang Yi say about multilateralism?", author=emulator.member
    )
    reply = await emulator.wait_for_bot_message()
    assert reply["channel_id"] == str(emulator.channel_id)
    assert reply["message_reference"]["message_id"] == asked["id"]
    text = text_of(reply)
    assert "**multilateralism**" in text.lower()
    assert f"`{WANG}-" in text


async def test_a_reply_mentioning_the_bot_answers_the_replied_message(
    bot: VerbatimBot, emulator: Emulator
) -> None:
    claim = await emulator.post_message(
        "China said the UN should abandon ideological confrontation", author=emulator.other
    )
    await emulator.post_message(f"{mention(emulator)}", author=emulator.member, reply_to=claim)
    reply = await emulator.wait_for_bot_message()
    assert reply["message_reference"]["message_id"] == claim["id"]
    assert "confrontation**" in text_of(reply).lower()


async def test_a_dm_is_answered(bot: VerbatimBot, emulator: Emulator) -> None:
    await emulator.post_message(
        "What did Qin Gang say about the UN?", author=emulator.member, dm=True
    )
    reply = await emulator.wait_for_bot_message()
    assert reply["channel_id"] == str(emulator.dm_channel_ids[emulator.member.id])
    assert f"`{QIN}-" in text_of(reply)


async def test_messages_not_for_the_bot_are_ignored(bot: VerbatimBot, emulator: Emulator) -> None:
    await emulator.post_message(
        "what did Wang Yi say about multilateralism?", author=emulator.member
    )
    await emulator.post_message(f"{mention(emulator)} hello", author=emulator.member)
    reply = await emulator.wait_for_bot_message()
    assert "hello" not in text_of(reply) or reply["content"]  # only the mention is answered
    assert len(emulator.bot_messages) == 1


async def test_an_empty_mention_asks_for_a_question(bot: VerbatimBot, emulator: Emulator) -> None:
    await emulator.post_message(mention(emulator), author=emulator.member)
    reply = await emulator.wait_for_bot_message()
    assert "Ask me a question" in reply["content"]


async def test_ask_channels_answer_questions_ending_in_a_question_mark(
    start_bot: StartBot, emulator: Emulator
) -> None:
    async with start_bot(ask_channels=(emulator.other_channel_id,)) as running:
        assert running.intents.message_content
        await emulator.post_message(
            "what did Wang Yi say about multilateralism?", channel_id=emulator.other_channel_id
        )
        reply = await emulator.wait_for_bot_message(channel_id=emulator.other_channel_id)
        assert f"`{WANG}-" in text_of(reply)
        # Not a question, or not an ask-channel: no answer.
        await emulator.post_message("multilateralism.", channel_id=emulator.other_channel_id)
        await emulator.post_message("what about multilateralism?", channel_id=emulator.channel_id)
        await emulator.post_message(f"{mention(emulator)} and Qin Gang?")
        last = await emulator.wait_for_bot_message()
        assert last["channel_id"] == str(emulator.channel_id)
        assert f"`{QIN}-" in text_of(last)
        assert len(emulator.bot_messages) == 2


async def test_without_ask_channels_no_privileged_intent_is_requested(bot: VerbatimBot) -> None:
    assert not bot.intents.message_content
    assert not bot.intents.members
    assert not bot.intents.presences


async def test_the_mention_path_shares_the_cooldown(
    start_bot: StartBot, emulator: Emulator
) -> None:
    async with start_bot(cooldown_rate=1, cooldown_per=60.0):
        await emulator.post_message(f"{mention(emulator)} multilateralism?")
        await emulator.wait_for_bot_message()
        rec = await emulator.slash("ask", {"question": "multilateralism"})
        refusal: dict[str, Any] = await rec.response()
        assert rec.ephemeral
        assert "ask again in" in refusal["content"]
        await emulator.post_message(f"{mention(emulator)} multilateralism?")
        slow = await emulator.wait_for_bot_message()
        assert "ask again in" in slow["content"]


async def test_a_flood_of_mentions_over_the_limit_gets_one_notice_per_window(
    start_bot: StartBot, emulator: Emulator
) -> None:
    async with start_bot(cooldown_rate=1, cooldown_per=60.0):
        await emulator.post_message(f"{mention(emulator)} multilateralism?")
        await emulator.wait_for_bot_message()
        for _ in range(5):
            await emulator.post_message(f"{mention(emulator)} multilateralism?")
        notice = await emulator.wait_for_bot_message()
        assert notice["content"].startswith("Slow down")
        await asyncio.sleep(0.5)  # room for any further notice to arrive
        shown = [m.get("content") or "" for m in emulator.channel_messages()]
        assert [line.startswith("Slow down") for line in shown] == [False, True], shown
        # Another member over the limit is told, once, too.
        await emulator.post_message(f"{mention(emulator)} peace?", author=emulator.other)
        await emulator.wait_for_bot_message()
        await emulator.post_message(f"{mention(emulator)} peace?", author=emulator.other)
        assert (await emulator.wait_for_bot_message())["content"].startswith("Slow down")


async def test_a_mention_answer_pages_and_loses_its_buttons_after_the_timeout(
    start_bot: StartBot, emulator: Emulator
) -> None:
    async with start_bot(options={"view_timeout": 1.0}):
        await emulator.post_message(f"{mention(emulator)} multilateralism United Nations")
        reply = await emulator.wait_for_bot_message()
        assert "page 1/" in text_of(reply)
        click = await emulator.click(message=reply, custom_id=button(reply, "▶"))
        assert "page 2/" in text_of(await click.response())
        message_id = int(reply["id"])
        await eventually(lambda: not emulator.messages[message_id].get("components"))
