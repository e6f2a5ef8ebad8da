"""Verbs on scenario files: ``validate`` and ``schema``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from engine.cli.verbs import verb
from engine.scenario import ScenarioError, load_scenario
from engine.scenario.model import json_schema


def _validate_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="SCENARIO", type=Path)
    parser.add_argument("-q", "--quiet", action="store_true", help="say nothing of valid files")


@verb("validate", "check scenario files: one line per fault on stderr", _validate_args)
def validate(args: argparse.Namespace) -> int:
    """Exit 0 when every file is valid, 1 otherwise."""
    bad = 0
    for name in args.files:
        try:
            scenario = load_scenario(name)
        except ScenarioError as error:
            bad += 1
            for fault in error.faults:
                print(fault, file=sys.stderr)
            continue
        if not args.quiet:
            print(
                f"{name}: ok ({scenario.title}: {len(scenario.teams)} teams, "
                f"{len(scenario.rounds)} rounds)"
            )
    return 1 if bad else 0


@verb("schema", "print the scenario format's JSON Schema (draft 2020-12)", lambda p: None)
def schema(args: argparse.Namespace) -> int:
    print(json.dumps(json_schema(), indent=2))
    return 0
