"""The `verbatim` command as a terminal sees it: bare and offline, its version, its log level
flag, errors as one line and grep's exit statuses."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from bot.cli import main
from retrieval.wording import EXAMPLE_QUESTION

# Shaped like a Discord token (base64 id, timestamp, HMAC) so a leak would be recognisable.
FAKE_TOKEN = "MTE5NDczNjU4MjkzNjU0NTQwOA.GfAkE1.not-a-real-token_only-shaped-like-one"


def test_bare_verbatim_answers_the_sample_question_offline(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    monkeypatch.delenv("VERBATIM_CORPUS", raising=False)

    assert main([]) == 0

    out, err = capsys.readouterr()
    assert EXAMPLE_QUESTION in err
    assert "DISCORD_TOKEN" in err
    # A quote from the China News Service seed, cited with its speaker and citation id.
    assert "> " in out
    assert "multilateralism" in out.lower()
    assert "Wang Yi" in out
    # Plain text on a terminal: the citation line ends with the id, without markdown's backticks.
    assert re.search(r" · [0-9a-f]{8}-\d+$", out, re.MULTILINE), "every quote ends with its id"
    assert "`" not in out and "**" not in out


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


def test_an_error_is_one_line_whatever_its_message_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A folder name is the user's and may hold a line break; stderr still gets one line.
    assert main(["corpus", "stats", "--corpus", str(tmp_path / "two\nlines")]) == 2

    err = capsys.readouterr().err
    assert err.startswith("verbatim: ") and "two lines" in err
    assert len(err.splitlines()) == 1


def test_the_log_level_flag_wins_over_the_setting_before_or_after_the_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    chosen: list[str] = []
    monkeypatch.setattr("bot.cli.configure_logging", chosen.append)
    monkeypatch.setattr("bot.run.serve", lambda settings: asyncio.sleep(0))
    monkeypatch.setenv("DISCORD_TOKEN", FAKE_TOKEN)

    assert main(["--log-level", "DEBUG", "run"]) == 0
    assert main(["run", "--log-level", "ERROR"]) == 0
    assert main(["run"]) == 0  # the bot's default
    assert main(["ask", "--log-level", "DEBUG", "korosi"]) == 0
    assert main(["corpus", "stats", "--log-level", "ERROR"]) == 0
    assert main(["corpus", "stats"]) == 0  # the other commands' default
    monkeypatch.setenv("VERBATIM_LOG_LEVEL", "error")
    assert main(["run"]) == 0
    assert main(["--log-level", "INFO", "ask", "korosi"]) == 0

    assert chosen == ["DEBUG", "ERROR", "INFO", "DEBUG", "ERROR", "WARNING", "ERROR", "INFO"]


def test_version_is_the_installed_one() -> None:
    result = run_verbatim("--version")

    assert result.returncode == 0
    assert result.stdout == f"verbatim {version('verbatim')}\n"


def test_the_log_level_flag_works_after_the_command_in_a_real_process() -> None:
    # The other commands log at WARNING by default: nothing, for this question.
    result = run_verbatim("ask", "--log-level", "INFO", "korosi")

    assert result.returncode == 0
    assert " INFO retrieval.index: " in result.stderr


def test_the_process_exits_like_grep() -> None:
    # main() returns an ExitStatus; the process must exit with its number.
    result = run_verbatim("search", "cryptocurrency")

    assert result.returncode == 1
    assert "Nothing in the corpus matches" in result.stdout
    assert result.stderr == ""
