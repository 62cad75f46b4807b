"""The ``verbatim`` command: one entry point composing each package's subcommands.

It lives in ``bot`` because ``bot`` is the top of the dependency chain (bot → retrieval →
corpus); each package registers its own subcommands, so none of them imports upwards.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from corpus import cli as corpus_cli
from corpus.errors import VerbatimError
from retrieval import cli as retrieval_cli

from . import run as bot_run
from .logs import configure_logging

# What a bare `verbatim` answers on a machine with no token: the Quick start's proof that a
# fresh clone works offline.
SAMPLE_QUESTION = "What did Wang Yi say about multilateralism?"

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="verbatim",
        description=(
            "Quoted, cited answers from a corpus of diplomatic statements. With no command: "
            "run the bot when DISCORD_TOKEN is set, else answer a sample question offline."
        ),
    )
    parser.add_argument(
        "--log-level",
        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        help="how much to log to stderr (default: $VERBATIM_LOG_LEVEL, else WARNING; INFO for run)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    corpus_cli.register(commands)
    retrieval_cli.register(commands)
    bot_run.register(commands)
    return parser


def default_arguments() -> list[str]:
    """`verbatim` alone: the bot once a token is set, else the sample question offline."""
    if os.environ.get("DISCORD_TOKEN"):
        return ["run"]
    sys.stderr.write(
        "No DISCORD_TOKEN set, so here is a sample question answered offline from the corpus.\n"
        'Ask your own with `verbatim ask "..."`; set DISCORD_TOKEN to run the bot.\n\n'
        f"Q: {SAMPLE_QUESTION}\n\n"
    )
    return ["ask", SAMPLE_QUESTION]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    given = list(argv) if argv is not None else sys.argv[1:]
    args = parser.parse_args(given)
    if args.command is None:
        args = parser.parse_args([*given, *default_arguments()])
    # `run` sets its own level from the bot's settings unless the flag was given.
    configure_logging(args.log_level or os.environ.get("VERBATIM_LOG_LEVEL", "WARNING").upper())
    try:
        status: int = args.handler(args)
    except VerbatimError as error:
        sys.stderr.write(f"verbatim: {error}\n")
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `verbatim corpus export | head` closes our stdout early; that is not an error.
        sys.stderr.close()
        return 0
    return status


if __name__ == "__main__":
    sys.exit(main())
