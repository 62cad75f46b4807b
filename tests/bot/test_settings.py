"""One configuration path: `verbatim` reads its settings once, in main(), and hands plain
values down; a bad setting is one line naming its variable, never a traceback or a token."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from pydantic import SecretStr, ValidationError

import bot.cli
from bot.cli import main
from bot.settings import Settings, describe, load_settings
from corpus.errors import VerbatimError
from retrieval.cache import corpus_slot
from tests.bot.conftest import SEED_CORPUS
from tests.bot.test_entry_point import FAKE_TOKEN, run_verbatim

PACKAGES = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("variable", "value", "shown"),
    [
        ("VERBATIM_LOG_LEVEL", "LOUD", "'LOUD'"),
        ("VERBATIM_GUILD_IDS", "1234, general", "'general'"),
    ],
)
def test_a_bad_setting_stops_the_bot_in_one_line_naming_its_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, shown: str
) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", FAKE_TOKEN)
    monkeypatch.setenv(variable, value)

    result = run_verbatim("run")

    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"verbatim: {variable}: {shown} is not valid (")
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert FAKE_TOKEN not in result.stderr


def test_a_bad_setting_stops_every_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("VERBATIM_LOG_LEVEL", "LOUD")

    assert main(["ask", "korosi"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("verbatim: VERBATIM_LOG_LEVEL: 'LOUD' is not valid (")


@pytest.mark.parametrize(
    ("variable", "value", "shown"),
    [
        ("VERBATIM_ASK_CHANNELS", "#quotes", "'#quotes'"),
        ("VERBATIM_COOLDOWN_RATE", "0", "'0'"),
        ("VERBATIM_COOLDOWN_PER", "a minute", "'a minute'"),
    ],
)
def test_every_bad_setting_names_its_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, shown: str
) -> None:
    monkeypatch.setenv(variable, value)
    monkeypatch.setenv("VERBATIM_LOG_LEVEL", "loud")
    with pytest.raises(VerbatimError) as error:
        load_settings()
    # Every rejected setting, on one line.
    first, second = str(error.value).split("; ")
    assert first.startswith(f"{variable}: {shown} is not valid (")
    assert second.startswith("VERBATIM_LOG_LEVEL: 'LOUD' is not valid (")
    assert "\n" not in str(error.value)


def test_a_rejected_secret_is_named_not_repeated() -> None:
    # From the environment a token is always a string; a token given as anything else is
    # refused by name, without its value.
    with pytest.raises(ValidationError) as error:
        Settings(discord_token=1194736582936545408)
    line = describe(error.value)
    assert line.startswith("DISCORD_TOKEN is not valid (")
    assert "1194736582936545408" not in line


def test_each_setting_has_its_variable() -> None:
    assert Settings.variable("discord_token") == "DISCORD_TOKEN"
    assert Settings.variable("corpus") == "VERBATIM_CORPUS"
    assert Settings.variable("cache_dir") == "VERBATIM_CACHE_DIR"
    assert Settings.variable("log_level") == "VERBATIM_LOG_LEVEL"


def test_settings_are_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[Settings] = []

    def counted() -> Settings:
        reads.append(load_settings())
        return reads[-1]

    monkeypatch.setattr(bot.cli, "load_settings", counted)
    monkeypatch.setattr("bot.run.serve", lambda settings: asyncio.sleep(0))
    monkeypatch.setenv("DISCORD_TOKEN", FAKE_TOKEN)
    assert main([]) == 0  # `verbatim` alone with a token: the bot
    assert len(reads) == 1
    assert reads[0].discord_token == SecretStr(FAKE_TOKEN)


def _corpus_of_one(folder: Path) -> Path:
    folder.mkdir()
    (folder / "talk.md").write_text(
        "---\ntitle: Talks\ndate: 2021-05-08\nspeakers: [Wang Yi]\n---\n\nPeace matters.\n", "utf-8"
    )
    return folder


def test_the_configured_corpus_reaches_every_command_and_the_option_wins(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    one = _corpus_of_one(tmp_path / "one")
    monkeypatch.setenv("VERBATIM_CORPUS", str(one))

    assert main(["corpus", "stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["documents"] == 1
    assert main(["corpus", "stats", "--json", "--corpus", str(SEED_CORPUS)]) == 0
    assert json.loads(capsys.readouterr().out)["documents"] == 2
    assert main(["search", "peace"]) == 0
    assert "— Wang Yi · Talks · 2021-05-08" in capsys.readouterr().out

    served: list[Settings] = []

    async def serve(settings: Settings) -> None:
        served.append(settings)

    monkeypatch.setattr("bot.run.serve", serve)
    monkeypatch.setenv("DISCORD_TOKEN", FAKE_TOKEN)
    assert main(["run"]) == 0
    assert main(["run", "--corpus", str(SEED_CORPUS)]) == 0
    assert [s.corpus for s in served] == [(one,), (SEED_CORPUS,)]


def test_the_configured_cache_folder_holds_the_index(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("VERBATIM_CACHE_DIR", str(tmp_path / "cache"))

    assert main(["index"]) == 0

    assert capsys.readouterr().out.startswith("Index ready: ")
    assert any(corpus_slot(tmp_path / "cache", None).iterdir())


def test_nothing_but_the_settings_reads_the_environment() -> None:
    readers = [
        str(path.relative_to(PACKAGES))
        for package in ("corpus", "retrieval", "bot")
        for path in sorted((PACKAGES / package).rglob("*.py"))
        if "os.environ" in (text := path.read_text("utf-8")) or "getenv" in text
    ]
    assert readers == []


@pytest.mark.parametrize(
    ("count", "ids", "shards"),
    [("4", "0-1", (0, 1)), ("8", "0,4-6", (0, 4, 5, 6)), ("2", "", ())],
)
def test_a_process_runs_the_shard_ranges_it_is_given(
    monkeypatch: pytest.MonkeyPatch, count: str, ids: str, shards: tuple[int, ...]
) -> None:
    monkeypatch.setenv("VERBATIM_SHARD_COUNT", count)
    monkeypatch.setenv("VERBATIM_SHARD_IDS", ids)
    settings = load_settings()
    assert settings.shard_count == int(count) and settings.shard_ids == shards


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({"VERBATIM_SHARD_IDS": "0-1"}, "VERBATIM_SHARD_IDS needs VERBATIM_SHARD_COUNT"),
        (
            {"VERBATIM_SHARD_COUNT": "2", "VERBATIM_SHARD_IDS": "2-3"},
            "VERBATIM_SHARD_IDS must be below VERBATIM_SHARD_COUNT (2)",
        ),
        ({"VERBATIM_SHARD_COUNT": "4", "VERBATIM_SHARD_IDS": "3-1"}, "'3-1' is not a range"),
        ({"VERBATIM_SHARD_COUNT": "4", "VERBATIM_SHARD_IDS": "one"}, "like 0-3 or 0,1,4-7"),
    ],
)
def test_bad_shard_settings_are_one_line(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], message: str
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(VerbatimError) as raised:
        load_settings()
    assert message in str(raised.value) and "\n" not in str(raised.value)
