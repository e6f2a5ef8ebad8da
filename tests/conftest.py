"""Shared fixtures. Qt must find no display in CI, so the offscreen platform is set first."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

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
