"""Undo and Redo name what they would undo in the room's words: records by their running
numbers (Move 3), teams, verifiers, indicators and injects by their names, never ids."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from conftest import SCENARIOS
from engine.domain import reducer
from engine.domain.history import describe
from engine.domain.state import SessionState
from engine.domain.words import Words
from engine.scenario import load_scenario
from engine.session.live import Session
from engine.session.simulate import simulate_session


def test_each_label_names_records_by_number_and_teams_by_name(session: Any) -> None:
    s = session
    s.start_round()
    s.record_move(team="usa", move_type="statement", tone=0, text="Hello")
    move = s.record_move(team="dprk", move_type="statement", tone=1, text="Hi")
    assert s.undo_label == "Undo: record Move 2 (Democratic People's Republic of Korea)"
    s.adjudicate(move=f"m{move.seq}", outcome="success", method="judgement", reason="fine")
    assert s.undo_label == "Undo: rule on Move 2 (success)"
    s.table_demand(from_team="usa", to_team="dprk", issue="sanctions_relief", priority=1, text="x")
    assert (
        s.undo_label
        == "Undo: table Demand 1 (United States to Democratic People's Republic of Korea)"
    )
    first = s.propose_commitment(
        issue="sanctions_relief", text="ease", givers=("usa", "rok"), receivers=("dprk",)
    )
    assert s.undo_label == (
        "Undo: propose Commitment 1 (United States and Republic of Korea to "
        "Democratic People's Republic of Korea)"
    )
    second = s.propose_commitment(
        issue="sanctions_relief", text="freeze", giver="dprk", receiver="usa", verification=True
    )
    s.add_condition(commitment=f"c{first.seq}", condition=f"c{second.seq}")
    assert s.undo_label == "Undo: make Commitment 1 conditional on Commitment 2 fulfilled"
    s.agree_commitment(commitment=f"c{second.seq}")
    assert s.undo_label == "Undo: agree Commitment 2"
    s.verify_commitment(commitment=f"c{second.seq}", result="confirmed", verifier="iaea")
    assert s.undo_label == (
        "Undo: verify Commitment 2 (confirmed, by International Atomic Energy Agency)"
    )
    s.adjust_indicator(key="sanctions_pressure", delta=-5, reason="relief")
    assert s.undo_label == "Undo: adjust Sanctions pressure by -5"
    s.fire_inject(inject="sohae_activity")
    assert s.undo_label == "Undo: fire inject Intelligence: rebuilding at Sohae"


def test_redo_names_a_record_the_undo_took_out_of_the_state(session: Any) -> None:
    session.start_round()
    session.record_move(team="usa", move_type="statement", tone=0, text="Hello")
    changes = session.undo()
    assert changes.message == "Undo: record Move 1 (United States)"
    assert session.redo_label == "Redo: record Move 1 (United States)"
    assert session.redo().message == "Redo: record Move 1 (United States)"


_RECORD_ID = re.compile(r"(?<!a )\b[mdca]\d+\b")  # not "a d6"


@pytest.mark.parametrize("scenario", ["after-hanoi-2019.toml", "classroom-freeze-for-relief.toml"])
def test_no_label_of_a_simulated_session_shows_an_id(tmp_path: Path, scenario: str) -> None:
    """Every event of a session that holds every kind, named as Undo would name it at the
    time: no record id (m17), team id (usa), indicator or inject id (sanctions_pressure)."""
    sc = load_scenario(SCENARIOS / scenario)
    simulate_session(sc, tmp_path / "s.parley", len(sc.rounds), seed=7).close()
    ids = {t.id for t in sc.teams if t.name != t.id} | {o.id for o in sc.observers}
    ids |= {i.id for i in (*sc.indicators, *sc.injects) if "_" in i.id}  # not "support"
    state, known, faults = SessionState(), dict[str, str](), []
    with Session.open(tmp_path / "s.parley", read_only=True) as s:
        for env in s.events():
            reducer.apply(state, env, sc)
            text = describe(env, Words(sc, state, known=known))
            words = set(re.findall(r"\b[a-z][a-z0-9_]*\b", text))
            if _RECORD_ID.search(text) or words & ids:
                faults.append(text)
    assert faults == []
