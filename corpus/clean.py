"""Decoding and cleaning: bytes to text lines, without changing the words.

Site chrome (breadcrumbs, "<Suggest To A Friend>", "Print", "Close") goes; line endings and
odd whitespace are normalised; everything else is kept character for character.
"""

from __future__ import annotations

import re

__all__ = ["BadInput", "clean_lines", "decode", "is_chrome", "looks_binary"]


class BadInput(Exception):
    """A file that cannot be loaded; the message is the reason reported for it."""


# Tried in order after UTF-8. cp1252 covers Windows "smart quotes"; latin-1 decodes anything,
# so it is the last resort.
FALLBACK_ENCODINGS = ("cp1252", "latin-1")


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB: not a text file."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13))
    return controls > max(8, len(head) // 100)


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding used: UTF-8 (with or without BOM), else a fallback."""
    if looks_binary(data):
        raise BadInput("binary file (not text)")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    for encoding in FALLBACK_ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise BadInput("not decodable as UTF-8, cp1252 or latin-1")  # pragma: no cover


_CHROME_RE = re.compile(
    r"^\s*(?:<\s*suggest\s+to\s+a\s+friend\s*>|suggest\s+to\s+a\s+friend|print|close|"
    r"\[?\s*print\s*\]?\s*\[?\s*close\s*\]?|share|back\s+to\s+top|top|"
    r"home(?:\s*>\s*[^>]{1,60}){1,4}|.{0,40}\s>\s.{0,40}\s>\s.{0,40})\s*$",
    re.IGNORECASE,
)
# Whitespace that is not a plain space or newline: NBSP, thin spaces, tabs, ideographic space.
_ODD_SPACE_RE = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE_RE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")


def is_chrome(line: str) -> bool:
    """Navigation and page furniture, not the statement: "Home > China News", "Print"."""
    return bool(_CHROME_RE.match(line))


def clean_lines(text: str) -> list[str]:
    """Lines with unified endings and spaces, chrome removed, indentation kept (it can mark
    paragraphs), trailing spaces dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE_RE.sub("", text)
    lines: list[str] = []
    for raw in text.split("\n"):
        line = _ODD_SPACE_RE.sub(" ", raw).rstrip()
        if line and is_chrome(line):
            continue
        lines.append(line)
    return lines
