"""Bundled scenarios by name, from any folder: ``parley scenarios``, ``--scenario NAME``,
``parley --version``; and where new saves go when nobody says."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DOCUMENTS, ROOT, SCENARIOS
from engine.save.folders import default_saves_folder, documents_folder
from engine.scenario.bundled import UnknownScenarioError, resolve_scenario
from engine.version import __version__


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Parley as a user runs it, started from ``cwd`` (not the project folder)."""
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_scenarios_lists_every_bundled_scenario_with_id_title_and_file(tmp_path) -> None:
    result = run("scenarios", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "TITLE", "FILE"]
    hanoi = next(line for line in lines if line.startswith("after_hanoi_2019 "))
    assert "After Hanoi" in hanoi and hanoi.endswith("after-hanoi-2019.toml")
    for path in SCENARIOS.glob("*.toml"):
        assert any(line.endswith(path.name) for line in lines[1:]), path.name


def test_simulate_takes_a_bundled_name_from_another_folder(tmp_path) -> None:
    result = run(
        "simulate", "--scenario", "after-hanoi-2019", "--rounds", "1", "--seed", "3",
        "--save", "demo.parley", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "demo.parley").stat().st_size > 0


def test_an_unknown_scenario_name_is_refused_with_the_bundled_names(tmp_path) -> None:
    result = run(
        "simulate", "--scenario", "after-hanoi-2091", "--rounds", "1", "--seed", "3",
        "--save", "demo.parley", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 2
    assert "no scenario file 'after-hanoi-2091'" in result.stderr
    assert "after-hanoi-2019, classroom-freeze-for-relief" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "demo.parley").exists()


def test_a_path_still_wins_over_a_name(tmp_path, minimal_path) -> None:
    assert resolve_scenario(minimal_path) == minimal_path
    assert resolve_scenario("after-hanoi-2019") == SCENARIOS / "after-hanoi-2019.toml"
    assert resolve_scenario("after_hanoi_2019.toml") == SCENARIOS / "after-hanoi-2019.toml"
    with pytest.raises(UnknownScenarioError, match="bundled: after-hanoi-2019"):
        resolve_scenario(tmp_path / "after-hanoi-2019.toml")  # a path that is not there


def test_version_prints_the_apps_version(tmp_path) -> None:
    result = run("--version", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"parley {__version__}"


def test_new_saves_go_to_parley_in_the_documents_folder() -> None:
    # conftest names a sandbox documents folder in user-dirs.dirs, as a desktop would.
    assert documents_folder() == DOCUMENTS
    assert default_saves_folder() == DOCUMENTS / "Parley"


def test_without_a_desktop_setting_documents_is_in_home(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "empty"))
    monkeypatch.setenv("HOME", str(tmp_path))
    assert documents_folder() == tmp_path / "Documents"
