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


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB: not a text file."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
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


CHROME_EDGE_LINES = 8


def is_chrome(line: str) -> bool:
    """Navigation and page furniture, not the statement: "Home > China News", "Print".

    Chrome is short; the length check comes first because the pattern's leading spaces and
    its ``.{0,40}`` tries cost about 40 steps a character on a long run of spaces (1.7 s a
    megabyte), and every paragraph is asked."""
    return _short_enough(line) and bool(_CHROME_RE.match(line))


def clean_lines(text: str) -> list[str]:
    """Lines with unified endings and spaces, chrome blanked, indentation kept (it can mark
    paragraphs), trailing spaces dropped. Line n of the result is line n of the text (CRLF, a
    lone CR and LF each end one), so a paragraph can name its source lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii():
        text = _ODD_SPACE_RE.sub(" ", _INVISIBLE_RE.sub("", text))
    elif "\t" in text:
        text = text.replace("\t", " ")
    lines = [line.rstrip() for line in text.split("\n")]
    # Chrome sits above and below the statement: only the first and last few lines are worth
    # the pattern (checking every line of a million-line corpus is not free).
    nonempty = [index for index, line in enumerate(lines) if line]
    edges = {*nonempty[:CHROME_EDGE_LINES], *nonempty[-CHROME_EDGE_LINES:]}
    for index in edges:
        if is_chrome(lines[index]):
            lines[index] = ""
    return lines


def _short_enough(line: str) -> bool:
    return len(line) <= 40 or (">" in line and len(line) <= 250)
