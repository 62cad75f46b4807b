"""/ask and "Find quotes": quoted, cited answers, their buttons, and who may use them."""

from __future__ import annotations

from pathlib import Path

from bot.client import VerbatimBot
from tests.bot.conftest import (
    QIN,
    WANG,
    StartBot,
    button,
    eventually,
    labels,
    private_followups,
    private_reply,
    text_of,
)
from tests.bot.emulator import Emulator

QUESTION = "What did Wang Yi say about multilateralism?"
EPHEMERAL = 64


async def test_ask_answers_with_a_cited_block_quote(bot: VerbatimBot, emulator: Emulator) -> None:
    rec = await emulator.slash("ask", {"question": QUESTION})
    message = await rec.response()

    assert rec.callback_types[0] == 5  # deferred at once, answered when retrieval is done
    assert rec.first_callback_latency is not None and rec.first_callback_latency < 3
    assert not rec.ephemeral
    text = text_of(message)
    assert "\n> " in f"\n{text}"
    assert "**multilateralism**" in text.lower()
    assert "Wang Yi" in text
    assert f"`{WANG}-" in text  # the citation id of the China News Service seed
    assert labels(message) == ["◀", "▶", "Context", "Delete"]


async def test_ask_pages_forward_and_back(bot: VerbatimBot, emulator: Emulator) -> None:
    rec = await emulator.slash("ask", {"question": "multilateralism United Nations"})
    first = await rec.response()
    assert "page 1/" in text_of(first)

    click = await emulator.click(message=first, custom_id=button(first, "▶"), user=emulator.member)
    second = await click.response()
    assert click.callback_types[0] == 6
    assert "page 2/" in text_of(second)
    assert text_of(second) != text_of(first)

    back = await emulator.click(message=second, custom_id=button(second, "◀"), user=emulator.member)
    assert "page 1/" in text_of(await back.response())


async def test_only_the_asker_turns_the_pages_of_a_public_answer(
    bot: VerbatimBot, emulator: Emulator
) -> None:
    rec = await emulator.slash("ask", {"question": "multilateralism United Nations"})
    first = await rec.response()
    click = await emulator.click(message=first, custom_id=button(first, "▶"), user=emulator.other)
    refusal = await click.response()
    assert click.ephemeral
    assert "Only the person who asked" in refusal["content"]


async def test_context_shows_the_neighbouring_paragraphs_privately(
    bot: VerbatimBot, emulator: Emulator
) -> None:
    rec = await emulator.slash("ask", {"question": QUESTION})
    message = await rec.response()
    click = await emulator.click(
        message=message, custom_id=button(message, "Context"), user=emulator.other
    )
    context = await click.response()
    assert click.ephemeral
    text = text_of(context)
    assert "← quoted" in text
    assert text.count("**¶") >= 2


async def test_a_private_answer_can_be_posted_into_the_channel(
    bot: VerbatimBot, emulator: Emulator
) -> None:
    rec = await emulator.slash("ask", {"question": QUESTION, "private": True})
    message = await rec.response()
    assert rec.ephemeral
    assert "Post" in labels(message) and "Delete" not in labels(message)

    click = await emulator.click(message=message, custom_id=button(message, "Post"))
    posted = await click.response()
    assert not click.ephemeral
    assert f"`{WANG}-" in text_of(posted)
    assert "Posted by" in text_of(posted)
    assert any(m["id"] == posted["id"] for m in emulator.channel_messages())


async def test_the_asker_deletes_an_answer_and_others_cannot(
    bot: VerbatimBot, emulator: Emulator
) -> None:
    rec = await emulator.slash("ask", {"question": QUESTION}, user=emulator.member)
    message = await rec.response()

    refused = await emulator.click(
        message=message, custom_id=button(message, "Delete"), user=emulator.other
    )
    assert "Only the person who asked" in (await refused.response())["content"]
    assert not rec.original_deleted

    await emulator.click(message=message, custom_id=button(message, "Delete"), user=emulator.member)
    await eventually(lambda: int(message["id"]) in emulator.deleted_message_ids)


async def test_a_moderator_may_delete_someone_elses_answer(
    bot: VerbatimBot, emulator: Emulator
) -> None:
    rec = await emulator.slash("ask", {"question": QUESTION}, user=emulator.member)
    message = await rec.response()
    await emulator.click(
        message=message, custom_id=button(message, "Delete"), user=emulator.moderator
    )
    await eventually(lambda: int(message["id"]) in emulator.deleted_message_ids)


async def test_ask_filters_by_speaker_and_dates(bot: VerbatimBot, emulator: Emulator) -> None:
    rec = await emulator.slash(
        "ask",
        {"question": "multilateralism", "speaker": "gang qin", "from": "2023", "to": "2023-12"},
    )
    text = text_of(await rec.response())
    assert "Qin Gang" in text
    assert f"`{QIN}-" in text
    assert f"`{WANG}-" not in text


