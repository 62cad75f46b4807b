"""``verbatim run``: start the Discord bot."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal

import aiohttp
import discord

from corpus.cli import ExitStatus, add_corpus_argument, corpus_folders
from corpus.errors import VerbatimError

from .client import VerbatimBot, configure_endpoints
from .library import Library
from .settings import Settings

log = logging.getLogger(__name__)

NO_TOKEN = (
    "DISCORD_TOKEN is not set: create a bot in Discord's developer portal and export its token "
    "(see the README, 'Running the bot')"
)


async def serve(settings: Settings) -> None:
    """Run the bot until it is closed; without the message content intent, run without it.

    Discord refusing the token or out of reach is a :class:`VerbatimError`: one line for the
    person starting the bot, who can act on it, never a traceback (nor the token)."""
    token = settings.token()
    if not token:
        raise VerbatimError(NO_TOKEN)
    configure_endpoints(settings)
    try:
        await _serve(settings, token)
    except discord.LoginFailure:
        raise VerbatimError(
            "Discord refused the token (HTTP 401): check DISCORD_TOKEN, the token of your bot "
            "in the developer portal (Bot → Reset Token)"
        ) from None
    except (aiohttp.ClientConnectionError, discord.GatewayNotFound) as error:
        raise VerbatimError(
            f"could not reach Discord at {discord.http.Route.BASE}: {error}"
        ) from None


async def _serve(settings: Settings, token: str) -> None:
    library = Library(settings.corpus, settings.cache_dir)
    bot = VerbatimBot(settings, library=library)
    try:
        await _run_until_stopped(bot, token)
    except discord.PrivilegedIntentsRequired:
        log.warning(
            "Discord refused the message content intent: ask-channels are off; answering "
            "mentions, replies and DMs only. Switch the intent on in the developer portal "
            "to serve VERBATIM_ASK_CHANNELS."
        )
        # `async with bot` has closed the refused client; a fresh one asks for less (and the
        # invite URL was logged already).
        bot = VerbatimBot(settings, library=library, message_content=False, log_invite=False)
        await _run_until_stopped(bot, token)


async def _run_until_stopped(bot: VerbatimBot, token: str) -> None:
    loop = asyncio.get_running_loop()
    # Containers stop with SIGTERM: close the gateway connection cleanly.
    with contextlib.suppress(NotImplementedError, RuntimeError):
        loop.add_signal_handler(signal.SIGTERM, lambda: loop.create_task(bot.close()))
    async with bot:
        await bot.start(token)


def run_bot(settings: Settings) -> ExitStatus:
    """Start the bot with ``settings``; 0 when it stops (``serve`` refuses a missing token)."""
    asyncio.run(serve(settings))
    return ExitStatus.OK


def _run_command(args: argparse.Namespace) -> ExitStatus:
    # `--corpus` wins over VERBATIM_CORPUS; main() has put the one that applies on args.
    settings: Settings = args.settings
    folders = corpus_folders(args)
    if folders:
        settings = settings.model_copy(update={"corpus": tuple(folders)})
    return run_bot(settings)


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "run",
        help="start the Discord bot (needs DISCORD_TOKEN)",
        description="Start the Discord bot. Settings come from the environment; see the README.",
    )
    add_corpus_argument(parser)
    parser.set_defaults(handler=_run_command, default_log_level="INFO")
