"""Where Verbatim's log lines go: stderr, one format, for the command line and the bot."""

from __future__ import annotations

import logging

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(level: str) -> None:
    """Log to stderr at ``level``; a handler already installed is kept, its level is set."""
    logging.basicConfig(format=LOG_FORMAT)
    logging.getLogger().setLevel(level)
