"""Verbatim installed the way users install it: a wheel in a fresh virtual environment.

Every other test imports the checkout (the README's test command installs it editable), so a
module or data file the wheel leaves out goes unnoticed there: `bot/cogs` once did, and the
installed bot could not start while CI was green. Here the wheel is built, installed into a
virtual environment in a temporary folder outside the checkout, and run from there with no
PYTHONPATH: every module imports, `verbatim ask` answers from the embedded corpus, and
`verbatim run` serves the Discord API emulator. The lock the Docker image installs from is
checked against pyproject's dependencies.

The wheel and the environment are built once per session (about half a minute; dependencies
come from PyPI through pip's cache).
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.bot.conftest import WANG, assert_clean, text_of
from tests.bot.emulator import Emulator
from tests.bot.emulator.fixtures import spec_path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("corpus", "retrieval", "bot")
QUESTION = "What did Wang Yi say about multilateralism?"
CITATION = re.compile(r" · [0-9a-f]{8}-\d+$", re.MULTILINE)  # a citation line's last part
# Never copied into the build: setuptools puts whatever it finds in build/lib into the wheel,
# so a stale build/ in a developer's checkout would hide a module the packaging leaves out.
NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis"
)


@dataclass(frozen=True)
class Install:
    """A virtual environment holding the wheel, and a working folder outside the checkout."""

    venv: Path
    site_packages: Path
    workdir: Path

    def bin(self, name: str) -> str:
        return str(self.venv / "bin" / name)

    def env(self, **extra: str) -> dict[str, str]:
        """The caller's environment minus anything that could reach the checkout or steer the
        bot (PYTHONPATH, an active venv, Verbatim's and Discord's settings)."""
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"}
            and not key.startswith(("VERBATIM_", "DISCORD_"))
        }
        env["VERBATIM_CACHE_DIR"] = str(self.workdir / "cache")
        return {**env, **extra}

    def run(self, *command: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            command,
            cwd=self.workdir,
            env=self.env(),
            capture_output=True,
            text=True,
            check=False,
            timeout=timeout,
        )


def _checked(command: list[str], cwd: Path) -> str:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{' '.join(command)}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def source_modules() -> list[str]:
    """Every module of the three packages in the checkout, so a new one is covered at once."""
    modules = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            modules.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return modules


def source_data_files() -> list[str]:
    """Every file of the three packages that is not Python source (seeds, py.typed...); hidden
    files (editor and OS litter) are neither expected nor shipped."""
    files = [p.relative_to(ROOT) for package in PACKAGES for p in (ROOT / package).rglob("*")]
    return sorted(
        path.as_posix()
        for path in files
        if (ROOT / path).is_file()
        and path.suffix not in {".py", ".pyc"}
        and not any(part == "__pycache__" or part.startswith(".") for part in path.parts)
    )


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`pip wheel --no-deps` of a clean copy of the checkout."""
    build = tmp_path_factory.mktemp("wheel-build")
    source = build / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    _checked(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "-w",
            str(build / "dist"),
            str(source),
        ],
        build,
    )
    (built,) = (build / "dist").glob("verbatim-*.whl")
    return built


@pytest.fixture(scope="session")
def install(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Install:
    """The wheel installed into a new virtual environment in a temporary folder."""
    folder = tmp_path_factory.mktemp("user-install")
    assert not folder.is_relative_to(ROOT), "the install must not sit inside the checkout"
    venv = folder / "venv"
    python = str(venv / "bin" / "python")
    _checked([sys.executable, "-m", "venv", str(venv)], folder)
    # Dependencies from the package index, through pip's cache; the project from the wheel only.
    _checked([python, "-m", "pip", "install", "-q", str(wheel)], folder)
    purelib = _checked(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], folder
    )
    workdir = folder / "work"
    workdir.mkdir()
    return Install(venv, Path(purelib.strip()), workdir)


