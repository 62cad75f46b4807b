"""The emulator against a minimal plain discord.py client defined here (not the project's bot):
login, READY, command sync, slash responses, deferrals, buttons, messages, DMs, autocomplete,
context menus, a dropped gateway with RESUME, sharding, and validation of request bodies."""

from __future__ import annotations

import asyncio
import contextlib
import io
import time
from collections.abc import AsyncIterator

import discord
import pytest
import yarl
from discord import app_commands
from discord.gateway import DiscordWebSocket
from discord.http import Route

from tests.bot.emulator import Emulator
from tests.bot.emulator.fixtures import emulator

__all__ = ["emulator"]


class Again(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=30)

    @discord.ui.button(label="Post", custom_id="post")
    async def post(
        self, interaction: discord.Interaction, button: discord.ui.Button[Again]
    ) -> None:
        assert isinstance(interaction.channel, discord.TextChannel)
        await interaction.channel.send("posted for everyone")
        await interaction.response.send_message("done", ephemeral=True)

    @discord.ui.button(label="Remove", custom_id="remove")
    async def remove(
        self, interaction: discord.Interaction, button: discord.ui.Button[Again]
    ) -> None:
        await interaction.response.defer()
        await interaction.delete_original_response()

    @discord.ui.button(label="Again", custom_id="again")
    async def again(
        self, interaction: discord.Interaction, button: discord.ui.Button[Again]
    ) -> None:
        await interaction.response.edit_message(content="clicked", view=None)


