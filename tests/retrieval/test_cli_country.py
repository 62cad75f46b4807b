"""`verbatim ask --country` and `verbatim search --country` on the UNGDC sample."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.retrieval.test_cli import run


@pytest.fixture(scope="module")
def ungdc(shared_dir: Path) -> list[str]:
    return ["--corpus", str(shared_dir / "corpora" / "ungdc" / "sample")]


def test_search_country_keeps_that_countrys_statements(
    capsys: pytest.CaptureFixture[str], ungdc: list[str]
) -> None:
    for typed in ("USA", "US", "america", "United States of America"):
        status, out, _ = run(capsys, "search", "--json", *ungdc, "--country", typed, "Ukraine")
        assert status == 0
        paths = {hit["path"] for hit in json.loads(out)["hits"]}
        assert paths == {"TXT/Session 79 - 2024/USA_79_2024.txt"}, typed
    _, everyone, _ = run(capsys, "search", "--json", *ungdc, "Ukraine")
    assert len({hit["path"] for hit in json.loads(everyone)["hits"]}) > 1


def test_ask_country_says_which_country_it_shows(
    capsys: pytest.CaptureFixture[str], ungdc: list[str]
) -> None:
    status, out, _ = run(capsys, "ask", *ungdc, "--country", "Britain", "Ukraine")
    assert status == 0
    assert out.startswith("country: United Kingdom\n")
    assert "United Kingdom: statement in the General Debate" in out
    assert "support for Ukraine" in out


def test_an_unknown_country_is_explained_with_the_close_ones(
    capsys: pytest.CaptureFixture[str], ungdc: list[str]
) -> None:
    for command in ("ask", "search"):
        status, out, _ = run(capsys, command, *ungdc, "--country", "united", "Ukraine")
        assert status == 1
        assert out.startswith("No country called “united” in the corpus.")
        assert "United Kingdom, United States" in out
