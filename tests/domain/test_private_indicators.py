"""Indicators a scenario marks ``public = false``: Control and the teams a value concerns
see them; the room never does, and a private inject that moves a public meter says so."""

from __future__ import annotations

import pytest

from engine.domain.events import CONTROL
from engine.domain.state import IndicatorChange, SessionState
from engine.domain.visibility import PUBLIC, indicator_visible, revealing_effects, view_state
from engine.scenario import parse_scenario


@pytest.fixture
def scenario(minimal_text: str):
    text = minimal_text.replace(
        'initial = 60\nscope = "team"', 'initial = 60\nscope = "team"\npublic = false'
    ).replace('initial = 40\nscope = "pair"', 'initial = 40\nscope = "pair"\npublic = false')
    text += """
[[injects]]
id = "secret_poll"
title = "A secret poll"
text = "North's leadership reads a poll nobody else sees."
visibility = ["north"]
effects.support.north = -5
effects.tension = 2
control_notes = "Fire when North looks too confident."
"""
    return parse_scenario(text, "private.toml")


def test_a_private_team_indicator_is_seen_by_control_and_its_own_team_only(scenario) -> None:
    assert indicator_visible(CONTROL, "support.north", scenario)
    assert indicator_visible("north", "support.north", scenario)
    assert not indicator_visible("south", "support.north", scenario)
    assert not indicator_visible(PUBLIC, "support.north", scenario)
    assert indicator_visible(PUBLIC, "tension", scenario), "public indicators stay public"


def test_a_private_pair_value_is_seen_by_its_two_teams(scenario) -> None:
    assert indicator_visible("north", "trust.north.south", scenario)
    assert indicator_visible("south", "trust.north.south", scenario)
    assert not indicator_visible(PUBLIC, "trust.north.south", scenario)


def test_view_state_leaves_out_values_and_changes_the_viewer_may_not_see(scenario) -> None:
    state = SessionState(
        indicators={"tension": 50.0, "support.north": 55.0, "support.south": 60.0},
        indicator_log=[
            IndicatorChange(1, 1, "support.north", 60.0, -5.0, 55.0, "inject secret_poll"),
            IndicatorChange(1, 1, "tension", 48.0, 2.0, 50.0, "inject secret_poll"),
        ],
    )
    room = view_state(state, PUBLIC, scenario)
    assert room.indicators == {"tension": 50.0}
    assert [c.key for c in room.indicator_log] == ["tension"]
    south = view_state(state, "south", scenario)
    assert south.indicators == {"tension": 50.0, "support.south": 60.0}
    north = view_state(state, "north", scenario)
    assert "support.north" in north.indicators and "support.south" not in north.indicators


def test_a_private_inject_names_the_public_meters_it_moves(scenario) -> None:
    assert revealing_effects("secret_poll", scenario) == ("tension",)


def test_control_notes_are_read_and_kept_apart_from_the_text(scenario) -> None:
    inject = scenario.inject("secret_poll")
    assert inject is not None
    assert inject.control_notes == "Fire when North looks too confident."
    assert "Fire" not in inject.text
