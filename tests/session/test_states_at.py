"""``Session.states_at``: the states after many events in one pass are the states
``state_at`` gives one at a time, undos that reach behind a step included."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.domain.state import SessionState
from engine.errors import UnknownRecordError
from engine.scenario import load_scenario
from engine.session.live import Session
from engine.session.simulate import simulate_session
from ui.save_names import DEFAULT_SCENARIO


def facts(s: SessionState) -> tuple[object, ...]:
    return (
        s.seq, s.round, s.phase, s.round_open,
        {k: (c.status, c.progress) for k, c in s.commitments.items()},
        {k: d.status for k, d in s.demands.items()},
        set(s.moves), set(s.agreements), dict(s.indicators), set(s.voided),
    )  # fmt: skip


def test_one_pass_gives_the_states_state_at_gives(tmp_path: Path) -> None:
    scenario = load_scenario(DEFAULT_SCENARIO)
    simulate_session(scenario, tmp_path / "s.parley", 4, seed=3).close()
    with Session.open(tmp_path / "s.parley", read_only=True) as session:
        undos = [e.seq for e in session.events() if e.kind == "EventVoided"]
        assert undos, "the simulated log holds undos: the test can fail"
        # every seq just before and at an undo: a step whose tail voids behind it
        seqs = sorted({1, *(u - 1 for u in undos), *undos, session.last_seq // 2,
                       session.last_seq})  # fmt: skip
        one_pass = [facts(s) for s in session.states_at(seqs)]
        one_by_one = [facts(session.state_at(seq)) for seq in seqs]
        assert one_pass == one_by_one
        with pytest.raises(UnknownRecordError):
            list(session.states_at([session.last_seq + 1]))
