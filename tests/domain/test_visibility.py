"""Who may see what: the rule behind the projector, "as seen by" and per-team reports."""

from __future__ import annotations

import pytest

from engine.domain import events as ev
from engine.domain.events import CONTROL, Envelope
from engine.domain.state import (
    Agreement,
    Commitment,
    Demand,
    IndicatorChange,
    Move,
    Note,
    SessionState,
)
from engine.domain.visibility import PUBLIC, event_visible, view_state
from engine.scenario import load_scenario


@pytest.fixture
def scenario(minimal_path):
    return load_scenario(minimal_path)


def _state() -> SessionState:
    state = SessionState(seq=20, round=1)
    state.moves = {
        "m2": Move(
            "m2", 2, 1, "north", "statement", 1, "public words", None, (), reason="SECRET-R"
        ),
        "m3": Move("m3", 3, 1, "north", "test", -2, "SECRET-MOVE", ("north",), ()),
        "m4": Move("m4", 4, 1, "south", "statement", 0, "to north", ("north",), ()),
    }
    state.demands = {
        "d5": Demand("d5", 5, 1, "working", "north", "south", "relief", 1, "SECRET-D", ("north",))
    }
    state.commitments = {
        "c6": Commitment(
            "c6",
            6,
            1,
            ("south",),
            ("north",),
            "south",
            "relief",
            "SECRET-C",
            (),
            None,
            False,
            ("south",),
        )
    }
    state.agreements = {
        "a7": Agreement("a7", 7, 1, "pact", ("c6",), ("north", "south"), ("south",))
    }
    state.indicator_log = [IndicatorChange(3, 1, "tension", 50, 10, 60, "move m3")]
    state.indicators = {"tension": 60.0}
    state.notes = [Note(8, 1, "SECRET-NOTE")]
    return state


def test_control_sees_everything(scenario) -> None:
    state = _state()
    assert view_state(state, CONTROL, scenario) is state


def test_the_room_sees_only_public_records_and_no_ruling_reasons(scenario) -> None:
    seen = view_state(_state(), PUBLIC, scenario)
    assert list(seen.moves) == ["m2"]
    assert seen.moves["m2"].reason == ""
    assert not seen.demands and not seen.commitments and not seen.agreements and not seen.notes
    assert seen.indicators == {"tension": 60.0}, "indicator values are public"
    assert seen.indicator_log[0].source == "", "the cause of a change from a private move is hidden"


def test_a_team_sees_its_own_what_is_addressed_to_it_and_its_parties(scenario) -> None:
    north = view_state(_state(), "north", scenario)
    assert sorted(north.moves) == ["m2", "m3", "m4"]
    assert north.moves["m2"].reason == "SECRET-R", "a team is told why its own move was ruled so"
    assert list(north.demands) == ["d5"]
    assert list(north.commitments) == ["c6"], "the receiver of a commitment sees it"
    assert list(north.agreements) == ["a7"], "a signatory sees the agreement"
    south = view_state(_state(), "south", scenario)
    assert sorted(south.moves) == ["m2", "m4"]
    assert south.moves["m2"].reason == ""
    assert list(south.demands) == ["d5"], "the team a demand is made of sees it"
    assert not south.notes


def test_log_entries_follow_their_records(scenario) -> None:
    state = _state()
    private = Envelope(3, 0.0, 1, "north", ev.MoveRecorded("north", "test", -2, "x", ("north",)))
    ruling = Envelope(9, 0.0, 1, CONTROL, ev.MoveAdjudicated("m3", "success", "judgement", "why"))
    note = Envelope(8, 0.0, 1, CONTROL, ev.NoteAdded("SECRET-NOTE"))
    leak = Envelope(10, 0.0, 1, CONTROL, ev.InjectFired("leak"))  # private to south
    round_start = Envelope(1, 0.0, 1, CONTROL, ev.RoundStarted(1))
    for viewer, expected in (
        (PUBLIC, [False, False, False, False, True]),
        ("north", [True, True, False, False, True]),
        ("south", [False, False, False, True, True]),
        (CONTROL, [True, True, True, True, True]),
    ):
        got = [
            event_visible(viewer, e, state, scenario)
            for e in (private, ruling, note, leak, round_start)
        ]
        assert got == expected, viewer


def test_undone_entries_are_hidden_from_teams_but_not_from_control(scenario) -> None:
    state = _state()
    state.voided = {2}
    entry = Envelope(2, 0.0, 1, "north", ev.MoveRecorded("north", "statement", 1, "public words"))
    assert not event_visible("north", entry, state, scenario)
    assert event_visible(CONTROL, entry, state, scenario)
