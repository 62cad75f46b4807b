"""A Discord API emulator on loopback for testing the real discord.py client.

See /work/coord/EMULATOR_API.md (kept in step with this package) for the API tests use."""

from .emulator import Emulator
from .payloads import User
from .records import InteractionRecord, RecordedRequest

__all__ = ["Emulator", "InteractionRecord", "RecordedRequest", "User"]
