"""What a load reports: files skipped and files loaded with a caveat, in the order found."""

from __future__ import annotations

from pathlib import PurePath

from .models import LoadIssue

__all__ = ["IssueCollector"]


class IssueCollector:
    """The one place a load records a problem, as a :class:`LoadIssue` naming the file as the
    user can find it: its path under the corpus folder as given, POSIX-style."""

    def __init__(self) -> None:
        self.skipped: list[LoadIssue] = []
        self.warnings: list[LoadIssue] = []

    def skip(self, path: str | PurePath, reason: str) -> None:
        """``path``, or a part of it (a JSON Lines line), was left out of the corpus."""
        self.skipped.append(LoadIssue(path=_shown(path), reason=reason))

    def warn(self, path: str | PurePath, reason: str) -> None:
        """``path`` loaded, with a caveat worth reporting (a fallback encoding, a metadata
        row that names no file)."""
        self.warnings.append(LoadIssue(path=_shown(path), reason=reason, skipped=False))


def _shown(path: str | PurePath) -> str:
    return path if isinstance(path, str) else path.as_posix()
