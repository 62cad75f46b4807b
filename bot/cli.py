"""The ``verbatim`` command: one entry point composing each package's subcommands.

It lives in ``bot`` because ``bot`` is the top of the dependency chain (bot → retrieval →
corpus); each package registers its own subcommands, so none of them imports upwards.

:func:`main` is the one place that reads the settings (:func:`~bot.settings.load_settings`),
configures logging and turns errors into exit statuses; the subcommands get plain values on
their namespace.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from corpus.cli import EXIT_STATUS_HELP, ExitStatus
from corpus.errors import VerbatimError
from retrieval import cli as retrieval_cli
from retrieval.wording import EXAMPLE_QUESTION

from . import run as bot_run
from .logs import configure_logging
from .settings import Settings, load_settings

# Options every command takes, before or after its name (`verbatim --log-level DEBUG ask …` and
# `verbatim ask --log-level DEBUG …`). SUPPRESS: a subcommand that was not given the option
# must not overwrite the value given before its name with a default.
COMMON_OPTIONS = argparse.ArgumentParser(add_help=False)
COMMON_OPTIONS.add_argument(
    "--log-level",
    choices=["DEBUG", "INFO", "WARNING", "ERROR"],
    default=argparse.SUPPRESS,
    help="how much to log to stderr (default: $VERBATIM_LOG_LEVEL, else WARNING; INFO for run)",
)


class VerbatimParser(argparse.ArgumentParser):
    """An argument parser whose subcommands, at every depth, take the :data:`COMMON_OPTIONS`
    (``add_subparsers`` builds them with this same class)."""

    def __init__(self, **options: Any) -> None:
        options["parents"] = [*options.get("parents", ()), COMMON_OPTIONS]
        super().__init__(**options)


def installed_version() -> str:
    try:
        return version("verbatim")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "(not installed)"


def build_parser() -> argparse.ArgumentParser:
    parser = VerbatimParser(
        prog="verbatim",
        description=(
            "Quoted, cited answers from a corpus of diplomatic statements. With no command: "
            "run the bot when DISCORD_TOKEN is set, else answer a sample question offline."
        ),
        epilog=EXIT_STATUS_HELP,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {installed_version()}")
    parser.set_defaults(default_log_level="WARNING")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    retrieval_cli.register_corpus(commands)
    retrieval_cli.register(commands)
    bot_run.register(commands)
    return parser


def default_arguments(settings: Settings) -> list[str]:
    """`verbatim` alone: the bot once a token is set, else the sample question offline."""
    if settings.token():
        return ["run"]
    sys.stderr.write(
        "No DISCORD_TOKEN set, so here is a sample question answered offline from the corpus.\n"
        'Ask your own with `verbatim ask "..."`; set DISCORD_TOKEN to run the bot.\n\n'
        f"Q: {EXAMPLE_QUESTION}\n\n"
    )
    return ["ask", EXAMPLE_QUESTION]


def pass_down(args: argparse.Namespace, settings: Settings) -> None:
    """Put on the namespace what the subcommands read: plain values for ``corpus`` and
    ``retrieval`` (which never see :class:`Settings`), the settings themselves for the bot."""
    if "corpus" in vars(args):
        args.corpus = args.corpus or list(settings.corpus) or None
    args.cache_dir = settings.cache_dir
    args.settings = settings
    # Plain text may use ANSI bold on a terminal, unless NO_COLOR says not to.
    args.bold = sys.stdout.isatty() and not settings.no_color


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    given = list(argv) if argv is not None else sys.argv[1:]
    args = parser.parse_args(given)
    try:
        settings = load_settings()
        if args.command is None:
            args = parser.parse_args([*given, *default_arguments(settings)])
        configure_logging(
            getattr(args, "log_level", None) or settings.log_level or args.default_log_level
        )
        pass_down(args, settings)
        status: int = args.handler(args)
    except VerbatimError as error:
        # One line, whatever the message holds (a path or a value may carry a newline).
        sys.stderr.write(f"verbatim: {' '.join(str(error).split())}\n")
        return ExitStatus.ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `verbatim corpus export | head` closes our stdout early; that is not an error.
        sys.stderr.close()
        return ExitStatus.OK
    return status


if __name__ == "__main__":
    sys.exit(main())
