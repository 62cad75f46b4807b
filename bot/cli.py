"""The ``verbatim`` command: one entry point composing each package's subcommands.

It lives in ``bot`` because ``bot`` is the top of the dependency chain (bot → retrieval →
corpus); each package registers its own subcommands, so none of them imports upwards.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from corpus import cli as corpus_cli
from corpus.errors import VerbatimError
from retrieval import cli as retrieval_cli

from . import run as bot_run


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="verbatim",
        description="Quoted, cited answers from a corpus of diplomatic statements.",
    )
    parser.add_argument(
        "--log-level",
        default="WARNING",
        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        help="how much to log to stderr (default: WARNING)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    corpus_cli.register(commands)
    retrieval_cli.register(commands)
    bot_run.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=args.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        status: int = args.handler(args)
    except VerbatimError as error:
        print(f"verbatim: {error}", file=sys.stderr)
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
