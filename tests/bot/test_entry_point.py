"""The `verbatim` command as the README's Quick start runs it: bare, with no token, offline."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import SAMPLE_QUESTION, main


def test_bare_verbatim_answers_the_sample_question_offline(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    monkeypatch.delenv("VERBATIM_CORPUS", raising=False)

    assert main([]) == 0

    out, err = capsys.readouterr()
    assert SAMPLE_QUESTION in err
    assert "DISCORD_TOKEN" in err
    # A quote from the China News Service seed, cited with its speaker and citation id.
    assert "> " in out
    assert "multilateralism" in out.lower()
    assert "Wang Yi" in out
    assert re.search(r"`[0-9a-f]{8}-\d+`", out), "every quote ends with its citation id"


def run_verbatim(*arguments: str) -> subprocess.CompletedProcess[str]:
    """The command in a process of its own, to see exactly what a user's terminal would."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *arguments],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_run_without_a_token_refuses_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)

    result = run_verbatim("run")

    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "DISCORD_TOKEN" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_unknown_corpus_folder_is_one_clear_line(tmp_path: Path) -> None:
    result = run_verbatim("corpus", "stats", "--corpus", str(tmp_path / "no-such-folder"))

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "no-such-folder" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_log_level_flag_wins_over_the_bots_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    # `verbatim --log-level DEBUG run` must log at DEBUG, though the bot's settings say INFO.
    chosen: list[str] = []
    monkeypatch.setattr("bot.run.configure_logging", chosen.append)
    monkeypatch.setattr("bot.run.serve", lambda settings: asyncio.sleep(0))
    monkeypatch.setenv("DISCORD_TOKEN", "not-a-real-token")
    monkeypatch.delenv("VERBATIM_LOG_LEVEL", raising=False)

    assert main(["--log-level", "DEBUG", "run"]) == 0
    assert main(["run"]) == 0

    assert chosen == ["DEBUG", "INFO"]
