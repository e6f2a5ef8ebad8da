"""What a round leaves unsettled, named in words."""

from __future__ import annotations

from pathlib import Path

from engine.domain.pending import describe_pending, round_pending
from engine.scenario import load_scenario
from engine.session.live import Session


def test_unruled_moves_open_demands_and_proposals_of_the_round_are_named(
    tmp_path: Path, minimal_path: Path
) -> None:
    scenario = load_scenario(minimal_path)
    s = Session.create(scenario, tmp_path / "p.parley")
    s.start_round()
    s.record_move(team="north", move_type="statement", tone=1, text="We want relief first")
    ruled = s.record_move(team="south", move_type="statement", tone=0, text="Ruled on")
    s.adjudicate(move=f"m{ruled.seq}", outcome="success", method="judgement", reason="ok")
    s.table_demand(from_team="south", to_team="north", issue="relief", priority=1,
                   text="Freeze the test site")  # fmt: skip
    s.propose_commitment(giver="north", receiver="south", issue="relief", text="A freeze")
    pending = round_pending(s.state)
    assert len(pending.unruled_moves) == 1 and pending
    assert len(pending.open_demands) == 1 and len(pending.proposed_commitments) == 1
    lines = describe_pending(pending, s.state, scenario)
    assert lines[0] == "Move 1 not ruled on: North: “We want relief first”"
    assert lines[1].startswith("Demand 1 still open: South asks North")
    assert lines[2] == "Commitment 1 only proposed: North: “A freeze”"
    assert not round_pending(s.state, 2), "round 2 has nothing yet"
    s.close()