def define_commands(tree: app_commands.CommandTree[discord.Client]) -> None:
    @tree.command(description="Say it back")
    async def echo(interaction: discord.Interaction, text: str) -> None:
        await interaction.response.send_message(
            text, view=Again(), allowed_mentions=discord.AllowedMentions.none()
        )

    @tree.command(description="Think, then answer privately")
    async def slow(interaction: discord.Interaction, text: str) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        await asyncio.sleep(0.05)
        await interaction.followup.send(f"slowly: {text}")
        extra = await interaction.followup.send("and one more", ephemeral=True, wait=True)
        await extra.edit(content="and one more, edited")

    @tree.command(description="Defer, then edit the original with an embed and a file")
    async def report(interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        await interaction.edit_original_response(
            content="report", embed=discord.Embed(title="T", description="D")
        )
        await interaction.followup.send(
            "attached", file=discord.File(io.BytesIO(b"quote"), filename="quote.txt")
        )

    @tree.command(description="Ask for details")
    async def details(interaction: discord.Interaction) -> None:
        modal = discord.ui.Modal(title="Details", custom_id="details")
        modal.add_item(discord.ui.TextInput(label="Topic", custom_id="topic"))
        await interaction.response.send_modal(modal)

    @tree.command(description="Send a body Discord refuses")
    async def long(interaction: discord.Interaction, where: str) -> None:
        if where == "content":
            await interaction.response.send_message("x" * 2001)
        else:
            await interaction.response.send_message(embed=discord.Embed(description="y" * 4097))

    group = app_commands.Group(name="corpus", description="Corpus tools")
    sub = app_commands.Group(name="docs", description="Documents", parent=group)

    @sub.command(name="count", description="Count")
    async def count(interaction: discord.Interaction, year: int) -> None:
        await interaction.response.send_message(f"{year}: 3 documents")

    tree.add_command(group)

    @tree.command(description="Pick a fruit")
    async def fruit(interaction: discord.Interaction, name: str) -> None:
        await interaction.response.send_message(f"you picked {name}")

    @fruit.autocomplete("name")
    async def fruit_names(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        names = ["apple", "apricot", "banana"]
        return [app_commands.Choice(name=n, value=n) for n in names if n.startswith(current)]

    @tree.command(description="Moderators only")
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    async def tidy(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("tidied", ephemeral=True)

    @tree.command(description="Misbehave: answer late, twice, or call a route nobody emulates")
    async def misbehave(interaction: discord.Interaction, how: str) -> None:
        if how == "late":
            await asyncio.sleep(0.3)
        await interaction.response.send_message("first")
        if how == "twice":
            # discord.py refuses a second response itself; a fresh responder gets it sent.
            await discord.InteractionResponse(interaction).send_message("second")
        if how == "roles":
            assert interaction.guild is not None
            await interaction.guild.fetch_roles()

    @tree.context_menu(name="Shout")
    async def shout(interaction: discord.Interaction, message: discord.Message) -> None:
        await interaction.response.send_message(message.content.upper(), ephemeral=True)


class MiniBot(discord.Client):
    def __init__(self, *, guild_id: int | None = None, shard: bool = False) -> None:
        intents = discord.Intents.default()
        intents.message_content = True
        intents.members = True  # exercises member chunking (op 8 -> GUILD_MEMBERS_CHUNK)
        super().__init__(
            intents=intents,
            guild_ready_timeout=0.1,
            allowed_mentions=discord.AllowedMentions.none(),
        )
        self.tree: app_commands.CommandTree[discord.Client] = app_commands.CommandTree(self)
        self.guild_id = guild_id
        define_commands(self.tree)

    async def setup_hook(self) -> None:
        if self.guild_id is not None:
            guild = discord.Object(self.guild_id)
            self.tree.copy_global_to(guild=guild)
            await self.tree.sync(guild=guild)
        else:
            await self.tree.sync()

    async def on_message(self, message: discord.Message) -> None:
        if message.author == self.user:
            return
        if message.content == "say and unsay":
            said = await message.channel.send("soon gone")
            await said.edit(content="going")
            await said.delete()
        elif self.user in message.mentions or message.guild is None:
            await message.reply(f"pong: {message.content}", mention_author=False)


class Listener(discord.Client):
    """Records what each MESSAGE_CREATE said, to see what the intents let through."""

    def __init__(self, intents: discord.Intents) -> None:
        super().__init__(intents=intents, guild_ready_timeout=0.1)
        self.seen: list[str] = []

    async def on_message(self, message: discord.Message) -> None:
        self.seen.append(message.content)


class ShardedMiniBot(discord.AutoShardedClient):
    def __init__(self) -> None:
        super().__init__(intents=discord.Intents.default(), guild_ready_timeout=0.1)


@contextlib.asynccontextmanager
async def running(emu: Emulator, client: discord.Client) -> AsyncIterator[discord.Client]:
    """Point discord.py at the emulator, start the client, and wait for on_ready."""
    saved = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    Route.BASE = emu.api_base
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(emu.gateway_url)
    task = asyncio.create_task(client.start(emu.token))
    ready = asyncio.create_task(client.wait_until_ready())
    try:
        done, _ = await asyncio.wait({task, ready}, timeout=10, return_when="FIRST_COMPLETED")
        if task in done:
            task.result()  # re-raise why the client stopped
        assert ready in done, "the client never became ready"
        yield client
    finally:
        ready.cancel()
        await client.close()
        with contextlib.suppress(asyncio.CancelledError, discord.DiscordException):
            await asyncio.wait_for(task, 5)
        Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = saved


def assert_clean(emu: Emulator) -> None:
    assert emu.invalid_requests == [], [str(r) for r in emu.invalid_requests]
    assert emu.unknown_routes == [], [str(r) for r in emu.unknown_routes]
    assert emu.protocol_errors == []


async def test_login_ready_and_global_sync(emulator: Emulator) -> None:
    async with running(emulator, MiniBot()) as client:
        assert client.user is not None and client.user.id == emulator.bot_user.id
        guild = client.get_guild(emulator.guild_id)
        assert guild is not None and guild.get_channel(emulator.channel_id) is not None
        admin = guild.get_member(emulator.admin.id)
        assert admin is not None and admin.guild_permissions.manage_guild
        assert client.application_id == emulator.application_id
        assert (await client.application_info()).owner.id == emulator.owner.id
        assert (await client.fetch_user(emulator.other.id)).name == "other"
        assert (await guild.fetch_member(emulator.member.id)).id == emulator.member.id
        assert (await guild.fetch_channel(emulator.channel_id)).name == "general"
        assert {"echo", "slow", "corpus", "fruit", "tidy", "Shout"} <= set(emulator.commands)
        assert emulator.sync_count == 1 and emulator.identify_count == 1
        paths = {(r.method, r.path) for r in emulator.requests}
        assert ("GET", "/users/@me") in paths
        assert ("PUT", f"/applications/{emulator.application_id}/commands") in paths
    assert_clean(emulator)


async def test_wrong_token_is_refused(emulator: Emulator) -> None:
    saved = Route.BASE
    Route.BASE = emulator.api_base
    client = MiniBot()
    try:
        with pytest.raises(discord.LoginFailure):
            await client.login("not-the-token")
    finally:
        await client.close()
        Route.BASE = saved
    assert emulator.requests[-1].status == 401


async def test_slash_response_and_button_click(emulator: Emulator) -> None:
    async with running(emulator, MiniBot()):
        record = await emulator.slash("echo", {"text": "hello <@1>"})
        response = await record.response()
        assert response["content"] == "hello <@1>"
        assert (
            response["allowed_mentions"] == {"parse": []} or "parse" in response["allowed_mentions"]
        )
        assert record.callback_types == [4] and not record.ephemeral
        assert record.first_callback_latency is not None and record.first_callback_latency < 1
        assert record.payload["member"]["permissions"]

        click = await emulator.click(message=response, custom_id="again", user=emulator.other)
        updated = await click.response()
        assert click.callback_types == [7]
        assert updated["id"] == response["id"] and updated["content"] == "clicked"
        assert updated["components"] == []
        with pytest.raises(LookupError, match="no component"):
            await emulator.click(message=response, custom_id="again")  # the button is gone

        fresh = await (await emulator.slash("echo", {"text": "again"})).response()
        post = await emulator.click(message=fresh, custom_id="post")
        assert (await post.response())["content"] == "done" and post.ephemeral
        posted = await emulator.wait_for_bot_message(emulator.channel_id)
        assert posted["content"] == "posted for everyone"
        remove = await emulator.click(message=fresh, custom_id="remove", user=emulator.owner)
        await remove.wait_until(lambda: remove.original_deleted)
        assert remove.callback_types == [6] and int(fresh["id"]) in emulator.deleted_message_ids
        with pytest.raises(LookupError, match="deleted"):
            await emulator.click(message=fresh, custom_id="post")
    assert_clean(emulator)


async def test_deferred_then_followups(emulator: Emulator) -> None:
    async with running(emulator, MiniBot()):
        record = await emulator.slash("slow", {"text": "tea"}, user=emulator.admin)
        response = await record.response()
        assert record.callback_types == [5]
        assert response["content"] == "slowly: tea" and record.ephemeral
        followups = await record.followups(count=2)
        await record.wait_until(lambda: "edited" in record.followup_messages[1]["content"])
        followups = await record.followups(count=2)
        # The first followup after a thinking deferral becomes the deferred message itself.
        assert followups[0]["id"] == response["id"]
        assert followups[1]["id"] != response["id"]
        assert followups[1]["content"] == "and one more, edited" and followups[1]["flags"] == 64

        report = await emulator.slash("report", {})
        shown = await report.response()
        assert shown["content"] == "report" and shown["embeds"][0]["title"] == "T"
        assert report.original_edits == 1 and not report.ephemeral
        [attached] = await report.followups(count=1)
        assert attached["content"] == "attached"
        [multipart] = [r for r in emulator.requests if r.files]
        assert multipart.json is not None and multipart.json["content"] == "attached"

        modal = await emulator.slash("details", {})
        assert (await modal.response())["custom_id"] == "details"
        assert modal.callback_types == [9]
    assert_clean(emulator)


async def test_guild_sync_subcommand_groups_and_autocomplete(emulator: Emulator) -> None:
    async with running(emulator, MiniBot(guild_id=emulator.guild_id)):
        assert emulator.guild_commands[emulator.guild_id]
        record = await emulator.slash("corpus", {"year": 2021}, subcommand="docs count")
        assert (await record.response())["content"] == "2021: 3 documents"
        assert record.payload["data"]["guild_id"] == str(emulator.guild_id)
        choices = await emulator.autocomplete("fruit", {"name": "ap"}, focused="name")
        assert [c["value"] for c in choices] == ["apple", "apricot"]
        with pytest.raises(LookupError, match="only global commands"):
            await emulator.slash("fruit", {"name": "apple"}, dm=True)
    assert_clean(emulator)


async def test_command_permissions_and_contexts_as_discord_offers_them(emulator: Emulator) -> None:
    async with running(emulator, MiniBot()):
        assert emulator.commands["tidy"]["default_member_permissions"] == str(1 << 5)
        with pytest.raises(PermissionError):
            await emulator.slash("tidy", {}, user=emulator.member)
        with pytest.raises(LookupError, match="not offered in DMs"):
            await emulator.slash("tidy", {}, user=emulator.owner, dm=True)
        for user in (emulator.moderator, emulator.admin, emulator.owner):
            record = await emulator.slash("tidy", {}, user=user)
            assert (await record.response())["content"] == "tidied"
    assert_clean(emulator)


async def test_messages_replies_and_dms(emulator: Emulator) -> None:
    async with running(emulator, MiniBot()):
        asked = await emulator.post_message(f"{emulator.bot_user.mention} ping?")
        reply = await emulator.wait_for_bot_message(emulator.channel_id)
        assert reply["content"] == f"pong: {asked['content']}"
        assert reply["message_reference"]["message_id"] == asked["id"]
        assert reply["referenced_message"]["id"] == asked["id"]
        assert reply["mentions"] == []  # AllowedMentions.none(): the <@bot> in it pings nobody
        assert emulator.channel_messages(emulator.channel_id) == [reply]

        # Replying to the bot pings it by default, which counts as mentioning it.
        follow_up = await emulator.post_message("and then?", reply_to=reply)
        assert [m["id"] for m in follow_up["mentions"]] == [str(emulator.bot_user.id)]
        answer = await emulator.wait_for_bot_message()
        assert answer["referenced_message"]["id"] == follow_up["id"]

        await emulator.post_message("say and unsay")
        gone = await emulator.wait_for_bot_message()
        await emulator.wait_until(lambda: int(gone["id"]) in emulator.deleted_message_ids)
        assert emulator.messages[int(gone["id"])]["content"] == "going"

        await emulator.post_message("hi in private", author=emulator.other, dm=True)
        dm_reply = await emulator.wait_for_bot_message()
        assert dm_reply["channel_id"] == str(emulator.dm_channel_ids[emulator.other.id])
        assert "guild_id" not in dm_reply

        record = await emulator.slash("echo", {"text": "dm"}, user=emulator.member, dm=True)
        assert (await record.response())["content"] == "dm"
        assert record.payload["context"] == 1 and "member" not in record.payload

        menu = await emulator.context_menu("Shout", message=asked)
        assert (await menu.response())["content"] == asked["content"].upper()
        assert menu.ephemeral
    assert_clean(emulator)


async def test_dropped_gateway_resumes_and_keeps_answering(emulator: Emulator) -> None:
    async with running(emulator, MiniBot()):
        await emulator.drop_gateway()
        # Dispatched while the bot is away; the RESUME replays it.
        record = await emulator.slash("echo", {"text": "still here"})
        assert (await record.response(timeout=8))["content"] == "still here"
        assert emulator.resume_count == 1 and emulator.identify_count == 1
        again = await emulator.slash("echo", {"text": "and again"})
        assert (await again.response())["content"] == "and again"
    assert emulator.invalid_requests == [] and emulator.unknown_routes == []


async def test_intents_shape_what_messages_say(emulator: Emulator) -> None:
    async with running(emulator, Listener(discord.Intents.default())) as client:
        assert isinstance(client, Listener)
        await emulator.post_message("no mention here")
        await emulator.post_message(f"{emulator.bot_user.mention} hello")
        await emulator.post_message("a private word", dm=True)
        await asyncio.sleep(0.1)
        # Without message content: blank unless it mentions the bot or is a DM.
        assert client.seen == ["", f"{emulator.bot_user.mention} hello", "a private word"]


async def test_disallowed_privileged_intent_is_refused(emulator: Emulator) -> None:
    emulator.disallowed_intents = discord.Intents(message_content=True).value
    with pytest.raises(discord.PrivilegedIntentsRequired):
        async with running(emulator, MiniBot()):
            pass
    assert emulator.identify_count == 0


async def test_reconnect_opcode_resumes(emulator: Emulator) -> None:
    async with running(emulator, MiniBot()):
        await emulator.gateway.send_op(7)  # RECONNECT
        await emulator.wait_until(lambda: emulator.resume_count == 1)
        record = await emulator.slash("echo", {"text": "after reconnect"})
        assert (await record.response())["content"] == "after reconnect"
        assert emulator.identify_count == 1
    assert_clean(emulator)


@pytest.mark.parametrize("where", ["content", "embed"])
async def test_invalid_bodies_are_caught(emulator: Emulator, where: str) -> None:
    async with running(emulator, MiniBot()):
        record = await emulator.slash("long", {"where": where})
        with pytest.raises(TimeoutError):
            await record.response(timeout=0.5)
    [invalid] = emulator.invalid_requests
    assert invalid.status == 400
    expected = (
        "data/content: maxLength is 2000"
        if where == "content"
        else "description: maxLength is 4096"
    )
    assert any(expected in e for e in invalid.errors), invalid.errors


async def test_protocol_mistakes_are_recorded(emulator: Emulator) -> None:
    emulator.ack_deadline = 0.2  # Discord's is 3 s; shortened to keep the test fast
    async with running(emulator, MiniBot()):
        late = await emulator.slash("misbehave", {"how": "late"})
        await late.wait_until(lambda: late.rejected_callbacks)
        assert late.callbacks == [] and late.rejected_callbacks[0][0] == 404

        twice = await emulator.slash("misbehave", {"how": "twice"})
        assert (await twice.response())["content"] == "first"
        await twice.wait_until(lambda: twice.rejected_callbacks)
        assert twice.rejected_callbacks[0][0] == 400 and twice.callback_types == [4]
        roles = await emulator.slash("misbehave", {"how": "roles"})
        await roles.response()
        await emulator.wait_until(lambda: emulator.unknown_routes)
    late_ack, double_ack = emulator.protocol_errors
    assert "acknowledged after" in late_ack and "acknowledged twice" in double_ack
    [unknown] = emulator.unknown_routes
    assert unknown.status == 404 and unknown.path.endswith("/roles")
    assert emulator.invalid_requests == []


async def test_fifty_concurrent_interactions(emulator: Emulator) -> None:
    async with running(emulator, MiniBot()):
        started = time.monotonic()
        records = await asyncio.gather(
            *(emulator.slash("echo", {"text": f"n{i}"}) for i in range(50))
        )
        responses = await asyncio.gather(*(r.response() for r in records))
        assert [r["content"] for r in responses] == [f"n{i}" for i in range(50)]
        assert time.monotonic() - started < 3
        assert max(r.first_callback_latency or 99 for r in records) < 3
    assert_clean(emulator)


async def test_sharded_client_uses_gateway_bot(emulator: Emulator) -> None:
    async with running(emulator, ShardedMiniBot()) as client:
        assert client.shard_count == 1
        assert emulator.gateway.identify_payloads[0]["shard"] == [0, 1]
    assert ("GET", "/gateway/bot") in {(r.method, r.path) for r in emulator.requests}
    assert_clean(emulator)
