"""Decoding and cleaning: bytes to text lines, without changing the words.

Site chrome (breadcrumbs, "<Suggest To A Friend>", "Print", "Close") goes; line endings and
odd whitespace are normalised; everything else is kept character for character.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import NamedTuple

import charset_normalizer

__all__ = [
    "BadInput",
    "Decoded",
    "clean_lines",
    "decode",
    "decoding_caveats",
    "detect_encoding",
    "is_chrome",
    "why_binary",
]


class BadInput(Exception):
    """A file that cannot be loaded; the message is the reason reported for it."""


class Decoded(NamedTuple):
    """A file's text and how its bytes became it: nothing is dropped without a count."""

    text: str
    encoding: str  # Python's codec name; "utf-8-sig" is UTF-8 that began with a byte-order mark
    replaced_bytes: int = 0  # bytes no character of ``encoding`` fits, each run now one U+FFFD
    nul_bytes: int = 0  # NUL characters removed


# Byte-order marks, longest first: UTF-32-LE's mark begins with UTF-16-LE's. A mark says the
# encoding outright, so these files are never guessed at (UTF-16/32 are full of NUL bytes and
# would otherwise read as binary).
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Encodings that are Unicode, read as their byte-order mark or UTF-8's validity say: not a guess.
UNICODE_ENCODINGS = frozenset({"utf-8", *(encoding for _, encoding in BYTE_ORDER_MARKS)})

# Formats found beside text in a document folder, by their first bytes: named in the reason
# the file is skipped. Office files (.docx, .xlsx, .odt) are zip archives.
BINARY_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a zip archive or office document"),
    (b"PK\x05\x06", "a zip archive or office document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old office document (.doc, .xls)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"\x7fELF", "an executable"),
)

# Control bytes other than tab, line feed, form feed and carriage return; NUL among them.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
BINARY_HEAD_BYTES = 8192
_NON_ASCII = bytes(range(128, 256))


