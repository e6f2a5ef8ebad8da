"""The house rules that code review alone would let slip."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from conftest import ROOT


def test_import_contracts_hold() -> None:
    """import-linter's contracts in pyproject.toml: engine/ knows no screen, and its
    packages are layers."""
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"][
        "contracts"
    ]
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Contracts: {len(contracts)} kept, 0 broken" in result.stdout
    assert {c["type"] for c in contracts} >= {"forbidden", "layers"}


def test_ruff_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "."], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean_on_engine_and_ui() -> None:
    """mypy over engine/ and ui/ (``files`` in pyproject.toml), with every module checked:
    an excused module would be a ``[[tool.mypy.overrides]]`` entry, and there is none."""
    mypy = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mypy"]
    assert mypy["files"] == ["engine", "ui"]
    assert not mypy.get("overrides"), "an excused module: say why beside it, and shrink"
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "engine", "ui"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout
