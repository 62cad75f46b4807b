"""`verbatim ask`, `search`, `index` and `eval` as a terminal or a script sees them."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bot.cli import main
from retrieval.excerpt import fragments

JSON_FIELDS = {"id", "score", "path", "position", "text", "excerpt", "speakers", "date", "title"}


def run(
    capsys: pytest.CaptureFixture[str],
    *arguments: str,
    stdin: str | None = None,
    monkeypatch: pytest.MonkeyPatch | None = None,
) -> tuple[int, str, str]:
    if stdin is not None:
        assert monkeypatch is not None
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    status = main(list(arguments))
    out, err = capsys.readouterr()
    return status, out, err


def test_ask_prints_the_rendered_answer(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "ask", "korosi", "one-China")
    assert status == 0
    assert out.startswith("*showing Csaba Kőrösi*\n\n> ")
    assert "**one-China**" in out
    assert "— Csaba Kőrösi · " in out and "¶4" in out


def test_ask_not_found_is_not_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "ask", "cryptocurrency")
    assert status == 0
    assert "Try:" in out


def test_search_json_has_the_documented_fields(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys,
        "search",
        "--json",
        "-k",
        "2",
        "--speaker",
        "Qin Gang",
        "--from",
        "2023-01",
        "--to",
        "2023",
        "UN",
        "role",
    )
    assert status == 0
    result = json.loads(out)
    assert len(result["hits"]) == 2
    for hit in result["hits"]:
        assert JSON_FIELDS | {"source"} <= set(hit)
        assert hit["speakers"] == ["Qin Gang"]
        assert hit["date"] == "2023-02-02"
        assert all(f in hit["text"] for f in fragments(hit["excerpt"]))


def test_search_reads_one_query_per_line_and_writes_json_lines(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, out, _ = run(
        capsys,
        "search",
        "-k",
        "3",
        "-",
        stdin="one-China\n\nmultilateralism\n",
        monkeypatch=monkeypatch,
    )
    assert status == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["query"] for line in lines] == ["one-China", "", "multilateralism"]
    assert lines[0]["hits"] and len(lines[0]["hits"]) <= 3
    assert lines[1]["hits"] == [] and lines[1]["not_found"]


def test_search_text_output_quotes_and_cites(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "search", "-k", "1", "one-China")
    assert status == 0
    assert out.startswith("> ") and "`" in out


@pytest.mark.parametrize("flag", ["--from", "--to"])
def test_a_bad_date_is_one_clear_line(capsys: pytest.CaptureFixture[str], flag: str) -> None:
    status, _, err = run(capsys, "search", flag, "2021-02-30", "x")
    assert status == 2
    assert err.startswith(f"verbatim: “2021-02-30” for {flag} is not a date: use 2023-02-02")
    assert len(err.strip().splitlines()) == 1


def test_index_builds_and_reports(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "index")
    assert status == 0
    assert out.startswith("Index ready: ") and "paragraphs from 2 documents" in out


def test_eval_on_a_tiny_beir_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "qrels").mkdir()
    docs = [
        {"_id": "d1", "title": "Whales", "text": "Blue whales are the largest animals."},
        {"_id": "d2", "title": "Ants", "text": "Ants live in colonies underground."},
    ]
    (tmp_path / "corpus.jsonl").write_text("\n".join(json.dumps(d) for d in docs) + "\n")
    (tmp_path / "queries.jsonl").write_text(json.dumps({"_id": "q1", "text": "largest whale"}))
    (tmp_path / "qrels" / "test.tsv").write_text("query-id\tcorpus-id\tscore\nq1\td1\t1\n")
    status, out, _ = run(capsys, "eval", "--json", str(tmp_path))
    assert status == 0
    report = json.loads(out)
    assert report["ndcg_at_10"] == pytest.approx(1.0)
    status, out, _ = run(capsys, "eval", str(tmp_path))
    assert "nDCG@10" in out


def test_eval_of_a_missing_folder_is_one_clear_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, _, err = run(capsys, "eval", str(tmp_path / "absent"))
    assert status == 2 and "is not a folder" in err
