"""The argument parser and the verbs. Each verb returns a process exit code."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from engine.scenario import ScenarioError, load_scenario
from engine.scenario.model import json_schema

Verb = Callable[[argparse.Namespace], int]
_VERBS: dict[str, Verb] = {}


def verb(name: str) -> Callable[[Verb], Verb]:
    def register(function: Verb) -> Verb:
        _VERBS[name] = function
        return function

    return register


@verb("validate")
def validate(args: argparse.Namespace) -> int:
    """One line per fault on stderr; exit 0 when every file is valid, 1 otherwise."""
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


@verb("schema")
def schema(args: argparse.Namespace) -> int:
    """The JSON Schema (draft 2020-12) of the scenario format on stdout."""
    print(json.dumps(json_schema(), indent=2, sort_keys=False))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parley",
        description="Parley: run multi-team negotiation role-plays. "
        "With no verb, the app opens on the default scenario.",
    )
    verbs = parser.add_subparsers(dest="verb", metavar="VERB")
    p = verbs.add_parser("validate", help="check scenario files; one line per fault on stderr")
    p.add_argument("files", nargs="+", metavar="SCENARIO", type=Path)
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing for valid files")
    verbs.add_parser("schema", help="print the scenario format's JSON Schema")
    return parser


def run_verb(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.verb is None:
        parser.print_help()
        return 0
    try:
        return _VERBS[args.verb](args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
