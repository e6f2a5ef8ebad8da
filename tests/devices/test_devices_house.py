"""The device server's house rules: typed (mypy clean, like engine/ and ui/), shipped in
the wheel with its one script and one style sheet, and a page that needs nothing else."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

from conftest import ROOT


def test_mypy_is_clean_on_devices() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "devices"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout


def test_the_package_ships_its_static_files() -> None:
    setup = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert "devices*" in setup["packages"]["find"]["include"]
    patterns = setup["package-data"]["devices"]
    static = sorted(p.name for p in (ROOT / "devices" / "static").iterdir())
    assert static == ["parley.css", "parley.js"]
    assert {"static/*.js", "static/*.css"} == set(patterns)


def test_the_script_and_the_style_sheet_load_nothing_from_elsewhere() -> None:
    for name in ("parley.js", "parley.css"):
        text = (ROOT / "devices" / "static" / name).read_text(encoding="utf-8")
        assert not re.search(r"https?://|@import|url\(", text), name
        assert "eval(" not in text and "new Function" not in text
