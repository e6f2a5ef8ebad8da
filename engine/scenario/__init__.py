"""Scenario files: the static description of an exercise (TOML; the bundled ones are in
``engine/scenario/bundled/``)."""

from engine.scenario.faults import Fault, ScenarioError
from engine.scenario.loader import load_scenario, parse_scenario, peek_title
from engine.scenario.model import (
    Effect,
    Indicator,
    Inject,
    Issue,
    MoveType,
    Phase,
    Round,
    Scenario,
    Team,
)

__all__ = [
    "Effect",
    "Fault",
    "Indicator",
    "Inject",
    "Issue",
    "MoveType",
    "Phase",
    "Round",
    "Scenario",
    "ScenarioError",
    "Team",
    "load_scenario",
    "parse_scenario",
    "peek_title",
]
