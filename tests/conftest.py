"""Shared fixtures. Qt must find no display in CI, so the offscreen platform is set first."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# No test may touch the user's own settings (recent saves, window layout), data folder
# (the crash log) or cache (validated scenarios): Qt keeps them under these folders, and
# subprocesses inherit them.
_sandbox = tempfile.mkdtemp(prefix="parley-tests-")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_sandbox, "config")
os.environ["XDG_DATA_HOME"] = os.path.join(_sandbox, "data")
os.environ["XDG_CACHE_HOME"] = os.path.join(_sandbox, "cache")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SCENARIOS = ROOT / "scenarios"


@pytest.fixture
def minimal_text() -> str:
    """The text of the smallest valid scenario, for tests that break it on purpose."""
    return (FIXTURES / "minimal.toml").read_text(encoding="utf-8")


@pytest.fixture
def minimal_path() -> Path:
    return FIXTURES / "minimal.toml"
