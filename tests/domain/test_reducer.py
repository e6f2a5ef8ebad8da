"""The fold: effects and clamping, surprise demands, trust after outcomes, voids."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES
from engine.domain import events as ev
from engine.domain import reducer
from engine.domain.events import Envelope
from engine.scenario import Scenario, load_scenario


@pytest.fixture
def scenario() -> Scenario:
    return load_scenario(FIXTURES / "minimal.toml")


def fold(scenario: Scenario, *items: tuple[int, ev.Event]) -> reducer.SessionState:
    """Fold (round, event) pairs numbered from 1."""
    state = reducer.initial_state(scenario)
    envs = [Envelope(i, 0.0, rnd, "control", e) for i, (rnd, e) in enumerate(items, start=1)]
    return reducer.replay(state, envs, scenario)


START = (0, ev.SessionStarted("minimal", "Minimal exercise"))


def test_a_successful_move_applies_its_types_effects(scenario: Scenario) -> None:
    effects = scenario.move_types[1].effects
    state = fold(
        scenario,
        START,
        (1, ev.RoundStarted(1)),
        (1, ev.MoveRecorded("north", "test", -3, "launch")),
        (1, ev.MoveAdjudicated("m3", "success", "judgement", "it flew", effects)),
    )
    assert state.indicators["tension"] == 60
    assert state.indicators["support.north"] == 62
    assert state.indicators["trust.south.north"] == 35
    assert state.moves["m3"].outcome == "success"
    assert [c.source for c in state.indicator_log] == ["move m3"] * 3


def test_indicators_clamp_and_the_clamping_is_recorded(scenario: Scenario) -> None:
    state = fold(scenario, START, (0, ev.IndicatorAdjusted("tension", 80, "crisis")))
    assert state.indicators["tension"] == 100
    change = state.indicator_log[-1]
    assert (change.before, change.requested, change.after, change.clamped) == (50, 80, 100, True)


def test_an_inject_applies_its_effects_to_every_team(scenario: Scenario) -> None:
    state = fold(scenario, START, (0, ev.InjectFired("leak")))
    assert state.indicators["support.north"] == 57
    assert state.indicators["support.south"] == 57
    assert state.injects[0].visibility == ("south",)


def test_a_demand_first_tabled_at_a_summit_is_a_surprise(scenario: Scenario) -> None:
    state = fold(
        scenario,
        START,
        (1, ev.RoundStarted(1)),
        (1, ev.DemandTabled("north", "south", "relief", 1, "lift them")),
        (2, ev.RoundStarted(2)),
        (2, ev.DemandTabled("north", "south", "relief", 1, "now")),
        (2, ev.DemandTabled("south", "north", "relief", 1, "and you")),
    )
    assert not state.demands["d3"].surprise
    assert state.demands["d3"].round_kind == "working"
    assert not state.demands["d5"].surprise
    assert state.demands["d6"].surprise


def test_a_broken_commitment_lowers_the_receivers_trust_in_the_giver(scenario: Scenario) -> None:
    state = fold(
        scenario,
        START,
        (0, ev.CommitmentProposed(("north",), ("south",), "relief", "freeze")),
        (0, ev.CommitmentAgreed("c2")),
        (0, ev.CommitmentBroken("c2")),
    )
    assert state.commitments["c2"].status == "broken"
    assert state.indicators["trust.south.north"] == 30  # 10% of a 0..100 range


def test_a_voided_event_is_skipped_and_a_void_of_a_void_revives_it(scenario: Scenario) -> None:
    items = [START, (0, ev.NoteAdded("one")), (0, ev.EventVoided(2))]
    assert fold(scenario, *items).notes == []
    revived = fold(scenario, *items, (0, ev.EventVoided(3)))
    assert [n.text for n in revived.notes] == ["one"]
    assert revived.voided == {3}


def test_affected_seq_follows_a_void_chain() -> None:
    assert reducer.affected_seq({5: 3}, 5) == 3
    assert reducer.affected_seq({}, 7) == 7


def test_events_about_missing_records_change_nothing(scenario: Scenario, tmp_path: Path) -> None:
    state = fold(
        scenario, START, (0, ev.CommitmentAgreed("c99")), (0, ev.DemandStatusChanged("d9", "met"))
    )
    assert state.commitments == {} and state.demands == {}