def test_the_wheel_ships_the_three_packages_and_not_the_tests(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        top_level = {name.split("/", 1)[0] for name in archive.namelist()}
    assert {name for name in top_level if not name.endswith(".dist-info")} == set(PACKAGES)


def test_every_module_imports_from_the_install(install: Install) -> None:
    modules = [m for m in source_modules() if not m.endswith(".__main__")]
    script = (
        "import importlib, json, sys\n"
        "print(json.dumps({m: importlib.import_module(m).__file__ for m in sys.argv[1:]}))\n"
    )
    result = install.run(install.bin("python"), "-c", script, *modules)

    assert result.returncode == 0, result.stderr
    files = json.loads(result.stdout)
    assert sorted(files) == sorted(modules)
    outside = {m: f for m, f in files.items() if not Path(f).is_relative_to(install.venv)}
    assert not outside, f"imported from outside the install: {outside}"


def test_the_package_entry_points_run(install: Install) -> None:
    # `python -m bot` (a __main__ module runs when imported, so it is run instead) and the
    # `verbatim` script pip made from [project.scripts].
    mains = [m.removesuffix(".__main__") for m in source_modules() if m.endswith(".__main__")]
    assert mains, "no __main__ module found in the checkout"
    for package in mains:
        result = install.run(install.bin("python"), "-m", package, "--help")
        assert result.returncode == 0, result.stderr
        assert "usage:" in result.stdout
    assert install.run(install.bin("verbatim"), "--help").returncode == 0


def test_every_data_file_is_installed(install: Install) -> None:
    expected = source_data_files()
    assert "corpus/data/metadata.csv" in expected
    assert {f"{package}/py.typed" for package in PACKAGES} <= set(expected)
    missing = [name for name in expected if not (install.site_packages / name).is_file()]
    assert missing == []


def test_verbatim_ask_answers_from_the_embedded_corpus(install: Install) -> None:
    result = install.run(install.bin("verbatim"), "ask", QUESTION)

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "\n> " in f"\n{result.stdout}"  # a quote
    assert "Wang Yi" in result.stdout
    # Cited from the China News Service seed; the terminal shows plain text, so no backticks.
    assert f" · {WANG}-" in result.stdout
    assert CITATION.search(result.stdout)


async def test_verbatim_run_serves_discord_and_stops_on_sigterm(
    install: Install, shared_dir: Path
) -> None:
    spec = spec_path(shared_dir)
    if not spec.is_file():
        pytest.skip(f"needs Discord's OpenAPI spec at {spec}, which is absent here")
    log_path = install.workdir / "verbatim-run.log"
    async with Emulator(spec_path=spec) as emu:
        with log_path.open("wb") as log:
            bot = await asyncio.create_subprocess_exec(
                install.bin("verbatim"),
                "run",
                cwd=install.workdir,
                env=install.env(
                    DISCORD_TOKEN=emu.token,
                    VERBATIM_DISCORD_API_BASE=emu.api_base,
                    VERBATIM_DISCORD_GATEWAY_URL=emu.gateway_url,
                    VERBATIM_GUILD_IDS=str(emu.guild_id),
                ),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        serving = asyncio.create_task(_serve(emu))
        exited = asyncio.create_task(bot.wait())
        try:
            # A bot that dies at start-up fails the test at once, with its own words.
            await asyncio.wait({serving, exited}, return_when=asyncio.FIRST_COMPLETED)
            if not serving.done():
                pytest.fail(f"verbatim run exited ({bot.returncode}):\n{_read(log_path)}")
            serving.result()
            bot.send_signal(signal.SIGTERM)
            status = await asyncio.wait_for(exited, 30)
        finally:
            serving.cancel()
            if bot.returncode is None:
                bot.kill()
                await bot.wait()
        output = _read(log_path)
        assert status == 0, output
        assert "Traceback" not in output
        assert_clean(emu)


def _read(log: Path) -> str:
    return log.read_text(encoding="utf-8", errors="replace")


async def _serve(emu: Emulator) -> None:
    """The installed bot logs in, syncs its commands, answers one /ask and one mention."""
    await emu.wait_until_ready(timeout=60)  # IDENTIFY with the token: logged in
    assert emu.identify_count == 1
    assert {"ask", "quote", "speaker"} <= set(emu.commands)  # synced before connecting

    rec = await emu.slash("ask", {"question": QUESTION})
    answer = text_of(await rec.response(timeout=30))
    assert "\n> " in f"\n{answer}"
    assert f"`{WANG}-" in answer

    asked = await emu.post_message(f"<@{emu.bot_user.id}> {QUESTION}", author=emu.member)
    reply = await emu.wait_for_bot_message(timeout=30)
    assert reply["message_reference"]["message_id"] == asked["id"]
    assert f"`{WANG}-" in text_of(reply)


LOCK = ROOT / "requirements.lock"
PINNED = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.MULTILINE)


def test_the_image_lock_pins_every_runtime_dependency() -> None:
    # The Dockerfile installs requirements.lock, then the project with --no-deps: a dependency
    # added to pyproject but not to the lock would be missing from the image.
    pins: dict[str, list[str]] = {}
    for name, version in PINNED.findall(LOCK.read_text(encoding="utf-8")):
        pins.setdefault(canonicalize_name(name), []).append(version)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [Requirement(line) for line in project["dependencies"]]
    assert requirements

    unpinned = [str(r) for r in requirements if canonicalize_name(r.name) not in pins]
    assert unpinned == [], "regenerate requirements.lock (the command is in its first lines)"
    for requirement in requirements:
        for version in pins[canonicalize_name(requirement.name)]:
            assert requirement.specifier.contains(version, prereleases=True), (
                f"requirements.lock pins {requirement.name}=={version}, outside {requirement}"
            )
