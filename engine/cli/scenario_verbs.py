"""Verbs on scenario files: ``scenarios``, ``validate`` and ``schema``.

``scenario_path`` (``engine.scenario.bundled.scenario_argument``) is the argument type of
every verb that takes one scenario: a path, or a bundled scenario's name.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from engine.cli.verbs import verb
from engine.scenario import Scenario, ScenarioError, load_scenario, peek_title
from engine.scenario.bundled import (
    DEFAULT_NAME,
    FOLDER,
    UnknownScenarioError,
    bundled_scenarios,
    resolve_scenario,
)
from engine.scenario.bundled import scenario_argument as scenario_path  # noqa: F401  (re-export)
from engine.scenario.model import json_schema


def scenario_or_faults(path: Path) -> Scenario | None:
    """The scenario at ``path``, or None with each of its faults printed on stderr (the
    verb then exits 1)."""
    try:
        return load_scenario(path)
    except ScenarioError as error:
        for fault in error.faults:
            print(fault, file=sys.stderr)
        return None


def _file_or_bundled(text: str) -> Path:
    """For ``validate``: a bundled name becomes its file, anything else stays a path (a
    missing file is then reported as a fault like any other, beside the other files)."""
    try:
        return resolve_scenario(text)
    except UnknownScenarioError:
        return Path(text)


@verb("scenarios", "list the bundled scenarios: id, title and file name", lambda p: None)
def scenarios(args: argparse.Namespace) -> int:
    import tomllib

    rows = [("ID", "TITLE", "FILE")]
    for path in bundled_scenarios():
        try:
            header = tomllib.loads(path.read_text(encoding="utf-8")).get("scenario", {})
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            header = {}
        scenario_id = header.get("id", "?") if isinstance(header, dict) else "?"
        rows.append((str(scenario_id), peek_title(path) or "?", path.name))
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    for row in rows:
        print(f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]}")
    print(f"\nThe files are in {FOLDER}. Name one with --scenario, with or without .toml:")
    print(f"  parley simulate --scenario {DEFAULT_NAME} --rounds 6 --seed 1 --save demo.parley")
    return 0


def _validate_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files", nargs="+", metavar="SCENARIO", type=_file_or_bundled, help="a file or a name"
    )
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
