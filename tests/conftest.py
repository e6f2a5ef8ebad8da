"""Shared fixtures. Qt must find no display in CI, so the offscreen platform is set first."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# No test may touch the user's own settings (recent saves, window layout), data folder
# (the crash log), cache (validated scenarios) or documents (new saves): Qt keeps them
# under these folders, and subprocesses inherit them.
_sandbox = tempfile.mkdtemp(prefix="parley-tests-")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_sandbox, "config")
os.environ["XDG_DATA_HOME"] = os.path.join(_sandbox, "data")
os.environ["XDG_CACHE_HOME"] = os.path.join(_sandbox, "cache")
DOCUMENTS = Path(_sandbox) / "documents"
os.makedirs(os.environ["XDG_CONFIG_HOME"], exist_ok=True)
Path(os.environ["XDG_CONFIG_HOME"], "user-dirs.dirs").write_text(
    f'XDG_DOCUMENTS_DIR="{DOCUMENTS}"\n', encoding="utf-8"
)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SCENARIOS = ROOT / "engine" / "scenario" / "bundled"


@pytest.fixture
def minimal_text() -> str:
    """The text of the smallest valid scenario, for tests that break it on purpose."""
    return (FIXTURES / "minimal.toml").read_text(encoding="utf-8")


@pytest.fixture
def minimal_path() -> Path:
    return FIXTURES / "minimal.toml"


DEFAULT_SCENARIO = SCENARIOS / "after-hanoi-2019.toml"

# Hypothesis profiles, registered once: no per-example deadline anywhere (a 2-core CI
# machine under load is no place for wall-clock limits); CI runs fewer examples, and
# HYPOTHESIS_PROFILE picks another profile by name.
settings.register_profile("dev", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "ci", deadline=None, max_examples=50, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(name="isolated_settings")
def isolated_settings_fixture(tmp_path: Path, qapp: Any) -> Iterator[Path]:
    """QSettings in a temporary folder, so tests never touch the user's recent saves."""
    from PySide6.QtCore import QSettings

    folder = tmp_path / "settings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    qapp.setOrganizationName("ParleyTests")
    qapp.setApplicationName("ParleyTests")
    QSettings().clear()
    yield folder
    QSettings().clear()


@pytest.fixture(name="scenario")
def scenario_fixture() -> Any:
    from engine.scenario import load_scenario

    return load_scenario(DEFAULT_SCENARIO)


@pytest.fixture(name="session")
def session_fixture(tmp_path: Path, scenario: Any) -> Iterator[Any]:
    from engine.session.live import Session

    created = Session.create(scenario, tmp_path / "test.parley")
    yield created
    with contextlib.suppress(Exception):  # the test may have closed it
        created.close()


@pytest.fixture(autouse=True)
def _data_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The user's data folder (automatic backups) in a temporary folder: tests never
    write to the real one. Qt's AppDataLocation follows XDG_DATA_HOME."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs of its own (a full disk made real); skipped, saying why, where
    mounting is not allowed."""
    import subprocess

    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
    )
    if made.returncode != 0:
        pytest.skip(f"a small filesystem cannot be mounted here: {made.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill_disk(folder: Path, leave: int = 0) -> Path:
    """Fill the filesystem of ``folder`` with one file, but for about ``leave`` bytes."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"\0" * 4096)
    finally:
        os.close(fd)
    if leave:
        os.truncate(filler, max(0, filler.stat().st_size - leave))
    return filler
