"""`verbatim corpus stats` and `verbatim corpus export`: served from the built index, which
they build first when it is not current."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import retrieval.index as index_module
from bot.cli import main
from corpus.cli import export_record
from corpus.files import Worker
from corpus.loader import Corpus, load_corpus
from corpus.models import Document, Paragraph
from corpus.speakers import SpeakerRegistry
from retrieval.cache import corpus_slot
from retrieval.index import Index


def run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    status = main(list(arguments))
    out, err = capsys.readouterr()
    return status, out, err


def _corpus(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "a.txt").write_text(
        "Statement A.\n\nQin Gang said that it matters.\n\nKőrösi said the UN is central.\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text("Statement B.\n\nWang Yi spoke on peace.\n", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


def _count_loads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that grows by one each time the index build loads (parses) the corpus."""
    calls: list[int] = []

    def counting(*args: Any, **kwargs: Any) -> Corpus:
        calls.append(1)
        return load_corpus(*args, **kwargs)

    monkeypatch.setattr(index_module, "load_corpus", counting)
    return calls


def _refuse_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any parse of a corpus file, by whatever path, fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the corpus was parsed")

    monkeypatch.setattr(Worker, "__call__", refuse)


# ---------------------------------------------------------------------------------------------
# What they print (moved from tests/corpus/test_cli.py with the commands)


def test_stats_on_the_embedded_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "corpus", "stats")
    assert status == 0
    assert "Documents: 2\n" in out
    assert "Paragraphs: 17\n" in out
    assert "Dates: 2021-05-08 to 2023-02-02\n" in out
    assert "        9  Wang Yi\n" in out
    assert "China News Service" in out
    assert "Skipped files: 0\n" in out


