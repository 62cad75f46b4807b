"""`verbatim ask`, `search`, `index` and `eval` as a terminal or a script sees them."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bot.cli import main
from retrieval.excerpt import fragments, unmark

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
    # "Korosi", or "csaba" (a shorter form naming one speaker), is Csaba Kőrösi for /speaker,
    # `verbatim speaker` and `search --speaker` alike.
    for typed in ("Korosi", "csaba"):
        status, out, _ = run(capsys, "search", "--json", "--speaker", typed, "UN")
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


# The lookups: found → 0, unknown → one line and 1, a malformed date → 2.

WINTER_DATES = [
    ("dec-2021.txt", "2021-12-28", "Ministers reviewed trade corridors before the holidays."),
    ("dec-yearless.txt", "--12-30", "The envoy praised the harvest festival in the north."),
    ("jan-2022.txt", "2022-01-05", "A new year plan for river cleanup was announced."),
    ("june-2021.txt", "2021-06-15", "The June statement welcomed a solar power deal."),
]


@pytest.fixture
def seasons(tmp_path: Path) -> Path:
    rows = ["path,title,date"]
    for name, date, text in WINTER_DATES:
        (tmp_path / name).write_text(text + "\n", encoding="utf-8")
        rows.append(f"{name},Statement {name.removesuffix('.txt')},{date}")
    (tmp_path / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["quote", "5554e811-3"], "· ¶3 · 5554e811-3\n"),
        (["quote", " `5554E811-3` "], "· ¶3 · 5554e811-3\n"),
        (["speaker", "Korosi"], "— Csaba Kőrösi · "),
        (["speaker", "wang yi", "banner"], "the United Nations is the banner of multilateralism"),
        (["date", "May 2021"], "May 2021: 1 document\n• 2021-05-08 (inferred) · "),
        (["document", "5554e811"], "document 5554e811 · 000_043514e255436d6d.txt\n"),
    ],
)
def test_a_lookup_that_finds_prints_plain_text_and_exits_0(
    capsys: pytest.CaptureFixture[str], arguments: list[str], expected: str
) -> None:
    status, out, err = run(capsys, *arguments)
    assert (status, err) == (0, "")
    assert expected in out
    assert "`" not in out and "**" not in out


@pytest.mark.parametrize(
    ("arguments", "line"),
    [
        (["quote", "deadbeef-99"], "No passage has the citation id “deadbeef-99”."),
        (["quote", "not an id"], "No passage has the citation id “not an id”."),
        (
            ["speaker", "Korasy"],
            "No speaker called “Korasy” in the corpus. Try one of these speakers: Csaba Kőrösi.",
        ),
        (["date", "March 2020"], "No documents are dated “March 2020”."),
        (["document", "deadbeef"], "No document has the id “deadbeef”."),
    ],
)
def test_a_lookup_that_finds_nothing_is_one_line_and_exits_1(
    capsys: pytest.CaptureFixture[str], arguments: list[str], line: str
) -> None:
    for output in ([], ["--format", "md"]):
        status, out, err = run(capsys, *arguments, *output)
        assert (status, out, err) == (1, line + "\n", "")
    status, out, _ = run(capsys, *arguments, "--json")
    assert status == 1
    json.loads(out)  # a script still gets JSON (null, or what was not found)


def test_a_malformed_date_is_the_one_not_a_date_line_and_exits_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run(capsys, "date", "someday")
    assert (status, out) == (2, "")
    assert err == (
        "verbatim: “someday” for WHEN is not a date: use 2023-02-02, 2021-05, May 2021, 2021, "
        "8 May, or a range like 2021-05-01..2021-05-31\n"
    )


def test_date_lists_a_range_across_the_new_year_and_nothing_from_june(
    capsys: pytest.CaptureFixture[str], seasons: Path
) -> None:
    status, out, _ = run(capsys, "date", "--corpus", str(seasons), "December..January")
    assert status == 0
    listed = out.split("\n\n", 1)[0]
    assert listed.startswith("December..January: 3 documents\n")
    for shown in ("Statement dec-2021", "Statement dec-yearless", "Statement jan-2022"):
        assert shown in listed
    assert "june" not in out.lower()
    status, out, _ = run(capsys, "date", "--json", "--corpus", str(seasons), "December..January")
    dated = json.loads(out)
    assert {d["path"] for d in dated["documents"]} == {
        "dec-2021.txt",
        "dec-yearless.txt",
        "jan-2022.txt",
    }
    assert {h["path"] for h in dated["answer"]["hits"]} <= {d["path"] for d in dated["documents"]}


def test_lookups_in_json_reuse_the_hit_answer_and_document_shapes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, "quote", "--json", "5554e811-3")
    quoted = json.loads(out)
    assert set(quoted) >= JSON_FIELDS and quoted["id"] == "5554e811-3"
    _, out, _ = run(capsys, "speaker", "--json", "-k", "2", "Wang Yi")
    answer = json.loads(out)
    # Nine paragraphs by Wang Yi; ¶5–¶9 are a list with its lead, one hit (lists.py).
    assert len(answer["hits"]) == 2 and answer["total"] == 5
    assert all(h["speakers"] == ["Wang Yi"] for h in answer["hits"])
    _, out, _ = run(capsys, "document", "--json", "-k", "2", "5554e811")
    document = json.loads(out)
    assert document["id"] == "5554e811" and document["paragraphs"] == 5
    assert [p["id"] for p in document["shown"]] == ["5554e811-1", "5554e811-2"]
    _, out, _ = run(capsys, "date", "--json", "May 2021")
    dated = json.loads(out)
    assert dated["dates"]["label"] == "May 2021"
    assert [d["paragraphs"] for d in dated["documents"]] == [0]  # a card lists no paragraphs


def test_document_shows_every_paragraph_unless_k_says_fewer(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, "document", "5554e811")
    assert [f"¶{n} 5554e811-{n}" in out for n in range(1, 6)] == [True] * 5
    _, out, _ = run(capsys, "document", "-k", "2", "5554e811")
    assert "¶2 5554e811-2" in out and "¶3" not in out
    assert out.endswith("… and 3 more paragraphs\n")


def test_md_format_is_what_the_bot_sends(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "quote", "--format", "md", "5554e811-3")
    assert out.endswith(" · ¶3 · `5554e811-3`\n") and "· *Qin Gang Holds Talks" in out
    _, out, _ = run(capsys, "document", "--format", "md", "-k", "1", "5554e811")
    assert "**¶1** `5554e811-1`\n> On February 2, 2023" in out


def test_corpus_control_characters_never_reach_the_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "hostile.txt").write_text(
        "Title\x1b]0;pwned\x07\n\nThe envoy spoke\x1b[2J of peace\x9b31m and trade.\n",
        encoding="utf-8",
    )
    corpus = ["--corpus", str(tmp_path)]
    doc_id = json.loads(run(capsys, "search", "--json", *corpus, "peace")[1])["hits"][0]["doc_id"]
    for arguments in (
        ["search", *corpus, "peace"],
        ["search", "--format", "md", *corpus, "peace"],
        ["quote", *corpus, f"{doc_id}-2"],
        ["document", *corpus, doc_id],
        ["document", "--format", "md", *corpus, doc_id],
    ):
        status, out, _ = run(capsys, *arguments)
        assert status == 0, arguments
        # Markdown shows the corpus' "[" escaped: read it back as Discord would.
        assert "spoke[2J of peace31m and trade" in unmark(out), arguments
        assert not any(0x80 <= ord(c) <= 0x9F or (ord(c) < 0x20 and c != "\n") for c in out)
