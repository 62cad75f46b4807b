"""The image's entrypoint: which corpus a container serves, and that it says so.

docker-entrypoint.sh runs with its mount point (/corpus) replaced by a temporary folder, and
``env`` as the command, so the test reads the environment the bot would start with.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ENTRYPOINT = Path(__file__).resolve().parents[2] / "docker-entrypoint.sh"
SEEDS = "no visible files in {mount}; serving the embedded seed documents"


def entrypoint(tmp_path: Path, **env: str) -> tuple[str | None, str]:
    """VERBATIM_CORPUS as the entrypoint leaves it for the command, and what it logged."""
    mount = tmp_path / "corpus"
    script = tmp_path / "docker-entrypoint.sh"
    script.write_text(ENTRYPOINT.read_text(encoding="utf-8").replace("/corpus", mount.as_posix()))
    clean = {k: v for k, v in os.environ.items() if not k.startswith("VERBATIM_")}
    done = subprocess.run(
        ["sh", str(script), "env"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=10,
        check=True,
    )
    values = dict(line.split("=", 1) for line in done.stdout.splitlines() if "=" in line)
    return values.get("VERBATIM_CORPUS"), done.stderr.replace(mount.as_posix(), "{mount}")


def test_a_mount_holding_only_gitkeep_serves_the_seeds_and_says_so(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / ".gitkeep").touch()
    corpus, log = entrypoint(tmp_path)
    assert corpus is None
    assert SEEDS in log


def test_a_mount_of_hidden_files_and_empty_folders_serves_the_seeds(tmp_path: Path) -> None:
    (tmp_path / "corpus" / ".git").mkdir(parents=True)
    (tmp_path / "corpus" / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (tmp_path / "corpus" / ".DS_Store").touch()
    (tmp_path / "corpus" / "empty" / "folders").mkdir(parents=True)
    corpus, log = entrypoint(tmp_path)
    assert corpus is None
    assert SEEDS in log


def test_a_mount_with_a_visible_file_is_served(tmp_path: Path) -> None:
    (tmp_path / "corpus" / "texts").mkdir(parents=True)
    (tmp_path / "corpus" / ".gitkeep").touch()
    (tmp_path / "corpus" / "texts" / "speech.txt").write_text("A statement.\n")
    corpus, log = entrypoint(tmp_path)
    assert corpus == (tmp_path / "corpus").as_posix()
    assert SEEDS not in log


def test_a_missing_mount_serves_the_seeds(tmp_path: Path) -> None:
    corpus, log = entrypoint(tmp_path)
    assert corpus is None
    assert SEEDS in log


def test_a_corpus_set_by_the_operator_is_kept(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    corpus, log = entrypoint(tmp_path, VERBATIM_CORPUS="/data/mine")
    assert corpus == "/data/mine"
    assert log == ""