def test_stats_json_lists_skipped_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "good.txt").write_text("Qin Gang said that it matters.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    status, out, _ = run(capsys, "corpus", "stats", "--corpus", str(tmp_path), "--json")
    assert status == 0
    stats = json.loads(out)
    assert (stats["documents"], stats["paragraphs"]) == (1, 1)
    assert stats["speakers"][0]["name"] == "Qin Gang"
    assert stats["skipped"] == [
        {"path": (tmp_path / "empty.txt").as_posix(), "reason": "empty file", "skipped": True}
    ]


def test_export_lines(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "corpus", "export")
    assert status == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 17
    first = records[0]
    for field in (
        "id",
        "doc_id",
        "path",
        "position",
        "lines",
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


def test_export_is_the_corpus_paragraph_for_paragraph(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _corpus(tmp_path / "corpus")
    status, out, _ = run(capsys, "corpus", "export", "--corpus", str(folder))
    assert status == 0
    corpus = load_corpus([folder])
    expected = [export_record(d, p) for d in corpus.documents for p in d.paragraphs]
    assert [json.loads(line) for line in out.splitlines()] == expected


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
    status, out, _ = run(capsys, "corpus", "export", "--corpus", str(tmp_path))
    assert status == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [(r["date"], r["date_precision"]) for r in records] == [
        ("2021-05", "month"),
        ("2021", "year"),
        ("--05-08", "day"),
        (None, None),
    ]


@pytest.mark.parametrize("command", ["stats", "export"])
def test_missing_folder_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    status, out, err = run(capsys, "corpus", command, "--corpus", str(tmp_path / "missing"))
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1
    assert str(tmp_path / "missing") in err


def test_stats_quote_odd_file_names_so_none_forges_a_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "good.txt").write_text("Qin Gang said that it matters.\n", encoding="utf-8")
    odd = tmp_path / "x\nSkipped files: 0\x1b[2J.txt"
    odd.write_text("", encoding="utf-8")
    status, out, _ = run(capsys, "corpus", "stats", "--corpus", str(tmp_path))
    assert status == 0
    assert "\x1b" not in out
    assert [line for line in out.splitlines() if line.startswith("Skipped files:")] == [
        "Skipped files: 1"
    ]
    assert f"  {odd.as_posix()!r}: " in out
    assert f"Corpus: {tmp_path}\n" in out


def test_stats_account_for_every_byte_and_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    speech = "Qin Gang said that it matters.\n"
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbf" + speech.encode())
    (tmp_path / "b.txt").write_bytes(speech.encode() + "Kőrösi agreed".encode() + b" \x00\x93.\n")
    (tmp_path / "c.text").write_text(speech, encoding="utf-8")
    (tmp_path / "page.html").write_text("<p>Not read.</p>\n", encoding="utf-8")
    (tmp_path / "odd.\x1b[2J").write_text("Not read.\n", encoding="utf-8")
    status, out, _ = run(capsys, "corpus", "stats", "--corpus", str(tmp_path))
    assert status == 0
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


# ---------------------------------------------------------------------------------------------
# Served from the index


@pytest.mark.parametrize("command", [["stats"], ["stats", "--json"], ["export"]])
def test_a_current_index_answers_without_parsing_the_corpus(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
) -> None:
    folder = str(_corpus(tmp_path / "corpus"))
    assert run(capsys, "index", "--corpus", folder)[0] == 0
    built = run(capsys, "corpus", *command, "--corpus", folder)
    _refuse_loads(monkeypatch)
    assert run(capsys, "corpus", *command, "--corpus", folder) == built
    assert built[0] == 0 and built[1]


def test_stats_json_from_the_index_equals_freshly_computed_stats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _corpus(tmp_path / "corpus")
    assert run(capsys, "index", "--corpus", str(folder))[0] == 0
    fresh = load_corpus([folder]).stats()
    _refuse_loads(monkeypatch)
    status, out, _ = run(capsys, "corpus", "stats", "--json", "--corpus", str(folder))
    assert status == 0
    assert json.loads(out) == fresh.model_dump(mode="json")
    assert (fresh.documents, len(fresh.skipped)) == (2, 1)


def test_a_stale_index_is_rebuilt_once_then_served(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _corpus(tmp_path / "corpus")
    loads = _count_loads(monkeypatch)
    assert run(capsys, "index", "--corpus", str(folder))[0] == 0
    assert len(loads) == 1
    (folder / "c.txt").write_text("Statement C.\n\nA third statement.\n", encoding="utf-8")
    status, out, _ = run(capsys, "corpus", "stats", "--json", "--corpus", str(folder))
    assert (status, json.loads(out)["documents"]) == (0, 3)
    assert len(loads) == 2  # rebuilt for the new file
    status, out, _ = run(capsys, "corpus", "export", "--corpus", str(folder))
    assert status == 0 and "A third statement." in out
    assert len(loads) == 2  # and then served


class _FirstWrite:
    """A stdout that records, at its first write, what ``made`` said then."""

    def __init__(self, made: Callable[[], int]) -> None:
        self.made = made
        self.at_first_write: int | None = None
        self.lines: list[str] = []

    def write(self, text: str) -> int:
        if self.at_first_write is None:
            self.at_first_write = self.made()
        self.lines.append(text)
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def test_export_writes_its_first_line_before_reading_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = str(_corpus(tmp_path / "corpus"))
    assert run(capsys, "index", "--corpus", folder)[0] == 0
    made: list[int] = []
    real = Index.paragraph_at

    def counting(self: Index, row: int) -> Paragraph:
        made.append(row)
        return real(self, row)

    monkeypatch.setattr(Index, "paragraph_at", counting)
    stdout = _FirstWrite(lambda: len(made))
    monkeypatch.setattr("sys.stdout", stdout)
    assert main(["corpus", "export", "--corpus", folder]) == 0
    assert stdout.at_first_write == 1  # one paragraph read when the first line went out
    assert len(made) == len(stdout.lines) == load_corpus([Path(folder)]).n_paragraphs > 1


# ---------------------------------------------------------------------------------------------
# Line spans


def _with_lines() -> Corpus:
    texts = ["First paragraph.", "Second, read from no line.", "Third paragraph."]
    spans: list[tuple[int, int] | None] = [(3, 7), None, (9, 9)]
    paragraphs = tuple(
        Paragraph(id=f"abcd0001-{i}", doc_id="abcd0001", position=i, text=text, lines=span)
        for i, (text, span) in enumerate(zip(texts, spans, strict=True), 1)
    )
    document = Document(id="abcd0001", path="a.txt", title="A", paragraphs=paragraphs)
    return Corpus((), (document,), (), (), SpeakerRegistry([]))


def test_line_spans_are_stored_saved_and_exported(tmp_path: Path) -> None:
    built = Index.build(_with_lines())
    built.save(tmp_path / "saved")
    for index in (built, Index.load(tmp_path / "saved")):
        assert [p.lines for _, p in index.each_paragraph()] == [(3, 7), None, (9, 9)]
        assert index.paragraph("abcd0001-1") == _with_lines().documents[0].paragraphs[0]
        records = [export_record(d, p) for d, p in index.each_paragraph()]
        assert [r["lines"] for r in records] == [[3, 7], None, [9, 9]]


def test_the_build_takes_a_loaded_corpus_documents(tmp_path: Path) -> None:
    # The build frees each document's parse results once stored: the corpus keeps none.
    taken = load_corpus([_corpus(tmp_path / "corpus")])
    Index.build(taken)
    with pytest.raises(RuntimeError):
        _ = taken.documents
    assert taken.stats().documents == 2  # its figures stay
    # Documents made before the build are the caller's: they stay.
    kept = load_corpus([tmp_path / "corpus"])
    documents = kept.documents
    assert Index.build(kept).n_paragraphs == kept.n_paragraphs
    assert kept.documents == documents


def test_every_figure_of_the_stats_survives_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _with_lines()
    figures = corpus.stats().model_copy(
        update={
            "encodings": {"utf-8": 3, "utf-16": 1},
            "file_types": {".txt": 3, ".jsonl": 1},
            "unsupported": {".pdf": 2},
            "replaced_bytes": 4,
            "nul_bytes": 5,
            "furniture": {"job number": 6},
            "furniture_by_file": {"a.txt": {"job number": 6}},
        }
    )
    monkeypatch.setattr(Corpus, "stats", lambda self: figures)
    Index.build(corpus).save(tmp_path / "saved")
    assert Index.load(tmp_path / "saved").stats() == figures


def test_stats_read_nothing_of_a_current_index_but_its_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = str(_corpus(tmp_path / "corpus"))
    assert run(capsys, "index", "--corpus", folder)[0] == 0

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the paragraph store was read")

    monkeypatch.setattr(index_module, "load_store", refuse)
    _refuse_loads(monkeypatch)
    status, out, _ = run(capsys, "corpus", "stats", "--corpus", folder)
    assert status == 0 and "Documents: 2\n" in out


def test_forged_figures_are_not_served(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    private_cache_dir: Path,
) -> None:
    folder = _corpus(tmp_path / "corpus")
    assert run(capsys, "index", "--corpus", str(folder))[0] == 0
    [saved] = corpus_slot(private_cache_dir, [folder]).glob("v*/stats.json")
    figures = json.loads(saved.read_text("utf-8"))
    saved.write_text(json.dumps({**figures, "documents": 99}), "utf-8")
    loads = _count_loads(monkeypatch)
    status, out, _ = run(capsys, "corpus", "stats", "--json", "--corpus", str(folder))
    assert (status, json.loads(out)["documents"], len(loads)) == (0, 2, 1)  # rebuilt
