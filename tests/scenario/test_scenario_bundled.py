"""The bundled scenarios (engine/scenario/bundled/) are valid, by the validator and the
JSON Schema."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, SCENARIOS
from engine.scenario import Scenario, load_scenario
from engine.scenario.model import json_schema

BUNDLED = sorted(SCENARIOS.glob("*.toml"))


def test_the_bundled_scenarios_are_there() -> None:
    """The parametrized tests below would pass vacuously on an empty folder."""
    assert len(BUNDLED) >= 3, f"expected at least three scenarios in {SCENARIOS}"
    assert SCENARIOS / "after-hanoi-2019.toml" in BUNDLED


@pytest.mark.parametrize("path", BUNDLED, ids=[p.name for p in BUNDLED])
def test_bundled_scenario_validates(path: Path) -> None:
    scenario = load_scenario(path)
    assert isinstance(scenario, Scenario)
    assert len(scenario.teams) >= 2
    assert scenario.rounds


@pytest.mark.parametrize("path", BUNDLED, ids=[p.name for p in BUNDLED])
def test_bundled_scenario_matches_the_json_schema(path: Path) -> None:
    with open(path, "rb") as handle:
        doc = tomllib.load(handle)
    validator = jsonschema.Draft202012Validator(json.loads(json.dumps(json_schema())))
    problems = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]
    assert problems == []


def test_validate_verb_accepts_every_bundled_scenario() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "validate", *map(str, BUNDLED)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == len(BUNDLED)
