"""Kill ``simulate --echo`` with SIGKILL at random moments: no acknowledged event is lost."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, SCENARIOS
from engine.session.live import Session


@pytest.mark.slow
@pytest.mark.parametrize("iteration", range(4))
def test_every_echoed_event_survives_a_kill(tmp_path: Path, iteration: int) -> None:
    rng = random.Random(1000 + iteration)
    save = tmp_path / "crash.parley"
    process = subprocess.Popen(
        [
            sys.executable, str(ROOT / "main.py"), "simulate",
            "--scenario", str(SCENARIOS / "after-hanoi-2019.toml"),
            "--rounds", "6", "--seed", str(iteration), "--save", str(save),
            "--events-per-round", "400", "--echo",
        ],
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
    )  # fmt: skip
    assert process.stdout is not None
    wanted = rng.randint(5, 1500)
    echoed: list[int] = []
    while len(echoed) < wanted:  # the simulation ends on its own (2,400 events)
        line = process.stdout.readline()
        if not line:
            break
        echoed.append(int(line.split("\t")[0]))
    time.sleep(rng.random() * 0.02)  # kill between or during commits
    process.send_signal(signal.SIGKILL)
    process.wait()
    echoed.extend(int(line.split("\t")[0]) for line in process.stdout.read().splitlines())
    assert echoed, "simulate printed nothing"
    assert process.returncode == -signal.SIGKILL, "the session ended before it was killed"

    conn = sqlite3.connect(save)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = {row[0] for row in conn.execute("SELECT seq FROM events")}
    conn.close()
    assert set(echoed) <= stored
    assert echoed == list(range(1, len(echoed) + 1))
    with Session.open(save) as session:  # reopens for writing: the lock died with the process
        assert session.last_seq >= echoed[-1]
        assert session.state == session.state_at(session.last_seq)
        session.add_note(text="the session goes on")
