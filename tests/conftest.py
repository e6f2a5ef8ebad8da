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

# Small scenarios for the tests that need teams or texts of their own (secrets to look for,
# names with markup): the blocks they share, by name, and ``small_scenario`` to join them.
BLOCKS = {
    "tension": """[[indicators]]
id = "tension"
name = "Tension"
min = 0
max = 100
initial = 50
scope = "global"
""",
    "support": """[[indicators]]
id = "support"
name = "Support"
min = 0
max = 100
initial = 60
scope = "team"
""",
    "trust": """[[indicators]]
id = "trust"
name = "Trust"
min = 0
max = 100
initial = 40
scope = "pair"
""",
    "relief": """[[issues]]
id = "relief"
name = "Relief"
tangible = true
""",
    "talks": """[[issues]]
id = "talks"
name = "Talks"
tangible = false
""",
    "statement": """[[move_types]]
id = "statement"
name = "Statement"
effects.tension = -2
""",
    "working": """[[rounds]]
kind = "working"
minutes = 20
""",
    "summit": """[[rounds]]
kind = "summit"
minutes = 10
""",
}


def team(team_id: str, name: str, **keys: str) -> str:
    """A ``[[teams]]`` table; ``keys`` are written as TOML strings (``color="#c0392b"``)."""
    lines = ["[[teams]]", f'id = "{team_id}"', f'name = "{name}"']
    lines += [f'{key} = "{value}"' for key, value in keys.items()]
    return "\n".join(lines) + "\n"


def small_scenario(scenario_id: str, title: str, *parts: str) -> str:
    """A scenario's TOML: its header, then each part, a name of ``BLOCKS`` or TOML text."""
    header = f'[scenario]\nid = "{scenario_id}"\ntitle = "{title}"\nformat = 1\n'
    return "\n".join([header, *(BLOCKS.get(part, part) for part in parts)])


@pytest.fixture
def small_session(tmp_path: Path) -> Iterator[Any]:
    """Makes a live session of a ``small_scenario`` text in ``tmp_path``; closes them all."""
    from engine.scenario import parse_scenario
    from engine.session.live import Session

    made: list[Any] = []

    def make(text: str, name: str = "small") -> Any:
        session = Session.create(parse_scenario(text, f"{name}.toml"), tmp_path / f"{name}.parley")
        made.append(session)
        return session

    yield make
    for session in made:
        with contextlib.suppress(Exception):  # the test may have closed it
            session.close()


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


@pytest.fixture(name="window")
def window_fixture(qtbot: Any, session: Any, isolated_settings: Path) -> Any:
    """The facilitator window over ``session``, shown and exposed (the UI tests' usual
    start; a test file that needs another session or window defines its own ``window``)."""
    from ui.main_window import FacilitatorWindow

    made = FacilitatorWindow(session)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    return made


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
