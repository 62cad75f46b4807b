"""Errors meant for the person at the keyboard."""


class VerbatimError(Exception):
    """An error whose message is for the user: the CLI prints it as one line, no traceback."""
