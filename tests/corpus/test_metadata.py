"""Metadata tables: which files a table describes, and how its problems are reported."""

from __future__ import annotations

from pathlib import Path

from corpus.issues import IssueCollector
from corpus.loader import load_corpus
from corpus.metadata import MetadataTable, read_metadata
from corpus.models import LoadIssue


def write(folder: Path, name: str, content: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return path


def test_a_table_describes_the_files_in_its_folder_and_below(tmp_path: Path) -> None:
    write(tmp_path, "sub/metadata.csv", "path,title\na.txt,A\n")
    write(tmp_path, "sub/a.txt", "Text A.\n")
    write(tmp_path, "sub/deeper/b.txt", "Text B.\n")
    write(tmp_path, "subway/c.txt", "Text C.\n")
    write(tmp_path, "d.txt", "Text D.\n")

    corpus = load_corpus([tmp_path])

    assert {d.path: d.title for d in corpus.documents}["sub/a.txt"] == "A"
    missing = [(Path(i.path).relative_to(tmp_path).as_posix(), i.reason) for i in corpus.warnings]
    assert missing == [("sub/deeper/b.txt", "no row in its metadata table")]


def test_rows_are_keyed_under_the_tables_folder_and_problems_name_table_and_line(
    tmp_path: Path,
) -> None:
    table = write(
        tmp_path,
        "x/metadata.jsonl",
        '{"path": "./a.txt", "title": "A"}\n{"title": "no path"}\nnot json\n'
        '{"path": "b.txt", "date": "soon"}\n',
    )
    rows, issues = MetadataTable(), IssueCollector()

    read_metadata(table, tmp_path, rows, issues)

    assert set(rows.rows) == {"x/a.txt"} and rows.folders == ["x/"]
    assert rows.bad_rows == {
        "x/b.txt": "malformed row 4 in x/metadata.jsonl: unreadable date 'soon'"
    }
    assert issues.skipped == []
    assert issues.warnings == [
        LoadIssue(path=f"{table.as_posix()}:2", reason="row without a 'path'", skipped=False),
        LoadIssue(path=f"{table.as_posix()}:3", reason="not JSON (Expecting value)", skipped=False),
    ]
