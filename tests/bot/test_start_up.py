"""The first minute of a deployment, as the terminal of whoever starts the bot shows it.

`python -m bot run` in a process of its own, against the emulator: the invite URL logged once,
no voice warnings, a clean stop on SIGTERM; and a rejected token or an unreachable Discord as
one line on stderr, without a traceback or the token.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import signal
import socket
import sys
from pathlib import Path

import discord
import pytest

from bot import run as bot_run
from bot.client import INVITE_PERMISSIONS, invite_url
from tests.bot.conftest import StartBot, assert_clean, bot_settings
from tests.bot.emulator import Emulator
from tests.bot.test_entry_point import FAKE_TOKEN

README = Path(__file__).resolve().parents[2] / "README.md"
INVITE_LINE = "invite the bot to a server with "


async def start_verbatim(*arguments: str, **environment: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *arguments,
        env={**os.environ, **environment},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def finished(process: asyncio.subprocess.Process, timeout: float = 60) -> tuple[int, str]:
    """The exit status and everything written to stderr."""
    _, err = await asyncio.wait_for(process.communicate(), timeout)
    assert process.returncode is not None
    return process.returncode, err.decode()


def emulator_environment(emulator: Emulator, token: str) -> dict[str, str]:
    return {
        "DISCORD_TOKEN": token,
        "VERBATIM_DISCORD_API_BASE": emulator.api_base,
        "VERBATIM_DISCORD_GATEWAY_URL": emulator.gateway_url,
        "VERBATIM_GUILD_IDS": str(emulator.guild_id),
    }


def assert_one_error_line(stderr: str, starts: str) -> None:
    """The run ends with one line saying why; nothing like a traceback, never the token."""
    assert "Traceback" not in stderr
    assert FAKE_TOKEN not in stderr
    errors = [line for line in stderr.splitlines() if line.startswith("verbatim: ")]
    assert len(errors) == 1, stderr
    assert stderr.splitlines()[-1] == errors[0]
    assert errors[0].startswith(starts), errors[0]


async def test_a_started_bot_logs_its_invite_url_once_and_stops_on_sigterm(
    emulator: Emulator,
) -> None:
    process = await start_verbatim("run", **emulator_environment(emulator, emulator.token))
    assert process.stderr is not None
    lines: list[str] = []
    try:
        while not any("connected as" in line for line in lines):
            line = await asyncio.wait_for(process.stderr.readline(), 60)
            assert line, "verbatim run stopped before connecting:\n" + "".join(lines)
            lines.append(line.decode())
        process.send_signal(signal.SIGTERM)
        status, rest = await finished(process)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    log = "".join(lines) + rest

    assert status == 0, log
    invites = [line for line in log.splitlines() if INVITE_LINE in line]
    assert len(invites) == 1, log
    assert invites[0].endswith(INVITE_LINE + invite_url(emulator.application_id))
    assert "PyNaCl" not in log and "voice will NOT be supported" not in log
    assert "Traceback" not in log
    assert emulator.token not in log
    assert_clean(emulator)


async def test_a_rejected_token_is_one_line_without_the_token(emulator: Emulator) -> None:
    process = await start_verbatim("run", **emulator_environment(emulator, FAKE_TOKEN))
    status, stderr = await finished(process)

    assert status == 2
    assert_one_error_line(stderr, "verbatim: Discord refused the token (HTTP 401)")
    assert "DISCORD_TOKEN" in stderr
    # The emulator answered the login as Discord does a wrong token.
    logins = [r for r in emulator.requests if r.path == "/users/@me"]
    assert logins and all(r.status == 401 for r in logins)


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize("log_level", [None, "WARNING"])
async def test_an_unreachable_discord_is_one_line(log_level: str | None) -> None:
    api_base = f"http://127.0.0.1:{closed_port()}/api/v10"
    arguments = ["run"] if log_level is None else ["run", "--log-level", log_level]
    process = await start_verbatim(
        *arguments, DISCORD_TOKEN=FAKE_TOKEN, VERBATIM_DISCORD_API_BASE=api_base
    )
    status, stderr = await finished(process)

    assert status == 2
    assert_one_error_line(stderr, f"verbatim: could not reach Discord at {api_base}: ")
    if log_level == "WARNING":
        assert len(stderr.splitlines()) == 1, stderr


async def test_the_invite_url_is_logged_once_and_no_voice_warning(
    start_bot: StartBot,
    emulator: Emulator,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # As in a fresh process, where discord.py has not warned yet.
    monkeypatch.setattr(discord.VoiceClient, "warn_nacl", True)
    caplog.set_level(logging.INFO)
    async with start_bot():
        pass
    messages = [record.getMessage() for record in caplog.records]

    url = invite_url(emulator.application_id)
    assert [m for m in messages if INVITE_LINE in m] == [INVITE_LINE + url]
    assert f"client_id={emulator.application_id}" in url
    assert "scope=bot+applications.commands" in url
    assert f"permissions={INVITE_PERMISSIONS.value}" in url
    assert not [m for m in messages if "PyNaCl" in m or "voice will NOT" in m]


async def test_the_invite_url_is_logged_once_when_the_bot_starts_again_without_intents(
    emulator: Emulator, index_cache: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # The portal's Message Content switch is off: serve() starts a second, humbler client.
    emulator.disallowed_intents = discord.Intents(message_content=True).value
    settings = bot_settings(emulator, index_cache, ask_channels=(emulator.other_channel_id,))
    caplog.set_level(logging.INFO)
    serving = asyncio.create_task(bot_run.serve(settings))
    try:
        await emulator.wait_until(lambda: "ask-channels are off" in caplog.text, timeout=30)
        await emulator.wait_until_ready(timeout=30)
    finally:
        serving.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await serving
    assert caplog.text.count(INVITE_LINE) == 1


def test_the_invite_permissions_are_those_the_readme_gives() -> None:
    readme = README.read_text("utf-8")
    given = re.findall(r"scope=bot\+applications\.commands&permissions=(\d+)", readme)
    assert given, "the README shows the invite URL"
    assert {int(value) for value in given} == {INVITE_PERMISSIONS.value}
    wanted = ("Send Messages", "Send Messages in Threads", "Embed Links", "Read Message History")
    words = " ".join(readme.split())
    assert all(f"*{name}*" in words for name in wanted)
