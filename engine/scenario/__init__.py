"""Scenario files: the static description of an exercise (``scenarios/*.toml``)."""

from engine.scenario.faults import Fault, ScenarioError
from engine.scenario.loader import load_scenario, parse_scenario
from engine.scenario.model import (
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
]
