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


def save_of_moves(tmp_path: Path, count: int, text: str = "move {n}") -> Path:
    """A closed save ``s.parley``: a round started and ``count`` moves of north's."""
    with new_session(tmp_path) as s:
        s.start_round()
        for n in range(count):
            s.record_move(team="north", move_type="test", tone=0, text=text.format(n=n))
    return tmp_path / "s.parley"
