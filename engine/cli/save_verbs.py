"""Verbs on save files as files: ``copy`` (complete, with what its log holds) and
``recover`` (every good event of a damaged save, into a new one)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from engine.cli.verbs import verb

SHOWN = 10  # set-aside events named one by one; the rest are counted


def _copy_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("save", type=Path, metavar="SAVE")
    parser.add_argument("dest", type=Path, metavar="DEST")


@verb("copy", "copy a save, complete (even while it is being written)", _copy_args)
def copy(args: argparse.Namespace) -> int:
    from engine.save.copy import copy_save

    copy_save(args.save, args.dest)
    print(f"{args.dest}: a copy of {args.save}", file=sys.stderr)
    return 0


def _recover_args(parser: argparse.ArgumentParser) -> None:
    from engine.cli.scenario_verbs import scenario_path

    parser.add_argument("save", type=Path, metavar="DAMAGED")
    parser.add_argument("-o", "--out", required=True, type=Path, metavar="NEW")
    parser.add_argument(
        "--scenario",
        type=scenario_path,
        default=None,
        metavar="SCENARIO",
        help="the scenario to replay the events against, when the save's own text is "
        "damaged (a file, or a bundled scenario's name)",
    )


@verb("recover", "write every good event of a damaged save into a new save", _recover_args)
def recover(args: argparse.Namespace) -> int:
    from engine.cli.scenario_verbs import scenario_or_faults
    from engine.session.salvage import recover_save

    scenario = None
    if args.scenario is not None:
        scenario = scenario_or_faults(args.scenario)
        if scenario is None:
            return 1
    with recover_save(args.save, args.out, scenario) as session:
        kept = session.last_seq - len(session.set_aside)
        print(f"{args.out}: {kept} events recovered", file=sys.stderr)
        if session.stops_at:
            print(f"{args.save}: {session.stops_at}", file=sys.stderr)
        for breach in session.set_aside[:SHOWN]:
            print(f"{args.save}: set aside {breach} (a note stands in its place)", file=sys.stderr)
        if len(session.set_aside) > SHOWN:
            more = len(session.set_aside) - SHOWN
            print(f"{args.save}: and {more} more events set aside", file=sys.stderr)
    return 0
