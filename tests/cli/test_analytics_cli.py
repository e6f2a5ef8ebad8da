"""``python main.py analyze SAVE [--at SEQ] [--json]`` on a real save."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import FIXTURES
from engine.cli import run_verb
from engine.scenario import load_scenario
from engine.session.live import Session


@pytest.fixture
def save(tmp_path: Path) -> Path:
    """Two rounds of the minimal scenario (working, then summit) with a deadlocked pair."""
    path = tmp_path / "deadlock.parley"
    with Session.create(load_scenario(FIXTURES / "minimal.toml"), path) as s:
        s.start_round()
        s.table_demand(from_team="north", to_team="south", issue="relief", priority=1, text="a")
        made = s.propose_commitment(giver="north", receiver="south", issue="relief", text="x")
        first = f"c{made.seq}"
        second = s.propose_commitment(
            giver="south", receiver="north", issue="relief", text="y", conditions=(first,)
        )
        s.add_condition(commitment=first, condition=f"c{second.seq}")
        s.record_move(team="north", move_type="statement", tone=-2, text="no")
        s.end_round()
        s.start_round()
        s.table_demand(from_team="north", to_team="south", issue="relief", priority=1, text="a")
        s.table_demand(from_team="south", to_team="north", issue="relief", priority=1, text="b")
        s.record_move(team="north", move_type="statement", tone=2, text="yes")
    return path


def test_analyze_prints_a_readable_report(save: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_verb(["analyze", str(save)]) == 0
    out = capsys.readouterr().out
    assert "Deadlocks" in out
    # records as people say them, the id beside (issue 16)
    assert "Commitment 1 (c4), Commitment 2 (c5)  (North, South)" in out
    assert "step 1: [Commitment 1 (c4) + Commitment 2 (c5)]" in out
    assert "south  1           1          0%        Demand 3 (d11)" in out  # a summit surprise


def test_analyze_json_at_an_earlier_event(save: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_verb(["analyze", str(save), "--json"]) == 0
    now = json.loads(capsys.readouterr().out)
    assert [d["commitments"] for d in now["deadlocks"]] == [["c4", "c5"]]
    assert run_verb(["analyze", str(save), "--at", "5", "--json"]) == 0
    before = json.loads(capsys.readouterr().out)
    assert before["seq"] == 5
    assert before["deadlocks"] == []  # the condition closing the cycle comes at event 6
    assert [b["commitments"] for b in before["bundles"]] == [["c4"], ["c5"]]


def test_analyze_as_the_room_or_a_team(save: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_verb(["analyze", str(save), "--json", "--as", "public"]) == 0
    assert json.loads(capsys.readouterr().out)["viewer"] == "public"
    assert run_verb(["analyze", str(save), "--as", "nobody"]) == 1
    assert "no viewer 'nobody'" in capsys.readouterr().err


def test_analyze_refuses_an_event_past_the_end(
    save: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_verb(["analyze", str(save), "--at", "999"]) == 1
    assert "no event 999" in capsys.readouterr().err
