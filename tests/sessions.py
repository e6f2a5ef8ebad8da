"""Helpers shared by the session tests."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, ROOT
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


KILLED_WRITER = """
import os, sys
from engine.session.live import Session
s = Session.open(sys.argv[1])
for n in range(5):
    s.add_note(text=f"acknowledged {n}")
print("done", flush=True)
os.kill(os.getpid(), 9)
"""


def kill_a_writer(save: Path) -> None:
    """A writer that records five notes ("acknowledged 0" to 4) and is killed (-9)."""
    run = subprocess.run(
        [sys.executable, "-c", KILLED_WRITER, str(save)], cwd=ROOT, capture_output=True, text=True
    )
    assert run.returncode == -signal.SIGKILL and run.stdout.strip() == "done"
