"""The README's set-up command stops with the exact fix when the system lacks something."""

from __future__ import annotations

import importlib.metadata
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from conftest import ROOT


def _fake_ldconfig(folder: Path, libraries: list[str]) -> None:
    """An ``ldconfig`` that knows only ``libraries``, first on PATH."""
    lines = "\\n".join(f"\\t{lib} (libc6,x86-64) => /usr/lib/{lib}" for lib in libraries)
    script = folder / "ldconfig"
    script.write_text(f'#!/bin/sh\nprintf "{lines}\\n"\n', encoding="utf-8")
    script.chmod(0o755)


def _bootstrap(folder: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PATH=f"{folder}{os.pathsep}{os.environ['PATH']}")
    return subprocess.run(
        ["bash", "bootstrap.sh", "test", "--collect-only"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_missing_qt_libraries_are_named_with_the_apt_line(tmp_path) -> None:
    _fake_ldconfig(
        tmp_path,
        [
            "libGL.so.1",
            "libX11.so.6",
            "libdbus-1.so.3",
            "libfontconfig.so.1",
            "libfreetype.so.6",
            "libglib-2.0.so.0",
        ],
    )
    result = _bootstrap(tmp_path)
    assert result.returncode == 1
    assert "libegl1 libxkbcommon0" in result.stderr
    assert "sudo apt-get install -y --no-install-recommends libegl1 libxkbcommon0" in result.stderr
    assert "libgl1" not in result.stderr.split("lacks:")[1].split("\n")[0]


def test_unknown_command_prints_usage() -> None:
    result = subprocess.run(
        ["bash", "bootstrap.sh", "play"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "usage: bash bootstrap.sh app|test|bench" in result.stderr


def _lock() -> dict[str, str]:
    """The lock's pins: normalised name -> version (markers for other platforms kept)."""
    pins = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        line = line.split(";")[0].strip()
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"requirements.lock: {line!r} is not pinned with =="
            pins[_normal(name)] = version.strip()
    return pins


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_distribution_in_the_venv_is_pinned_by_the_lock() -> None:
    pins = _lock()
    installed = {
        _normal(d.metadata["Name"]): d.version
        for d in importlib.metadata.distributions(path=sys.path)
        if d.metadata["Name"]
    }
    installed.pop("parley")  # the project itself, installed editable from the tree
    unpinned = {n: v for n, v in installed.items() if pins.get(n) != v}
    assert not unpinned, f"installed but not pinned so in requirements.lock: {unpinned}"


def test_the_lock_holds_every_pin_of_pyproject_and_names_its_tool() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = _lock()
    for requirement in [*project["dependencies"], *project["optional-dependencies"]["test"]]:
        name, _, version = requirement.partition("==")
        assert pins.get(_normal(name)) == version, f"{requirement} is not what the lock pins"
    header = (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()[:2]
    assert "uv==" in header[1] and "scripts/lock.sh" in header[1]


def test_bootstrap_installs_from_the_lock_and_rebuilds_when_it_changes() -> None:
    script = (ROOT / "bootstrap.sh").read_text(encoding="utf-8")
    assert "-r requirements.lock" in script and "-c requirements.lock" in script
    assert "cat pyproject.toml requirements.lock | sha256sum" in script
