"""The data of the debrief view on the projector: the room's graph, deadlocks and bundles
per round, indicator charts over rounds and agreements; private things only once revealed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from engine.domain.visibility import PUBLIC, REVEALED
from engine.report.debrief import round_ends, session_debrief
from engine.scenario import parse_scenario
from engine.session.live import Session


@pytest.fixture
def session(tmp_path: Path, minimal_text: str) -> Any:
    text = minimal_text.replace(
        'initial = 60\nscope = "team"', 'initial = 60\nscope = "team"\npublic = false'
    )
    s = Session.create(parse_scenario(text, "debrief.toml"), tmp_path / "debrief.parley")
    s.start_round()
    s.propose_commitment(givers="north", receivers="south", issue="relief", text="first")
    s.propose_commitment(givers="south", receivers="north", issue="relief", text="second",
                         conditions=("c3",))  # fmt: skip
    s.add_condition(commitment="c3", condition="c4")
    s.propose_commitment(givers="south", receivers="north", issue="relief",
                         text="SECRET-PLEDGE", visibility=("south",))  # fmt: skip
    s.record_move(team="north", move_type="test", tone=-2, text="a test")
    s.adjudicate(move="m7", outcome="success", method="judgement", reason="so it goes")
    s.end_round()
    s.start_round()
    s.agree_commitment(commitment="c3")
    s.agree_commitment(commitment="c4")
    s.sign_agreement(title="The pact", commitments=("c3", "c4"))
    yield s
    s.close()


def test_round_ends_are_the_events_before_each_next_start(session: Any) -> None:
    ends = round_ends(session.events(), session.state.voided)
    starts = [e.seq for e in session.events() if e.kind == "RoundStarted"]
    assert ends == [(1, starts[1] - 1), (2, session.last_seq)]


def test_deadlocks_and_bundles_over_rounds_in_words(session: Any) -> None:
    data = session_debrief(session)
    assert data.viewer == PUBLIC and not data.revealed
    first, second = data.rounds
    assert first.round == 1 and len(first.deadlocks) == 1 and not first.bundles
    assert first.lines == (
        "Deadlock: Commitment 1 (c3) and Commitment 2 (c4) wait on each other "
        "(not all agreed, so none can go first)",
    )
    assert not second.deadlocks and len(second.bundles) == 1
    assert second.lines[0].startswith("Bundle 1 (step 1): Commitment 1 (c3) + Commitment 2 (c4)")
    assert second.lines[0].endswith("to be carried out together")
    assert [a.title for a in data.agreements] == ["The pact"]


def test_only_public_indicators_and_records_until_everything_is_revealed(session: Any) -> None:
    data = session_debrief(session)
    assert [c.title for c in data.charts] == ["Tension"], "the private support stays hidden"
    tension = data.charts[0].series[0]
    assert [y for _, y in tension.points] == [50.0, 60.0, 60.0]  # start, round 1, round 2
    assert "SECRET-PLEDGE" not in {c.text for c in data.state.commitments.values()}
    assert all(r.commitments == 2 for r in data.rounds)

    session.reveal_everything()
    shown = session_debrief(session)
    assert shown.viewer == REVEALED and shown.revealed
    assert [c.title for c in shown.charts] == ["Tension", "Domestic support"]
    assert "SECRET-PLEDGE" in {c.text for c in shown.state.commitments.values()}
    assert shown.rounds[0].commitments == 3, "earlier rounds are shown revealed too"
