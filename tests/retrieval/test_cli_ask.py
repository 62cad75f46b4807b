"""`verbatim ask --json` and `ask -`: one JSON object per question, the `search --json` shape
plus `understood`, and the closest passages labelled when none answers."""

from __future__ import annotations

import json

import pytest

from retrieval.answer import CLOSEST
from retrieval.cli import STDIN_LINE_CHARS
from retrieval.render import CLOSEST_LABEL
from tests.retrieval.test_answer import CLOSEST_QUESTION
from tests.retrieval.test_cli import run

ANSWER_FIELDS = {"query", "understood", "total", "not_found", "suggestions", "hits"}


def test_ask_json_has_the_search_shape_plus_understood(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, searched, _ = run(capsys, "search", "--json", "multilateralism")
    status, out, _ = run(capsys, "ask", "--json", "-k", "2", "Wang Yi on multilateralism")
    assert status == 0
    answer = json.loads(out)
    assert set(answer) == ANSWER_FIELDS and set(json.loads(searched)) <= ANSWER_FIELDS
    assert answer["query"] == "Wang Yi on multilateralism"
    assert answer["understood"] == ["showing Wang Yi"]
    assert answer["not_found"] is None and len(answer["hits"]) == 2
    assert set(answer["hits"][0]) == set(json.loads(searched)["hits"][0])


def test_ask_json_with_only_the_closest_passages_says_so_and_exits_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(capsys, "ask", "--json", CLOSEST_QUESTION)
    assert status == 1  # like grep: the closest passages are not an answer
    answer = json.loads(out)
    assert answer["not_found"] and "closest passages" in answer["not_found"]
    assert 0 < len(answer["hits"]) <= CLOSEST and answer["total"] == len(answer["hits"])
    assert answer["understood"] == ["showing Qin Gang"]


def test_ask_text_shows_the_closest_passages_under_their_label(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(capsys, "ask", CLOSEST_QUESTION)
    assert status == 1
    assert out.index("No paragraph answers") < out.index(CLOSEST_LABEL) < out.index("— Qin Gang")
    status, out, _ = run(capsys, "search", "--speaker", "Qin Gang", "chocolate cake recipes UN")
    assert CLOSEST_LABEL in out and status == 1


def test_ask_reads_one_question_per_line_and_writes_json_lines(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    questions = ["korosi one-China", "", CLOSEST_QUESTION, "cryptocurrency"]
    status, out, _ = run(
        capsys, "ask", "-k", "3", "-", stdin="\n".join(questions) + "\n", monkeypatch=monkeypatch
    )
    assert status == 0  # each line's JSON says what it found
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["query"] for line in lines] == questions
    assert all(set(line) == ANSWER_FIELDS for line in lines)
    found, empty, closest, nothing = lines
    assert found["not_found"] is None and 0 < len(found["hits"]) <= 3
    assert found["understood"] == ["showing Csaba Kőrösi"]
    assert empty["not_found"] and empty["hits"] == []
    assert closest["not_found"] and closest["hits"]
    assert nothing["not_found"] and nothing["hits"] == []


def test_ask_from_stdin_reads_an_overlong_line_only_so_far(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    overlong = "one-China " * (3 * STDIN_LINE_CHARS // 10)
    status, out, _ = run(
        capsys, "ask", "-", stdin=overlong + "\nkorosi one-China", monkeypatch=monkeypatch
    )
    assert status == 0
    first, second = (json.loads(line) for line in out.splitlines())
    assert len(first["query"]) == STDIN_LINE_CHARS
    assert any("shortened" in note for note in first["understood"])
    assert second["query"] == "korosi one-China" and second["not_found"] is None
