"""The README's set-up command stops with the exact fix when the system lacks something."""

from __future__ import annotations

import os
import subprocess
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
