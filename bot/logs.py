"""Where Verbatim's log lines go: stderr, one format, for the command line and the bot.

Whatever reaches a handler is first stripped of tokens (:class:`RedactTokens`): at DEBUG,
discord.py logs webhook URLs (``/webhooks/{app_id}/{token}/…``) and whole gateway payloads
(``'token': '…'``), and an interaction token lets whoever reads the log answer as the bot
for 15 minutes; the bot token, for ever.
"""

from __future__ import annotations

import logging
import re

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
REDACTED = "[redacted]"

# An interaction token is the path segment after the application or interaction id in the
# URLs that answer an interaction, and the value of a ``token`` key in a gateway payload
# (a dict's repr, or JSON).
_TOKEN_IN_URL = re.compile(r"(/(?:webhooks|interactions)/\d+/)[^/?#\s'\"]+")
_TOKEN_VALUE = re.compile(r"""(["']token["']\s*:\s*["'])[^"']*""")

_secrets: set[str] = set()


def hide_in_logs(secret: str) -> None:
    """Redact ``secret`` (the bot token) from every log record from now on."""
    if secret:
        _secrets.add(secret)


def redact(text: str) -> str:
    """``text`` without interaction tokens or any secret given to :func:`hide_in_logs`."""
    for secret in _secrets:
        text = text.replace(secret, REDACTED)
    text = _TOKEN_IN_URL.sub(rf"\g<1>{REDACTED}", text)
    return _TOKEN_VALUE.sub(rf"\g<1>{REDACTED}", text)


class RedactTokens(logging.Filter):
    """Rewrites a record's message, traceback and stack without tokens; drops nothing."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: the handler reports it as it would have
            return True
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:
            # Formatted here, once, as Formatter.format would (it reuses exc_text).
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def configure_logging(level: str) -> None:
    """Log to stderr at ``level``; a handler already installed is kept, its level is set.
    Every handler on the root logger (where every record ends up) redacts tokens."""
    logging.basicConfig(format=LOG_FORMAT)
    root = logging.getLogger()
    root.setLevel(level)
    for handler in root.handlers:
        if not any(isinstance(f, RedactTokens) for f in handler.filters):
            handler.addFilter(RedactTokens())