async def test_nothing_found_is_private_with_a_suggestion(
    bot: VerbatimBot, emulator: Emulator
) -> None:
    rec = await emulator.slash("ask", {"question": "zyxwvut quantum chromodynamics"})
    await rec.wait_until(lambda: rec.original_deleted and rec.followup_messages)
    # The public "thinking…" placeholder is removed and the reason sent privately.
    followup = private_followups(emulator, rec)
    assert followup
    assert followup[0]["content"]
    assert not followup[0].get("embeds")


async def test_an_unreadable_date_is_refused_privately(
    bot: VerbatimBot, emulator: Emulator
) -> None:
    rec = await emulator.slash("ask", {"question": "multilateralism", "from": "someday"})
    message = await rec.response()
    assert rec.ephemeral
    assert "“someday” for from is not a date: use 2023-02-02" in message["content"]


async def test_a_blank_date_is_no_limit(bot: VerbatimBot, emulator: Emulator) -> None:
    rec = await emulator.slash("ask", {"question": QUESTION, "from": " ", "to": " "})
    assert f"`{WANG}-" in text_of(await rec.response())


async def test_an_unknown_speaker_is_explained_by_the_answer(
    bot: VerbatimBot, emulator: Emulator
) -> None:
    # /ask keeps a name that is nobody; retrieval's answer says so, with its suggestions.
    rec = await emulator.slash("ask", {"question": "multilateralism", "speaker": "Wang Yu"})
    told = await private_reply(emulator, rec)
    assert "No speaker called “Wang Yu”" in told
    assert "Wang Yi" in told
    assert rec.callback_types[0] == 5  # deferred: the refusal came from the answer


async def test_ask_autocompletes_speakers_and_dates(bot: VerbatimBot, emulator: Emulator) -> None:
    speakers = await emulator.autocomplete(
        "ask", {"question": "x", "speaker": "wang"}, focused="speaker"
    )
    assert [c["value"] for c in speakers] == ["Wang Yi"]
    assert "paragraph" in speakers[0]["name"]
    dates = await emulator.autocomplete("ask", {"question": "x", "from": "2023"}, focused="from")
    assert "2023-02-02" in [c["value"] for c in dates]


async def test_find_quotes_checks_a_message_privately(bot: VerbatimBot, emulator: Emulator) -> None:
    claim = await emulator.post_message(
        "The UN should uphold true multilateralism and improve global governance",
        author=emulator.other,
    )
    rec = await emulator.context_menu("Find quotes", message=claim, user=emulator.member)
    message = await rec.response()
    assert rec.ephemeral
    assert "multilateralism**" in text_of(message).lower()
    assert "Post" in labels(message)


async def test_buttons_are_removed_when_the_view_times_out(
    start_bot: StartBot, emulator: Emulator
) -> None:
    async with start_bot(options={"view_timeout": 0.3}):
        rec = await emulator.slash("ask", {"question": QUESTION})
        message = await rec.response()
        assert labels(message)
        await eventually(lambda: not labels(rec.original or {}), timeout=5)


async def test_too_many_questions_meet_the_cooldown(
    start_bot: StartBot, emulator: Emulator
) -> None:
    async with start_bot(cooldown_rate=2, cooldown_per=60.0):
        for _ in range(2):
            rec = await emulator.slash("ask", {"question": QUESTION})
            assert not rec.ephemeral or await rec.response()
            await rec.response()
        rec = await emulator.slash("ask", {"question": QUESTION})
        refusal = await rec.response()
        assert rec.ephemeral
        assert "ask again in" in refusal["content"]
        # Another user is not held back by the first one's cooldown.
        other = await emulator.slash("ask", {"question": QUESTION}, user=emulator.other)
        assert f"`{WANG}-" in text_of(await other.response())


async def test_find_quotes_shares_the_cooldown(start_bot: StartBot, emulator: Emulator) -> None:
    async with start_bot(cooldown_rate=1, cooldown_per=60.0):
        claim = await emulator.post_message("multilateralism and global governance")
        first = await emulator.context_menu("Find quotes", message=claim)
        assert "multilateralism**" in text_of(await first.response()).lower()
        again = await emulator.context_menu("Find quotes", message=claim)
        assert "ask again in" in await private_reply(emulator, again)


async def test_ask_works_in_a_dm(start_bot: StartBot, emulator: Emulator, tmp_path: Path) -> None:
    async with start_bot(guild_ids=(), cache_dir=tmp_path):
        rec = await emulator.slash("ask", {"question": QUESTION}, dm=True)
        assert f"`{WANG}-" in text_of(await rec.response())


async def test_an_overlong_question_is_refused_privately(
    bot: VerbatimBot, emulator: Emulator
) -> None:
    rec = await emulator.slash("ask", {"question": "multilateralism " * 30})
    assert "at most 300 characters" in await private_reply(emulator, rec)
