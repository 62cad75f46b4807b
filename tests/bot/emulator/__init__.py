"""A Discord API emulator on loopback for testing the real discord.py client.

The API the tests use is :class:`Emulator` in ``emulator.py``; ``fixtures.py`` gives the pytest
fixture."""

from .emulator import Emulator
from .payloads import User
from .records import InteractionRecord, RecordedRequest

__all__ = ["Emulator", "InteractionRecord", "RecordedRequest", "User"]
