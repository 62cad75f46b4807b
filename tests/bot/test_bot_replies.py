"""The reply object: a refusal after a public "thinking…" removes that placeholder once, and
never an answer that was already shown."""

from __future__ import annotations

from discord import app_commands

from bot.client import VerbatimBot
from bot.interaction import Interaction
from bot.replies import Reply
from tests.bot.conftest import private_followups, text_of
from tests.bot.emulator import Emulator, InteractionRecord


async def add_probe(bot: VerbatimBot) -> None:
    """/probe: defer publicly, show an answer if asked to, then refuse twice (as a command
    whose error handler runs after it told the user something already)."""

    @app_commands.command(name="probe", description="Defer, maybe answer, then refuse twice")
    async def probe(interaction: Interaction, answer: bool) -> None:
        await Reply.to(interaction).defer(private=False)
        if answer:
            await Reply.to(interaction).show("the answer")
        await Reply.to(interaction).tell("first refusal")
        await Reply.to(interaction).tell("second refusal")

    bot.tree.add_command(probe)
    await bot.sync_commands()


def deletions_of_original(emulator: Emulator, rec: InteractionRecord) -> int:
    path = f"/webhooks/{emulator.application_id}/{rec.token}/messages/@original"
    return sum(1 for r in emulator.requests if r.method == "DELETE" and r.path == path)


async def test_a_refusal_after_a_public_deferral_removes_the_placeholder_once(
    bot: VerbatimBot, emulator: Emulator
) -> None:
    await add_probe(bot)
    rec = await emulator.slash("probe", {"answer": False})
    await rec.wait_until(lambda: len(private_followups(emulator, rec)) == 2)
    assert rec.callback_types == [5]
    assert rec.original_deleted
    assert deletions_of_original(emulator, rec) == 1
    told = [body["content"] for body in private_followups(emulator, rec)]
    assert told == ["first refusal", "second refusal"]


async def test_a_refusal_after_the_answer_leaves_the_answer(
    bot: VerbatimBot, emulator: Emulator
) -> None:
    await add_probe(bot)
    rec = await emulator.slash("probe", {"answer": True})
    await rec.wait_until(lambda: len(private_followups(emulator, rec)) == 2)
    assert deletions_of_original(emulator, rec) == 0
    assert not rec.original_deleted
    assert not rec.ephemeral
    assert text_of(await rec.response()) == "the answer"
