"""Tokens never reach the log: interaction tokens and the bot token, at every level."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from bot.client import VerbatimBot
from bot.logs import RedactTokens, configure_logging, hide_in_logs, redact
from tests.bot.conftest import button
from tests.bot.emulator import Emulator


@pytest.fixture
def debug_log(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """The log at DEBUG, configured as ``verbatim --log-level DEBUG`` configures it."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    configure_logging("DEBUG")
    yield caplog
    root.setLevel(level)
    for handler in handlers:
        for found in [f for f in handler.filters if isinstance(f, RedactTokens)]:
            handler.removeFilter(found)


def everything_logged(caplog: pytest.LogCaptureFixture) -> str:
    """Every record as a handler formats it: message, traceback and stack."""
    formatter = logging.Formatter()
    return "\n".join(formatter.format(record) for record in caplog.records)


async def test_no_interaction_token_nor_the_bot_token_is_logged_at_debug(
    bot: VerbatimBot, emulator: Emulator, debug_log: pytest.LogCaptureFixture
) -> None:
    rec = await emulator.slash("ask", {"question": "multilateralism United Nations"})
    answer = await rec.response()
    click = await emulator.click(message=answer, custom_id=button(answer, "▶"))
    await click.response()
    context = await emulator.click(message=answer, custom_id=button(answer, "Context"))
    await context.response()
    await emulator.autocomplete("quote", {"passage": "peace"}, focused="passage")

    # Whatever else might log the bot's request headers (a proxy, aiohttp tracing) is
    # redacted as well: the filter knows the token the bot logged in with.
    logging.getLogger("aiohttp.client").debug(
        "headers %s", {"Authorization": f"Bot {emulator.token}"}
    )

    logged = everything_logged(debug_log)
    assert "WebSocket Event" in logged and "/webhooks/" in logged  # DEBUG was on
    tokens = [record.token for record in emulator.interactions.values()]
    assert len(tokens) >= 4
    assert [token for token in tokens if token in logged] == []
    assert emulator.token not in logged
    assert "[redacted]" in logged


def test_redaction_covers_urls_payloads_and_the_bot_token(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("bot.logs._secrets", set())
    hide_in_logs("MTIz.secret.bot-token")
    line = (
        "POST https://discord.com/api/v10/interactions/123/aW50ZXJhY3Rpb24/callback "
        "PATCH /webhooks/456/aW50ZXJhY3Rpb24/messages/@original "
        """{'token': 'aW50ZXJhY3Rpb24', "token": "aW50ZXJhY3Rpb24"} Bot MTIz.secret.bot-token"""
    )
    clean = redact(line)
    assert "aW50ZXJhY3Rpb24" not in clean and "MTIz.secret.bot-token" not in clean
    assert "/interactions/123/[redacted]/callback" in clean
    assert "/webhooks/456/[redacted]/messages/@original" in clean
