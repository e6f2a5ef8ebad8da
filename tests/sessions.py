"""Helpers shared by the session tests."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES
from engine.scenario import Scenario, load_scenario
from engine.session.live import Session


def minimal() -> Scenario:
    return load_scenario(FIXTURES / "minimal.toml")


def new_session(tmp_path: Path, name: str = "s.parley") -> Session:
    return Session.create(minimal(), tmp_path / name)


def file_bytes(path: Path) -> bytes:
    return path.read_bytes()
