"""`verbatim corpus stats` and `verbatim corpus export`, through their own argparse wiring."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from corpus import cli
from corpus.errors import VerbatimError


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="verbatim")
    commands = parser.add_subparsers(dest="command")
    cli.register(commands)
    args = parser.parse_args(argv)
    status: int = args.handler(args)
    return status


def test_stats_on_the_embedded_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["corpus", "stats"]) == 0
    out = capsys.readouterr().out
    assert "Documents: 2\n" in out
    assert "Paragraphs: 17\n" in out
    assert "Dates: 2021-05-08 to 2023-02-02\n" in out
    assert "        9  Wang Yi\n" in out
    assert "China News Service" in out
    assert "Skipped files: 0\n" in out


def test_stats_json_lists_skipped_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "good.txt").write_text("Qin Gang said that it matters.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    assert run(["corpus", "stats", "--corpus", str(tmp_path), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert (stats["documents"], stats["paragraphs"]) == (1, 1)
    assert stats["speakers"][0]["name"] == "Qin Gang"
    assert stats["skipped"] == [
        {"path": (tmp_path / "empty.txt").as_posix(), "reason": "empty file", "skipped": True}
    ]


def test_export_lines(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["corpus", "export"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(records) == 17
    first = records[0]
    for field in (
        "id",
        "doc_id",
        "path",
        "position",
        "text",
        "speakers",
        "mentions",
        "date",
        "date_precision",
        "date_inferred",
        "title",
        "source",
        "url",
    ):
        assert field in first
    assert (first["id"], first["doc_id"], first["path"], first["position"]) == (
        "5554e811-1",
        "5554e811",
        "000_043514e255436d6d.txt",
        1,
    )
    assert (first["date"], first["date_precision"], first["date_inferred"]) == (
        "2023-02-02",
        "day",
        False,
    )
    assert first["mentions"] == ["Qin Gang", "Csaba Kőrösi"]
    cns = [r for r in records if r["path"] == "004_3fff03c6e722727c.txt"]
    assert (cns[0]["date"], cns[0]["date_inferred"]) == ("2021-05-08", True)
    assert cns[10]["collective"] == ["participants"]


def test_export_dates_at_every_precision(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        {"id": 1, "title": "Month", "text": "A.", "date": "2021-05"},
        {"id": 2, "title": "Year", "text": "B.", "date": 2021},
        {"id": 3, "title": "No year", "text": "C.", "date": "--05-08"},
        {"id": 4, "title": "Undated", "text": "D."},
    ]
    (tmp_path / "d.jsonl").write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    assert run(["corpus", "export", "--corpus", str(tmp_path)]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["date"], r["date_precision"]) for r in records] == [
        ("2021-05", "month"),
        ("2021", "year"),
        ("--05-08", "day"),
        (None, None),
    ]


def test_corpus_folders_are_the_option_or_the_embedded_corpus_never_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # VERBATIM_CORPUS is read once, by `verbatim`'s settings (tests/bot/test_settings.py);
    # this package only reads the folders put on its namespace.
    parser = argparse.ArgumentParser()
    cli.add_corpus_argument(parser)
    monkeypatch.setenv("VERBATIM_CORPUS", f"{tmp_path}/a:{tmp_path}/b")
    assert cli.corpus_folders(parser.parse_args([])) is None
    args = parser.parse_args(["--corpus", "x", "--corpus", "y"])
    assert cli.corpus_folders(args) == [Path("x"), Path("y")]


def test_missing_folder_raises_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(VerbatimError) as error:
        run(["corpus", "stats", "--corpus", str(tmp_path / "missing")])
    assert "\n" not in str(error.value)
    assert str(tmp_path / "missing") in str(error.value)


def test_stats_quote_odd_file_names_so_none_forges_a_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "good.txt").write_text("Qin Gang said that it matters.\n", encoding="utf-8")
    odd = tmp_path / "x\nSkipped files: 0\x1b[2J.txt"
    odd.write_text("", encoding="utf-8")
    assert run(["corpus", "stats", "--corpus", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert [line for line in out.splitlines() if line.startswith("Skipped files:")] == [
        "Skipped files: 1"
    ]
    assert f"  {odd.as_posix()!r}: " in out


def test_quote_odd_leaves_ordinary_names_alone() -> None:
    assert cli.quote_odd("a b/ü `x`.txt") == "a b/ü `x`.txt"
    assert cli.quote_odd("a\nb") == "'a\\nb'"
    assert cli.quote_odd("a\u202eb") == "'a\\u202eb'"  # a bidi override


def test_stats_account_for_every_byte_and_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    speech = "Qin Gang said that it matters.\n"
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbf" + speech.encode())
    (tmp_path / "b.txt").write_bytes(speech.encode() + "Kőrösi agreed".encode() + b" \x00\x93.\n")
    (tmp_path / "c.text").write_text(speech, encoding="utf-8")
    (tmp_path / "page.html").write_text("<p>Not read.</p>\n", encoding="utf-8")
    (tmp_path / "odd.\x1b[2J").write_text("Not read.\n", encoding="utf-8")
    assert run(["corpus", "stats", "--corpus", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert (
        "Encodings:\n"
        "        2  utf-8\n"
        "        1  utf-8-sig (with a byte-order mark)\n"
        "File types:\n"
        "        2  .txt\n"
        "        1  .text\n"
        "Files not read for their type:\n"
        "        1  '.\\x1b[2j'\n"
        "        1  .html\n"
        "Undecodable bytes replaced by U+FFFD: 1\n"
        "NUL bytes removed: 1\n"
    ) in out
