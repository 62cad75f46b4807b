"""Decoding a file's bytes (issue 11): byte-order marks, UTF-16/32, a few bad bytes in UTF-8,
legacy encodings detected, NUL bytes, real binaries. Every file is built from bytes here."""

from __future__ import annotations

import codecs
from typing import Any

import charset_normalizer
import pytest

from corpus import clean
from corpus.clean import BadInput, Decoded, decode, decoding_caveats, detect_encoding, why_binary

SPEECH = "Mr. Kőrösi (Hungary), President of the Assembly, said: “peace” matters.\n"


@pytest.mark.parametrize(
    ("mark", "codec", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    ],
)
def test_a_byte_order_mark_names_the_encoding_and_is_stripped(
    mark: bytes, codec: str, encoding: str
) -> None:
    assert decode(mark + SPEECH.encode(codec)) == Decoded(SPEECH, encoding)


def test_utf16_without_its_mark_is_still_binary() -> None:
    # Half its bytes are NUL: without a mark nothing says which half, and guessing is not done.
    assert why_binary(SPEECH.encode("utf-16-le")) == "binary file (not text)"


def test_a_mostly_utf8_file_keeps_its_text_and_counts_its_bad_bytes() -> None:
    # Three bytes pasted from a Windows document: two quotes and an undefined byte.
    data = SPEECH.encode() * 3 + b"He said \x93no\x94 \x81.\n" + SPEECH.encode()
    decoded = decode(data)
    assert decoded.encoding == "utf-8"
    assert decoded.replaced_bytes == 3
    assert decoded.text.count("Kőrösi") == 4
    assert "He said \ufffdno\ufffd \ufffd." in decoded.text
    assert "KÅ‘rÃ¶si" not in decoded.text  # what reading the whole file as cp1252 gave


def test_a_run_of_bad_bytes_is_one_replacement_counting_every_byte() -> None:
    decoded = decode(SPEECH.encode() + b"[\xff\xfe\xfd]\n")
    assert decoded.text.endswith("[\ufffd]\n")
    assert decoded.replaced_bytes == 3


def test_gb18030_is_detected() -> None:
    text = "主席先生，我谨代表中国政府祝贺您当选本届大会主席。和平与发展是时代的主题。\n" * 5
    assert decode(text.encode("gb18030")) == Decoded(text, "gb18030")


def test_cp1252_smart_quotes_are_detected() -> None:
    text = "“Smart” quotes from Windows: the café in Genève said ‘peace’.\n"
    assert decode(text.encode("cp1252")) == Decoded(text, "cp1252")


def test_a_legacy_file_is_not_mostly_utf8_even_when_some_bytes_pair_up() -> None:
    # Some GB18030 pairs happen to be valid UTF-8 ("国" is b"\xb9\xfa": not; "中" b"\xd6\xd0"
    # is): under the rule's share, the file would come out as UTF-8 with replacements.
    text = "中国 " * 50 + "\n"
    data = text.encode("gb18030")
    assert data.decode("utf-8", "replace") != text
    assert decode(data).encoding == "gb18030"


def test_detection_reads_a_bounded_sample_cut_at_a_line_end(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[bytes] = []
    real = charset_normalizer.from_bytes

    def spy(sample: bytes, **kwargs: Any) -> Any:
        seen.append(sample)
        return real(sample, **kwargs)

    monkeypatch.setattr(charset_normalizer, "from_bytes", spy)
    monkeypatch.setattr(clean, "DETECTION_SAMPLE_BYTES", 1000)
    line = "和平与发展仍然是当今时代的主题。\n".encode("gb18030")
    assert detect_encoding(line * 100) == "gb18030"
    [sample] = seen
    assert len(sample) <= 1000 and sample.endswith(b"\n") and sample == line * (1000 // len(line))


def test_bytes_the_sample_did_not_foresee_are_replaced_and_counted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(clean, "DETECTION_SAMPLE_BYTES", 1000)
    text = "和平与发展仍然是当今时代的主题。\n" * 100
    # 0x80 alone is no GB18030 character (nor UTF-8).
    decoded = decode(text.encode("gb18030") + b"\x80\x80\n")
    assert (decoded.encoding, decoded.replaced_bytes) == ("gb18030", 2)
    assert decoded.text == text + "\ufffd\n"


def test_stray_nul_bytes_are_removed_and_counted() -> None:
    decoded = decode(b"Peace\x00 matters.\x00\n" + SPEECH.encode() * 3 + b"\x00\x00")
    assert decoded.text == "Peace matters.\n" + SPEECH * 3
    assert decoded.nul_bytes == 4
    assert decode(codecs.BOM_UTF16_LE + "a\x00b".encode("utf-16-le")) == Decoded(
        "ab", "utf-16-le", nul_bytes=1
    )


def test_nul_padding_at_the_end_does_not_make_the_text_binary() -> None:
    # A crashed or preallocated write: the text, then more NULs than text.
    assert decode(b"Peace matters.\n" + b"\x00" * 9000) == Decoded(
        "Peace matters.\n", "utf-8", nul_bytes=9000
    )
    assert why_binary(b"\x00" * 9000 + b"Peace matters.\n") == "binary file (not text)"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (a PNG image)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "binary file (a PDF document)"),
        (b"PK\x03\x04\x14\x00word/document.xml", "binary file (a zip archive or office document)"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "binary file (a JPEG image)"),
        (bytes(range(256)) * 4, "binary file (not text)"),
        (b"\x00\xff\xfe binary \x00\x01" * 50, "binary file (not text)"),
    ],
)
def test_real_binaries_are_refused_with_what_they_are(data: bytes, reason: str) -> None:
    assert why_binary(data) == reason
    with pytest.raises(BadInput, match=reason.replace("(", r"\(").replace(")", r"\)")):
        decode(data)


def test_caveats_name_what_happened_to_the_bytes() -> None:
    assert decoding_caveats("utf-8", 0, 0) == []
    assert decoding_caveats("utf-16-le", 0, 0) == []
    assert decoding_caveats("cp1252", 0, 0) == ["not UTF-8: decoded as cp1252"]
    assert decoding_caveats("utf-8", 3, 1) == [
        "3 bytes not valid utf-8: replaced by U+FFFD",
        "1 NUL byte removed",
    ]


def test_a_broken_utf16_unit_is_replaced_and_counted() -> None:
    # A lone surrogate (D800) is no character; its bytes include 0x00, which Python's own
    # surrogateescape handler refuses, so the decoder's fallback handler is what counts them.
    data = codecs.BOM_UTF16_LE + "Peace".encode("utf-16-le") + b"\x00\xd8" + "!".encode("utf-16-le")
    assert decode(data) == Decoded("Peace\ufffd!", "utf-16-le", replaced_bytes=2)


def test_decoding_a_piece_at_a_time_splits_no_character(monkeypatch: pytest.MonkeyPatch) -> None:
    # Pieces of 7 bytes cut "ő" (2 bytes), "“" (3 bytes) and UTF-16 units in two.
    monkeypatch.setattr(clean, "DECODE_PIECE_BYTES", 7)
    bad = SPEECH.encode() + b"\xff" + SPEECH.encode()
    assert decode(bad) == Decoded(SPEECH + "\ufffd" + SPEECH, "utf-8", replaced_bytes=1)
    wide = codecs.BOM_UTF16_BE + SPEECH.encode("utf-16-be")
    assert decode(wide) == Decoded(SPEECH, "utf-16-be")
    text = "和平与发展仍然是当今时代的主题。\n" * 3
    assert decode(text.encode("gb18030")) == Decoded(text, "gb18030")
