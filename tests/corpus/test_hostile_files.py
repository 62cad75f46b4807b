"""Hostile corpus folders (issue 12): one test per case the security review reproduced.

Each test builds a corpus folder with one good file and one bad thing beside it, loads it in a
bounded child process (tests/corpus/hostile.py) and checks that the load finishes, the bad
thing is reported with the reason a user reads, the good file is served, and nothing from
outside the corpus folder reaches a paragraph or a title.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from corpus.loader import corpus_fingerprint, load_corpus
from corpus.parse import ParsedDocument

from .hostile import (
    BILLION_LAUGHS,
    GOOD_NAME,
    GOOD_TEXT,
    NESTED_JSON,
    NESTED_YAML,
    Hostile,
    Loaded,
    hostile_folder,
    load_bounded,
)

OUTSIDE = "a link to a file outside the corpus folder: not read"
# The first alias is on the bomb's second line: line 3 of a file under its opening "---".
ALIASES = "YAML aliases are not allowed (*a on line {line})"
TOO_DEEP = "nested too deeply"
HUGE_NUMBER = "Exceeds the limit (4300 digits) for integer string conversion"


def serves_all_but(folder: Hostile, bad: str, reason: str) -> Loaded:
    """Load ``folder``: ``bad`` skipped for ``reason`` (and nothing else skipped), the good
    file served, nothing from outside shown."""
    loaded = load_bounded(folder.root)
    assert loaded.skipped == {bad: [reason]}
    assert GOOD_TEXT in loaded.paragraphs
    assert loaded.leaks() == []
    return loaded


# ---------------------------------------------------------------------------------------------
# Containment: only regular files inside the corpus folder are read


def test_link_to_etc_passwd_is_not_read(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    folder.link("passwd.txt", "/etc/passwd")
    serves_all_but(folder, "passwd.txt", OUTSIDE)


def test_link_to_an_env_file_beside_the_corpus_is_not_read(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    folder.link("notes.txt", "../.env")
    serves_all_but(folder, "notes.txt", OUTSIDE)


def test_link_to_proc_self_status_is_not_read(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    folder.link("status.txt", "/proc/self/status")
    serves_all_but(folder, "status.txt", OUTSIDE)


def test_link_to_dev_zero_is_not_read(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    folder.link("zero.txt", "/dev/zero")
    serves_all_but(folder, "zero.txt", OUTSIDE)


def test_fifo_is_never_opened(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    folder.fifo("pipe.txt")
    serves_all_but(folder, "pipe.txt", "not a regular file (a FIFO): not read")


def test_socket_is_never_opened(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    folder.unix_socket("socket.md")
    serves_all_but(folder, "socket.md", "not a regular file (a socket): not read")


def test_link_to_a_hidden_file_inside_the_corpus_is_not_read(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    folder.write(".secrets", folder.secret.read_text(encoding="utf-8"))
    folder.link("notes.md", ".secrets")
    serves_all_but(folder, "notes.md", "a link to a hidden file: not read")


def test_link_to_a_folder_is_reported_and_not_followed(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "leak.txt").write_text("VmRSS: a file from elsewhere.\n")
    folder.link("docs", tmp_path / "elsewhere")
    serves_all_but(folder, "docs", "a link to a folder: not followed")


def test_link_that_loops_is_reported(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    folder.link("loop.txt", "loop.txt")
    serves_all_but(folder, "loop.txt", "not a regular file (a link that loops): not read")


def test_link_to_a_file_inside_the_corpus_is_served(tmp_path: Path) -> None:
    """The choice made: a link that stays inside the corpus folder is an ordinary file."""
    folder = hostile_folder(tmp_path)
    folder.write("texts/speech.txt", "The speech itself is here.\n")
    folder.link("latest.txt", "texts/speech.txt")
    loaded = load_bounded(folder.root)
    assert loaded.skipped == {}
    assert loaded.titles.keys() == {GOOD_NAME, "latest.txt", "texts/speech.txt"}


def test_metadata_table_linked_outside_is_not_read(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    folder.link("metadata.csv", "/etc/passwd")
    serves_all_but(folder, "metadata.csv", OUTSIDE)


def test_metadata_table_that_is_a_fifo_is_never_opened(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    folder.fifo("metadata.jsonl")
    serves_all_but(folder, "metadata.jsonl", "not a regular file (a FIFO): not read")


def test_speakers_yaml_linked_outside_is_not_read(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    folder.link("speakers.yaml", "../.env")
    serves_all_but(folder, "speakers.yaml", OUTSIDE)


def test_speakers_yaml_that_is_a_fifo_is_never_opened(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    folder.fifo("speakers.yaml")
    serves_all_but(folder, "speakers.yaml", "not a regular file (a FIFO): not read")


def test_fingerprint_reads_nothing_outside_the_corpus(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    folder.link("notes.txt", "../.env")
    folder.fifo("pipe.txt")
    before = corpus_fingerprint([folder.root])
    with folder.secret.open("a", encoding="utf-8") as secret:
        secret.write("ANOTHER_TOKEN=changed\n")
    assert corpus_fingerprint([folder.root]) == before
    folder.write(GOOD_NAME, GOOD_TEXT + " Edited.\n")
    assert corpus_fingerprint([folder.root]) != before


# ---------------------------------------------------------------------------------------------
# Bytes that are not what they claim (issue 11): refused with what they are, or kept and counted


def test_a_pdf_named_txt_is_skipped_as_what_it_is(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    folder.write("speech.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n")
    serves_all_but(folder, "speech.txt", "binary file (a PDF document)")


def test_a_docx_named_txt_is_skipped_as_what_it_is(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    folder.write("speech.txt", b"PK\x03\x04\x14\x00\x06\x00\x08\x00[Content_Types].xml")
    serves_all_but(folder, "speech.txt", "binary file (a zip archive or office document)")


def test_stray_nul_bytes_are_removed_not_the_file(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    folder.write("padded.txt", b"The speech\x00 survives its NUL bytes.\n" + b"\x00" * 100_000)
    loaded = load_bounded(folder.root)
    assert loaded.skipped == {}
    assert "The speech survives its NUL bytes." in loaded.paragraphs
    assert loaded.warnings == {"padded.txt": ["100,001 NUL bytes removed"]}


def test_a_large_file_of_mixed_bytes_loads_within_the_bound(tmp_path: Path) -> None:
    from tests.benchmarks.bench_hostile import mixed_bytes_file

    folder = hostile_folder(tmp_path)
    folder.write("mixed.txt", mixed_bytes_file(3_000_000))
    loaded = load_bounded(folder.root)
    assert loaded.skipped == {}
    [replaced, detected] = sorted(loaded.warnings["mixed.txt"])
    assert detected == "not UTF-8: decoded as big5"
    assert replaced.endswith(" bytes not valid big5: replaced by U+FFFD")
    assert GOOD_TEXT in loaded.paragraphs


# ---------------------------------------------------------------------------------------------
# Safe parsing: YAML and JSON that would explode, recurse or hold the wrong types


def test_billion_laughs_in_front_matter_is_refused(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    bomb = folder.write("bomb.md", f"---\n{BILLION_LAUGHS}title: *i\n---\nBody.\n")
    assert bomb.stat().st_size < 450
    serves_all_but(folder, "bomb.md", f"broken front matter: {ALIASES.format(line=3)}")


def test_billion_laughs_in_speakers_yaml_is_refused(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    bomb = folder.write("speakers.yaml", f"{BILLION_LAUGHS}Wang Yi: *i\n")
    assert bomb.stat().st_size < 450
    serves_all_but(folder, "speakers.yaml", f"unreadable speakers.yaml: {ALIASES.format(line=2)}")


def test_front_matter_value_that_is_not_text_is_the_files_error(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    folder.write("odd.md", "---\ntitle: {first: a, second: b}\n---\nBody.\n")
    serves_all_but(folder, "odd.md", "broken front matter: 'title' must be text, not a mapping")


def test_speakers_yaml_value_that_is_not_text_is_the_files_error(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    folder.write("speakers.yaml", "Wang Yi:\n  aliases: [Wang, [nested, list]]\n")
    serves_all_but(
        folder, "speakers.yaml", "speakers.yaml: an alias of 'Wang Yi' must be text, not a list"
    )


def test_front_matter_longer_than_the_yaml_limit_skips_the_file(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    fields = "".join(f"field{n}: value {n}\n" for n in range(60_000))
    folder.write("long.md", f"---\n{fields}---\nBody.\n")
    serves_all_but(
        folder, "long.md", "broken front matter: YAML longer than the limit of 1,048,576 characters"
    )


def test_deeply_nested_front_matter_skips_the_file(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    folder.write("deep.md", f"---\ntitle: {NESTED_YAML}\n---\nBody.\n")
    serves_all_but(folder, "deep.md", f"broken front matter: {TOO_DEEP} (line 2)")


def test_deeply_nested_speakers_yaml_skips_the_file(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    folder.write("speakers.yaml", f"Wang Yi: {NESTED_YAML}\n")
    serves_all_but(folder, "speakers.yaml", f"unreadable speakers.yaml: {TOO_DEEP} (line 1)")


def test_huge_number_in_front_matter_skips_the_file(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    folder.write("number.md", f"---\nyear: 1{'0' * 5000}\n---\nBody.\n")
    serves_all_but(folder, "number.md", f"broken front matter: {HUGE_NUMBER}")


def test_deeply_nested_json_line_skips_that_line(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    folder.write("docs.jsonl", f'{{"text": "The first line is a statement."}}\n{NESTED_JSON}\n')
    loaded = serves_all_but(
        folder, "docs.jsonl", f"line 2 is not JSON ({TOO_DEEP}): that line skipped"
    )
    assert "The first line is a statement." in loaded.paragraphs


def test_json_line_with_a_huge_number_skips_that_line(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    folder.write(
        "docs.jsonl",
        f'{{"text": "The first line is a statement."}}\n{{"text": "x", "n": 1{"0" * 5000}}}\n',
    )
    loaded = serves_all_but(
        folder, "docs.jsonl", f"line 2 is not JSON ({HUGE_NUMBER}): that line skipped"
    )
    assert "The first line is a statement." in loaded.paragraphs


def test_deeply_nested_line_in_a_metadata_table_skips_that_row(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    folder.write("metadata.jsonl", f'{{"path": "{GOOD_NAME}", "title": "Good"}}\n{NESTED_JSON}\n')
    loaded = load_bounded(folder.root)
    assert loaded.skipped == {}
    assert loaded.warnings == {"metadata.jsonl:2": [f"not JSON ({TOO_DEEP})"]}
    assert loaded.titles == {GOOD_NAME: "Good"}


# ---------------------------------------------------------------------------------------------
# Broken metadata tables: reported, and their folder's files served with what their text says


def broken_table(folder: Hostile, table: str, why: str) -> None:
    folder.write("other.txt", "Another statement stands here.\n")
    loaded = serves_all_but(
        folder, table, f"not used: {why}; the files under its folder load with what their text says"
    )
    assert loaded.titles == {GOOD_NAME: GOOD_TEXT, "other.txt": "Another statement stands here."}
    assert loaded.warnings == {}


def test_metadata_table_without_a_path_column_is_not_used(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    folder.write("metadata.csv", "title,date\nA title,2020\n")
    broken_table(folder, "metadata.csv", "no 'path' column")


def test_empty_metadata_table_is_not_used(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    folder.write("metadata.csv", "")
    broken_table(folder, "metadata.csv", "empty")


def test_binary_metadata_table_is_not_used(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    folder.write("metadata.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    broken_table(folder, "metadata.csv", "binary file (a PNG image)")


def test_metadata_table_with_an_unterminated_quote_is_not_used(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    folder.write(
        "metadata.csv", f'path,title\n{GOOD_NAME},"Unclosed title\nother.txt,Other title\n'
    )
    broken_table(folder, "metadata.csv", "the quote opened on line 2 is never closed")


# ---------------------------------------------------------------------------------------------
# Whatever else parsing one file raises: that file is skipped, the others load


def test_a_file_whose_parsing_raises_is_skipped_with_its_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from corpus import files

    folder = hostile_folder(tmp_path)
    folder.write("recursive.txt", "A text the parser recurses on.\n")
    from corpus.parse import parse_document as parse

    def parse_or_recurse(text: str, *args: Any, **kwargs: Any) -> ParsedDocument:
        if "recurses" in text:
            raise RecursionError("maximum recursion depth exceeded")
        return parse(text, *args, **kwargs)

    monkeypatch.setattr(files, "parse_document", parse_or_recurse)
    corpus = load_corpus([folder.root])
    assert [(Path(i.path).name, i.reason) for i in corpus.skipped] == [
        ("recursive.txt", f"could not be parsed: {TOO_DEEP}")
    ]
    assert [d.path for d in corpus.documents] == [GOOD_NAME]
