"""The issue collector: skipped files and warnings, as the user can find the files."""

from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath

from corpus.issues import IssueCollector
from corpus.models import LoadIssue


def test_skips_and_warnings_are_kept_apart_in_the_order_found() -> None:
    issues = IssueCollector()
    issues.skip("corpus/a.txt", "empty file")
    issues.warn(PurePosixPath("corpus/b.txt"), "not UTF-8: decoded as cp1252")
    issues.skip(PureWindowsPath(r"corpus\c.jsonl"), "line 2 is not JSON")

    assert issues.skipped == [
        LoadIssue(path="corpus/a.txt", reason="empty file"),
        LoadIssue(path="corpus/c.jsonl", reason="line 2 is not JSON"),
    ]
    assert issues.warnings == [
        LoadIssue(path="corpus/b.txt", reason="not UTF-8: decoded as cp1252", skipped=False)
    ]
