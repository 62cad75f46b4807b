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
    status, out, _ = run(capsys, "ask", "--format", "md", "korosi", "one-China")
    assert status == 0
    assert out.startswith("*showing Csaba Kőrösi*\n\n> ")
    assert "**one-China**" in out
    assert "— Csaba Kőrösi · " in out and "¶4" in out


def test_ask_prints_plain_text_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "ask", "korosi", "one-China")
    assert status == 0
    # Not a terminal (captured): no ANSI bold either.
    assert out.startswith("showing Csaba Kőrösi\n\n> ")
    assert "the one-China principle" in out
    assert "*" not in out and "`" not in out and "\x1b" not in out
    assert "· ¶4 · 5554e811-4\n" in out


def test_ask_that_finds_nothing_explains_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    # Like grep: nothing found is status 1, not an error (2); the answer still says why.
    status, out, err = run(capsys, "ask", "cryptocurrency")
    assert status == 1
    assert "Try:" in out
    assert err == ""


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


@pytest.mark.parametrize(
    ("arguments", "status"),
    [
        (["one-China"], 0),
        (["--json", "one-China"], 0),
        (["cryptocurrency"], 1),
        (["--json", "cryptocurrency"], 1),
        (["--speaker", "Nobody Atall", "peace"], 1),
        (["--speaker", "Wang Yi", "--from", "2023", "multilateralism"], 1),
    ],
)
def test_search_exits_0_when_something_was_found_else_1(
    capsys: pytest.CaptureFixture[str], arguments: list[str], status: int
) -> None:
    got, out, err = run(capsys, "search", *arguments)
    assert got == status
    assert out and err == ""


def test_search_from_stdin_exits_0_whatever_each_line_found(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Scripts read each line's JSON for its outcome; the status says the input was usable.
    status, out, _ = run(
        capsys, "search", "-", stdin="cryptocurrency\nzzzqqq\n", monkeypatch=monkeypatch
    )
    assert status == 0
    assert [json.loads(line)["hits"] for line in out.splitlines()] == [[], []]


def test_search_from_stdin_that_is_not_text_exits_2_in_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"one-China\n\xff\xfe\x00binary\n"), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", stdin)
    status = main(["search", "-"])
    _, err = capsys.readouterr()
    assert status == 2
    assert err.startswith("verbatim: standard input is not UTF-8 text")
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "arguments", [["search"], ["search", "-k", "0", "x"], ["ask"], ["no-such-command"]]
)
def test_usage_errors_exit_2(arguments: list[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(arguments)
    assert stopped.value.code == 2


@pytest.mark.parametrize("arguments", [["--help"], ["search", "--help"], ["ask", "--help"]])
def test_help_documents_the_exit_statuses(
    capsys: pytest.CaptureFixture[str], arguments: list[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(arguments)
    assert stopped.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "Exit status: 0 when something was found, 1 when nothing matched" in text
    assert "2 for a usage error" in text


def test_search_text_output_quotes_and_cites(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "search", "-k", "1", "one-China")
    assert status == 0
    assert out.startswith("> ") and " · 5554e811-4\n" in out
    status, out, _ = run(capsys, "search", "--format", "md", "-k", "1", "one-China")
    assert out.startswith("> ") and " · `5554e811-4`\n" in out


def test_search_speaker_reads_the_name_as_the_speaker_command_does(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # "Korosi" is Csaba Kőrösi for /speaker, `verbatim speaker` and `search --speaker` alike.
    status, out, _ = run(capsys, "search", "--json", "--speaker", "Korosi", "UN")
    assert status == 0
    assert {tuple(h["speakers"]) for h in json.loads(out)["hits"]} == {("Csaba Kőrösi",)}


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