def why_binary(data: bytes) -> str | None:
    """Why ``data`` is not text ("binary file (a PNG image)"), or None when it may be.

    A known signature decides; else control bytes, NULs among them, in the first 8 KiB: more
    than 1 in 100 (and more than 8) is not a text file. A few NULs in text are debris (a bad
    export, a padded copy): the text is kept and they are removed by :func:`decode`."""
    for signature, kind in BINARY_SIGNATURES:
        if data.startswith(signature):
            return f"binary file ({kind})"
    head = data[:BINARY_HEAD_BYTES]
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls > max(8, len(head) // 100):
        return "binary file (not text)"
    return None


# "Mostly UTF-8": fewer undecodable bytes than bytes in valid multi-byte characters, i.e.
# under half of the non-ASCII bytes. Other encodings are far above it, because their
# non-ASCII bytes seldom happen to form UTF-8: measured on sentences of speeches in Chinese,
# Japanese, Russian, French and English with smart quotes, re-encoded, 68% of GB18030's
# non-ASCII bytes are invalid UTF-8, 78% of Shift-JIS's, 84% of Big5's, 100% of cp1252's,
# latin-1's, cp1251's and KOI8-R's. A UTF-8 file with a few bad bytes
# (a name pasted from a Windows document) is far below: its bad bytes are replaced, and
# the rest keeps its accents instead of becoming cp1252 mojibake ("Kőrösi" -> "KÅ‘rÃ¶si").
MOSTLY_UTF8_BAD_SHARE = 0.5

# What charset-normalizer reads to name an encoding. Its time grows with the text it is
# given (10.8 MB of Latin-1 prose: 0.14 s whole, 0.01 s for the first 1 MiB); a sample keeps
# it bounded whatever the file, and the whole file is then decoded with its answer (bytes
# the sample did not foresee are replaced and counted).
DETECTION_SAMPLE_BYTES = 1024 * 1024
# On a short text, charset-normalizer cannot tell single-byte codecs apart and its order among
# them is arbitrary: a line of French with smart quotes decodes as cleanly (chaos 0) in cp1250
# as in cp1252 and ranks cp1250 first on a language coherence of 0.62 ("Slovak") against 0.57
# ("French"), turning "Genève" into "Genčve"; "Hello café" comes back as cp1006. Among the
# candidates as clean as its best and within this coherence of it, these are preferred, in
# order, as the encodings of most Western legacy text (what the fixed chain did before). The
# price, measured: a 130-character Czech cp1250 text (coherence 0.47 against 0.44) reads as
# cp1252 too; such a file is reported ("not UTF-8: decoded as cp1252") and is best converted.
COHERENCE_TIE = 0.05
PREFERRED_LEGACY = ("cp1252", "latin-1")
# When charset-normalizer names nothing: latin-1 decodes any byte.
LAST_RESORT = "latin-1"

# The bot loads a corpus in a thread beside its event loop, and one C call holds the GIL for as
# long as it runs: decoding 10 MB of mixed bytes in one call stalled the loop 1.4 s. Decoding
# (and replacing) a piece at a time keeps every call short: the loop's worst wait while those
# 10 MB decode is now 35 ms.
DECODE_PIECE_BYTES = 64 * 1024

_ESCAPED_RE = re.compile("[\udc00-\udcff]+")
_ESCAPE_ALL = "verbatim-escape-bytes"


def _escape_bytes(error: UnicodeError) -> tuple[str, int]:
    """Each undecodable byte as the lone surrogate U+DC00+byte, as ``surrogateescape`` does
    but for bytes below 0x80 too (a bad UTF-16 unit): one regex then replaces and counts."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(chr(0xDC00 + byte) for byte in bad), error.end


codecs.register_error(_ESCAPE_ALL, _escape_bytes)


def decode(data: bytes) -> Decoded:
    """The text of a file's bytes and how it was read: the encoding its byte-order mark
    names; else UTF-8, with a few bad bytes replaced; else what charset-normalizer detects.
    NUL characters are removed. BadInput for a binary file."""
    for mark, encoding in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            text, replaced = _decode_counting(data[len(mark) :], encoding)
            return _without_nuls(text, encoding, replaced)
    # NULs at the end are padding a crashed or preallocated write leaves: they do not make the
    # text before them binary.
    unpadded = data.rstrip(b"\x00")
    reason = why_binary(unpadded)
    if reason is not None:
        raise BadInput(reason)
    text, encoding, replaced = _decode_unmarked(unpadded)
    return _without_nuls(text, encoding, replaced, len(data) - len(unpadded))


def _decode_unmarked(data: bytes) -> tuple[str, str, int]:
    """(text, encoding, bytes replaced) of text without a byte-order mark."""
    text, bad = _decode_counting(data, "utf-8")
    if not bad:
        return text, "utf-8", 0
    non_ascii = len(data) - len(data.translate(None, _NON_ASCII))
    if bad < non_ascii * MOSTLY_UTF8_BAD_SHARE:
        return text, "utf-8", bad
    encoding = detect_encoding(data)
    text, replaced = _decode_counting(data, encoding)
    return text, encoding, replaced


def decoding_caveats(encoding: str, replaced_bytes: int, nul_bytes: int) -> list[str]:
    """What a reader of the load report should know about how a file was decoded."""
    caveats = []
    if encoding not in UNICODE_ENCODINGS:
        caveats.append(f"not UTF-8: decoded as {encoding}")
    if replaced_bytes:
        caveats.append(f"{_bytes(replaced_bytes)} not valid {encoding}: replaced by U+FFFD")
    if nul_bytes:
        caveats.append(f"{_bytes(nul_bytes, 'NUL byte')} removed")
    return caveats


def _bytes(count: int, what: str = "byte") -> str:
    return f"{count:,} {what}{'' if count == 1 else 's'}"


def detect_encoding(data: bytes) -> str:
    """The legacy encoding charset-normalizer finds most plausible for ``data`` (a bounded
    sample of it, cut at a line end so no character is split), Python's name for it."""
    sample = data[:DETECTION_SAMPLE_BYTES]
    if len(data) > len(sample) and b"\n" in sample:
        sample = sample[: sample.rindex(b"\n") + 1]
    matches = charset_normalizer.from_bytes(sample)
    best = matches.best()
    if best is None:
        return LAST_RESORT
    tied: set[str] = set()
    for match in matches:
        if match.chaos <= best.chaos and match.coherence >= best.coherence - COHERENCE_TIE:
            tied.update({match.encoding, *match.could_be_from_charset})
    tied = {codecs.lookup(name).name for name in tied}
    for preferred in PREFERRED_LEGACY:
        if codecs.lookup(preferred).name in tied:
            return codecs.lookup(preferred).name
    return codecs.lookup(best.encoding).name


def _decode_counting(data: bytes, encoding: str) -> tuple[str, int]:
    """``data`` in ``encoding`` with each run of undecodable bytes as one U+FFFD (a run that
    straddles two pieces as two), and how many bytes were replaced."""
    try:
        return "".join(_decode_pieces(data, encoding, "strict")), 0
    except UnicodeDecodeError:
        pass
    try:
        # Python's own handler, in C: 10 MB of Big5 with 3.6 million bad bytes decoded and
        # counted in 2.1 s with it, 3.7 s with ours alone. It refuses a bad byte below 0x80
        # (in UTF-16 or UTF-32), and ours takes over.
        pieces = list(_decode_pieces(data, encoding, "surrogateescape"))
    except UnicodeDecodeError:
        pieces = list(_decode_pieces(data, encoding, _ESCAPE_ALL))
    replaced = [_replace_escaped(piece) for piece in pieces]
    return "".join(text for text, _ in replaced), sum(count for _, count in replaced)


def _decode_pieces(data: bytes, encoding: str, errors: str) -> Iterator[str]:
    """The text of ``data`` a piece at a time: see DECODE_PIECE_BYTES."""
    if len(data) <= DECODE_PIECE_BYTES:  # most files: one piece, no incremental decoder
        yield data.decode(encoding, errors)
        return
    decoder = codecs.getincrementaldecoder(encoding)(errors)
    for start in range(0, len(data), DECODE_PIECE_BYTES):
        yield decoder.decode(data[start : start + DECODE_PIECE_BYTES])
    yield decoder.decode(b"", final=True)


def _replace_escaped(escaped: str) -> tuple[str, int]:
    """``escaped`` with each run of escaped bytes as one U+FFFD, and how many bytes that was."""
    text, runs = _ESCAPED_RE.subn("\ufffd", escaped)
    return text, len(escaped) - len(text) + runs


def _without_nuls(text: str, encoding: str, replaced: int, padding: int = 0) -> Decoded:
    nuls = text.count("\x00")
    if nuls:
        text = text.replace("\x00", "")
    return Decoded(text, encoding, replaced, nuls + padding)


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
    """Lines with unified endings and spaces, chrome removed, indentation kept (it can mark
    paragraphs), trailing spaces dropped."""
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
    chrome = {index for index in edges if is_chrome(lines[index])}
    if chrome:
        lines = [line for index, line in enumerate(lines) if index not in chrome]
    return lines


def _short_enough(line: str) -> bool:
    return len(line) <= 40 or (">" in line and len(line) <= 250)
