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


def test_after_hanoi_has_the_history_s_outside_verifier_pledges_and_phased_steps() -> None:
    """Issue 16: the IAEA verifies without a seat; an inject asks Control for the five
    parties' joint pledge and phased steps, another for the inspectors' reports; the
    briefs say what a big deal and a step-by-step sequence are in Parley."""
    scenario = load_scenario(SCENARIOS / "after-hanoi-2019.toml")
    iaea = scenario.observer("iaea")
    assert iaea is not None and iaea.name == "International Atomic Energy Agency"
    assert "iaea" not in scenario.team_ids
    pledge = scenario.inject("six_party_plenary_pledge")
    assert pledge is not None and "five givers" in pledge.control_notes
    assert '"step"' in pledge.control_notes
    report = scenario.inject("iaea_inspection_report")
    assert report is not None and "verification" in report.control_notes
    assert "**big deal**" in scenario.background and "**Simultaneous action**" in (
        scenario.background
    )
    briefs = {t.id: t.public_brief for t in scenario.teams}
    assert "*big deal*" in briefs["usa"] and "*step*" in briefs["dprk"]
