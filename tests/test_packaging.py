"""Parley installs like a desktop app: the wheel carries its scenarios and its icon."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT, SCENARIOS


@pytest.mark.slow
def test_the_wheel_ships_the_bundled_scenarios_and_the_icon(tmp_path) -> None:
    # Built from a copy, so that setuptools' build/ and egg-info never land in the tree.
    source = tmp_path / "source"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(".venv", ".git", "build", "*.egg-info", "__pycache__"),
    )
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "-w", str(tmp_path / "out")],
        cwd=source,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (wheel,) = (tmp_path / "out").glob("parley-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for scenario in SCENARIOS.glob("*.toml"):
        assert f"engine/scenario/bundled/{scenario.name}" in names
    assert "engine/scenario/bundled/after-hanoi-2019.toml" in names
    assert {"ui/icons/parley.svg", "ui/icons/parley-48.png", "ui/icons/parley-256.png"} <= names
    assert {"devices/static/parley.js", "devices/static/parley.css"} <= names  # team pages
    assert "devices/server.py" in names
    assert not any(name.startswith(("tests/", "benchmarks/")) for name in names)
    entry_points = zipfile.ZipFile(wheel).read(
        next(n for n in names if n.endswith("entry_points.txt"))
    )
    assert b"parley = main:main" in entry_points


def test_the_desktop_file_starts_parley_with_its_icon() -> None:
    text = (ROOT / "desktop" / "parley.desktop").read_text(encoding="utf-8")
    lines = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
    assert text.startswith("[Desktop Entry]")
    assert lines["Type"] == "Application" and lines["Exec"] == "parley"
    assert lines["Icon"] == "parley" and lines["Name"] == "Parley"
    assert (ROOT / "ui" / "icons" / f"{lines['Icon']}.svg").is_file()
