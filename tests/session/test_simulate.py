"""``simulate``: plausible, seeded, every kind of event; and ``check`` on the result."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SCENARIOS
from engine.domain.events import KINDS
from engine.scenario import load_scenario
from engine.session.check import check_save
from engine.session.simulate import simulate_session


def _log(path: Path) -> list[tuple[int, int, str, str]]:
    import sqlite3

    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT seq, round, actor, payload FROM events ORDER BY seq").fetchall()
    conn.close()
    return rows


@pytest.mark.parametrize("scenario", ["after-hanoi-2019.toml", "classroom-freeze-for-relief.toml"])
def test_a_simulated_session_uses_every_kind_of_event(tmp_path: Path, scenario: str) -> None:
    sc = load_scenario(SCENARIOS / scenario)
    with simulate_session(sc, tmp_path / "a.parley", len(sc.rounds), seed=7) as s:
        kinds = {e.kind for e in s.events()}
        state = s.state
    assert kinds == set(KINDS)
    assert {m.tone for m in state.moves.values()} == set(range(-3, 4))
    assert {m.method for m in state.moves.values() if m.method} == {"dice", "judgement", "table"}
    assert any(d.surprise for d in state.demands.values())
    assert {c.status for c in state.commitments.values()} >= {"fulfilled", "broken", "agreed"}
    deadlocked = [
        c for c in state.commitments.values()
        if c.open
        and any(c.id in state.commitments[o].condition_refs("commitment")
                for o in c.condition_refs("commitment"))
    ]  # fmt: skip
    assert len(deadlocked) >= 2
    assert any(change.clamped for change in state.indicator_log)
    assert check_save(tmp_path / "a.parley") == []


def test_the_same_seed_gives_the_same_log(tmp_path: Path) -> None:
    sc = load_scenario(SCENARIOS / "after-hanoi-2019.toml")
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        simulate_session(sc, tmp_path / f"{name}.parley", 4, seed=seed).close()
    assert _log(tmp_path / "a.parley") == _log(tmp_path / "b.parley")
    assert _log(tmp_path / "a.parley") != _log(tmp_path / "c.parley")


def test_the_simulate_verb_echoes_each_committed_event(tmp_path: Path) -> None:
    save = tmp_path / "e.parley"
    done = subprocess.run(
        [
            sys.executable, str(ROOT / "main.py"), "simulate",
            "--scenario", str(SCENARIOS / "after-hanoi-2019.toml"),
            "--rounds", "2", "--seed", "1", "--save", str(save), "--echo",
        ],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "1\tSessionStarted"
    assert all(re.fullmatch(r"\d+\t[A-Za-z]+", line) for line in lines)
    assert [int(line.split("\t")[0]) for line in lines] == [row[0] for row in _log(save)]
    check = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "check", str(save)], capture_output=True, text=True
    )
    assert check.returncode == 0 and check.stdout.endswith("ok\n")


def test_a_big_log_keeps_snapshots_and_checks(tmp_path: Path) -> None:
    sc = load_scenario(SCENARIOS / "after-hanoi-2019.toml")
    with simulate_session(sc, tmp_path / "big.parley", 2, seed=2, events_per_round=1600) as s:
        assert s.last_seq > 3000
        assert len(s._snapshots) >= 4
        assert s.state_at(2500) == s.state_at(2500)
    assert check_save(tmp_path / "big.parley") == []


@pytest.mark.parametrize("scenario", ["after-hanoi-2019.toml", "classroom-freeze-for-relief.toml"])
def test_a_simulated_move_never_targets_its_own_team(tmp_path: Path, scenario: str) -> None:
    sc = load_scenario(SCENARIOS / scenario)
    with simulate_session(sc, tmp_path / "t.parley", len(sc.rounds), seed=7) as s:
        moves = list(s.state.moves.values())
    assert sum(bool(m.targets) for m in moves) >= len(moves) // 3  # targets are still chosen
    assert [m.id for m in moves if m.team in m.targets] == []
